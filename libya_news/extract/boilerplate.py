"""Boilerplate that no article body or title should carry, whatever the outlet.

Outlets add their own patterns (leading bylines, TV-frequency footers) as a ``boilerplate``
class attribute on their spider; both lists are regular expressions matched against whole
cleaned paragraphs, or against the start of the first paragraph for ``lead`` patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Whole paragraphs that are chrome, not content (outlets.md, "Boilerplate strings to strip").
GENERIC_PARAGRAPHS = [
    r"Exit mobile version",
    r"The post .{1,300} appeared first on .{1,120}",
    r"يمكنك (ايضا|أيضا|أيضاً|ايضاً) قراءة الخبر في المصدر.*",
    r"(اقرأ|اقرا) (أيضا|ايضا|أيضاً|ايضاً)\s*:?.*",
    r"(Read|See) (also|more)\s*:?.{0,200}",
    r"Related (Articles|Posts|News)",
    r"(مشاركة|شارك|شاركها)\s*[:.]?",
    r"(اترك|أضف|اضف) (تعليق|تعليقا|تعليقاً|ردا|رداً)(\s*إلغاء الرد)?",
    r"(Leave a (Reply|Comment)|Add a comment)(\s*Cancel reply)?",
    r"(Share|Share this|Share on \w+|Tweet|Print|Email)\s*:?",
    r"(Show More|Back to top button|Read more|More Posts|Send Us A Message)",
    r"تفاصيل الخبر على الرابط التالي\s*:?.*",
    r"Post image",
    r"Advertisement|إعلان",
    r"This website uses cookies.{0,300}",
    r"How to submit an Op-Ed:.*",
    r"(Posted in|Written By|Pulbished on|Published on)\s*:.{0,200}",
    r"Browsing: .{1,80}",
    r"الاكثر قراءة|الأكثر قراءة",
]

# The same strings can also trail a paragraph (aggregator footers glued to the last sentence).
GENERIC_TRAILERS = [
    r"\s*The post .{1,300}? appeared first on [^.]{1,120}\.?$",
    r"\s*يمكنك (ايضا|أيضا|أيضاً|ايضاً) قراءة الخبر في المصدر.*$",
]


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.DOTALL)


_GENERIC = _compile(GENERIC_PARAGRAPHS)
_TRAILERS = [re.compile(p, re.IGNORECASE | re.DOTALL) for p in GENERIC_TRAILERS]


class Boilerplate:
    """Strip generic and outlet-specific boilerplate from cleaned paragraphs."""

    def __init__(self, paragraphs: Sequence[str] = (), lead: Sequence[str] = ()):
        self.own = _compile(paragraphs) if paragraphs else None
        # Leading bylines are often glued to the first word ("عين ليبياباشر ...").
        self.lead = re.compile(r"^\s*(?:" + "|".join(lead) + r")\s*[-–—:|]*\s*") if lead else None

    def is_boilerplate(self, paragraph: str) -> bool:
        return bool(_GENERIC.fullmatch(paragraph) or (self.own and self.own.fullmatch(paragraph)))

    def strip(self, paragraphs: Iterable[str]) -> list[str]:
        kept: list[str] = []
        for p in paragraphs:
            if self.is_boilerplate(p):
                continue
            for trailer in _TRAILERS:
                p = trailer.sub("", p)
            if not kept and self.lead:
                p = self.lead.sub("", p, count=1)
            if p.strip():
                kept.append(p.strip())
        return kept


def strip_title_suffix(title: str, site_names: Iterable[str]) -> str:
    """'Headline - أخبار ليبيا 24' -> 'Headline' for any of the outlet's names."""
    for name in site_names:
        if not name:
            continue
        pattern = rf"\s*[-–—|:»]\s*{re.escape(name)}\s*$"
        stripped = re.sub(pattern, "", title, flags=re.IGNORECASE)
        if stripped and stripped != title:
            return stripped
        prefix = rf"^\s*{re.escape(name)}\s*[-–—|:«]\s*"
        stripped = re.sub(prefix, "", title, flags=re.IGNORECASE)
        if stripped and stripped != title:
            return stripped
    return title
