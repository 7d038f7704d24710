"""Co-mentions (codebook section 4): pairs of actors counted over windows, with PMI and LLR.

Two different actors co-occur in a window when both are mentioned in it. A pair's count is
the number of windows containing both (not the product of mention counts); pairs are
unordered and an actor never pairs with itself. Counts are made at the `actor` level or the
`country` level (actors rolled up to their country; actors without a country drop out).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import combinations

import pandas as pd
from nltk.metrics import BigramAssocMeasures

LEVELS = ("actor", "country")
WINDOWS = ("sentence", "paragraph", "article")
WINDOW_KEYS = {
    "sentence": ["article_id", "sentence_id"],
    "paragraph": ["article_id", "paragraph_id"],
    "article": ["article_id"],
}
LEVEL_COLUMN = {"actor": "actor_id", "country": "country"}


def check_choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Return value if it is one of `allowed`, else raise naming the allowed values."""
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")
    return value


def count_windows(sentences: pd.DataFrame, window: str) -> int:
    """Number of windows of a kind in the corpus (sentences, paragraphs or articles)."""
    keys = WINDOW_KEYS[check_choice(window, WINDOWS, "window")]
    return len(set(zip(*(sentences[k].tolist() for k in keys))))


def window_sets(mentions: pd.DataFrame, level: str, window: str) -> dict[tuple, set[str]]:
    """Who is mentioned in each window: window key (article_id first) -> its set of members."""
    column = LEVEL_COLUMN[check_choice(level, LEVELS, "level")]
    keys = WINDOW_KEYS[check_choice(window, WINDOWS, "window")]
    found: dict[tuple, set[str]] = defaultdict(set)
    for *key, member in zip(*(mentions[c].tolist() for c in keys + [column])):
        if pd.notna(member):  # actors without a country drop out
            found[tuple(key)].add(member)
    return found


def counted_pairs(sets: dict[tuple, set[str]]) -> tuple[Counter, Counter, Counter]:
    """(windows per unordered pair, articles per pair, windows per member) over the window sets."""
    pairs, articles, singles, seen = Counter(), Counter(), Counter(), set()
    for key, members in sets.items():
        singles.update(members)
        for pair in combinations(sorted(members), 2):
            pairs[pair] += 1
            if (pair, key[0]) not in seen:
                seen.add((pair, key[0]))
                articles[pair] += 1
    return pairs, articles, singles


def frame(rows: list[tuple], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame of rows with the given column -> dtype (also when there are no rows)."""
    values = list(zip(*rows)) if rows else [()] * len(columns)
    return pd.DataFrame({c: pd.Series(v, dtype=t) for (c, t), v in zip(columns.items(), values)})


def pmi(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """Pointwise mutual information in bits: log2(N * n_ab / (n_a * n_b))."""
    return math.log2(n * n_ab / (n_a * n_b))


def llr(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """Dunning's log-likelihood ratio of the 2x2 window table (nltk's implementation)."""
    return float(BigramAssocMeasures.likelihood_ratio(n_ab, (n_a, n_b), n))


PAIR_COLUMNS = {"actor_a": "str", "actor_b": "str", "windows": "int64", "articles": "int64"}


def scored_pairs(pairs: pd.DataFrame, singles: Mapping[str, int], n_windows: int, level: str, window: str) -> pd.DataFrame:
    """Pair counts with PMI and LLR added, labelled with level and window, most frequent first."""
    pairs = pairs[list(PAIR_COLUMNS)].reset_index(drop=True)
    n_a, n_b = [singles[a] for a in pairs["actor_a"].tolist()], [singles[b] for b in pairs["actor_b"].tolist()]
    n_ab = pairs["windows"].tolist()
    pairs["pmi"] = pd.Series([pmi(ab, a, b, n_windows) for ab, a, b in zip(n_ab, n_a, n_b)], dtype="float64")
    pairs["llr"] = pd.Series([llr(ab, a, b, n_windows) for ab, a, b in zip(n_ab, n_a, n_b)], dtype="float64")
    pairs.insert(0, "window", window)
    pairs.insert(0, "level", level)
    return pairs.sort_values(["windows", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


COUNT_COLUMNS = {
    "pairs": {"level": "str", "window": "str", **PAIR_COLUMNS},
    "singles": {"level": "str", "window": "str", "member": "str", "n": "int64"},
    "windows": {"window": "str", "n": "int64"},
}


def window_counts(mentions: pd.DataFrame, sentences: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The additive counts behind every level and window: `pairs`, `singles` and `windows`.

    Windows never cross an article, so the counts of disjoint sets of articles add up
    (add_counts) to the counts of their union; parallel workers count chunks this way
    (article ids must be unique across the sets: parallel.collect checks it; src.ingest drops repeated ids).
    """
    rows: dict[str, list[tuple]] = {"pairs": [], "singles": [], "windows": []}
    for level in LEVELS:
        for window in WINDOWS:
            pairs, articles, singles = counted_pairs(window_sets(mentions, level, window))
            rows["pairs"] += [(level, window, a, b, n, articles[a, b]) for (a, b), n in pairs.items()]
            rows["singles"] += [(level, window, member, n) for member, n in singles.items()]
    rows["windows"] = [(window, count_windows(sentences, window)) for window in WINDOWS]
    return {name: frame(rows[name], COUNT_COLUMNS[name]) for name in COUNT_COLUMNS}


def add_counts(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The sum of window_counts of disjoint sets of articles."""
    keys = {name: [c for c, dtype in columns.items() if dtype == "str"] for name, columns in COUNT_COLUMNS.items()}
    return {name: pd.concat([p[name] for p in parts], ignore_index=True).groupby(keys[name], sort=False).sum()
            .reset_index().astype(COUNT_COLUMNS[name]) for name in COUNT_COLUMNS}


def comentions_from_counts(counts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The co-mention table (every level and window, with PMI and LLR) from window_counts."""
    n_windows = dict(zip(counts["windows"]["window"].tolist(), counts["windows"]["n"].tolist()))
    pairs = dict(tuple(counts["pairs"].groupby(["level", "window"], sort=False)))
    singles = dict(tuple(counts["singles"].groupby(["level", "window"], sort=False)))
    empty = frame([], PAIR_COLUMNS)
    parts = []
    for level in LEVELS:
        for window in WINDOWS:
            members = singles.get((level, window), frame([], COUNT_COLUMNS["singles"]))
            n = dict(zip(members["member"].tolist(), members["n"].tolist()))
            parts.append(scored_pairs(pairs.get((level, window), empty), n, n_windows.get(window, 0), level, window))
    return pd.concat(parts, ignore_index=True)


def all_comentions(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Co-mention tables for every level and window, stacked."""
    return comentions_from_counts(window_counts(mentions, sentences))


def pair_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame, a: str, b: str,
                   level: str = "actor", window: str = "sentence", sets: dict | None = None) -> pd.DataFrame:
    """The sentences behind a pair's count: every sentence of every window holding both.

    `sets` are window_sets(mentions, level, window) when known (several pairs of one table).
    """
    column = LEVEL_COLUMN[check_choice(level, LEVELS, "level")]
    keys = WINDOW_KEYS[check_choice(window, WINDOWS, "window")]
    sets = window_sets(mentions, level, window) if sets is None else sets
    both = [key for key, members in sets.items() if a in members and b in members]
    hits = pd.DataFrame(both, columns=keys).astype(sentences[keys].dtypes.to_dict())
    in_articles = sentences[sentences["article_id"].isin({key[0] for key in both})]  # a small merge, not the corpus
    rows = in_articles.merge(hits, on=keys, how="inner")
    if window != "sentence":  # keep only the sentences of the window that mention a or b
        named = mentions[mentions[column].isin([a, b])][["article_id", "sentence_id"]].drop_duplicates()
        rows = rows.merge(named, on=["article_id", "sentence_id"], how="inner")
    return rows.sort_values(["article_id", "sentence_id"], ignore_index=True)
