"""Article body as paragraphs: the outlet's container, a known CMS container, or trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from parsel import Selector

from .text import clean_text

logger = logging.getLogger(__name__)

# Body containers of the common news CMSs and themes, most specific first.
KNOWN_CONTAINERS = (
    "[itemprop=articleBody]",
    ".entry-content",
    ".td-post-content",
    ".post-content",
    ".article-content",
    ".article-body",
    ".art-content",
    ".field-name-body",
    ".story-body",
    ".single-post-content",
    "article .content",
)

# Class or id stems that mark chrome wherever they appear in a name ("comment-reply-title").
_CHROME_STEMS = (
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "advert",
    "adsbygoogle",
    "newsletter",
    "subscribe",
    "breadcrumb",
    "sidebar",
    "widget",
    "author-box",
    "cookie",
    "read-also",
    "readmore",
    "more-news",
    "most-read",
    "popular",
    "banner",
    "promo",
)
# Short class tokens that must match whole ("ad", not "heading").
_CHROME_TOKENS = (
    "ad",
    "ads",
    "tags",
    "post-tags",
    "meta",
    "post-meta",
    "entry-meta",
    "caption",
    "wp-caption-text",
    "credit",
    "hidden",
    "screen-reader-text",
)
_CLASS_TEST = " or ".join(
    [f"contains(@class, '{s}') or contains(@id, '{s}')" for s in _CHROME_STEMS]
    + [f"contains(concat(' ', normalize-space(@class), ' '), ' {t} ')" for t in _CHROME_TOKENS]
)
# Blocks whose text is page chrome even inside the article container.
_DROP = (
    "self::script or self::style or self::noscript or self::iframe or self::form or self::nav "
    "or self::aside or self::figure or self::figcaption or self::button or self::svg "
    "or self::select or self::footer or self::ins or self::template "
    f"or {_CLASS_TEST}"
)
_BLOCK_TAGS = frozenset("p h2 h3 h4 h5 h6 li blockquote pre".split())
_NESTING_TAGS = frozenset("p li blockquote".split())


def _text(element) -> str:
    return clean_text(" ".join(element.itertext()))


def paragraphs_in(container: Selector) -> list[str]:
    """Text of the block elements of a container, chrome blocks (and what they hold) left out.

    Only the container's own subtree is judged, so a page wrapper with an odd class name above
    the container cannot hide the article.
    """
    root = container.root
    dropped = {el.root for el in container.xpath(f"descendant-or-self::*[{_DROP}]")}
    out: list[str] = []
    loose: list[str] = []

    def walk(el, inside_block: bool) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child in dropped:
                continue
            tag = child.tag.lower()
            if tag in _BLOCK_TAGS and not inside_block:
                # A block's text, minus any chrome nested inside it.
                text = clean_text(" ".join(_kept_text(child, dropped)))
                if text:
                    out.append(text)
                continue
            if not inside_block and child.text and child.text.strip():
                loose.append(child.text)
            walk(child, inside_block or tag in _NESTING_TAGS)
            if not inside_block and child.tail and child.tail.strip():
                loose.append(child.tail)

    if root in dropped:
        return []
    walk(root, False)
    if not out:  # text laid out with <br> in a bare <div>
        out = [t for t in (clean_text(x) for x in [root.text or "", *loose]) if t]
    return out


def _kept_text(element, dropped: set) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child not in dropped:
            parts.extend(_kept_text(child, dropped))
        parts.append(child.tail or "")
    return parts


def body_paragraphs(
    sel: Selector, selectors: Sequence[str] = (), declared: str | None = None
) -> tuple[list[str], str]:
    """(paragraphs, how): the outlet's selectors, the known containers, the page's declared
    articleBody, then trafilatura."""
    for css in (*selectors, *KNOWN_CONTAINERS):
        containers = sel.css(css)
        if containers:
            paragraphs = [p for c in containers for p in paragraphs_in(c)]
            if paragraphs:
                return paragraphs, "outlet" if css in selectors else "known"
    if declared:
        return [t for t in (clean_text(x) for x in declared.split("\n")) if t], "jsonld"
    return trafilatura_paragraphs(sel), "trafilatura"


def trafilatura_paragraphs(sel: Selector) -> list[str]:
    import trafilatura  # imported late: slow to load, and only the zero-config path needs it

    try:
        text = trafilatura.extract(
            sel.get(), include_comments=False, include_tables=False, favor_precision=True, deduplicate=True
        )
    except Exception:  # trafilatura raises assorted errors on odd markup; a miss is fine here
        logger.exception("trafilatura failed")
        return []
    return [t for t in (clean_text(x) for x in (text or "").split("\n")) if t]
