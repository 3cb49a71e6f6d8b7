"""Run bookkeeping: a run that ends normally moves its outlet's high-water mark forward."""

from __future__ import annotations

import logging

from scrapy import signals

from .state import open_state

logger = logging.getLogger(__name__)


class RunState:
    """Marks the outlet's run complete once it closed with "finished" AND its feed files are all
    stored (two signals, in either order): only then is everything before the mark emitted."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.reason: str | None = None
        self.feeds_closed = False
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.feed_exporter_closed, signal=signals.feed_exporter_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_closed(self, spider, reason: str) -> None:
        self.reason = reason
        if reason != "finished":
            logger.warning(
                "%s: run ended with %r; the next run re-checks everything since the last complete one",
                spider.name,
                reason,
            )
        self._maybe_finish()

    def feed_exporter_closed(self) -> None:
        self.feeds_closed = True
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        spider = self.crawler.spider
        if self.reason != "finished" or not self.feeds_closed or not hasattr(spider, "run_id"):
            return
        if getattr(self.crawler, "_feed_failed", False):
            return
        open_state(self.crawler.settings).finish_run(spider.name, spider.run_id)
