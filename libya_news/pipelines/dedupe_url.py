"""Within one run, one article per canonical URL (feeds, sitemaps and listings overlap)."""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from .base import Pipeline


class UrlDedupPipeline(Pipeline):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item):
        url = ItemAdapter(item)["url"]
        if url in self.seen:
            self.inc("duplicates/url")
            raise DropItem(f"duplicate URL in this run: {url}")
        self.seen.add(url)
        return item
