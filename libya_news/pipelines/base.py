"""What every pipeline shares: the crawler, its spider's declarations, and stat counting."""

from __future__ import annotations

from typing import Any


class Pipeline:
    stat_prefix = "libya_news"

    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any):
        return cls(crawler)

    @property
    def spider(self) -> Any:
        return self.crawler.spider

    def inc(self, key: str, n: int = 1) -> None:
        # One crawler per outlet, so these stats are the outlet's own even under crawlall.
        self.crawler.stats.inc_value(f"{self.stat_prefix}/{key}", n)
