"""Committed notebooks: no outputs, one literal parameters cell, the project kernel; and the real render."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from src import nbparams, paths, render
from fixtures.render.browser import check_site, chromium
from fixtures.render.support import HERE as FIXTURES, html_problems

EXPECTED_REPORTS = ["01_clean", "02_actors", "03_sourcing", "04_validation"]
DIRECTORY_PARAMETERS = {"raw_dir", "processed_dir", "reports_dir"}


def committed_notebooks() -> list[Path]:
    """Every notebook in notebooks/ and the test fixtures."""
    return sorted(paths.NOTEBOOKS.glob("*.ipynb")) + sorted(FIXTURES.rglob("*.ipynb"))


@pytest.mark.parametrize("nb_path", committed_notebooks(), ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count") is not None]
    assert dirty == [], f"{nb_path}: cells {dirty} have outputs or execution counts; clear them before committing"


@pytest.mark.parametrize("nb_path", committed_notebooks(), ids=lambda p: p.name)
def test_notebook_has_literal_parameters_and_project_kernel(nb_path):
    params = nbparams.notebook_parameters(nb_path)
    assert DIRECTORY_PARAMETERS & set(params), f"{nb_path}: no directory parameter ({DIRECTORY_PARAMETERS})"
    kernelspec = json.loads(nb_path.read_text(encoding="utf-8"))["metadata"].get("kernelspec", {})
    assert kernelspec.get("name") == "python3", f"{nb_path}: kernelspec must be 'python3', got {kernelspec}"


@pytest.mark.slow
def test_all_real_notebooks_render_on_the_seeds(tmp_path):
    """THE END-TO-END CHECK: every notebook in notebooks/ renders on data/raw, passes the HTML checks and opens
    cleanly in chromium.

    It fails until the four reports of the design (01_clean .. 04_validation) exist and render.
    """
    present = [p.stem for p in sorted(paths.NOTEBOOKS.glob(render.NOTEBOOK_GLOB))]
    assert present, f"no notebooks in {paths.NOTEBOOKS}"
    missing = [n for n in EXPECTED_REPORTS if n not in present]
    assert not missing, f"expected report notebooks missing from notebooks/: {missing}"
    code = render.main(["--processed-dir", str(tmp_path / "processed"), "--reports-dir", str(tmp_path / "reports")])
    assert code == 0, "rendering the real notebooks failed (see the captured output for the notebook and cell)"
    for name in present:
        page = (tmp_path / "reports" / f"{name}.html").read_text(encoding="utf-8")
        assert html_problems(page) == [], name
        assert "PosixPath(" not in page, f"{name}: a cell's return value (a path) is shown in the report"
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert html_problems(index) == [] and all(f'href="{n}.html"' in index for n in present)
    with chromium() as browser:
        result = check_site(browser, tmp_path / "reports")
    assert set(result) == {"index.html", *(f"{n}.html" for n in present)}
    assert result == {page: [] for page in result}
