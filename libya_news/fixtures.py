"""Stored page -> expected Article, as the crawl would emit it (Fundus-style fixtures).

``tests/fixtures/<outlet>/<name>.html`` holds the page as served; ``<name>.json`` holds where it
came from and the expected article, reviewed field by field. ``scrapy savefixture`` writes both;
``--rerun`` re-derives every JSON from its stored page so a git diff shows what a change did.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from .extract.article import NotAnArticle, parse_article
from .settings import ITEM_PIPELINES

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
VOLATILE = ("scraped_at",)


def extract_stored(
    spider_cls: type, url: str, body: bytes, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run extraction and the item pipelines on a stored page; the result, or why it was dropped."""
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler)
    crawler.spider = spider
    response = HtmlResponse(url=url, body=body, headers=headers or {})
    try:
        item: Any = parse_article(response, spider)
    except NotAnArticle as e:
        return {"not_an_article": e.reason}
    for path, _ in sorted(ITEM_PIPELINES.items(), key=lambda kv: kv[1]):
        cls = load_object(path)
        if getattr(cls, "stateful", False):  # a stored page is judged alone, not against history
            continue
        pipeline = cls(crawler)
        try:
            item = pipeline.process_item(item)
        except DropItem as e:
            return {"dropped": str(e).split(":", 1)[0]}
    data = ItemAdapter(item).asdict()
    return {k: v for k, v in data.items() if k not in VOLATILE}


def fixture_paths(outlet: str | None = None) -> list[Path]:
    pattern = f"{outlet}/*.json" if outlet else "*/*.json"
    return sorted(FIXTURES_DIR.glob(pattern))


def load_fixture(path: Path) -> tuple[dict[str, Any], bytes]:
    return json.loads(path.read_text("utf-8")), path.with_suffix(".html").read_bytes()


def derive(spider_cls: type, meta: dict[str, Any], body: bytes) -> dict[str, Any]:
    return extract_stored(spider_cls, meta["source"]["url"], body, meta["source"].get("headers"))


def write_fixture(
    path: Path, source: dict[str, Any], expected: dict[str, Any], body: bytes | None = None
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if body is not None:
        path.with_suffix(".html").write_bytes(body)
    payload = {"source": source, "expected": expected}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", "utf-8")
