"""Report summaries: what each notebook tells the index page (one line, data covered, headline figures)."""
from __future__ import annotations

import json
from pathlib import Path

from src import paths, runstate

SUMMARY_DIR = "summaries"


def summary_path(processed_dir: str | Path, report: str) -> Path:
    """Where the summary of `report` lives."""
    return paths.resolve(processed_dir) / SUMMARY_DIR / f"{report}.json"


def check_summary(report: str, summary: str, articles, date_range, headline) -> None:
    """Raise a ValueError/TypeError naming the field when a summary is malformed."""
    if not isinstance(report, str) or not report or "/" in report:
        raise ValueError(f"publish_summary: report must be the notebook name, got {report!r}")
    if not isinstance(summary, str) or "\n" in summary.strip():
        raise ValueError(f"publish_summary({report}): summary must be one line of text")
    if articles is not None and (isinstance(articles, bool) or not isinstance(articles, int)):
        raise TypeError(f"publish_summary({report}): articles must be an int or None, got {articles!r}")
    if date_range is not None and (not isinstance(date_range, (tuple, list)) or len(date_range) != 2):
        raise TypeError(f"publish_summary({report}): date_range must be (first, last) or None")
    if headline is not None and not isinstance(headline, dict):
        raise TypeError(f"publish_summary({report}): headline must be a dict or None")


def summary_record(report: str, summary: str, articles, date_range, headline) -> dict:
    """The JSON-ready summary record (values made plain Python, keys as strings)."""
    check_summary(report, summary, articles, date_range, headline)
    plain = lambda v: v.item() if hasattr(v, "item") else v  # numpy scalars -> Python
    return {
        "report": report,
        "summary": summary.strip(),
        "articles": articles,
        "date_range": None if date_range is None else [None if d is None else str(d) for d in date_range],
        "headline": {str(k): plain(v) for k, v in (headline or {}).items()},
    }


def publish_summary(processed_dir, report, summary, articles, date_range, headline=None) -> Path:
    """Write <processed_dir>/summaries/<report>.json atomically; return its path."""
    record = summary_record(report, summary, articles, date_range, headline)
    path = summary_path(processed_dir, report)
    runstate.write_atomic(path, json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n")
    return path


def read_summary(processed_dir: str | Path, report: str) -> dict | None:
    """The summary a report published, or None when it published none (or it is unreadable)."""
    path = summary_path(processed_dir, report)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
