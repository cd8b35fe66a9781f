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
from itertools import islice

import networkx as nx

from provenance.certainty import statement_certainty
from provenance.copies import ClaimRecord, infer_copies
from provenance.findings import trace_warnings
from provenance.graph import CITATION, SOURCE, citation_graph, claim_subgraph, outlet_name
from provenance.model import (
    Case,
    Certainty,
    Citation,
    Claim,
    PublicationDate,
    Relation,
    Source,
    Stance,
    Statement,
)
from provenance.spread import (
    EntryPoint,
    Spread,
    analyse,
    entry_points,
    first_appearance,
    voice_returns,
)
from provenance.traced import (
    CertaintyChange,
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
from provenance.wording import (
    QuoteCheck,
    WordingDrift,
    best_pair,
    check_quotation,
    quoted_passages,
    word_drift,
)

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
"""Whether a fact-checker has dismissed inferred copies into a statement (an
acknowledgement comment `# provenance: ignore[inferred-copy]` on it)."""


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
    """Trace one claim through a case (KeyError if the case has no such claim)."""
    claim = next((item for item in case.claims if item.id == claim_id), None)
    if claim is None:
        raise KeyError(claim_id)
    full = graph if graph is not None else citation_graph(case)
    voices = voices if voices is not None else Voices(case)
    subgraph = claim_subgraph(full, claim_id)
    sources: dict[str, Source] = {node: full.nodes[node][SOURCE] for node in subgraph}
    statements = {node: _statements(source, claim_id) for node, source in sources.items()}
    omitting = {node for node, source in sources.items() if _omits(source, claim_id)}
    carriers = _carriers(subgraph, statements) - omitting
    support, revisions = _support(subgraph, carriers, sources)
    first_seen = {node: _first_seen(sources[node], statements[node]) for node in sources}
    spread = analyse(support, {node: first_seen[node] for node in support})
    voice = {node: _voice(voices, sources[node], claim_id) for node in sources}
    inference = infer_copies(
        ClaimRecord(support, sources, statements, first_seen, claim_id, dismissed)
    )
    copies = inference.copies
    with_copies = _with_copies(support, inference.links, both_ways=True)
    traced = _traced(
        case, sources, statements, carriers, spread, voice, first_seen, support, claim_id
    )
    citations = _citations(subgraph, traced)
    roots = _roots(support, spread, traced)
    suggested = _suggested_entries(spread, with_copies, traced, copies)
    independence = _independence(spread, suggested, traced)
    first = first_appearance(
        _where_it_could_start(suggested, traced),
        {node: traced[node].first_seen for node in traced},
        approximate_decides=True,
    )
    cycles = spread.loops
    returns = _returns(support, voice, cycles)
    directed = _with_copies(support, inference.links, both_ways=False)
    returns_with_copies = tuple(
        path for path in _returns(directed, voice, cycles) if path not in returns
    )
    disputes = _disputes(sources, statements, claim, voices, first.starts)
    partial = Trace(
        case_id=case.id,
        claim=claim,
        sources=tuple(sorted(traced.values(), key=_time_order)),
        citations=citations,
        origins=tuple(root.origin for root in roots if root.origin is not None),
        roots=roots,
        independent_origins=independence.recorded,
        longest_chain=spread.longest_chain,
        cycles=cycles,
        disputes=disputes,
        warnings=(),
        independence=independence,
        inferred_copies=copies,
        returns=returns,
        returns_with_copies=returns_with_copies,
        revisions=revisions,
        omissions=_omissions(sources.values(), case, claim_id),
        first_appearance=first.starts,
        first_appearance_reason=first.reason,
        suggested_origins=tuple(
            sorted(node for entry in suggested for node in entry.starts if traced[node].carries)
        ),
    )
    warnings, notes = trace_warnings(partial)
    return replace(partial, warnings=warnings, notes=notes)


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


def _omits(source: Source, claim_id: str) -> bool:
    """The record says the source left the claim out (and it states nothing in its
    support): whoever cites it for the claim attributes words it did not say."""
    supporting = any(
        statement.claim == claim_id and statement.stance is not Stance.DISPUTES
        for statement in source.statements
    )
    return not supporting and any(omission.claim == claim_id for omission in source.omits)


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
    taints = _taints(support, sources, claim_id)
    return {
        node: TracedSource(
            source=sources[node],
            outlet=outlet_name(case, sources[node]),
            carries=node in carriers,
            is_origin=node in origins,
            hops=spread.hops.get(node),
            paths=_listed_paths(node, spread),
            statements=statements[node],
            tainted_by=taints.get(node, ()),
            via=spread.parents.get(node, ()),
            voice=voice[node],
            first_seen=first_seen[node],
            candidate_origin=node in candidates,
            retracted=_amended(sources[node], claim_id),
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


# --- roots and independence ------------------------------------------------------------


def _roots(
    support: nx.DiGraph, spread: Spread, traced: Mapping[str, TracedSource]
) -> tuple[Root, ...]:
    reversed_support = support.reverse(copy=False)
    roots = []
    for entry in spread.entry_points:
        dependants = set(nx.multi_source_dijkstra_path_length(reversed_support, entry.members))
        dependants -= set(entry.members)
        roots.append(
            Root(
                origin=entry.origin,
                primary=any(traced[node].source.is_primary for node in entry.starts),
                dependants=tuple(sorted(dependants)),
                outlets=tuple(sorted({traced[node].outlet for node in dependants})),
                candidates=entry.candidates,
                members=entry.members,
                reason=entry.reason,
                voice=_root_voice(entry, traced).label,
                first_seen=_earliest(traced[node].first_seen for node in entry.starts),
            )
        )
    return tuple(sorted(roots, key=_root_order))


def _root_voice(entry: EntryPoint, traced: Mapping[str, TracedSource]) -> Voice:
    by_key = {voice.key: voice for node in entry.starts if (voice := traced[node].voice)}
    voices = [by_key[key] for key in sorted(by_key)]
    if len(voices) == 1:
        return voices[0]
    labels = " or ".join(voice.label for voice in voices)
    return Voice("loop:" + "+".join(voice.key for voice in voices), labels)


def _earliest(dates: Iterable[PublicationDate | None]) -> PublicationDate | None:
    known = [date for date in dates if date is not None]
    return min(known, key=lambda date: (date.earliest, date.latest)) if known else None


def _root_order(root: Root) -> tuple[int, str, tuple[str, ...]]:
    seen = root.first_seen
    return (0, seen.earliest.isoformat(), root.members) if seen else (1, "", root.members)


def _suggested_entries(
    spread: Spread,
    with_copies: nx.DiGraph,
    traced: Mapping[str, TracedSource],
    copies: tuple[InferredCopy, ...],
) -> tuple[EntryPoint, ...]:
    """Where the claim enters the record once the inferred copies count as links."""
    if not copies:
        return spread.entry_points
    dates = {node: traced[node].first_seen for node in with_copies}
    return tuple(entry_points(with_copies, dates))


def _where_it_could_start(
    entries: Iterable[EntryPoint], traced: Mapping[str, TracedSource]
) -> tuple[str, ...]:
    """The roots where the claim could have started: a source that only reports the
    claim (neutral) reports someone else's claim, so it is left out while any root takes
    the claim up."""
    starts = sorted({node for entry in entries for node in entry.starts})
    taking_up = [node for node in starts if not traced[node].neutral_only]
    return tuple(taking_up or starts)


def _independence(
    spread: Spread, suggested: tuple[EntryPoint, ...], traced: Mapping[str, TracedSource]
) -> Independence:
    """Independent voices at the roots: as recorded, and with the inferred copies taken
    as links."""
    recorded = _VoiceCount(spread.entry_points, traced)
    suggested_count = _VoiceCount(suggested, traced)
    return Independence(
        recorded=len(recorded.voices),
        with_copies=len(suggested_count.voices),
        uncountable=recorded.uncountable,
        reporting_only=recorded.reporting_only,
        voices=tuple(sorted(recorded.voices.values())),
        voices_with_copies=tuple(sorted(suggested_count.voices.values())),
    )


class _VoiceCount:
    """Distinct voices at a set of roots: a loop counts once; a root that stands for
    several unnamed publications, or only reports the claim, is counted apart."""

    def __init__(self, entries: Iterable[EntryPoint], traced: Mapping[str, TracedSource]):
        self.voices: dict[str, str] = {}
        self.uncountable = self.reporting_only = 0
        for entry in entries:
            found = _root_voice(entry, traced)
            starts = [traced[node] for node in entry.starts]
            if any(item.voice is not None and not item.voice.countable for item in starts):
                self.uncountable += 1
            elif all(item.neutral_only for item in starts):
                self.reporting_only += 1
            else:
                self.voices.setdefault(found.key, found.label)


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


# --- hops: drift, quotations, certainty, time --------------------------------------------


def _citations(
    subgraph: nx.MultiDiGraph, traced: Mapping[str, TracedSource]
) -> tuple[TracedCitation, ...]:
    hops = []
    for citing, cited, citation in subgraph.edges(data=CITATION):
        disputed = citation.relation is Relation.DISPUTES or traced[citing].disputes
        change = None if disputed else _certainty_change(traced[citing], traced[cited])
        hops.append(
            TracedCitation(
                citation=citation,
                citing=citing,
                cited=cited,
                drift=None if disputed else _drift(citation, traced[citing], traced[cited]),
                escalation=change == CertaintyChange.ESCALATION,
                temporal=_later(traced[citing].source, traced[cited].source),
                softening=change == CertaintyChange.SOFTENING,
                quotes=_quotes(citation, traced[cited]),
                misattributed=not disputed and _omits(traced[cited].source, citation.claim),
            )
        )
    return tuple(sorted(hops, key=lambda hop: (hop.citing, hop.cited, hop.relation.value)))


def _own_words(item: TracedSource) -> list[str]:
    return [
        statement.wording
        for statement in item.statements
        if statement.stance is not Stance.DISPUTES
    ]


def _drift(citation: Citation, citing: TracedSource, cited: TracedSource) -> WordingDrift | None:
    """From the cited source's statement to the citing words that retell it: of the
    citation's wording and the citing source's own statements, and the cited source's
    statements, the pair that matches best."""
    after = [*([citation.wording] if citation.wording else []), *_own_words(citing)]
    pair = best_pair(_own_words(cited), after)
    return word_drift(*pair) if pair else None


def _quotes(citation: Citation, cited: TracedSource) -> tuple[QuoteCheck, ...]:
    """Each quotation of the citation held to every word the case records of the cited
    source: its title and all its statements, of any claim (words are words)."""
    if not citation.wording or citation.relation is Relation.DISPUTES:
        return ()
    source = cited.source
    originals = [*([source.title] if source.title else []), *(s.wording for s in source.statements)]
    return tuple(check_quotation(quoted, originals) for quoted in quoted_passages(citation.wording))


def _certainty_change(citing: TracedSource, cited: TracedSource) -> str | None:
    before, after = cited.certainty, citing.certainty
    if before is None or after is None or Certainty.DISPUTED in (before.level, after.level):
        return None
    if after.level > before.level:
        return CertaintyChange.ESCALATION
    if after.level < before.level:
        return CertaintyChange.SOFTENING
    return None


def _later(citing: Source, cited: Source) -> bool:
    if citing.published is None or cited.published is None:
        return False
    return not cited.published.may_precede(citing.published)


# --- disputes, retractions, omissions ------------------------------------------------------


def _disputes(
    sources: Mapping[str, Source],
    statements: Mapping[str, tuple[TracedStatement, ...]],
    claim: Claim,
    voices: Voices,
    origins: Iterable[str],
) -> tuple[Dispute, ...]:
    subjects = {voices.party_key(subject): voices.party_name(subject) for subject in claim.subjects}
    origin_authors = _origin_authors(sources, origins, voices)
    disputes = []
    for node in sorted(sources):
        disputing = [item for item in statements[node] if item.stance is Stance.DISPUTES]
        if not disputing:
            continue
        source = sources[node]
        speakers = _dispute_speakers(source, claim.id, voices)
        counter_claims = sorted(
            {item.claim for item in source.statements if item.claim != claim.id}
        )
        disputes.append(
            Dispute(
                source=node,
                wordings=tuple(item.wording for item in disputing),
                evidence_claims=tuple(counter_claims),
                evidence_sources=tuple(
                    sorted({c.cites for c in source.citations if c.claim in counter_claims})
                ),
                by_subject=tuple(sorted({subjects[key] for key in speakers if key in subjects})),
                by_origin_author=tuple(
                    sorted({origin_authors[key] for key in speakers if key in origin_authors})
                ),
            )
        )
    return tuple(disputes)


def _dispute_speakers(source: Source, claim_id: str, voices: Voices) -> set[str]:
    speakers: set[str] = set()
    for statement in source.statements:
        if statement.claim == claim_id and statement.stance is Stance.DISPUTES:
            speakers |= voices.speaker_keys(source, statement)
    return speakers


def _origin_authors(
    sources: Mapping[str, Source], origins: Iterable[str], voices: Voices
) -> dict[str, str]:
    """Who made the claim where it started (the first appearance, or each candidate), by
    person or outlet key: its authors, the speakers of its statements, and the outlet it
    speaks for ("its publisher"; an account on a platform speaks for itself)."""
    authors: dict[str, str] = {}
    for node in origins:
        source = sources[node]
        named = [*source.authors, *(item.speaker for item in source.statements if item.speaker)]
        for name in named:
            authors.setdefault(voices.party_key(name), voices.party_name(name))
        voice = voices.of_source(source)
        if voice.key.startswith("outlet:"):
            authors.setdefault(voice.key, f"its publisher {voice.label}")
    return authors


def _amended(source: Source, claim_id: str) -> bool:
    return any(
        amendment is not None and (not amendment.claims or claim_id in amendment.claims)
        for amendment in (source.retracted, source.corrected)
    )


def _taints(
    support: nx.DiGraph, sources: Mapping[str, Source], claim_id: str
) -> dict[str, tuple[str, ...]]:
    """For each source, the retracted or corrected sources it relies on for the claim
    (a source is not listed as relying on itself)."""
    taints: dict[str, set[str]] = {}
    for node, source in sources.items():
        if not _amended(source, claim_id) or node not in support:
            continue
        for dependant in nx.ancestors(support, node):
            if dependant != node:
                taints.setdefault(dependant, set()).add(node)
    return {node: tuple(sorted(origin)) for node, origin in taints.items()}


def _omissions(sources: Iterable[Source], case: Case, claim_id: str) -> tuple[Omission, ...]:
    return tuple(
        Omission(source.id, omission.note, outlet_name(case, source))
        for source in sorted(case.sources, key=lambda item: item.id)
        for omission in source.omits
        if omission.claim == claim_id
    )
