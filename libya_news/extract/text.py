"""Faithful plain text: what cleaning does to every string the project emits."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import unescape

# Zero-width and bidirectional controls: invisible, they break dedup and search.
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
TATWEEL = "\u0640"
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Arabic punctuation sticks to the word before it; some outlets type " ،".
SPACE_BEFORE_AR_PUNCT = re.compile(r" +([،؛؟])")


def clean_text(text: str | None) -> str:
    """One line of text: entities decoded, NFC, invisible marks and tatweel gone, spaces collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", unescape(text))
    text = INVISIBLE.sub("", text).replace(TATWEEL, "")
    text = SPACES.sub(" ", text.replace("\r", " ").replace("\n", " "))
    return SPACE_BEFORE_AR_PUNCT.sub(r"\1", text).strip()


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    return [p for p in (clean_text(p) for p in paragraphs) if p]


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    return "\n\n".join(paragraphs)


def split_paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def clean_body(body: str | None) -> str:
    return join_paragraphs(clean_paragraphs(split_paragraphs(body or "")))


ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str | None:
    """'ar' or 'en' by script share; None when the text has too few letters to tell."""
    ar, en = len(ARABIC_LETTER.findall(text)), len(LATIN_LETTER.findall(text))
    if ar + en < 20:
        return None
    return "ar" if ar > en else "en"


def word_count(text: str) -> int:
    return len(text.split())
