"""Views of the cleaning tables for notebook 01_clean (overview, audit, problems, duplicates)."""
from __future__ import annotations

import pandas as pd

UNKNOWN = "(unknown)"


def outlet_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet (unknown outlets grouped), most first."""
    outlets = articles["outlet"].fillna(UNKNOWN)
    counts = outlets.value_counts().rename_axis("outlet").reset_index(name="articles")
    return counts.sort_values(["articles", "outlet"], ascending=[False, True], ignore_index=True)


def monthly_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per publication month ('YYYY-MM'), for articles whose year and month are known."""
    months = articles["published"].dropna().str[:7]
    return months.value_counts().rename_axis("month").reset_index(name="articles").sort_values("month", ignore_index=True)


def date_range(articles: pd.DataFrame) -> tuple[str | None, str | None]:
    """(first, last) known publication date, or (None, None)."""
    known = articles["published"].dropna()
    return (known.min(), known.max()) if len(known) else (None, None)


def removal_summary(removed: pd.DataFrame, examples: int = 2) -> pd.DataFrame:
    """Per reason: how many pieces were removed, from how many articles, with example texts."""
    rows = []
    for reason, group in removed.groupby("reason"):
        sample = group["text"].drop_duplicates().head(examples).str.slice(0, 120)
        rows.append({"reason": reason, "removed": len(group), "articles": group["article_id"].nunique(),
                     "examples": " | ".join(sample)})
    columns = ["reason", "removed", "articles", "examples"]
    return pd.DataFrame(rows, columns=columns).sort_values(["removed", "reason"], ascending=[False, True], ignore_index=True)


def duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles flagged as near-duplicates, with the article they copy and the similarity."""
    columns = articles[["article_id", "outlet", "duplicate_of", "similarity", "title"]]  # not the bodies: the rows
    return columns[columns["duplicate_of"].notna()].reset_index(drop=True)            # selected are copied


def metadata_coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """How many articles have each piece of metadata."""
    fields = ["title", "outlet", "published", "published_partial", "dateline", "author", "url"]
    rows = [{"field": f, "articles": int(articles[f].notna().sum()), "of": len(articles)} for f in fields]
    rows.append({"field": "footer_sources", "articles": int(articles["footer_sources"].map(len).gt(0).sum()),
                 "of": len(articles)})
    return pd.DataFrame(rows)


def findings(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Bullet lines summarising the cleaning run, computed from the tables."""
    articles, sentences, removed, problems = (tables[n] for n in ("articles", "sentences", "removed", "problems"))
    first, last = date_range(articles)
    by_reason = removed["reason"].value_counts()
    lines = [
        f"{len(articles)} articles from {articles['outlet'].nunique()} known outlets; "
        f"{len(sentences)} sentences in {int(articles['n_paragraphs'].sum())} paragraphs.",
        f"Publication dates known for {int(articles['published'].notna().sum())} articles"
        + (f" ({first} to {last})" if first else "")
        + f"; {int(articles['published_partial'].notna().sum())} more have a day and month without a year.",
        f"Cleaning removed {len(removed)} pieces of text from {removed['article_id'].nunique()} articles"
        + (": " + ", ".join(f"{n} {r}" for r, n in by_reason.items()) if len(by_reason) else "") + ".",
        f"{len(problems)} input problems (files or rows that could not be used) and "
        f"{int(articles['duplicate_of'].notna().sum())} near-duplicate articles.",
    ]
    return lines
