"""The one item the project emits: a news article (see README, "The Article")."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    url: str
    outlet: str
    language: str
    title: str
    body: str
    published_at: str | None
    id: str = ""
    summary: str | None = None
    authors: list[str] = field(default_factory=list)
    modified_at: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image_url: str | None = None
    word_count: int = 0
    content_hash: str = ""
    duplicate_of: str | None = None
    scraped_at: str = ""


FIELD_ORDER = (
    "id url outlet language title summary body authors published_at modified_at "
    "section tags image_url word_count content_hash duplicate_of scraped_at"
).split()
