"""Find fixed phrases (cue words, role words) case-insensitively with one Aho–Corasick automaton.

Unlike actor aliases, these are ordinary words: matching ignores case, and a hyphen does NOT
count as a word boundary (`kata-kata` is not the cue `kata`).
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import ahocorasick

SEPARATOR = "\n"  # joins texts for one automaton pass; no phrase may contain it


def phrase_automaton(phrases) -> ahocorasick.Automaton:
    """Automaton over lower-cased phrases; values are (length, phrase).

    Phrases may not contain SEPARATOR, so no hit in joined texts runs from one text into the next.
    """
    automaton = ahocorasick.Automaton()
    for phrase in {p.lower() for p in phrases if p}:
        if SEPARATOR in phrase:
            raise ValueError(f"phrase {phrase!r} contains a line break")
        automaton.add_word(phrase, (len(phrase), phrase))
    automaton.make_automaton()
    return automaton


def is_word_char(ch: str) -> bool:
    """Letters, digits and hyphens glue words together."""
    return ch.isalnum() or ch == "-"


def lowered(text: str) -> str:
    """The text in lower case, one character per character (offsets keep their meaning)."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return lower


def joined_lowered(texts: list[str]) -> tuple[str, bool]:
    """SEPARATOR.join of the lowered texts, and whether it is also the join of each text's str.lower().

    The joined text is lower-cased at once when that keeps its length: SEPARATOR is neither cased
    nor case-ignorable, so it cuts the context str.lower reads (final sigma), and the result is then
    the texts' str.lower() joined, which `lowered` returns for each of them.
    """
    joined = SEPARATOR.join(texts)
    lower = joined.lower()
    if len(lower) == len(joined):
        return lower, True
    return SEPARATOR.join(map(lowered, texts)), False


def text_starts(texts: list[str]) -> list[int]:
    """Offsets at which the texts start in SEPARATOR.join(texts)."""
    return [0, *accumulate(len(t) + len(SEPARATOR) for t in texts)]


def phrases_from_hits(lower: str, hits) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, phrase) on word boundaries, leftmost then longest first."""
    found, size = [], len(lower)
    for last, (length, phrase) in hits:
        start, end = last - length + 1, last + 1
        if (start == 0 or not is_word_char(lower[start - 1])) and (end == size or not is_word_char(lower[end])):
            found.append((start, -length, phrase))
    found.sort()
    chosen, cursor = [], -1
    for start, negative_length, phrase in found:
        if start >= cursor:
            cursor = start - negative_length
            chosen.append((start, cursor, phrase))
    return chosen


def find_phrases(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, phrase) on word boundaries, leftmost then longest first."""
    lower = lowered(text)
    return phrases_from_hits(lower, automaton.iter(lower))


def phrases_per_text(lower: str, starts: list[int], hits) -> list[list[tuple[int, int, str]]]:
    """find_phrases of each joined text, from automaton hits in their joined lowered text `lower`.

    SEPARATOR is no word character and no phrase holds it, so a phrase of the joined text lies in
    one text, with the same word boundaries there, and choosing leftmost-longest phrases over the
    joined text chooses them text by text. `starts` are the texts' offsets (text_starts).
    """
    per_text = [[] for _ in starts[1:]]
    for start, end, phrase in phrases_from_hits(lower, hits):
        i = bisect_right(starts, start) - 1
        per_text[i].append((start - starts[i], end - starts[i], phrase))
    return per_text


def words_per_text(starts: list[int], hits) -> list[set[str]]:
    """The automaton words found (anywhere, not only on word boundaries) in each joined text."""
    per_text = [set() for _ in starts[1:]]
    for last, (_, word) in hits:
        per_text[bisect_right(starts, last) - 1].add(word)
    return per_text


def find_phrases_each(automaton: ahocorasick.Automaton, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """find_phrases of every text, from one automaton pass over the joined lowered texts."""
    lower = joined_lowered(texts)[0]
    return phrases_per_text(lower, text_starts(texts), automaton.iter(lower))
