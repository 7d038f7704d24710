"""Near-duplicate articles (syndicated copies): word-shingle Jaccard similarity over an inverted index.

Two articles are near-duplicates when the Jaccard similarity of their sets of 5-word shingles
(lower-cased words) is at least THRESHOLD. Each duplicate points to the first article of its
group in input order; the first article itself is not flagged.
"""
from __future__ import annotations

import re
from collections import defaultdict

SHINGLE = 5
THRESHOLD = 0.5
# Shingles shared by more than this many articles are stock phrases, not evidence of copying.
MAX_POSTING = 50
# One shingle in SAMPLE (by hash) is indexed to find candidate pairs; two texts with Jaccard >= 0.5
# share hundreds of shingles, so sampling misses none in practice.
SAMPLE = 8

_WORDS = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashes of the article's overlapping `size`-word sequences (the words if it is shorter)."""
    words = _WORDS.findall(text.casefold())
    if len(words) < size:
        return {hash(tuple(words))} if words else set()
    return {hash(tuple(words[i : i + size])) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    """|a & b| / |a | b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _sample(shingle_set: set[int]) -> set[int]:
    """The shingles used to find candidate pairs (about one in SAMPLE), always at least one."""
    picked = {s for s in shingle_set if s % SAMPLE == 0}
    return picked or set(list(shingle_set)[:1])


def find_near_duplicates(texts: list[str], threshold: float = THRESHOLD) -> list[tuple[int | None, float | None]]:
    """For each text, (index of the earlier text it near-duplicates, Jaccard similarity) or (None, None).

    Candidates share at least one sampled shingle; their similarity is then computed exactly.
    """
    sets = [shingles(t) for t in texts]
    index: dict[int, list[int]] = defaultdict(list)
    result: list[tuple[int | None, float | None]] = []
    for i, current in enumerate(sets):
        sample = _sample(current)
        candidates = {j for s in sample for j in index.get(s, ())[:MAX_POSTING]}
        best: tuple[int | None, float | None] = (None, None)
        for j in sorted(candidates):
            similarity = jaccard(current, sets[j])
            if similarity >= threshold and (best[1] is None or similarity > best[1]):
                best = (j, similarity)
        if best[0] is not None and result[best[0]][0] is not None:
            root = result[best[0]][0]
            best = (root, jaccard(current, sets[root]))
        result.append(best)
        for s in sample:
            index[s].append(i)
    return result
