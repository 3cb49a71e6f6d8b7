"""parse_article(response, outlet) -> Article | None: every field from its best source.

Per field, the first non-empty wins: JSON-LD -> OpenGraph/<meta> -> the outlet's selectors ->
a generic fallback. ``outlet`` is any object with the spider's class attributes (see
``spiders/base.py``); without them the generic chain alone runs (the ``generic`` spider).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from typing import Any

from parsel import Selector
from scrapy.http import Response, TextResponse

from ..items import Article
from .body import about_other_articles, body_paragraphs
from .boilerplate import Boilerplate, strip_title_suffix
from .dates import TRIPOLI, parse_date, to_iso
from .encoding import repair_encoding
from .structured import first, is_article_node, jsonld_article, ld_keywords, ld_names, ld_text, meta
from .text import clean_text, detect_language, join_paragraphs
from .urls import canonical_url, registered_host

logger = logging.getLogger(__name__)

# Visible dates when nothing structured says when: inside the article first, then the page.
GENERIC_DATE_CSS = (
    "[itemprop=datePublished]",
    "article time[datetime]",
    "time.entry-date",
    "article time",
    "main time",
    "time[datetime]",
    "article [class*=date]",
    "time",
)
NOT_ARTICLE_OG_TYPES = ("video", "website", "profile", "music", "book")


class NotAnArticle(Exception):
    """The page is fine but is no article (a listing, a video, an empty page); ``reason`` says."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _css_text(sel: Selector, css: str | None) -> str | None:
    if not css:
        return None
    text = clean_text(" ".join(sel.css(css).xpath("string()").getall()))
    return text or None


def _css_img(sel: Selector, css: str | None) -> str | None:
    if not css:
        return None
    for el in sel.css(css):
        src = (
            el.attrib.get("src")
            or el.attrib.get("data-src")
            or el.attrib.get("content")
            or el.attrib.get("href")
        )
        if src and not src.startswith("data:"):
            return src
    return None


def _in_chrome(el: Selector) -> bool:
    return any(about_other_articles(a) for a in el.root.iterancestors())


def _css_attr_or_text(sel: Selector, css: str | None, skip_chrome: bool = False) -> str | None:
    """A date element: its datetime/content attribute when present, else its text. Generic
    lookups skip related-post cards, sidebars and widgets, whose dates belong to other articles."""
    if not css:
        return None
    for el in sel.css(css):
        if skip_chrome and _in_chrome(el):
            continue
        value = el.attrib.get("datetime") or el.attrib.get("content") or el.xpath("string()").get()
        if value and value.strip():
            return value.strip()
    return None


def _css_list(sel: Selector, css: str | None, label: str | None = None) -> list[str]:
    if not css:
        return []
    items = [clean_text(t) for t in (el.xpath("string()").get() for el in sel.css(css))]
    if label:
        items = [i.split(":", 1)[1].strip() if i.lower().startswith(label.lower()) else i for i in items]
    return [i for i in items if i]


def response_time(response: Response) -> datetime:
    """When the page was served: relative ages ('منذ 2 أيام') count from here."""
    date = response.headers.get("Date")
    if date:
        try:
            return parsedate_to_datetime(date.decode("latin-1"))
        except (TypeError, ValueError):
            pass
    return datetime.now(UTC)


def _date(*candidates: str | Callable[[], str | None] | None, now: datetime) -> str | None:
    """The first candidate that parses; callables are only evaluated when reached."""
    for candidate in candidates:
        if callable(candidate):
            candidate = candidate()
        parsed = parse_date(candidate, now=now) if candidate else None
        if parsed:  # one corpus, one clock: every date in Libyan time
            return to_iso(parsed.astimezone(TRIPOLI))
    return None


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [i for i in items if not (i.lower() in seen or seen.add(i.lower()))]


def parse_article(response: Response, outlet: Any = None) -> Article:
    """Extract one article; raises NotAnArticle for pages that carry none."""
    if not response.body.strip():
        raise NotAnArticle("empty_page")
    ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
    if not isinstance(response, TextResponse) or (ctype and "html" not in ctype and "xml" not in ctype):
        raise NotAnArticle("not_html")
    response, _ = repair_encoding(response)
    sel = response.selector
    cfg = _Config(outlet)
    ld, metas = jsonld_article(sel), meta(sel)
    og_type = (first(metas, "og:type") or "").lower()
    if og_type.startswith(NOT_ARTICLE_OG_TYPES) and not is_article_node(ld):
        raise NotAnArticle(f"og_type_{og_type.split('.')[0]}")

    url = response.url
    canonical = sel.css('link[rel="canonical"]::attr(href)').get()
    if canonical:
        canonical = response.urljoin(canonical.strip())
        if registered_host(canonical) == registered_host(url):
            url = canonical

    title = clean_text(
        ld_text(ld.get("headline"))
        or first(metas, "og:title", "twitter:title")
        or _css_text(sel, cfg.title_css)
        or _css_text(sel, "h1")
        or sel.css("title::text").get()
    )
    title = strip_title_suffix(title, cfg.site_names(first(metas, "og:site_name")))

    paragraphs, _ = body_paragraphs(sel, cfg.body_css, ld_text(ld.get("articleBody")))
    paragraphs = cfg.boilerplate.strip(paragraphs)
    body = join_paragraphs(paragraphs)

    now = response_time(response)
    published = _date(
        ld_text(ld.get("datePublished")),
        first(
            metas,
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "dc.date.issued",
            "date",
            "sailthru.date",
        ),
        lambda: _css_attr_or_text(sel, cfg.date_css),
        *(partial(_css_attr_or_text, sel, css, True) for css in GENERIC_DATE_CSS),
        now=now,
    )
    modified = _date(
        ld_text(ld.get("dateModified")),
        first(metas, "article:modified_time", "og:updated_time", "datemodified"),
        lambda: _css_attr_or_text(sel, cfg.modified_css),
        now=now,
    )
    authors = (
        ld_names(ld.get("author"))
        or [a for a in metas.get("author", []) + metas.get("article:author", []) if "://" not in a]
        or _css_list(sel, cfg.author_css, "Written By")
    )
    outlet_names = {n.lower() for n in cfg.site_names(first(metas, "og:site_name"))}
    authors = _unique([a for a in (clean_text(x) for x in authors) if a and a.lower() not in outlet_names])

    language = cfg.language or (first(metas, "og:locale") or "")[:2].lower() or None
    detected = detect_language(body)
    if detected and detected != language:
        language = detected

    image = (
        ld_text(ld.get("image"))
        or ld_text(ld.get("thumbnailUrl"))
        or first(metas, "og:image", "twitter:image")
        or _css_img(sel, cfg.image_css)
    )
    section = (
        ld_text(ld.get("articleSection"))
        or first(metas, "article:section")
        or _css_text(sel, cfg.section_css)
    )
    tags = (
        ld_keywords(ld.get("keywords"))
        or metas.get("article:tag", [])
        or _css_list(sel, cfg.tags_css)
        or ld_keywords(first(metas, "news_keywords", "keywords"))
    )
    summary = (
        ld_text(ld.get("description"))
        or first(metas, "og:description", "description")
        or _css_text(sel, cfg.summary_css)
    )

    if modified == published:  # Yoast states dateModified even for untouched posts
        modified = None
    return Article(
        url=canonical_url(url),
        outlet=cfg.name,
        language=language or "",
        title=title,
        summary=clean_text(summary) or None,
        body=body,
        authors=authors,
        published_at=published,
        modified_at=modified,
        section=clean_text(section) or None,
        tags=_unique([t for t in (clean_text(x) for x in tags) if t]),
        image_url=response.urljoin(image.strip()) if image else None,
    )


class _Config:
    """The outlet's declared extraction hints, with the generic defaults where it has none."""

    def __init__(self, outlet: Any):
        get = lambda name, default=None: getattr(outlet, name, default) if outlet else default  # noqa: E731
        self.name: str = get("name", "generic")
        self.language: str | None = get("language")
        self.title_css: str | None = get("title_css")
        self.body_css: tuple[str, ...] = tuple(get("body_css", ()) or ())
        self.date_css: str | None = get("date_css")
        self.modified_css: str | None = get("modified_css")
        self.author_css: str | None = get("author_css")
        self.section_css: str | None = get("section_css")
        self.tags_css: str | None = get("tags_css")
        self.summary_css: str | None = get("summary_css")
        self.image_css: str | None = get("image_css")
        self.names: tuple[str, ...] = tuple(get("site_names", ()) or ())
        self.boilerplate: Boilerplate = get("boilerplate_rules") or Boilerplate()

    def site_names(self, og_site_name: str | None) -> list[str]:
        return [n for n in (*self.names, og_site_name) if n]
