"""Claim markers per sentence (codebook section 5): unverified, denial, no_comment."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import ahocorasick
import pandas as pd

from src import paths
from src.phrases import phrase_automaton


@lru_cache(maxsize=4)
def load_marker_patterns(lexicon_dir: str = str(paths.LEXICON)) -> tuple[tuple[str, tuple[str, ...], re.Pattern], ...]:
    """(marker, trigger words, compiled pattern) rows of data/lexicon/markers.csv.

    A pattern is tried only on sentences containing one of its trigger words (lower case),
    which keeps the scan fast; every pattern must contain one of its triggers.
    """
    rows = pd.read_csv(Path(lexicon_dir) / "markers.csv", dtype=str, keep_default_na=False)
    patterns = tuple((r.marker, tuple(r.triggers.split("|")), re.compile(r.pattern, re.IGNORECASE))
                     for r in rows.itertuples())
    if any(not t or t != t.lower() for _, triggers, _ in patterns for t in triggers):
        raise ValueError("markers.csv: trigger words must be non-empty and lower case")
    return patterns


@lru_cache(maxsize=4)
def trigger_automaton(patterns) -> ahocorasick.Automaton:
    """One Aho–Corasick automaton over the trigger words of all marker patterns; values are (length, word)."""
    return phrase_automaton(word for _, triggers, _ in patterns for word in triggers)


def triggered_markers(text: str, present: set[str], patterns) -> list[tuple[str, str]]:
    """(marker, cue) for each marker found in a sentence whose trigger words present are known."""
    found = {}
    for marker, triggers, pattern in patterns:
        if marker not in found and not present.isdisjoint(triggers):
            m = pattern.search(text)
            if m:
                found[marker] = m.group()
    return list(found.items())


def sentence_markers(text: str, patterns) -> list[tuple[str, str]]:
    """(marker, cue) for each marker found in a sentence, first cue per marker."""
    return triggered_markers(text, trigger_words(text, patterns), patterns)


def trigger_words(text: str, patterns) -> set[str]:
    """The trigger words occurring in the lower-cased text."""
    return {word for _, (_, word) in trigger_automaton(patterns).iter(text.lower())}


def marker_rows(keys: list[tuple], texts: list[str], present: list[set[str]], patterns) -> list[tuple]:
    """(*key, marker, cue) rows for sentences with their keys, texts and trigger words present."""
    return [(*key, marker, cue) for key, text, words in zip(keys, texts, present) if words
            for marker, cue in triggered_markers(text, words, patterns)]
