"""The keyed index (LSH band keys, URL and content-hash keys -> documents): sorted, append-only
segments, merged a few at a time (a log-structured merge tree, as LevelDB and Lucene keep theirs),
in a database file of its own (`index.sqlite3`).

The keys are random, so merging a batch of them into one big B-tree rewrote nearly every page of
it: each merge cost more than the last (600 MB of pages at 1M articles). Here each merge writes a
new table `lsh_<n>` in key order, pages written once, and when FANOUT segments of one level exist
they are merged into one of the next level: each row is rewritten once per level, and a lookup
reads at most (FANOUT - 1) segments per level. Compactions run on a thread of their own
(`compaction.py`).

The index holds nothing that the rows of `docs` do not: its writes are not synced at each commit
(only once nothing is being written to it). A mark file says that it is being written; an index
found with the mark, after a crash, is rebuilt from those rows (`StateStore._index_unmerged`), as is
one of an older FORMAT.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from .compaction import Compaction
from .durable import fsync_path

logger = logging.getLogger(__name__)

FANOUT = 8
FORMAT = "bands+url+content"  # what the keys are: an index of another format is rebuilt

CACHE_MB = 64  # of the store's 256 MB page cache

SCHEMA = """
CREATE TABLE IF NOT EXISTS idx.lsh_segments (n INTEGER PRIMARY KEY, level INTEGER NOT NULL, rows INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idx.meta (name TEXT PRIMARY KEY, value);
"""
TABLE = "CREATE TABLE {} (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID"


class Segments:
    """Attached to `db` as schema `idx`."""

    def __init__(self, db: sqlite3.Connection, path: Path, rebuild: bool = False):
        self.db = db
        self.path = path
        self.mark = path.with_name(path.name + "-writing")
        self.fanout = FANOUT
        # then empty: everything to index again
        self.rebuilt = rebuild or self.mark.exists() or not path.exists() or _format(path) != FORMAT
        if self.rebuilt:
            self._writing()
            for stale in (path, *self._logs()):
                stale.unlink(missing_ok=True)
        self.compaction: Compaction | None = None
        self.failed: list[int] = []  # the sources of a compaction that failed: not retried as they are
        db.execute("ATTACH DATABASE ? AS idx", (str(path),))
        db.execute("PRAGMA idx.journal_mode=WAL")  # read by the crawl while a compaction writes
        db.execute("PRAGMA idx.synchronous=OFF")
        db.execute(f"PRAGMA idx.cache_size=-{CACHE_MB * 1024}")
        db.execute(f"PRAGMA idx.journal_size_limit={64 * 2**20}")  # after a compaction's 300 MB of log
        db.executescript(SCHEMA)
        db.execute("INSERT OR REPLACE INTO idx.meta (name, value) VALUES ('format', ?)", (FORMAT,))
        self.synced()
        self._load()

    def _writing(self) -> None:
        if not self.mark.exists():
            self.mark.touch()
            fsync_path(self.mark.parent)

    def _logs(self) -> tuple[Path, Path]:
        return self.path.with_name(self.path.name + "-wal"), self.path.with_name(self.path.name + "-shm")

    def synced(self) -> None:
        """After a commit: what was written is on disk, the mark goes; not while a compaction writes
        or waits to be installed."""
        if self.mark.exists() and self.compaction is None:
            for written in (self.path, self._logs()[0]):
                if written.exists():
                    fsync_path(written)
            self.mark.unlink()
            fsync_path(self.mark.parent)

    def _load(self) -> None:
        self.levels = dict(self.db.execute("SELECT n, level FROM idx.lsh_segments ORDER BY n"))

    @property
    def upto(self) -> int:
        """Documents up to this id are in the index."""
        row = self.db.execute("SELECT value FROM idx.meta WHERE name = 'upto'").fetchone()
        return row[0] if row else 0

    @upto.setter
    def upto(self, doc: int) -> None:
        self._writing()
        self.db.execute("INSERT OR REPLACE INTO idx.meta (name, value) VALUES ('upto', ?)", (doc,))

    def _next(self) -> int:
        last = self.db.execute("SELECT coalesce(max(n), 0) FROM idx.lsh_segments").fetchone()[0]
        return max(last, self.compaction.into if self.compaction else 0) + 1

    def docs(self, keys: list[int]) -> list[int]:
        """The documents indexed under any of `keys`, in every segment."""
        if not self.levels or not keys:
            return []
        marks = ",".join("?" * len(keys))
        sql = " UNION ALL ".join(f"SELECT doc FROM idx.lsh_{n} WHERE key IN ({marks})" for n in self.levels)
        return [doc for (doc,) in self.db.execute(sql, keys * len(self.levels))]

    def add(self, pairs: np.ndarray) -> None:
        """A new segment holding `pairs` ((key, doc) rows in key order), within the caller's
        transaction; not while a compaction is pending (it holds the write lock, or committed after
        the caller's snapshot)."""
        assert self.compaction is None, "install the compaction first"
        self._writing()
        n = self._next()
        self.db.execute(TABLE.format(f"idx.lsh_{n}"))
        for values in rows(pairs, per_row=100):  # a multi-row INSERT binds 3x faster than one row
            marks = ",".join(["(?,?)"] * (len(values) // 2))
            self.db.execute(f"INSERT OR IGNORE INTO idx.lsh_{n} (key, doc) VALUES {marks}", values)
        self.db.execute("INSERT INTO idx.lsh_segments (n, level, rows) VALUES (?, 0, ?)", (n, len(pairs)))
        self._load()

    def compact(self) -> None:
        """Between transactions: when FANOUT segments of a level exist, start merging them into one
        of the next level on a thread of its own (one compaction at a time)."""
        if self.compaction is not None:
            return
        for level in sorted(set(self.levels.values())):
            same = [n for n, lv in self.levels.items() if lv == level]
            if len(same) >= self.fanout and same != self.failed:
                self._writing()
                n = self._next()
                self.compaction = Compaction(
                    self.path, same, n, level + 1, TABLE.format(f"main.lsh_{n}"), merge_sql(same, n, "main")
                )
                self.compaction.start()
                return

    @property
    def compacted(self) -> bool:
        """A compaction has finished and waits to be installed."""
        return self.compaction is not None and not self.compaction.is_alive()

    def wait(self) -> None:
        if self.compaction is not None:
            self.compaction.join()

    def install(self) -> None:
        """Within a transaction begun after the compaction finished: its segment replaces its
        sources. Each source was read in key order and SQLite merged them as it went ('MERGE
        (UNION ALL)' in its query plan): no sort, no temporary file."""
        done, self.compaction = self.compaction, None
        assert done is not None and not done.is_alive()
        if done.error is not None:
            logger.error("state: index compaction of segments %s failed: %s", done.sources, done.error)
            self.failed = done.sources
            return
        for m in done.sources:
            self.db.execute(f"DROP TABLE idx.lsh_{m}")
        marks = ",".join("?" * len(done.sources))
        self.db.execute(f"DELETE FROM idx.lsh_segments WHERE n IN ({marks})", done.sources)
        self.db.execute(
            "INSERT INTO idx.lsh_segments (n, level, rows) VALUES (?, ?, ?)",
            (done.into, done.level, done.rows),
        )
        self._load()

    def keys(self):
        """Every key of every segment, in batches (to rebuild the band filter)."""
        for n in self.levels:
            cursor = self.db.execute(f"SELECT key FROM idx.lsh_{n}")
            while batch := cursor.fetchmany(1 << 20):
                yield np.array(batch, dtype=np.int64)[:, 0]

    def delete_docs(self, where: str) -> None:
        """Rows of the documents that `where` (an SQL condition on `docs`) selects."""
        self._writing()
        for n in self.levels:
            self.db.execute(f"DELETE FROM idx.lsh_{n} WHERE doc IN (SELECT id FROM main.docs WHERE {where})")

    def clear(self) -> None:
        self._writing()
        for n in self.levels:
            self.db.execute(f"DROP TABLE idx.lsh_{n}")
        self.db.execute("DELETE FROM idx.lsh_segments")
        self.db.execute("DELETE FROM idx.meta WHERE name = 'upto'")
        self.levels = {}


def _format(path: Path) -> str | None:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
    except sqlite3.Error:  # not a database, or one from before formats were recorded
        row = None
    finally:
        db.close()
    return row[0] if row else None


def merge_sql(segments: list[int], into: int, schema: str = "idx") -> str:
    union = " UNION ALL ".join(f"SELECT key, doc FROM {schema}.lsh_{m}" for m in segments)
    return f"INSERT OR IGNORE INTO {schema}.lsh_{into} {union} ORDER BY key, doc"


def rows(pairs: np.ndarray, per_row: int = 1, chunk: int = 100_000) -> Iterator[tuple[int, ...]]:
    """`pairs` flattened, `per_row` of them into each tuple (a multi-row INSERT binds them three
    times faster than one row a statement), made `chunk` pairs at a time so the Python ints of a
    merge never all exist at once. A last tuple may hold fewer pairs."""
    chunk -= chunk % per_row
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        full = len(part) - len(part) % per_row
        yield from map(tuple, part[:full].reshape(-1, 2 * per_row).tolist())
        if full < len(part):
            yield tuple(part[full:].ravel().tolist())
