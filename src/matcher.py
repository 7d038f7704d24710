"""Find lexicon aliases in text with one Aho–Corasick automaton (codebook section 3).

Rules: matching is case-sensitive (aliases as written, plus an ALL-CAPS variant of aliases
of four or more letters for headlines); a match must stand on word boundaries (a hyphen
counts as a boundary: NATO-nya, Rusia-Ukraina, anti-Rusia); where matches overlap the
leftmost, then longest wins (Korea Utara beats Korea); aliases that are also common words
match only as written and never at the start of a sentence; outlet names and `block`
phrases take part in the longest-match contest and then yield no actor.
"""
from __future__ import annotations

from dataclasses import dataclass

import re
from functools import lru_cache

import ahocorasick

from src.lexicon import BLOCK, OUTLET, Entry
from src.names import load_prepositions, load_stopwords

OPENERS = " \t\"'“‘([«—–-"
PREVIOUS_WORDS = re.compile(r"(?:([\w’'-]+)\s+)?([\w’'-]+)\s+$")
MIN_CAPS_VARIANT = 4


@dataclass(frozen=True)
class Match:
    """One accepted alias occurrence in a text."""

    start: int
    end: int
    entry: Entry

    @property
    def is_actor(self) -> bool:
        """True when the match names an actor (not an outlet or a blocked phrase)."""
        return self.entry.kind != OUTLET and self.entry.actor_id != BLOCK


def variants(entry: Entry) -> set[str]:
    """The surface forms an entry is searched under."""
    forms = {entry.alias}
    if not entry.common_word and sum(c.isalpha() for c in entry.alias) >= MIN_CAPS_VARIANT:
        forms.add(entry.alias.upper())
    return forms


def priority(entry: Entry) -> int:
    """Tie-break for identical surfaces: blocked phrases, then outlets, then actors."""
    return 0 if entry.actor_id == BLOCK else 1 if entry.kind == OUTLET else 2


@lru_cache(maxsize=4)
def build_automaton(entries: tuple[Entry, ...]) -> ahocorasick.Automaton:
    """Compile all alias variants into one automaton mapping surface -> (length, entry); cached per lexicon."""
    best: dict[str, Entry] = {}
    for entry in entries:
        for form in variants(entry):
            if form not in best or priority(entry) < priority(best[form]):
                best[form] = entry
    automaton = ahocorasick.Automaton()
    for form, entry in best.items():
        automaton.add_word(form, (len(form), entry))
    automaton.make_automaton()
    return automaton


def on_word_boundary(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to letters or digits on either side; an edge that is itself
    no letter or digit needs no boundary (the block `US$` in `US$1,6 miliar`)."""
    before_ok = start == 0 or not text[start - 1].isalnum() or not text[start].isalnum()
    after_ok = end == len(text) or not text[end].isalnum() or not text[end - 1].isalnum()
    return before_ok and after_ok


def at_sentence_start(text: str, start: int) -> bool:
    """True when only opening punctuation or spaces precede position `start`."""
    return text[:start].strip(OPENERS) == ""


def candidates(automaton: ahocorasick.Automaton, text: str) -> list[Match]:
    """Every alias occurrence that respects word boundaries and the common-word rule."""
    found = []
    for last, (length, entry) in automaton.iter(text):
        start, end = last - length + 1, last + 1
        if not on_word_boundary(text, start, end):
            continue
        if entry.common_word and at_sentence_start(text, start):
            continue
        found.append(Match(start, end, entry))
    return found


def leftmost_longest(found: list[Match]) -> list[Match]:
    """Resolve overlaps: scan left to right, keeping the longest match at each start."""
    chosen, cursor = [], -1
    for m in sorted(found, key=lambda m: (m.start, m.start - m.end)):
        if m.start >= cursor:
            chosen.append(m)
            cursor = m.end
    return chosen


def other_persons_surname(text: str, m: Match, stop: frozenset[str]) -> bool:
    """True when a surname alias follows an unknown capitalised given name (Charlie Austin).

    Titles and other non-name words (Presiden Biden, Menhan Austin), initials (J. Kirby)
    and places after a preposition (di Roma Austin) do not count as another given name.
    """
    if m.entry.kind != "surname" or not m.entry.alias[:1].isupper():
        return False
    previous = PREVIOUS_WORDS.search(text, 0, m.start)
    if not previous:
        return False
    before, word = (previous.group(1) or "").lower(), previous.group(2)
    return word[:1].isupper() and len(word) > 1 and word.lower() not in stop and before not in load_prepositions()


def find_matches(automaton: ahocorasick.Automaton, text: str, stop: frozenset[str] | None = None) -> list[Match]:
    """All accepted, non-overlapping matches (actors, outlets and blocked phrases) in text."""
    stop = load_stopwords() if stop is None else stop
    return [m for m in leftmost_longest(candidates(automaton, text)) if not other_persons_surname(text, m, stop)]


def find_actor_matches(automaton: ahocorasick.Automaton, text: str) -> list[Match]:
    """Only the matches that name actors."""
    return [m for m in find_matches(automaton, text) if m.is_actor]
