"""Merging index segments on a thread of its own, while the crawl goes on.

A compaction reads FANOUT segments in key order and writes one (10 s for 16M rows at 1M articles):
done by the crawl's own connection, every article waited for it. Here a second connection writes
the merged segment into the index file (in WAL mode, so the crawl's lookups read the segments as
they were meanwhile) and commits it; the sqlite3 module releases the GIL while SQLite works, so it
runs on another core. The new segment is not used, nor its sources dropped, until the crawl's
connection installs it between two of its transactions (``Segments.install``).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

logger = logging.getLogger(__name__)

CACHE_MB = 16  # the merge streams: its sources are read, and its output written, in key order


class Compaction(threading.Thread):
    def __init__(self, path: Path, sources: list[int], into: int, level: int, table_sql: str, merge_sql: str):
        super().__init__(name="index-compaction", daemon=True)
        self.path, self.sources, self.into, self.level = path, sources, into, level
        self.statements = (table_sql, merge_sql)
        self.rows = 0
        self.error: Exception | None = None

    def run(self) -> None:
        started = time.perf_counter()
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous=OFF")  # the index is rebuilt if its mark file survives a crash
            db.execute("PRAGMA busy_timeout=600000")  # the crawl holds the write lock only briefly
            db.execute(f"PRAGMA cache_size=-{CACHE_MB * 1024}")
            db.execute("BEGIN IMMEDIATE")
            db.execute(self.statements[0])
            self.rows = db.execute(self.statements[1]).rowcount
            db.execute("COMMIT")
            self._checkpoint(db)
            logger.info(
                "state: index segments %s merged into one of %d rows in %.1f s",
                self.sources,
                self.rows,
                time.perf_counter() - started,
            )
        except Exception as e:  # reported by install(); the sources stay in use
            self.error = e
        finally:
            db.close()

    @staticmethod
    def _checkpoint(db: sqlite3.Connection) -> None:
        """Copy the merged segment from the log into the file here, not on the crawl's next commit.
        Frames newer than the crawl's read snapshot wait for its next transaction."""
        for _ in range(300):
            _, logged, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if copied >= logged:
                return
            time.sleep(0.1)
