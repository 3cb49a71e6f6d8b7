"""Entries of RSS 2.0 and Atom feeds: (link, date) pairs, newest first as published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parsel import Selector

from .dates import parse_date


@dataclass(frozen=True)
class Entry:
    url: str
    published: datetime | None


def is_feed(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_entries(body: bytes | str) -> list[Entry]:
    sel = Selector(text=body.decode("utf-8", "replace") if isinstance(body, bytes) else body, type="xml")
    sel.remove_namespaces()
    entries = []
    for item in sel.xpath("//item | //entry"):
        link = (
            item.xpath("link/text()").get()
            or item.xpath("link[@rel='alternate' or not(@rel)]/@href").get()
            or item.xpath("guid[not(@isPermaLink='false')]/text()").get()
            or ""
        ).strip()
        stamp = item.xpath("pubDate/text() | published/text() | updated/text() | date/text()").get()
        if link:
            entries.append(Entry(link, parse_date(stamp) if stamp else None))
    return entries
