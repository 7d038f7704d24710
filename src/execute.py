"""Execute one parameterized notebook with papermill on the project's own kernel."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

KERNEL_NAME = "python3"  # jupyter_client runs the "python" argv of this spec as sys.executable (.venv)


@dataclass
class NotebookFailed(Exception):
    """A notebook raised (or its kernel died) while executing."""

    notebook: Path
    executed: Path
    cell_index: int | None
    execution_count: int | None
    error: str
    cell_first_line: str = ""

    def __str__(self) -> str:
        where = ("an unknown cell" if self.cell_index is None else
                 f"cell {self.cell_index} (execution count {self.execution_count})")
        line = f"\n    cell starts: {self.cell_first_line}" if self.cell_first_line else ""
        return f"{self.notebook.name} failed in {where}: {self.error}{line}"


def failing_cell(executed: Path) -> tuple[int | None, int | None, str]:
    """(index, execution count, first source line) of the first cell with an error output."""
    try:
        nb = json.loads(executed.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, None, ""
    for i, cell in enumerate(nb.get("cells", [])):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            first = next((ln.strip() for ln in src.splitlines() if ln.strip()), "")
            return i, cell.get("execution_count"), first
    return None, None, ""


def execute_notebook(notebook: Path, executed: Path, parameters: dict, cwd: Path, progress: bool = True) -> None:
    """Run `notebook` with `parameters` injected, writing the executed copy to `executed`.

    Raises NotebookFailed (naming the cell and the error) if any cell raises or the kernel dies.
    """
    import papermill as pm

    try:
        pm.execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name=KERNEL_NAME,
            cwd=str(cwd), progress_bar=progress, log_output=False, request_save_on_cell_execute=False,
        )
    except pm.PapermillExecutionError as exc:
        index, count, first = failing_cell(executed)
        raise NotebookFailed(notebook, executed, index, count, f"{exc.ename}: {exc.evalue}", first) from None
    except Exception as exc:  # kernel death, timeouts, unreadable notebook: still a named failure
        index, count, first = failing_cell(executed)
        raise NotebookFailed(notebook, executed, index, count, f"{type(exc).__name__}: {exc}", first) from exc
