"""Drop what is no usable article, counting each reason in the crawl stats."""

from __future__ import annotations

from datetime import datetime

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from .base import Pipeline


class ValidatePipeline(Pipeline):
    def reason(self, adapter: ItemAdapter) -> str | None:
        if not adapter.get("title"):
            return "no_title"
        if not adapter.get("body"):
            return "no_body"
        if not adapter.get("published_at"):
            return "no_date"
        if adapter.get("language") not in ("ar", "en"):
            return "bad_language"
        published = datetime.fromisoformat(adapter["published_at"])
        in_range = getattr(self.spider, "in_range", None)
        if in_range and not in_range(published):
            return "out_of_range"
        return None

    def process_item(self, item):
        adapter = ItemAdapter(item)
        reason = self.reason(adapter)
        if reason:
            self.inc(f"dropped/{reason}")
            raise DropItem(f"{reason}: {adapter.get('url')}")
        return item
