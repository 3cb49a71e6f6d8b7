"""Index keys (LSH bands, URL, content) of the documents added since the last merge, in memory.

``StateStore`` answers its lookups from here and from its SQLite index (``lsh_segments.py``),
and writes these rows into it in key order every so often (see ``state.LSH_MERGE_ROWS``). A
dict answers a probe in well under a microsecond; SQLite's in-memory temporary table cost 5 us a
key, to look up and to insert, through its pager and journal.
"""

from __future__ import annotations

from collections.abc import Iterable

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
