"""All processing steps over a large corpus on every core: a process pool over chunks of articles.

    from src import parallel
    tables = parallel.process_corpus(records, workers=2)   # the same tables as one process

Each worker cleans a chunk of records and finds its actor mentions, unknown-name candidates,
attributions, claim markers and provenance. The corpus-wide parts run once in the parent over
all chunks: near-duplicate flags (every article against the earlier ones), co-mentions (the
chunks' window counts summed, then PMI and LLR) and unknown names (counts summed, first example in
corpus order).
Workers are forked, so they share the parent's lexicon and string-hash seed. Records are read
lazily and at most 2 chunks per worker are in flight, so the input is never held whole.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import islice

import pandas as pd

from src import actors_step, clean_step, comention, paths, sourcing_step
from src.dedup import ShingleCache, Shingled
from src.ingest import Problem
from src.lexicon import Lexicon, load_lexicon
from src.matcher import build_automaton

CHUNK_SIZE = 500
IN_FLIGHT_PER_WORKER = 2
TABLES = ("articles", "sentences", "removed", "problems", "mentions", "comentions", "unknown_names",
          "attributions", "markers", "provenance")


@lru_cache(maxsize=4)
def lexicon_for(lexicon_dir: str) -> Lexicon:
    """The lexicon of a directory, loaded once per process."""
    return load_lexicon(lexicon_dir)


def single_process(records: Iterable, lexicon_dir: str | os.PathLike = paths.LEXICON) -> dict[str, pd.DataFrame]:
    """Every table from the three steps run one after the other in this process (the reference)."""
    lex_dir = str(paths.resolve(lexicon_dir))
    lexicon = lexicon_for(lex_dir)
    tables = clean_step.clean_records(records)
    finds = actors_step.sentence_finds(tables["sentences"], lexicon)
    tables.update(actors_step.actor_tables(tables["sentences"], lexicon, finds))
    tables.update(sourcing_step.sourcing_tables(tables["sentences"], tables["articles"], lexicon, lex_dir, finds))
    return tables


def chunk_tables(records: list, lexicon_dir: str, overrides: Mapping | None = None) -> dict[str, pd.DataFrame]:
    """The per-chunk tables: cleaning (no near-duplicate flags), mentions, unknown names, sourcing,
    and under `comention_counts` the chunk's additive co-mention counts (a dict of tables)."""
    lexicon = lexicon_for(lexicon_dir)
    tables = clean_step.clean_records(records, overrides, near_duplicates=False)
    sentences = tables["sentences"]
    finds = actors_step.sentence_finds(sentences, lexicon)
    tables["mentions"] = actors_step.mentions_table(sentences, finds[0], actors_step.actor_info(lexicon))
    tables["unknown_names"] = actors_step.unknown_names_table(sentences, finds[1])
    tables["comention_counts"] = comention.window_counts(tables["mentions"], sentences)
    tables.update(sourcing_step.sourcing_tables(sentences, tables["articles"], lexicon, lexicon_dir, finds))
    return tables


def chunked(records: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most `size` records, read lazily."""
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _chunk_overrides(chunk: list, overrides: Mapping) -> dict:
    """The metadata overrides that concern the records of one chunk."""
    if not overrides:
        return {}
    ids = {clean_step.as_record(item).article_id for item in chunk}
    return {k: v for k, v in overrides.items() if k in ids}


def _as_inferred(values: pd.Series) -> pd.Series:
    """A text/object column re-typed as pandas infers it from plain values (None for missing)."""
    plain = [None if v is None or (isinstance(v, float) and v != v) else v for v in values.tolist()]
    return pd.Series(plain, index=values.index, dtype=None if any(v is not None for v in plain) else "object")


def concat_parts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunk tables stacked in order, with the column types one table built from all rows would have."""
    filled = [p for p in parts if len(p)] or parts[:1]
    table = pd.concat(filled, ignore_index=True)
    dtypes = [{column: str(dtype) for column, dtype in p.dtypes.items()} for p in filled]
    for column in table.columns:
        mixed = len({d[column] for d in dtypes}) > 1
        if mixed and (table[column].dtype == object or isinstance(table[column].dtype, pd.StringDtype)):
            table[column] = _as_inferred(table[column])
    return table


class NameTally:
    """Unknown-name counts summed over chunks as they arrive, the first example in corpus order kept
    (so the parent never holds every chunk's example sentences)."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.first: dict[str, tuple[str, str]] = {}

    def add(self, table: pd.DataFrame) -> None:
        """Add one chunk's unknown_names table (chunks in corpus order)."""
        columns = [table[c].tolist() for c in ("name", "count", "example_article_id", "example_sentence")]
        for name, count, article_id, sentence in zip(*columns):
            self.counts[name] += count
            if name not in self.first:
                self.first[name] = (article_id, sentence)

    def table(self) -> pd.DataFrame:
        """The corpus unknown_names table."""
        return actors_step.names_table(self.counts, self.first)


def collect(chunks: Iterable[dict[str, pd.DataFrame]]) -> tuple[dict[str, list[pd.DataFrame]], list[Shingled]]:
    """Per-table lists of chunk tables in corpus order, and the articles' shingle sets.

    The shingles are computed here, as chunks arrive, while the workers go on with later
    chunks (a repeated text is shingled once, see dedup.ShingleCache); unknown names are
    tallied as they arrive too, so `unknown_names` holds one table, already merged.
    Article ids must be unique over all chunks (chunk counts only add up then): a repeated
    id raises ValueError naming it.
    """
    parts: dict[str, list[pd.DataFrame]] = {}
    shingles, names, seen = ShingleCache(), NameTally(), set()
    for chunk in chunks:
        check_unique_ids(chunk["articles"]["article_id"].tolist(), seen)
        shingles.add(chunk["articles"]["text"].tolist())
        names.add(chunk.pop("unknown_names"))
        for name, table in chunk.items():
            parts.setdefault(name, []).append(table)
    if parts:
        parts["unknown_names"] = [names.table()]
    return parts, shingles.sets


def check_unique_ids(ids: list[str], seen: set[str]) -> None:
    """Add ids to `seen`; raise ValueError naming the first id met before."""
    for article_id in ids:
        if article_id in seen:
            raise ValueError(f"article id {article_id!r} occurs more than once in the records; ids must be unique "
                             "(src.ingest drops repeated ids when it reads files)")
        seen.add(article_id)


def merge_chunks(parts: dict[str, list[pd.DataFrame]], problems: Iterable[Problem] = (),
                 shingle_sets: list[Shingled] | None = None) -> dict[str, pd.DataFrame]:
    """One set of corpus tables from per-table chunk lists (emptied on the way to save memory)."""
    parts["problems"].insert(0, clean_step.clean_records([], problems=problems)["problems"])
    counts = comention.add_counts(parts.pop("comention_counts"))
    out = {}
    for name in list(parts):
        out[name] = concat_parts(parts[name])
        parts[name].clear()  # the chunk copies go as soon as the corpus table exists
    out["problems"]["row"] = out["problems"]["row"].astype("Int64")
    clean_step.flag_near_duplicates(out["articles"], shingle_sets)
    out["comentions"] = comention.comentions_from_counts(counts)
    # one process groups sourcing output by article_id (sorted); chunks each did so on their own
    for name in ("attributions", "markers"):
        out[name] = out[name].sort_values("article_id", kind="stable", ignore_index=True)
    return {name: out[name] for name in TABLES}


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers (they inherit the loaded lexicon and the string-hash seed).

    Each worker starts with gc.freeze(): the inherited objects (the lexicon, the automaton) move
    to the collector's permanent generation, so its passes skip them (about 5 % less CPU here).
    """
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=gc.freeze)


def chunk_results(records: Iterable, lexicon_dir: str, workers: int, chunk_size: int,
                  overrides: Mapping) -> Iterator[dict[str, pd.DataFrame]]:
    """Per-chunk tables in corpus order, computed by `workers` processes (in this one if workers == 1)."""
    chunks = chunked(records, chunk_size)
    if workers <= 1:
        yield from (chunk_tables(c, lexicon_dir, _chunk_overrides(c, overrides)) for c in chunks)
        return
    with _pool(workers) as pool:
        pending = []
        for chunk in chunks:
            pending.append(pool.submit(chunk_tables, chunk, lexicon_dir, _chunk_overrides(chunk, overrides)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def process_corpus(records: Iterable, workers: int | None = None, chunk_size: int = CHUNK_SIZE,
                   lexicon_dir: str | os.PathLike = paths.LEXICON, overrides: Mapping | None = None,
                   problems: Iterable[Problem] = (), timings: dict | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the pipeline for `records`, computed over chunks on `workers` processes.

    workers defaults to the number of usable cores; the result equals single_process(records).
    A `timings` dict receives the seconds spent in the chunks and in the corpus-wide merge.
    """
    timings = {} if timings is None else timings
    start = time.perf_counter()
    workers = workers or len(os.sched_getaffinity(0))
    lex_dir = str(paths.resolve(lexicon_dir))
    build_automaton(lexicon_for(lex_dir).entries)  # load and compile (cached) before forking, so workers inherit it
    parts, shingle_sets = collect(chunk_results(records, lex_dir, workers, chunk_size, overrides or {}))
    timings["chunks"] = time.perf_counter() - start
    result = merge_chunks(parts, problems, shingle_sets) if parts else single_process([], lex_dir)
    timings["merge"] = time.perf_counter() - start - timings["chunks"]
    return result
