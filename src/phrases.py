"""Find fixed phrases (cue words, role words) case-insensitively with one Aho–Corasick automaton.

Unlike actor aliases, these are ordinary words: matching ignores case, and a hyphen does NOT
count as a word boundary (`kata-kata` is not the cue `kata`).
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import ahocorasick

SEPARATOR = "\n"  # joins texts for one automaton pass; hits running into it are dropped


def phrase_automaton(phrases) -> ahocorasick.Automaton:
    """Automaton over lower-cased phrases; values are (length, phrase)."""
    automaton = ahocorasick.Automaton()
    for phrase in {p.lower() for p in phrases if p}:
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


def hits_per_text(automaton: ahocorasick.Automaton, texts: list[str]) -> dict[int, list[tuple[int, tuple]]]:
    """text index -> (last offset, (length, value)) automaton hits, from one pass over all texts.

    The texts are joined with SEPARATOR and scanned once; a hit is kept, with offsets relative
    to its text, when it lies wholly inside one text. Texts without hits are left out.
    """
    starts = [0, *accumulate(len(t) + len(SEPARATOR) for t in texts)]
    per_text = {}
    for last, value in automaton.iter(SEPARATOR.join(texts)):
        i = bisect_right(starts, last) - 1
        first, local_last = last - value[0] + 1 - starts[i], last - starts[i]
        if first >= 0 and local_last < len(texts[i]):
            per_text.setdefault(i, []).append((local_last, value))
    return per_text


def phrases_from_hits(lower: str, hits) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, phrase) on word boundaries, leftmost then longest first."""
    found = []
    for last, (length, phrase) in hits:
        start, end = last - length + 1, last + 1
        if (start == 0 or not is_word_char(lower[start - 1])) and (end == len(lower) or not is_word_char(lower[end])):
            found.append((start, end, phrase))
    chosen, cursor = [], -1
    for start, end, phrase in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
        if start >= cursor:
            chosen.append((start, end, phrase))
            cursor = end
    return chosen


def find_phrases(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, phrase) on word boundaries, leftmost then longest first."""
    lower = lowered(text)
    return phrases_from_hits(lower, automaton.iter(lower))


def find_phrases_each(automaton: ahocorasick.Automaton, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """find_phrases of every text, with one automaton pass over all of them."""
    lowers = [lowered(t) for t in texts]
    hits = hits_per_text(automaton, lowers)
    return [phrases_from_hits(lower, hits[i]) if i in hits else [] for i, lower in enumerate(lowers)]
