"""The render command: parameter validation, execution, failure handling, skipping, determinism, lock."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from filelock import FileLock

from src import nbparams, render, runstate
from fixtures.render.support import BAD, GOOD, RAW, copy_run, frozen_code_state, render_args, render_fixture

# ---------------------------------------------------------------- parameters cell (unit)


def test_literal_parameters_reads_assignments_in_order():
    src = 'raw_dir = "data/raw"  # comment\nk: int = 3\nxs = [1, 2]\nflag = None\n'
    assert nbparams.literal_parameters(src, Path("nb.ipynb")) == {"raw_dir": "data/raw", "k": 3, "xs": [1, 2], "flag": None}


@pytest.mark.parametrize("src", ["a = f()", "a.b = 1", "a = b = 1", "import os", "a = [x for x in y]", "a = (", "a += 1"])
def test_literal_parameters_rejects_non_literals(src):
    with pytest.raises(nbparams.ParameterError, match="nb.ipynb"):
        nbparams.literal_parameters(src, Path("nb.ipynb"))


@pytest.mark.parametrize("tags_per_cell", [[], [["parameters"], ["parameters"]]])
def test_parameters_cell_must_be_unique(tags_per_cell):
    nb = {"cells": [{"cell_type": "code", "source": "a = 1", "metadata": {"tags": t}} for t in tags_per_cell]}
    with pytest.raises(nbparams.ParameterError, match="exactly one"):
        nbparams.parameters_source(nb, Path("x.ipynb"))


@pytest.mark.parametrize("text,expected", [("k=3", 3), ("k=2.5", 2.5), ("k=[1, 2]", [1, 2]), ("k=hello world", "hello world"),
                                           ("k='quoted'", "quoted"), ("k=", "")])
def test_parse_override_literal_or_string(text, expected):
    assert nbparams.parse_override(text)[1] == expected


def test_overrides_apply_by_name_and_coerce():
    defaults = {Path("01_a.ipynb"): {"k": 3, "s": "x", "f": 1.0, "raw_dir": "data/raw"}, Path("02_b.ipynb"): {"k": 1}}
    got = nbparams.apply_overrides(defaults, ["k=4", "s=5", "f=2"], {"raw_dir": "elsewhere", "reports_dir": "r"})
    assert got[Path("01_a.ipynb")] == {"raw_dir": "elsewhere", "k": 4, "s": "5", "f": 2.0}
    assert got[Path("02_b.ipynb")] == {"k": 4}


@pytest.mark.parametrize("override,match", [("nope=1", "unknown parameter"), ("k=x", "expects int"),
                                             ("k=True", "expects int"), ("k", "NAME=VALUE")])
def test_overrides_rejected(override, match):
    with pytest.raises(nbparams.ParameterError, match=match):
        nbparams.apply_overrides({Path("01_a.ipynb"): {"k": 3}}, [override], {})

# ---------------------------------------------------------------- command line: rejected before anything runs


@pytest.mark.parametrize("extra,message", [(["--only", "99_nope"], "unknown report"), (["-p", "max_rows=many"], "expects int"),
                                           (["-p", "no_such=1"], "unknown parameter"), (["--raw-dir", "/nonexistent/raw"], "does not exist")])
def test_bad_input_is_rejected_before_anything_runs(tmp_path, capsys, extra, message):
    args = render_args(tmp_path) + extra
    if extra[0] == "--raw-dir":
        args = args[2:] + extra
    assert render.main(args, notebooks_dir=GOOD) == render.EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not (tmp_path / "reports").exists() and not (tmp_path / "processed").exists()


def test_no_notebooks_is_an_error(tmp_path, capsys):
    assert render.main(render_args(tmp_path), notebooks_dir=tmp_path) == render.EXIT_USAGE
    assert "no notebooks" in capsys.readouterr().err

# ---------------------------------------------------------------- run state (unit)


def test_raw_hash_follows_content_and_names(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    first = runstate.raw_inputs(tmp_path)
    (tmp_path / "a.txt").write_text("y")
    second = runstate.raw_inputs(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    third = runstate.raw_inputs(tmp_path)
    assert first["files"] == second["files"] == third["files"] == 1
    assert len({first["sha256"], second["sha256"], third["sha256"]}) == 3


def test_unchanged_requires_ok_status_same_key_and_intact_output(tmp_path):
    (tmp_path / "r.html").write_text("page")
    entry = {"status": "ok", "input_hash": "k", "html": "r.html", "output_hash": runstate.file_sha256(tmp_path / "r.html")}
    assert runstate.unchanged(entry, "k", tmp_path, tmp_path)
    assert not runstate.unchanged(entry, "other", tmp_path, tmp_path)
    assert not runstate.unchanged({**entry, "status": "failed"}, "k", tmp_path, tmp_path)
    assert not runstate.unchanged({**entry, "summary_file": "summaries/r.json"}, "k", tmp_path, tmp_path)
    (tmp_path / "r.html").write_text("edited")
    assert not runstate.unchanged(entry, "k", tmp_path, tmp_path)


def test_code_digest_covers_src(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "m.py").write_text("a = 1")
    before = runstate.code_digest(tmp_path)
    (tmp_path / "src" / "m.py").write_text("a = 2")
    assert runstate.code_digest(tmp_path) != before

# ---------------------------------------------------------------- rendering the fixture (papermill)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """(run dir, pristine copy): the good fixture rendered once, and a copy of the result."""
    tmp = tmp_path_factory.mktemp("render")
    with frozen_code_state():
        assert render_fixture(tmp / "run") == 0
    return tmp / "run", copy_run(tmp / "run", tmp / "pristine")


@pytest.fixture
def first_run(pristine):
    """The rendered run directory, restored to its just-rendered state (same paths, so same parameters).

    The code hash and commit stay pinned during the test: other engineers edit src/ in this checkout.
    """
    run, copy = pristine
    shutil.rmtree(run)
    copy_run(copy, run)
    with frozen_code_state():
        yield run


@pytest.mark.slow
def test_render_writes_report_index_manifest_and_figure(first_run):
    reports = first_run / "reports"
    manifest = json.loads((reports / "manifest.json").read_text())
    entry = manifest["reports"]["01_fixture"]
    assert entry["status"] == "ok" and entry["output_hash"] == runstate.file_sha256(reports / "01_fixture.html")
    assert entry["parameters"]["raw_dir"] == str(RAW) and entry["parameters"]["max_rows"] == 10
    assert entry["inputs"]["raw_files"] == 2 and entry["duration_s"] > 0
    assert (reports / "index.html").is_file()
    assert (first_run / "processed" / "figures" / "fixture_chars.png").is_file()
    assert not list(reports.glob(".tmp-*")) and not (reports / "_failed").exists()


@pytest.mark.slow
def test_unchanged_rerun_skips_fast(first_run, capsys):
    run = first_run
    html = run / "reports" / "01_fixture.html"
    mtime = html.stat().st_mtime_ns
    capsys.readouterr()
    started = time.monotonic()
    assert render_fixture(run) == 0
    elapsed = time.monotonic() - started
    assert "skipped 01_fixture: unchanged since" in capsys.readouterr().out
    assert elapsed < 3 and html.stat().st_mtime_ns == mtime


@pytest.mark.slow
def test_forced_render_is_byte_identical(first_run, pristine):
    assert render_fixture(first_run, GOOD, "--force") == 0
    for name in ("01_fixture.html", "index.html"):
        assert (first_run / "reports" / name).read_bytes() == (pristine[1] / "reports" / name).read_bytes(), name


@pytest.mark.slow
def test_failing_notebook_keeps_old_report_and_exits_nonzero(first_run, capsys):
    run = first_run
    old = (run / "reports" / "01_fixture.html").read_bytes()
    assert render_fixture(run, BAD) == render.EXIT_FAILED
    err = capsys.readouterr().err
    assert "01_fixture" in err and "ValueError: deliberate fixture failure" in err and "Named cell: explode" in err
    assert (run / "reports" / "01_fixture.html").read_bytes() == old
    failed = run / "reports" / "_failed" / "01_fixture.ipynb"
    assert failed.is_file() and "deliberate fixture failure" in failed.read_text()
    entry = json.loads((run / "reports" / "manifest.json").read_text())["reports"]["01_fixture"]
    assert entry["status"] == "failed" and "deliberate" in entry["error"]
    assert "last render failed" in (run / "reports" / "index.html").read_text()
    assert not list((run / "reports").glob(".tmp-*"))


def test_second_run_waits_then_gives_up_on_lock(tmp_path, capsys):
    reports = tmp_path / "reports"
    reports.mkdir()
    with FileLock(str(reports / runstate.LOCK_NAME)):
        started = time.monotonic()
        code = render.main(render_args(tmp_path, "--lock-timeout", "0.5"), notebooks_dir=GOOD)
    assert code == render.EXIT_LOCKED and time.monotonic() - started >= 0.5
    captured = capsys.readouterr()
    assert "waiting for another render" in captured.out and "another render is running" in captured.err
    assert not (reports / "01_fixture.html").exists()

# ---------------------------------------------------------------- waves: reports that may run side by side


@pytest.mark.parametrize("reads,expected", [
    ({"01": [], "02": ["01"], "03": ["01"], "04": ["01", "02", "03"]}, [["01"], ["02", "03"], ["04"]]),
    ({"01": None, "02": None, "03": None}, [["01"], ["02"], ["03"]]),        # undeclared: after everything before
    ({"02": ["01"], "03": ["01"]}, [["02", "03"]]),                           # --only: 01 not selected, read as is
    ({"01": [], "02": None, "03": ["01"]}, [["01"], ["02", "03"]]),
])
def test_waves_wait_only_for_what_a_report_reads(reads, expected):
    assert render.waves(reads) == expected


def test_committed_notebooks_declare_what_they_read():
    from src import paths
    reads = {nb.stem: render.reads_from(nb) for nb in render.discover(paths.NOTEBOOKS)}
    assert render.waves(reads) == [["01_clean"], ["02_actors", "03_sourcing"], ["04_validation"]]


def _wave_run(tmp_path, articles: int):
    """A Run over the good fixture whose processed articles table has `articles` rows."""
    from src import tables
    args = render.build_parser().parse_args(render_args(tmp_path))
    run = render.Run(args, GOOD)
    (tmp_path / "processed").mkdir(exist_ok=True)
    frame = tables.empty_table("articles").reindex(range(articles))
    frame["article_id"] = [f"a{i}" for i in range(articles)]
    tables.write_table(frame, tmp_path / "processed", "articles")
    return run


def test_a_wave_runs_side_by_side_on_a_small_corpus(tmp_path, monkeypatch):
    """Both reports of the wave must be inside render_one at the same time (a barrier for two)."""
    import threading

    from src import pool
    run = _wave_run(tmp_path, 5)
    monkeypatch.setattr(pool, "usable_cores", lambda: 2)
    barrier = threading.Barrier(2, timeout=5)
    monkeypatch.setattr(run, "render_one", lambda nb, record, key, progress=True: barrier.wait() >= 0)
    nb = GOOD / "01_fixture.ipynb"
    assert run.run_wave([(nb, {}, "a"), (nb, {}, "b")]) == (True, [])


def test_a_wave_runs_in_order_on_a_large_corpus_and_stops_at_a_failure(tmp_path, monkeypatch):
    from src import pool
    run = _wave_run(tmp_path, pool.POOL_FROM)
    monkeypatch.setattr(pool, "usable_cores", lambda: 2)
    calls = []
    monkeypatch.setattr(run, "render_one", lambda nb, record, key, progress=True: calls.append(key) or False)
    nb = GOOD / "01_fixture.ipynb"
    assert run.run_wave([(nb, {}, "a"), (nb, {}, "b")]) == (False, ["01_fixture"])
    assert calls == ["a"]


def test_a_failure_in_a_side_by_side_wave_lets_the_other_report_finish(tmp_path, monkeypatch):
    import threading

    from src import pool
    run = _wave_run(tmp_path, 5)
    monkeypatch.setattr(pool, "usable_cores", lambda: 2)
    barrier, finished = threading.Barrier(2, timeout=5), []

    def render_one(nb, record, key, progress=True):
        barrier.wait()
        finished.append(key)
        return key != "fails"
    monkeypatch.setattr(run, "render_one", render_one)
    nb = GOOD / "01_fixture.ipynb"
    assert run.run_wave([(nb, {}, "fails"), (nb, {}, "ok")]) == (False, [])
    assert sorted(finished) == ["fails", "ok"]


@pytest.mark.parametrize("metadata,message", [
    ({"indonews": {"reads": ["01_fixtur"]}}, "unknown report(s) 01_fixtur"),
    ({"indonews": {"reads": "01_fixture"}}, "must be a list of report names"),
])
def test_bad_reads_metadata_is_a_usage_error(tmp_path, capsys, metadata, message):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = json.loads((GOOD / "01_fixture.ipynb").read_text())
    nb["metadata"].update(metadata)
    (notebooks / "02_second.ipynb").write_text(json.dumps(nb))
    shutil.copy(GOOD / "01_fixture.ipynb", notebooks / "01_fixture.ipynb")
    assert render.main(render_args(tmp_path), notebooks_dir=notebooks) == render.EXIT_USAGE
    assert message in capsys.readouterr().err


def test_metadata_that_is_not_a_mapping_means_the_notebook_does_not_say(tmp_path):
    nb = json.loads((GOOD / "01_fixture.ipynb").read_text())
    nb["metadata"]["indonews"] = None
    (tmp_path / "01_x.ipynb").write_text(json.dumps(nb))
    assert render.reads_from(tmp_path / "01_x.ipynb") is None


def test_reports_not_run_after_a_failure_are_marked_so_on_the_index(tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(GOOD / "01_fixture.ipynb", notebooks / "01_fixture.ipynb")
    shutil.copy(GOOD / "01_fixture.ipynb", notebooks / "02_second.ipynb")
    args = render.build_parser().parse_args(render_args(tmp_path))
    run = render.Run(args, notebooks)
    monkeypatch.setattr(run, "render_one", lambda nb, record, key, progress=True: False)
    assert run.execute() == render.EXIT_FAILED
    manifest = json.loads((tmp_path / "reports" / "manifest.json").read_text())
    assert manifest["reports"]["02_second"]["status"] == "not_run"
    assert "not re-rendered because an earlier report failed" in (tmp_path / "reports" / "index.html").read_text()
