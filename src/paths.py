"""Every project path comes from here, so notebooks, scripts and tests agree."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA_RAW = ROOT / "data" / "raw"
DATA_PROCESSED = ROOT / "data" / "processed"
DATA_GOLD = ROOT / "data" / "gold"
LEXICON = ROOT / "data" / "lexicon"
REPORTS = ROOT / "reports"
SHARED = ROOT.parent / "shared"
INDOSUM = SHARED / "corpora" / "indosum" / "articles.jsonl"


def resolve(path: str | Path) -> Path:
    """Resolve a path given relative to the repository root (absolute paths pass through)."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (ROOT / p)
