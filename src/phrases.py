"""Find fixed phrases (cue words, role words) case-insensitively with one Aho–Corasick automaton.

Unlike actor aliases, these are ordinary words: matching ignores case, and a hyphen does NOT
count as a word boundary (`kata-kata` is not the cue `kata`).
"""
from __future__ import annotations

import ahocorasick


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


def find_phrases(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, phrase) on word boundaries, leftmost then longest first."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased; keep offsets right
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    found = []
    for last, (length, phrase) in automaton.iter(lower):
        start, end = last - length + 1, last + 1
        if (start == 0 or not is_word_char(lower[start - 1])) and (end == len(lower) or not is_word_char(lower[end])):
            found.append((start, end, phrase))
    chosen, cursor = [], -1
    for start, end, phrase in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
        if start >= cursor:
            chosen.append((start, end, phrase))
            cursor = end
    return chosen
