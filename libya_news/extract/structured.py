"""Structured data a page declares about itself: JSON-LD articles and <meta> tags."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from parsel import Selector

logger = logging.getLogger(__name__)

ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "BlogPosting",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "WebPage",
}


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document, flattening lists and Yoast's @graph."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _nodes(data["@graph"])


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type", [])
    return set(t) if isinstance(t, list) else {t}


def is_article_node(node: dict[str, Any]) -> bool:
    return bool(_types(node) & (ARTICLE_TYPES - {"WebPage"}))


def _resolve(node: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Yoast writes `"image": {"@id": "...#primaryimage"}`: follow such references one level."""
    out = dict(node)
    for key, value in node.items():
        if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
            out[key] = by_id[value["@id"]]
        elif isinstance(value, list):
            out[key] = [
                by_id.get(v["@id"], v) if isinstance(v, dict) and set(v) == {"@id"} else v for v in value
            ]
    return out


def jsonld_article(sel: Selector) -> dict[str, Any]:
    """The page's article object (references resolved); a WebPage only when no article type is declared."""
    nodes: list[dict[str, Any]] = []
    for script in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            nodes.extend(_nodes(json.loads(script, strict=False)))
        except ValueError:
            logger.debug("unparsable JSON-LD block skipped")
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    article = next((n for n in nodes if is_article_node(n)), None)
    if article is None:
        article = next((n for n in nodes if "WebPage" in _types(n)), {})
    return _resolve(article, by_id) if article else {}


def meta(sel: Selector) -> dict[str, list[str]]:
    """<meta property|name|itemprop=... content=...> as name -> values, names lower-cased."""
    out: dict[str, list[str]] = {}
    for m in sel.root.iter("meta"):
        content = m.get("content")
        key = m.get("property") or m.get("name") or m.get("itemprop")
        if key and content is not None:
            out.setdefault(key.strip().lower(), []).append(content.strip())
    return out


def first(values: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        for value in values.get(name, []):
            if value:
                return value
    return None


def ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, list) and value:
        return ld_text(value[0])
    return None


def ld_names(value: Any, kind: str | None = "Person") -> list[str]:
    """Names of authors: strings or objects, skipping Organizations (the outlet is no author)."""
    items = value if isinstance(value, list) else [value] if value else []
    names = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and (kind is None or "Organization" not in _types(item)):
            if item.get("name"):
                names.append(str(item["name"]))
    return names


def ld_keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    return []
