"""The keyed index (LSH band keys, URL and content-hash keys -> documents): sorted, append-only
segments, merged a few at a time (a log-structured merge tree, as LevelDB and Lucene keep theirs),
in a database file of its own (`index.sqlite3`).

The keys are random, so merging a batch of them into one big B-tree rewrote nearly every page of
it: each merge cost more than the last (600 MB of pages at 1M articles). Here each merge writes a
new table `lsh_<n>` in key order, pages written once, and when FANOUT segments of one level exist
they are merged into one of the next level: each row is rewritten once per level, and a lookup
reads at most (FANOUT - 1) segments per level.

The index holds nothing that the rows of `docs` do not: it is attached without a journal, so
its writes are not written twice (log, then database) nor held up by the commits' fsyncs. A mark
file says that it is being written; an index found with the mark, after a crash, is rebuilt from
those rows (`StateStore._index_unmerged`), as is one of an older FORMAT.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from .durable import fsync_path

FANOUT = 8
FORMAT = "bands+url+content"  # what the keys are: an index of another format is rebuilt

CACHE_MB = 64  # of the store's 256 MB page cache

SCHEMA = """
CREATE TABLE IF NOT EXISTS idx.lsh_segments (n INTEGER PRIMARY KEY, level INTEGER NOT NULL, rows INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idx.meta (name TEXT PRIMARY KEY, value);
"""
TABLE = (
    "CREATE TABLE idx.{} (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID"
)


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
            path.unlink(missing_ok=True)
        db.execute("ATTACH DATABASE ? AS idx", (str(path),))
        db.execute("PRAGMA idx.journal_mode=OFF")
        db.execute("PRAGMA idx.synchronous=OFF")
        db.execute(f"PRAGMA idx.cache_size=-{CACHE_MB * 1024}")
        db.executescript(SCHEMA)
        db.execute("INSERT OR REPLACE INTO idx.meta (name, value) VALUES ('format', ?)", (FORMAT,))
        self.synced()
        self._load()

    def _writing(self) -> None:
        if not self.mark.exists():
            self.mark.touch()
            fsync_path(self.mark.parent)

    def synced(self) -> None:
        """After a commit: what was written is on disk, the mark goes."""
        if self.mark.exists():
            fsync_path(self.path)
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
        return self.db.execute("SELECT coalesce(max(n), 0) + 1 FROM idx.lsh_segments").fetchone()[0]

    def docs(self, keys: list[int]) -> list[int]:
        """The documents indexed under any of `keys`, in every segment."""
        if not self.levels or not keys:
            return []
        marks = ",".join("?" * len(keys))
        sql = " UNION ALL ".join(f"SELECT doc FROM idx.lsh_{n} WHERE key IN ({marks})" for n in self.levels)
        return [doc for (doc,) in self.db.execute(sql, keys * len(self.levels))]

    def add(self, pairs: np.ndarray) -> None:
        """A new segment holding `pairs` ((key, doc) rows in key order), then whatever merges it
        makes due; within the caller's transaction."""
        self._writing()
        n = self._next()
        self.db.execute(TABLE.format(f"lsh_{n}"))
        for values in rows(pairs, per_row=100):  # a multi-row INSERT binds 3x faster than one row
            marks = ",".join(["(?,?)"] * (len(values) // 2))
            self.db.execute(f"INSERT OR IGNORE INTO idx.lsh_{n} (key, doc) VALUES {marks}", values)
        self.db.execute("INSERT INTO idx.lsh_segments (n, level, rows) VALUES (?, 0, ?)", (n, len(pairs)))
        self._load()
        self._compact()

    def _compact(self) -> None:
        level = 0
        while self.levels and level <= max(self.levels.values()):
            same = [n for n, lv in self.levels.items() if lv == level]
            if len(same) >= self.fanout:
                self._merge(same, level + 1)
            level += 1

    def _merge(self, segments: list[int], level: int) -> None:
        """One segment from `segments`, which are dropped. Each is read in key order and SQLite
        merges them as it goes ('MERGE (UNION ALL)' in its query plan): no sort, no temporary file."""
        n = self._next()
        self.db.execute(TABLE.format(f"lsh_{n}"))
        added = self.db.execute(merge_sql(segments, n))
        for m in segments:
            self.db.execute(f"DROP TABLE idx.lsh_{m}")
        self.db.execute(
            f"DELETE FROM idx.lsh_segments WHERE n IN ({','.join('?' * len(segments))})", segments
        )
        self.db.execute(
            "INSERT INTO idx.lsh_segments (n, level, rows) VALUES (?, ?, ?)", (n, level, added.rowcount)
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


def merge_sql(segments: list[int], into: int) -> str:
    union = " UNION ALL ".join(f"SELECT key, doc FROM idx.lsh_{m}" for m in segments)
    return f"INSERT OR IGNORE INTO idx.lsh_{into} {union} ORDER BY key, doc"


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
