"""Run state for scheduled renders: input hashing, the manifest, the skip decision and the lock."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from src import paths

MANIFEST = "manifest.json"
LOCK_NAME = ".render.lock"
# What a report's code depends on besides its notebook: the project code and its data files.
CODE_GLOBS = (("src", "**/*.py"), ("data/lexicon", "**/*"), ("data/gold", "**/*"))


class LockBusy(RuntimeError):
    """Another render holds the lock."""


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def files_digest(root: Path, files: list[Path]) -> str:
    """One SHA-256 over (relative path, content hash) of each file, in sorted order."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + file_sha256(f).encode() + b"\n")
    return h.hexdigest()


def tree_files(root: Path, pattern: str = "**/*") -> list[Path]:
    """Regular files under root matching pattern, skipping caches and hidden lock files."""
    if not root.is_dir():
        return []
    return [p for p in root.glob(pattern)
            if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")]


def raw_inputs(raw_dir: str | Path) -> dict:
    """File count and content hash of the raw directory (an error if it does not exist)."""
    root = paths.resolve(raw_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"raw directory {root} does not exist")
    files = tree_files(root)
    return {"files": len(files), "sha256": files_digest(root, files)}


def code_digest(root: Path = paths.ROOT) -> str:
    """Hash of the code and data files every report depends on (src/**/*.py, lexicon, gold)."""
    files = [f for base, pattern in CODE_GLOBS for f in tree_files(root / base, pattern)]
    return files_digest(root, files)


def canonical_json(value: object) -> str:
    """Stable JSON text (sorted keys) used for hashing parameters and records."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def input_key(record: dict) -> str:
    """The single hash a report's skip decision compares."""
    return hashlib.sha256(canonical_json(record).encode()).hexdigest()


def load_manifest(reports_dir: Path) -> dict:
    """The manifest of a reports directory ({"reports": {}} when absent or unreadable)."""
    try:
        data = json.loads((reports_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"reports": {}}
    return data if isinstance(data.get("reports"), dict) else {"reports": {}}


def write_atomic(path: Path, text: str) -> None:
    """Write text to path through a temporary file in the same directory and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; published files must be readable
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def current_umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def save_manifest(reports_dir: Path, manifest: dict) -> None:
    """Write the manifest atomically."""
    write_atomic(reports_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def unchanged(entry: dict | None, key: str, reports_dir: Path, processed_dir: Path) -> bool:
    """Whether the last successful render had these inputs and its outputs are still intact."""
    if not entry or entry.get("status") != "ok" or entry.get("input_hash") != key:
        return False
    html = reports_dir / entry.get("html", "")
    if not html.is_file() or file_sha256(html) != entry.get("output_hash"):
        return False
    summary = entry.get("summary_file")
    return summary is None or (processed_dir / summary).is_file()


@contextmanager
def render_lock(dirs: list[Path], timeout: float, on_wait=None):
    """Hold a file lock in each directory (sorted order); LockBusy if one stays taken for `timeout` s."""
    from filelock import FileLock, Timeout

    locks = []
    try:
        for d in sorted({p.resolve() for p in dirs}):
            d.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(d / LOCK_NAME))
            try:
                try:
                    lock.acquire(timeout=0)
                except Timeout:
                    if on_wait:
                        on_wait(d / LOCK_NAME)
                    lock.acquire(timeout=timeout)
            except Timeout:
                raise LockBusy(f"another render is running (lock {d / LOCK_NAME} held for more than "
                               f"{timeout:g} s); try again later or raise --lock-timeout") from None
            locks.append(lock)
        yield
    finally:
        for lock in reversed(locks):
            lock.release()


def git_commit(root: Path = paths.ROOT) -> str:
    """The checked-out git commit of the project, or 'unknown' outside a git clone."""
    import subprocess

    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"
