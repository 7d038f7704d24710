"""Published HTML: offline, no code, embedded images, escaped article text, footer, index, normalisation."""
from __future__ import annotations

import html
import re
import subprocess
from importlib import metadata

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from src import display, helpers, paths, publish, summaries
from fixtures.render.support import GOOD, RAW, SCRIPT_TEXT, html_problems, render_fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The fixture report rendered once into a temporary reports directory."""
    tmp = tmp_path_factory.mktemp("published")
    assert render_fixture(tmp) == 0
    return tmp / "reports"


@pytest.fixture(scope="module")
def page(rendered):
    """The fixture report's HTML."""
    return (rendered / "01_fixture.html").read_text(encoding="utf-8")


def test_report_passes_all_html_checks(page):
    assert html_problems(page) == []


def test_code_is_not_shown(page):
    nb = nbformat.read(GOOD / "01_fixture.ipynb", as_version=4)
    sources = [line for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines()]
    soup = BeautifulSoup(page, "html.parser")
    soup.find("footer").decompose()  # the footer lists parameter values on purpose
    text = soup.get_text()
    assert "helpers.setup()" in "\n".join(sources)
    assert [s for s in sources if len(s.strip()) > 12 and s.strip() in text] == []


def test_article_text_is_escaped_everywhere(page):
    # show_table, pandas' own repr, show_text and a Markdown output each print the body once
    assert page.count(html.escape(SCRIPT_TEXT, quote=False)) >= 4
    assert SCRIPT_TEXT not in page


def test_figure_is_embedded_png(page):
    imgs = BeautifulSoup(page, "html.parser").find_all("img")
    assert imgs and all(i["src"].startswith("data:image/png;base64,") for i in imgs)


def test_hide_output_tag_hides_output(page):
    assert "SECRET-HIDDEN-OUTPUT" not in page


def test_title_is_first_heading(page):
    assert BeautifulSoup(page, "html.parser").title.string == "Fixture report: which articles are in the raw directory?"


def test_footer_states_inputs_parameters_versions_commit(page):
    footer = BeautifulSoup(page, "html.parser").find("footer").get_text(" ")
    n_files = sum(1 for p in RAW.iterdir() if p.is_file())
    assert f"{n_files} file(s)" in footer
    assert "sha256:" in footer and "max_rows" in footer and "label" in footer
    assert f"pandas {metadata.version('pandas')}" in footer
    commit = re.search(r"git commit\s+(\S+)", footer).group(1)
    known = subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True).returncode == 0
    assert known or (commit == "unknown" and not (paths.ROOT / ".git").exists()), commit


def test_index_lists_report_with_summary_and_status(rendered):
    soup = BeautifulSoup((rendered / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a", href="01_fixture.html")
    assert link and link.get_text() == "Fixture report: which articles are in the raw directory?"
    text = soup.get_text(" ")
    n_files = sum(1 for p in RAW.iterdir() if p.is_file())
    assert f"{n_files} fixture articles listed." in text and f"{n_files} article(s)" in text
    assert "up to date" in text and "longest" in text
    assert html_problems(str(soup)) == []


def test_index_says_not_reported_without_summary(tmp_path):
    from src import index_page

    page = index_page.index_html(["09_x"], {"09_x": {"status": "ok", "title": "X <b>"}}, tmp_path)
    assert "not reported" in page and "X &lt;b&gt;" in page and "not rendered" not in page


def test_normalise_makes_styler_ids_and_addresses_stable():
    df = pd.DataFrame({"a": [1, 2]})
    outputs = [df.style.highlight_max()._repr_html_() + "<object at 0x7f3a2b1c9d80>" for _ in range(2)]
    assert outputs[0] != outputs[1]  # pandas really does randomise the ids
    nbs = [new_notebook(cells=[new_code_cell("x", outputs=[new_output("display_data", {"text/html": o})])])
           for o in outputs]
    for nb in nbs:
        publish.normalise_notebook(nb)
    assert nbs[0].cells[0].outputs[0].data["text/html"] == nbs[1].cells[0].outputs[0].data["text/html"]


def test_normalise_drops_volatile_metadata_stderr_and_hidden_outputs():
    cells = [new_markdown_cell("# T"),
             new_code_cell("a", outputs=[new_output("stream", name="stderr", text="warn")]),
             new_code_cell("b", outputs=[new_output("stream", name="stdout", text="keep")]),
             new_code_cell("c", outputs=[new_output("stream", name="stdout", text="hidden")])]
    cells[2].metadata["papermill"] = {"duration": 1.5}
    cells[3].metadata["tags"] = ["hide-output"]
    nb = new_notebook(cells=cells)
    nb.metadata["papermill"] = {"start_time": "now"}
    assert publish.normalise_notebook(nb) == 1
    assert [c.source for c in nb.cells] == ["# T", "b"]
    assert "papermill" not in nb.metadata and "papermill" not in nb.cells[1].metadata
    assert [c.id for c in nb.cells] == ["cell-0", "cell-1"]


def test_markdown_outputs_cannot_inject_html_but_keep_code_spans():
    out = publish.neutralise_markdown_html("**<script>x</script>** and `a<b`")
    assert out == "**&lt;script>x&lt;/script>** and `a<b`"


def test_report_title_falls_back_to_name():
    assert publish.report_title(new_notebook(cells=[new_markdown_cell("no heading")]), "07_x") == "07_x"
    assert publish.report_title(new_notebook(cells=[new_markdown_cell("intro\n## **Who** speaks?")]), "x") == "Who speaks?"


def test_show_table_escapes_every_cell_and_has_no_random_ids():
    df = pd.DataFrame({"<th>": [SCRIPT_TEXT], "n": [1.23456]}, index=pd.Index(["<i>"], name="id"))
    out = helpers.show_table(df, caption="<b>cap</b>").data
    assert "<script>" not in out and "<i>" not in out and "<b>" not in out and "<th>&lt;th&gt;" in out
    assert out == helpers.show_table(df, caption="<b>cap</b>").data
    assert 'class="table-scroll"' in out and "1.235" in out


def test_show_table_truncates_and_says_so():
    out = display.table_html(pd.DataFrame({"a": range(50)}), max_rows=5)
    assert out.count("<tr>") == 6 and "Showing 5 of 50 rows" in out


def test_show_text_escapes_and_splits_paragraphs():
    out = helpers.show_text("a <b>\nsecond & third").data
    assert out.count("<p>") == 2 and "&lt;b&gt;" in out and "&amp;" in out


def test_save_figure_writes_png_and_csv(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2])
    data = pd.DataFrame({"x": [1, 2]})
    png = helpers.save_figure(fig, data, tmp_path, "chart")
    assert png == tmp_path / "figures" / "chart.png" and png.read_bytes()[:4] == b"\x89PNG"
    assert pd.read_csv(tmp_path / "figures" / "chart.csv").equals(data)
    with pytest.raises(ValueError):
        helpers.save_figure(fig, data, tmp_path, "../escape")
    plt.close(fig)


def test_publish_summary_round_trip_and_validation(tmp_path):
    path = helpers.publish_summary(tmp_path, "02_x", "One line.", 5, ("2023-01-01", None), {"pairs": 3})
    assert path == tmp_path / "summaries" / "02_x.json"
    got = summaries.read_summary(tmp_path, "02_x")
    assert got["articles"] == 5 and got["date_range"] == ["2023-01-01", None] and got["headline"] == {"pairs": 3}
    with pytest.raises(ValueError):
        helpers.publish_summary(tmp_path, "02_x", "two\nlines", 5, None)
    with pytest.raises(TypeError):
        helpers.publish_summary(tmp_path, "02_x", "ok", "5", None)
