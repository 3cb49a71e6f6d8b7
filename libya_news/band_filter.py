"""A Bloom filter over the keys of the keyed index (`lsh_segments.py`), so most probes never reach it.

Almost every article shares no band, URL or content with anything before it, yet each of its 31
keys cost a B-tree lookup, and once the index outgrew the page cache, a read from disk (the cost
that grew from 100k to 1M articles). The filter answers "certainly absent" for most keys from memory. Its size is
fixed (64 MB), so memory stays bounded: as the history grows its false positives grow (0.15% of keys
at 1M articles, 5% at 3M, most at 10M), which only sends more probes to SQLite; it has no false
negatives, so it never hides a duplicate. At 32 MB, 1.6% of keys at 1M passed, and the probes they
sent to every segment doubled the cost of a near-duplicate lookup from 100k to 1M articles. It is
stored with the index (`lsh_segments.py`), written with each merge.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from .extract.normalize import loops

BITS = 1 << 29  # 64 MB: sized for a few years of every outlet (~350,000 articles a year)
HASHES = 4
CHUNK = 1 << 20  # bytes a row: a merge rewrites all of them anyway

SCHEMA = "CREATE TABLE IF NOT EXISTS idx.band_filter (chunk INTEGER PRIMARY KEY, bits BLOB NOT NULL)"


_MIX = 0x9E3779B97F4A7C15
_M64 = (1 << 64) - 1


class BandFilter:
    def __init__(self) -> None:
        self._bytes = bytearray(BITS // 8)
        self.bits = np.frombuffer(self._bytes, dtype=np.uint8)  # the same memory, for bulk adds

    def absent(self, keys: list[int]) -> list[bool]:
        """Per key: True when it is certainly not in the index. Plain Python: for 29 keys, most of
        them settled by their first bit, it is faster than numpy's per-call overhead."""
        bits = self._bytes
        mask = BITS - 1
        out = []
        for key in keys:
            h1 = key & _M64
            if not bits[(h1 & mask) >> 3] >> (h1 & 7) & 1:  # the first bit settles most keys
                out.append(True)
                continue
            h2 = ((h1 * _MIX) & _M64) >> 17 | 1
            for i in range(1, HASHES):
                pos = (h1 + i * h2) & mask
                if not bits[pos >> 3] >> (pos & 7) & 1:
                    out.append(True)
                    break
            else:
                out.append(False)
        return out

    def add(self, keys: np.ndarray) -> None:
        """HASHES bits per key (int64), by double hashing of the 64-bit key."""
        loops().set_bits(
            self.bits, np.ascontiguousarray(keys, dtype=np.int64).view(np.uint64), HASHES, np.uint64(_MIX)
        )

    def save(self, db: sqlite3.Connection) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO idx.band_filter (chunk, bits) VALUES (?, ?)",
            ((i, self._bytes[i * CHUNK : (i + 1) * CHUNK]) for i in range(len(self._bytes) // CHUNK)),
        )

    @classmethod
    def load(cls, db: sqlite3.Connection) -> BandFilter | None:
        """The stored filter, or None when there is none (a new store, or one older than filters)."""
        rows = db.execute("SELECT chunk, bits FROM idx.band_filter ORDER BY chunk").fetchall()
        if len(rows) != BITS // 8 // CHUNK:
            return None
        f = cls()
        for i, blob in rows:
            f._bytes[i * CHUNK : (i + 1) * CHUNK] = blob
        return f
