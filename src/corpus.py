"""Facts about a processed corpus that every report states (coverage)."""
from __future__ import annotations

import pandas as pd


def date_range(articles: pd.DataFrame) -> tuple[str | None, str | None]:
    """Earliest and latest known publication date ('YYYY-MM-DD' or 'YYYY-MM'), or Nones."""
    known = articles["published"].dropna()
    return (str(known.min()), str(known.max())) if len(known) else (None, None)
