"""A claim or a case at a glance: one row of the index's and a case page's tables, and
the small conversions they share (dates, warning badges).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from provenance.codes import Code
from provenance.model import Case, PublicationDate, Source
from provenance.render.common import chain_text
from provenance.render.html.paths import case_page_path, claim_page_path, relative_href
from provenance.render.html.views import Badge, CaseReport, CaseRow, ClaimRow, DateCell
from provenance.traced import Trace

WARNING_ORDER = (
    Code.SINGLE_ORIGIN,
    Code.NO_ORIGIN,
    Code.UNGROUNDED,
    Code.CIRCULAR,
    Code.TEMPORAL,
    Code.ESCALATION,
    Code.RETRACTED,
    Code.CORRECTED,
)
# --- small conversions ---------------------------------------------------------------


def date_cell(published: PublicationDate | None) -> DateCell:
    if published is None:
        return DateCell("date unknown", "")
    return DateCell(published.label, published.earliest.isoformat())


def _date_span(sources: Iterable[Source]) -> tuple[DateCell, DateCell]:
    dated = sorted(
        (source.published for source in sources if source.published is not None),
        key=lambda published: (published.earliest, published.text),
    )
    if not dated:
        return DateCell("—", ""), DateCell("—", "")
    return date_cell(dated[0]), date_cell(dated[-1])


def _seen_span(trace: Trace) -> tuple[DateCell, DateCell]:
    """The claim's first and last appearance: the own dates (firm or approximate) of the
    sources that carry it. An undated source says nothing about when; one that only
    disputes the claim is no appearance of it."""
    dated = sorted(
        (item.first_seen for item in trace.sources if item.carries and item.first_seen),
        key=lambda seen: (seen.earliest, seen.text),
    )
    if not dated:
        return DateCell("—", ""), DateCell("—", "")
    return date_cell(dated[0]), date_cell(dated[-1])


def _outlet_count(sources: Iterable[Source]) -> int:
    """Outlets, counting a source without one as its own."""
    return len({source.outlet or f"source:{source.id}" for source in sources})


def _warning_rank(code: str) -> tuple[int, str]:
    return (WARNING_ORDER.index(code) if code in WARNING_ORDER else len(WARNING_ORDER), code)


def badges(trace: Trace) -> tuple[Badge, ...]:
    counts = Counter(warning.code for warning in trace.warnings)
    first: dict[str, str] = {}
    for warning in trace.warnings:
        first.setdefault(warning.code, warning.message)
    return tuple(
        Badge(code, counts[code], first[code]) for code in sorted(counts, key=_warning_rank)
    )


def warning_codes(rows: Iterable[ClaimRow]) -> tuple[str, ...]:
    codes = {badge.code for row in rows for badge in row.warnings}
    return tuple(sorted(codes, key=_warning_rank))


# --- claim rows ----------------------------------------------------------------------


def claim_row(case: Case, trace: Trace, page: str) -> ClaimRow:
    """A claim's summary numbers, with links relative to `page`."""
    sources = [item.source for item in trace.sources]
    first, last = _seen_span(trace)
    verdict = trace.claim.verdict.rating if trace.claim.verdict else None
    independence = trace.independence
    return ClaimRow(
        claim_id=trace.claim.id,
        statement=trace.claim.statement,
        href=relative_href(claim_page_path(case.id, trace.claim.id), page),
        case_title=case.title,
        case_href=relative_href(case_page_path(case.id), page),
        verdict=verdict,
        sources=len(sources),
        outlets=_outlet_count(sources),
        independent_origins=trace.independent_origins,
        longest_chain=max(len(trace.longest_chain) - 1, 0),
        chain=chain_text(trace.longest_chain),
        first_seen=first,
        last_seen=last,
        warnings=badges(trace),
        independent_with_copies=(
            independence.with_copies if independence and trace.inferred_copies else None
        ),
    )


def case_row(report: CaseReport, page: str) -> CaseRow:
    case = report.case
    first, last = _date_span(case.sources)
    return CaseRow(
        title=case.title,
        href=relative_href(case_page_path(case.id), page),
        claims=len(case.claims),
        sources=len(case.sources),
        outlets=_outlet_count(case.sources),
        warnings=sum(len(trace.warnings) for trace in report.traces),
        problems=len(report.problems),
        first_seen=first,
        last_seen=last,
    )
