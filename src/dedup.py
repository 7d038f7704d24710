"""Near-duplicate articles (syndicated copies): word-shingle Jaccard similarity over an inverted index.

Two articles are near-duplicates when the Jaccard similarity of their sets of 5-word shingles
(lower-cased words) is at least THRESHOLD. Each duplicate points to the first article of its
group in input order; the first article itself is not flagged.

Cost: one pass over the articles; each article is compared only with the candidates found
through an index of sampled shingles (at most MAX_POSTING articles per shingle), never with
every earlier article. Shingle sets are kept as sorted int64 arrays (about 2.7 KB per article
instead of about 27 KB as Python sets). Identical texts and identical shingle sets are shingled and stored once,
and a later copy of a set is resolved from its first occurrence without new comparisons (and
only counted in the index), so a corpus of many copies costs little more than its distinct texts.
Shingles are hashed with CRC-32 (stable_hash), so the flags are the same in every process, whatever
Python's string-hash seed; two different shingles share a hash with probability 2**-32, which never
decides a flag that needs hundreds of shared shingles.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

SHINGLE = 5
THRESHOLD = 0.5
# Shingles shared by more than this many articles are stock phrases, not evidence of copying:
# only the first MAX_POSTING articles holding a sampled shingle are candidates (and indexed).
MAX_POSTING = 50
# One shingle in SAMPLE (by hash) is indexed to find candidate pairs; two texts with Jaccard >= 0.5
# share hundreds of shingles, so sampling misses none in practice.
SAMPLE = 8

_WORDS = re.compile(r"\w+")


def stable_hash(words: Iterable[str]) -> int:
    """CRC-32 of the words joined by spaces: the same number in every process (Python's hash() is seeded per process)."""
    return zlib.crc32(" ".join(words).encode("utf-8", "surrogatepass"))


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Hashes of the article's overlapping `size`-word sequences (the words if it is shorter)."""
    words = _WORDS.findall(text.casefold())
    if len(words) < size:
        return frozenset({stable_hash(words)}) if words else frozenset()
    return frozenset(map(stable_hash, zip(*(words[i:] for i in range(size)))))


def jaccard(a: frozenset | set, b: frozenset | set) -> float:
    """|a & b| / |a | b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class Shingled(NamedTuple):
    """A text's shingle set in compact form (a sorted int64 array: about a tenth of a Python set's memory)."""

    hashes: np.ndarray     # the distinct shingle hashes, sorted
    fallback: int | None   # the shingle sampled when none falls in the SAMPLE (see compact)
    key: bytes             # a digest of the set: equal sets, equal keys


def compact(shingle_set: frozenset[int]) -> Shingled:
    """The compact form of a shingle set."""
    hashes = np.sort(np.fromiter(shingle_set, dtype=np.int64, count=len(shingle_set)))
    sampled = any(s % SAMPLE == 0 for s in shingle_set)
    fallback = None if sampled or not shingle_set else next(iter(shingle_set))
    return Shingled(hashes, fallback, hashlib.blake2b(hashes.tobytes(), digest_size=16).digest())


def sample_of(shingled: Shingled) -> set[int]:
    """The shingles used to find candidate pairs: those whose hash is divisible by SAMPLE (about one in
    SAMPLE), or else one fixed shingle, so every non-empty text can be found."""
    picked = set(shingled.hashes[shingled.hashes % SAMPLE == 0].tolist())
    return picked or ({shingled.fallback} if shingled.fallback is not None else set())


def overlap(a: Shingled, b: Shingled) -> float:
    """Jaccard similarity of two compact shingle sets (the same number as jaccard on the sets)."""
    return overlaps(a, [b])[0]


def overlaps(current: Shingled, others: list[Shingled]) -> list[float]:
    """overlap(current, other) for each of the others, in one vectorised pass over all of them."""
    if not others:
        return []
    sizes = np.fromiter((o.hashes.size for o in others), dtype=np.int64, count=len(others))
    joined, mine = np.concatenate([o.hashes for o in others]), current.hashes
    if not mine.size:
        return [0.0] * len(others)  # nothing in common with anything
    where = np.searchsorted(mine, joined)  # both sorted: a hash is held when it sits at its insertion point
    held = mine[np.minimum(where, mine.size - 1)] == joined
    running = np.concatenate(([0], np.cumsum(held, dtype=np.int64)))
    ends = np.cumsum(sizes)
    common = (running[ends] - running[ends - sizes]).tolist()
    unions = (current.hashes.size + sizes).tolist()
    return [c / (u - c) if u - c else 0.0 for c, u in zip(common, unions)]


def text_key(text: str) -> bytes:
    """A 128-bit digest of a text, so repeated texts are recognised without keeping them in memory."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class ShingleCache:
    """Compact shingle sets of the texts seen so far: a repeated text (same digest) is shingled once
    and equal sets share one object. Feed it texts in corpus order, chunk by chunk, as they arrive."""

    def __init__(self) -> None:
        self.by_text: dict[bytes, Shingled] = {}
        self.by_set: dict[bytes, Shingled] = {}
        self.sets: list[Shingled] = []

    def add(self, texts: Iterable[str]) -> list[Shingled]:
        """Append (and return) the compact shingle sets of more texts."""
        start = len(self.sets)
        for text in texts:
            key = text_key(text)
            found = self.by_text.get(key)
            if found is None:
                computed = compact(shingles(text))
                found = self.by_text[key] = self.by_set.setdefault(computed.key, computed)
            self.sets.append(found)
        return self.sets[start:]


def shingle_sets(texts: Iterable[str]) -> list[Shingled]:
    """The compact shingle set of every text; equal texts and equal sets share one object."""
    return ShingleCache().add(texts)


def _best_candidate(current: Shingled, sample: set[int], index: dict, sets: list[Shingled], threshold: float):
    """(earlier index, similarity) of the most similar candidate at or above threshold, else (None, None)."""
    candidates = sorted({j for s in sample for j in index.get(s, ())})
    best: tuple[int | None, float | None] = (None, None)
    for j, similarity in zip(candidates, overlaps(current, [sets[j] for j in candidates])):
        if similarity >= threshold and (best[1] is None or similarity > best[1]):
            best = (j, similarity)
    return best


def _add_to_index(i: int, sample: set[int], index: dict, full: set[int], occurrences: dict[int, int]) -> bool:
    """Index article i under each sampled shingle whose posting is not yet full; True if any took it.

    A posting holds the first MAX_POSTING articles whose sample has the shingle. Only the first
    article of each distinct shingle set is stored (a later copy is never a better candidate than
    the article it copies), with `occurrences` counting the copies that fill places as well.
    """
    indexed = False
    for s in sample:
        if s in full:
            continue
        posting = index[s]
        if posting and sum(map(occurrences.__getitem__, posting)) >= MAX_POSTING:
            full.add(s)
            continue
        posting.append(i)
        indexed = True
    if indexed:
        occurrences[i] = 1
    return indexed


def find_near_duplicates(texts: Iterable[str], threshold: float = THRESHOLD) -> list[tuple[int | None, float | None]]:
    """For each text, (index of the earlier text it near-duplicates, Jaccard similarity) or (None, None).

    Candidates share at least one sampled shingle; their similarity is then computed exactly.
    A repeat of an earlier non-empty shingle set that is itself a candidate (it holds one of the
    first MAX_POSTING places of a sampled shingle) gets the answer the comparisons would give:
    that earlier article with similarity 1.0, or the earlier article's own original; it costs
    one count, not a pass over the index.
    """
    return near_duplicates(shingle_sets(texts), threshold)


def near_duplicates(sets: list[Shingled], threshold: float = THRESHOLD) -> list[tuple[int | None, float | None]]:
    """find_near_duplicates for the texts' compact shingle sets (shingle_sets or ShingleCache)."""
    index: dict[int, list[int]] = defaultdict(list)
    full: set[int] = set()
    occurrences: dict[int, int] = {}  # indexed article -> articles so far with its shingle set
    first: dict[bytes, tuple[int, set[int], bool]] = {}  # set key -> (first index, sample, indexed)
    result: list[tuple[int | None, float | None]] = []
    for i, current in enumerate(sets):
        seen = first.get(current.key)
        if seen is not None and seen[2]:
            original = seen[0]
            result.append((original, 1.0) if result[original][0] is None else result[original])
            occurrences[original] += 1
            continue
        sample = seen[1] if seen is not None else sample_of(current)
        best = _best_candidate(current, sample, index, sets, threshold)
        if best[0] is not None and result[best[0]][0] is not None:
            root = result[best[0]][0]
            best = (root, overlap(current, sets[root]))
        result.append(best)
        indexed = _add_to_index(i, sample, index, full, occurrences)
        if seen is None and current.hashes.size:
            first[current.key] = (i, sample, indexed)
    return result
