"""Arabic-aware normalisation for comparing texts (dedup), never for what is emitted."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from functools import lru_cache
from itertools import chain, repeat
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
    repeats, so a text costs one C-level pass of dict lookups and a few numpy operations. A token's
    value is its word's hash when it is one word; with NUMBERED set and an index into `_numbers`
    when that word states numbers; and negative, an index into `_several`, when it normalises to
    no word or to several (7.85, ليبيا-تونس, a lone dash), which are spliced in. Bounded: forgotten
    at `limit` tokens.
    """

    NUMBERED = 1 << 62  # NUMBERED | index << 32 | word hash
    UNSEEN = -(1 << 62)

    def __init__(self, limit: int = 100_000):
        self.limit = limit
        self._clear()

    def _clear(self) -> None:
        self._values: dict[str, int] = {}
        self._numbers: list[tuple[str, ...]] = []
        self._several: list[tuple[np.ndarray, tuple[str, ...]]] = []  # (word hashes, numbers)

    def _learn(self, tokens: list[str]) -> None:
        """Normalise new tokens in one call over them all, joined by NUL, which no step of
        `normalise_for_dedup` removes or splits on: its cost is per call, not per character."""
        texts = normalise_for_dedup("\x00".join(tokens)).split("\x00")
        if len(texts) != len(tokens):  # a token held a NUL of its own
            texts = list(map(normalise_for_dedup, tokens))
        for token, text in zip(tokens, texts, strict=True):
            self._add(token, text)

    def _add(self, token: str, text: str) -> None:
        words = text.split()
        numbers = tuple(NUMBER.findall(text))
        if len(words) != 1:
            value = -1 - len(self._several)
            self._several.append((np.array(list(map(word_hash, words)), dtype=np.int64), numbers))
        elif numbers:
            value = self.NUMBERED | len(self._numbers) << 32 | word_hash(words[0])
            self._numbers.append(numbers)
        else:
            value = word_hash(words[0])
        self._values[token] = value

    def form(self, text: str) -> DedupForm:
        raw = text.split()
        # One C-level pass of dict lookups; tokens not seen before (names, numbers) come out as
        # UNSEEN and are learnt one by one.
        values = np.fromiter(map(self._values.get, raw, repeat(self.UNSEEN)), dtype=np.int64, count=len(raw))
        unseen = np.flatnonzero(values == self.UNSEEN).tolist()
        if unseen:
            if len(self._values) + len(unseen) > self.limit:
                self._clear()
                unseen = range(len(raw))
            self._learn(list(dict.fromkeys(raw[i] for i in unseen)))  # each new token once
            for i in unseen:
                values[i] = self._values[raw[i]]
        numbers: list[str] = []
        if len(values) and values.min() < 0:
            values = self._splice(values, numbers)
        numbered = values[values >= self.NUMBERED]
        if len(numbered):
            indexes = ((numbered >> 32) & 0x3FFFFFFF).tolist()
            numbers += chain.from_iterable(map(self._numbers.__getitem__, indexes))
        return DedupForm((values & 0xFFFFFFFF).astype(np.uint32), frozenset(numbers))

    def _splice(self, values: np.ndarray, numbers: list[str]) -> np.ndarray:
        """`values` with each token of no word or several replaced by its words' hashes."""
        pieces: list[np.ndarray] = []
        start = 0
        for i in np.flatnonzero(values < 0).tolist():
            words, nums = self._several[-1 - int(values[i])]
            pieces += (values[start:i], words)
            numbers += nums
            start = i + 1
        pieces.append(values[start:])
        return np.concatenate(pieces)


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
