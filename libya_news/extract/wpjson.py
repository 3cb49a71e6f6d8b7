"""An Article straight from a WordPress REST API post: no page fetch needed."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape
from typing import Any

from parsel import Selector

from ..items import Article
from .body import paragraphs_in
from .dates import TRIPOLI, to_iso
from .text import clean_text, detect_language, join_paragraphs
from .urls import canonical_url


def _gmt(value: str | None) -> str | None:
    """WordPress `*_gmt` fields are naive UTC; emit them in Tripoli time like every other date."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        return None
    return to_iso(dt.astimezone(TRIPOLI))


def _rendered(post: dict[str, Any], name: str) -> str:
    value = post.get(name) or {}
    return value.get("rendered", "") if isinstance(value, dict) else str(value)


def article_from_wp_post(post: dict[str, Any], outlet: Any) -> Article:
    embedded = post.get("_embedded") or {}
    terms = [t for group in embedded.get("wp:term") or [] for t in group or [] if isinstance(t, dict)]
    media = embedded.get("wp:featuredmedia") or [{}]
    body_sel = Selector(text=f"<div>{_rendered(post, 'content')}</div>")
    paragraphs = outlet.boilerplate_rules.strip(paragraphs_in(body_sel.css("div")[0]))
    body = join_paragraphs(paragraphs)
    summary = clean_text(Selector(text=_rendered(post, "excerpt") or "<p></p>").xpath("string()").get())
    section = next((t.get("name") for t in terms if t.get("taxonomy") == "category"), None)
    published = _gmt(post.get("date_gmt"))
    modified = _gmt(post.get("modified_gmt"))
    return Article(
        url=canonical_url(post.get("link", "")),
        outlet=outlet.name,
        language=detect_language(body) or outlet.language,
        title=clean_text(unescape(_rendered(post, "title"))),
        summary=summary or None,
        body=body,
        authors=[clean_text(a.get("name")) for a in embedded.get("author") or [] if a.get("name")],
        published_at=published,
        modified_at=modified if modified != published else None,
        section=clean_text(unescape(section)) if section else None,
        tags=[
            clean_text(unescape(t["name"]))
            for t in terms
            if t.get("taxonomy") == "post_tag" and t.get("name")
        ],
        image_url=(media[0] or {}).get("source_url") if isinstance(media[0], dict) else None,
    )
