#!/usr/bin/env python3
"""Train the text-mode chrome classifier (`cleaners/data/chrome_model.json`) and score it on unseen pages.

Usage (from the repo root; resiliparse comes with the benchmark extra: `.venv/bin/pip install -e '.[bench]'`):
    .venv/bin/python benchmarks/train_chrome_model.py [--evaluate] [--write] [--folds 5]

Data: both shared sets (`../shared/benchmarks/scrapinghub`, `readability`), every page rendered by both
converters of `benchmarks/text_dumps.py`, run through `clean_text`'s steps up to the chrome filter; each
remaining block is labelled article when most of its tokens align, in order, with the page's ground truth.
A block weighs its tokens (plus one), shared out so that every page's article and every page's chrome weigh
the same (the benchmark's per-page precision and recall weigh pages equally). A page's language is the one the
filter finds (`ChromeBlockFilter.scores`; on a page whose passed text is mostly in a script foreign to its first
guess, that recheck uses the model in place). The dataset is cached in /tmp between runs: `--fresh` rebuilds it
(do so after changing a feature or a step before the filter).

`--evaluate` scores the method on pages it was not trained on, with the shared scorer on the text `clean_text`
would return: k-fold by page (a page's two dumps always in the same fold), and trained on one set while scored
on the other. `--write` trains on all pages and writes the model. Training is numpy only (mini-batch Adam,
fixed seeds), so the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from text_dumps import CONVERTERS, SETS, label_lines, load_set, require_converters, shared_benchmarks  # noqa: E402

from cleaners.blocks import Block, Page  # noqa: E402
from cleaners.chain import TEXT_STEPS  # noqa: E402
from cleaners.chrome import ChromeBlockFilter, kept_blocks  # noqa: E402
from cleaners.chrome_model import MODEL_PATH, revision_inputs, stage_one_inputs  # noqa: E402
from cleaners.draft import Draft  # noqa: E402

sys.path.insert(0, str(shared_benchmarks()))
import score_extraction  # noqa: E402

CACHE = Path("/tmp/cleancrawl-chrome-dataset.pickle")
HIDDEN = (24,)
MEMBERS = ((), (24,))  # a linear model and one with a hidden layer
EPOCHS = 12
L2 = 1e-4
BATCH = 256
THRESHOLD = 0.12


def steps_before_filter() -> tuple[tuple, ChromeBlockFilter]:
    """TEXT_STEPS up to the chrome filter (the state the classifier sees), and the filter."""
    steps = []
    for step in TEXT_STEPS:
        if isinstance(step, ChromeBlockFilter):
            return tuple(steps), step
        steps.append(step)
    raise SystemExit("TEXT_STEPS has no ChromeBlockFilter")


def build_dataset() -> list[dict]:
    """One entry per (set, converter, page): features, labels, weights and the texts to score."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    steps, chrome_filter = steps_before_filter()
    pages = []
    for set_name in SETS:
        for page_id, _url, html, truth in load_set(set_name):
            for conv, render in CONVERTERS.items():
                blocks = [Block(text=line, tag="line") for line in render(html).splitlines() if line.strip()]
                draft = Draft(page=Page(blocks=blocks))
                for step in steps:
                    step(draft)
                texts = [b.text for b in draft.blocks]
                language = chrome_filter.page_language(texts)
                local, inputs = stage_one_inputs(texts, language)
                share = np.array(label_lines(texts, truth)) if texts else np.zeros(0)
                pages.append({"set": set_name, "id": page_id, "conv": conv, "texts": texts, "truth": truth, "language": language,
                              "local": local, "inputs": inputs, "label": (share >= 0.5).astype(float),
                              "tokens": np.array([len(score_extraction.TOKEN_RE.findall(t)) for t in texts])})
    CACHE.write_bytes(pickle.dumps(pages))
    return pages


def weights(page: dict) -> np.ndarray:
    """Tokens + 1 per block, normalised so the page's article and its chrome weigh one each."""
    w = page["tokens"] + 1.0
    y = page["label"]
    out = np.zeros_like(w)
    for value in (0.0, 1.0):
        mask = y == value
        if mask.any():
            out[mask] = w[mask] / w[mask].sum()
    return out


def train_network(x: np.ndarray, y: np.ndarray, w: np.ndarray, seed: int, hidden=None,
                  epochs: int | None = None, batch: int = BATCH, l2: float | None = None, lr: float = 3e-3) -> dict:
    """A ReLU network fitted by mini-batch Adam on weighted cross-entropy; returns its JSON spec."""
    hidden = HIDDEN if hidden is None else hidden
    epochs = EPOCHS if epochs is None else epochs
    l2 = L2 if l2 is None else l2
    rng = np.random.default_rng(seed)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    h = (x - mean) / scale
    sizes = [x.shape[1], *hidden, 1]
    params = []
    for a, b in zip(sizes, sizes[1:], strict=False):
        params += [rng.normal(0, np.sqrt(2 / a), (a, b)), np.zeros(b)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    w = w * (len(w) / w.sum())  # mean weight one: the learning rate does not depend on the data's size
    step = 0
    for _epoch in range(epochs):
        order = rng.permutation(len(h))
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            step += 1
            grads = _gradients(params, h[rows], y[rows], w[rows] / len(rows), l2)
            for i, (param, g) in enumerate(zip(params, grads, strict=False)):
                m, v = moments[i]
                m[:] = 0.9 * m + 0.1 * g
                v[:] = 0.999 * v + 0.001 * g * g
                param -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    layers = [[params[k].tolist(), params[k + 1].tolist()] for k in range(0, len(params), 2)]
    return {"mean": mean.tolist(), "scale": scale.tolist(), "layers": layers}


def _gradients(params: list, h: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float) -> list:
    """Gradients of the weighted cross-entropy (plus an L2 penalty on the weights) for one batch."""
    acts = [h]
    for k in range(0, len(params), 2):
        z = acts[-1] @ params[k] + params[k + 1]
        acts.append(np.maximum(z, 0) if k < len(params) - 2 else z)
    p = 1 / (1 + np.exp(-np.clip(acts[-1][:, 0], -30, 30)))
    grad = ((p - y) * w)[:, None]
    grads: list = [None] * len(params)
    for k in range(len(params) - 2, -1, -2):
        grads[k] = acts[k // 2].T @ grad + l2 * params[k]
        grads[k + 1] = grad.sum(axis=0)
        if k:
            grad = (grad @ params[k].T) * (acts[k // 2] > 0)
    return grads


def _stack(pages: list[dict], key: str) -> np.ndarray:
    return np.concatenate([p[key] for p in pages])


def _logits(spec: dict, x: np.ndarray) -> np.ndarray:
    from cleaners.chrome_model import Ensemble

    return Ensemble(spec).logits(x)


def train_ensemble(x: np.ndarray, y: np.ndarray, w: np.ndarray, seed: int) -> dict:
    """A network per shape in MEMBERS (hidden layer sizes), trained alike; the model averages their logits."""
    return {"members": [train_network(x, y, w, seed + k, hidden=hidden) for k, hidden in enumerate(MEMBERS)]}


def train(pages: list[dict], seed: int = 0, inner_folds: int = 4) -> dict:
    """Stage one on all pages; stage two on stage one's out-of-fold logits (as it will meet unseen pages)."""
    pages = [p for p in pages if len(p["texts"])]
    x, y = _stack(pages, "inputs"), _stack(pages, "label")
    w = np.concatenate([weights(p) for p in pages])
    stage_one = train_ensemble(x, y, w, seed)
    oof = {}
    for fold, (train_ids, _test_ids) in enumerate(_folds(pages, inner_folds, seed + 1)):
        part = [p for p in pages if p["id"] in train_ids]
        spec = train_ensemble(_stack(part, "inputs"), _stack(part, "label"),
                              np.concatenate([weights(p) for p in part]), seed + 10 + fold)
        for p in pages:
            if p["id"] not in train_ids:
                oof[(p["set"], p["id"], p["conv"])] = _logits(spec, p["inputs"])
    x2 = np.concatenate([np.hstack([p["inputs"], revision_inputs(p["local"], oof[(p["set"], p["id"], p["conv"])])])
                         for p in pages])
    stage_two = train_ensemble(x2, y, w, seed + 100)
    return {"stage_one": stage_one, "stage_two": stage_two, "threshold": THRESHOLD}


def _folds(pages: list[dict], k: int, seed: int) -> list[tuple[set, set]]:
    ids = sorted({p["id"] for p in pages})
    rng = np.random.default_rng(seed)
    rng.shuffle(ids)
    parts = [set(ids[i::k]) for i in range(k)]
    return [(set(ids) - part, part) for part in parts]


def predict(spec: dict, page: dict) -> np.ndarray:
    from cleaners.chrome_model import ChromeModel

    model = ChromeModel(spec)
    if not page["texts"]:
        return np.zeros(0)
    logits = model.stage_one.logits(page["inputs"])
    revised = model.stage_two.logits(np.hstack([page["inputs"], revision_inputs(page["local"], logits)]))
    return 1 / (1 + np.exp(-revised))


def kept(spec: dict, page: dict, threshold: float) -> np.ndarray:
    """Which blocks the filter keeps (`cleaners.chrome.kept_blocks` of those scored at the threshold or above)."""
    return np.array(kept_blocks(page["texts"], predict(spec, page) >= threshold, page["language"]), dtype=bool)


def score_pages(spec: dict, pages: list[dict], threshold: float | None = None) -> dict:
    """Shared-scorer F1/precision/recall of the kept blocks, per (set, converter)."""
    out = {}
    for key in sorted({(p["set"], p["conv"]) for p in pages}):
        group = [p for p in pages if (p["set"], p["conv"]) == key]
        counts = []
        for p in group:
            keep = kept(spec, p, spec["threshold"] if threshold is None else threshold)
            text = "\n\n".join(t for t, k in zip(p["texts"], keep, strict=False) if k)
            counts.append(score_extraction.page_counts(p["truth"], text))
        out[key] = score_extraction.aggregate(counts)
    return out


def evaluate(pages: list[dict], folds: int) -> None:
    """Print F1/precision/recall on unseen pages: k-fold by page, and each set scored by a model of the other."""
    thresholds = sorted({THRESHOLD, 0.08, 0.2})
    results: dict = {}

    def score(spec: dict, test: list[dict], protocol: str) -> None:
        for p in test:
            if not p["texts"]:
                continue
            for threshold in thresholds:
                text = "\n\n".join(t for t, k in zip(p["texts"], kept(spec, p, threshold), strict=True) if k)
                key = (protocol, p["set"], p["conv"], threshold)
                results.setdefault(key, []).append(score_extraction.page_counts(p["truth"], text))

    for train_ids, test_ids in _folds(pages, folds, 7):
        score(train([p for p in pages if p["id"] in train_ids]), [p for p in pages if p["id"] in test_ids],
              f"{folds}-fold by page")
    for train_set, test_set in (("scrapinghub", "readability"), ("readability", "scrapinghub")):
        score(train([p for p in pages if p["set"] == train_set]), [p for p in pages if p["set"] == test_set],
              f"trained on {train_set}")
    print("| protocol | set | converter | threshold | F1 | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for (protocol, set_name, conv, threshold), counts in sorted(results.items()):
        m = score_extraction.aggregate(counts)
        mark = " (shipped)" if threshold == THRESHOLD else ""
        print(f"| {protocol} | {set_name} | {conv} | {threshold:.2f}{mark} | {m['f1']:.3f} | {m['precision']:.3f} | "
              f"{m['recall']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--evaluate", action="store_true", help="score on pages not trained on")
    ap.add_argument("--write", action="store_true", help=f"train on every page and write {MODEL_PATH}")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--fresh", action="store_true", help=f"rebuild the cached dataset ({CACHE})")
    args = ap.parse_args(argv)
    require_converters()
    if args.fresh:
        CACHE.unlink(missing_ok=True)
    pages = build_dataset()
    if args.evaluate:
        evaluate(pages, args.folds)
    if args.write:
        spec = train(pages)
        MODEL_PATH.parent.mkdir(exist_ok=True)
        MODEL_PATH.write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
