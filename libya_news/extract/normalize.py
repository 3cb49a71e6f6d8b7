"""Arabic-aware normalisation for comparing texts (dedup), never for what is emitted."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from functools import lru_cache
from itertools import chain
from operator import itemgetter

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
TOKEN_CACHE_SIZE = 300_000  # distinct tokens remembered; news vocabulary repeats, but not forever


# What one whitespace-separated token of the original text becomes: (its normalised words,
# space-separated, "" when nothing is left; the numbers it states; the CRC32 of each word, for shingle
# hashing). A plain tuple of strings and ints, which the garbage collector stops tracking: a cache of
# NamedTuples made every full collection walk all of it (70 us an article).
Token = tuple[str, tuple[str, ...], tuple[int, ...]]


def normalise(text: str) -> str:
    """No diacritics, tatweel or invisible marks, alef/yeh/teh-marbuta folded, digits unified, lower
    case, punctuation gone, one space between words."""
    text = MARKS.sub("", unicodedata.normalize("NFC", text))
    for variant, base in FOLDS:
        text = text.replace(variant, base)
    return " ".join(PUNCT.sub(" ", normalise_digits(text).lower()).split())


def _token(raw: str) -> Token:
    text = normalise(raw)
    return (text, tuple(NUMBER.findall(text)), tuple(zlib.crc32(w.encode()) for w in text.split()))


_TOKENS: dict[str, Token] = {}
_TEXT, _NUMBERS, _HASHES = itemgetter(0), itemgetter(1), itemgetter(2)


@lru_cache(maxsize=16)  # content_hash and the near-dup fingerprint read the same text in a row
def tokens(text: str) -> list[Token]:
    """`text` token by token, normalised. Every step of `normalise` is per character and no step
    joins tokens, so normalising each distinct token once gives the same words as normalising the
    whole text, at a third of the cost: most tokens of a news text were seen before."""
    raw = text.split()
    try:  # all known: one C-level lookup of every token, the common case
        return list(itemgetter(*raw)(_TOKENS)) if len(raw) > 1 else [_TOKENS[t] for t in raw]
    except KeyError:
        if len(_TOKENS) > TOKEN_CACHE_SIZE:
            _TOKENS.clear()
        return [_TOKENS.get(t) or _TOKENS.setdefault(t, _token(t)) for t in raw]


def normalise_for_dedup(text: str) -> str:
    return " ".join(filter(None, map(_TEXT, tokens(text))))


def numbers(toks: list[Token]) -> frozenset[str]:
    return frozenset(chain.from_iterable(map(_NUMBERS, toks)))


def word_hashes(toks: list[Token]) -> list[int]:
    return list(chain.from_iterable(map(_HASHES, toks)))


def content_hash(title: str, body: str) -> str:
    return hashlib.sha1(normalise_for_dedup(f"{title}\n{body}").encode()).hexdigest()
