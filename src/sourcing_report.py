"""Tables behind the sourcing report (notebook 03): profiles, anonymity, foreign media, evidence."""
from __future__ import annotations

import pandas as pd

from src.sourcing import TYPES

UNKNOWN_OUTLET = "(unknown outlet)"


def with_outlet(df: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """df joined with each article's outlet (unknown outlets labelled)."""
    outlets = articles[["article_id", "outlet"]].fillna({"outlet": UNKNOWN_OUTLET})
    joined = df.merge(outlets, on="article_id", how="left", validate="many_to_one")
    assert len(joined) == len(df), "outlet join changed the row count"
    return joined


def profile(attributions: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of sentences carrying each source type, per value of `by` (types as columns)."""
    counts = attributions.drop_duplicates(["article_id", "sentence_id", "source_type"]) \
        .groupby([by, "source_type"]).size().unstack(fill_value=0)
    return counts.reindex(columns=[t for t in TYPES if t in counts.columns], fill_value=0)


def anonymous_share(attributions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: sentences, attributed sentences, anonymous sentences and their shares."""
    s = with_outlet(sentences[["article_id", "sentence_id"]], articles)
    a = with_outlet(attributions[["article_id", "sentence_id", "source_type"]], articles)
    attributed = a.drop_duplicates(["article_id", "sentence_id"]).groupby("outlet").size()
    anonymous = a[a["source_type"] == "anonymous"].drop_duplicates(["article_id", "sentence_id"]) \
        .groupby("outlet").size()
    table = pd.DataFrame({"sentences": s.groupby("outlet").size()})
    table["attributed"] = attributed.reindex(table.index, fill_value=0)
    table["anonymous"] = anonymous.reindex(table.index, fill_value=0)
    table["anonymous_share_of_sentences"] = table["anonymous"] / table["sentences"]
    table["anonymous_share_of_attributed"] = (table["anonymous"] / table["attributed"].where(table["attributed"] > 0))
    total = table[["sentences", "attributed", "anonymous"]].sum()
    table.loc["(all)"] = [*total, total["anonymous"] / max(total["sentences"], 1),
                          total["anonymous"] / total["attributed"] if total["attributed"] else float("nan")]
    return table


def cited_media(provenance: pd.DataFrame, articles: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Cited outlet x citing outlet: number of articles, with whether the cited outlet is foreign."""
    p = with_outlet(provenance, articles).rename(columns={"outlet_x": "cited", "outlet_y": "citing"})
    foreign = outlets.drop_duplicates("name").set_index("name")["indonesian"].map(lambda v: str(v).lower() != "true")
    p["foreign"] = p["cited"].map(foreign)
    return p.groupby(["cited", "foreign", "citing"], dropna=False).agg(articles=("article_id", "nunique"),
                                                                      primary=("position", lambda s: int((s == 1).sum())))\
        .reset_index().sort_values(["articles", "cited"], ascending=[False, True], ignore_index=True)


def foreign_reliance(provenance: pd.DataFrame, articles: pd.DataFrame, outlets: pd.DataFrame) -> pd.DataFrame:
    """Per citing outlet: articles, articles citing any foreign medium, and that share."""
    cited = cited_media(provenance, articles, outlets)
    per_article = with_outlet(provenance, articles).rename(columns={"outlet_x": "cited", "outlet_y": "citing"})
    per_article["foreign"] = per_article["cited"].isin(set(cited.loc[cited["foreign"] == True, "cited"]))  # noqa: E712
    foreign_articles = per_article[per_article["foreign"]].groupby("citing")["article_id"].nunique()
    totals = articles.fillna({"outlet": UNKNOWN_OUTLET}).groupby("outlet")["article_id"].nunique()
    table = pd.DataFrame({"articles": totals, "citing_foreign_media": foreign_articles.reindex(totals.index, fill_value=0)})
    table["share"] = table["citing_foreign_media"] / table["articles"]
    return table.sort_values("articles", ascending=False)


def evidence(attributions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Every attribution with its sentence text, one row per sentence and source type."""
    joined = attributions.merge(sentences[["article_id", "sentence_id", "text"]],
                                on=["article_id", "sentence_id"], how="left", validate="many_to_one")
    assert len(joined) == len(attributions) and joined["text"].notna().all(), "attribution without its sentence"
    return joined[["article_id", "sentence_id", "source_type", "source", "cue", "text"]]


def marker_examples(markers: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Every claim marker with the sentence it was found in."""
    joined = markers.merge(sentences[["article_id", "sentence_id", "text"]],
                           on=["article_id", "sentence_id"], how="left", validate="many_to_one")
    assert len(joined) == len(markers), "marker join changed the row count"
    return joined
