"""Tracing one claim through a case: where it started, how it spread, what changed.

`trace_claim` answers a fact-checker's questions about one claim: which sources carry it
and where it first entered the record (the origins, by first appearance, also inside
citation loops), how many hops each source is from an origin and by which path, how many
independent voices stand behind it (as recorded, and once copying that names no source
is taken into account), whether every chain reaches a primary source, whether the claim
runs in circles or returns to a voice it left, how the wording and its certainty changed
hop by hop (quotations held to the words they quote), who disputes or denies it, what a
retraction taints, and who covered the story without carrying the claim. Every
conclusion says which rule made it (docs/analysis.md). Pure functions returning frozen
dataclasses; the warnings are built in findings.py.

Direction: citation edges run citing -> cited (Salon -> HuffPost). "Origins" are at the
far end, where the claim enters the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import cached_property
from itertools import islice

import networkx as nx

from provenance.certainty import statement_certainty
from provenance.codes import Code
from provenance.copies import ClaimRecord, Inference, infer_copies
from provenance.disputes import amended, disputes_of, omissions_of, taints
from provenance.findings import trace_warnings
from provenance.graph import SOURCE, citation_graph, claim_subgraph, outlet_name
from provenance.hops import traced_citations
from provenance.model import (
    Case,
    Claim,
    PublicationDate,
    Relation,
    Source,
    Stance,
    Statement,
)
from provenance.roots import independence_of, roots_of, suggested_entries, where_it_could_start
from provenance.spread import (
    EntryPoint,
    Spread,
    analyse,
    first_appearance,
    voice_returns,
)
from provenance.traced import (
    Dispute,
    Independence,
    InferredCopy,
    Omission,
    Root,
    Trace,
    TracedCitation,
    TracedSource,
    TracedStatement,
    TraceWarning,
)
from provenance.voices import Voice, Voices

__all__ = [
    "Dispute",
    "Independence",
    "InferredCopy",
    "Omission",
    "Root",
    "Trace",
    "TraceWarning",
    "TracedCitation",
    "TracedSource",
    "TracedStatement",
    "trace_case",
    "trace_claim",
]

MAX_PATHS = 12
"""Paths back to an origin kept per source; a dense graph has exponentially many."""
MAX_PATH_HOPS = 40
"""Paths are listed for sources at most this many hops from an origin; beyond it `via`
leads back step by step, so a chain of 10,000 citations does not list 50 million steps."""
MAX_RETURNS = 20
"""Returns to a voice reported per claim."""

Dismissed = Callable[[Statement], bool]
"""Whether a fact-checker has dismissed inferred copies into a statement."""


def acknowledged_copy(statement: Statement) -> bool:
    """The fact-checker's way to dismiss an inferred copy: an acknowledgement comment
    `# provenance: ignore[inferred-copy]` on the statement's first line or the line above
    it, as read by the loader (acknowledge.py)."""
    return Code.INFERRED_COPY.value in statement.acknowledged


# --- the trace -----------------------------------------------------------------------


def trace_case(case: Case, dismissed: Dismissed | None = None) -> list[Trace]:
    """A trace for every claim of the case, sharing one citation graph."""
    graph = citation_graph(case)
    voices = Voices(case)
    return [trace_claim(case, claim.id, graph, voices, dismissed) for claim in case.claims]


def trace_claim(
    case: Case,
    claim_id: str,
    graph: nx.MultiDiGraph | None = None,
    voices: Voices | None = None,
    dismissed: Dismissed | None = None,
) -> Trace:
    """Trace one claim through a case (KeyError if the case has no such claim).

    `dismissed` says which statements' inferred copies the fact-checker dismissed; by
    default, those acknowledged with `# provenance: ignore[inferred-copy]`."""
    claim = next((item for item in case.claims if item.id == claim_id), None)
    if claim is None:
        raise KeyError(claim_id)
    tracing = _Tracing(
        case,
        claim,
        graph if graph is not None else citation_graph(case),
        voices if voices is not None else Voices(case),
        dismissed or acknowledged_copy,
    )
    partial = tracing.trace()
    warnings, notes = trace_warnings(partial)
    return replace(partial, warnings=warnings, notes=notes)


class _Tracing:
    """One claim's trace, step by step: each step a property computed once, in the order
    the claim's record is read (who carries it, along which links, where it entered,
    what the wording suggests, who speaks, what each hop changed)."""

    def __init__(
        self,
        case: Case,
        claim: Claim,
        graph: nx.MultiDiGraph,
        voices: Voices,
        dismissed: Dismissed,
    ) -> None:
        self.case, self.claim, self.voices, self.dismissed = case, claim, voices, dismissed
        self.subgraph = claim_subgraph(graph, claim.id)
        self.sources: dict[str, Source] = {
            node: graph.nodes[node][SOURCE] for node in self.subgraph
        }
        self.statements = {node: _statements(item, claim.id) for node, item in self.sources.items()}
        omitting = {node for node, item in self.sources.items() if item.leaves_out(claim.id)}
        self.carriers = _carriers(self.subgraph, self.statements) - omitting
        self.support, self.revisions = _support(self.subgraph, self.carriers, self.sources)
        self.first_seen = {
            node: _first_seen(self.sources[node], self.statements[node]) for node in self.sources
        }
        self.spread = analyse(self.support, {node: self.first_seen[node] for node in self.support})
        self.voice = {node: _voice(voices, item, claim.id) for node, item in self.sources.items()}

    @cached_property
    def inference(self) -> Inference:
        record = ClaimRecord(
            self.support,
            self.sources,
            self.statements,
            self.first_seen,
            self.claim.id,
            self.dismissed,
        )
        return infer_copies(record)

    @cached_property
    def traced(self) -> dict[str, TracedSource]:
        return _traced(
            self.case,
            self.sources,
            self.statements,
            self.carriers,
            self.spread,
            self.voice,
            self.first_seen,
            self.support,
            self.claim.id,
        )

    @cached_property
    def suggested(self) -> tuple[EntryPoint, ...]:
        """Where the claim enters the record once the inferred copies count as links."""
        with_copies = _with_copies(self.support, self.inference.links, both_ways=True)
        return suggested_entries(self.spread, with_copies, self.traced, self.inference.copies)

    @cached_property
    def first(self) -> EntryPoint:
        """Where the claim started: the earliest of the roots the wording suggests."""
        return first_appearance(
            where_it_could_start(self.suggested, self.traced),
            {node: item.first_seen for node, item in self.traced.items()},
            approximate_decides=True,
        )

    def returns(self) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
        """Returns to a voice as recorded, and those only the inferred copies make."""
        recorded = _returns(self.support, self.voice, self.spread.loops)
        directed = _with_copies(self.support, self.inference.links, both_ways=False)
        suggested = _returns(directed, self.voice, self.spread.loops)
        return recorded, tuple(path for path in suggested if path not in recorded)

    def trace(self) -> Trace:
        """Everything but the warnings, which findings.py reads off the finished trace."""
        roots = roots_of(self.support, self.spread, self.traced)
        independence = independence_of(self.spread, self.suggested, self.traced)
        returns, returns_with_copies = self.returns()
        return Trace(
            case_id=self.case.id,
            claim=self.claim,
            sources=tuple(sorted(self.traced.values(), key=_time_order)),
            citations=traced_citations(self.subgraph, self.traced),
            origins=tuple(root.origin for root in roots if root.origin is not None),
            roots=roots,
            independent_origins=independence.recorded,
            longest_chain=self.spread.longest_chain,
            cycles=self.spread.loops,
            disputes=disputes_of(
                self.sources, self.statements, self.claim, self.voices, self.first.starts
            ),
            warnings=(),
            independence=independence,
            inferred_copies=self.inference.copies,
            returns=returns,
            returns_with_copies=returns_with_copies,
            revisions=self.revisions,
            omissions=omissions_of(self.case, self.claim.id),
            first_appearance=self.first.starts,
            first_appearance_reason=self.first.reason,
            suggested_origins=tuple(
                sorted(
                    node
                    for entry in self.suggested
                    for node in entry.starts
                    if self.traced[node].carries
                )
            ),
        )


def _statements(source: Source, claim_id: str) -> tuple[TracedStatement, ...]:
    return tuple(
        TracedStatement(
            statement.wording,
            statement.stance,
            statement_certainty(statement),
            statement.date,
            statement.speaker,
        )
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


def _support(
    subgraph: nx.MultiDiGraph, carriers: set[str], sources: Mapping[str, Source]
) -> tuple[nx.DiGraph, tuple[tuple[str, str], ...]]:
    """The links along which the claim passes between carriers: every citation of a
    carrier that does not dispute it, and a later version of a page taking the claim
    from the earlier version (when both carry it)."""
    support = nx.DiGraph()
    support.add_nodes_from(sorted(carriers))
    support.add_edges_from(
        (citing, cited)
        for citing, cited, relation in subgraph.edges(data="relation")
        if relation != Relation.DISPUTES.value and citing in carriers and cited in carriers
    )
    revisions = tuple(
        sorted(
            (node, source.revision_of)
            for node, source in sources.items()
            if node in carriers and source.revision_of in carriers
        )
    )
    support.add_edges_from(revisions)
    return support, revisions


def _first_seen(source: Source, statements: Iterable[TracedStatement]) -> PublicationDate | None:
    dated = [statement.date for statement in statements if statement.date is not None]
    if dated:
        return min(dated, key=lambda date: (date.earliest, date.latest))
    return source.published


def _voice(voices: Voices, source: Source, claim_id: str) -> Voice:
    """Who speaks for the claim in a source: the speaker of its first statement that
    takes the claim up, else the source's own voice."""
    for statement in source.statements:
        if statement.claim == claim_id and statement.stance is not Stance.DISPUTES:
            return voices.of_source(source, statement)
    return voices.of_source(source)


def _time_order(traced: TracedSource) -> tuple[int, str, str]:
    seen = traced.first_seen
    return (0, seen.earliest.isoformat(), traced.id) if seen else (1, "", traced.id)


def _traced(
    case: Case,
    sources: Mapping[str, Source],
    statements: Mapping[str, tuple[TracedStatement, ...]],
    carriers: set[str],
    spread: Spread,
    voice: Mapping[str, Voice],
    first_seen: Mapping[str, PublicationDate | None],
    support: nx.DiGraph,
    claim_id: str,
) -> dict[str, TracedSource]:
    origins = {entry.origin for entry in spread.entry_points if entry.origin is not None}
    candidates = {
        node for entry in spread.entry_points if not entry.decided for node in entry.candidates
    }
    tainting = taints(support, sources, claim_id)
    return {
        node: TracedSource(
            source=sources[node],
            outlet=outlet_name(case, sources[node]),
            carries=node in carriers,
            is_origin=node in origins,
            hops=spread.hops.get(node),
            paths=_listed_paths(node, spread),
            statements=statements[node],
            tainted_by=tainting.get(node, ()),
            via=spread.parents.get(node, ()),
            voice=voice[node],
            first_seen=first_seen[node],
            candidate_origin=node in candidates,
            retracted=amended(sources[node], claim_id),
        )
        for node in sources
    }


def _listed_paths(node: str, spread: Spread) -> tuple[tuple[str, ...], ...]:
    if spread.hops.get(node, MAX_PATH_HOPS + 1) > MAX_PATH_HOPS:
        return ()
    return tuple(islice(_paths_back(node, spread.parents), MAX_PATHS))


def _paths_back(node: str, parents: Mapping[str, tuple[str, ...]]) -> Iterable[tuple[str, ...]]:
    """Shortest paths from `node` back to an origin, depth first, without recursion (the
    caller takes only the first few of a dense graph's many)."""
    stack: list[tuple[str, ...]] = [(node,)]
    while stack:
        path = stack.pop()
        above = parents.get(path[-1], ())
        if not above:
            yield path
            continue
        stack.extend((*path, parent) for parent in reversed(above))


# --- inferred copies -------------------------------------------------------------------


def _with_copies(
    support: nx.DiGraph, copies: tuple[InferredCopy, ...], *, both_ways: bool
) -> nx.DiGraph:
    """The support graph with each inferred copy as a link. With `both_ways`, a copy
    whose direction is unknown links both ways (the two stand or fall together, for
    counting voices); without, it is left out (it cannot make a path one way)."""
    if not copies:
        return support
    graph = support.copy()
    for copy in copies:
        if copy.direction_known or both_ways:
            graph.add_edge(copy.later, copy.earlier)
        if not copy.direction_known and both_ways:
            graph.add_edge(copy.earlier, copy.later)
    return graph


def _returns(
    support: nx.DiGraph, voice: Mapping[str, Voice], loops: tuple[tuple[str, ...], ...]
) -> tuple[tuple[str, ...], ...]:
    """Paths that leave a voice and come back to it, other than a loop already named."""
    in_loop = {frozenset(loop) for loop in loops}
    return tuple(
        path
        for path in voice_returns(support, lambda node: voice[node].key, MAX_RETURNS)
        if not any(set(path) <= loop for loop in in_loop)
    )
