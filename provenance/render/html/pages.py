"""Whole pages as view-models: a claim page, a case page and the index."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from urllib.parse import quote

from provenance.problems import Problem
from provenance.render.common import cites_edge_id, safe_url, svg_node_id
from provenance.render.html.chain import source_rows
from provenance.render.html.inline import key_slot, svg_slot
from provenance.render.html.paths import (
    INDEX_PAGE,
    case_page_path,
    claim_page_path,
    crumbs,
    relative_href,
)
from provenance.render.html.rows import case_row, claim_row, warning_codes
from provenance.render.html.views import (
    CasePage,
    CaseReport,
    ClaimFilter,
    ClaimPage,
    CopyItem,
    DisputeItem,
    Findings,
    Frame,
    IndexEntry,
    IndexPage,
    Link,
    OmissionItem,
    ProblemItem,
    SourceRow,
    WarningItem,
)
from provenance.render.speakers import outlet_graph
from provenance.render.unbuilt import UnbuiltCase
from provenance.traced import InferredCopy, Trace


def claim_page(
    report: CaseReport, trace: Trace, days: Mapping[str, date | None], as_of: date | None
) -> ClaimPage:
    case, claim = report.case, trace.claim
    path = claim_page_path(case.id, claim.id)
    rows = source_rows(trace, days)
    svg_name = f"claims/{claim.id}.svg"
    return ClaimPage(
        frame=Frame(
            claim.id, path, crumbs(path, (case.title, case_page_path(case.id))), _text(as_of)
        ),
        row=claim_row(case, trace, path),
        notes=claim.notes,
        verdict_rationale=claim.verdict.rationale if claim.verdict else None,
        origins=tuple(
            Link(f"{trace.source(origin).outlet} ({origin})", f"#row-{origin}")
            for origin in trace.origins
        ),
        svg=svg_slot(svg_name),
        key=key_slot(svg_name),
        downloads=(Link("SVG", f"{claim.id}.svg"), Link("JSON", f"{claim.id}.json")),
        sources=rows,
        days=control_days(trace, rows),
        undated=sum(not row.appeared for row in rows),
        warnings=tuple(WarningItem(warning.code, warning.message) for warning in trace.warnings),
        disputes=_disputes(trace),
        findings=findings(trace),
    )


def control_days(trace: Trace, rows: tuple[SourceRow, ...]) -> tuple[str, ...]:
    """The days the date control steps through: each day a source appeared, from the
    first day a source carrying the claim did. A source that only disputes it, dated
    earlier (a month given as "≈ 2009-02" counts from its first day), is shown at every
    step rather than making the control start before the claim existed."""
    carrying = {item.id for item in trace.sources if item.carries}
    start = min((row.appeared for row in rows if row.appeared and row.id in carrying), default="")
    return tuple(sorted({row.appeared for row in rows if row.appeared and row.appeared >= start}))


def findings(trace: Trace) -> Findings:
    return Findings(
        started=_started(trace),
        voices=_voices(trace),
        copies=tuple(_copy_item(trace, copy) for copy in trace.inferred_copies),
        omissions=tuple(
            OmissionItem(omission.source, omission.outlet, omission.note)
            for omission in trace.omissions
        ),
        notes=tuple(WarningItem(note.code, note.message) for note in trace.notes),
    )


def _started(trace: Trace) -> str:
    if len(trace.first_appearance) == 1:
        item = trace.source(trace.first_appearance[0])
        when = item.first_seen.label if item.first_seen else "date unknown"
        return f"{item.outlet} ({item.id}), {when}"
    if not trace.first_appearance:
        return "nowhere in the record"
    return f"cannot tell: {trace.first_appearance_reason}"


def _voices(trace: Trace) -> str:
    independence = trace.independence
    if independence is None:
        return str(trace.independent_origins)
    text = f"{independence.recorded} as recorded"
    if independence.voices:
        text += f" ({', '.join(independence.voices)})"
    if trace.inferred_copies:
        text += f"; the wording suggests {independence.with_copies}"
    if independence.uncountable:
        text += f"; {independence.uncountable} standing for unnamed publications, uncounted"
    if independence.reporting_only:
        text += f"; {independence.reporting_only} only reporting it, uncounted"
    return text


def _copy_item(trace: Trace, copy: InferredCopy) -> CopyItem:
    return CopyItem(
        later=copy.later,
        later_outlet=_outlet_of(trace, copy.later),
        earlier=copy.earlier,
        earlier_outlet=_outlet_of(trace, copy.earlier),
        alternatives=", ".join(copy.alternatives),
        passage=copy.passage,
        evidence=f"{copy.shared_words} words in a row, similarity {copy.similarity:.2f}",
        reason=copy.reason,
        direction_known=copy.direction_known,
    )


def _outlet_of(trace: Trace, source_id: str) -> str:
    found = [item for item in trace.sources if item.id == source_id]
    return found[0].outlet if found else source_id


def _disputes(trace: Trace) -> tuple[DisputeItem, ...]:
    return tuple(
        DisputeItem(
            source=dispute.source,
            outlet=trace.source(dispute.source).outlet,
            wordings=dispute.wordings,
            evidence=tuple(
                Link(claim, f"{quote(claim)}.html") for claim in dispute.evidence_claims
            ),
        )
        for dispute in trace.disputes
    )


def case_page(report: CaseReport, as_of: date | None) -> CasePage:
    case = report.case
    path = case_page_path(case.id)
    fact_checker = case.case_file.fact_checker
    claims = tuple(claim_row(case, trace, path) for trace in report.traces)
    return CasePage(
        frame=Frame(case.title, path, crumbs(path), _text(as_of)),
        summary=case.case_file.summary,
        fact_checker=fact_checker.name if fact_checker else None,
        fact_checker_url=safe_url(fact_checker.url) if fact_checker else None,
        counts=case_row(report, path),
        claims=claims,
        codes=warning_codes(claims),
        warnings=tuple(
            WarningItem(
                warning.code,
                warning.message,
                Link(trace.claim.id, relative_href(claim_page_path(case.id, trace.claim.id), path)),
            )
            for trace in report.traces
            for warning in trace.warnings
        ),
        problems=tuple(_problem_item(problem) for problem in report.problems),
        overview_svg=svg_slot("overview.svg"),
        overview_key=key_slot("overview.svg"),
        outlets_svg=svg_slot("outlets.svg", id_prefix=OUTLETS_PREFIX),
        downloads=(Link("overview SVG", "overview.svg"), Link("outlets SVG", "outlets.svg")),
        claim_filter=claim_filters(report, path),
    )


def _problem_item(problem: Problem) -> ProblemItem:
    return ProblemItem(str(problem.location), problem.severity.value, problem.code, problem.message)


def index_entry(report: CaseReport) -> IndexEntry:
    return IndexEntry(
        case_row(report, INDEX_PAGE),
        tuple(claim_row(report.case, trace, INDEX_PAGE) for trace in report.traces),
    )


def index_page(
    entries: Sequence[IndexEntry], as_of: date | None, unbuilt: Sequence[UnbuiltCase] = ()
) -> IndexPage:
    claims = tuple(row for entry in entries for row in entry.claims)
    return IndexPage(
        frame=Frame("Claim provenance report", INDEX_PAGE, (), _text(as_of)),
        cases=tuple(entry.case for entry in entries),
        claims=claims,
        codes=warning_codes(claims),
        unbuilt=tuple(unbuilt),
    )


def _text(day: date | None) -> str | None:
    return day.isoformat() if day else None


OUTLETS_PREFIX = "outlets-"
"""What the outlet graph's ids start with in a case page, apart from the overview's."""


def claim_filters(report: CaseReport, page: str) -> tuple[ClaimFilter, ...]:
    """For each claim, its sources and citations in the overview and its outlets and
    their links in the outlet graph, by SVG id."""
    outlets = outlet_graph(report.case)
    filters = []
    for trace in report.traces:
        pairs = sorted({(hop.cited, hop.citing) for hop in trace.citations})
        nodes = [svg_node_id(item.id) for item in trace.sources]
        edges = [cites_edge_id(cited, citing) for cited, citing in pairs]
        outlet_nodes = sorted({outlets.node_of[item.id] for item in trace.sources})
        outlet_edges = sorted(
            {
                cites_edge_id(outlets.node_of[cited], outlets.node_of[citing])
                for cited, citing in pairs
            }
        )
        nodes += [OUTLETS_PREFIX + node for node in outlet_nodes]
        edges += [OUTLETS_PREFIX + edge for edge in outlet_edges]
        filters.append(
            ClaimFilter(
                trace.claim.id,
                trace.claim.statement,
                relative_href(claim_page_path(report.case.id, trace.claim.id), page),
                " ".join(nodes),
                " ".join(edges),
            )
        )
    return tuple(filters)
