"""Throughput benchmark: the processing steps over a real corpus repeated k times, against two references.

    python -m src.benchmark --k 1 10 30 [--workers N] [--corpus PATH] [--limit N] [--reference-k K ...]

For each k the corpus (default: IndoSum, src.paths.INDOSUM) is repeated k times with unique
ids (`<id>~<copy>`) and three measurements run, each in a fresh Python process so that start-up
and imports are not timed and peak memory belongs to that measurement alone:

- ours: cleaning, segmentation, actor mentions, co-mentions, unknown names, attributions,
  markers and provenance (src.parallel.process_corpus with --workers processes);
- spacy: spaCy's blank("id") pipeline + sentencizer + a PhraseMatcher (attr ORTH, i.e.
  case-sensitive like our matcher) over the same alias surface forms our automaton searches,
  run with nlp.pipe in --workers forked processes over the same chunks;
- scan: a bare pyahocorasick scan of the same surface forms over every text, one process
  (no word boundaries, no overlap rules: the ceiling).

Timed: from records in memory to finished tables (lexicon loading and the process pool
included; reading the corpus file, interpreter start-up and imports excluded). Peak memory is
resource.getrusage ru_maxrss of the measuring process and of its largest child (a pool
worker); their sum with one term per worker bounds the total.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from src import paths, pool
from src.ingest import jsonl_lines

TARGETS = {"mb_per_s": 10.0, "vs_spacy": 5.0, "vs_scan": 6.0, "growth_10_30": 3.3, "peak_mb_k30": 2048.0}


def load_corpus(path: str | os.PathLike, limit: int | None = None) -> list[dict]:
    """Rows {id, text} of a JSONL corpus (first `limit` rows); exits with a clear message if missing."""
    corpus = Path(path)
    if not corpus.is_file():
        sys.exit(f"benchmark: corpus not found: {corpus} (pass --corpus PATH to a JSONL file with 'id' and 'text')")
    rows = []
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if limit is not None and len(rows) >= limit:
                break
            row = json.loads(line)
            if "id" not in row or "text" not in row:
                sys.exit(f"benchmark: {corpus} line {number}: a row needs 'id' and 'text'")
            rows.append({"id": str(row["id"]), "text": row["text"]})
    if not rows:
        sys.exit(f"benchmark: {corpus}: no articles")
    return rows


def repeated(rows: list[dict], k: int) -> Iterator[dict]:
    """The rows k times over, each copy with unique ids (`<id>~<copy>`), generated lazily."""
    for copy in range(k):
        for row in rows:
            yield {"id": f"{row['id']}~{copy}", "text": row["text"]}


def write_raw(corpus: str | os.PathLike, k: int, directory: str | os.PathLike, limit: int | None = None) -> Path:
    """The corpus (first `limit` rows) repeated k times with unique ids (`<id>~<copy>`, every other field kept) as
    one JSONL file in a new or empty `directory`: a raw directory for timing `src.render` on a large corpus."""
    load_corpus(corpus, 1)  # fail early and clearly if the corpus is missing
    target_dir = Path(directory)
    if target_dir.exists() and any(target_dir.iterdir()):
        sys.exit(f"benchmark: {target_dir} is not empty; --write-raw needs a new or empty directory "
                 "(the render reads every file in it)")
    target_dir.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(line) for line in jsonl_lines(Path(corpus).read_text(encoding="utf-8")) if line.strip()]
    target = target_dir / f"{Path(corpus).stem}_k{k}.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for copy in range(k):
            for row in rows[:limit]:
                out.write(json.dumps({**row, "id": f"{row['id']}~{copy}"}, ensure_ascii=False) + "\n")
    return target


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory (ru_maxrss, MB) of this process and of its largest finished child."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_self_mb": self_kb / 1024, "peak_child_mb": children_kb / 1024}


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and its finished children (pool workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def alias_forms(lexicon_dir: str) -> list[str]:
    """Every surface form our matcher searches for (aliases plus their ALL-CAPS variants)."""
    from src.lexicon import load_lexicon
    from src.matcher import variants

    return sorted({form for entry in load_lexicon(lexicon_dir).entries for form in variants(entry)})


def measure_ours(rows: list[dict], k: int, workers: int, chunk_size: int, lexicon_dir: str) -> dict:
    """Time the whole processing (src.parallel) on the corpus repeated k times."""
    from src import parallel

    timings: dict = {}
    start, cpu_start = time.perf_counter(), cpu_seconds()
    tables = parallel.process_corpus(repeated(rows, k), workers=workers, chunk_size=chunk_size,
                                     lexicon_dir=lexicon_dir, timings=timings)
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
    counts = {f"rows_{name}": len(table) for name, table in tables.items()}
    return {"seconds": seconds, "cpu_seconds": cpu, "chunk_seconds": timings["chunks"], "merge_seconds": timings["merge"],
            "chunk_size": chunk_size, **counts}


_SPACY: dict = {}  # the pipeline and matcher, built in the measuring process and inherited by forked workers


def spacy_pipeline(forms: list[str]):
    """spaCy blank('id') + sentencizer, and a PhraseMatcher (attr ORTH) over `forms`."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("ALIAS", list(nlp.tokenizer.pipe(forms)))
    return nlp, matcher


def spacy_counts(texts: list[str]) -> tuple[int, int]:
    """(alias matches, sentences) of spaCy's pipeline over texts, in this process."""
    nlp, matcher = _SPACY["nlp"], _SPACY["matcher"]
    matches = sentences = 0
    for doc in nlp.pipe(texts, batch_size=64):
        matches += len(matcher(doc))
        sentences += sum(1 for _ in doc.sents)
    return matches, sentences


def measure_spacy(rows: list[dict], k: int, workers: int, chunk_size: int, lexicon_dir: str) -> dict:
    """Time spaCy's blank pipeline with sentencizer and PhraseMatcher on the same texts and processes.

    The texts go to `workers` forked processes in chunks, as ours do; each returns only its counts
    (spaCy's own nlp.pipe(n_process=...) ships every Doc back to the parent, which was slower here).
    """
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    setup = time.perf_counter()
    _SPACY["nlp"], _SPACY["matcher"] = spacy_pipeline(alias_forms(lexicon_dir))
    start = time.perf_counter()
    texts = pool.chunked((r["text"] for r in repeated(rows, k)), chunk_size)
    if workers <= 1:
        counts = [spacy_counts(chunk) for chunk in texts]
    else:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as executor:
            counts = list(executor.map(spacy_counts, texts))
    return {"seconds": time.perf_counter() - start, "setup_seconds": start - setup,
            "matches": sum(m for m, _ in counts), "sentences": sum(n for _, n in counts)}


def measure_scan(rows: list[dict], k: int, lexicon_dir: str) -> dict:
    """Time a bare Aho-Corasick scan of the same surface forms (one process)."""
    import ahocorasick

    setup = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for form in alias_forms(lexicon_dir):
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    start = time.perf_counter()
    matches = 0
    for row in repeated(rows, k):
        for _ in automaton.iter(row["text"]):
            matches += 1
    return {"seconds": time.perf_counter() - start, "setup_seconds": start - setup, "matches": matches}


def measure(args: argparse.Namespace) -> dict:
    """Run one measurement in this process and return its figures (with size and peak memory)."""
    rows = load_corpus(args.corpus, args.limit)
    k, lexicon_dir = args.k[0], str(paths.resolve(args.lexicon))
    args.chunk_size = args.chunk_size or pool.chunk_size_for(k * len(rows), args.workers)
    if args.measure == "ours":
        figures = measure_ours(rows, k, args.workers, args.chunk_size, lexicon_dir)
    elif args.measure == "spacy":
        figures = measure_spacy(rows, k, args.workers, args.chunk_size, lexicon_dir)
    else:
        figures = measure_scan(rows, k, lexicon_dir)
    megabytes = k * sum(len(r["text"].encode("utf-8")) for r in rows) / 1e6
    return {"what": args.measure, "k": k, "articles": k * len(rows), "megabytes": megabytes,
            **figures, **peak_memory_mb()}


def run_child(args: argparse.Namespace, what: str, k: int) -> dict:
    """Run one measurement in a fresh interpreter and return its JSON figures."""
    command = [sys.executable, "-m", "src.benchmark", "--measure", what, "--k", str(k),
               "--workers", str(args.workers), "--corpus", str(args.corpus), "--lexicon", str(args.lexicon)]
    for option, value in (("--limit", args.limit), ("--chunk-size", args.chunk_size)):
        if value is not None:
            command += [option, str(value)]
    done = subprocess.run(command, cwd=paths.ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"benchmark: the {what} measurement at k={k} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rate_line(figures: dict) -> str:
    """Seconds, articles/s and MB/s of one measurement."""
    s = figures["seconds"]
    return f"{s:8.2f} s {figures['articles'] / s:9.0f} art/s {figures['megabytes'] / s:7.2f} MB/s"


def report_k(ours: dict, spacy: dict | None, scan: dict | None, workers: int) -> list[str]:
    """Printed lines for one k."""
    total_peak = ours["peak_self_mb"] + workers * ours["peak_child_mb"]
    lines = [
        f"k={ours['k']}: {ours['articles']} articles, {ours['megabytes']:.1f} MB of text",
        f"  ours ({workers} workers, chunks of {ours['chunk_size']}) {rate_line(ours)}   (chunks {ours['chunk_seconds']:.2f} s, "
        f"corpus-wide merge {ours['merge_seconds']:.2f} s)",
        f"    CPU: {ours['cpu_seconds']:.1f} s in all processes, {ours['megabytes'] / ours['cpu_seconds']:.2f} MB per CPU-second",
        f"    peak memory (ru_maxrss): parent {ours['peak_self_mb']:.0f} MB, largest worker "
        f"{ours['peak_child_mb']:.0f} MB; bound parent + {workers} x worker = {total_peak:.0f} MB",
        f"    tables: {ours['rows_sentences']} sentences, {ours['rows_mentions']} mentions, "
        f"{ours['rows_attributions']} attributions, {ours['rows_comentions']} co-mention rows",
    ]
    if spacy:
        lines.append(f"  spaCy blank('id')+sentencizer+PhraseMatcher ({workers} workers) {rate_line(spacy)}"
                     f"   ({spacy['matches']} matches; setup {spacy['setup_seconds']:.1f} s not timed)")
        lines.append(f"  ours vs spaCy: {spacy['seconds'] / ours['seconds']:.2f}x as fast "
                     f"(target >= {TARGETS['vs_spacy']:g}x)")
    if scan:
        lines.append(f"  bare Aho-Corasick scan (1 process) {rate_line(scan)}   ({scan['matches']} raw hits)")
        lines.append(f"  ours vs scan: {ours['seconds'] / scan['seconds']:.1f}x the scan's time "
                     f"(target <= {TARGETS['vs_scan']:g}x)")
    return lines


def summary_lines(results: dict[int, dict], workers: int) -> list[str]:
    """Growth from k=10 to k=30 and the targets, for the ks that were run."""
    lines = []
    best = max(results)
    mb_s = results[best]["megabytes"] / results[best]["seconds"]
    lines.append(f"throughput at k={best}: {mb_s:.2f} MB/s end to end on {workers} workers "
                 f"(target >= {TARGETS['mb_per_s']:g} MB/s)")
    if 10 in results and 30 in results:
        growth = results[30]["seconds"] / results[10]["seconds"]
        lines.append(f"growth k=10 -> k=30: {growth:.2f}x the time for 3x the text (target <= {TARGETS['growth_10_30']:g}x)")
    if 30 in results:
        r = results[30]
        peak = r["peak_self_mb"] + workers * r["peak_child_mb"]
        lines.append(f"peak memory at k=30: {peak:.0f} MB bound (target <= {TARGETS['peak_mb_k30']:.0f} MB)")
    return lines


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m src.benchmark", description=__doc__.split("\n")[0])
    parser.add_argument("--k", type=int, nargs="+", default=[1, 10, 30], help="repeat the corpus k times (several allowed)")
    parser.add_argument("--workers", type=int, default=pool.usable_cores(),
                        help="processes (default: usable cores, src.pool.usable_cores)")
    parser.add_argument("--corpus", default=str(paths.INDOSUM), help="JSONL corpus with id and text (default: IndoSum)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of the corpus")
    parser.add_argument("--chunk-size", type=int, default=None,
                        help="articles per worker task (default: src.pool.CHUNK_SIZE, smaller for small corpora)")
    parser.add_argument("--lexicon", default=str(paths.LEXICON), help="lexicon directory")
    parser.add_argument("--reference-k", type=int, nargs="*", default=None,
                        help="k values at which to time spaCy and the scan (default: every k; none: skip)")
    parser.add_argument("--write-raw", metavar="DIR", default=None,
                        help="only write the corpus repeated k times (one --k) as JSONL into DIR, for timing src.render")
    parser.add_argument("--measure", choices=["ours", "spacy", "scan"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if any(k < 1 for k in args.k):
        parser.error("--k values must be at least 1")
    if args.write_raw and len(args.k) != 1:
        parser.error("--write-raw takes exactly one --k value")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with the internal --measure, one measurement printed as JSON)."""
    args = parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args)))
        return 0
    if args.write_raw:
        print(f"wrote {write_raw(args.corpus, args.k[0], args.write_raw, args.limit)}")
        return 0
    load_corpus(args.corpus, 1)  # fail early and clearly if the corpus is missing
    reference_k = set(args.k if args.reference_k is None else args.reference_k)
    print(f"benchmark: {args.corpus}, k = {' '.join(map(str, args.k))}, {args.workers} workers", flush=True)
    results = {}
    for k in sorted(set(args.k)):
        ours = results[k] = run_child(args, "ours", k)
        spacy = run_child(args, "spacy", k) if k in reference_k else None
        scan = run_child(args, "scan", k) if k in reference_k else None
        print("\n".join(report_k(ours, spacy, scan, args.workers)), flush=True)
    print("\n".join(summary_lines(results, args.workers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
