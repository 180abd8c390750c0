"""near_dup's numpy MinHash equals datasketch's, bit for bit: signatures in the dedup index stay comparable.

datasketch (a test dependency only) is the reference: `MinHash(num_perm=128, seed=1, scheme="affine32",
hashfunc=zlib.crc32).update_batch(shingles)` is what near_dup computed before it dropped the import.
"""

from __future__ import annotations

import random
import re
import zlib
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from cleaners import near_dup

DATA = Path(__file__).resolve().parents[1] / "data"

# letters of several scripts, to make words of (Latin with accents, Cyrillic, Greek, Arabic, Devanagari, Hangul)
ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzáéíóúñçäöüß",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщыэюя",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "devanagari": "कखगघचछजझटठडढणतथदधनपफबभमयरलवशसह",
    "hangul": "가나다라마바사아자차카타파하",
}
HAN = "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出就那要下得可你年生自会"
KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"


def reference(values: set[bytes]) -> np.ndarray:
    """datasketch's signature of the values, with near_dup's parameters."""
    mh = MinHash(num_perm=near_dup.NUM_PERM, seed=near_dup.SEED, scheme=near_dup.SCHEME, hashfunc=zlib.crc32)
    mh.update_batch(values)
    return mh.hashvalues


def generated_texts() -> list[tuple[str, str]]:
    """(name, text) in several scripts, from 25 to 30,000 words (CJK texts: characters), seeded."""
    rng = random.Random(10)
    texts = []
    for script, letters in ALPHABETS.items():
        vocabulary = ["".join(rng.choices(letters, k=rng.randint(1, 9))) for _ in range(400)]
        for words in (25, 300, 4_000, 30_000):
            texts.append((f"{script}-{words}", " ".join(rng.choices(vocabulary, k=words))))
    for script, chars in (("chinese", HAN), ("japanese", HAN + KANA)):
        for length in (30, 2_000, 20_000):
            texts.append((f"{script}-{length}", "".join(rng.choices(chars, k=length))))
    return texts


def real_texts() -> list[tuple[str, str]]:
    """The test data's plain-text files and the visible text of its HTML pages (tags stripped)."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*/*.txt"))]
    for page in sorted((DATA / "pages").glob("*.html")):
        texts.append((page.name, re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8", errors="replace"))))
    return texts


@pytest.mark.parametrize(("name", "text"), generated_texts() + real_texts(), ids=lambda v: str(v)[:24])
def test_signature_equals_datasketch(name, text):
    found = near_dup.shingles(text)
    assert found, name
    ours = near_dup.minhash(found)
    assert ours.dtype == np.uint32 and ours.shape == (near_dup.NUM_PERM,)
    assert np.array_equal(ours, reference(found)), name


def test_sketch_carries_the_reference_signature_and_its_bytes_are_unchanged():
    text = next(t for n, t in real_texts() if n == "council_budget.txt")
    sk = near_dup.sketch(text)
    assert sk is not None
    assert np.array_equal(sk.hashvalues, reference(near_dup.shingles(text)))
    assert sk.to_bytes() == reference(near_dup.shingles(text)).astype("<u4").tobytes()


def test_permutations_equal_datasketch():
    a, b = MinHash(num_perm=near_dup.NUM_PERM, seed=near_dup.SEED, scheme=near_dup.SCHEME).permutations
    ours_a, ours_b = near_dup.affine32_permutations()
    assert np.array_equal(ours_a, a) and np.array_equal(ours_b, b)


@pytest.mark.parametrize("size", [0, 1, 2, near_dup._BLOCK - 1, near_dup._BLOCK, near_dup._BLOCK + 1, 3 * near_dup._BLOCK + 7])
def test_random_byte_strings_of_every_block_boundary(size):
    rng = random.Random(size)
    values = {rng.randbytes(rng.randint(0, 40)) for _ in range(size)}
    assert np.array_equal(near_dup.minhash(values), reference(values))
