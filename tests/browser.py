"""Headless Chromium on a built report: the fixtures and helpers the browser tests share.

Debian's `chromium` package is used, never a browser Playwright downloads. Without it
the tests are skipped, unless PROVENANCE_REQUIRE_BROWSER is set (CI sets it), when a
missing browser is a failure. Every request is recorded, and any that is not for a file
is refused, so a failing test never reaches the network. A test that fails keeps a
screenshot of the page it was looking at in tests/artifacts/ (`kept_on_failure`).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import TESTS, WALKAWAY

from provenance.build import build

if TYPE_CHECKING:  # playwright is imported only where the browser runs
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, WebError

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
    "--font-render-hinting=none",
]
ARTIFACTS = TESTS / "artifacts"
REQUIRED = bool(os.environ.get("PROVENANCE_REQUIRE_BROWSER"))


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: run scripts/ensure-chromium (or `make test`)"
    if shutil.which("dot") is None:
        return "Graphviz is missing: run scripts/ensure-graphviz (or `make test`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -e '.[dev]'"
    return None


def built_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen #WalkAway case built with the real Graphviz (or a skip, or a failure
    under PROVENANCE_REQUIRE_BROWSER, when the browser or Graphviz is missing)."""
    reason = missing()
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

    def page(self, width: int = 1440, height: int = 900) -> Page:
        """The profile's page, at a window of `width` by `height` CSS pixels."""
        page = self.context.pages[0]  # the blank page a persistent context opens with
        page.on("console", self.record_console)
        page.set_viewport_size({"width": width, "height": height})
        return page

    def assert_offline(self) -> None:
        """Every request stayed on disk, and nothing logged an error (a Content-Security-
        Policy violation is logged as one)."""
        assert self.requests, "no request was recorded at all"
        leaving = [url for url in self.requests if not url.startswith("file://")]
        assert not leaving, f"requests left the page: {leaving}"
        assert not self.errors, self.errors


@contextmanager
def browsing(profile: Path) -> Iterator[Browser]:
    """A fresh Chromium profile whose every request is recorded; any that is not for a
    file is recorded and refused."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
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


@contextmanager
def kept_on_failure(page: Page, name: str) -> Iterator[None]:
    """A screenshot of the whole page in tests/artifacts/NAME.png if the block fails."""
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{artifact_name(name)}.png"), full_page=True)
        raise


def artifact_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")
