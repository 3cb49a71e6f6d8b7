"""Near-duplicate detection: MinHash signatures over normalised word shingles, LSH band keys.

datasketch chooses the LSH banding for the threshold; signatures and band keys are computed in
compiled loops (``compiled.py``) and the LSH index itself lives in SQLite (``state.py``), so memory
stays flat whatever the history's size. Shingle size and threshold were calibrated on the
labelled pairs in ``tests/data/dedup/`` (``python -m bench.calibrate_dedup``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from datasketch import MinHashLSH

from .extract.normalize import dedup_form, loops, normalise_for_dedup

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


def first_near(
    candidates: Iterable[tuple[str, bytes | None, str | None]], sig: np.ndarray, nums: frozenset[str], is_near
) -> str | None:
    """The URL of the first candidate, in the order given (first seen first), whose stored signature
    and numbers (space-separated) are near enough to `sig` and `nums`."""
    for url, blob, their_nums in candidates:
        if blob and is_near(
            np.frombuffer(blob, dtype=np.uint32), sig, frozenset((their_nums or "").split()), nums
        ):
            return url
    return None


@dataclass(frozen=True)
class NearDup:
    shingle: int = SHINGLE
    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    min_words: int = MIN_WORDS
    strong: float = STRONG

    @cached_property
    def _coefficients(self) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(1)  # fixed: signatures must compare across runs and hosts
        a = rng.integers(0, 2**32, size=self.num_perm, dtype=np.uint32) | np.uint32(1)
        b = rng.integers(0, 2**32, size=self.num_perm, dtype=np.uint32)
        return a, b

    @cached_property
    def bands(self) -> tuple[int, int]:
        """(b, r) from datasketch, weighted towards recall: candidates are verified anyway, a missed
        candidate is a duplicate kept."""
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm, weights=(0.1, 0.9))
        return lsh.b, lsh.r

    @property
    def scheme(self) -> str:
        """Names everything a stored signature or band key depends on: a store written under
        another scheme has its signatures and LSH index dropped rather than compared wrongly."""
        b, r = self.bands
        return f"minhash32-fnv32-words{self.shingle}-perm{self.num_perm}-bands{b}x{r}"

    def words(self, title: str, body: str) -> list[str]:
        return normalise_for_dedup(f"{title}\n{body}").split()

    def shingles(self, words: list[str]) -> set[bytes]:
        k = self.shingle
        if len(words) < k:
            return {" ".join(words).encode()}
        return {" ".join(t).encode() for t in zip(*(words[i:] for i in range(k)), strict=False)}

    def signature(self, title: str, body: str) -> np.ndarray | None:
        """uint32[num_perm], or None for items too short to compare safely."""
        return self.fingerprint(title, body)[0]

    def fingerprint(self, title: str, body: str) -> tuple[np.ndarray | None, frozenset[str]]:
        """(MinHash signature or None when too short, the numbers the text states)."""
        form = dedup_form(f"{title}\n{body}")
        if len(form.hashes) < self.min_words:
            return None, form.numbers
        a, b = self._coefficients
        return loops().minhash(form.hashes, self.shingle, a, b), form.numbers

    @cached_property
    def _band_mix(self) -> tuple[np.ndarray, np.ndarray]:
        b, r = self.bands
        rng = np.random.default_rng(20261129)  # fixed: keys must be the same in every run
        mult = rng.integers(1, 2**63, size=r, dtype=np.uint64) | np.uint64(1)
        salt = rng.integers(0, 2**63, size=b, dtype=np.uint64)
        return mult, salt

    def band_keys(self, sig: np.ndarray) -> list[int]:
        """One signed 64-bit key per LSH band (SQLite INTEGER), see `compiled.band_keys`."""
        mult, salt = self._band_mix
        return loops().band_keys(sig, self.bands[1], mult, salt).tolist()

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
