"""Article provenance (codebook section 6): the media an article cites and its footer sources."""
from __future__ import annotations

import pandas as pd

from src import tables


def article_provenance(article_id: str, cited: list[str], footer: list[str]) -> list[tuple]:
    """Rows (article_id, outlet, via, position): citations in order of first use, then footers."""
    rows, seen = [], set()
    for via, outlets in (("citation", cited), ("footer", footer)):
        for outlet in outlets:
            key = outlet.casefold()
            if outlet and key not in seen:
                seen.add(key)
                rows.append((article_id, outlet, via, len(rows) + 1))
    return rows


def provenance_table(cited: dict[str, list[str]], articles: pd.DataFrame) -> pd.DataFrame:
    """Provenance rows for every article: cited outlets (by name) then footer sources."""
    rows = []
    for article_id, footer in zip(articles["article_id"], articles["footer_sources"]):
        rows += article_provenance(article_id, cited.get(article_id, []), list(footer if footer is not None else []))
    return pd.DataFrame(rows, columns=list(tables.SCHEMAS["provenance"]))
