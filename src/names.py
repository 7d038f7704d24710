"""Capitalised name candidates in a sentence: the words that look like names of people or bodies.

Used for unknown names (capitalised candidates the lexicon does not know, codebook section 3)
and by sourcing to recognise a named person the lexicon does not list.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from src import paths
from src.wordlists import alternation, read_words

# a run of capitalised words (letters, inner hyphens/apostrophes: Jong-un, O'Brien), possibly with a
# name particle (data/lexicon/name_particles.txt) between two of them, or glued to the next by a hyphen (al-Haimi);
# the pattern opens with the capital letter itself (then looks back: no letter or hyphen before
# it) so that the regex engine can skip ahead to capitals instead of trying every position
PARTICLES = alternation(read_words(paths.LEXICON / "name_particles.txt"))
NAME_RUN = re.compile(
    r"[A-Z](?<![\w-][A-Z])(?:[\w’'\-]*\w)?"
    rf"(?:\s+(?:(?:{PARTICLES})\s+|(?:{PARTICLES})-(?=[A-Z]))?(?:[A-Z][\w’'\-]*\w|[A-Z]\b))*"
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


SENTENCE_OPENERS = " \"'“‘(["


def opening_length(text: str) -> int:
    """Length of the spaces and opening punctuation before a sentence's first word."""
    return len(text) - len(text.lstrip(SENTENCE_OPENERS))


def trimmed_name(text: str, m: re.Match, words: list[str], stop: frozenset[str]) -> tuple[int, int, str] | None:
    """(start, end, name) of a run of words trimmed of non-name words, or None if none is left."""
    words = trim_stopwords(words, stop)
    if not words or any(w.lower() in stop for w in words):
        return None
    name = " ".join(words)
    start = text.find(words[0], m.start())
    end = start + len(name) if text[start:start + len(name)] == name else m.end()
    return start, end, name


def name_candidates(text: str, stop: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of the capitalised runs of one sentence, trimmed of title and function words.

    A single word at the very start of the sentence is skipped: its capital letter says
    nothing about whether it is a name.
    """
    stop = load_stopwords() if stop is None else stop
    first = opening_length(text)
    found = []
    for m in NAME_RUN.finditer(text):
        words = m.group().split()
        if len(words) == 1:  # the common case, decided without trimming
            word = words[0]
            if len(word) > 1 and word.lower() not in stop and m.start() != first:
                found.append((m.start(), m.end(), word))
            continue
        hit = trimmed_name(text, m, words, stop)
        if hit and len(hit[2]) > 1 and (" " in hit[2] or hit[0] != first):
            found.append(hit)
    return found


def names_outside(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The name candidates of a sentence outside the given spans (its lexicon matches)."""
    return name_candidates(mask_spans(text, spans))


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace the given spans with spaces (offsets keep their meaning)."""
    if not spans:
        return text
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end > start:
            pieces += [text[cursor:start], " " * (end - start)]
            cursor = end
    return "".join(pieces) + text[cursor:]
