"""What the replicas hold, as the crawl should emit it: the test oracle built from articles.json."""

from __future__ import annotations

import re
from pathlib import Path

from libya_news.extract.dates import TRIPOLI, to_iso
from libya_news.extract.urls import canonical_url
from libya_news.replica.site import Site

SITES = Path(__file__).parent / "sites"
TAG = re.compile(r"<[^>]+>")
FIELDS = ("title", "body", "published_at", "authors", "section", "tags")


def plain(html: str) -> str:
    return " ".join(TAG.sub(" ", html).split())


def expected_articles(outlet: str) -> dict[str, dict]:
    """canonical URL -> the fields every crawl must reproduce, for pages that are articles."""
    site = Site(SITES / outlet)
    out = {}
    for a in site.articles:
        if a.get("status") or not a["published"] or a.get("expect") == "dropped":
            continue
        if a.get("template", "article.html") != "article.html" and not a.get("raw"):
            continue
        out[canonical_url(a["url"])] = {
            "title": a["title"],
            "body": "\n\n".join(plain(p) for p in a["paragraphs"] if not p.lstrip().startswith("<figure")),
            "published_at": to_iso(a["published"].astimezone(TRIPOLI)),
            "authors": a["authors"],
            "section": a["section_name"],
            "tags": a["tags"],
        }
    return out


def undated(outlet: str) -> list[str]:
    site = Site(SITES / outlet)
    return [
        canonical_url(a["url"])
        for a in site.articles
        if a["published"] is None
        and not a.get("status")
        and a.get("expect") != "dropped"
        and not a.get("template")
    ]
