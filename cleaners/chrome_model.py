"""The chrome classifier's model: two small networks over a page's block features, read from a JSON file.

Stage one scores each block from its own shape and its neighbours' (`cleaners.line_features`). Stage two
revises every score from the stage-one scores around it: how much of the page's likely article lies before
and after the block, and how its neighbours scored. That is jusText's neighbour revision, learned: a short
block is judged by what surrounds it. The weights are trained by `benchmarks/train_chrome_model.py` on
the shared benchmark pages rendered as text dumps; this module only evaluates them (numpy, no training
library at run time).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

from cleaners.line_features import LOCAL, context_features, local_features, window_sum

MODEL_PATH = Path(__file__).resolve().parent / "data" / "chrome_model.json"
REVISION_OFFSETS = (-3, -2, -1, 1, 2, 3)
REVISION_WINDOWS = (2, 6, 15)
REVISION_REACH = (2, 5, 12, 30)
_SHORT_LOG = np.log1p(10)  # the words column holds log(1 + words): blocks under ten words are short


class Network:
    """A small feed-forward network: standardised inputs, ReLU hidden layers, one logit out."""

    def __init__(self, spec: dict) -> None:
        self.mean = np.asarray(spec["mean"], dtype=np.float64)
        self.scale = np.asarray(spec["scale"], dtype=np.float64)
        self.layers = [(np.asarray(w, dtype=np.float64), np.asarray(b, dtype=np.float64))
                       for w, b in spec["layers"]]

    def logits(self, x: np.ndarray) -> np.ndarray:
        h = (x - self.mean) / self.scale
        for k, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if k < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return h[:, 0]


def stage_one_inputs(texts: list[str], language: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(the blocks' LOCAL rows, stage one's input rows: LOCAL and CONTEXT side by side)."""
    local = local_features(texts, language)
    return local, np.hstack([local, context_features(local)])


def revision_inputs(local: np.ndarray, logits: np.ndarray) -> np.ndarray:
    """Stage two's input rows: a block's stage-one logit, its neighbours', and the likely article around it."""
    n = len(logits)
    p = 1.0 / (1.0 + np.exp(-logits))
    words = np.expm1(local[:, 0])
    columns = [logits]
    for d in REVISION_OFFSETS:
        shifted = np.full(n, -4.0)  # past the page's edge: as if chrome
        if d > 0:
            shifted[:-d] = logits[d:]
        else:
            shifted[-d:] = logits[:d]
        columns.append(shifted)
    mass = p * words
    total = max(mass.sum(), 1.0)
    before = np.cumsum(mass) - mass
    columns += [before / total, (total - before - mass) / total]
    for half in REVISION_WINDOWS:
        columns.append(window_sum(p * (words + 1.0), half) / window_sum(words + 1.0, half))
    # the best-scored block within k blocks before and after: is the block between two pieces of article?
    for k in REVISION_REACH:
        columns.append(_running_max(p, k, forward=True))
        columns.append(_running_max(p, k, forward=False))
    columns += _run_columns(local, logits)
    columns.append(local[:, 0])
    return np.column_stack(columns)


def _run_columns(local: np.ndarray, logits: np.ndarray) -> list[np.ndarray]:
    """The run of like-shaped blocks each block belongs to: its mean logit, its length, and its two edges.

    A list is content or chrome as a whole; the line that opens it ("What you need:") and the block after
    it say which more than any item does.
    """
    shape = (local[:, LOCAL.index("bullet")] * 4 + (local[:, LOCAL.index("words")] < _SHORT_LOG) * 2
             + local[:, LOCAL.index("ends_sentence")])
    n = len(shape)
    starts = np.flatnonzero(np.concatenate([[True], shape[1:] != shape[:-1]]))
    lengths = np.diff(np.concatenate([starts, [n]]))
    run = np.repeat(np.arange(len(starts)), lengths)
    sums = np.add.reduceat(logits, starts)
    first, last = starts[run], starts[run] + lengths[run] - 1
    opener = np.where(first > 0, logits[np.maximum(first - 1, 0)], -4.0)
    closer = np.where(last < n - 1, logits[np.minimum(last + 1, n - 1)], -4.0)
    colon = np.where(first > 0, local[np.maximum(first - 1, 0), LOCAL.index("ends_colon")], 0.0)
    return [(sums / lengths)[run], np.log1p(lengths[run]), opener, closer, colon]


def _running_max(values: np.ndarray, k: int, forward: bool) -> np.ndarray:
    """For each position, the largest of the k values before it (forward) or after it; 0 where there are none."""
    n = len(values)
    padded = np.concatenate([np.zeros(k), values, np.zeros(k)])
    view = np.lib.stride_tricks.sliding_window_view(padded, k)  # view[j] = padded[j : j + k]
    if forward:
        return view[np.arange(n)].max(axis=1)  # values[i - k : i]
    return view[np.arange(n) + k + 1].max(axis=1)  # values[i + 1 : i + k + 1]


class Ensemble:
    """The mean logit of several networks (a linear one generalises across sites, a hidden layer fits more)."""

    def __init__(self, spec: dict) -> None:
        self.members = [Network(member) for member in spec["members"]]

    def logits(self, x: np.ndarray) -> np.ndarray:
        return np.mean([member.logits(x) for member in self.members], axis=0)


class ChromeModel:
    """Probability that each block of a plain-text page is article text (not chrome)."""

    def __init__(self, spec: dict) -> None:
        self.stage_one = Ensemble(spec["stage_one"])
        self.stage_two = Ensemble(spec["stage_two"])
        self.threshold = float(spec["threshold"])

    def article_probability(self, texts: list[str], language: str | None) -> np.ndarray:
        """One probability per block, in order."""
        if not texts:
            return np.zeros(0)
        local, inputs = stage_one_inputs(texts, language)
        logits = self.stage_one.logits(inputs)
        revised = self.stage_two.logits(np.hstack([inputs, revision_inputs(local, logits)]))
        return 1.0 / (1.0 + np.exp(-revised))


@cache
def load_model(path: Path = MODEL_PATH) -> ChromeModel:
    """The shipped model, read once per process."""
    return ChromeModel(json.loads(path.read_text(encoding="utf-8")))
