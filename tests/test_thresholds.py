"""The acceptance test: run the real pipeline on data/raw, score it against data/gold, enforce the thresholds.

Every figure is printed straight to the terminal (not captured), so the CI log records the numbers.
"""
from __future__ import annotations

import pandas as pd
import pytest

from src import gold as goldmod
from src import paths, pipeline, validate


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    processed = tmp_path_factory.mktemp("processed")
    pipeline.run_all(paths.DATA_RAW, processed, paths.LEXICON)
    return validate.score_processed(processed, paths.DATA_GOLD)


def print_figures(result: dict) -> None:
    """Print every validation figure (headline, per article, kappa, cleaning, disagreements)."""
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_rows", 500,
                           "display.max_colwidth", 60):
        for name in ("headline", "per_article", "kappa", "cleaning", "disagreements"):
            print(f"\n=== validation: {name}\n{result[name].to_string()}")


def test_every_gold_article_is_processed(result):
    counts = validate.scored_articles(result["coverage"])
    assert counts["scored"] == len(goldmod.load_gold_dir(paths.DATA_GOLD)) == counts["gold"]


def test_figures_reach_thresholds(result, capsys):
    with capsys.disabled():
        print_figures(result)
    failed = validate.failed_thresholds(result["headline"])
    assert failed.empty, "below threshold:\n" + failed[["label", "tp", "fp", "fn", "f1", "threshold"]].to_string()
    assert set(result["headline"].dropna(subset=["threshold"])["score"]) == set(validate.THRESHOLDS)
