"""Process pools over chunks of articles: every usable core, the same tables as one process.

Each step (clean, actors, sourcing) splits its input into chunks of whole articles, runs its
chunk function on a pool of forked workers (ordered_map) and merges the chunk tables in corpus
order. A corpus of fewer than POOL_FROM articles runs in this process: a pool would cost more than it
saves. So does a table whose article ids repeat or whose sentences of one article are not together
(never the case for what the clean step writes): its chunks could not keep the one-process order.
Workers are forked, so they share the parent's loaded lexicon, automata and string-hash seed.
Usable cores are those of the CPU affinity, capped by a cgroup CPU quota (usable_cores).
"""
from __future__ import annotations

import gc
import math
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import groupby, islice
from pathlib import Path

import numpy as np
import pandas as pd

CHUNK_SIZE = 500  # articles per worker task, at most
POOL_FROM = 500  # articles: a smaller corpus runs in one process (a pool would cost more than it saves)
IN_FLIGHT_PER_WORKER = 2  # tasks queued per worker: bounds the results waiting in memory


CGROUP = "/sys/fs/cgroup"  # where the kernel shows the control groups
PROC_CGROUP = "/proc/self/cgroup"  # this process's control group in each hierarchy


def cores_of(quota: str, period: str) -> float | None:
    """Cores a CPU quota allows (quota over period, in microseconds); None for no quota ("max" or -1)."""
    if quota.strip() in ("max", "-1"):
        return None
    quota_us, period_us = int(quota), int(period)
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None


def cgroup_dirs(proc_cgroup: str, root: str | os.PathLike = CGROUP) -> list[Path]:
    """Directories that may hold this process's CPU quota: its own group, then each parent (v2 and v1 layouts)."""
    dirs = []
    for line in proc_cgroup.splitlines():
        _, controllers, group = line.split(":", 2)
        if controllers and "cpu" not in controllers.split(","):
            continue
        base = Path(root) / ("cpu" if controllers else "")
        parts = [part for part in group.split("/") if part]
        dirs += [base.joinpath(*parts[:depth]) for depth in range(len(parts), -1, -1)]
    return dirs


def quota_at(directory: Path) -> float | None:
    """The CPU quota in cores set on one cgroup directory (v2 `cpu.max`, v1 `cpu.cfs_quota_us`), or None."""
    if (directory / "cpu.max").is_file():
        return cores_of(*(directory / "cpu.max").read_text().split())
    if (directory / "cpu.cfs_quota_us").is_file():
        return cores_of((directory / "cpu.cfs_quota_us").read_text(), (directory / "cpu.cfs_period_us").read_text())
    return None


def cpu_quota(root: str | os.PathLike = CGROUP, proc_cgroup: str | os.PathLike = PROC_CGROUP) -> float | None:
    """The tightest cgroup CPU quota over this process's groups, in cores (`docker --cpus`, systemd CPUQuota=),
    or None when there is none or it cannot be read."""
    try:
        quotas = [quota_at(directory) for directory in cgroup_dirs(Path(proc_cgroup).read_text(), root)]
    except (OSError, ValueError, TypeError):
        return None
    return min((q for q in quotas if q is not None), default=None)


def usable_cores(root: str | os.PathLike = CGROUP, proc_cgroup: str | os.PathLike = PROC_CGROUP) -> int:
    """The cores this process may use: its CPU affinity (taskset, CPU sets), capped by a cgroup CPU quota rounded up."""
    cores = len(os.sched_getaffinity(0))
    quota = cpu_quota(root, proc_cgroup)
    return cores if quota is None else max(1, min(cores, math.ceil(quota)))


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
