"""Traces, cases and their drawings -> a static HTML report: an index, a page per case
and a page per claim.

The pages open from disk, travel as a folder and publish as static files: links between
them are relative, and everything a page needs is inside it (the Graphviz SVGs inline,
one stylesheet and one script inline, allowed by their hashes in a strict
Content-Security-Policy). Templates (Jinja2, autoescaped) see only the view-model
dataclasses prepared here, never the graph or the YAML, and every string from a case
file reaches the page escaped. The output depends on the input alone: no timestamps,
and every list in a fixed order.

The modules, in the order a page is made: `views` (the view-model dataclasses),
`paths` (where each page lives, and links between them), `rows` (a claim or a case at
a glance), `chain` (a claim's chain table), `pages` (whole pages), `inline` (the
drawings placed in a page) and `environment` (Jinja2 and the security policy). This
module renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from provenance.render.html.chain import source_links, source_rows
from provenance.render.html.environment import assets, render_page
from provenance.render.html.inline import fill_svg_slots, inline_svg
from provenance.render.html.pages import case_page, claim_page, index_entry, index_page
from provenance.render.html.paths import INDEX_PAGE, case_page_path, claim_page_path, relative_href
from provenance.render.html.rows import claim_row
from provenance.render.html.views import INDEX_ENTRY, CaseReport, IndexEntry
from provenance.render.unbuilt import UnbuiltCase
from provenance.timeline import appearance_days

__all__ = [
    "INDEX_ENTRY",
    "INDEX_PAGE",
    "CaseReport",
    "IndexEntry",
    "assets",
    "case_page_path",
    "claim_page_path",
    "claim_row",
    "fill_svg_slots",
    "index_entry",
    "inline_svg",
    "relative_href",
    "render_case_pages",
    "render_index",
    "render_report",
    "source_links",
    "source_rows",
]


def render_case_pages(report: CaseReport, as_of: date | None = None) -> dict[str, bytes]:
    """A case's page and its claims' pages, by path inside the report folder, with
    slots where the drawings go (`fill_svg_slots`)."""
    pages = {case_page_path(report.case.id): render_page("case.html", case_page(report, as_of))}
    days = appearance_days(report.case)
    for trace in report.traces:
        path = claim_page_path(report.case.id, trace.claim.id)
        pages[path] = render_page("claim.html", claim_page(report, trace, days, as_of))
    return pages


def render_index(
    entries: Sequence[IndexEntry],
    as_of: date | None = None,
    unbuilt: Sequence[UnbuiltCase] = (),
) -> bytes:
    return render_page("index.html", index_page(entries, as_of, unbuilt))


def render_report(reports: Sequence[CaseReport], *, as_of: date | None = None) -> dict[str, bytes]:
    """Every page of the report, by path inside the report folder (`/`-separated), with
    each case's drawings (`CaseReport.drawings`) inlined."""
    pages = {INDEX_PAGE: render_index([index_entry(report) for report in reports], as_of)}
    for report in reports:
        for path, page in render_case_pages(report, as_of).items():
            pages[path] = fill_svg_slots(page, report.drawings)
    return pages
