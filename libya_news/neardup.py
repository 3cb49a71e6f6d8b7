"""Near-duplicate detection: MinHash signatures over normalised word shingles, LSH band keys.

Signatures come from datasketch; the LSH index itself lives in SQLite (``state.py``) so memory
stays flat whatever the history's size. Shingle size and threshold were calibrated on the
labelled pairs in ``tests/data/dedup/`` (``python -m bench.calibrate_dedup``).
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from datasketch import MinHash, MinHashLSH

from .extract.normalize import normalise_for_dedup

NUM_PERM = 128
SHINGLE = 3
THRESHOLD = 0.5
MIN_WORDS = 40  # shorter items share too much wording by chance: exact dedup only


@dataclass(frozen=True)
class NearDup:
    shingle: int = SHINGLE
    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    min_words: int = MIN_WORDS

    @cached_property
    def _perms(self):
        return MinHash(num_perm=self.num_perm, seed=1, hashfunc=zlib.crc32).permutations

    @cached_property
    def bands(self) -> tuple[int, int]:
        """(b, r) minimising false positives + negatives at the threshold (datasketch's choice)."""
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        return lsh.b, lsh.r

    def words(self, title: str, body: str) -> list[str]:
        return normalise_for_dedup(f"{title}\n{body}").split()

    def shingles(self, words: list[str]) -> set[bytes]:
        k = self.shingle
        return {" ".join(words[i : i + k]).encode() for i in range(max(1, len(words) - k + 1))}

    def signature(self, title: str, body: str) -> np.ndarray | None:
        """uint32[num_perm], or None for items too short to compare safely."""
        words = self.words(title, body)
        if len(words) < self.min_words:
            return None
        m = MinHash(num_perm=self.num_perm, hashfunc=zlib.crc32, permutations=self._perms, scheme="affine32")
        m.update_batch(list(self.shingles(words)))
        return m.hashvalues.astype(np.uint32)

    def band_keys(self, sig: np.ndarray) -> list[int]:
        """One signed 64-bit key per LSH band (SQLite INTEGER)."""
        b, r = self.bands
        keys = []
        for i in range(b):
            digest = hashlib.blake2b(sig[i * r : (i + 1) * r].tobytes(), digest_size=8, person=bytes([i]))
            keys.append(int.from_bytes(digest.digest(), "big", signed=True))
        return keys

    @staticmethod
    def similarity(a: np.ndarray, b: np.ndarray) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.mean(a == b))

    def is_near(self, a: np.ndarray, b: np.ndarray) -> bool:
        return self.similarity(a, b) >= self.threshold
