"""Escaped, deterministic HTML for tables and article text shown in notebooks and reports."""
from __future__ import annotations

import html
import math
from numbers import Integral, Real

import pandas as pd

TABLE_CLASS = "report-table"
SCROLL_CLASS = "table-scroll"


def format_cell(value: object) -> str:
    """Plain-text form of one table value (empty for missing, lists joined, floats to 4 significant digits)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)) or hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        if not isinstance(items, list):
            return format_cell(items)
        return ", ".join(format_cell(v) for v in items)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        f = float(value)
        return "" if math.isnan(f) else format(f, ".4g")
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def escaped(value: object) -> str:
    """HTML-escaped text of one value (quotes included)."""
    return html.escape(format_cell(value), quote=True)


def is_numeric(series: pd.Series) -> bool:
    """Whether a column should be right-aligned as numbers."""
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def show_index(df: pd.DataFrame) -> bool:
    """Whether the index carries information (named, or not a plain 0..n-1 range)."""
    idx = df.index
    if any(n is not None for n in idx.names):
        return True
    return not (isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1)


def header_row(df: pd.DataFrame, with_index: bool) -> str:
    """The <thead> row: escaped column names (and index names)."""
    cells = [f"<th>{escaped(n if n is not None else '')}</th>" for n in df.index.names] if with_index else []
    cells += [f"<th>{escaped(c)}</th>" for c in df.columns]
    return "<thead><tr>" + "".join(cells) + "</tr></thead>"


def body_rows(df: pd.DataFrame, with_index: bool) -> str:
    """The <tbody>: one row per DataFrame row, every cell escaped."""
    numeric = [is_numeric(df[c]) if df.columns.is_unique else False for c in df.columns]
    rows = []
    for key, values in zip(df.index, df.itertuples(index=False, name=None)):
        keys = key if isinstance(key, tuple) else (key,)
        cells = [f"<th>{escaped(k)}</th>" for k in keys] if with_index else []
        cells += [
            f'<td class="num">{escaped(v)}</td>' if num else f"<td>{escaped(v)}</td>"
            for v, num in zip(values, numeric)
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<tbody>" + "".join(rows) + "</tbody>"


def table_html(df: pd.DataFrame, caption: str | None = None, max_rows: int = 30) -> str:
    """A DataFrame as escaped HTML in a horizontally scrollable wrapper, with no random ids."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"show_table expects a pandas DataFrame, got {type(df).__name__}")
    shown = df.head(max_rows) if max_rows is not None and max_rows >= 0 else df
    with_index = show_index(df)
    parts = [f'<div class="{SCROLL_CLASS}"><table class="{TABLE_CLASS}">']
    if caption:
        parts.append(f"<caption>{html.escape(str(caption))}</caption>")
    parts.append(header_row(shown, with_index))
    parts.append(body_rows(shown, with_index))
    parts.append("</table>")
    if len(shown) < len(df):
        parts.append(f'<p class="table-note">Showing {len(shown)} of {len(df)} rows.</p>')
    elif len(df) == 0:
        parts.append('<p class="table-note">No rows.</p>')
    parts.append("</div>")
    return "".join(parts)


def text_html(text: str) -> str:
    """Article text as an escaped block, one <p> per non-empty line."""
    paragraphs = [line for line in str(text).split("\n") if line.strip()]
    inner = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f'<blockquote class="article-text">{inner}</blockquote>'


def configure_pandas() -> None:
    """Fixed pandas display options so plain DataFrame output is stable and readable."""
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 4)
    pd.set_option("styler.format.escape", "html")  # Styler does not escape cell text unless told to
