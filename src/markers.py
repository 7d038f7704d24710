"""Claim markers per sentence (codebook section 5): unverified, denial, no_comment."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import ahocorasick
import pandas as pd

from src import paths, tables
from src.phrases import hits_per_text, phrase_automaton


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
    present = {word for _, (_, word) in trigger_automaton(patterns).iter(text.lower())}
    return triggered_markers(text, present, patterns)


def markers_table(sentences: pd.DataFrame, patterns) -> pd.DataFrame:
    """One row per (sentence, marker) with the words that triggered it.

    One automaton pass over all lower-cased sentences finds the trigger words of each; only
    sentences with a trigger are searched with the patterns.
    """
    columns = [sentences[c].tolist() for c in ("article_id", "sentence_id", "text")]
    hits = hits_per_text(trigger_automaton(patterns), [t.lower() for t in columns[2]])
    rows = [(columns[0][i], columns[1][i], marker, cue)
            for i, found in sorted(hits.items())
            for marker, cue in triggered_markers(columns[2][i], {word for _, (_, word) in found}, patterns)]
    return pd.DataFrame(rows, columns=list(tables.SCHEMAS["markers"]))
