"""Fields computed from the others: id, word count, content hash, scrape time."""

from __future__ import annotations

from datetime import UTC, datetime

from itemadapter import ItemAdapter

from ..extract.normalize import content_hash
from ..extract.text import word_count
from ..extract.urls import canonical_url, url_id
from .base import Pipeline


class DerivePipeline(Pipeline):
    def process_item(self, item):
        adapter = ItemAdapter(item)
        adapter["url"] = canonical_url(adapter["url"])
        adapter["id"] = url_id(adapter["url"])
        adapter["word_count"] = word_count(adapter.get("body") or "")
        adapter["content_hash"] = content_hash(adapter.get("title") or "", adapter.get("body") or "")
        adapter["scraped_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        return item
