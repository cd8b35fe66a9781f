"""Traces, cases and their drawings -> a static HTML report: an index, a page per case
and a page per claim.

The pages open from disk, travel as a folder and publish as static files: links between
them are relative, and everything a page needs is inside it (the Graphviz SVGs inline,
one stylesheet and one script inline, allowed by their hashes in a strict
Content-Security-Policy). Templates (Jinja2, autoescaped) see only the view-model
dataclasses prepared here, never the graph or the YAML, and every string from a case
file reaches the page escaped. The output depends on the input alone: no timestamps,
and every list in a fixed order.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from urllib.parse import quote

import jinja2
from markupsafe import Markup
from pydantic import TypeAdapter

from provenance.codes import Code
from provenance.model import Case, PublicationDate, Relation, Source
from provenance.problems import Problem
from provenance.render.common import chain_text, safe_url, svg_edge_id, svg_node_id
from provenance.render.unbuilt import UnbuiltCase
from provenance.text import clean_text
from provenance.timeline import appearance_days
from provenance.traced import InferredCopy, Trace, TracedCitation, TracedSource
from provenance.wording import DiffPart

INDEX_PAGE = "index.html"

# Warnings in the order a fact-checker weighs them; codes not listed follow by name.
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
DRIFT_OPEN_SIMILARITY = 0.3
"""Below this similarity a citing source has reworded rather than edited, and its word
diff is folded away by default: it would be all deletions and insertions."""


# --- the input -----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseReport:
    """One built case, as the report needs it."""

    case: Case
    traces: tuple[Trace, ...]
    problems: tuple[Problem, ...]
    """What the checks found in the case's files (a built case has warnings at most)."""
    drawings: Mapping[str, bytes] = field(default_factory=dict)
    """SVGs by path inside the case's folder: overview.svg, outlets.svg, claims/<id>.svg;
    only `render_report` uses them (a build fills the slots itself)."""


# --- view-models ---------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class DateCell:
    """A date as shown, and as sorted (ISO; empty when unknown, which sorts first)."""

    text: str
    key: str


@dataclass(frozen=True)
class Badge:
    """One kind of warning a claim has, how many times, and the first message."""

    code: str
    count: int
    message: str


@dataclass(frozen=True)
class Frame:
    """What every page shares: its title, its place in the report, the as-of banner."""

    title: str
    path: str
    """The page's path inside the report folder."""
    crumbs: tuple[Link, ...]
    """Links up to the index, relative to this page."""
    as_of: str | None
    """The day the report was built as of (`build --as-of`), or None for the full record."""


@dataclass(frozen=True)
class ClaimRow:
    """A claim at a glance: one row of the index's and a case page's claim tables."""

    claim_id: str
    statement: str
    href: str
    case_title: str
    case_href: str
    verdict: str | None
    sources: int
    outlets: int
    independent_origins: int
    longest_chain: int
    """Citations along the longest chain."""
    chain: str
    first_seen: DateCell
    last_seen: DateCell
    warnings: tuple[Badge, ...]
    independent_with_copies: int | None = None
    """Independent origins once the copies inferred from the wording are counted; None
    when no copy is inferred."""


@dataclass(frozen=True)
class CaseRow:
    """A case at a glance, for the index."""

    title: str
    href: str
    claims: int
    sources: int
    outlets: int
    warnings: int
    """Warnings from tracing its claims."""
    problems: int
    """Warnings from checking its files."""
    first_seen: DateCell
    last_seen: DateCell


@dataclass(frozen=True)
class HopCell:
    """One citation a source makes for the claim."""

    relation: str
    cited: str
    cited_outlet: str
    wording: str | None
    """How it words what it cites, when that differs from its own words."""
    escalation: bool
    temporal: bool


@dataclass(frozen=True)
class StatementCell:
    """One of a source's own wordings of the claim."""

    wording: str
    certainty: str
    stance: str


@dataclass(frozen=True)
class DriftCell:
    """How a source's wording differs from that of a source it cites."""

    cited: str
    cited_outlet: str
    similarity: str
    parts: tuple[DiffPart, ...]
    open: bool


@dataclass(frozen=True)
class SourceRow:
    """A source's row in a claim's chain table; `id` ties it to its node in the graph."""

    id: str
    node_id: str
    date: DateCell
    appeared: str
    """The first day of its own date for the claim (ISO), for the date control; empty
    when the record gives none."""
    date_note: str | None
    outlet: str
    authors: str
    title: str | None
    kind: str
    primary: bool
    links: tuple[Link, ...]
    hops: tuple[HopCell, ...]
    statements: tuple[StatementCell, ...]
    drifts: tuple[DriftCell, ...]
    certainty: str | None
    certainty_estimated: bool
    cues: str
    stance: str | None
    distance: str
    distance_key: int
    origin: bool
    via: str
    """Ids of the sources it cites that are one hop nearer an origin: the page's script
    follows them row by row to light up every shortest path back, so a row holds one
    step of its path, not the whole path (a chain of 900 hops made a 17 MB page)."""
    via_edges: str
    """SVG ids of its citations of those sources."""
    edges: str
    """SVG ids of every citation it makes or receives for the claim."""
    tainted_by: tuple[str, ...]


@dataclass(frozen=True)
class DisputeItem:
    source: str
    outlet: str
    wordings: tuple[str, ...]
    evidence: tuple[Link, ...]
    """Its counter-claims, linking to their pages."""


@dataclass(frozen=True)
class WarningItem:
    code: str
    message: str
    claim: Link | None = None


@dataclass(frozen=True)
class ProblemItem:
    where: str
    severity: str
    code: str
    message: str


@dataclass(frozen=True)
class CopyItem:
    """A copy inferred from the wording: who seems to have taken whose words."""

    later: str
    later_outlet: str
    earlier: str
    earlier_outlet: str
    alternatives: str
    passage: str
    evidence: str
    reason: str
    direction_known: bool


@dataclass(frozen=True)
class OmissionItem:
    source: str
    outlet: str
    note: str | None


@dataclass(frozen=True)
class Findings:
    """What the trace concludes, in words, for the top of a claim page."""

    started: str
    """Where the claim started, or why that cannot be told."""
    voices: str
    """Independent voices as recorded, and as the wording suggests."""
    copies: tuple[CopyItem, ...]
    omissions: tuple[OmissionItem, ...]
    notes: tuple[WarningItem, ...]


@dataclass(frozen=True)
class ClaimPage:
    frame: Frame
    row: ClaimRow
    notes: str | None
    verdict_rationale: str | None
    origins: tuple[Link, ...]
    svg: Markup
    downloads: tuple[Link, ...]
    sources: tuple[SourceRow, ...]
    days: tuple[str, ...]
    """The distinct days its sources appeared (ISO), in order, for the date control."""
    undated: int
    """Sources with no known day, which the date control never hides."""
    warnings: tuple[WarningItem, ...]
    disputes: tuple[DisputeItem, ...]
    findings: Findings | None = None


@dataclass(frozen=True)
class CasePage:
    frame: Frame
    summary: str | None
    fact_checker: str | None
    fact_checker_url: str | None
    counts: CaseRow
    claims: tuple[ClaimRow, ...]
    codes: tuple[str, ...]
    """The warning codes that occur, for the filter."""
    warnings: tuple[WarningItem, ...]
    problems: tuple[ProblemItem, ...]
    overview_svg: Markup
    outlets_svg: Markup
    downloads: tuple[Link, ...]


@dataclass(frozen=True)
class IndexPage:
    frame: Frame
    cases: tuple[CaseRow, ...]
    claims: tuple[ClaimRow, ...]
    codes: tuple[str, ...]
    """The warning codes that occur, for the filter."""
    unbuilt: tuple[UnbuiltCase, ...] = ()
    """Cases this build left out for the errors in their files (render/unbuilt.py)."""


# --- paths ---------------------------------------------------------------------------


def case_page_path(case_id: str) -> str:
    return f"{case_id}/{INDEX_PAGE}"


def claim_page_path(case_id: str, claim_id: str) -> str:
    return f"{case_id}/claims/{claim_id}.html"


def relative_href(target: str, page: str) -> str:
    """A link from one page of the report to another file of it, relative so that the
    folder works from disk and wherever it is moved; escaped as a URL path."""
    return quote(posixpath.relpath(target, posixpath.dirname(page) or "."))


def _crumbs(page: str, *parents: tuple[str, str]) -> tuple[Link, ...]:
    trail = (("All cases", INDEX_PAGE), *parents)
    return tuple(Link(text, relative_href(target, page)) for text, target in trail)


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


# --- the chain table -----------------------------------------------------------------


@dataclass(frozen=True)
class _Hops:
    """A trace's citations indexed by source, so that a row of a large claim is built
    without scanning every citation (a 2,000-source claim took seconds that way)."""

    outlets: Mapping[str, str]
    made: Mapping[str, list[TracedCitation]]
    """By citing source."""
    touching: Mapping[str, list[TracedCitation]]
    """By either end."""

    @classmethod
    def of(cls, trace: Trace) -> _Hops:
        made: dict[str, list[TracedCitation]] = {}
        touching: dict[str, list[TracedCitation]] = {}
        for hop in trace.citations:
            made.setdefault(hop.citing, []).append(hop)
            for end in dict.fromkeys((hop.citing, hop.cited)):
                touching.setdefault(end, []).append(hop)
        outlets = {item.id: item.outlet for item in trace.sources}
        return cls(outlets, made, touching)


def source_rows(trace: Trace, days: Mapping[str, date | None]) -> tuple[SourceRow, ...]:
    """The claim's sources in order of publication, each with what ties it to the graph.

    `days` holds the first day each source can have appeared (`appearance_days`)."""
    hops = _Hops.of(trace)
    return tuple(_source_row(item, hops, days.get(item.id)) for item in trace.sources)


def _source_row(item: TracedSource, hops: _Hops, appeared: date | None) -> SourceRow:
    source = item.source
    made = hops.made.get(item.id, [])
    certainty = item.certainty
    return SourceRow(
        id=item.id,
        node_id=svg_node_id(item.id),
        date=date_cell(source.published),
        # The date control places a source by its own date only (firm or approximate):
        # one the record does not date is never hidden, whatever it cites.
        appeared=item.first_seen.earliest.date().isoformat() if item.first_seen else "",
        date_note=_date_note(source, appeared),
        outlet=item.outlet,
        authors=", ".join(source.authors),
        title=source.title if source.title != item.outlet else None,
        kind=source.kind.value,
        primary=source.is_primary,
        links=source_links(source),
        hops=tuple(_hop_cell(hop, item, hops) for hop in made),
        statements=tuple(
            StatementCell(own.wording, own.certainty.level.value, own.stance.value)
            for own in item.statements
        ),
        drifts=_drifts(made, hops),
        certainty=certainty.level.value if certainty else None,
        certainty_estimated=bool(certainty and certainty.estimated),
        cues=", ".join(dict.fromkeys(certainty.cues)) if certainty else "",
        stance=item.stance.value if item.stance else None,
        distance=_distance(item),
        distance_key=item.hops if item.hops is not None else 1_000_000,
        origin=item.is_origin,
        via=" ".join(item.via),
        via_edges=" ".join(_via_edges(item, hops)),
        edges=" ".join(svg_edge_id(hop) for hop in hops.touching.get(item.id, [])),
        tainted_by=item.tainted_by,
    )


def source_links(source: Source) -> tuple[Link, ...]:
    """Links out to the source and its archived copy; only web addresses become links."""
    links = []
    for text, url in (("source", source.url), ("archived copy", source.archived_url)):
        address = safe_url(url)
        if address:
            links.append(Link(text, address))
    return tuple(links)


def _date_note(source: Source, appeared: date | None) -> str | None:
    if source.published is not None:
        return source.published.note
    if appeared is not None:
        return f"not before {appeared.isoformat()}: it cites a source of that day"
    return None


def _distance(item: TracedSource) -> str:
    if item.is_origin:
        return "origin"
    return "—" if item.hops is None else str(item.hops)


def _hop_cell(hop: TracedCitation, citing: TracedSource, hops: _Hops) -> HopCell:
    wording = hop.citation.wording
    # Shown unless the row already shows it: as the source's own words, or in an
    # unfolded word diff measured on it.
    shown = {statement.wording for statement in citing.statements}
    drift = hop.drift
    if (
        drift
        and drift.similarity >= DRIFT_OPEN_SIMILARITY
        and hop.relation is not Relation.DISPUTES
    ):
        shown.add(drift.after)
    return HopCell(
        relation=hop.relation.value,
        cited=hop.cited,
        cited_outlet=hops.outlets[hop.cited],
        wording=wording if wording and wording not in shown else None,
        escalation=hop.escalation,
        temporal=hop.temporal,
    )


def _drifts(made: Sequence[TracedCitation], hops: _Hops) -> tuple[DriftCell, ...]:
    """One word diff per cited source: quoting and paraphrasing the same source compare
    the same two wordings."""
    cells: dict[tuple[str, str, str], DriftCell] = {}
    for hop in made:
        drift = hop.drift
        if drift is None or hop.relation is Relation.DISPUTES:
            continue
        key = (hop.cited, drift.before, drift.after)
        cells.setdefault(
            key,
            DriftCell(
                cited=hop.cited,
                cited_outlet=hops.outlets[hop.cited],
                similarity=f"{drift.similarity:.2f}",
                parts=drift.parts,
                open=drift.similarity >= DRIFT_OPEN_SIMILARITY,
            ),
        )
    return tuple(cells.values())


def _via_edges(item: TracedSource, hops: _Hops) -> list[str]:
    """Its citations of the sources one hop nearer an origin (disputes lead nowhere)."""
    nearer = set(item.via)
    return [
        svg_edge_id(hop)
        for hop in hops.made.get(item.id, [])
        if hop.cited in nearer and hop.relation is not Relation.DISPUTES
    ]


# --- pages ---------------------------------------------------------------------------


def claim_page(
    report: CaseReport, trace: Trace, days: Mapping[str, date | None], as_of: date | None
) -> ClaimPage:
    case, claim = report.case, trace.claim
    path = claim_page_path(case.id, claim.id)
    rows = source_rows(trace, days)
    svg_name = f"claims/{claim.id}.svg"
    return ClaimPage(
        frame=Frame(
            claim.id, path, _crumbs(path, (case.title, case_page_path(case.id))), _text(as_of)
        ),
        row=claim_row(case, trace, path),
        notes=claim.notes,
        verdict_rationale=claim.verdict.rationale if claim.verdict else None,
        origins=tuple(
            Link(f"{trace.source(origin).outlet} ({origin})", f"#row-{origin}")
            for origin in trace.origins
        ),
        svg=svg_slot(svg_name),
        downloads=(Link("SVG", f"{claim.id}.svg"), Link("JSON", f"{claim.id}.json")),
        sources=rows,
        days=tuple(sorted({row.appeared for row in rows if row.appeared})),
        undated=sum(not row.appeared for row in rows),
        warnings=tuple(WarningItem(warning.code, warning.message) for warning in trace.warnings),
        disputes=_disputes(trace),
        findings=findings(trace),
    )


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
        frame=Frame(case.title, path, _crumbs(path), _text(as_of)),
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
        outlets_svg=svg_slot("outlets.svg", id_prefix="outlets-"),
        downloads=(Link("overview SVG", "overview.svg"), Link("outlets SVG", "outlets.svg")),
    )


def _problem_item(problem: Problem) -> ProblemItem:
    return ProblemItem(str(problem.location), problem.severity.value, problem.code, problem.message)


@dataclass(frozen=True)
class IndexEntry:
    """What the index shows of one case: its row and its claims' rows.

    Kept apart from the case itself so that a build can cache it (as JSON, through
    `INDEX_ENTRY`) and redraw the index without loading cases that did not change.
    """

    case: CaseRow
    claims: tuple[ClaimRow, ...]


INDEX_ENTRY: TypeAdapter[IndexEntry] = TypeAdapter(IndexEntry)


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


# --- inline SVG ----------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_ID = re.compile(r'\bid="')


# Pages are made before their drawings are rendered (in parallel, often in another
# process), so each drawing's place is held by a comment that `fill_svg_slots` replaces.
# Its name is a path made of ids, which cannot contain "-->" or ":".
_SLOT = re.compile(rb"<!--provenance-svg:([^:>]+):([^:>]*)-->")


def svg_slot(name: str, *, id_prefix: str = "") -> Markup:
    """Where the drawing `name` (e.g. claims/<id>.svg) goes in a page."""
    return Markup(f"<!--provenance-svg:{name}:{id_prefix}-->")


def fill_svg_slots(page: bytes, drawings: Mapping[str, bytes]) -> bytes:
    """The page with each slot replaced by its drawing, inlined (or nothing if missing)."""

    def drawing(match: re.Match[bytes]) -> bytes:
        name, prefix = match.group(1).decode(), match.group(2).decode()
        return str(inline_svg(drawings.get(name, b""), id_prefix=prefix)).encode()

    return _SLOT.sub(drawing, page)


def inline_svg(svg: bytes, *, id_prefix: str = "") -> Markup:
    """Graphviz's SVG ready to sit inside a page: the XML declaration, DOCTYPE and
    comments go, outbound links get rel="noopener noreferrer", and `id_prefix` keeps two
    drawings on one page from sharing ids.

    It is marked safe because Graphviz escapes every string it writes, and render/dot.py
    quotes every string it gives Graphviz; a test checks that markup in a case file
    arrives in the page as text.
    """
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start < 0:
        return Markup("")
    text = _COMMENT.sub("", text[start:])
    text = text.replace("<a xlink:href=", '<a rel="noopener noreferrer" xlink:href=')
    if id_prefix:
        text = _ID.sub(f'id="{id_prefix}', text)
    return Markup(text)


# --- rendering -----------------------------------------------------------------------


@dataclass(frozen=True)
class Assets:
    """The stylesheet and script every page carries inline, and the policy that allows
    exactly them and nothing else."""

    style: Markup
    script: Markup
    policy: str


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def assets() -> Assets:
    folder = resources.files("provenance") / "templates"
    style = (folder / "report.css").read_text("utf-8")
    script = (folder / "report.js").read_text("utf-8")
    policy = (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return Assets(Markup(style), Markup(script), policy)


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("provenance", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _finalize(value: object) -> object:
    """Every value a template prints, before it is escaped: text loses the control
    characters a page should not hold; our own markup (drawings, assets) is kept."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


def render_page(template: str, page: object) -> bytes:
    html = environment().get_template(template).render(page=page, assets=assets())
    return html.encode("utf-8")


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
