"""Arabic-aware normalisation for comparing texts (dedup), never for what is emitted."""

from __future__ import annotations

import hashlib
import re

from .dates import normalise_digits
from .text import clean_text

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)


def normalise_for_dedup(text: str) -> str:
    """No diacritics or tatweel, alef/yeh/teh-marbuta folded, digits unified, case folded,
    punctuation gone, one space between words."""
    text = DIACRITICS.sub("", clean_text(text)).translate(_LETTERS)
    text = _PUNCT.sub(" ", normalise_digits(text).casefold())
    return " ".join(text.split())


def content_hash(title: str, body: str) -> str:
    return hashlib.sha1(normalise_for_dedup(f"{title}\n{body}").encode()).hexdigest()
