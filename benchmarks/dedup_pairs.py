#!/usr/bin/env python3
"""Near-duplicate detection benchmark: precision/recall on generated pairs, speed, memory.

Usage:
    python benchmarks/dedup_pairs.py [--data DIR] [--memory-docs 100000] [--seed 5]

From the 181 Scrapinghub benchmark articles' ground-truth texts it renders HTML pages in four
site templates (different navigation, related-story lists, newsletter and copyright lines) and
cleans them with `cleaners.clean_html`, as a crawl would:

- positives, two per article: the original in its site's template vs a copy in another template
  with 2-10% of its words edited (substituted, inserted, deleted) and its photo caption moved,
  and vs such a copy also truncated to 70% of its words;
- hard negatives: each article vs the most similar other article (highest shingle overlap of
  the ground truth: same topic), and every pair of articles from the same site, both pages in
  the same template.

A pair is detected as the index decides for two texts: equal content hash, or a shared LSH band
key and overlap >= THRESHOLD. It then runs every generated page through one `DedupIndex` (shuffled)
and scores the groups over all pairs of pages; times `DedupIndex.assign` against `clean_html`
on the real benchmark pages; and fills an on-disk index with synthetic texts, printing RSS,
docs/s and file size at four checkpoints (a bounded loop) and the figures extrapolated to 1M.
"""

from __future__ import annotations

import argparse
import gzip
import html
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cleaners import near_dup
from crawler.dedup.index import FILENAME, DedupIndex

DEFAULT_DATA = Path(os.environ.get("CLEANCRAWL_BENCHMARKS", "/work/shared/benchmarks")) / "scrapinghub"
EDIT_LEVELS = (0.02, 0.04, 0.06, 0.08, 0.10)

TEMPLATES = [
    # (navigation, newsletter line, copyright line)
    ("Home | World | Business | Tech | Sport | Opinion | Subscribe",
     "Get the morning briefing: the day's most important stories, straight to your inbox.",
     "Copyright 2024 Daily Herald Media. All rights reserved."),
    ("News / Politics / Economy / Culture / Weather / Log in",
     "Sign up to our free newsletter and never miss a story from our newsroom again.",
     "All content copyright Metro Press Group. Reproduction without permission is prohibited."),
    ("Latest · Top stories · Video · Podcasts · Newsletters · Account",
     "Support independent journalism: become a member today for less than a coffee a week.",
     "Terms of service · Privacy policy · Cookie preferences · Contact the editors"),
    ("Front page > Local > National > International > Lifestyle",
     "Follow us on social media for breaking news alerts and live coverage.",
     "This site uses cookies to improve your experience. By continuing you accept our policy."),
]


def paragraphs_of(text: str) -> list[str]:
    """Non-empty paragraphs (lines) of a ground-truth body."""
    return [" ".join(p.split()) for p in text.splitlines() if p.strip()]


def edit_words(paragraphs: list[str], share: float, vocab: list[str], rng: random.Random) -> list[str]:
    """Substitute (60%), insert (20%) or delete (20%) `share` of the words at random positions."""
    words = [p.split() for p in paragraphs]
    slots = [(i, j) for i, p in enumerate(words) for j in range(len(p))]
    for i, j in sorted(rng.sample(slots, max(1, round(len(slots) * share))), reverse=True):
        op = rng.random()
        if op < 0.6:
            words[i][j] = rng.choice(vocab)
        elif op < 0.8:
            words[i].insert(j, rng.choice(vocab))
        elif len(words[i]) > 1:
            del words[i][j]
    return [" ".join(p) for p in words if p]


def truncate(paragraphs: list[str], share: float) -> list[str]:
    """The first `share` of the words, paragraphs kept."""
    budget = int(sum(len(p.split()) for p in paragraphs) * share)
    out = []
    for p in paragraphs:
        words = p.split()[:budget]
        budget -= len(words)
        if words:
            out.append(" ".join(words))
        if budget <= 0:
            break
    return out


def render(paragraphs: list[str], caption: str, caption_at: int, template: int, related: list[str]) -> str:
    """An article page: template boilerplate around the body, a photo with caption after paragraph `caption_at`."""
    nav, newsletter, legal = TEMPLATES[template]
    body = []
    for i, p in enumerate(paragraphs):
        body.append(f"<p>{html.escape(p)}</p>")
        if i == caption_at:
            body.append(f'<figure><img src="/img/{template}.jpg" alt=""><figcaption>{html.escape(caption)}'
                        "</figcaption></figure>")
    links = "".join(f'<li><a href="/story/{n}">{html.escape(t)}</a></li>' for n, t in enumerate(related))
    title = " ".join(paragraphs[0].split()[:10])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>"
            f"<header><nav>{html.escape(nav)}</nav></header><main><article><h1>{html.escape(title)}</h1>"
            f"{''.join(body)}</article><aside><h2>Related</h2><ul>{links}</ul></aside></main>"
            f"<footer><p>{html.escape(newsletter)}</p><p>{html.escape(legal)}</p></footer></body></html>")


def overlap(a: set, b: set) -> float:
    """Exact share of the smaller shingle set found in the larger."""
    return len(a & b) / max(1, min(len(a), len(b)))


def detected(a, b) -> bool:
    """What a two-text index decides: same hash, or an LSH candidate at or above the threshold."""
    if a.content_hash == b.content_hash:
        return True
    sa, sb = near_dup.sketch(a.text), near_dup.sketch(b.text)
    if sa is None or sb is None or not set(near_dup.band_keys(sa)) & set(near_dup.band_keys(sb)):
        return False
    return near_dup.is_near_copy(sa, sb)


def build_corpus(truth: dict, seed: int) -> tuple[dict, list, list]:
    """Cleaned pages keyed (article id, kind), plus the positive and hard-negative pairs."""
    from cleaners import clean_html  # not imported by the memory run
    rng = random.Random(seed)
    ids = sorted(truth)
    paras = {i: paragraphs_of(truth[i]["articleBody"]) for i in ids}
    vocab = [w for i in ids for p in paras[i] for w in p.split()]
    heads = {i: " ".join(paras[i][0].split()[:8]) for i in ids}
    domain = {i: truth[i]["url"].split("/")[2] for i in ids}
    home = {i: sum(map(ord, domain[i])) % len(TEMPLATES) for i in ids}
    pages, positives = {}, []
    for n, i in enumerate(ids):
        p = paras[i]
        words = " ".join(p).split()
        caption = f"Photo: {' '.join(words[5:17])}. (Staff photographer)"
        related = [heads[j] for j in rng.sample(ids, 5) if j != i]
        edits = EDIT_LEVELS[n % len(EDIT_LEVELS)]
        other = [t for t in range(len(TEMPLATES)) if t != home[i]]
        edited = edit_words(p, edits, vocab, rng)
        variants = {
            "original": (p, 0, home[i]),
            "edited": (edited, len(edited) - 1, other[0]),
            "edited+truncated": (truncate(edited, 0.7), 1, other[1]),
        }
        for kind, (body, at, template) in variants.items():
            url = f"http://127.0.0.1/{kind}/{i}"
            pages[(i, kind)] = clean_html(render(body, caption, min(at, len(body) - 1), template, related), url)
        positives += [((i, "original"), (i, kind), edits) for kind in ("edited", "edited+truncated")]
    # hard negatives: nearest other article (same topic) and same-site pairs, rendered in one template
    shingles = {i: near_dup.shingles(truth[i]["articleBody"]) for i in ids}
    negatives = set()
    for i in ids:
        j = max((j for j in ids if j != i), key=lambda j: overlap(shingles[i], shingles[j]))
        negatives.add(tuple(sorted((i, j))))
    negatives |= {tuple(sorted((i, j))) for i, j in itertools.combinations(ids, 2) if domain[i] == domain[j]}
    neg_pairs = []
    for i, j in sorted(negatives):
        for k in (i, j):
            if (k, f"same-template-{home[i]}") not in pages:
                page = clean_html(render(paras[k], "Photo: file image.", 0, home[i], []),
                                  f"http://127.0.0.1/t{home[i]}/{k}")
                pages[(k, f"same-template-{home[i]}")] = page
        neg_pairs.append(((i, f"same-template-{home[i]}"), (j, f"same-template-{home[i]}")))
    return pages, positives, neg_pairs


def score_pairs(pages: dict, positives: list, negatives: list) -> None:
    """Pair-level precision and recall, recall by kind and by edit level."""
    hits = {(a, b): detected(pages[a], pages[b]) for a, b, _ in positives}
    false = [(a, b) for a, b in negatives if detected(pages[a], pages[b])]
    tp, fp = sum(hits.values()), len(false)
    print(f"pairs: {len(positives)} positive, {len(negatives)} hard negative")
    print(f"  precision {tp / max(1, tp + fp):.4f}  recall {tp / len(positives):.4f}  "
          f"(false positives {fp}, missed {len(positives) - tp})")
    for kind in ("edited", "edited+truncated"):
        got = [hits[(a, b)] for a, b, _ in positives if b[1] == kind]
        print(f"  recall {kind:<17} {sum(got) / len(got):.4f}  ({sum(got)}/{len(got)})")
    for level in EDIT_LEVELS:
        got = [hits[(a, b)] for a, b, e in positives if e == level]
        print(f"  recall at {level:.0%} edits     {sum(got) / len(got):.4f}  ({sum(got)}/{len(got)})")
    def sims(pairs):
        return [near_dup.similarity(*(near_dup.sketch(pages[x].text) for x in pair[:2])) for pair in pairs]
    pos, neg = sims(positives), sims(negatives)
    exact = sum(pages[a].content_hash == pages[b].content_hash for a, b, _ in positives)
    print(f"  positives: min overlap {min(pos):.3f}, median {statistics.median(pos):.3f}, exact copies {exact}; "
          f"hard negatives: max {max(neg):.3f}, median {statistics.median(neg):.3f} (threshold {near_dup.THRESHOLD})")


def score_groups(pages: dict, seed: int) -> None:
    """All pages through one index in shuffled order; precision/recall over every pair of pages."""
    keys = sorted(pages)
    random.Random(seed).shuffle(keys)
    with DedupIndex() as index:
        group = {k: index.assign(pages[k].url, pages[k].text, pages[k].content_hash).dup_group for k in keys}
    pairs = list(itertools.combinations(keys, 2))
    same_true = {(a, b) for a, b in pairs if a[0] == b[0]}
    same_pred = {(a, b) for a, b in pairs if group[a] == group[b]}
    tp = len(same_true & same_pred)
    print(f"index over {len(keys)} pages ({len(pairs)} pairs, {len(same_true)} same-article): "
          f"precision {tp / max(1, len(same_pred)):.4f}  recall {tp / len(same_true):.4f}  "
          f"groups {len(set(group.values()))} for {len({k[0] for k in keys})} articles")


def speed(data: Path, pages: dict) -> None:
    """docs/s of clean_html on the benchmark pages vs DedupIndex.assign on texts new, exact and near."""
    from cleaners import clean_html
    raw = [(p.name, gzip.decompress(p.read_bytes())) for p in sorted((data / "html").glob("*.html.gz"))]
    t0 = time.perf_counter()
    cleaned = [clean_html(body, f"http://127.0.0.1/{name}") for name, body in raw]
    clean_rate = len(raw) / (time.perf_counter() - t0)
    new = [(a.url, a.text, a.content_hash) for a in cleaned if a.text]
    runs = {"new texts (the benchmark pages)": new,
            "exact copies (the same again)": [(f"{u}?copy", t, h) for u, t, h in new],
            "generated pages (mostly near copies)": [(p.url, p.text, p.content_hash) for p in pages.values()]}
    print(f"speed: clean_html {clean_rate:.1f} docs/s on the {len(raw)} benchmark pages; DedupIndex.assign "
          f"(on-disk index, sketch included):")
    with tempfile.TemporaryDirectory() as tmp, DedupIndex(tmp) as index:
        for name, texts in runs.items():
            t0 = time.perf_counter()
            for url, text, h in texts:
                index.assign(url, text, h)
            rate = len(texts) / (time.perf_counter() - t0)
            print(f"  {name:<38} {rate:7.1f} docs/s = {rate / clean_rate:5.1f}x cleaning "
                  f"(adds {100 * clean_rate / rate:.1f}% to the cleaning time)")


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB (Linux /proc)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def memory(vocab: list[str], n: int, seed: int) -> None:
    """Fill an on-disk index with n synthetic texts (10% near-copies); RSS, speed and size at checkpoints."""
    rng = random.Random(seed)
    recent: list[str] = []
    marks = {n * q // 4 for q in (1, 2, 3, 4)}
    base = rss_mb()[0]
    print(f"memory: {n} synthetic texts of 300 words into an on-disk index, in a fresh process "
          f"(RSS after imports: {base:.0f} MB)")
    with tempfile.TemporaryDirectory() as tmp, DedupIndex(tmp) as index:
        t0 = last_t = time.perf_counter()
        last_i = 0
        for i in range(1, n + 1):
            if recent and rng.random() < 0.1:
                words = rng.choice(recent).split()
                words[rng.randrange(len(words))] = rng.choice(vocab)
                text = " ".join(words)
            else:
                text = " ".join(rng.choices(vocab, k=300))
                recent = (recent + [text])[-100:]
            index.assign(f"http://127.0.0.1/{i}", text)
            if i in marks:
                index.commit()
                index._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # measure the database, not the log
                size = (Path(tmp) / FILENAME).stat().st_size
                now, peak = rss_mb()
                t = time.perf_counter()
                print(f"  {i:>8} texts: RSS {now:.0f} MB (+{now - base:.0f}, peak {peak:.0f}), "
                      f"{(i - last_i) / (t - last_t):.0f} docs/s in this quarter ({i / (t - t0):.0f} overall), "
                      f"{FILENAME} {size / 2**20:.0f} MB ({size / i:.0f} bytes/text)")
                last_i, last_t = i, time.perf_counter()
    print(f"  1M texts (extrapolated): RSS flat at ~{peak:.0f} MB (+{peak - base:.0f} MB over the imports; "
          f"SQLite page cache capped at 32 MB), disk ~{size / n * 1e6 / 2**30:.1f} GB")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--memory-docs", type=int, default=100_000, help="synthetic texts for the memory run (0: skip)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--memory-only", action="store_true", help="only the memory run (what the main run spawns)")
    args = ap.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    if args.memory_only:
        memory(sorted({w for v in truth.values() for w in v["articleBody"].split()}), args.memory_docs, args.seed)
        return 0
    t0 = time.perf_counter()
    pages, positives, negatives = build_corpus(truth, args.seed)
    print(f"generated and cleaned {len(pages)} pages in {time.perf_counter() - t0:.0f} s")
    score_pairs(pages, positives, negatives)
    score_groups(pages, args.seed)
    speed(args.data, pages)
    if args.memory_docs:  # a fresh process, so the pages and extractor above do not hide the index's memory
        subprocess.run([sys.executable, __file__, "--memory-only", "--memory-docs", str(args.memory_docs),
                        "--seed", str(args.seed), "--data", str(args.data)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
