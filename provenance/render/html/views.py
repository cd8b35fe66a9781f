"""The report's view-models: frozen dataclasses prepared in Python, the only thing the
templates see (never a graph, a trace or the YAML).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup
from pydantic import TypeAdapter

from provenance.model import Case
from provenance.problems import Problem
from provenance.render.unbuilt import UnbuiltCase
from provenance.traced import Trace
from provenance.wording import DiffPart

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
    key: Markup
    """The graph's key, shown beside it."""
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
    overview_key: Markup
    outlets_svg: Markup
    downloads: tuple[Link, ...]
    claim_filter: tuple[ClaimFilter, ...] = ()
    """Each claim's part of the two graphs, for the filter by claim."""


@dataclass(frozen=True)
class ClaimFilter:
    """What the case page's graphs show of one claim: the SVG ids of its sources and
    citations in the overview, and of its outlets and their links in the outlet graph,
    each space-separated."""

    claim_id: str
    statement: str
    href: str
    nodes: str
    edges: str


@dataclass(frozen=True)
class IndexPage:
    frame: Frame
    cases: tuple[CaseRow, ...]
    claims: tuple[ClaimRow, ...]
    codes: tuple[str, ...]
    """The warning codes that occur, for the filter."""
    unbuilt: tuple[UnbuiltCase, ...] = ()
    """Cases this build left out for the errors in their files (render/unbuilt.py)."""


@dataclass(frozen=True)
class IndexEntry:
    """What the index shows of one case: its row and its claims' rows.

    Kept apart from the case itself so that a build can cache it (as JSON, through
    `INDEX_ENTRY`) and redraw the index without loading cases that did not change.
    """

    case: CaseRow
    claims: tuple[ClaimRow, ...]


INDEX_ENTRY: TypeAdapter[IndexEntry] = TypeAdapter(IndexEntry)
