"""Real-browser check: Debian chromium (Playwright) opens index.html and every report from disk, offline."""
from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.render.browser import PHONE, chromium, problems, require_chromium, visit, check_site
from fixtures.render.support import SCRIPT_TEXT, render_fixture

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The fixture report and index rendered into a temporary directory."""
    require_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    assert render_fixture(tmp) == 0
    return tmp / "reports"


@pytest.fixture(scope="module")
def browser():
    """One chromium for the module."""
    with chromium() as b:
        yield b


def test_index_and_every_report_load_cleanly(browser, reports):
    result = check_site(browser, reports, prefix="fixture-")
    assert set(result) == {"index.html", "01_fixture.html"}
    assert result == {page: [] for page in result}
    assert visit(browser, reports / "01_fixture.html")["images"], "the fixture figure is missing"


def test_pages_fit_a_phone_width(browser, reports):
    for page in ["index.html", "01_fixture.html"]:
        seen = visit(browser, reports / page, PHONE, screenshot=f"fixture-phone-{Path(page).stem}.png")
        assert problems(seen) == []
        assert seen["overflow"] <= 1, f"{page}: page scrolls sideways by {seen['overflow']} px at phone width"


def test_inline_script_in_article_never_runs(browser, reports):
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((reports / "01_fixture.html").resolve().as_uri(), wait_until="load")
    assert SCRIPT_TEXT in page.inner_text("body")
    assert dialogs == []
    context.close()
