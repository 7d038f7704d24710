"""Codebook section 2: turn one scraped article into reporting only, with metadata and an audit.

`clean_text(text, title=None)` returns a `Cleaned`: the paragraphs that remain, every removed
piece of text with its reason, and the metadata found on the way (title, dateline place,
outlet, author, publication date, footer sources). Patterns live in data/lexicon/boilerplate.csv.
"""
from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from src import dates, paths
from src.names import PARTICLES
from src.wordlists import alternation, read_words

BOILERPLATE_FILE = paths.LEXICON / "boilerplate.csv"
OUTLET_WORDS_FILE = paths.LEXICON / "outlet_words.txt"
SCOPES = ("line", "line_next", "tail", "end")


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern: what it removes (`reason`), where it applies (`scope`), the regex."""

    reason: str
    scope: str
    pattern: re.Pattern
    note: str = ""


@dataclass
class Cleaned:
    """The result of cleaning one article."""

    paragraphs: list[str]
    removed: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    author: str | None = None
    published: str | None = None
    published_partial: str | None = None
    footer_sources: list[str] = field(default_factory=list)


@lru_cache(maxsize=4)
def load_rules(path=BOILERPLATE_FILE) -> tuple[Rule, ...]:
    """Boilerplate rules from the CSV (columns reason, scope, pattern, note), regexes compiled."""
    rules = []
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if row["scope"] not in SCOPES:
                raise ValueError(f"{path}:{number}: unknown scope {row['scope']!r} (expected one of {SCOPES})")
            try:
                compiled = re.compile(row["pattern"])
            except re.error as exc:
                raise ValueError(f"{path}:{number}: bad regex {row['pattern']!r}: {exc}") from exc
            rules.append(Rule(row["reason"], row["scope"], compiled, row.get("note", "")))
    return tuple(rules)


@lru_cache(maxsize=1)
def outlet_words() -> frozenset[str]:
    """Lower-case words that mark a dateline-prefix part as an outlet."""
    with open(OUTLET_WORDS_FILE, encoding="utf-8") as handle:
        return frozenset(w.strip().lower() for w in handle if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=8)
def _rules(scope: str) -> tuple[Rule, ...]:
    """The loaded rules of one scope."""
    return tuple(r for r in load_rules() if r.scope == scope)


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
_GROUP_NAME = re.compile(r"(?<!\\)\(\?P<\w+>")
_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")


def _self_contained(pattern: str) -> str:
    """A rule pattern as one group that carries its own flags and no group names ('(?i)x' -> '(?i:x)')."""
    flags = _LEADING_FLAGS.match(pattern)
    body = _GROUP_NAME.sub("(?:", pattern[flags.end():] if flags else pattern)
    if flags and "x" in flags.group(1):
        body += "\n"  # a verbose pattern may end in a comment, which would swallow the closing ')'
    return f"(?{flags.group(1)}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=8)
def _any_rule(scopes: tuple[str, ...]) -> re.Pattern | None:
    """One regex that fully matches a line exactly when some rule of `scopes` does (a cheap first test);
    None when a rule refers back to a group, which joined patterns would renumber."""
    patterns = [r.pattern.pattern for scope in scopes for r in _rules(scope)]
    if any(_BACKREFERENCE.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(map(_self_contained, patterns)))
    except re.error:  # a pattern that cannot be joined: try the rules one by one, as without the gate
        return None


def _full_match(line: str, scope: str) -> tuple[Rule, re.Match] | None:
    """The first rule of `scope` whose pattern matches the whole line."""
    for rule in _rules(scope):
        match = rule.pattern.fullmatch(line)
        if match:
            return rule, match
    return None


def _line_rule(line: str) -> tuple[Rule, re.Match] | None:
    """The first 'line' rule, else the first 'line_next' rule, that matches the whole line."""
    gate = _any_rule(("line", "line_next"))
    if gate is not None and not gate.fullmatch(line):
        return None
    return _full_match(line, "line") or _full_match(line, "line_next")


# ---------------------------------------------------------------- small predicates

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"\w+")
_SUFFIXES = alternation(read_words(paths.LEXICON / "domain_suffixes.txt"))
_DOMAIN = rf"[A-Za-z][\w\-]*(?:\.[A-Za-z][\w\-]*)*\.(?:{_SUFFIXES})"
# '\w\.(?:co\.id|...)\b' ignoring case, written to start at the period so the regex engine skips from period to period.
_HAS_DOMAIN = re.compile(rf"\.(?<=\w\.)(?i:{_SUFFIXES})\b")
_DOMAIN_RE = re.compile(rf"^{_DOMAIN}$", re.IGNORECASE)
_CAMEL_CASE = re.compile(r"[a-z][A-Z]")
_NAME_WORD = re.compile(rf"^(?:[A-Z][\w'.\-]*|{PARTICLES})$")


def _norm(text: str) -> str:
    """Case- and punctuation-insensitive key for comparing lines."""
    return " ".join(_WORD_CHARS.findall(text.casefold()))  # = the words left when non-word runs become spaces


_ASCII_NON_WORD = bytes(b for b in range(128) if not (chr(b).isalnum() or chr(b) == "_"))


def _rough_key(text: str) -> bytes:
    """The ASCII word characters of text.casefold(), in order: texts with equal _norm keys have equal rough keys
    (the rough key is _norm's key without its spaces and non-ASCII letters), so a unique rough key proves a unique _norm."""
    return text.casefold().encode("ascii", "ignore").translate(None, _ASCII_NON_WORD)


_ASCII_NON_WORD_BUT_NEWLINE = _ASCII_NON_WORD.replace(b"\n", b"")


def _rough_keys(lines: list[str]) -> list[bytes]:
    """[_rough_key(line) for line in lines] in one pass over the joined lines (casefolding goes character by
    character and no line holds a line break, so the joined key splits into the lines' keys)."""
    joined = "\n".join(lines).casefold().encode("ascii", "ignore").translate(None, _ASCII_NON_WORD_BUT_NEWLINE)
    keys = joined.split(b"\n") if lines else []
    assert len(keys) == len(lines), "a line holds a line break"
    return keys


def _shared_rough_keys(lines: list[str]) -> tuple[list[bytes], set[bytes]]:
    """Each line's rough key, and the rough keys held by more than one line (only those lines can repeat another)."""
    keys = _rough_keys(lines)
    return keys, {key for key, count in Counter(keys).items() if count > 1}


def looks_like_headline(line: str) -> bool:
    """A short line (2-25 words) without sentence-final punctuation or a second sentence inside."""
    words = _WORD.findall(line)
    if not 2 <= len(words) <= 20 or len(line) > 160 or line[0] in "\"'“‘([":
        return False
    if re.search(r"[.,;:\-–—|]$", line) or re.search(r"[.!?][\"'”’]?\s+[A-Z“\"]", line):
        return False
    if line[-1] in "?!" and sum(w[0].isupper() for w in words) < len(words) / 2:
        return False  # a question/exclamation in sentence case is a lead sentence, not a headline
    return not (dates.parse_date_line(line) or parse_prefix(line + " x"))


def looks_like_byline(line: str) -> bool:
    """2-4 capitalised words and nothing else (a bare author name such as 'Banyu Uwir')."""
    words = line.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words) and not any(c.isdigit() for c in line)


def is_reporting(line: str) -> bool:
    """A line that reads like reporting: ends like a sentence or is long."""
    return bool(_SENTENCE_END.search(line)) or len(_WORD.findall(line)) > 12


# ---------------------------------------------------------------- dateline / outlet prefix

_PREFIX = re.compile(
    r"^(?P<head>[^\s\-–—|][^|]{0,70}?)(?P<sep>\s+(?:-{1,2}|–|—|\|)\s*|\s*(?:–|—|\|)\s*)(?P<rest>.*)$", re.DOTALL
)
_PERIOD_PREFIX = re.compile(r"^(?P<head>[A-Za-z][\w\-]*(?:\.[A-Za-z]+)*)(?P<sep>\.\s+)(?P<rest>[A-Z“\"].*)$", re.DOTALL)
_PAREN = re.compile(r"\(([^()]{1,40})\)")
DATE_LINE_LABEL = re.compile(r"^(?i:diperbarui|diterbitkan|dipublikasikan|ditayangkan|tayang|update|updated|published)\s*:?\s*")
SECOND_DATELINE = re.compile(r"(?P<place>[A-Z]{3,}(?: [A-Z]{3,})?)(?:\.| -{1,2}| –| —)\s+(?=[A-Z“\"])")  # not a comma: 'KPK, Senin


def is_outlet_like(part: str) -> bool:
    """Domain-like (xxx.com), CamelCase (EtIndonesia) or containing an outlet word (CNN, ANTARA, Pos)."""
    words = part.split()
    if any(_DOMAIN_RE.match(w) for w in words):
        return True
    if any(_CAMEL_CASE.search(w) for w in words):
        return True
    lowered = [w.lower().strip(".,()") for w in words]
    return any(w in outlet_words() or w.endswith("news") for w in lowered) or part.strip() in indonesian_outlets()


def _outlet_token(part: str) -> bool:
    """One word that is a domain or CamelCase name (iNews.id, blokTuban.com): an outlet in lower case."""
    return " " not in part.strip() and bool(_DOMAIN_RE.match(part.strip()) or _CAMEL_CASE.search(part))


def _is_date_part(part: str) -> bool:
    """A prefix part that is a weekday or date ('Senin', '13/4', 'Senin (13/4/2023)')."""
    first = part.split()[0].lower().strip(",")
    return first in dates.names()["weekday"] or bool(re.match(r"^\d", part))


def _place_like(part: str) -> bool:
    """1-4 capitalised words (a city or country)."""
    words = part.split()
    return 1 <= len(words) <= 4 and all(re.match(r"^[A-Z][\w.'\-]*$", w) for w in words)


DATELINE_PLACES_FILE = paths.LEXICON / "dateline_places.txt"


@lru_cache(maxsize=1)
def dateline_places() -> frozenset[str]:
    """Places a title-case dateline may name (data/lexicon/dateline_places.txt)."""
    return frozenset(read_words(DATELINE_PLACES_FILE))


def _is_dateline_place(place: str, sep: str) -> bool:
    """An upper-case place ('WASHINGTON'), or a listed city in title case before a spaced hyphen ('Jakarta - ');
    other title-case words before a dash are prose ('Mercedes - Benz', 'Desas - desus')."""
    if place.isupper() and len(place) > 2:
        return True
    return sep.strip() == "-" and sep.startswith(" ") and place in dateline_places()


def _classify_head(head: str, sep: str = "") -> tuple[str | None, str | None] | None:
    """(dateline place, outlet) of a prefix head (before the separator `sep`), or None if it is not a dateline/outlet prefix."""
    outlets = [m.strip() for m in _PAREN.findall(head)]
    rest = _PAREN.sub(",", head)
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    parts = [p for p in parts if not _is_date_part(p)]
    if len(parts) > 2 or not all(_place_like(p) or _outlet_token(p) for p in parts):  # 'MOSKOW, iNews.id -'
        return None
    outlet_like = [is_outlet_like(p) for p in parts]
    outlets += list(itertools.compress(parts, outlet_like))
    places = [p for p, outlet in zip(parts, outlet_like) if not outlet]
    if len(places) > 1:
        return None
    place = places[0] if places else None
    if place and not outlets and not _is_dateline_place(place, sep):
        return None  # other words before a dash are ordinary prose
    if not place and not outlets:
        return None
    return place, (outlets[0] if outlets else None)


def parse_prefix(paragraph: str) -> tuple[str, str | None, str | None, str] | None:
    """(removed prefix, dateline place, outlet, remaining text) when the paragraph opens with one."""
    match = _PREFIX.match(paragraph)
    if match and len(match.group("head").split()) <= 7:
        found = _classify_head(match.group("head"), match.group("sep"))
        if found:
            return match.group("head") + match.group("sep"), found[0], found[1], match.group("rest")
    match = _PERIOD_PREFIX.match(paragraph)
    if match and is_outlet_like(match.group("head")):
        return match.group("head") + match.group("sep"), None, match.group("head"), match.group("rest")
    return None


# ---------------------------------------------------------------- outlet self-reference

SELF_REFERENCE_FILE = paths.LEXICON / "outlet_self_reference.txt"


@lru_cache(maxsize=1)
def self_reference_patterns() -> tuple[re.Pattern, ...]:
    """Compiled self-reference contexts from the lexicon, {outlet} filled with a domain-name group."""
    with open(SELF_REFERENCE_FILE, encoding="utf-8") as handle:
        templates = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    group = rf"(?P<outlet>(?<![\w.@/]){_DOMAIN}(?![\w\-]|\.\w)|(?-i:{indonesian_outlet_names().pattern}))"
    return tuple(re.compile(t.replace("{outlet}", group), re.IGNORECASE) for t in templates)


def outlet_self_reference(paragraphs: list[str]) -> str | None:
    """The name the article uses for itself: domain-like ('perak-news.com tidak dapat memverifikasi') or an
    Indonesian outlet's name of several words ('mengatakan kepada BBC News Indonesia')."""
    counts: Counter[str] = Counter()
    names = indonesian_outlet_names()
    for paragraph in paragraphs:
        if not _HAS_DOMAIN.search(paragraph) and not names.search(paragraph):
            continue
        for pattern in self_reference_patterns():
            counts.update(m.group("outlet") for m in pattern.finditer(paragraph))
    return counts.most_common(1)[0][0] if counts else None


OUTLETS_FILE = paths.LEXICON / "outlets.csv"


@lru_cache(maxsize=1)
def indonesian_outlets() -> dict[str, str]:
    """Alias -> name of the outlets publishing in Indonesian (data/lexicon/outlets.csv, indonesian = true)."""
    with OUTLETS_FILE.open(encoding="utf-8", newline="") as handle:
        return {r["alias"]: r["name"] for r in csv.DictReader(handle) if r["indonesian"] == "true"}


@lru_cache(maxsize=1)
def indonesian_outlet_names() -> re.Pattern:
    """Indonesian outlets' names of several words, longest first, as written (BBC News Indonesia, DW Indonesia)."""
    names = sorted((a for a in indonesian_outlets() if " " in a), key=len, reverse=True)
    return re.compile(rf"(?<![\w.]){alternation(tuple(names))}(?!\w)" if names else "(?!)")


def outlet_label(line: str) -> str | None:
    """The outlet a one-word label line names ('kumparanNEWS' -> 'kumparan'), if it starts with an Indonesian
    outlet's alias of at least five letters and looks like an outlet (CamelCase or a domain)."""
    if " " in line or not is_outlet_like(line):
        return None
    lowered = line.lower()
    found = [a for a in indonesian_outlets() if len(a) >= 5 and " " not in a and lowered.startswith(a.lower())]
    return indonesian_outlets()[max(found, key=len)] if found else None


# ---------------------------------------------------------------- the pipeline

def _split_sources(text: str) -> list[str]:
    """'Reuters, AFP dan AP' -> ['Reuters', 'AFP', 'AP'] (also split at '/' and '|')."""
    parts = re.split(r"\s*(?:,|/|;|&|\||\bdan\b|\band\b)\s*", text.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip()]


class _Cleaner:
    """State of cleaning one article (lines left, removals, metadata found)."""

    def __init__(self, text: str, title: str | None):
        self.source = text
        self.lines = [line.strip() for line in text.split("\n") if line.strip()]
        self.out = Cleaned(paragraphs=[], title=title)
        self.dates: list[dates.PartialDate] = []
        self.prefix_text = ""

    def drop(self, text: str, reason: str) -> None:
        """Record one removal."""
        self.out.removed.append((text, reason, self.source.find(text)))

    def apply_line_rules(self) -> None:
        """Remove lines matching a 'line'/'line_next' rule; collect bylines and footer sources."""
        kept: list[str] = []
        skip_next = first = False
        for line in self.lines:
            if skip_next:  # after a marker: its first line unless reporting, then each further headline-like line
                skip_next = (looks_like_headline(line) and (first or len(_WORD.findall(line)) >= 3)) or \
                    (first and not is_reporting(line))  # further lines: headlines, not a list of names
                first = False
                if skip_next:
                    self.drop(line, "related_link")
                    continue
            hit = _line_rule(line)
            if hit is None:
                kept.append(line)
                continue
            rule, match = hit
            self.drop(line, rule.reason)
            self.take_groups(match)
            skip_next = first = rule.scope == "line_next"
        self.lines = kept

    def take_groups(self, match: re.Match) -> None:
        """Metadata carried by a rule's named groups (author, sources)."""
        groups = match.groupdict()
        if groups.get("author") and not self.out.author:
            self.out.author = groups["author"].strip()
        if groups.get("sources"):
            self.out.footer_sources.extend(_split_sources(groups["sources"]))

    def take_title(self) -> None:
        """Use the first line as the title when it looks like a headline; drop repeats of the title."""
        if self.out.title is None and len(self.lines) > 1 and looks_like_headline(self.lines[0]):
            self.out.title = self.lines.pop(0)
            self.drop(self.out.title, "title")
        if self.out.title:
            key, rough = _norm(self.out.title), _rough_key(self.out.title)
            repeated = [_rough_key(line) == rough and _norm(line) == key for line in self.lines]
            for line in itertools.compress(self.lines, repeated):
                self.drop(line, "repeated_title")
            self.lines = [line for line, same in zip(self.lines, repeated) if not same]

    def take_head(self) -> None:
        """Between the title and the first line of reporting: bare author names, outlet labels ('kumparanNEWS')."""
        if self.out.title is None:
            return
        index = 0
        while index < len(self.lines) and not is_reporting(self.lines[index]):
            line = self.lines[index]
            if looks_like_byline(line) and not dates.parse_date_line(line):
                self.out.author = self.out.author or line
                self.drop(self.lines.pop(index), "byline")
            elif outlet_label(line):
                self.out.outlet = self.out.outlet or outlet_label(line)
                self.drop(self.lines.pop(index), "outlet_label")
            else:
                index += 1

    def take_date_lines(self) -> None:
        """Remove lines that are only a date (and time), also after an outlet prefix ('Kompas.com - 18/10/2024,
        10:15 WIB'); remember the date (and the outlet)."""
        kept = []
        for line in self.lines:
            found = dates.parse_date_line(DATE_LINE_LABEL.sub("", line))  # 'Diperbarui 10 Jul 2024, 23:15 WIB'
            prefix = None if found or len(line) > 80 or not any(c.isdigit() for c in line) else parse_prefix(line)
            if prefix and prefix[2] and not prefix[1] and dates.parse_date_line(prefix[3]):
                found = dates.parse_date_line(prefix[3])
                self.out.outlet = self.out.outlet or prefix[2]
            if found:
                self.dates.append(found)
                self.drop(line, "date_line")
            else:
                kept.append(line)
        self.lines = kept

    def take_tail(self) -> None:
        """Trailing category labels, then initials/source credits glued to the last sentence."""
        while self.lines:
            hit = _full_match(self.lines[-1], "tail")
            if hit is None:
                break
            self.drop(self.lines.pop(), hit[0].reason)
        changed = True
        while changed and self.lines:
            changed = False
            for rule in _rules("end"):
                match = rule.pattern.search(self.lines[-1])
                if match and match.end() == len(self.lines[-1]) and match.start() > 0:
                    self.drop(match.group(0).strip(), rule.reason)
                    self.take_groups(match)
                    self.lines[-1] = self.lines[-1][: match.start()].rstrip()
                    changed = True

    def take_prefix(self) -> None:
        """A dateline/outlet prefix at the start of the body ('WASHINGTON -', 'KOMPAS.com -')."""
        if not self.lines:
            return
        found = parse_prefix(self.lines[0])
        if not found:
            return
        removed, place, outlet, rest = found
        second = SECOND_DATELINE.match(rest) if outlet and not place else None  # 'KONTAN.CO.ID - WASHINGTON. ...'
        if second:
            removed, place, rest = removed + second.group(0), second.group("place"), rest[second.end():]
        self.drop(removed.strip(), "dateline_prefix")
        self.prefix_text = removed
        self.out.dateline, self.out.outlet = place, outlet
        if rest.strip():
            self.lines[0] = rest.strip()
        else:
            self.lines.pop(0)

    def drop_repeated_paragraphs(self) -> None:
        """Keep the first occurrence of each paragraph (_norm is computed only for lines sharing a rough key)."""
        rough_keys, shared = _shared_rough_keys(self.lines)
        seen, kept = set(), []
        for line, rough in zip(self.lines, rough_keys):
            key = _norm(line) if rough in shared else None  # a unique rough key: no other line has this _norm
            if key and key in seen:
                self.drop(line, "repeated_paragraph")
            else:
                seen.add(key)
                kept.append(line)
        self.lines = kept

    def take_published(self) -> None:
        """Publication date: a date line, else the first weekday-style dateline date in the text."""
        found = next((d for d in self.dates if d.year is not None), None)
        if found is None:
            found = dates.find_dateline_date(self.prefix_text + "\n" + "\n".join(self.lines))
        if found is None and self.dates:
            found = self.dates[0]
        if found:
            self.out.published, self.out.published_partial = found.iso(), found.partial()

    def run(self) -> Cleaned:
        """All steps in order; returns the result."""
        self.apply_line_rules()
        self.take_title()
        self.take_head()
        self.take_date_lines()
        self.take_tail()
        self.take_prefix()
        self.drop_repeated_paragraphs()
        self.take_published()
        self.out.outlet = self.out.outlet or outlet_self_reference(self.lines)
        self.out.paragraphs = self.lines
        self.out.removed = [(text, reason) for text, reason, _ in sorted(self.out.removed, key=lambda r: r[2])]
        return self.out


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Clean one normalised article body; `title` is a title already known (HTML h1, a row field)."""
    return _Cleaner(text, title).run()
