"""Indonesian publication dates: month/weekday names (Unicode CLDR via babel + variants) and dateline forms.

A date is a `PartialDate(year, month, day)` where any part may be None; `iso()` gives
'YYYY-MM-DD' / 'YYYY-MM' when the year is known and `partial()` gives '--MM-DD' when it is not.
The year is never guessed.
"""
from __future__ import annotations

import csv
import heapq
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel.dates import get_day_names, get_month_names

from src import paths


@dataclass(frozen=True)
class PartialDate:
    """A calendar date whose year (and day) may be unknown."""

    year: int | None
    month: int
    day: int | None = None

    def is_valid(self) -> bool:
        """True when the parts form a real date (with 2000 standing in for an unknown leap year)."""
        try:
            date(self.year or 2000, self.month, self.day or 1)
        except ValueError:
            return False
        return self.year is None or 1900 <= self.year <= 2100

    def iso(self) -> str | None:
        """'YYYY-MM-DD' or 'YYYY-MM' when the year is known, else None."""
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    def partial(self) -> str | None:
        """ISO 8601 '--MM-DD' (or '--MM') when the year is unknown, else None."""
        if self.year is not None:
            return None
        return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


@lru_cache(maxsize=1)
def names() -> dict[str, dict[str, int]]:
    """{'month': {name: 1..12}, 'weekday': {name: 0..6}} from CLDR 'id' and data/lexicon/dates_id.csv."""
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="id").items():
            months[name.lower().rstrip(".")] = number
    weekdays = {name.lower(): number for number, name in get_day_names("wide", locale="id").items()}
    with open(paths.LEXICON / "dates_id.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            target = months if row["kind"] == "month" else weekdays
            target[row["name"].lower()] = int(row["number"])
    return {"month": months, "weekday": weekdays}


def _alternation(words) -> str:
    """A regex alternation of `words`, longest first, apostrophes optional."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace("'", "'?") for w in ordered)


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    """Compiled date patterns (case-insensitive)."""
    month = _alternation(names()["month"])
    weekday = _alternation(names()["weekday"])
    year = r"(?P<year>\d{4})"
    time = r"(?:\s*[,|\-–]?\s*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT|GMT|UTC)?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?"
    textual = rf"(?P<day>\d{{1,2}})\s+(?P<month>{month})\.?(?:\s+{year})?"
    numeric = r"(?P<nday>\d{1,2})\s*/\s*(?P<nmonth>\d{1,2})(?:\s*/\s*(?P<nyear>\d{4}|\d{2}))?"
    flags = re.IGNORECASE
    return {
        # 'Kamis (13/4/2023)', 'Rabu (23 Oktober)', 'Senin (27/3)'
        "weekday_paren": re.compile(rf"\b(?:{weekday})\s*,?\s*\(\s*(?:{numeric}|{textual})\s*\)", flags),
        # 'Selasa, 30 Agustus 2022 - 13:07 WIB', 'Rabu, 06 Agu 2025 15:40 WIB'
        "weekday_comma": re.compile(rf"\b(?:{weekday})\s*,\s*(?:{textual}|{numeric}){time}", flags),
        # a line that is only a date: '30 Agustus 2022 13:07 WIB', '2022-08-30', '30/08/2022'
        "date_line": re.compile(
            rf"^\s*(?:(?:{weekday})\s*,?\s*)?(?:{textual}|{numeric}|(?P<iyear>\d{{4}})-(?P<imonth>\d{{2}})-(?P<iday>\d{{2}}))"
            rf"{time}\s*$",
            flags,
        ),
        "textual": re.compile(rf"^\s*(?:(?:{weekday})\s*,?\s*)?{textual}{time}\s*$", flags),
    }


def _year(text: str | None) -> int | None:
    """A 4-digit year, or a 2-digit one read as 20YY."""
    if not text:
        return None
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def _from_match(match: re.Match) -> PartialDate | None:
    """The PartialDate a pattern match describes, or None if it is not a real date."""
    groups = match.groupdict()
    if groups.get("iyear"):
        found = PartialDate(int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"]))
    elif groups.get("nmonth"):
        found = PartialDate(_year(groups.get("nyear")), int(groups["nmonth"]), int(groups["nday"]))
    else:
        month = names()["month"][groups["month"].lower().rstrip(".").replace("'", "")]
        found = PartialDate(_year(groups.get("year")), month, int(groups["day"]))
    return found if found.is_valid() else None


def parse_date_line(line: str) -> PartialDate | None:
    """The date when `line` consists of a date (and time) only, else None."""
    match = patterns()["date_line"].match(line)
    return _from_match(match) if match else None


# Both dateline forms put '(' or ',' and then a digit right after the weekday (and optional ',').
_DATELINE_ANCHOR = re.compile(r"[(,]\s*\d")


@lru_cache(maxsize=1)
def _weekday_lengths() -> frozenset[int]:
    """The lengths a weekday name can have in the patterns (apostrophes are optional)."""
    return frozenset(len(w) - k for w in names()["weekday"] for k in range(w.count("'") + 1))


def _space_before(text: str, end: int) -> int:
    """The start of the run of whitespace that ends at `end`."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def dateline_starts(text: str) -> list[int]:
    """Every position where a weekday_comma/weekday_paren match can begin, in order (a superset):
    a weekday's length before the whitespace (and optional comma) that precedes an anchor."""
    starts = set()
    for anchor in _DATELINE_ANCHOR.finditer(text):
        end = _space_before(text, anchor.start())
        ends = (end, _space_before(text, end - 1)) if text[end - 1:end] == "," else (end,)
        starts.update(e - n for e in ends if _can_end_weekday(text[e - 1:e]) for n in _weekday_lengths() if e >= n)
    return sorted(starts)


@lru_cache(maxsize=1)
def _weekdays_end_in_letters() -> bool:
    """True when every weekday name ends in a letter (then a weekday can end only where a letter is)."""
    return all(name[-1].isalpha() for name in names()["weekday"])


def _can_end_weekday(char: str) -> bool:
    """Whether a weekday name can end with `char` (any character that a letter matches ignoring case is a letter)."""
    return char.isalpha() or not _weekdays_end_in_letters()


def _matches_at(pattern: re.Pattern, text: str, starts: list[int]):
    """pattern.finditer(text), given every position where a match can begin (sorted)."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match:
                yield match
                end = match.end()


def find_dateline_date(text: str) -> PartialDate | None:
    """The first dateline-style date in `text` (weekday + date forms), preferring one with a year.

    Matches of the two forms are read in text order and the search stops at the first with a year.
    """
    starts = dateline_starts(text)
    matches = heapq.merge(*(_matches_at(patterns()[name], text, starts) for name in ("weekday_comma", "weekday_paren")),
                          key=lambda match: match.start())
    first = None
    for match in matches:
        parsed = _from_match(match)
        if parsed and parsed.year is not None:
            return parsed
        first = first or parsed
    return first


_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_date(value) -> PartialDate | None:
    """Parse a metadata date: ISO 'YYYY-MM-DD[THH:MM...]', 'YYYY-MM', or an Indonesian date form."""
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() in ("nan", "none", "null", "nat"):
        return None
    match = _ISO.match(text)
    if match:
        found = PartialDate(int(match.group(1)), int(match.group(2)), int(match.group(3)) if match.group(3) else None)
        return found if found.is_valid() else None
    return parse_date_line(text) or find_dateline_date(text)
