"""Count how many emitted articles fill each optional field: a layout change shows up here."""

from __future__ import annotations

from itemadapter import ItemAdapter

from .base import Pipeline

OPTIONAL_FIELDS = ("summary", "authors", "modified_at", "section", "tags", "image_url")


class CoveragePipeline(Pipeline):
    def process_item(self, item):
        adapter = ItemAdapter(item)
        self.inc("coverage/articles")
        for name in OPTIONAL_FIELDS:
            if adapter.get(name):
                self.inc(f"coverage/{name}")
        return item
