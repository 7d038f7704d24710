"""All processing steps in order, outside the notebooks (for tests, validation and benchmarks)."""
from __future__ import annotations

from pathlib import Path

from src import actors_step, clean_step, paths, sourcing_step


def run_all(raw_dir: str | Path, processed_dir: str | Path, lexicon_dir: str | Path = paths.LEXICON) -> dict:
    """Clean, match actors and type sources; write every table to processed_dir and return them."""
    tables = dict(clean_step.run(raw_dir, processed_dir))
    tables.update(actors_step.run(processed_dir, lexicon_dir))
    tables.update(sourcing_step.run(processed_dir, lexicon_dir))
    return tables
