"""WAL checkpoints of the state store, on a thread of their own.

A checkpoint copies committed pages from the write-ahead log into the database file and fsyncs it:
a few MB after each feed batch. Done by the committing connection
(SQLite's automatic checkpoint) the crawl waited for it. Here a second connection does it after
every commit while the crawl goes on: the sqlite3 module releases the GIL while SQLite works, and a
PASSIVE checkpoint never blocks the writer. The writer's automatic checkpoints stay, and find little
left to copy: only they can let the WAL file start over (the writer holds a read snapshot at all
other times), and when this thread is busy they return at once. Committed data is durable in the
WAL either way; this only moves when it is copied.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

logger = logging.getLogger(__name__)


class Checkpointer(threading.Thread):
    def __init__(self, path: Path):
        super().__init__(name="state-checkpoint", daemon=True)  # an unfinished checkpoint is harmless
        self.path = path
        self.wake = threading.Event()
        self.stopping = False

    def run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            while True:
                self.wake.wait()
                self.wake.clear()
                if self.stopping:
                    return
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error as e:  # busy or I/O: the next commit wakes us again
                    logger.warning("state: checkpoint failed: %s", e)
        finally:
            db.close()

    def stop(self) -> None:
        self.stopping = True
        self.wake.set()
        self.join()
