"""Near-duplicate detection: MinHash signatures over normalised word shingles, LSH band keys.

Signatures come from datasketch; the LSH index itself lives in SQLite (``state.py``) so memory
stays flat whatever the history's size. Shingle size and threshold were calibrated on the
labelled pairs in ``tests/data/dedup/`` (``python -m bench.calibrate_dedup``).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from datasketch import MinHash, MinHashLSH

from .extract.normalize import normalise_for_dedup

NUM_PERM = 128
SHINGLE = 3
THRESHOLD = 0.45
MIN_WORDS = 40  # shorter items share too much wording by chance: exact dedup only
# Same-template bulletins (exchange rates, weather, prayer times) share most of their words and
# differ in their numbers; copies of one story keep them. When both texts carry enough numbers,
# they must agree: loosely for strongly similar texts, tightly for moderately similar ones.
MIN_NUMBERS = 4
STRONG = 0.75
NUMBERS_AGREE = (0.6, 0.8)  # (when similarity >= STRONG, below it)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class NearDup:
    shingle: int = SHINGLE
    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    min_words: int = MIN_WORDS
    strong: float = STRONG

    @cached_property
    def _perms(self):
        return MinHash(num_perm=self.num_perm, seed=1, hashfunc=zlib.crc32).permutations

    @cached_property
    def bands(self) -> tuple[int, int]:
        """(b, r) from datasketch, weighted towards recall: candidates are verified anyway, a missed
        candidate is a duplicate kept."""
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm, weights=(0.1, 0.9))
        return lsh.b, lsh.r

    def words(self, title: str, body: str) -> list[str]:
        return normalise_for_dedup(f"{title}\n{body}").split()

    def shingles(self, words: list[str]) -> set[bytes]:
        k = self.shingle
        return {" ".join(words[i : i + k]).encode() for i in range(max(1, len(words) - k + 1))}

    @staticmethod
    def numbers(words: list[str]) -> frozenset[str]:
        """The numbers a text states, without the prefixes Arabic glues to them (و420, ب2024)."""
        return frozenset(n for w in words for n in _NUMBER.findall(w))

    def signature(self, title: str, body: str) -> np.ndarray | None:
        """uint32[num_perm], or None for items too short to compare safely."""
        return self.fingerprint(title, body)[0]

    def fingerprint(self, title: str, body: str) -> tuple[np.ndarray | None, frozenset[str]]:
        """(MinHash signature or None when too short, the numbers the text states)."""
        words = self.words(title, body)
        nums = self.numbers(words)
        if len(words) < self.min_words:
            return None, nums
        m = MinHash(num_perm=self.num_perm, hashfunc=zlib.crc32, permutations=self._perms, scheme="affine32")
        m.update_batch(list(self.shingles(words)))
        return m.hashvalues.astype(np.uint32), nums

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

    def is_near(
        self,
        a: np.ndarray,
        b: np.ndarray,
        nums_a: frozenset[str] = frozenset(),
        nums_b: frozenset[str] = frozenset(),
    ) -> bool:
        similarity = self.similarity(a, b)
        if similarity < self.threshold:
            return False
        if min(len(nums_a), len(nums_b)) < MIN_NUMBERS:
            return True
        agreement = len(nums_a & nums_b) / min(len(nums_a), len(nums_b))
        return agreement >= NUMBERS_AGREE[0 if similarity >= self.strong else 1]
