"""Where each page of the report lives, and the relative links between them, so that
the folder works from disk and wherever it is moved.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from provenance.render.html.views import Link

INDEX_PAGE = "index.html"


def case_page_path(case_id: str) -> str:
    return f"{case_id}/{INDEX_PAGE}"


def claim_page_path(case_id: str, claim_id: str) -> str:
    return f"{case_id}/claims/{claim_id}.html"


def relative_href(target: str, page: str) -> str:
    """A link from one page of the report to another file of it, relative so that the
    folder works from disk and wherever it is moved; escaped as a URL path."""
    return quote(posixpath.relpath(target, posixpath.dirname(page) or "."))


def crumbs(page: str, *parents: tuple[str, str]) -> tuple[Link, ...]:
    trail = (("All cases", INDEX_PAGE), *parents)
    return tuple(Link(text, relative_href(target, page)) for text, target in trail)
