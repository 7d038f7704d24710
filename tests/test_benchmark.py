"""The benchmark runs end to end on a small slice and prints its figures (no timed assertions)."""
from __future__ import annotations

import json

import pytest

from src import benchmark, paths


def test_benchmark_runs_at_k1_on_a_slice(capsys):
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    assert benchmark.main(["--k", "1", "--limit", "40", "--workers", "2"]) == 0
    out = capsys.readouterr().out
    print(out)
    assert "k=1: 40 articles" in out
    for label in ("ours (2 workers", "spaCy blank('id')", "bare Aho-Corasick scan", "ours vs spaCy:",
                  "ours vs scan:", "peak memory (ru_maxrss)", "throughput at k=1"):
        assert label in out, label
    assert out.count("MB/s") >= 4


def test_missing_corpus_fails_clearly(tmp_path, capsys):
    missing = tmp_path / "nothing.jsonl"
    with pytest.raises(SystemExit) as stop:
        benchmark.main(["--k", "1", "--corpus", str(missing)])
    assert "corpus not found" in str(stop.value) and str(missing) in str(stop.value)


def test_copies_get_unique_ids_and_the_same_text(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": f"Teks {i}."}) for i in ("a", "b")), encoding="utf-8")
    rows = benchmark.load_corpus(corpus)
    copies = list(benchmark.repeated(rows, 3))
    assert len({c["id"] for c in copies}) == 6
    assert [c["text"] for c in copies] == ["Teks a.", "Teks b."] * 3


def test_one_measurement_reports_size_time_and_memory(tmp_path, capsys):
    if not paths.INDOSUM.exists():
        pytest.fail(f"IndoSum corpus not found at {paths.INDOSUM} (needed for this check; CI has it)")
    assert benchmark.main(["--measure", "scan", "--k", "2", "--limit", "10"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == 20 and figures["megabytes"] > 0 and figures["seconds"] > 0
    assert figures["matches"] > 0 and figures["peak_self_mb"] > 0


def test_write_raw_gives_a_raw_directory_the_pipeline_reads(tmp_path, capsys):
    from src.ingest import read_inputs
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": "a", "title": "Judul A", "text": "Teks a."}, {"id": "b", "text": "Teks\u2028b."}]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    assert benchmark.main(["--k", "3", "--corpus", str(corpus), "--write-raw", str(tmp_path / "raw")]) == 0
    assert "c_k3.jsonl" in capsys.readouterr().out
    ingested = read_inputs(tmp_path / "raw")
    assert ingested.problems == [] and len(ingested.records) == 6
    assert [r.article_id for r in ingested.records[:3]] == ["a~0", "b~0", "a~1"]
    assert ingested.records[0].title == "Judul A" and ingested.records[5].text == "Teks\nb."  # raw U+2028 kept in the row


def test_write_raw_needs_one_k_and_an_empty_directory(tmp_path):
    with pytest.raises(SystemExit):
        benchmark.main(["--k", "1", "2", "--write-raw", str(tmp_path / "new")])
    (tmp_path / "other.txt").write_text("Artikel lain.", encoding="utf-8")
    with pytest.raises(SystemExit, match="not empty"):
        benchmark.main(["--k", "1", "--limit", "3", "--write-raw", str(tmp_path)])


def test_write_raw_takes_the_limit(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": f"Teks {i}."}) for i in "abc"), encoding="utf-8")
    written = benchmark.write_raw(corpus, 2, tmp_path / "raw", limit=2)
    assert [json.loads(line)["id"] for line in written.read_text(encoding="utf-8").splitlines()] == ["a~0", "b~0", "a~1", "b~1"]
