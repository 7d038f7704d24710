"""Claim markers per sentence (codebook section 5): unverified, denial, no_comment."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from src import paths, tables


@lru_cache(maxsize=4)
def load_marker_patterns(lexicon_dir: str = str(paths.LEXICON)) -> tuple[tuple[str, re.Pattern], ...]:
    """(marker, compiled pattern) pairs from data/lexicon/markers.csv."""
    rows = pd.read_csv(Path(lexicon_dir) / "markers.csv", dtype=str, keep_default_na=False)
    return tuple((r.marker, re.compile(r.pattern, re.IGNORECASE)) for r in rows.itertuples())


def sentence_markers(text: str, patterns) -> list[tuple[str, str]]:
    """(marker, cue) for each marker found in a sentence, first cue per marker."""
    found = {}
    for marker, pattern in patterns:
        m = pattern.search(text)
        if m and marker not in found:
            found[marker] = m.group()
    return list(found.items())


def markers_table(sentences: pd.DataFrame, patterns) -> pd.DataFrame:
    """One row per (sentence, marker) with the words that triggered it."""
    rows = [(a, s, marker, cue)
            for a, s, text in sentences[["article_id", "sentence_id", "text"]].itertuples(index=False)
            for marker, cue in sentence_markers(text, patterns)]
    return pd.DataFrame(rows, columns=list(tables.SCHEMAS["markers"]))
