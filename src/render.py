"""Render every report: `python -m src.render [--raw-dir DIR] [--processed-dir DIR] [--reports-dir DIR]
[--only NAME]... [--force] [-p NAME=VALUE]...`

Executes notebooks/NN_*.ipynb with papermill in name order, except that notebooks which read only earlier
reports' tables (metadata indonews.reads) may run side by side on a small corpus; exports each to <reports-dir>/<name>.html,
writes <reports-dir>/index.html and manifest.json. Unchanged reports are skipped; a failing notebook
leaves the published report in place and the command exits non-zero. papermill/nbconvert are imported
only when something is actually rendered, so the skip path stays fast.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from src import index_page, nbparams, paths, runstate, summaries

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
FAILED_DIR = "_failed"
TMP_PREFIX = ".tmp-"
EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 1, 2, 75
# Fixed for every kernel so set/dict-of-str iteration (and thus outputs) is the same on every run.
KERNEL_ENV = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def skip_slow_optional_imports() -> None:
    """Keep jsonschema (via nbformat) from importing rfc3987_syntax, whose grammar takes ~1.2 s to compile.

    jsonschema treats it as optional (it only adds the 'iri' format checker, which nbformat never uses).
    """
    sys.modules.setdefault("rfc3987_syntax", None)


class UsageError(ValueError):
    """Bad command-line input, reported before anything runs."""


def build_parser() -> argparse.ArgumentParser:
    """The public command line (stable: documented in README, section Rendering)."""
    p = argparse.ArgumentParser(prog="python -m src.render", description=__doc__.split("\n\n")[1])
    p.add_argument("--raw-dir", default="data/raw", help="raw articles (default data/raw; never modified)")
    p.add_argument("--processed-dir", default="data/processed", help="intermediate tables (default data/processed)")
    p.add_argument("--reports-dir", default="reports", help="published HTML (default reports)")
    p.add_argument("--only", action="append", default=[], metavar="NAME",
                   help="render only this report (notebook stem, e.g. 02_actors); repeatable")
    p.add_argument("--force", action="store_true", help="render even if nothing changed")
    p.add_argument("-p", action="append", default=[], metavar="NAME=VALUE", dest="params",
                   help="set a notebook parameter (Python literal, else a string); repeatable")
    p.add_argument("--notebooks-dir", default=None, help="where the NN_*.ipynb notebooks live (default notebooks/)")
    p.add_argument("--lock-timeout", type=float, default=600.0, metavar="SECONDS",
                   help="how long to wait for another running render before giving up (default 600)")
    return p


def discover(notebooks_dir: Path) -> list[Path]:
    """The report notebooks (NN_name.ipynb), in name order."""
    found = sorted(notebooks_dir.glob(NOTEBOOK_GLOB), key=lambda p: p.name)
    if not found:
        raise UsageError(f"no notebooks matching {NOTEBOOK_GLOB} in {notebooks_dir}")
    return found


def reads_from(notebook: Path) -> list[str] | None:
    """The reports whose tables a notebook reads (its metadata `indonews.reads`), or None when it does not say."""
    meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata")
    project = meta.get("indonews") if isinstance(meta, dict) else None
    reads = project.get("reads") if isinstance(project, dict) else None
    if reads is None:
        return None
    if not isinstance(reads, list) or not all(isinstance(r, str) for r in reads):
        raise UsageError(f"{notebook}: metadata indonews.reads must be a list of report names, not {reads!r}")
    return reads


def check_reads(reads: dict[str, list[str] | None]) -> None:
    """Raise UsageError when a notebook says it reads a report that does not exist (a typo would run it too early)."""
    for name, names in reads.items():
        unknown = sorted(set(names or ()) - set(reads))
        if unknown:
            raise UsageError(f"{name}: metadata indonews.reads names unknown report(s) {', '.join(unknown)}")


def waves(reads: dict[str, list[str] | None]) -> list[list[str]]:
    """Reports (name -> what it reads, in name order) grouped into waves that may run side by side: a report
    waits for every report it reads, and one that does not say what it reads waits for all before it."""
    names = list(reads)
    needs = {n: set(reads[n]) if reads[n] is not None else set(names[:i]) for i, n in enumerate(names)}
    pending, out = list(names), []
    while pending:
        wave = [n for n in pending if not needs[n] & set(pending)] or pending[:1]
        out.append(wave)
        pending = [n for n in pending if n not in wave]
    return out


def select(notebooks: list[Path], only: list[str]) -> list[Path]:
    """The notebooks named by --only (all when none given); an unknown name is a UsageError."""
    by_name = {nb.stem: nb for nb in notebooks}
    unknown = [n for n in only if n not in by_name]
    if unknown:
        raise UsageError(f"unknown report(s) {', '.join(unknown)}; available: {', '.join(by_name)}")
    return [nb for nb in notebooks if not only or nb.stem in only]


def display_path(path: Path) -> str:
    """A path relative to the repo root when inside it, else absolute."""
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path.resolve())


def now_utc() -> str:
    """The current time, ISO 8601 UTC to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def say(message: str) -> None:
    """Progress to the terminal, flushed at once (cron logs keep the order)."""
    print(message, flush=True)


class Run:
    """One invocation: validated settings, the manifest and the per-report render steps."""

    def __init__(self, args: argparse.Namespace, notebooks_dir: Path):
        self.args = args
        self.all_notebooks = discover(notebooks_dir)
        self.reads = {nb.stem: reads_from(nb) for nb in self.all_notebooks}
        check_reads(self.reads)
        self.selected = select(self.all_notebooks, args.only)
        defaults = {nb: nbparams.notebook_parameters(nb) for nb in self.selected}
        dirs = {"raw_dir": args.raw_dir, "processed_dir": args.processed_dir, "reports_dir": args.reports_dir}
        injected = nbparams.apply_overrides(defaults, args.params, dirs)
        self.injected = injected
        self.effective = {nb: {**defaults[nb], **injected[nb]} for nb in self.selected}
        self.raw_dir = paths.resolve(args.raw_dir)
        self.manifest_lock = threading.Lock()  # reports of one wave may finish at the same time
        self.processed_dir = paths.resolve(args.processed_dir)
        self.reports_dir = paths.resolve(args.reports_dir)
        if not self.raw_dir.is_dir():
            raise UsageError(f"raw directory {self.raw_dir} does not exist")

    def execute(self) -> int:
        """Render (or skip) every selected report under the lock; return the exit code."""
        waiting = lambda lock: say(f"waiting for another render to finish (lock {lock}, up to {self.args.lock_timeout:g} s)")
        with runstate.render_lock([self.reports_dir, self.processed_dir], self.args.lock_timeout, waiting):
            self.remove_stale_temp_dirs()
            self.manifest = runstate.load_manifest(self.reports_dir)
            self.raw = runstate.raw_inputs(self.raw_dir)
            self.code_hash = runstate.code_digest()
            from src import publish
            self.versions = publish.package_versions()
            code = self.render_all()
            self.write_index()
        return code

    def remove_stale_temp_dirs(self) -> None:
        """Delete work directories left by a render that was killed (we hold the lock, so none is live)."""
        for d in self.reports_dir.glob(TMP_PREFIX + "*"):
            shutil.rmtree(d, ignore_errors=True)

    def input_record(self, nb: Path) -> dict:
        """Everything a report depends on: raw data, code, packages, its notebook and the ones before it."""
        upstream = [p for p in self.all_notebooks if p.name <= nb.name]
        return {
            "raw_sha256": self.raw["sha256"], "raw_files": self.raw["files"],
            "code_sha256": self.code_hash, "versions": self.versions,
            "notebooks": {p.name: runstate.file_sha256(p) for p in upstream},
            "parameters": self.effective[nb],
        }

    def render_all(self) -> int:
        """Render the selected reports wave by wave (see `waves`), stopping after a wave with a failure.

        The reports of a wave run side by side on a small corpus, where kernel start-up dominates; on a large
        one each step already uses every core (src/pool.py), so they run one after the other."""
        by_name = {nb.stem: nb for nb in self.selected}
        planned = waves({name: self.reads[name] for name in by_name})
        for number, wave in enumerate(planned):
            jobs = []
            for name in wave:
                nb = by_name[name]
                record = self.input_record(nb)
                key = runstate.input_key(record)
                entry = self.manifest["reports"].get(name)
                if not self.args.force and runstate.unchanged(entry, key, self.reports_dir, self.processed_dir):
                    say(f"skipped {name}: unchanged since {entry.get('rendered_at', 'the last render')}")
                else:
                    jobs.append((nb, record, key))
            ok, unrun = self.run_wave(jobs)
            if not ok:
                rest = unrun + [name for later in planned[number + 1:] for name in later]
                if rest:
                    say(f"not run (an earlier report failed): {', '.join(rest)}")
                    self.record_not_run(rest)
                return EXIT_FAILED
        return 0

    def run_wave(self, jobs: list[tuple[Path, dict, str]]) -> tuple[bool, list[str]]:
        """Render the jobs of one wave, side by side when the corpus is small, else in order up to the first
        failure; return (all succeeded, names of the wave's reports not run)."""
        if len(jobs) > 1 and self.small_corpus():
            for nb, _, _ in jobs:
                self.announce(nb)
            with ThreadPoolExecutor(max_workers=len(jobs)) as executor:
                return all(list(executor.map(lambda job: self.render_one(*job, progress=False), jobs))), []
        for i, job in enumerate(jobs):
            self.announce(job[0])
            if not self.render_one(*job):
                return False, [nb.stem for nb, _, _ in jobs[i + 1:]]
        return True, []

    def announce(self, nb: Path) -> None:
        """Say that a report starts rendering, with its place in the selection."""
        say(f"[{self.selected.index(nb) + 1}/{len(self.selected)}] rendering {nb.stem} ({display_path(nb)})")

    def small_corpus(self) -> bool:
        """True when the cleaned corpus is below the size at which each step starts a process pool."""
        from src import pool, tables
        try:
            import pyarrow.parquet as pq
            rows = pq.read_metadata(tables.table_path(self.processed_dir, "articles")).num_rows
        except (OSError, ValueError):
            return False
        return rows < pool.POOL_FROM and pool.usable_cores() > 1

    def render_one(self, nb: Path, record: dict, key: str, progress: bool = True) -> bool:
        """Execute and publish one notebook through a temporary directory; record the outcome."""
        from src import execute

        name, started = nb.stem, time.monotonic()
        work = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{name}-", dir=self.reports_dir))
        executed = work / f"{name}.ipynb"
        summary_file = summaries.summary_path(self.processed_dir, name)
        summary_file.unlink(missing_ok=True)
        try:
            execute.execute_notebook(nb, executed, self.injected[nb], paths.ROOT, progress=progress)
            html_path, title, hidden = self.publish(nb, executed, work)
        except execute.NotebookFailed as exc:
            self.record_failure(name, exc.executed, str(exc))
            return False
        except Exception as exc:  # export problems: still keep the executed notebook for debugging
            self.record_failure(name, executed, f"{name}: publishing failed: {type(exc).__name__}: {exc}")
            return False
        finally:
            shutil.rmtree(work, ignore_errors=True)
        duration = time.monotonic() - started
        self.record_success(name, nb, record, key, html_path, title, duration)
        note = f"; {hidden} stderr output(s) left out of the report" if hidden else ""
        say(f"    ok {name} in {duration:.1f} s -> {display_path(html_path)}{note}")
        return True

    def publish(self, notebook: Path, executed: Path, work: Path) -> tuple[Path, str, int]:
        """Export the executed notebook and move the page into place; return (path, title, stderr hidden)."""
        import nbformat
        from src import publish

        name = notebook.stem
        nb = nbformat.read(executed, as_version=4)
        title = publish.report_title(nb, name)
        hidden = publish.normalise_notebook(nb)
        footer = publish.footer_html(self.args.raw_dir, self.raw, self.effective[notebook],
                                     self.versions, runstate.git_commit(), self.code_hash)
        staged = work / f"{name}.html"
        staged.write_text(publish.export_report(nb, title, footer), encoding="utf-8")
        final = self.reports_dir / f"{name}.html"
        os.replace(staged, final)
        (self.reports_dir / FAILED_DIR / f"{name}.ipynb").unlink(missing_ok=True)
        return final, title, hidden

    def record_success(self, name: str, nb: Path, record: dict, key: str, html_path: Path, title: str,
                       duration: float) -> None:
        """Store a successful render in the manifest (written at once)."""
        summary = summaries.read_summary(self.processed_dir, name)
        entry = {
            "notebook": display_path(nb), "title": title, "html": html_path.name, "status": "ok",
            "parameters": self.effective[nb], "inputs": {"raw_dir": self.args.raw_dir, **record},
            "input_hash": key, "output_hash": runstate.file_sha256(html_path),
            "duration_s": round(duration, 2), "rendered_at": now_utc(), "summary": summary,
            "summary_file": (f"{summaries.SUMMARY_DIR}/{name}.json" if summary else None),
        }
        self.save_entries({name: entry})

    def record_failure(self, name: str, executed: Path, message: str) -> None:
        """Keep the failed executed notebook, report the failure, and mark it in the manifest."""
        kept = self.reports_dir / FAILED_DIR / f"{name}.ipynb"
        if executed.is_file():
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.replace(executed, kept)
        print(f"FAILED {message}", file=sys.stderr, flush=True)
        if kept.is_file():
            print(f"    executed notebook kept for debugging: {display_path(kept)}", file=sys.stderr, flush=True)
        old = (self.reports_dir / f"{name}.html").is_file()
        print(f"    {'the previous report was left in place' if old else 'no report was published'}",
              file=sys.stderr, flush=True)
        self.save_entries({name: {**(self.manifest["reports"].get(name) or {}), "status": "failed",
                                  "error": message.splitlines()[0], "failed_at": now_utc(),
                                  "failed_notebook": display_path(kept) if kept.is_file() else None}})

    def record_not_run(self, names: list[str]) -> None:
        """Mark reports left out because an earlier one failed: their pages are kept but no longer current."""
        self.save_entries({name: {**(self.manifest["reports"].get(name) or {}), "status": "not_run",
                                  "not_run_at": now_utc()} for name in names})

    def save_entries(self, entries: dict[str, dict]) -> None:
        """Put report entries into the manifest and write it (under a lock: reports of a wave finish together)."""
        with self.manifest_lock:
            self.manifest["reports"].update(entries)
            runstate.save_manifest(self.reports_dir, self.manifest)

    def write_index(self) -> None:
        """Rewrite index.html from the manifest (only when its content changes)."""
        names = [nb.stem for nb in self.all_notebooks]
        page = index_page.index_html(names, self.manifest["reports"], self.reports_dir)
        index = self.reports_dir / "index.html"
        if not index.is_file() or index.read_text(encoding="utf-8") != page:
            runstate.write_atomic(index, page)


def main(argv: list[str] | None = None, notebooks_dir: Path | None = None) -> int:
    """Entry point; returns the process exit code (0 ok or skipped, 1 a report failed, 2 bad input, 75 locked)."""
    args = build_parser().parse_args(argv)
    os.environ.update(KERNEL_ENV)
    skip_slow_optional_imports()
    started = time.monotonic()
    try:
        run = Run(args, Path(notebooks_dir or args.notebooks_dir or paths.NOTEBOOKS))
    except (UsageError, nbparams.ParameterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        code = run.execute()
    except runstate.LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    say(f"{'done' if code == 0 else 'finished with a failure'} in {time.monotonic() - started:.1f} s; "
        f"index: {display_path(run.reports_dir / 'index.html')}")
    return code


if __name__ == "__main__":
    sys.exit(main())
