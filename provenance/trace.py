"""Tracing one claim through a case: where it started, how it spread, what changed.

Given the citation graph, `trace_claim` answers a fact-checker's questions about one
claim: which sources carry it and which originate it, how many hops each source is
from an origin and by which path, how many independent roots stand behind it, whether
every chain reaches a primary source, whether citations run in circles or backwards in
time, how the wording and its certainty drifted hop by hop, who disputes it, and what a
retraction taints. Everything here is a pure function returning frozen dataclasses.

Direction: citation edges run citing -> cited (Salon -> HuffPost). "Origins" are the
sources at the far end, which carry the claim without citing anyone for it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice

import networkx as nx

from provenance.codes import Code
from provenance.graph import (
    CITATION,
    SOURCE,
    citation_graph,
    claim_subgraph,
    outlet_name,
    support_graph,
)
from provenance.model import Case, Citation, Claim, Relation, Source, Stance
from provenance.wording import CertaintyReading, WordingDrift, statement_certainty, word_drift

MAX_PATHS = 12
"""Paths back to an origin kept per source; a dense graph has exponentially many."""
MAX_PATH_HOPS = 40
"""Paths are listed for sources at most this many hops from an origin; beyond it `via`
leads back step by step, so a chain of 10,000 citations does not list 50 million steps."""
MAX_CYCLES = 20
SINGLE_ORIGIN_OUTLETS = 2
"""Outlets besides the origin's that must repeat a claim before its single origin is
worth a warning."""


@dataclass(frozen=True)
class TracedStatement:
    wording: str
    stance: Stance
    certainty: CertaintyReading


@dataclass(frozen=True)
class TracedSource:
    """One source's place in a claim's trace."""

    source: Source
    outlet: str
    """The outlet's display name (or the source's own label when it has none)."""
    carries: bool
    """It passes the claim on: it states it (not disputing), or is cited for it."""
    is_origin: bool
    hops: int | None
    """Citations between it and the nearest origin; None when no origin is reachable."""
    paths: tuple[tuple[str, ...], ...]
    """Shortest paths back to an origin, each from this source to the origin; at most
    MAX_PATHS, and none beyond MAX_PATH_HOPS hops (follow `via` there)."""
    statements: tuple[TracedStatement, ...]
    tainted_by: tuple[str, ...] = ()
    """Retracted or corrected sources it relies on for this claim."""
    via: tuple[str, ...] = ()
    """The sources it cites that are one hop nearer an origin: the next step of every
    shortest path back."""

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def certainty(self) -> CertaintyReading | None:
        """The strongest certainty among its statements of the claim."""
        readings = [statement.certainty for statement in self.statements]
        return max(readings, key=lambda reading: reading.level.rank, default=None)

    @property
    def stance(self) -> Stance | None:
        stances = {statement.stance for statement in self.statements}
        for stance in (Stance.DISPUTES, Stance.SUPPORTS, Stance.NEUTRAL):
            if stance in stances:
                return stance
        return None

    @property
    def wording(self) -> str | None:
        """Its own words for the claim: the first statement, if it has one."""
        return self.statements[0].wording if self.statements else None


@dataclass(frozen=True)
class TracedCitation:
    """One hop: a citing source taking the claim from a cited one."""

    citation: Citation
    citing: str
    cited: str
    drift: WordingDrift | None
    """How the wording changed from the cited source to the citing one."""
    escalation: bool
    """The citing source sounds more certain than the source it relies on."""
    temporal: bool
    """The cited source was published after the citing one, by the dates recorded."""

    @property
    def relation(self) -> Relation:
        return self.citation.relation


@dataclass(frozen=True)
class Root:
    """One origin and who stands on it."""

    origin: str
    primary: bool
    dependants: tuple[str, ...]
    """Sources that reach this origin through their citations."""
    outlets: tuple[str, ...]
    """The outlets of those sources (display names)."""


@dataclass(frozen=True)
class Dispute:
    """A source that disputes the claim, and what it disputes it with."""

    source: str
    wordings: tuple[str, ...]
    evidence_claims: tuple[str, ...]
    """Other claims the disputing source states (its counter-claims)."""
    evidence_sources: tuple[str, ...]
    """Sources it cites for those counter-claims."""


@dataclass(frozen=True)
class TraceWarning:
    code: str
    message: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trace:
    """Everything known about how one claim moved through one case."""

    case_id: str
    claim: Claim
    sources: tuple[TracedSource, ...]
    """In order of publication (undated last)."""
    citations: tuple[TracedCitation, ...]
    origins: tuple[str, ...]
    roots: tuple[Root, ...]
    independent_origins: int
    """Origins that do not share an outlet: how many independent roots stand behind it."""
    longest_chain: tuple[str, ...]
    """The longest chain of citations, from an origin outward."""
    cycles: tuple[tuple[str, ...], ...]
    disputes: tuple[Dispute, ...]
    warnings: tuple[TraceWarning, ...]

    def source(self, source_id: str) -> TracedSource:
        return next(item for item in self.sources if item.id == source_id)


# --- the trace -----------------------------------------------------------------------


def trace_case(case: Case) -> list[Trace]:
    """A trace for every claim of the case, sharing one citation graph."""
    graph = citation_graph(case)
    return [trace_claim(case, claim.id, graph) for claim in case.claims]


def trace_claim(case: Case, claim_id: str, graph: nx.MultiDiGraph | None = None) -> Trace:
    """Trace one claim through a case (KeyError if the case has no such claim)."""
    claim = next((item for item in case.claims if item.id == claim_id), None)
    if claim is None:
        raise KeyError(claim_id)
    full = graph if graph is not None else citation_graph(case)
    subgraph = claim_subgraph(full, claim_id)
    sources: dict[str, Source] = {node: full.nodes[node][SOURCE] for node in subgraph}
    statements = {source_id: _statements(source, claim_id) for source_id, source in sources.items()}
    carriers = _carriers(subgraph, statements)
    support = support_graph(subgraph, carriers)
    origins = sorted(node for node in carriers if support.out_degree(node) == 0)
    hops, parents = _distances(support, origins)
    taints = _taints(support, sources, claim_id)
    traced = {
        node: TracedSource(
            source=sources[node],
            outlet=outlet_name(case, sources[node]),
            carries=node in carriers,
            is_origin=node in origins,
            hops=hops.get(node),
            paths=_listed_paths(node, hops, parents),
            statements=statements[node],
            tainted_by=taints.get(node, ()),
            via=tuple(parents.get(node, ())),
        )
        for node in sources
    }
    citations = _citations(subgraph, traced)
    roots = _roots(support, origins, traced)
    cycles = _cycles(support)
    return Trace(
        case_id=case.id,
        claim=claim,
        sources=tuple(sorted(traced.values(), key=_time_order)),
        citations=citations,
        origins=tuple(origins),
        roots=roots,
        independent_origins=_independent(origins, sources),
        longest_chain=_longest_chain(support),
        cycles=cycles,
        disputes=_disputes(sources, statements, claim_id),
        warnings=_warnings(traced, citations, roots, cycles, sources),
    )


def _statements(source: Source, claim_id: str) -> tuple[TracedStatement, ...]:
    return tuple(
        TracedStatement(statement.wording, statement.stance, statement_certainty(statement))
        for statement in source.statements
        if statement.claim == claim_id
    )


def _carriers(
    subgraph: nx.MultiDiGraph, statements: Mapping[str, tuple[TracedStatement, ...]]
) -> set[str]:
    """Sources that pass the claim on: they state it, cite it or are cited for it, other
    than to dispute it. A source whose every statement of the claim disputes it does not
    carry it, even when it quotes the claim in order to rebut it."""
    disputers = {
        node
        for node, own in statements.items()
        if own and all(statement.stance is Stance.DISPUTES for statement in own)
    }
    carriers = {node for node, own in statements.items() if own}
    for citing, cited, relation in subgraph.edges(data="relation"):
        if relation != Relation.DISPUTES.value:
            carriers.update((citing, cited))
    return carriers - disputers


def _time_order(traced: TracedSource) -> tuple[int, str, str]:
    published = traced.source.published
    return (0, published.earliest.isoformat(), traced.id) if published else (1, "", traced.id)


# --- hops and paths ------------------------------------------------------------------


def _distances(
    support: nx.DiGraph, origins: list[str]
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Breadth-first from the origins along reversed citations.

    Returns each reachable source's hop count and, for each, the sources one hop
    nearer an origin that it cites (its parents on shortest paths).
    """
    hops = dict.fromkeys(origins, 0)
    parents: dict[str, list[str]] = {origin: [] for origin in origins}
    queue = deque(origins)
    while queue:
        node = queue.popleft()
        for citing in sorted(support.predecessors(node)):
            if citing not in hops:
                hops[citing] = hops[node] + 1
                parents[citing] = []
                queue.append(citing)
            if hops[citing] == hops[node] + 1:
                parents[citing].append(node)
    return hops, parents


def _listed_paths(
    node: str, hops: Mapping[str, int], parents: Mapping[str, list[str]]
) -> tuple[tuple[str, ...], ...]:
    if hops.get(node, MAX_PATH_HOPS + 1) > MAX_PATH_HOPS:
        return ()
    return tuple(islice(_paths_back(node, parents), MAX_PATHS))


def _paths_back(node: str, parents: Mapping[str, list[str]]) -> Iterator[tuple[str, ...]]:
    """Shortest paths from `node` back to an origin, depth first, without recursion: a
    chain of 10,000 citations is as easy as one of three, and a dense graph's paths are
    produced one at a time (the caller takes only the first few)."""
    if node not in parents:
        return
    stack: list[tuple[str, ...]] = [(node,)]
    while stack:
        path = stack.pop()
        above = parents[path[-1]]
        if not above:
            yield path
            continue
        stack.extend((*path, parent) for parent in reversed(above))


def _longest_chain(support: nx.DiGraph) -> tuple[str, ...]:
    """The longest citation chain, origin first; cycles are collapsed to one member."""
    if support.number_of_edges() == 0:
        return ()
    condensed = nx.condensation(support.reverse(copy=False))
    members = condensed.graph["mapping"]
    representative = {
        component: min(node for node, c in members.items() if c == component)
        for component in condensed.nodes
    }
    path = nx.dag_longest_path(
        condensed,
        topo_order=nx.lexicographical_topological_sort(
            condensed, key=lambda component: representative[component]
        ),
    )
    return tuple(representative[component] for component in path)


# --- independence --------------------------------------------------------------------


def _independent(origins: list[str], sources: Mapping[str, Source]) -> int:
    """Origins count once per outlet: two pieces by one publisher are not independent."""
    return len({sources[origin].outlet or f"source:{origin}" for origin in origins})


def _roots(
    support: nx.DiGraph, origins: list[str], traced: Mapping[str, TracedSource]
) -> tuple[Root, ...]:
    roots = []
    for origin in origins:
        dependants = sorted(nx.ancestors(support, origin))
        roots.append(
            Root(
                origin=origin,
                primary=traced[origin].source.is_primary,
                dependants=tuple(dependants),
                outlets=tuple(sorted({traced[node].outlet for node in dependants})),
            )
        )
    return tuple(roots)


def _cycles(support: nx.DiGraph) -> tuple[tuple[str, ...], ...]:
    found = []
    for cycle in islice(nx.simple_cycles(support), MAX_CYCLES):
        start = cycle.index(min(cycle))
        found.append(tuple(cycle[start:] + cycle[:start]))
    return tuple(sorted(found))


# --- hops: drift, escalation, time ---------------------------------------------------


def _citations(
    subgraph: nx.MultiDiGraph, traced: Mapping[str, TracedSource]
) -> tuple[TracedCitation, ...]:
    hops = []
    for citing, cited, citation in subgraph.edges(data=CITATION):
        # From the cited source's own words to the citing source's own words (or, when
        # it has none, the words it cites them with). Without the cited source's own
        # words there is nothing to compare.
        before = traced[cited].wording
        after = traced[citing].wording or citation.wording
        hops.append(
            TracedCitation(
                citation=citation,
                citing=citing,
                cited=cited,
                drift=word_drift(before, after) if before and after else None,
                escalation=_escalates(traced[citing], traced[cited], citation.relation),
                temporal=_later(traced[citing].source, traced[cited].source),
            )
        )
    return tuple(sorted(hops, key=lambda hop: (hop.citing, hop.cited, hop.relation.value)))


def _escalates(citing: TracedSource, cited: TracedSource, relation: Relation) -> bool:
    if relation is Relation.DISPUTES or citing.stance is Stance.DISPUTES:
        return False
    if citing.certainty is None or cited.certainty is None:
        return False
    return citing.certainty.level.rank > cited.certainty.level.rank


def _later(citing: Source, cited: Source) -> bool:
    if citing.published is None or cited.published is None:
        return False
    return not cited.published.may_precede(citing.published)


# --- disputes and retractions --------------------------------------------------------


def _disputes(
    sources: Mapping[str, Source],
    statements: Mapping[str, tuple[TracedStatement, ...]],
    claim_id: str,
) -> tuple[Dispute, ...]:
    disputing = {
        node
        for node, own in statements.items()
        if any(statement.stance is Stance.DISPUTES for statement in own)
    }
    disputes = []
    for node in sorted(disputing):
        source = sources[node]
        counter_claims = sorted(
            {statement.claim for statement in source.statements if statement.claim != claim_id}
        )
        disputes.append(
            Dispute(
                source=node,
                wordings=tuple(
                    item.wording for item in statements[node] if item.stance is Stance.DISPUTES
                ),
                evidence_claims=tuple(counter_claims),
                evidence_sources=tuple(
                    sorted(
                        {
                            citation.cites
                            for citation in source.citations
                            if citation.claim in counter_claims
                        }
                    )
                ),
            )
        )
    return tuple(disputes)


def _taints(
    support: nx.DiGraph, sources: Mapping[str, Source], claim_id: str
) -> dict[str, tuple[str, ...]]:
    """For each source, the retracted or corrected sources it relies on for the claim."""
    taints: dict[str, set[str]] = {}
    for node, source in sources.items():
        amended = [
            amendment
            for amendment in (source.retracted, source.corrected)
            if amendment is not None and (not amendment.claims or claim_id in amendment.claims)
        ]
        if not amended:
            continue
        for dependant in {node, *nx.ancestors(support, node)}:
            taints.setdefault(dependant, set()).add(node)
    return {node: tuple(sorted(origin)) for node, origin in taints.items()}


# --- warnings ------------------------------------------------------------------------


def _warnings(
    traced: Mapping[str, TracedSource],
    citations: tuple[TracedCitation, ...],
    roots: tuple[Root, ...],
    cycles: tuple[tuple[str, ...], ...],
    sources: Mapping[str, Source],
) -> tuple[TraceWarning, ...]:
    warnings: list[TraceWarning] = []
    warnings += _origin_warnings(traced, roots)
    warnings += [
        TraceWarning(Code.CIRCULAR, "circular reporting: " + " → ".join((*cycle, cycle[0])), cycle)
        for cycle in cycles
    ]
    warnings += [_temporal_warning(hop, sources) for hop in citations if hop.temporal]
    escalated = sorted({(hop.citing, hop.cited) for hop in citations if hop.escalation})
    warnings += [_escalation_warning(traced[citing], traced[cited]) for citing, cited in escalated]
    warnings += _amendment_warnings(traced, sources)
    return tuple(warnings)


def _origin_warnings(
    traced: Mapping[str, TracedSource], roots: tuple[Root, ...]
) -> list[TraceWarning]:
    warnings = []
    carrier_outlets = {item.outlet for item in traced.values() if item.carries}
    independent = {traced[root.origin].source.outlet or root.origin for root in roots}
    if not roots and carrier_outlets:
        warnings.append(
            TraceWarning(
                Code.NO_ORIGIN,
                "no source originates the claim: every source that carries it cites another for it",
            )
        )
    # "Twelve outlets, one source": worth a warning once at least two other outlets
    # repeat what a single root says; one outlet citing one source is just a citation.
    repeating = carrier_outlets - {traced[root.origin].outlet for root in roots}
    if len(independent) == 1 and len(repeating) >= SINGLE_ORIGIN_OUTLETS:
        origin = roots[0].origin
        warnings.append(
            TraceWarning(
                Code.SINGLE_ORIGIN,
                f"{len(repeating)} outlets repeat it and every chain leads back to one "
                f"source: {traced[origin].outlet} ({origin})",
                (origin,),
            )
        )
    for root in roots:
        if not root.primary:
            warnings.append(
                TraceWarning(
                    Code.UNGROUNDED,
                    f"the chain through {root.origin} ends at a secondary source "
                    "that cites nothing for the claim: it never reaches a primary source",
                    (root.origin, *root.dependants),
                )
            )
    return warnings


def _temporal_warning(hop: TracedCitation, sources: Mapping[str, Source]) -> TraceWarning:
    citing, cited = sources[hop.citing], sources[hop.cited]
    assert citing.published is not None
    assert cited.published is not None
    approximate = citing.published.approximate or cited.published.approximate
    return TraceWarning(
        Code.TEMPORAL,
        f"{hop.citing} ({citing.published.text}) cites {hop.cited}, dated later "
        f"({cited.published.text}){'; one of the dates is approximate' if approximate else ''}",
        (hop.citing, hop.cited),
    )


def _escalation_warning(citing: TracedSource, cited: TracedSource) -> TraceWarning:
    return TraceWarning(
        Code.ESCALATION,
        f"{citing.outlet} ({citing.id}) states it as {certainty_summary(citing)} but relies "
        f"on {cited.outlet} ({cited.id}), which says {certainty_summary(cited)}",
        (citing.id, cited.id),
    )


def certainty_summary(item: TracedSource) -> str:
    """Each distinct certainty a source states the claim with, and its cue words:
    "likely ('likely'), certain ('clearly')"."""
    parts: list[str] = []
    for statement in sorted(item.statements, key=lambda own: own.certainty.level.rank):
        reading = statement.certainty
        cues = f" ('{', '.join(dict.fromkeys(reading.cues))}')" if reading.cues else ""
        part = f"{reading.level.value}{cues}"
        if part not in parts:
            parts.append(part)
    return ", ".join(parts) or "nothing of its own"


def _amendment_warnings(
    traced: Mapping[str, TracedSource], sources: Mapping[str, Source]
) -> list[TraceWarning]:
    warnings = []
    for amended in sorted({origin for item in traced.values() for origin in item.tainted_by}):
        source = sources[amended]
        code = Code.RETRACTED if source.retracted is not None else Code.CORRECTED
        dependants = sorted(
            node for node, item in traced.items() if amended in item.tainted_by and node != amended
        )
        relying = f"; relying on it: {', '.join(dependants)}" if dependants else ""
        warnings.append(
            TraceWarning(code, f"{amended} was {code}{relying}", (amended, *dependants))
        )
    return warnings
