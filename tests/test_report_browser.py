"""The #WalkAway report in a real browser: headless Chromium opens it from disk.

It follows the index to a claim page, clicks a node and a row, moves the date control,
and checks that no request leaves the page (everything is file://) and that the page
logs no error (a Content-Security-Policy violation is logged as one). Screenshots are
kept in tests/artifacts/. tests/browser.py has the browser; test_report_screens.py
measures the pages at three widths.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import ARTIFACTS, Browser, browsing, built_report

pytestmark = pytest.mark.slow  # a real browser on a real build (it checks for Graphviz itself)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_report(tmp_path_factory)


@pytest.fixture
def browser(report: Path, tmp_path: Path) -> Iterator[Browser]:
    with browsing(tmp_path / "profile") as seen:
        yield seen


def test_a_reader_follows_the_index_to_a_claim_and_clicks_a_node(
    report: Path, browser: Browser
) -> None:
    page = browser.page()
    page.goto((report / "index.html").as_uri())
    assert page.title() == "Claim provenance report · provenance"
    page.click("a[href='walkaway/claims/bots-drive-walkaway.html']")
    page.wait_for_url("**/walkaway/claims/bots-drive-walkaway.html")
    assert page.locator("#chain-table tbody tr").count() == 11

    page.click("#source-salon-cesca")
    assert page.locator("tr.selected").evaluate_all("rows => rows.map(row => row.id)") == [
        "row-salon-cesca"
    ]
    on_path = page.locator("tr.on-path").evaluate_all("rows => rows.map(row => row.id)")
    assert {"row-huffpost-papenfuss", "row-arc-digital"} <= set(on_path)
    assert "selected" in (page.get_attribute("#source-salon-cesca", "class") or "")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-claim-selected.png"), full_page=True)

    page.click("#row-digby-bots-back td.date")
    assert "selected" in (page.get_attribute("#source-digby-bots-back", "class") or "")
    assert "on-path" in (
        page.get_attribute("#citation-salon-cesca-digby-bots-back-quotes", "class") or ""
    )
    assert len(browser.context.pages) == 1  # a first click on a node selects it and opens nothing
    browser.assert_offline()


def test_the_date_control_dims_what_came_later(report: Path, browser: Browser) -> None:
    page = browser.page()
    page.goto((report / "walkaway" / "claims" / "bots-drive-walkaway.html").as_uri())
    page.locator("#as-of-range").fill("0")  # 2018-07-08, the first dated day
    # HuffPost, and the 9 sources the record does not date: those are never hidden,
    # since nothing in the record says when they appeared.
    assert page.text_content("#as-of-label") == "2018-07-08: 10 of 11 sources"
    assert "later" in (page.get_attribute("#row-salon-cesca", "class") or "")
    assert "later" in (page.get_attribute("#source-salon-cesca", "class") or "")
    assert "later" not in (page.get_attribute("#row-huffpost-papenfuss", "class") or "")
    page.screenshot(path=str(ARTIFACTS / "report-claim-as-of.png"))
    browser.assert_offline()


def test_the_index_filters_and_sorts(report: Path, browser: Browser) -> None:
    page = browser.page()
    page.goto((report / "index.html").as_uri())
    page.select_option(".filter-code", "escalation")
    visible = page.locator("#claims-table tbody tr:not([hidden]) td.claim a")
    assert sorted(visible.all_text_contents()) == ["bots-drive-walkaway", "sofialimited-bot"]
    page.select_option(".filter-code", "")
    page.fill(".filter-text", "hamilton")
    assert visible.all_text_contents() == ["hamilton68-rank"]
    page.fill(".filter-text", "")
    page.click("#claims-table th:has-text('Sources') button")
    page.click("#claims-table th:has-text('Sources') button")  # descending
    assert visible.first.text_content() == "bots-drive-walkaway"
    page.screenshot(path=str(ARTIFACTS / "report-index.png"), full_page=True)
    page.goto((report / "walkaway" / "index.html").as_uri())
    page.screenshot(path=str(ARTIFACTS / "report-case.png"), full_page=True)
    browser.assert_offline()
