"""The SQLite LSH index as sorted, append-only segments, merged a few at a time (a log-structured
merge tree, as LevelDB and Lucene keep theirs).

Band keys are random, so merging a batch of them into one big B-tree rewrote nearly every page of
it: each merge cost more than the last (600 MB of pages at 1M articles), and its checkpoint held up
the commits behind it. Here each merge writes a new table `lsh_<n>` in key order, pages written
once, and when FANOUT segments of one level exist they are merged into one of the next level: each
row is rewritten once per level, and a lookup reads at most (FANOUT - 1) segments per level.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from .recent_keys import rows

FANOUT = 8

SCHEMA = """
CREATE TABLE IF NOT EXISTS lsh_segments (n INTEGER PRIMARY KEY, level INTEGER NOT NULL, rows INTEGER NOT NULL);
"""
TABLE = "CREATE TABLE {} (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc)) WITHOUT ROWID"


class Segments:
    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.fanout = FANOUT
        db.executescript(SCHEMA)
        self._adopt_single_table()
        self._load()

    def _load(self) -> None:
        self.levels = dict(self.db.execute("SELECT n, level FROM lsh_segments ORDER BY n"))

    def _adopt_single_table(self) -> None:
        """A store from before segments kept one `lsh` table: it becomes the first segment."""
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'lsh' AND type = 'table'").fetchone():
            n = self._next()
            self.db.execute("SAVEPOINT adopt")  # renamed and catalogued together, or neither
            self.db.execute(f"ALTER TABLE lsh RENAME TO lsh_{n}")
            self.db.execute(
                f"INSERT INTO lsh_segments (n, level, rows) SELECT ?, 0, count(*) FROM lsh_{n}", (n,)
            )
            self.db.execute("RELEASE adopt")

    def _next(self) -> int:
        return self.db.execute("SELECT coalesce(max(n), 0) + 1 FROM lsh_segments").fetchone()[0]

    def docs(self, keys: list[int]) -> list[int]:
        """The documents indexed under any of `keys`, in every segment."""
        if not self.levels or not keys:
            return []
        marks = ",".join("?" * len(keys))
        sql = " UNION ALL ".join(f"SELECT doc FROM lsh_{n} WHERE key IN ({marks})" for n in self.levels)
        return [doc for (doc,) in self.db.execute(sql, keys * len(self.levels))]

    def add(self, pairs: np.ndarray) -> None:
        """A new segment holding `pairs` ((key, doc) rows in key order), then whatever merges it
        makes due; within the caller's transaction."""
        n = self._next()
        self.db.execute(TABLE.format(f"lsh_{n}"))
        for values in rows(pairs, per_row=100):  # a multi-row INSERT binds 3x faster than one row
            marks = ",".join(["(?,?)"] * (len(values) // 2))
            self.db.execute(f"INSERT OR IGNORE INTO lsh_{n} (key, doc) VALUES {marks}", values)
        self.db.execute("INSERT INTO lsh_segments (n, level, rows) VALUES (?, 0, ?)", (n, len(pairs)))
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
        union = " UNION ALL ".join(f"SELECT key, doc FROM lsh_{m}" for m in segments)
        added = self.db.execute(f"INSERT OR IGNORE INTO lsh_{n} {union} ORDER BY key, doc")
        for m in segments:
            self.db.execute(f"DROP TABLE lsh_{m}")
        self.db.execute(f"DELETE FROM lsh_segments WHERE n IN ({','.join('?' * len(segments))})", segments)
        self.db.execute(
            "INSERT INTO lsh_segments (n, level, rows) VALUES (?, ?, ?)", (n, level, added.rowcount)
        )
        self._load()

    def keys(self):
        """Every key of every segment, in batches (to rebuild the band filter)."""
        for n in self.levels:
            cursor = self.db.execute(f"SELECT key FROM lsh_{n}")
            while batch := cursor.fetchmany(1 << 20):
                yield np.array(batch, dtype=np.int64)[:, 0]

    def delete_docs(self, where: str) -> None:
        """Rows of the documents that `where` (an SQL condition on `docs`) selects."""
        for n in self.levels:
            self.db.execute(f"DELETE FROM lsh_{n} WHERE doc IN (SELECT id FROM docs WHERE {where})")

    def clear(self) -> None:
        for n in self.levels:
            self.db.execute(f"DROP TABLE lsh_{n}")
        self.db.execute("DELETE FROM lsh_segments")
        self.levels = {}
