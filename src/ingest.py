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
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from src import dates
from src.decode import DecodeError, decode_bytes, normalise_text
from src.html_page import parse_html

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".jsonl", ".csv"}
METADATA_FILE = "metadata.csv"
METADATA_FIELDS = ("url", "outlet", "published", "title")
ROW_FIELDS = ("title", "url", "published", "outlet")
PLACEHOLDER_FILES = {".gitkeep", ".DS_Store"}  # hidden files that are never articles: skipped without a problem
CSV_FIELD_LIMIT = 2**31 - 1  # csv's default of 131,072 characters would cut a long article into fake rows
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


def shown_name(path: Path, raw_dir: Path) -> str:
    """The path relative to raw_dir as text; bytes of a file name that are not UTF-8 are shown as \\xNN."""
    rel = path.relative_to(raw_dir).as_posix()
    return os.fsencode(rel).decode("utf-8", "backslashreplace") if _LONE_SURROGATE.search(rel) else rel


def _skip_reason(entry: os.DirEntry) -> str | None:
    """Why a directory entry is not read (hidden, broken link, not a regular file), or None to read it."""
    if entry.name.startswith("."):
        return "hidden folder: skipped" if entry.is_dir() else "hidden file: skipped"
    if entry.is_symlink() and not os.path.exists(entry.path):
        return "broken symbolic link: skipped"
    if not entry.is_dir() and not entry.is_file():
        return "not a regular file: skipped"
    return None


def overlaps(folder: str, roots: list[str]) -> bool:
    """True when a real folder path is one of roots, lies inside one, or holds one (the filesystem root holds all)."""
    path = Path(folder)
    return any(path.is_relative_to(root) or Path(root).is_relative_to(path) for root in roots)


def discover(raw_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every readable file under raw_dir, recursively, in a stable order, plus a problem for each hidden, broken or
    special entry skipped (placeholders such as .gitkeep aside). A linked folder or file is followed when it lies
    outside everything read so far; a link into the raw folder, to a folder holding it, or to something already
    followed is reported and skipped, so no file is read twice and nothing outside is read by accident."""
    files: list[Path] = []
    problems: list[Problem] = []
    roots = [os.path.realpath(raw_dir)]
    linked: set[str] = set()  # real paths of files read through a link
    pending = [raw_dir]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(shown_name(folder, raw_dir), None, f"unreadable folder: {exc.strerror}"))
            continue
        for entry in entries:
            if entry.name in PLACEHOLDER_FILES:
                continue
            rel = shown_name(Path(entry.path), raw_dir)
            reason = _skip_reason(entry)
            if reason:
                problems.append(Problem(rel, None, reason))
            elif entry.is_dir() and entry.is_symlink():
                real = os.path.realpath(entry.path)
                if overlaps(real, roots):
                    problems.append(Problem(rel, None, "link to a folder that is read anyway or holds the raw "
                                                       "folder: skipped"))
                else:
                    roots.append(real)
                    pending.append(Path(entry.path))
            elif entry.is_dir():
                pending.append(Path(entry.path))
            elif entry.is_symlink():
                real = os.path.realpath(entry.path)
                if overlaps(real, roots) or real in linked:
                    problems.append(Problem(rel, None, "link to a file that is read anyway: skipped"))
                else:
                    linked.add(real)
                    files.append(Path(entry.path))
            else:
                files.append(Path(entry.path))
    files.sort(key=lambda p: p.relative_to(raw_dir).parts)
    problems.sort(key=lambda p: p.source_file)
    return files, problems


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
    stem = Path(rel).stem
    out.records.append(Record(article_id=_clean_value(stem) or stem, text=body, source_file=rel,
                              encoding=encoding,
                              **{k: _clean_value(v) for k, v in fields.items()}))


def field_text(value) -> tuple[str | None, str | None]:
    """(the value as text, None) for a string or number; (None, what it is) for a list, object, boolean or NaN."""
    if value is None or isinstance(value, str):
        return value, None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"a JSON {type(value).__name__}"
    if value != value or value in (float("inf"), float("-inf")):
        return None, f"the number {value}"
    return str(value), None


def without_lone_surrogates(value: str) -> tuple[str, int]:
    """(value with lone UTF-16 surrogates replaced by U+FFFD, how many); a JSON "\\ud83d" escape without its pair."""
    return _LONE_SURROGATE.subn("\ufffd", value)


def row_fields(row: dict, rel: str, number: int, out: Ingested, surrogates: bool) -> dict[str, str | None] | None:
    """A JSON row's id, text and metadata as text; a field that is not text is a problem (for id or text the row
    is skipped: None); with `surrogates`, lone surrogate escapes are replaced and reported."""
    fields: dict[str, str | None] = {}
    for name in ("id", "text", *ROW_FIELDS):
        value, wrong = field_text(row.get(name))
        if wrong is not None:
            skipped = name in ("id", "text")
            out.problems.append(Problem(rel, number, f"field {name!r} is {wrong}, not text: "
                                                     + ("row skipped" if skipped else "ignored")))
            if skipped:
                return None
        if surrogates and value:
            value, count = without_lone_surrogates(value)
            if count:
                out.problems.append(Problem(rel, number, f"field {name!r} holds {count} lone surrogate escape(s) "
                                                         "(half of an emoji or other character): replaced with U+FFFD"))
        fields[name] = value
    return fields


def _row_record(row: dict, rel: str, number: int, encoding: str, out: Ingested) -> None:
    """One .jsonl/.csv row (fields already text) turned into a Record, or a Problem if it lacks an id or text."""
    article_id = _clean_value(row.get("id"))
    text = row.get("text")
    if article_id is None:
        out.problems.append(Problem(rel, number, "row without id"))
        return
    if text is None or not text.strip():
        out.problems.append(Problem(rel, number, f"row without text (id {article_id!r})"))
        return
    out.records.append(Record(article_id=article_id, text=normalise_text(text), source_file=rel,
                              encoding=encoding, row=number,
                              **{k: _clean_value(row.get(k)) for k in ROW_FIELDS}))


def jsonl_lines(text: str):
    """The rows of a JSON Lines text, lazily: split at "\n" only, as the format says (a "\r" before it is JSON
    whitespace); a file without any "\n" is split at "\r" (old Mac line ends). U+2028, U+0085, form feeds or a
    lone "\r" inside a JSON string never split a row."""
    separator = "\r" if "\n" not in text and "\r" in text else "\n"
    start = 0
    end = text.find(separator)
    while end >= 0:
        yield text[start:end]
        start = end + 1
        end = text.find(separator, start)
    if start < len(text):
        yield text[start:]


def _read_jsonl(rel: str, text: str, encoding: str, out: Ingested) -> None:
    """A .jsonl file: one JSON object per line."""
    for number, line in enumerate(jsonl_lines(text), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line, strict=False)  # raw tabs inside strings, as sloppy writers leave them
        except json.JSONDecodeError as exc:
            out.problems.append(Problem(rel, number, f"malformed JSON: {exc.msg}"))
            continue
        except (ValueError, RecursionError) as exc:  # a number of over 4,300 digits; nesting too deep
            out.problems.append(Problem(rel, number, f"malformed JSON: {str(exc).split(';')[0]}"))
            continue
        if not isinstance(row, dict):
            out.problems.append(Problem(rel, number, "malformed JSON: not an object"))
            continue
        fields = row_fields(row, rel, number, out, surrogates="\\ud" in line or "\\uD" in line)
        if fields is not None:
            _row_record(fields, rel, number, encoding, out)


def _csv_rows(rel: str, text: str, out: Ingested, required: tuple[str, ...]):
    """(first line number, row dict) of well-formed CSV rows; malformed rows and bad headers become problems."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        out.problems.append(Problem(rel, None, f"malformed CSV header: {exc}"))
        return
    missing = [c for c in required if c not in header]
    doubled = sorted({c for c in header if c and header.count(c) > 1})
    if missing or doubled:
        what = [f"without required column(s) {', '.join(missing)}"] if missing else []
        what += [f"with duplicate column(s) {', '.join(doubled)}"] if doubled else []
        out.problems.append(Problem(rel, None, f"CSV {' and '.join(what)}: skipped"))
        return
    while True:
        first = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            lines = f"line {first}" if reader.line_num <= first else f"lines {first}-{reader.line_num}"
            out.problems.append(Problem(rel, first, f"malformed CSV row ({lines}): {exc} (a stray or unclosed "
                                                    "quote); the rows on these lines were not read"))
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            out.problems.append(Problem(rel, first,
                                        f"malformed CSV row: {len(values)} fields, header has {len(header)}"))
            continue
        yield first, dict(zip(header, values))


def _read_csv(rel: str, text: str, encoding: str, out: Ingested) -> None:
    """A .csv file of articles (columns id, text, optional title/url/published/outlet)."""
    for number, row in _csv_rows(rel, text, out, ("id", "text")):
        _row_record(row, rel, number, encoding, out)


def _read_metadata(rel: str, text: str, out: Ingested) -> None:
    """metadata.csv: per-article url/outlet/published/title that override what the text suggests.
    The first row for an article wins; an unreadable date is reported here and ignored."""
    for number, row in _csv_rows(rel, text, out, ("article_id",)):
        article_id = _clean_value(row.get("article_id"))
        if article_id is None:
            out.problems.append(Problem(rel, number, "metadata row without article_id"))
            continue
        if article_id in out.overrides:
            out.problems.append(Problem(rel, number, f"duplicate metadata for article_id {article_id!r} "
                                                     f"(first in {out.override_files[article_id]}): skipped"))
            continue
        values = {k: _clean_value(row.get(k)) for k in METADATA_FIELDS}
        if values["published"] is not None and dates.parse_date(values["published"]) is None:
            out.problems.append(Problem(rel, number, f"unrecognised published date {values['published']!r}: ignored"))
            values["published"] = None
        out.overrides[article_id] = {k: v for k, v in values.items() if v is not None}
        out.override_files[article_id] = f"{rel}:{number}"


def read_file(path: Path, raw_dir: Path, out: Ingested) -> None:
    """Read one input file into `out` (records, problems or metadata overrides)."""
    rel = shown_name(path, raw_dir)
    if rel != path.relative_to(raw_dir).as_posix():
        out.problems.append(Problem(rel, None, "file name is not UTF-8: its bytes are shown as \\xNN in ids and paths"))
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
    files, skipped = discover(raw_dir)
    out = Ingested(problems=skipped)
    for path in files:
        read_file(path, raw_dir, out)
    drop_duplicate_ids(out)
    unknown_overrides(out)
    return out
