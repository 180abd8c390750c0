"""Near-duplicate sketches: word shingles of the clean text and their MinHash signature.

Two texts are near-copies when most of the shorter one's shingles also occur in the longer one
(the *overlap*, estimated from the signatures) and the shorter is not much shorter. Overlap rather
than plain Jaccard because re-published copies are often cut short: a truncated, lightly edited copy
keeps a high overlap while its Jaccard falls towards that of unrelated texts (the figures are in
benchmarks/README.md, Deduplication).

Parameters, fixed because signatures are persisted and must stay comparable across runs:

- `SHINGLE_WORDS = 3` word 3-grams. Each edited word breaks at most 3 shingles, so a lightly edited
  copy keeps most of them (longer shingles keep too few once a copy is also truncated).
- `SHINGLE_CJK = 5`: Chinese and Japanese have no spaces, so a text mostly of Han/kana characters
  is shingled into 5-character runs (about as specific as three words).
- `NUM_PERM = 128` permutations (datasketch "affine32" scheme, seed 1): the overlap estimate's
  standard error is small near the threshold, and a signature is 512 bytes. Shingles are hashed
  with CRC-32 (faster than datasketch's default SHA-1, which datasketch then mixes with the
  MurmurHash3 finalizer; estimates as accurate as with SHA-1).
- The signature is computed here with numpy, bit for bit as datasketch 2.x's `MinHash(num_perm=128,
  seed=1, scheme="affine32", hashfunc=zlib.crc32).update_batch(shingles)` (tests/cleaners/test_minhash.py
  holds them equal on many texts): importing datasketch loads its LSH module and with it scipy,
  a large import in every process that sketches.
- `THRESHOLD = 0.5` overlap and `MIN_LENGTH_RATIO = 0.5`: a text less than half the length of
  another is never its near-copy, so a short brief never swallows the long article quoting it.
- LSH: `BANDS = 42` bands of `ROWS = 3` values find a pair as a candidate with probability
  0.96 at Jaccard 0.42 and 0.9999 at 0.6; candidates are then checked against `THRESHOLD`.
- Texts under `MIN_SHINGLES` shingles get no sketch: only their exact hash is compared.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 3
SHINGLE_CJK = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
THRESHOLD = 0.5
MIN_LENGTH_RATIO = 0.5
BANDS, ROWS = 42, 3
MIN_SHINGLES = 20

_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a Han/kana character is a token on its own; any other run of word characters is one token
_TOKEN = re.compile(rf"[{_CJK_CHARS}]|[^\W{_CJK_CHARS}]+")
_IS_CJK = re.compile(rf"[{_CJK_CHARS}]")
# shingles hashed per block of the (shingles x NUM_PERM) product: bounds the temporary array of a long text
_BLOCK = 4096


def affine32_permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of the affine permutations h -> a*h + b mod 2**32, drawn as datasketch draws them.

    datasketch's `MinHash._init_permutations` for "affine32": numpy's legacy `RandomState(seed)`
    (its stream is frozen by numpy's compatibility policy), `a` odd in [1, 2**32), `b` in [0, 2**32).
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = affine32_permutations()


def fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer, element-wise (datasketch pre-mixes every input hash with it)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash(values: set[bytes] | list[bytes]) -> np.ndarray:
    """The NUM_PERM uint32 MinHash signature of byte strings: CRC-32, fmix32, then min over a*h + b mod 2**32.

    An empty input gives the all-ones "empty" signature, as datasketch does.

    >>> minhash([b"the cat sat"]).shape, set(minhash([]).tolist()) == {2**32 - 1}
    ((128,), True)
    """
    hashes = fmix32(np.array(list(map(zlib.crc32, values)), dtype=np.uint32))
    signature = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(hashes), _BLOCK):
        block = hashes[start:start + _BLOCK, None] * _A + _B  # uint32 arithmetic wraps: that is the mod 2**32
        np.minimum(signature, block.min(axis=0), out=signature)
    return signature


@dataclass(frozen=True)
class Sketch:
    """A text's MinHash signature plus its number of distinct shingles (needed for the overlap)."""

    hashvalues: np.ndarray  # NUM_PERM uint32 values
    size: int

    def to_bytes(self) -> bytes:
        """The signature as 4 * NUM_PERM little-endian bytes (what the index stores)."""
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Sketch:
        """The sketch `to_bytes` wrote."""
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), size)


def tokens(text: str) -> list[str]:
    """Words of the text, case-folded; each Han or kana character is a token of its own.

    >>> tokens("Seoul's 2019 Talks: 北京会谈")
    ['seoul', 's', '2019', 'talks', '北', '京', '会', '谈']
    """
    return folded_tokens(fold(text))


def fold(text: str) -> str:
    """NFKC, case-folded: the form both the sketch and the content hash read (computed once per text)."""
    return unicodedata.normalize("NFKC", text).casefold()


def folded_tokens(folded: str) -> list[str]:
    """`tokens` of text already folded by `fold`."""
    return _TOKEN.findall(folded)


def shingles(text: str, folded: str | None = None) -> set[bytes]:
    """Distinct runs of `SHINGLE_WORDS` tokens (`SHINGLE_CJK` when most tokens are Han/kana); `folded` is `fold(text)`.

    >>> sorted(shingles("The cat sat on the mat"))
    [b'cat sat on', b'on the mat', b'sat on the', b'the cat sat']
    """
    words = folded_tokens(fold(text) if folded is None else folded)
    cjk = len(_IS_CJK.findall(text))
    size, sep = (SHINGLE_CJK, b"") if cjk * 2 > len(words) else (SHINGLE_WORDS, b" ")
    encoded = [w.encode("utf-8") for w in words]  # each word once, not once per shingle it is in
    return set(map(sep.join, zip(*(encoded[i:] for i in range(size)), strict=False)))


def sketch(text: str, folded: str | None = None) -> Sketch | None:
    """The text's MinHash sketch, or None when it has fewer than `MIN_SHINGLES` shingles; `folded` is `fold(text)`."""
    found = shingles(text, folded)
    if len(found) < MIN_SHINGLES:
        return None
    return Sketch(minhash(found), len(found))


def similarity(a: Sketch, b: Sketch) -> float:
    """Estimated share of the shorter text's shingles found in the longer one (0 when too unequal)."""
    small, large = sorted((a.size, b.size))
    if small < MIN_LENGTH_RATIO * large:
        return 0.0
    jaccard = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM
    # |A & B| = J * |A | B| = J * (|A| + |B|) / (1 + J)
    return min(1.0, jaccard * (a.size + b.size) / ((1.0 + jaccard) * small))


def is_near_copy(a: Sketch, b: Sketch) -> bool:
    """True when the two sketches are near-copies under `THRESHOLD`."""
    return similarity(a, b) >= THRESHOLD


def band_keys(s: Sketch) -> list[int]:
    """One signed 64-bit LSH key per band: texts sharing any key are candidate near-copies."""
    rows = s.hashvalues[: BANDS * ROWS].reshape(BANDS, ROWS).astype(np.uint64)
    key = np.arange(BANDS, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    for r in range(ROWS):  # fold the band's values in one at a time through a 64-bit mixer
        key = _mix64((key ^ rows[:, r]) * np.uint64(0xBF58476D1CE4E5B9))
    return key.view(np.int64).tolist()


def _mix64(x: np.ndarray) -> np.ndarray:
    """The MurmurHash3 64-bit finalizer, element-wise (a bijection that spreads every input bit)."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))
