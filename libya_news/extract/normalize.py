"""Arabic-aware normalisation for comparing texts (dedup), never for what is emitted."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np

from .dates import _EASTERN_DIGIT, normalise_digits

# One pass removes what never distinguishes two texts: invisible and bidi marks, diacritics, tatweel.
MARKS = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"
)
# Letters written interchangeably: hamza seats, alef maqsura, teh marbuta.
FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي"))
# Punctuation, Arabic and Latin, becomes a space (7.85 -> "7 85": still two numbers to compare).
PUNCT = re.compile(r"[«»\"'“”‘’()\[\]{}<>،;؛:!?؟…–—_|*•·■#@&%^~`=+.,/\\-]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def normalise_for_dedup(text: str) -> str:
    """No diacritics, tatweel or invisible marks, alef/yeh/teh-marbuta folded, digits unified, lower
    case, punctuation gone, one space between words. What dedup compares, step by step; dedup runs
    `dedup_form`, which does the same per character from `char_table`."""
    text = MARKS.sub("", unicodedata.normalize("NFC", text).lower())
    for variant, base in FOLDS:
        text = text.replace(variant, base)
    return " ".join(PUNCT.sub(" ", normalise_digits(text)).split())


@cache
def loops():
    """`compiled.py`, imported on first use: numba takes a third of a second to load, and `normalise_for_dedup`
    alone (the benchmark's baseline, the calibration) does not need it."""
    from .. import compiled

    return compiled


def word_hash(word: str) -> int:
    """FNV-1a over the word's code points, then its length, through MurmurHash3's finaliser: what
    `compiled.words` computes for each word."""
    compiled = loops()
    h = compiled.FNV_OFFSET
    for char in word:
        h = ((h ^ ord(char)) * compiled.FNV_PRIME) & compiled.M32
    return compiled.fmix32.py_func(h ^ len(word))


# Lower case that depends on more than the character: İ becomes two characters, Σ is ς at a word's
# end. A text holding either is lower-cased by Python first; the table lower-cases every other.
CONTEXT_LOWER = ("\u0130", "\u03a3")


@cache
def char_table() -> np.ndarray:
    """What each code point becomes in `normalise_for_dedup` after NFC (every later step works on
    one character alone, but for CONTEXT_LOWER): lower-cased, then itself, another, a word
    separator, or nothing; digits flagged. Derived from the same patterns, so the two agree."""
    compiled = loops()
    every = np.arange(0x110000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")

    def matching(pattern: str | re.Pattern) -> np.ndarray:
        return np.array([m.start() for m in re.finditer(pattern, every)], dtype=np.int64)

    table = np.arange(0x110000, dtype=np.uint32)
    for variant, base in FOLDS:
        table[ord(variant)] = ord(base)
    for code in matching(_EASTERN_DIGIT).tolist():
        table[code] = ord(normalise_digits(chr(code)))
    table[matching(r"\d")] |= np.uint32(compiled.DIGIT)
    table[matching(r"\s")] = compiled.SPACE
    table[matching(PUNCT)] = compiled.SPACE
    table[matching(MARKS)] = compiled.DROP
    lower = every.replace(CONTEXT_LOWER[0], "I").lower()  # one character each, as `every`
    return table[np.frombuffer(lower.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]


class DedupForm(NamedTuple):
    """A text as dedup compares it."""

    hashes: np.ndarray  # uint32: the hash of each normalised word, in order
    numbers: frozenset[str]  # the numbers it states


@lru_cache(maxsize=16)  # content_hash and the near-dup fingerprint read the same text in a row
def dedup_form(text: str) -> DedupForm:
    """The words of `normalise_for_dedup(text)` as hashes (`word_hash`), and its numbers."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if any(char in text for char in CONTEXT_LOWER):
        text = text.lower()
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    hashes, digits = loops().words(codes, char_table())
    return DedupForm(hashes, frozenset(digits.tobytes().decode("utf-32-le").split()))


def content_hash(title: str, body: str) -> str:
    """SHA-1 of the normalised words of title and body, in order (each word as the little-endian
    32-bit `word_hash`, as the near-duplicate shingles use them): equal exactly when the normalised
    texts are, short of a 32-bit collision between two differing words at one position."""
    hashes = dedup_form(f"{title}\n{body}").hashes
    return hashlib.sha1(hashes.astype("<u4", copy=False).tobytes()).hexdigest()
