"""Make every text field faithful plain text and strip boilerplate the extractor left."""

from __future__ import annotations

from itemadapter import ItemAdapter

from ..extract.boilerplate import Boilerplate, strip_title_suffix
from ..extract.text import clean_paragraphs, clean_text, join_paragraphs, split_paragraphs
from .base import Pipeline


class CleanPipeline(Pipeline):
    def process_item(self, item):
        adapter = ItemAdapter(item)
        rules: Boilerplate = getattr(self.spider, "boilerplate_rules", None) or Boilerplate()
        before = dict(adapter)
        adapter["title"] = strip_title_suffix(
            clean_text(adapter.get("title")), getattr(self.spider, "site_names", ())
        )
        adapter["summary"] = clean_text(adapter.get("summary")) or None
        paragraphs = rules.strip(clean_paragraphs(split_paragraphs(adapter.get("body") or "")))
        adapter["body"] = join_paragraphs(paragraphs)
        for name in ("authors", "tags"):
            values = (clean_text(v) for v in adapter.get(name) or [])
            adapter[name] = list(dict.fromkeys(v for v in values if v))
        adapter["section"] = clean_text(adapter.get("section")) or None
        for name in before:
            if before[name] != adapter[name]:
                self.inc(f"clean/changed/{name}")
        return item
