"""Feed files that consumers never see half-written, and that commit the state when finished.

Each batch is written to ``<file>.part``. When Scrapy closes the batch, the file is fsynced, the
state store marks its articles as emitted (one SQLite transaction), and only then is it renamed to
its final name. A run killed in between leaves a ``.part`` that the next run's start resolves
(``recover_parts``): committed -> renamed into place, not committed -> removed (its articles are
still unseen and will be emitted again). Either way every article ends up in exactly one file.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import IO, Any

from .durable import fsync_path
from .state import open_state


def final_path(uri_path: str) -> Path:
    """`<run-id>-1.jsonl` -> `<run-id>.jsonl`: a run's first file keeps the plain name."""
    path = Path(uri_path)
    stem, _, batch = path.stem.rpartition("-")
    return path.with_name(f"{stem}{path.suffix}") if batch == "1" else path


class AtomicFileFeedStorage:
    def __init__(self, uri: str, crawler: Any, *, feed_options: dict[str, Any] | None = None):
        self.path = final_path(uri.removeprefix("file://"))
        self.part = self.path.with_name(self.path.name + ".part")
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any, uri: str, *, feed_options: dict[str, Any] | None = None):
        return cls(uri, crawler, feed_options=feed_options)

    def open(self, spider: Any) -> IO[bytes]:
        try:
            self.part.parent.mkdir(parents=True, exist_ok=True)
            return _GuardedFile(self.part.open("wb"), self)
        except OSError as e:
            self.fail(e)
            raise

    def fail(self, error: OSError) -> None:
        """Output cannot be written: stop the crawl now rather than fetch what cannot be saved."""
        if getattr(self.crawler, "_feed_failed", False):
            return
        self.crawler._feed_failed = True
        logging.getLogger(__name__).error(
            "cannot write feed %s: %s; stopping this crawl, no state advanced", self.part, error
        )
        self.crawler.stats.inc_value("libya_news/feeds/write_failed")
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(engine.close_spider_async(reason="feed_write_failed"))

    def store(self, file: IO[bytes]) -> None:
        if isinstance(file, _GuardedFile):
            if file.failed:
                file.close_quietly()
                raise OSError(f"feed {self.part} was not fully written; nothing committed")
            file = file.raw
        file.flush()
        os.fsync(file.fileno())
        file.close()
        spider = self.crawler.spider
        ids = [json.loads(line)["id"] for line in self.part.read_bytes().splitlines() if line.strip()]
        store = open_state(self.crawler.settings)
        store.commit_file(self.path, spider.name, spider.run_id, ids)
        os.replace(self.part, self.path)
        fsync_path(self.path.parent)
        self.crawler.stats.inc_value("libya_news/feeds/files_finished")


class _GuardedFile:
    """A feed file whose first write error stops the crawl instead of silently losing lines."""

    def __init__(self, raw: IO[bytes], storage: AtomicFileFeedStorage):
        self.raw, self.storage, self.failed = raw, storage, False

    def write(self, data: bytes) -> int:
        if self.failed:
            return 0
        try:
            return self.raw.write(data)
        except OSError as e:
            self.failed = True
            self.storage.fail(e)
            return 0

    def close_quietly(self) -> None:
        try:
            self.raw.close()
        except OSError:
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)
