"""A Bloom filter over the keys of the keyed index (`lsh_segments.py`), so most probes never reach it.

Almost every article shares no band, URL or content with anything before it, yet each of its 31 keys cost a
B-tree lookup, and once the index outgrew the page cache, a read from disk (the cost that grew from
100k to 1M articles). The filter answers "certainly absent" for most keys from memory. Its size is
fixed (64 MB), so memory stays bounded: as the history grows its false positives grow (0.15% of keys
at 1M articles, 5% at 3M, most at 10M), which only sends more probes to SQLite; it has no false
negatives, so it never hides a duplicate. At 32 MB, 1.6% of keys at 1M passed, and the probes they
sent to every segment doubled the cost of a near-duplicate lookup from 100k to 1M articles. It is stored with the index (`lsh_segments.py`), written with each merge.
"""

from __future__ import annotations

import sqlite3

import numpy as np

BITS = 1 << 29  # 64 MB: sized for a few years of every outlet (~350,000 articles a year)
HASHES = 4
CHUNK = 1 << 20  # bytes a row: a merge rewrites all of them anyway

SCHEMA = "CREATE TABLE IF NOT EXISTS idx.band_filter (chunk INTEGER PRIMARY KEY, bits BLOB NOT NULL)"


def _positions(keys: np.ndarray) -> np.ndarray:
    """HASHES bit positions per key (rows), by double hashing of the 64-bit band key."""
    h1 = keys.astype(np.int64).view(np.uint64)
    with np.errstate(over="ignore"):
        h2 = (h1 * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(17) | np.uint64(1)
        steps = np.arange(HASHES, dtype=np.uint64)
        return (h1[:, None] + steps * h2[:, None]) & np.uint64(BITS - 1)


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
        for start in range(0, len(keys), 1 << 18):  # bounded temporaries for a big merge
            pos = _positions(keys[start : start + (1 << 18)]).ravel()
            np.bitwise_or.at(
                self.bits, pos >> np.uint64(3), np.left_shift(1, pos & np.uint64(7)).astype(np.uint8)
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
