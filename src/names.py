"""Capitalised name candidates in a sentence: the words that look like names of people or bodies.

Used for unknown names (capitalised candidates the lexicon does not know, codebook section 3)
and by sourcing to recognise a named person the lexicon does not list.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from src import paths

# a capitalised word (letters, inner hyphens/apostrophes: Jong-un, O'Brien) or a name particle
NAME_RUN = re.compile(
    r"(?:(?<![\w-])[A-Z][\w’'\-]*\w|(?<![\w-])[A-Z])"
    r"(?:\s+(?:(?:al|el|bin|binti|ibn|van|von|der|de|la|le|da)\s+)?(?:[A-Z][\w’'\-]*\w|[A-Z]\b))*"
)


@lru_cache(maxsize=4)
def load_stopwords(path: str = str(paths.LEXICON / "name_stopwords.txt")) -> frozenset[str]:
    """Lower-cased capitalised words that are not names (data/lexicon/name_stopwords.txt)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=4)
def load_prepositions(path: str = str(paths.LEXICON / "source_terms.csv")) -> frozenset[str]:
    """Lower-cased prepositions (category 'preposition' in data/lexicon/source_terms.csv)."""
    rows = [line.split(",") for line in Path(path).read_text(encoding="utf-8").splitlines()[1:]]
    return frozenset(r[0].lower() for r in rows if len(r) == 2 and r[1] == "preposition")


def trim_stopwords(words: list[str], stop: frozenset[str]) -> list[str]:
    """Drop leading and trailing non-name words from a run of capitalised words."""
    while words and words[0].lower() in stop:
        words = words[1:]
    while words and words[-1].lower() in stop:
        words = words[:-1]
    return words


def name_candidates(text: str, stop: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of capitalised runs, trimmed of title and function words.

    A single word at the very start of the sentence is skipped: its capital letter says
    nothing about whether it is a name.
    """
    stop = load_stopwords() if stop is None else stop
    found = []
    for m in NAME_RUN.finditer(text):
        words = trim_stopwords(m.group().split(), stop)
        if not words or any(w.lower() in stop for w in words):
            continue
        name = " ".join(words)
        start = text.find(words[0], m.start())
        end = start + len(name) if text[start:start + len(name)] == name else m.end()
        if len(words) == 1 and text[:start].strip(" \"'“‘([") == "":
            continue
        if len(name) < 2:
            continue
        found.append((start, end, name))
    return found


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace the given spans with spaces (offsets keep their meaning)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
