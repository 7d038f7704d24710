"""Deterministic matplotlib output: inline PNGs for reports and figure files with their data."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from src import paths

DPI = 100
# PNG "Software" metadata is the only text chunk matplotlib writes; drop it so bytes don't change with upgrades.
PNG_METADATA = {"Software": None}
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def configure_matplotlib() -> None:
    """Fixed rcParams (dpi, fonts, svg hash salt) and PNG-only inline output; Agg outside a kernel."""
    import matplotlib

    if not in_kernel():
        matplotlib.use("Agg")
    matplotlib.rcParams.update({
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "figure.figsize": (8, 4.5),
        "font.family": "DejaVu Sans",
        "svg.hashsalt": "indonews",
        "path.simplify": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    if in_kernel():
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", metadata=PNG_METADATA)


def in_kernel() -> bool:
    """Whether we run inside an IPython kernel (a notebook), not a plain interpreter."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def checked_name(name: str) -> str:
    """A figure name usable as a file stem, or a ValueError naming the problem."""
    if not isinstance(name, str) or not SAFE_NAME.match(name):
        raise ValueError(f"figure name {name!r}: use letters, digits, '_', '-', '.' only")
    return name


def save_figure(fig, data: pd.DataFrame, processed_dir: str | Path, name: str) -> Path:
    """Write <processed_dir>/figures/<name>.png and <name>.csv (the data behind it); return the PNG path."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"save_figure({name!r}): data must be the DataFrame behind the figure")
    out = paths.resolve(processed_dir) / "figures"
    out.mkdir(parents=True, exist_ok=True)
    png = out / f"{checked_name(name)}.png"
    fig.savefig(png, dpi=DPI, metadata=PNG_METADATA, bbox_inches="tight")
    data.to_csv(out / f"{name}.csv", index=not isinstance(data.index, pd.RangeIndex))
    return png
