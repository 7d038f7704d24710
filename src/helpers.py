"""The notebook-facing API: the few calls a report notebook needs, each delegated to its module.

    from src import helpers
    helpers.setup()
    articles = helpers.load_table(processed_dir, "articles")
    helpers.show_table(articles[["article_id", "title"]], caption="Articles")
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from src import display, figures, paths, summaries, tables

__all__ = ["setup", "resolve", "load_table", "show_table", "show_text", "save_figure", "publish_summary"]


def setup() -> None:
    """Deterministic matplotlib (PNG inline, fixed dpi, svg hash salt) and pandas display options."""
    figures.configure_matplotlib()
    display.configure_pandas()


def resolve(path: str | Path) -> Path:
    """A path given relative to the repo root (absolute paths pass through)."""
    return paths.resolve(path)


def load_table(processed_dir: str | Path, name: str) -> pd.DataFrame:
    """Read a contract table from the processed directory."""
    return tables.read_table(paths.resolve(processed_dir), name)


def show_table(df: pd.DataFrame, caption: str | None = None, max_rows: int = 30):
    """Display a DataFrame as escaped, deterministic, horizontally scrollable HTML."""
    from IPython.display import HTML

    return HTML(display.table_html(df, caption=caption, max_rows=max_rows))


def show_text(text: str):
    """Display article text, escaped, as a quoted block."""
    from IPython.display import HTML

    return HTML(display.text_html(text))


def save_figure(fig, data: pd.DataFrame, processed_dir: str | Path, name: str) -> Path:
    """Write <processed_dir>/figures/<name>.png and .csv (the data behind it); return the PNG path."""
    return figures.save_figure(fig, data, processed_dir, name)


def publish_summary(processed_dir, report: str, summary: str, articles: int | None,
                    date_range: tuple[str | None, str | None] | None, headline: dict | None = None) -> Path:
    """Record the report's one-line summary and coverage for the index page."""
    return summaries.publish_summary(processed_dir, report, summary, articles, date_range, headline)
