"""Arabic-aware normalisation for comparing texts (dedup), never for what is emitted."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .dates import normalise_digits

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
    case, punctuation gone, one space between words."""
    text = MARKS.sub("", unicodedata.normalize("NFC", text))
    for variant, base in FOLDS:
        text = text.replace(variant, base)
    return " ".join(PUNCT.sub(" ", normalise_digits(text).lower()).split())


def word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


class DedupForm(NamedTuple):
    """A text as dedup compares it."""

    hashes: np.ndarray  # uint32: the hash of each normalised word, in order
    numbers: frozenset[str]  # the numbers it states


class Vocabulary:
    """Every distinct whitespace-separated token seen, normalised once.

    Each step of `normalise_for_dedup` works per character and none joins tokens, so normalising
    each distinct token once gives the same words as normalising the whole text. News vocabulary
    repeats, so a text costs one C-level pass of dict lookups: a token that is one word and states
    no number maps straight to its word's hash; the others (no word, several, or a number) map to
    an entry of `_special` and are expanded in Python. Bounded: forgotten at `limit` tokens.
    """

    SPECIAL = 1 << 32  # values from here on index _special; word hashes are below

    def __init__(self, limit: int = 300_000):
        self.limit = limit
        self._clear()

    def _clear(self) -> None:
        self._values: dict[str, int] = {}
        self._special: list[tuple[np.ndarray, tuple[str, ...]]] = []  # (word hashes, numbers)

    def _add(self, token: str) -> int:
        text = normalise_for_dedup(token)
        words = text.split()
        numbers = tuple(NUMBER.findall(text))
        if len(words) == 1 and not numbers:
            value = word_hash(words[0])
        else:
            value = self.SPECIAL + len(self._special)
            self._special.append((np.array(list(map(word_hash, words)), dtype=np.int64), numbers))
        self._values[token] = value
        return value

    def form(self, text: str) -> DedupForm:
        raw = text.split()
        try:  # every token known: the common case, one C-level pass
            values = np.fromiter(map(self._values.__getitem__, raw), dtype=np.int64, count=len(raw))
        except KeyError:
            if len(self._values) + len(raw) > self.limit:
                self._clear()
            known = self._values
            values = np.array([known[t] if t in known else self._add(t) for t in raw], dtype=np.int64)
        at = np.flatnonzero(values >= self.SPECIAL).tolist()
        if not at:
            return DedupForm(values.astype(np.uint32), frozenset())
        pieces: list[np.ndarray] = []  # the runs of plain words, and between them the expansions
        numbers: list[str] = []
        start = 0
        for i in at:
            words, nums = self._special[int(values[i]) - self.SPECIAL]
            pieces += (values[start:i], words)
            numbers += nums
            start = i + 1
        pieces.append(values[start:])
        return DedupForm(np.concatenate(pieces).astype(np.uint32), frozenset(numbers))


VOCABULARY = Vocabulary()


@lru_cache(maxsize=16)  # content_hash and the near-dup fingerprint read the same text in a row
def dedup_form(text: str) -> DedupForm:
    return VOCABULARY.form(text)


def content_hash(title: str, body: str) -> str:
    """SHA-1 of the normalised words of title and body, in order (each word as the little-endian
    CRC32 of its UTF-8, as the near-duplicate shingles use them): equal exactly when the normalised
    texts are, short of a CRC collision between two differing words at one position."""
    hashes = dedup_form(f"{title}\n{body}").hashes
    return hashlib.sha1(hashes.astype("<u4", copy=False).tobytes()).hexdigest()
