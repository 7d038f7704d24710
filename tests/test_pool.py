"""Each step's `run` on a process pool: the same Parquet tables as one process, and the pool really used."""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from itertools import islice
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from src import actors_step, clean_step, paths, pool, render, sourcing_step, tables
from src.lexicon import load_lexicon

FIXTURE_RAW = Path(__file__).parent / "fixtures" / "raw"
DISTINCT = 300  # IndoSum articles, each twice: 600 articles plus the fixtures, above pool.POOL_FROM
STEPS = (
    ("clean", lambda raw, out, workers: clean_step.run(raw, out, workers=workers)),
    ("actors", lambda raw, out, workers: actors_step.run(out, paths.LEXICON, workers=workers)),
    ("sourcing", lambda raw, out, workers: sourcing_step.run(out, paths.LEXICON, workers=workers)),
)
TABLE_NAMES = [name for name in tables.SCHEMAS]


def indosum_rows(n: int) -> list[dict]:
    """The first n IndoSum articles as {id, title, text} rows."""
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    with paths.INDOSUM.open(encoding="utf-8") as handle:
        return [{"id": str(r["id"]), "title": r.get("title"), "text": r["text"]}
                for r in map(json.loads, islice(handle, n))]


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory) -> Path:
    """A raw directory above the pool threshold: every fixture file (bad files, metadata.csv, HTML, encodings),
    IndoSum articles twice (copies in other chunks), and an article that cleans to nothing but a footer."""
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(FIXTURE_RAW, raw, dirs_exist_ok=True)
    rows = indosum_rows(DISTINCT)
    copies = [{**row, "id": f"{row['id']}~{copy}"} for copy in range(2) for row in rows]
    copies.insert(len(copies) // 2, {"id": "only-footer", "text": "Sumber: Reuters, AFP"})
    (raw / "indosum.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in copies),
                                       encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def results(raw_dir, tmp_path_factory) -> dict[int, tuple[Path, dict]]:
    """workers -> (the processed directory the three steps wrote with that many processes, the tables they returned)."""
    out = {}
    for workers in (1, 2):
        directory, returned = tmp_path_factory.mktemp(f"processed{workers}"), {}
        for _, step in STEPS:
            returned.update(step(raw_dir, directory, workers))
        out[workers] = directory, returned
    return out


@pytest.fixture(scope="module")
def processed(results) -> dict[int, Path]:
    """workers -> the processed directory written with that many processes."""
    return {workers: directory for workers, (directory, _) in results.items()}


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_pooled_steps_write_the_tables_of_one_process(processed, name):
    single, pooled = (tables.read_table(processed[w], name) for w in (1, 2))
    assert len(single) > 0 or name == "markers", f"{name} is empty: the check proves nothing"
    assert_frame_equal(pooled, single)


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_pooled_steps_return_the_tables_of_one_process(results, name):
    """What the notebooks go on with (in memory: dtypes a Parquet round trip would hide)."""
    assert_frame_equal(results[2][1][name], results[1][1][name])


def test_the_fixture_corpus_is_large_enough_to_pool(processed):
    assert len(tables.read_table(processed[2], "articles")) >= pool.POOL_FROM


def test_copies_and_empty_articles_survive_chunking(processed):
    articles = tables.read_table(processed[2], "articles").set_index("article_id")
    first = indosum_rows(1)[0]["id"]
    assert articles.loc[f"{first}~1", "duplicate_of"] == f"{first}~0"
    provenance = tables.read_table(processed[2], "provenance")
    assert set(provenance.loc[provenance.article_id == "only-footer", "outlet"]) == {"Reuters", "AFP"}
    problems = tables.read_table(processed[2], "problems")
    assert problems.reason.str.contains("'only-footer': no reporting left").any()
    assert problems.source_file.isin(["empty.txt", "notes.pdf"]).sum() == 2  # the fixture's bad files


@pytest.mark.parametrize("step", [s for s, _ in STEPS])
def test_each_step_starts_a_pool_for_a_large_corpus(raw_dir, processed, tmp_path, monkeypatch, step):
    shutil.copytree(processed[1], tmp_path, dirs_exist_ok=True)  # the step's inputs
    started = []
    real = pool.start_pool
    monkeypatch.setattr(pool, "start_pool", lambda workers: started.append(workers) or real(workers))
    dict(STEPS)[step](raw_dir, tmp_path, 2)
    assert started == [2]


def test_a_small_corpus_runs_in_one_process(monkeypatch, tmp_path):
    monkeypatch.setattr(pool, "start_pool", lambda workers: pytest.fail("a pool was started for the 5 seeds"))
    for _, step in STEPS:
        step(paths.DATA_RAW, tmp_path, 2)
    assert 0 < len(tables.read_table(tmp_path, "articles")) < pool.POOL_FROM
    assert len(tables.read_table(tmp_path, "attributions")) > 0


def test_tables_out_of_article_order_run_in_one_process(results, monkeypatch):
    """Sentences of one article apart, or a repeated article row: chunks could not keep the order, so no pool."""
    sentences, articles = (results[1][1][name] for name in ("sentences", "articles"))
    longest = sentences.article_id.value_counts().index[0]
    own = sentences[sentences.article_id == longest]
    apart = pd.concat([own.iloc[:1], sentences[sentences.article_id != longest], own.iloc[1:]], ignore_index=True)
    assert not pool.grouped_by_article(apart.article_id.tolist())
    repeated = pd.concat([articles, articles.iloc[:1]], ignore_index=True)
    monkeypatch.setattr(pool, "start_pool", lambda workers: pytest.fail("a pool was started"))
    lexicon = load_lexicon(str(paths.LEXICON))
    for name, table in actors_step.pooled_actor_tables(apart, str(paths.LEXICON), workers=2).items():
        assert_frame_equal(table, actors_step.actor_tables(apart, lexicon)[name])
    pooled = sourcing_step.pooled_sourcing_tables(sentences, repeated, str(paths.LEXICON), workers=2)
    alone = sourcing_step.sourcing_tables(sentences, repeated, lexicon, str(paths.LEXICON))
    for name in pooled:
        assert_frame_equal(pooled[name], alone[name])
    records = [{"id": "same", "text": "Satu kalimat di sini."}] * pool.POOL_FROM
    assert len(clean_step.clean_corpus(records, workers=2)["articles"]) == pool.POOL_FROM


def test_an_error_while_gathering_stops_the_pool():
    before = set(multiprocessing.active_children())
    results = pool.ordered_map(dict, [()] * 40, 2)

    def fail(chunk):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        pool.gather(results, fail)
    assert set(multiprocessing.active_children()) == before


@pytest.mark.parametrize("articles, workers, expected", [(0, None, 1), (pool.POOL_FROM - 1, 2, 1),
                                                          (pool.POOL_FROM, 2, 2), (10**6, 3, 3)])
def test_pool_size(articles, workers, expected):
    assert pool.pool_size(articles, workers) == expected


def test_pool_size_defaults_to_usable_cores_and_refuses_zero():
    assert pool.pool_size(10**6, None) == pool.usable_cores()
    with pytest.raises(ValueError, match="at least 1"):
        pool.pool_size(10**6, 0)


def cgroup_tree(root: Path, files: dict[str, str], membership: str) -> Path:
    """A fake /sys/fs/cgroup under root with the given files, and the /proc/self/cgroup text naming the groups."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "proc_cgroup").write_text(membership)
    return root / "proc_cgroup"


@pytest.mark.parametrize("files, membership, quota", [
    ({"cpu.max": "150000 100000\n"}, "0::/\n", 1.5),                                  # docker --cpus=1.5 (v2)
    ({"cpu.max": "max 100000\n"}, "0::/\n", None),                                    # no quota
    ({"system.slice/cpu.max": "max 100000\n", "system.slice/news.service/cpu.max": "50000 100000\n"},
     "0::/system.slice/news.service\n", 0.5),                                         # systemd CPUQuota=50%
    ({"a/cpu.max": "100000 100000\n", "a/b/cpu.max": "300000 100000\n"}, "0::/a/b\n", 1.0),  # a parent's is tighter
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, "4:memory:/x\n1:cpu,cpuacct:/\n", None),
    ({"cpu/cpu.cfs_quota_us": "200000\n", "cpu/cpu.cfs_period_us": "100000\n"}, "1:cpu,cpuacct:/\n", 2.0),  # v1
    ({"cpu.max": "garbled\n"}, "0::/\n", None),                                       # unreadable: no quota
    ({}, "0::/\n", None),                                                             # no cgroup files at all
])
def test_cpu_quota_read_from_cgroup_files(tmp_path, files, membership, quota):
    proc = cgroup_tree(tmp_path, files, membership)
    assert pool.cpu_quota(tmp_path, proc) == quota


def test_usable_cores_rounds_a_quota_up_and_never_exceeds_the_affinity(tmp_path):
    cores = len(os.sched_getaffinity(0))
    half = cgroup_tree(tmp_path / "half", {"cpu.max": "50000 100000"}, "0::/")
    assert pool.usable_cores(tmp_path / "half", half) == 1
    one_and_half = cgroup_tree(tmp_path / "1.5", {"cpu.max": "150000 100000"}, "0::/")
    assert pool.usable_cores(tmp_path / "1.5", one_and_half) == min(cores, 2)
    many = cgroup_tree(tmp_path / "many", {"cpu.max": f"{(cores + 7) * 100000} 100000"}, "0::/")
    assert pool.usable_cores(tmp_path / "many", many) == cores
    assert pool.usable_cores(tmp_path / "none", tmp_path / "missing") == cores


@pytest.mark.parametrize("articles, workers, expected", [(10**6, 2, pool.CHUNK_SIZE), (600, 2, 75), (601, 2, 76),
                                                          (500, 64, 2)])
def test_chunk_size_gives_about_four_chunks_per_worker(articles, workers, expected):
    assert pool.chunk_size_for(articles, workers) == expected


def test_article_chunks_keep_every_sentence_in_order():
    sentences = pd.DataFrame({"article_id": ["a", "a", "b", "c", "x", "c"], "text": list("123456")})
    chunks = list(pool.article_chunks(["a", "empty", "b", "c"], sentences, 2))
    assert [ids for ids, _ in chunks] == [["a", "empty"], ["b", "c"], ["x"]]  # unlisted 'x' comes last
    assert [rows["text"].tolist() for _, rows in chunks] == [["1", "2"], ["3", "4", "6"], ["5"]]


@pytest.mark.slow
def test_rendered_notebooks_write_the_tables_of_one_process(raw_dir, processed, tmp_path):
    """The pool inside a papermill kernel (forked from it): the notebooks' tables equal one process's."""
    args = ["--raw-dir", str(raw_dir), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r"),
            "--only", "01_clean", "--only", "02_actors", "--only", "03_sourcing"]
    assert render.main(args) == 0
    for name in TABLE_NAMES:
        assert_frame_equal(tables.read_table(tmp_path / "p", name), tables.read_table(processed[1], name))
