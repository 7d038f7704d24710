"""A second gold set: 59 articles the codebook's rules never saw when they were written.

tests/fixtures/unseen holds articles written in the styles of 25 Indonesian outlets (Detik, CNN Indonesia,
Kompas, Tempo, ANTARA, SINDOnews, Liputan6, Republika, Tribunnews, VOA, kumparan, Suara, merdeka, BBC and
DW Indonesia, Okezone, iNews, Bisnis, Media Indonesia, JawaPos, CNBC Indonesia, Kontan, VIVA, IDN Times,
Tirto, Kompas TV), five of them in other genres (a list explainer, a live blog, an interview, a
quote-heavy wire, an analysis), and annotated blind from the codebook alone
by separate helper sessions that never read the code (they are test texts, not real articles). The
pipeline runs on them as on any raw folder; the scores must stay above the floors below, set a little
under what was measured when the set was added (README, "Unseen articles"). At the commit before the
rules they led to (86b6e0c) attribution types scored 0.840, persons 0.681 and 685 of 813 cleaning checks
passed: this test fails there. (Organisations stay lower: coders differ on UN vs Security Council, think
tanks and companies.)
"""
from __future__ import annotations

import pandas as pd
import pytest

from src import paths, pipeline, validate

UNSEEN = paths.ROOT / "tests" / "fixtures" / "unseen"
FLOORS = {"sentence_countries": 0.98, "country_pairs": 0.98, "attribution_types": 0.90, "anonymous": 0.85,
          "claim_markers": 0.95, "persons": 0.75, "organizations": 0.80}
CLEANING_FLOOR = 0.98  # share of the boilerplate, keep and metadata checks that pass


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    processed = tmp_path_factory.mktemp("unseen")
    pipeline.run_all(UNSEEN / "raw", processed, paths.LEXICON)
    return validate.score_processed(processed, UNSEEN / "gold")


def test_every_unseen_article_is_processed(result):
    counts = validate.scored_articles(result["coverage"])
    assert counts["scored"] == counts["gold"] == 59


def test_unseen_scores_stay_above_their_floors(result, capsys):
    headline = result["headline"].set_index("score")
    with capsys.disabled(), pd.option_context("display.width", 200):
        print("\n=== unseen gold set\n" + headline[["tp", "fp", "fn", "precision", "recall", "f1"]].to_string())
    low = {score: round(headline.loc[score, "f1"], 3) for score, floor in FLOORS.items()
           if not headline.loc[score, "f1"] >= floor}
    assert not low, f"below floor: {low}"


def test_unseen_cleaning_checks_pass(result):
    cleaning = result["cleaning"]
    failed = cleaning[~cleaning["passed"]]
    assert cleaning["passed"].mean() >= CLEANING_FLOOR, failed.to_string()
    assert not failed["check"].str.startswith(("boilerplate", "keep")).any(), failed.to_string()
