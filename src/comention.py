"""Co-mentions (codebook section 4): pairs of actors counted over windows, with PMI and LLR.

Two different actors co-occur in a window when both are mentioned in it. A pair's count is
the number of windows containing both (not the product of mention counts); pairs are
unordered and an actor never pairs with itself. Counts are made at the `actor` level or the
`country` level (actors rolled up to their country; actors without a country drop out).
"""
from __future__ import annotations

import math
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


def window_members(mentions: pd.DataFrame, level: str, window: str) -> pd.DataFrame:
    """One row per (window, member): who is mentioned in which window, without repeats."""
    column = LEVEL_COLUMN[check_choice(level, LEVELS, "level")]
    keys = WINDOW_KEYS[check_choice(window, WINDOWS, "window")]
    m = mentions.dropna(subset=[column])[list(dict.fromkeys(keys + ["article_id", column]))]
    return m.drop_duplicates().rename(columns={column: "member"}).reset_index(drop=True)


def window_pairs(members: pd.DataFrame, window: str) -> pd.DataFrame:
    """One row per (window, unordered pair of different members) sharing that window."""
    keys = WINDOW_KEYS[window]
    joined = members.merge(members, on=keys, suffixes=("_a", "_b"))
    joined = joined[joined["member_a"] < joined["member_b"]]
    article = "article_id" if "article_id" in keys else "article_id_a"
    return joined.rename(columns={"member_a": "actor_a", "member_b": "actor_b", article: "article_id"})


def pmi(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """Pointwise mutual information in bits: log2(N * n_ab / (n_a * n_b))."""
    return math.log2(n * n_ab / (n_a * n_b))


def llr(n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """Dunning's log-likelihood ratio of the 2x2 window table (nltk's implementation)."""
    return float(BigramAssocMeasures.likelihood_ratio(n_ab, (n_a, n_b), n))


def pair_counts(members: pd.DataFrame, window: str) -> pd.DataFrame:
    """Per unordered pair: the windows holding both (`windows`) and the articles they lie in (`articles`)."""
    return window_pairs(members, window).groupby(["actor_a", "actor_b"]).agg(
        windows=("article_id", "size"), articles=("article_id", "nunique")).reset_index()


def member_counts(members: pd.DataFrame) -> pd.Series:
    """Per member: the number of windows it is mentioned in."""
    return members.groupby("member").size()


def scored_pairs(pairs: pd.DataFrame, singles: pd.Series, n_windows: int, level: str, window: str) -> pd.DataFrame:
    """Pair counts with PMI and LLR added, labelled with level and window, most frequent first."""
    pairs = pairs.copy()
    n_a, n_b = pairs["actor_a"].map(singles), pairs["actor_b"].map(singles)
    pairs["pmi"] = [pmi(ab, a, b, n_windows) for ab, a, b in zip(pairs["windows"], n_a, n_b)]
    pairs["llr"] = [llr(ab, a, b, n_windows) for ab, a, b in zip(pairs["windows"], n_a, n_b)]
    pairs.insert(0, "window", window)
    pairs.insert(0, "level", level)
    return pairs.sort_values(["windows", "actor_a", "actor_b"], ascending=[False, True, True], ignore_index=True)


def comention_table(mentions: pd.DataFrame, n_windows: int, level: str, window: str) -> pd.DataFrame:
    """All co-occurring pairs for one level and window, with counts, PMI and LLR."""
    members = window_members(mentions, level, window)
    return scored_pairs(pair_counts(members, window), member_counts(members), n_windows, level, window)


def window_counts(mentions: pd.DataFrame, sentences: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The additive counts behind every level and window: `pairs`, `singles` and `windows`.

    Windows never cross an article, so the counts of disjoint sets of articles add up
    (add_counts) to the counts of their union; parallel workers count chunks this way.
    """
    pairs, singles, windows = [], [], []
    for level in LEVELS:
        for window in WINDOWS:
            members = window_members(mentions, level, window)
            pairs.append(pair_counts(members, window).assign(level=level, window=window))
            singles.append(member_counts(members).rename("n").reset_index().assign(level=level, window=window))
    for window in WINDOWS:
        windows.append((window, count_windows(sentences, window)))
    return {"pairs": pd.concat(pairs, ignore_index=True), "singles": pd.concat(singles, ignore_index=True),
            "windows": pd.DataFrame(windows, columns=["window", "n"])}


COUNT_KEYS = {"pairs": ["level", "window", "actor_a", "actor_b"], "singles": ["level", "window", "member"],
              "windows": ["window"]}


def add_counts(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """The sum of window_counts of disjoint sets of articles."""
    return {name: pd.concat([p[name] for p in parts], ignore_index=True).groupby(keys, sort=False).sum().reset_index()
            for name, keys in COUNT_KEYS.items()}


def comentions_from_counts(counts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The co-mention table (every level and window, with PMI and LLR) from window_counts."""
    n_windows = dict(zip(counts["windows"]["window"], counts["windows"]["n"]))
    pairs = dict(tuple(counts["pairs"].groupby(["level", "window"], sort=False)))
    singles = dict(tuple(counts["singles"].groupby(["level", "window"], sort=False)))
    empty = pd.DataFrame({"actor_a": pd.Series(dtype="str"), "actor_b": pd.Series(dtype="str"),
                          "windows": pd.Series(dtype="int64"), "articles": pd.Series(dtype="int64")})
    parts = []
    for level in LEVELS:
        for window in WINDOWS:
            found = pairs.get((level, window), empty)[["actor_a", "actor_b", "windows", "articles"]]
            members = singles.get((level, window))
            n = members.set_index("member")["n"] if members is not None else pd.Series(dtype="int64")
            parts.append(scored_pairs(found.reset_index(drop=True), n, int(n_windows.get(window, 0)), level, window))
    return pd.concat(parts, ignore_index=True)


def all_comentions(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Co-mention tables for every level and window, stacked."""
    return comentions_from_counts(window_counts(mentions, sentences))


def pair_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame, a: str, b: str,
                   level: str = "actor", window: str = "sentence") -> pd.DataFrame:
    """The sentences behind a pair's count: every sentence of every window holding both."""
    column = LEVEL_COLUMN[check_choice(level, LEVELS, "level")]
    keys = WINDOW_KEYS[check_choice(window, WINDOWS, "window")]
    members = window_members(mentions, level, window)
    hits = members[members["member"] == a][keys].merge(members[members["member"] == b][keys], on=keys)
    rows = sentences.merge(hits.drop_duplicates(), on=keys, how="inner")
    if window != "sentence":  # keep only the sentences of the window that mention a or b
        named = mentions[mentions[column].isin([a, b])][["article_id", "sentence_id"]].drop_duplicates()
        rows = rows.merge(named, on=["article_id", "sentence_id"], how="inner")
    return rows.sort_values(["article_id", "sentence_id"], ignore_index=True)
