"""Tables behind the actors report (notebook 02): top actors, heatmap, top pairs, outlets."""
from __future__ import annotations

import pandas as pd

from src import comention

LEVEL_COLUMNS = {"actor": "actor_id", "country": "country"}


def labels(actors: pd.DataFrame) -> dict[str, str]:
    """Display name per actor id from the lexicon (countries: ISO3 -> Indonesian CLDR name)."""
    return dict(zip(actors["actor_id"], actors["actor"]))


def top_actors(mentions: pd.DataFrame, sentences: pd.DataFrame, level: str, top_n: int,
               label_of: dict[str, str]) -> pd.DataFrame:
    """Most mentioned ids at a level: sentences and articles mentioning each, and mention count."""
    key = LEVEL_COLUMNS[level]
    m = mentions.dropna(subset=[key])
    table = m.groupby(key).agg(mentions=("surface", "size"),
                               sentences=("sentence_id", lambda s: len(set(zip(m.loc[s.index, "article_id"], s)))),
                               articles=("article_id", "nunique"))
    table["share_of_sentences"] = (table["sentences"] / max(len(sentences), 1)).round(3)
    table.insert(0, "label", [label_of.get(i, i) for i in table.index])
    return table.sort_values(["sentences", "mentions"], ascending=False).head(top_n)


def heatmap_matrix(pairs: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Symmetric matrix of shared windows among the given ids (zeros where no pair)."""
    matrix = pd.DataFrame(0, index=ids, columns=ids, dtype=int)
    for r in pairs.itertuples(index=False):
        if r.actor_a in matrix.index and r.actor_b in matrix.index:
            matrix.loc[r.actor_a, r.actor_b] = matrix.loc[r.actor_b, r.actor_a] = r.windows
    return matrix


def select_pairs(comentions: pd.DataFrame, level: str, window: str, min_count: int) -> pd.DataFrame:
    """Pairs at one level and window with at least min_count shared windows."""
    c = comentions[(comentions["level"] == level) & (comentions["window"] == window)]
    return c[c["windows"] >= min_count].reset_index(drop=True)


def pairs_with_examples(pairs: pd.DataFrame, mentions: pd.DataFrame, sentences: pd.DataFrame,
                        level: str, window: str, top_n: int) -> pd.DataFrame:
    """Top pairs by LLR with their counts, PMI and one example sentence each."""
    top = pairs.sort_values(["llr", "windows"], ascending=False).head(top_n).copy()
    sets = comention.window_sets(mentions, level, window)
    examples = []
    for r in top.itertuples(index=False):
        rows = comention.pair_sentences(mentions, sentences, r.actor_a, r.actor_b, level, window, sets)
        examples.append(f"[{rows.iloc[0].article_id}#{rows.iloc[0].sentence_id}] {rows.iloc[0].text}"
                        if len(rows) else "")
    top["example"] = examples
    return top[["actor_a", "actor_b", "windows", "articles", "pmi", "llr", "example"]]


def outlet_comparison(mentions: pd.DataFrame, articles: pd.DataFrame, level: str, ids: list[str]) -> pd.DataFrame:
    """Share of each outlet's articles that mention each of the given ids."""
    key = LEVEL_COLUMNS[level]
    outlets = articles[["article_id", "outlet"]].fillna({"outlet": "(unknown)"})
    hits = mentions[mentions[key].isin(ids)][["article_id", key]].drop_duplicates().merge(outlets, on="article_id")
    counts = hits.groupby(["outlet", key]).size().unstack(fill_value=0)
    totals = outlets.groupby("outlet").size()
    share = counts.reindex(columns=ids, fill_value=0).div(totals.reindex(counts.index), axis=0)
    share.insert(0, "articles", totals.reindex(share.index))
    return share.sort_values("articles", ascending=False)
