"""What the near-duplicate pass costs when syndicated copies are lightly edited, not identical.

    python -m src.dedup_bench [--k 10] [--corpus PATH] [--limit N] [--seed 7]

The main benchmark repeats the corpus k times, so its copies are identical texts, which the
near-duplicate pass resolves without comparisons. Real syndication (one wire story in many
outlets) gives copies an editor has shortened or touched. This benchmark times the shingling and
the index pass (src.dedup, one process, as in the pool's parent) over three corpora: the distinct
articles, k exact copies of each, and k copies of which all but the first are edited (a run of words
cut, a few single words dropped, a few neighbouring words swapped; seeded, so the run repeats).
It prints the time of each part and how many copies were flagged, and how many of those point at
their own original.
"""
from __future__ import annotations

import argparse
import random
import sys
import time

from src import dedup, paths
from src.benchmark import load_corpus

DROPPED_RUN = (5, 30)  # words cut in one run, as an editor shortens a copy
TOUCHED_SHARE = 0.02  # share of words dropped, and of neighbouring pairs swapped


def edited_copy(text: str, rng: random.Random) -> str:
    """A light edit of a text: one run of words cut, about 2 % of words dropped and 2 % of neighbours swapped."""
    words = text.split(" ")
    if len(words) > 2 * DROPPED_RUN[1]:
        start = rng.randrange(len(words) - DROPPED_RUN[1])
        del words[start:start + rng.randint(*DROPPED_RUN)]
    for _ in range(int(len(words) * TOUCHED_SHARE)):
        del words[rng.randrange(len(words))]
    for _ in range(int(len(words) * TOUCHED_SHARE)):
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def copies(texts: list[str], k: int, rng: random.Random | None) -> list[str]:
    """The texts k times over (copy-major order); with an rng, every copy after the first is edited."""
    return [t if copy == 0 or rng is None else edited_copy(t, rng) for copy in range(k) for t in texts]


def time_pass(texts: list[str], distinct: int) -> dict:
    """Seconds to shingle and to run the index pass over copy-major texts of `distinct` originals, the copies
    flagged, and how many of those point at their own original (text i copies text i % distinct)."""
    start = time.perf_counter()
    sets = dedup.shingle_sets(texts)
    shingled = time.perf_counter()
    found = dedup.near_duplicates(sets)
    done = time.perf_counter()
    return {"articles": len(texts), "shingle_seconds": shingled - start, "index_seconds": done - shingled,
            "flagged": sum(j is not None for j, _ in found),
            "to_original": sum(j is not None and j == i % distinct for i, (j, _) in enumerate(found))}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m src.dedup_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--k", type=int, default=10, help="copies of every article (default 10)")
    parser.add_argument("--corpus", default=str(paths.INDOSUM), help="JSONL corpus with id and text (default: IndoSum)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--seed", type=int, default=7, help="seed of the edits")
    args = parser.parse_args(argv)
    if args.k < 1:
        parser.error("--k must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Print the three timings."""
    args = parse_args(argv)
    texts = [row["text"] for row in load_corpus(args.corpus, args.limit)]
    print(f"near-duplicate pass: {args.corpus}, {len(texts)} articles, k = {args.k}", flush=True)
    for label, corpus in (("distinct", texts), ("exact copies", copies(texts, args.k, None)),
                          ("edited copies", copies(texts, args.k, random.Random(args.seed)))):
        r = time_pass(corpus, len(texts))
        print(f"  {label:14s} {r['articles']:8d} articles   shingling {r['shingle_seconds']:6.2f} s   index pass "
              f"{r['index_seconds']:6.2f} s ({r['articles'] / max(r['index_seconds'], 1e-9):8.0f} art/s)   "
              f"flagged {r['flagged']} ({r['to_original']} pointing at their original)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
