"""Article body as paragraphs: the outlet's container, a known CMS container, or trafilatura."""

from __future__ import annotations

import logging
import re
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
_CHROME_STEMS = re.compile(
    "comment|share|sharing|social|related|advert|adsbygoogle|newsletter|subscribe|breadcrumb|"
    "sidebar|widget|author-box|cookie|read-also|readmore|more-news|most-read|popular|banner|promo"
)
# Short class tokens that must match whole ("ad", not "heading").
_CHROME_TOKENS = frozenset(
    "ad ads tags post-tags meta post-meta entry-meta caption wp-caption-text credit hidden "
    "screen-reader-text".split()
)
# Elements whose text is never article text.
_CHROME_TAGS = frozenset(
    "script style noscript iframe form nav aside figure figcaption button svg select footer ins "
    "template".split()
)
_BLOCK_TAGS = frozenset("p h2 h3 h4 h5 h6 li blockquote pre".split())
_NESTING_TAGS = frozenset("p li blockquote".split())


def is_chrome(el) -> bool:
    """Page chrome inside an article container: scripts, ads, share bars, related posts..."""
    if not isinstance(el.tag, str) or el.tag.lower() in _CHROME_TAGS:
        return True
    names = (el.get("class") or "") + " " + (el.get("id") or "")
    if not names.strip():
        return False
    lowered = names.lower()
    return bool(_CHROME_STEMS.search(lowered)) or not _CHROME_TOKENS.isdisjoint(lowered.split())


_BREAKS = frozenset("br div p li tr td th dd dt h1 h2 h3 h4 h5 h6 blockquote section".split())


_OTHER_ARTICLES = re.compile("related|sidebar|widget|comment|popular|most-read|more-news|read-also|latest")


def about_other_articles(el) -> bool:
    """Blocks that show other articles (related posts, sidebars): their dates are not this page's."""
    if isinstance(el.tag, str) and el.tag.lower() in ("aside", "nav", "footer"):
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return bool(names.strip()) and bool(_OTHER_ARTICLES.search(names))


def _kept_text(element) -> list[str]:
    """Text pieces as the browser lays them out: inline tags add nothing, breaks add a space."""
    parts = [element.text or ""]
    for child in element:
        if not is_chrome(child):
            inner = _kept_text(child)
            if isinstance(child.tag, str) and child.tag.lower() in _BREAKS:
                inner = [" ", *inner, " "]
            parts.extend(inner)
        parts.append(child.tail or "")
    return parts


def paragraphs_in(container: Selector) -> list[str]:
    """Text of the block elements of a container, chrome blocks (and what they hold) left out.

    Only the container's own subtree is judged, so a page wrapper with an odd class name above
    the container cannot hide the article.
    """
    root = container.root
    if is_chrome(root):
        return []
    out: list[str] = []
    loose: list[str] = [root.text or ""]

    def walk(el) -> None:
        for child in el:
            if is_chrome(child):
                if child.tail and child.tail.strip():
                    loose.append(child.tail)
                continue
            if child.tag.lower() in _BLOCK_TAGS:
                text = clean_text("".join(_kept_text(child)))
                if text:
                    out.append(text)
                continue
            loose.append(child.text or "")
            walk(child)
            loose.append(child.tail or "")

    walk(root)
    if not out:  # text laid out with <br> in a bare <div>
        out = [t for t in (clean_text(x) for x in loose) if t]
    return out


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
