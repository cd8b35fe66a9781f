"""The report on three screens, a phone (400 px wide), a laptop (1400) and a wide
monitor (1900), measured in headless Chromium as a reader would see it.

- Graph labels are drawn at a readable size: font size times the drawing's scale on
  screen, a median of at least 12 px on every claim page and case page.
- Nothing scrolls sideways: a page is never wider than the window; a large drawing
  moves inside its own frame.
- Tables read as stacked cards on a phone.
- The drawings zoom and pan, and the case page's graphs show one claim on request.

A test that fails keeps a screenshot of the page in tests/artifacts/. With
PROVENANCE_UPDATE_SCREENSHOTS=1, `test_the_screenshots_in_the_docs` writes the
screenshots README.md and docs/report.md show into docs/images/ (as the gold files are
rewritten: on request, then read before committing); otherwise it checks they exist.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from browser import Browser, browsing, built_report, kept_on_failure
from conftest import WALKAWAY

from provenance.load import load_case, to_case

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.slow  # a real browser on a real build

WIDTHS = (400, 1400, 1900)
READABLE = 12.0
"""Pixels: the smallest median size of a drawing's labels on screen."""
CLAIMS = sorted(claim.id for claim in to_case(load_case(WALKAWAY)).claims)
PAGES = ("index.html", "walkaway/index.html", *(f"walkaway/claims/{c}.html" for c in CLAIMS))
REPOSITORY = Path(__file__).resolve().parent.parent
IMAGES = REPOSITORY / "docs" / "images"
UPDATE = bool(os.environ.get("PROVENANCE_UPDATE_SCREENSHOTS"))

LABEL_SIZES = """(selector) => Array.from(document.querySelectorAll(selector)).flatMap((text) => {
  if (text.getBoundingClientRect().width === 0) return [];
  const size = parseFloat(text.getAttribute("font-size") || getComputedStyle(text).fontSize);
  const scale = text.getScreenCTM();
  return [{ text: text.textContent, px: size * Math.hypot(scale.a, scale.b) }];
})"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_report(tmp_path_factory)


@pytest.fixture
def browser(report: Path, tmp_path: Path) -> Iterator[Browser]:
    with browsing(tmp_path / "profile") as seen:
        yield seen


def open_page(browser: Browser, report: Path, path: str, width: int) -> Page:
    page = browser.page(width, 900)
    page.goto((report / path).as_uri())
    return page


def labels(page: Page, selector: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(LABEL_SIZES, selector)
    return found


# --- labels at a readable size ----------------------------------------------------------


@pytest.mark.parametrize("width", [1400, 1900])
@pytest.mark.parametrize("claim", CLAIMS)
def test_claim_graph_labels_are_readable(
    report: Path, browser: Browser, claim: str, width: int
) -> None:
    page = open_page(browser, report, f"walkaway/claims/{claim}.html", width)
    with kept_on_failure(page, f"labels-{claim}-{width}"):
        sizes = labels(page, "#claim-graph .graph-view svg text")
        assert len(sizes) > 5
        median = statistics.median(label["px"] for label in sizes)
        assert median >= READABLE, f"labels drawn at a median of {median:.1f} px"
        # Names wrap rather than being cut (the walkaway's own titles hold no ellipsis
        # at the end of a line).
        cut = [label["text"] for label in sizes if label["text"].endswith("…")]
        assert not cut
        key = labels(page, "#claim-graph .graph-key svg text")
        assert any("each arrow runs from a source" in label["text"] for label in key)
    browser.assert_offline()


@pytest.mark.parametrize("width", [1400, 1900])
def test_case_graph_labels_are_readable(report: Path, browser: Browser, width: int) -> None:
    page = open_page(browser, report, "walkaway/index.html", width)
    with kept_on_failure(page, f"labels-case-{width}"):
        for graph in ("#overview-graph", "#outlets-graph"):
            sizes = [label["px"] for label in labels(page, f"{graph} .graph-view svg text")]
            assert statistics.median(sizes) >= READABLE, graph
            assert min(sizes) >= 0.9 * READABLE, graph  # none tiny: no 4 px labels any more
    browser.assert_offline()


# --- nothing scrolls sideways -----------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(report: Path, browser: Browser, width: int) -> None:
    for path in PAGES:
        page = open_page(browser, report, path, width)
        with kept_on_failure(page, f"overflow-{path}-{width}"):
            wide = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert wide <= 0, f"{path} is {wide} px wider than a {width} px window"
            # A drawing wider than its frame moves inside the frame instead.
            frames = page.evaluate(
                """() => Array.from(document.querySelectorAll('.graph-view')).map(
                     (view) => view.getBoundingClientRect().right)"""
            )
            assert all(right <= width for right in frames)
    browser.assert_offline()


def test_tables_read_as_cards_on_a_phone(report: Path, browser: Browser) -> None:
    page = open_page(browser, report, "walkaway/claims/bots-drive-walkaway.html", 400)
    with kept_on_failure(page, "cards-400"):
        rows = page.evaluate(
            """() => Array.from(document.querySelectorAll('#chain-table tbody tr')).map((row) => ({
                 display: getComputedStyle(row).display,
                 right: row.getBoundingClientRect().right,
                 tops: Array.from(row.cells).map((cell) => cell.getBoundingClientRect().top),
                 label: getComputedStyle(row.cells[0], '::before').content }))"""
        )
        assert len(rows) == 11
        for row in rows:
            assert row["display"] == "block"
            assert row["right"] <= 400
            assert row["tops"] == sorted(row["tops"])  # cells one under another
            assert len(set(row["tops"])) == len(row["tops"])
            assert row["label"] == '"Date"'  # each cell under its name
        header = page.locator("#chain-table thead").bounding_box()
        assert header is not None
        assert header["height"] <= 1  # the column names are read out, not shown
    page = open_page(browser, report, "index.html", 400)
    with kept_on_failure(page, "cards-index-400"):
        display = page.evaluate(
            "() => getComputedStyle(document.querySelector('#claims-table tbody tr')).display"
        )
        assert display == "block"
    browser.assert_offline()


# --- zooming, panning and filtering -----------------------------------------------------


def drawing_width(page: Page, graph: str) -> float:
    width: float = page.evaluate(
        f"() => document.querySelector('{graph} .graph-view svg').getBoundingClientRect().width"
    )
    return width


@pytest.mark.parametrize("width", WIDTHS)
def test_the_claim_graph_zooms_and_pans(report: Path, browser: Browser, width: int) -> None:
    page = open_page(browser, report, "walkaway/claims/bots-drive-walkaway.html", width)
    graph = "#claim-graph"
    with kept_on_failure(page, f"zoom-{width}"):
        actual = drawing_width(page, graph)
        page.click(f"{graph} .zoom-in")
        assert drawing_width(page, graph) == pytest.approx(actual * 1.25, rel=0.01)
        assert page.text_content(f"{graph} .zoom-level") == "125%"
        page.click(f"{graph} .zoom-fit")
        frame = page.evaluate(f"() => document.querySelector('{graph} .graph-view').clientWidth")
        assert drawing_width(page, graph) <= frame + 1
        page.click(f"{graph} .zoom-actual")
        assert drawing_width(page, graph) == pytest.approx(actual, rel=0.01)
        # Dragging moves the drawing inside its frame, and selects nothing.
        page.evaluate(f"() => document.querySelector('{graph} .graph-view').scrollIntoView()")
        box = page.locator(f"{graph} .graph-view").bounding_box()
        assert box is not None
        before = page.evaluate(f"() => document.querySelector('{graph} .graph-view').scrollTop")
        x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"], 800) / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x, y - 120, steps=5)
        page.mouse.up()
        after = page.evaluate(f"() => document.querySelector('{graph} .graph-view').scrollTop")
        assert after > before
        assert page.locator("tr.selected").count() == 0
    browser.assert_offline()


def test_the_case_graphs_show_one_claim(report: Path, browser: Browser) -> None:
    page = open_page(browser, report, "walkaway/index.html", 1400)
    with kept_on_failure(page, "filter-1400"):
        page.select_option(".filter-claim", "hamilton68-rank")
        shown = page.locator("#overview-graph g.node.in-claim").evaluate_all(
            "nodes => nodes.map(node => node.id).sort()"
        )
        assert shown == sorted(
            f"source-{source}"
            for source in (
                "dailydot-gilmour",
                "digby-bots-back",
                "hamilton68",
                "huffpost-papenfuss",
                "levesque-russian-ops",
                "liberty-nation-charles",
                "progressive-outlets-claim",
                "salon-cesca",
            )
        )
        assert page.locator("#outlets-graph g.node.in-claim").count() == 8
        brand24 = "document.querySelector('#overview-graph #source-brand24')"
        faded = page.evaluate(f"() => getComputedStyle({brand24}).opacity")
        assert float(faded) < 0.5
        assert page.get_attribute(".filter-page", "href") == "claims/hamilton68-rank.html"
        page.select_option(".filter-claim", "")
        assert page.locator("#overview-graph .in-claim").count() == 0
    browser.assert_offline()


# --- the screenshots in the docs --------------------------------------------------------


SHOTS: dict[str, tuple[str, int, int, str, dict[str, str]]] = {
    # name: (page, width, height, what to scroll to the top, a claim to show in the filter)
    "index.png": ("index.html", 1400, 820, "", {}),
    "claim-page.png": ("walkaway/claims/bots-drive-walkaway.html", 1400, 900, ".spread", {}),
    "claim-page-wide.png": (
        "walkaway/claims/bots-drive-walkaway.html",
        1900,
        1000,
        ".spread",
        {},
    ),
    "claim-page-phone.png": (
        "walkaway/claims/bots-drive-walkaway.html",
        400,
        860,
        "#chain-table",
        {},
    ),
    "case-graphs.png": (
        "walkaway/index.html",
        1400,
        900,
        ".case-graphs",
        {"claim": "hamilton68-rank"},
    ),
}
STANDALONE = ("claim-graph.png", "walkaway/claims/bots-drive-walkaway.svg")


def test_the_screenshots_in_the_docs(report: Path, browser: Browser) -> None:
    """The screenshots README.md and docs/report.md show, of the frozen case's report:
    written with PROVENANCE_UPDATE_SCREENSHOTS=1, else only checked to be there and
    shown."""
    docs = (REPOSITORY / "README.md").read_text() + (REPOSITORY / "docs/report.md").read_text()
    names = [*SHOTS, STANDALONE[0]]
    for name in names:
        assert f"images/{name}" in docs, f"no page shows docs/images/{name}"
    if not UPDATE:
        missing = [name for name in names if not (IMAGES / name).is_file()]
        assert not missing, (
            "run PROVENANCE_UPDATE_SCREENSHOTS=1 pytest tests/test_report_screens.py"
        )
        return
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, (path, width, height, top, choices) in SHOTS.items():
        page = browser.page(width, height)
        page.goto((report / path).as_uri())
        if "claim" in choices:
            page.select_option(".filter-claim", choices["claim"])
        if top:
            page.evaluate(f"() => document.querySelector('{top}').scrollIntoView()")
        page.screenshot(path=str(IMAGES / name), animations="disabled", caret="hide")
    name, path = STANDALONE
    page = browser.page(1200, 900)
    page.goto((report / path).as_uri())
    size = page.evaluate(
        "() => [document.documentElement.width.baseVal.value,"
        " document.documentElement.height.baseVal.value].map(Math.ceil)"
    )
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.screenshot(path=str(IMAGES / name), animations="disabled")
    browser.assert_offline()
