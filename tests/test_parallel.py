"""Multi-core processing: the process pool over chunks gives the tables of one single-process run."""
from __future__ import annotations

import json
from itertools import count, islice

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from src import parallel, paths, pool

ARTICLES = 120  # distinct IndoSum articles; each appears twice, so copies straddle chunks


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    """Rows in a canonical order (by every column's text), with a fresh index."""
    order = table.astype(str).sort_values(list(table.columns), kind="stable").index
    return table.loc[order].reset_index(drop=True)


@pytest.fixture(scope="module")
def records():
    """IndoSum articles twice over, with unique ids (the second copy is a near-duplicate of the first)."""
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    with paths.INDOSUM.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in islice(handle, ARTICLES)]
    return [{"id": f"{r['id']}~{copy}", "text": r["text"], "title": r.get("title")}
            for copy in range(2) for r in rows]


@pytest.fixture(scope="module")
def both(records):
    """(single-process tables, tables from 2 workers over chunks of 37 articles)."""
    return parallel.single_process(records), parallel.process_corpus(records, workers=2, chunk_size=37)


@pytest.mark.parametrize("name", parallel.TABLES)
def test_parallel_tables_equal_single_process(both, name):
    single, pooled = both
    assert len(single[name]) > 0 or name in ("problems", "markers"), f"{name} is empty: the check proves nothing"
    assert_frame_equal(_sorted(pooled[name]), _sorted(single[name]))


def test_copies_in_other_chunks_are_flagged(both):
    articles = both[1]["articles"]
    copies = articles[articles.article_id.str.endswith("~1")]
    assert (copies.duplicate_of == copies.article_id.str.replace("~1", "~0")).all()


def test_one_worker_gives_the_same_tables(records, both):
    inline = parallel.process_corpus(records[:60], workers=1, chunk_size=25)
    single = parallel.single_process(records[:60])
    for name in ("articles", "sentences", "mentions", "unknown_names", "attributions"):
        assert_frame_equal(_sorted(inline[name]), _sorted(single[name]))


def test_unknown_names_counts_are_summed_and_first_example_kept():
    columns = ["name", "count", "example_article_id", "example_sentence"]
    first = pd.DataFrame([("Ali Baba", 2, "a1", "Ali Baba datang."), ("Budi", 1, "a1", "Kata Budi.")], columns=columns)
    second = pd.DataFrame([("Budi", 3, "b1", "Lalu Budi pergi."), ("Cici", 4, "b2", "Cici ada.")], columns=columns)
    chunks = [{"articles": pd.DataFrame({"article_id": [f"a{i}"], "text": ["x"]}), "unknown_names": t}
              for i, t in enumerate((first, second))]
    merged = parallel.collect(chunks)[0]["unknown_names"][0].set_index("name")
    assert merged.loc["Budi", "count"] == 4 and merged.loc["Budi", "example_article_id"] == "a1"
    assert merged.loc["Budi", "example_sentence"] == "Kata Budi."
    assert list(merged.index) == ["Budi", "Cici", "Ali Baba"]  # by count, then name


def test_empty_corpus_gives_empty_tables():
    for workers in (1, 2):
        tables = parallel.process_corpus([], workers=workers)
        assert set(tables) == set(parallel.TABLES) and all(len(t) == 0 for t in tables.values())
        assert tables["unknown_names"]["count"].dtype == "int64" and tables["comentions"]["windows"].dtype == "int64"


def test_repeated_article_ids_are_refused(records):
    repeated = records[:3] + [dict(records[0])]
    with pytest.raises(ValueError, match="occurs more than once"):
        parallel.process_corpus(repeated, workers=2, chunk_size=2)


def test_records_are_read_lazily():
    endless = ({"id": str(i), "text": "x"} for i in count())
    assert [len(c) for c in islice(pool.chunked(endless, 3), 2)] == [3, 3]


def test_sourcing_with_the_actor_steps_finds_equals_sourcing_on_its_own(records):
    from src import actors_step, clean_step, sourcing_step
    from src.lexicon import load_lexicon
    lex_dir = str(paths.LEXICON)
    lexicon = load_lexicon(lex_dir)
    tables = clean_step.clean_records(records[:120], near_duplicates=False)
    finds = actors_step.sentence_finds(tables["sentences"], lexicon)
    shared = sourcing_step.sourcing_tables(tables["sentences"], tables["articles"], lexicon, lex_dir, finds)
    alone = sourcing_step.sourcing_tables(tables["sentences"], tables["articles"], lexicon, lex_dir)
    assert len(shared["attributions"]) > 20
    for name in shared:
        assert_frame_equal(shared[name], alone[name])
