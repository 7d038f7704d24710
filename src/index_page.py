"""reports/index.html: one entry per report with its title, summary, data covered, status and headline figures."""
from __future__ import annotations

import html
from pathlib import Path

CSS = Path(__file__).resolve().parent / "templates" / "index.css"
NOT_REPORTED = "not reported"


def esc(value: object) -> str:
    """HTML-escaped text."""
    return html.escape(str(value), quote=True)


def coverage_text(summary: dict | None) -> str:
    """'N articles, first – last' from a published summary, or 'not reported'."""
    if not summary or (summary.get("articles") is None and not summary.get("date_range")):
        return NOT_REPORTED
    parts = []
    if summary.get("articles") is not None:
        parts.append(f"{summary['articles']} article(s)")
    first, last = (list(summary.get("date_range") or []) + [None, None])[:2]
    if first or last:
        parts.append(f"{first or 'unknown'} – {last or 'unknown'}")
    else:
        parts.append("dates unknown")
    return ", ".join(parts)


def status_text(entry: dict | None, has_html: bool) -> tuple[str, str]:
    """(css class, words) describing a report's state for readers."""
    status = (entry or {}).get("status")
    if status == "ok":
        return "ok", "up to date"
    shown = "showing the last good version" if has_html else "no report published yet"
    if status == "failed":
        return "failed", f"last render failed ({entry.get('error', 'see the render log')}); {shown}"
    if status == "not_run":
        return "failed", f"not re-rendered because an earlier report failed; {shown}"
    return "missing", "not rendered yet"


def headline_html(summary: dict | None) -> str:
    """The headline figures as a small definition list ('' when none)."""
    items = (summary or {}).get("headline") or {}
    if not items:
        return ""
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items.items())
    return f'<dl class="headline">{rows}</dl>'


def entry_html(name: str, entry: dict | None, reports_dir: Path) -> str:
    """One report's <li>."""
    entry = entry or {}
    html_file = entry.get("html") or f"{name}.html"
    has_html = (reports_dir / html_file).is_file()
    title = esc(entry.get("title") or name)
    heading = f'<a href="{esc(html_file)}">{title}</a>' if has_html else title
    summary = entry.get("summary")
    css, words = status_text(entry, has_html)
    return (
        f'<li class="report status-{css}"><h2>{heading}</h2>'
        f'<p class="summary">{esc((summary or {}).get("summary") or NOT_REPORTED)}</p>'
        f'<p class="meta"><span class="label">Data:</span> {esc(coverage_text(summary))}'
        f' · <span class="label">Status:</span> <span class="status">{esc(words)}</span>'
        f' · <span class="label">Report:</span> <code>{esc(name)}</code></p>'
        f"{headline_html(summary)}</li>"
    )


def index_html(names: list[str], entries: dict[str, dict], reports_dir: Path) -> str:
    """The whole index page (deterministic: no times, only the manifest's stable fields)."""
    items = "\n".join(entry_html(n, entries.get(n), reports_dir) for n in names)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        "<title>Reports: Indonesian news actors and sourcing</title>\n"
        f"<style>\n{CSS.read_text(encoding='utf-8')}</style>\n</head>\n<body>\n<main>\n"
        "<h1>Reports</h1>\n<p>Actor co-mentions and sourcing in Indonesian-language online news. "
        "Each report states its inputs, parameters and code version at the bottom; "
        "<code>manifest.json</code> records how each was produced.</p>\n"
        f'<ol class="reports">\n{items}\n</ol>\n</main>\n</body>\n</html>\n'
    )
