"""MinHash signatures and LSH band keys for near-duplicate articles.

The same wire story printed by two papers differs in its title, byline and a
few edits; MinHash over word 3-grams estimates the Jaccard similarity of two
articles from 128 small integers. The signature is cut into 32 bands of 4
values and each band is hashed into one 64-bit key; articles that share a key
are candidates (the classic LSH banding scheme, as in datasketch's
MinHashLSH). The keys live in the store's own `minhash_bands` table, so
detection works across runs and, on PostgreSQL, across users, with no index
to pickle. The hash family is fixed here: changing NUM_PERM, BANDS, SHINGLE
or the seeds makes stored signatures meaningless and needs a migration that
recomputes them.
"""

from __future__ import annotations

import hashlib
import zlib

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 3  # words per shingle
MIN_SHINGLES = 8  # shorter texts (a headline, a caption) are too short to call near-duplicates


def _seeds(label: str) -> np.ndarray:
    """NUM_PERM 64-bit constants derived from a fixed label, stable across platforms and numpy versions."""
    out = [int.from_bytes(hashlib.blake2b(f"rasd-minhash-{label}-{i}".encode(), digest_size=8).digest(), "little")
           for i in range(NUM_PERM)]
    return np.array(out, dtype=np.uint64)


_A = _seeds("a") | np.uint64(1)  # odd multipliers: multiply-add-shift hashing
_B = _seeds("b")


def shingle_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of the word 3-grams (words in their matching form, punctuation left out)."""
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0))}
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))


def signature(words: list[str]) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM uint32 values) of a text's words, or None when too short to compare."""
    hashes = shingle_hashes(words)
    if len(hashes) < MIN_SHINGLES:
        return None
    with np.errstate(over="ignore"):
        mixed = (_A[:, None] * hashes[None, :] + _B[:, None]) >> np.uint64(32)
    return mixed.min(axis=1).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (the band's index is part of the key)."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts behind two signatures."""
    return float(np.mean(a == b))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4")
