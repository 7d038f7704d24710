"""Process pools over chunks of articles: every usable core, the same tables as one process.

Each step (clean, actors, sourcing) splits its input into chunks of whole articles, runs its
chunk function on a pool of forked workers (ordered_map) and merges the chunk tables in corpus
order. A corpus of fewer than POOL_FROM articles runs in this process: a pool would cost more than it
saves. So does a table whose article ids repeat or whose sentences of one article are not together
(never the case for what the clean step writes): its chunks could not keep the one-process order.
Workers are forked, so they share the parent's loaded lexicon, automata and string-hash seed.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import groupby, islice

import numpy as np
import pandas as pd

CHUNK_SIZE = 500  # articles per worker task, at most
POOL_FROM = 500  # articles: a smaller corpus runs in one process (a pool would cost more than it saves)
IN_FLIGHT_PER_WORKER = 2  # tasks queued per worker: bounds the results waiting in memory


def usable_cores() -> int:
    """The cores this process may run on (respects taskset and CPU sets, not a cgroup CPU quota)."""
    return len(os.sched_getaffinity(0))


def pool_size(n_articles: int, workers: int | None) -> int:
    """Processes to use: 1 below POOL_FROM articles, else `workers` (default: every usable core)."""
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1 (or None for every usable core), not {workers}")
    if n_articles < POOL_FROM:
        return 1
    return workers or usable_cores()


def chunk_size_for(n_articles: int, workers: int) -> int:
    """CHUNK_SIZE, or less so that there are about four chunks per worker (the last ones then end together)."""
    return max(1, min(CHUNK_SIZE, -(-n_articles // (4 * workers))))


def chunked(records: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most `size` records, read lazily."""
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def start_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers (they inherit the loaded lexicon and the string-hash seed).

    Each worker starts with gc.freeze(): the inherited objects (the lexicon, the automata) move
    to the collector's permanent generation, so its passes skip them (about 5 % less CPU here).
    """
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=gc.freeze)


def ordered_map(function: Callable, arguments: Iterable[tuple], workers: int) -> Iterator:
    """function(*args) for each args tuple, in order, on `workers` processes (in this one if workers == 1).

    Arguments are read lazily; at most IN_FLIGHT_PER_WORKER tasks per worker are pending.
    """
    if workers <= 1:
        yield from (function(*args) for args in arguments)
        return
    with start_pool(workers) as pool:
        pending = []
        try:
            for args in arguments:
                pending.append(pool.submit(function, *args))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.pop(0).result()
            while pending:
                yield pending.pop(0).result()
        finally:  # closed early (an error in the caller): drop the queued tasks, then the pool shuts down
            for future in pending:
                future.cancel()


def gather(results: Iterable[dict[str, pd.DataFrame]],
           watch: Callable[[dict], None] | None = None) -> dict[str, list[pd.DataFrame]]:
    """Per-table lists of chunk tables in order; `watch(chunk)` sees each chunk first and may pop tables it folds in."""
    parts: dict[str, list[pd.DataFrame]] = {}
    try:
        for chunk in results:
            if watch is not None:
                watch(chunk)
            for name, table in chunk.items():
                parts.setdefault(name, []).append(table)
    finally:  # on an error here, close ordered_map now, so its pool stops (a kept traceback would keep it alive)
        if hasattr(results, "close"):
            results.close()
    return parts


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


def concat_all(parts: dict[str, list[pd.DataFrame]], names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """The named tables, each stacked from its chunk list (emptied on the way to save memory)."""
    out = {}
    for name in names:
        out[name] = concat_parts(parts[name])
        parts[name].clear()  # the chunk copies go as soon as the corpus table exists
    return out


def grouped_by_article(article_ids: list) -> bool:
    """True when each article id occurs in one run of consecutive rows (as the clean step writes its tables)."""
    return sum(1 for _ in groupby(article_ids)) == len(set(article_ids))


def article_chunks(article_ids: Iterable[str], sentences: pd.DataFrame, size: int) -> Iterator[tuple[list, pd.DataFrame]]:
    """(article ids, their sentence rows) per chunk of `size` articles, sentence rows in table order.

    Articles whose sentences are not listed in `article_ids` are added after them, so no sentence
    is lost; an article without sentences still belongs to its chunk. Each chunk's rows are taken
    only when it is reached, so the table is never held twice.
    """
    ids = list(dict.fromkeys([*article_ids, *pd.unique(sentences["article_id"])]))
    chunk_of = {article_id: position // size for position, article_id in enumerate(ids)}
    codes = np.fromiter((chunk_of[a] for a in sentences["article_id"].tolist()), dtype=np.int64, count=len(sentences))
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(ids) // size + 2))
    for number, start in enumerate(range(0, len(ids), size)):
        yield ids[start:start + size], sentences.take(order[bounds[number]:bounds[number + 1]])
