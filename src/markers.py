"""Claim markers per sentence (codebook section 5): unverified, denial, no_comment."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from src import paths, tables


@lru_cache(maxsize=4)
def load_marker_patterns(lexicon_dir: str = str(paths.LEXICON)) -> tuple[tuple[str, tuple[str, ...], re.Pattern], ...]:
    """(marker, trigger words, compiled pattern) rows of data/lexicon/markers.csv.

    A pattern is tried only on sentences containing one of its trigger words (lower case),
    which keeps the scan fast; every pattern must contain one of its triggers.
    """
    rows = pd.read_csv(Path(lexicon_dir) / "markers.csv", dtype=str, keep_default_na=False)
    return tuple((r.marker, tuple(r.triggers.split("|")), re.compile(r.pattern, re.IGNORECASE))
                 for r in rows.itertuples())


def sentence_markers(text: str, patterns) -> list[tuple[str, str]]:
    """(marker, cue) for each marker found in a sentence, first cue per marker."""
    lower, found = text.lower(), {}
    for marker, triggers, pattern in patterns:
        if marker not in found and any(t in lower for t in triggers):
            m = pattern.search(text)
            if m:
                found[marker] = m.group()
    return list(found.items())


def markers_table(sentences: pd.DataFrame, patterns) -> pd.DataFrame:
    """One row per (sentence, marker) with the words that triggered it."""
    rows = [(a, s, marker, cue)
            for a, s, text in sentences[["article_id", "sentence_id", "text"]].itertuples(index=False)
            for marker, cue in sentence_markers(text, patterns)]
    return pd.DataFrame(rows, columns=list(tables.SCHEMAS["markers"]))
