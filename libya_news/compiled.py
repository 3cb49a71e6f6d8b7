"""The per-character and per-shingle loops of dedup, compiled with numba.

Dedup reads every article's every character: in Python (one dict lookup per token, or a few
numpy passes per text) that cost ~250 us an article and grew with memory pressure, as the lookups
missed the CPU caches; compiled, it is a few microseconds. Each function is the plain loop a
reader would write; ``NUMBA_DISABLE_JIT=1`` runs them as Python. Compiled on first use and cached
beside this file (or in ``NUMBA_CACHE_DIR``).
"""

from __future__ import annotations

import os

import numpy as np
from numba import njit

# Imported from a zipped egg (scrapyd), there is no directory to cache in: compiled once per process.
jit = njit(cache=os.path.isfile(__file__))

# The per-character table (normalize.char_table): a code point maps to another, or carries a flag.
SPACE = 1 << 31  # separates words
DROP = 1 << 30  # removed: a diacritic, tatweel, an invisible mark
DIGIT = 1 << 29  # a digit (already ASCII when Arabic-Indic or Persian), OR'd with it
CHAR = (1 << 21) - 1

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
M32 = 0xFFFFFFFF


@jit
def fmix32(h: int) -> int:
    """MurmurHash3's finaliser: every input bit reaches every output bit."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    return h ^ (h >> 16)


@jit
def words(codes: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the hash of each word, in order; the digits of each number, space-separated) of a text
    given as code points, each mapped through `table`. A word's hash is FNV-1a over its code points,
    then its length, finalised by `fmix32` (``normalize.word_hash``)."""
    hashes = np.empty(len(codes) // 2 + 1, dtype=np.uint32)
    digits = np.empty(len(codes) * 2, dtype=np.uint32)
    n_words = n_digits = 0
    h = FNV_OFFSET
    length = 0
    in_number = False
    for code in codes:
        mapped = np.int64(table[code])  # int64 throughout: mixed unsigned types become floats
        if mapped & DROP:
            continue
        if mapped & DIGIT:
            if not in_number and n_digits:
                digits[n_digits] = 32
                n_digits += 1
            digits[n_digits] = mapped & CHAR
            n_digits += 1
            in_number = True
        else:
            in_number = False
        if mapped & SPACE:
            if length:
                hashes[n_words] = fmix32(h ^ length)
                n_words += 1
                h = FNV_OFFSET
                length = 0
            continue
        h = ((h ^ (mapped & CHAR)) * FNV_PRIME) & M32
        length += 1
    if length:
        hashes[n_words] = fmix32(h ^ length)
        n_words += 1
    return hashes[:n_words].copy(), digits[:n_digits].copy()


@jit
def minhash(hashes: np.ndarray, shingle: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """MinHash signature of the text's word `shingle`-shingles: per permutation i, the minimum of
    (a_i * s + b_i) mod 2^32 over the shingles' hashes s (a_i odd: a bijection of 32-bit values).
    A shingle's hash mixes its words' hashes by multiply-add mod 2^32."""
    k = min(shingle, len(hashes))
    sig = np.full(len(a), M32, dtype=np.uint32)
    for i in range(len(hashes) - k + 1):
        s = np.uint64(hashes[i])
        for j in range(1, k):
            s = (s * np.uint64(0x9E3779B1) + np.uint64(hashes[i + j])) & np.uint64(M32)
        # Permutations innermost, in this form: the loop runs on SIMD lanes (5 us, not 27).
        s32 = np.uint32(s)
        for p in range(len(a)):
            sig[p] = min(sig[p], np.uint32(a[p] * s32 + b[p]))
    return sig


@jit
def band_keys(sig: np.ndarray, rows: int, mult: np.ndarray, salt: np.ndarray) -> np.ndarray:
    """One signed 64-bit key per LSH band: a multiply-add hash of the band's `rows` values (mod
    2^64), with a per-band salt so equal values in different bands do not collide."""
    keys = np.empty(len(salt), dtype=np.uint64)
    for band in range(len(salt)):
        key = np.uint64(0)
        for r in range(rows):
            key += np.uint64(sig[band * rows + r]) * mult[r]
        keys[band] = key ^ salt[band]
    return keys.view(np.int64)


@jit
def set_bits(bits: np.ndarray, keys: np.ndarray, hashes: int, mix: np.uint64) -> None:
    """Sets the Bloom filter bits of each key (uint64): `hashes` positions by double hashing, as
    `band_filter.BandFilter.absent` reads them. (numpy's bitwise_or.at took 0.9 s for a merge.)"""
    mask = np.uint64(bits.size * 8 - 1)
    for h1 in keys:
        h2 = (h1 * mix) >> np.uint64(17) | np.uint64(1)
        for i in range(hashes):
            pos = (h1 + np.uint64(i) * h2) & mask
            bits[pos >> np.uint64(3)] |= np.uint8(1) << np.uint8(pos & np.uint64(7))
