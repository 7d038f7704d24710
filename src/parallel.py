"""All processing steps in one pass over a large corpus on every core (the benchmark's path).

    from src import parallel
    tables = parallel.process_corpus(records, workers=2)   # the same tables as one process

Each worker cleans a chunk of records and finds its actor mentions, unknown-name candidates,
attributions, claim markers and provenance, finding each sentence's lexicon matches and name
candidates once for both steps. The corpus-wide parts run once in the parent over all chunks:
near-duplicate flags (every article against the earlier ones), co-mentions (the chunks' window
counts summed, then PMI and LLR) and unknown names (counts summed, first example in corpus order).
The pool itself (src.pool) is the one each step's `run` uses when the notebooks render.
Records are read lazily and at most 2 chunks per worker are in flight, so the input is never held whole.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping

import pandas as pd

from src import actors_step, clean_step, paths, pool, sourcing_step
from src import tables as tables_contract
from src.dedup import ShingleCache, Shingled
from src.ingest import Problem
from src.lexicon import load_lexicon
from src.matcher import build_automaton

TABLES = tuple(tables_contract.SCHEMAS)  # every table of the data contract, in its order


def single_process(records: Iterable, lexicon_dir: str | os.PathLike = paths.LEXICON) -> dict[str, pd.DataFrame]:
    """Every table from the three steps run one after the other in this process (the reference)."""
    lex_dir = str(paths.resolve(lexicon_dir))
    lexicon = load_lexicon(lex_dir)
    tables = clean_step.clean_records(records)
    finds = actors_step.sentence_finds(tables["sentences"], lexicon)
    tables.update(actors_step.actor_tables(tables["sentences"], lexicon, finds))
    tables.update(sourcing_step.sourcing_tables(tables["sentences"], tables["articles"], lexicon, lex_dir, finds))
    return tables


def chunk_tables(records: list, lexicon_dir: str, overrides: Mapping | None = None) -> dict[str, pd.DataFrame]:
    """The per-chunk tables: cleaning (no near-duplicate flags), mentions, unknown names, sourcing,
    and under `comention_counts` the chunk's additive co-mention counts (a dict of tables)."""
    lexicon = load_lexicon(lexicon_dir)
    tables = clean_step.clean_chunk(records, overrides or {})
    finds = actors_step.sentence_finds(tables["sentences"], lexicon)
    tables.update(actors_step.chunk_actor_tables(tables["sentences"], lexicon, finds))
    tables.update(sourcing_step.sourcing_tables(tables["sentences"], tables["articles"], lexicon, lexicon_dir, finds))
    return tables


def collect(chunks: Iterable[dict[str, pd.DataFrame]]) -> tuple[dict[str, list[pd.DataFrame]], list[Shingled]]:
    """Per-table lists of chunk tables in corpus order, and the articles' shingle sets.

    The shingles are computed here, as chunks arrive, while the workers go on with later
    chunks (a repeated text is shingled once, see dedup.ShingleCache); unknown names are
    tallied as they arrive too, so `unknown_names` holds one table, already merged.
    Article ids must be unique over all chunks (chunk counts only add up then): a repeated
    id raises ValueError naming it.
    """
    shingles, names, seen = ShingleCache(), actors_step.NameTally(), set()

    def watch(chunk: dict) -> None:
        check_unique_ids(chunk["articles"]["article_id"].tolist(), seen)
        shingles.add(chunk["articles"]["text"].tolist())
        names.add(chunk.pop("unknown_names"))

    parts = pool.gather(chunks, watch)
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
    out = clean_step.merge_clean(parts, problems, shingle_sets)
    out.update(actors_step.merge_actor_parts(parts, parts["unknown_names"][0]))
    out.update(sourcing_step.merge_sourcing_parts(parts))
    return {name: out[name] for name in TABLES}


def chunk_results(records: Iterable, lexicon_dir: str, workers: int, chunk_size: int,
                  overrides: Mapping) -> Iterable[dict[str, pd.DataFrame]]:
    """Per-chunk tables in corpus order, computed by `workers` processes (in this one if workers == 1)."""
    arguments = ((chunk, lexicon_dir, clean_step.chunk_overrides(chunk, overrides))
                 for chunk in pool.chunked(records, chunk_size))
    return pool.ordered_map(chunk_tables, arguments, workers)


def process_corpus(records: Iterable, workers: int | None = None, chunk_size: int = pool.CHUNK_SIZE,
                   lexicon_dir: str | os.PathLike = paths.LEXICON, overrides: Mapping | None = None,
                   problems: Iterable[Problem] = (), timings: dict | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the pipeline for `records`, computed over chunks on `workers` processes.

    workers defaults to the number of usable cores; the result equals single_process(records).
    A `timings` dict receives the seconds spent in the chunks and in the corpus-wide merge.
    """
    timings = {} if timings is None else timings
    start = time.perf_counter()
    workers = workers or pool.usable_cores()
    lex_dir = str(paths.resolve(lexicon_dir))
    build_automaton(load_lexicon(lex_dir).entries)  # load and compile (cached) before forking, so workers inherit it
    parts, shingle_sets = collect(chunk_results(records, lex_dir, workers, chunk_size, overrides or {}))
    timings["chunks"] = time.perf_counter() - start
    result = merge_chunks(parts, problems, shingle_sets) if parts else single_process([], lex_dir)
    timings["merge"] = time.perf_counter() - start - timings["chunks"]
    return result
