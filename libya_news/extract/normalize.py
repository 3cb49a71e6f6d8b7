"""Arabic-aware normalisation for comparing texts (dedup), never for what is emitted."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=16)  # content_hash and the near-dup fingerprint normalise the same text in a row
def normalise_for_dedup(text: str) -> str:
    """No diacritics, tatweel or invisible marks, alef/yeh/teh-marbuta folded, digits unified, lower
    case, punctuation gone, one space between words. Every step is one C-level pass over the text:
    per-word Python work costs more than all of them together."""
    text = MARKS.sub("", unicodedata.normalize("NFC", text))
    for variant, base in FOLDS:
        text = text.replace(variant, base)
    return " ".join(PUNCT.sub(" ", normalise_digits(text).lower()).split())


def content_hash(title: str, body: str) -> str:
    return hashlib.sha1(normalise_for_dedup(f"{title}\n{body}").encode()).hexdigest()
