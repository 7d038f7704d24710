"""Small word lists kept as data (data/lexicon/*.txt) and turned into regex alternations."""
from __future__ import annotations

import re
from pathlib import Path


def read_words(path: str | Path) -> tuple[str, ...]:
    """The words of a list file: one per line, stripped, in file order; '#' lines are comments."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: word list missing")
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation matching any of the words literally, tried in the given order."""
    return "|".join(map(re.escape, words))
