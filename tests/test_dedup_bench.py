"""The near-duplicate benchmark: its edited copies are light edits, and the pass finds them (no timed assertions)."""
from __future__ import annotations

import random

import pytest

from src import dedup, dedup_bench, paths
from src.benchmark import load_corpus


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """The first 40 IndoSum articles."""
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    return [row["text"] for row in load_corpus(paths.INDOSUM, 40)]


def test_an_edited_copy_is_shorter_different_and_still_a_near_duplicate(texts):
    for text in texts:
        copy = dedup_bench.edited_copy(text, random.Random(1))
        assert copy != text and len(copy.split()) < len(text.split())
        similarity = dedup.jaccard(dedup.shingles(copy), dedup.shingles(text))
        assert similarity >= dedup.THRESHOLD, (similarity, text[:80])


def test_edits_repeat_with_the_seed(texts):
    first, again = (dedup_bench.copies(texts, 3, random.Random(5)) for _ in range(2))
    assert first == again and first[:len(texts)] == texts and first[len(texts):] != texts * 2


def test_the_pass_flags_edited_copies_with_their_original(texts):
    result = dedup_bench.time_pass(dedup_bench.copies(texts, 3, random.Random(7)), len(texts))
    assert result["articles"] == 120 and result["to_original"] == result["flagged"] == 80
    assert result["shingle_seconds"] > 0 and result["index_seconds"] > 0


def test_command_prints_the_three_corpora(capsys):
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    assert dedup_bench.main(["--k", "2", "--limit", "20"]) == 0
    out = capsys.readouterr().out
    assert all(label in out for label in ("distinct", "exact copies", "edited copies", "index pass", "flagged"))
