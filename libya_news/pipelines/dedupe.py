"""One story once: by canonical URL, by content hash, and by near-duplicate content, across outlets
and across runs. The state lives in SQLite (``state.py``), never in a growing Python set.

Settings: ``DEDUP_NEAR`` = ``drop`` (default) or ``flag`` (keep, with ``duplicate_of`` set to the
first-seen article's URL); ``DEDUP_UPDATES`` = True re-emits an already-seen URL whose content
changed (a new ``modified_at`` or body).
"""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..neardup import NearDup
from ..state import open_state
from .base import Pipeline


class DedupPipeline(Pipeline):
    stateful = True  # needs the state store (fixtures run without it)

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.store = open_state(settings)
        self.near = NearDup()
        self.mode = settings.get("DEDUP_NEAR", "drop")
        self.updates = settings.getbool("DEDUP_UPDATES", False)

    def drop(self, adapter: ItemAdapter, kind: str, original: str | None) -> None:
        self.inc(f"duplicates/{kind}")
        if original:  # remember the copy's URL so later runs do not fetch it again
            self.store.add(adapter.asdict(), self.spider.run_id, kind="duplicate", dup_of=original)
        raise DropItem(f"duplicate ({kind}) of {original or 'an article seen before'}: {adapter['url']}")

    def process_item(self, item):
        adapter = ItemAdapter(item)
        seen = self.store.seen(adapter["id"])
        if seen:
            changed = seen["content_hash"] != adapter["content_hash"]
            if not (self.updates and changed and seen["kind"] == "article"):
                self.drop(adapter, "url", None)
            self.inc("duplicates/updated")
        original = self.store.by_hash(adapter["content_hash"])
        if original and original != adapter["url"]:
            self.drop(adapter, "exact", original)
        sig, nums = self.near.fingerprint(adapter["title"], adapter["body"])
        keys = self.near.band_keys(sig) if sig is not None else []
        if sig is not None:
            original = self.store.near(keys, sig, nums, self.near.is_near)
            if original and original != adapter["url"]:
                if self.mode != "flag":
                    self.drop(adapter, "near", original)
                adapter["duplicate_of"] = original
                self.inc("duplicates/near_flagged")
        self.store.add(adapter.asdict(), self.spider.run_id, sig=sig, keys=keys, nums=nums)
        return item
