"""Find and read every input under the raw directory into `Record`s; bad input becomes `Problem`s.

Formats: .txt (one article, article_id = file stem), .html/.htm (a saved article page),
.jsonl and .csv (one article per row: `id`, `text`, optional `title`, `url`, `published`,
`outlet`), and `metadata.csv` (article_id + any of url/outlet/published/title: overrides).
An article_id is data only; it is never used to build a path.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from src.decode import DecodeError, decode_bytes, normalise_text
from src.html_page import parse_html

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".jsonl", ".csv"}
METADATA_FILE = "metadata.csv"
METADATA_FIELDS = ("url", "outlet", "published", "title")
ROW_FIELDS = ("title", "url", "published", "outlet")


@dataclass
class Record:
    """One raw article as read from the input, before cleaning (text already decoded and normalised)."""

    article_id: str
    text: str
    source_file: str = ""
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    encoding: str | None = None
    row: int | None = None


@dataclass
class Problem:
    """Input that could not be used: which file, which row (None for the whole file), and why."""

    source_file: str
    row: int | None
    reason: str


@dataclass
class Ingested:
    """Everything read from a raw directory."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    override_files: dict[str, str] = field(default_factory=dict)


def discover(raw_dir: Path) -> list[Path]:
    """Every non-hidden file under raw_dir, recursively, in a stable order."""
    return sorted(
        p for p in raw_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
    )


def _clean_value(value) -> str | None:
    """A stripped string, or None for missing/empty values."""
    if value is None:
        return None
    text = normalise_text(str(value)).strip()
    return text or None


# ---------------------------------------------------------------- readers

def _read_text_file(path: Path, rel: str, encoding: str, text: str, out: Ingested) -> None:
    """A .txt or .html/.htm file: one article, article_id = file stem."""
    if path.suffix.lower() == ".txt":
        fields = {"text": text}
    else:
        fields = parse_html(text)
    body = normalise_text(fields.pop("text"))
    if not body.strip():
        out.problems.append(Problem(rel, None, "no article text found"))
        return
    out.records.append(Record(article_id=path.stem, text=body, source_file=rel, encoding=encoding,
                              **{k: _clean_value(v) for k, v in fields.items()}))


def _row_record(row: dict, rel: str, number: int, encoding: str, out: Ingested) -> None:
    """One .jsonl/.csv row turned into a Record, or a Problem if it lacks an id or text."""
    article_id = _clean_value(row.get("id"))
    text = row.get("text")
    if article_id is None:
        out.problems.append(Problem(rel, number, "row without id"))
        return
    if text is None or not str(text).strip():
        out.problems.append(Problem(rel, number, f"row without text (id {article_id!r})"))
        return
    out.records.append(Record(article_id=article_id, text=normalise_text(str(text)), source_file=rel,
                              encoding=encoding, row=number,
                              **{k: _clean_value(row.get(k)) for k in ROW_FIELDS}))


# Where str.splitlines splits, except U+0085, U+2028 and U+2029: JSON allows those raw inside strings,
# the control characters never (so a break at one of them is always between rows).
_JSONL_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e]")


def jsonl_lines(text: str):
    """The lines of a JSON Lines text, as str.splitlines gives them but never split inside a JSON string; read lazily."""
    start = 0
    for match in _JSONL_BREAK.finditer(text):
        yield text[start:match.start()]
        start = match.end()
    if start < len(text):
        yield text[start:]


def _read_jsonl(rel: str, text: str, encoding: str, out: Ingested) -> None:
    """A .jsonl file: one JSON object per line."""
    for number, line in enumerate(jsonl_lines(text), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            out.problems.append(Problem(rel, number, f"malformed JSON: {exc.msg}"))
            continue
        if not isinstance(row, dict):
            out.problems.append(Problem(rel, number, "malformed JSON: not an object"))
            continue
        _row_record(row, rel, number, encoding, out)


def _csv_rows(rel: str, text: str, out: Ingested, required: tuple[str, ...]):
    """(line number, row dict) of well-formed CSV rows; malformed rows become problems."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        out.problems.append(Problem(rel, None, f"malformed CSV header: {exc}"))
        return
    missing = [c for c in required if c not in header]
    if missing:
        out.problems.append(Problem(rel, None, f"CSV without required column(s) {', '.join(missing)}"))
        return
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            out.problems.append(Problem(rel, reader.line_num, f"malformed CSV row: {exc}"))
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            out.problems.append(Problem(rel, reader.line_num,
                                        f"malformed CSV row: {len(values)} fields, header has {len(header)}"))
            continue
        yield reader.line_num, dict(zip(header, values))


def _read_csv(rel: str, text: str, encoding: str, out: Ingested) -> None:
    """A .csv file of articles (columns id, text, optional title/url/published/outlet)."""
    for number, row in _csv_rows(rel, text, out, ("id", "text")):
        _row_record(row, rel, number, encoding, out)


def _read_metadata(rel: str, text: str, out: Ingested) -> None:
    """metadata.csv: per-article url/outlet/published/title that override what the text suggests."""
    for number, row in _csv_rows(rel, text, out, ("article_id",)):
        article_id = _clean_value(row.get("article_id"))
        if article_id is None:
            out.problems.append(Problem(rel, number, "metadata row without article_id"))
            continue
        values = {k: _clean_value(row.get(k)) for k in METADATA_FIELDS}
        out.overrides[article_id] = {k: v for k, v in values.items() if v is not None}
        out.override_files[article_id] = f"{rel}:{number}"


def read_file(path: Path, raw_dir: Path, out: Ingested) -> None:
    """Read one input file into `out` (records, problems or metadata overrides)."""
    rel = path.relative_to(raw_dir).as_posix()
    suffix = path.suffix.lower()
    if path.name.lower() != METADATA_FILE and suffix not in ARTICLE_SUFFIXES:
        out.problems.append(Problem(rel, None, f"unsupported file type {suffix or '(none)'}: skipped"))
        return
    try:
        text, encoding = decode_bytes(path.read_bytes())
    except DecodeError as exc:
        out.problems.append(Problem(rel, None, str(exc)))
        return
    except OSError as exc:
        out.problems.append(Problem(rel, None, f"unreadable file: {exc.strerror}"))
        return
    if path.name.lower() == METADATA_FILE:
        _read_metadata(rel, text.lstrip("\ufeff"), out)
    elif suffix == ".jsonl":
        _read_jsonl(rel, text, encoding, out)
    elif suffix == ".csv":
        _read_csv(rel, text.lstrip("\ufeff"), encoding, out)
    else:
        _read_text_file(path, rel, encoding, text, out)


def drop_duplicate_ids(out: Ingested) -> None:
    """Keep the first record of each article_id; later ones become 'duplicate article_id' problems."""
    seen: dict[str, Record] = {}
    kept = []
    for record in out.records:
        first = seen.get(record.article_id)
        if first is None:
            seen[record.article_id] = record
            kept.append(record)
        else:
            where = first.source_file + (f" row {first.row}" if first.row else "")
            out.problems.append(Problem(record.source_file, record.row,
                                        f"duplicate article_id {record.article_id!r} (first in {where}): skipped"))
    out.records = kept


def unknown_overrides(out: Ingested) -> None:
    """Report metadata.csv rows naming an article that does not exist."""
    known = {r.article_id for r in out.records}
    for article_id in sorted(set(out.overrides) - known):
        rel, _, number = out.override_files[article_id].rpartition(":")
        out.problems.append(Problem(rel, int(number), f"metadata for unknown article_id {article_id!r}"))


def read_inputs(raw_dir: str | Path) -> Ingested:
    """Read every input file under raw_dir; never raises for bad input (it goes to problems)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: raw directory not found")
    out = Ingested()
    for path in discover(raw_dir):
        read_file(path, raw_dir, out)
    drop_duplicate_ids(out)
    unknown_overrides(out)
    return out
