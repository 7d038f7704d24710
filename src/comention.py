"""Co-mentions (codebook section 4): pairs of actors counted over windows, with PMI and LLR.

Two different actors co-occur in a window when both are mentioned in it. A pair's count is
the number of windows containing both (not the product of mention counts); pairs are
unordered and an actor never pairs with itself. Counts are made at the `actor` level or the
`country` level (actors rolled up to their country; actors without a country drop out).
"""
from __future__ import annotations

import math
from collections import Counter
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
    return len(sentences[WINDOW_KEYS[check_choice(window, WINDOWS, "window")]].drop_duplicates())


def window_sets(mentions: pd.DataFrame, level: str, window: str) -> pd.DataFrame:
    """One row per window that mentions anything: article_id, window key, sorted member tuple."""
    column = LEVEL_COLUMN[check_choice(level, LEVELS, "level")]
    keys = WINDOW_KEYS[check_choice(window, WINDOWS, "window")]
    m = mentions.dropna(subset=[column])[keys + [column]].drop_duplicates()
    grouped = m.groupby(keys, sort=True)[column].agg(lambda s: tuple(sorted(set(s))))
    return grouped.rename("members").reset_index()


def pmi(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """Pointwise mutual information in bits: log2(N * n_ab / (n_a * n_b))."""
    return math.log2(n * n_ab / (n_a * n_b))


def llr(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """Dunning's log-likelihood ratio of the 2x2 window table (nltk's implementation)."""
    return float(BigramAssocMeasures.likelihood_ratio(n_ab, (n_a, n_b), n))


def pair_counts(sets: pd.DataFrame) -> tuple[Counter, Counter, Counter]:
    """Windows per member, windows per pair, and distinct articles per pair."""
    singles, pairs, article_pairs = Counter(), Counter(), set()
    for article_id, members in zip(sets["article_id"], sets["members"]):
        singles.update(members)
        for pair in combinations(members, 2):
            pairs[pair] += 1
            article_pairs.add((pair, article_id))
    articles = Counter(pair for pair, _ in article_pairs)
    return singles, pairs, articles


def comention_table(mentions: pd.DataFrame, n_windows: int, level: str, window: str) -> pd.DataFrame:
    """All co-occurring pairs for one level and window, with counts, PMI and LLR."""
    singles, pairs, articles = pair_counts(window_sets(mentions, level, window))
    rows = [{
        "level": level, "window": window, "actor_a": a, "actor_b": b,
        "windows": n_ab, "articles": articles[(a, b)],
        "pmi": pmi(n_ab, singles[a], singles[b], n_windows),
        "llr": llr(n_ab, singles[a], singles[b], n_windows),
    } for (a, b), n_ab in pairs.items()]
    columns = ["level", "window", "actor_a", "actor_b", "windows", "articles", "pmi", "llr"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["windows", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def all_comentions(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Co-mention tables for every level and window, stacked."""
    parts = [comention_table(mentions, count_windows(sentences, w), level, w)
             for level in LEVELS for w in WINDOWS]
    return pd.concat(parts, ignore_index=True)


def pair_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame, a: str, b: str,
                   level: str = "actor", window: str = "sentence") -> pd.DataFrame:
    """The sentences behind a pair's count: every sentence of every window holding both."""
    column = LEVEL_COLUMN[check_choice(level, LEVELS, "level")]
    keys = WINDOW_KEYS[check_choice(window, WINDOWS, "window")]
    sets = window_sets(mentions, level, window)
    hits = sets[sets["members"].map(lambda ms: a in ms and b in ms)][keys]
    rows = sentences.merge(hits, on=keys, how="inner")
    if window != "sentence":  # keep only the sentences of the window that mention a or b
        named = mentions[mentions[column].isin([a, b])][["article_id", "sentence_id"]].drop_duplicates()
        rows = rows.merge(named, on=["article_id", "sentence_id"], how="inner")
    return rows.sort_values(["article_id", "sentence_id"], ignore_index=True)
