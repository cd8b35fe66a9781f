"""The #WalkAway report in a real browser: headless Chromium opens it from disk.

It follows the index to a claim page, clicks a node and a row, moves the date control,
and checks that no request leaves the page (everything is file://) and that the page
logs no error (a Content-Security-Policy violation is logged as one). Screenshots are
kept in tests/artifacts/.

Debian's `chromium` package is used, never a browser Playwright downloads. Without it
the test is skipped, unless PROVENANCE_REQUIRE_BROWSER is set (CI sets it), when a
missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import TESTS, WALKAWAY

from provenance.build import build

if TYPE_CHECKING:  # playwright is imported only where the browser runs
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, WebError

pytestmark = pytest.mark.slow  # a real browser on a real build (it checks for Graphviz itself)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = TESTS / "artifacts"
REQUIRED = bool(os.environ.get("PROVENANCE_REQUIRE_BROWSER"))


def _missing() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: run scripts/ensure-chromium (or `make test`)"
    if shutil.which("dot") is None:
        return "Graphviz is missing: run scripts/ensure-graphviz (or `make test`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -e '.[dev]'"
    return None


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = _missing()
    if reason and REQUIRED:
        pytest.fail(f"PROVENANCE_REQUIRE_BROWSER is set but {reason}")
    if reason:
        pytest.skip(reason)
    output = tmp_path_factory.mktemp("report")
    assert build([WALKAWAY], output).built
    return output


@dataclass
class Browser:
    """A browser profile, and what it saw: every request's address, every error logged."""

    context: BrowserContext
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def record_error(self, error: WebError) -> None:
        self.errors.append(str(error.error))

    def record_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def browser(report: Path, tmp_path: Path) -> Iterator[Browser]:
    """A fresh Chromium profile whose every request is recorded; any that is not for
    a file is recorded and refused, so a failing test never reaches the network."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1440, "height": 900},
        )
        seen = Browser(context)
        context.on("request", seen.record_request)
        context.route("http*://**", lambda route: route.abort())
        context.on("weberror", seen.record_error)
        context.set_default_timeout(10_000)
        try:
            yield seen
        finally:
            context.close()


def _page(browser: Browser) -> Page:
    page = browser.context.pages[0]  # the blank page a persistent context opens with
    page.on("console", browser.record_console)
    return page


def test_a_reader_follows_the_index_to_a_claim_and_clicks_a_node(
    report: Path, browser: Browser
) -> None:
    page = _page(browser)
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
    _assert_offline(browser)


def test_the_date_control_dims_what_came_later(report: Path, browser: Browser) -> None:
    page = _page(browser)
    page.goto((report / "walkaway" / "claims" / "bots-drive-walkaway.html").as_uri())
    page.locator("#as-of-range").fill("0")  # 2018-07-08, the first dated day
    # HuffPost, and the 9 sources the record does not date: those are never hidden,
    # since nothing in the record says when they appeared.
    assert page.text_content("#as-of-label") == "2018-07-08: 10 of 11 sources"
    assert "later" in (page.get_attribute("#row-salon-cesca", "class") or "")
    assert "later" in (page.get_attribute("#source-salon-cesca", "class") or "")
    assert "later" not in (page.get_attribute("#row-huffpost-papenfuss", "class") or "")
    page.screenshot(path=str(ARTIFACTS / "report-claim-as-of.png"))
    _assert_offline(browser)


def test_the_index_filters_and_sorts(report: Path, browser: Browser) -> None:
    page = _page(browser)
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
    _assert_offline(browser)


def _assert_offline(browser: Browser) -> None:
    assert browser.requests, "no request was recorded at all"
    leaving = [url for url in browser.requests if not url.startswith("file://")]
    assert not leaving, f"requests left the page: {leaving}"
    assert not browser.errors, browser.errors
