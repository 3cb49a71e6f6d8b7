"""LSH band keys of the documents added since the last merge, in memory.

``StateStore`` answers near-duplicate lookups from here and from its SQLite ``lsh`` table, and
merges these rows into the table in key order every so often (see ``state.LSH_MERGE_ROWS``). A
dict answers a probe in well under a microsecond; SQLite's in-memory temporary table cost 5 us a
key, to look up and to insert, through its pager and journal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np


class RecentKeys:
    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.first: dict[int, int] = {}  # band key -> the first document with it
        self.more: dict[int, list[int]] = {}  # band key -> later documents with it (rare)
        self._more_rows = 0

    @property
    def rows(self) -> int:
        return len(self.first) + self._more_rows

    def add(self, doc: int, keys: Iterable[int]) -> None:
        first = self.first
        for key in keys:
            if first.setdefault(key, doc) != doc:
                later = self.more.setdefault(key, [])
                if doc not in later:
                    later.append(doc)
                    self._more_rows += 1

    def docs(self, keys: list[int]) -> list[int]:
        found = [doc for doc in map(self.first.get, keys) if doc is not None]
        if self.more:
            for key in keys:
                found.extend(self.more.get(key, ()))
        return found

    def sorted_pairs(self) -> np.ndarray:
        """(key, doc) rows in key order: a merge then writes each B-tree page of the index once."""
        n = len(self.first)
        keys = np.fromiter(self.first.keys(), dtype=np.int64, count=n)
        docs = np.fromiter(self.first.values(), dtype=np.int64, count=n)
        if self.more:
            extra = [(k, d) for k, ds in self.more.items() for d in ds]
            keys = np.concatenate([keys, np.array([k for k, _ in extra], dtype=np.int64)])
            docs = np.concatenate([docs, np.array([d for _, d in extra], dtype=np.int64)])
        order = np.lexsort((docs, keys))
        return np.column_stack((keys[order], docs[order]))

    def sorted_rows(self, per_row: int = 1, chunk: int = 100_000) -> Iterator[tuple[int, ...]]:
        return rows(self.sorted_pairs(), per_row, chunk)


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
