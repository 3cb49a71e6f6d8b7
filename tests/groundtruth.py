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


def expected_articles(outlet: str, copies: bool = True) -> dict[str, dict]:
    """canonical URL -> the fields every crawl must reproduce, for pages that are articles.
    copies=False leaves out an aggregator's re-posts (`copy_of`), which dedup drops."""
    site = Site(SITES / outlet)
    out = {}
    for a in site.articles:
        if a.get("status") or not a["published"] or a.get("expect") == "dropped":
            continue
        if a.get("copy_of") and not copies:
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


def copies(outlet: str) -> dict[str, str]:
    """An aggregator's re-posts: canonical URL of the copy -> canonical URL of the original."""
    site = Site(SITES / outlet)
    out = {}
    for a in site.articles:
        if a.get("copy_of"):
            source, _, id_ = a["copy_of"].partition(":")
            original = Site(SITES / source).by_id[int(id_)]
            out[canonical_url(a["url"])] = canonical_url(original["url"])
    return out
