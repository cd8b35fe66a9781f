"""Inferred copies: which shared wordings of a claim point to copying that names no source.

reuse.py finds wordings that share a long run of words or are near-identical. A careful
fact-checker takes such a pair as a copy only when nothing recorded explains it:

- neither source takes the claim from the other through recorded links;
- the later one does not credit the shared words: they are not in the statements of a
  source it cites, nor in the wording of its citations (for a pair the dates cannot
  order, neither credits them);
- they do not both cite a source whose words the case does not hold: two reports
  quoting one press release share its words without copying each other;
- the two are not versions of one page (`revision_of` already says how they relate);
- the fact-checker has not dismissed it (`# provenance: ignore[inferred-copy]` on the
  later statement, or on either when the direction is unknown).

The direction comes from the dates of first appearance: the earlier source is the one
copied, when the dates do not overlap (an approximate date may decide, and the reason
says so); otherwise the pair is reported with its direction unknown: the two are not
independent, but which copied which the record cannot tell. Of several earlier sources
with the same words, a later one is paired with the one whose wording it matches best
(the earliest, among equals), and the others are named as alternatives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace

import networkx as nx

from provenance.model import PublicationDate, Source, Stance, Statement
from provenance.reuse import SharedWording, Wording, find_reuse
from provenance.traced import InferredCopy, TracedStatement

MAX_JUDGED = 1000
"""Shared-wording pairs judged per claim, strongest evidence first: beyond this, a claim
with thousands of identical wordings would cost minutes for nothing new."""
EQUALLY_CLOSE = 0.02
"""Earlier sources whose wording matches a later one within this similarity of the best
are named as alternatives: the words alone cannot tell them apart."""

Dismissed = Callable[[Statement], bool]


@dataclass
class ClaimRecord:
    """What inference needs to know of one claim: who takes it from whom (recorded), the
    sources, their statements of it, and when it first appears in each."""

    support: nx.DiGraph
    sources: Mapping[str, Source]
    statements: Mapping[str, tuple[TracedStatement, ...]]
    first_seen: Mapping[str, PublicationDate | None]
    claim_id: str
    dismissed: Dismissed | None = None
    _reach: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)

    def reaches(self, node: str) -> tuple[set[str], set[str]]:
        """What `node` takes the claim from, transitively, and what takes it from `node`."""
        if node not in self._reach:
            self._reach[node] = (
                nx.descendants(self.support, node),
                nx.ancestors(self.support, node),
            )
        return self._reach[node]


@dataclass(frozen=True)
class Inference:
    """What the shared wordings of a claim suggest."""

    copies: tuple[InferredCopy, ...]
    """The copies to show: each source paired with the earlier source it matches best
    (and, where the dates cannot order them, with its closest unordered partner)."""
    links: tuple[InferredCopy, ...]
    """Every pair judged a copy: all of it is evidence that the two are not independent,
    so independence and circularity are counted on these."""


def infer_copies(record: ClaimRecord) -> Inference:
    """The inferred copies of one claim (see the module docstring)."""
    wordings = [
        Wording(node, statement.wording, index)
        for node in sorted(record.support.nodes)
        for index, statement in enumerate(record.statements[node])
        if statement.stance is not Stance.DISPUTES
    ]
    judged = [
        copy
        for shared in find_reuse(wordings)[:MAX_JUDGED]
        if (copy := _judge(shared, record)) is not None
    ]
    links: dict[frozenset[str], InferredCopy] = {}
    for copy in judged:
        links.setdefault(frozenset((copy.later, copy.earlier)), copy)
    return Inference(_shown(judged, record), tuple(sorted(links.values(), key=_order)))


def _judge(shared: SharedWording, record: ClaimRecord) -> InferredCopy | None:
    first, second = shared.first.source, shared.second.source
    if _versions_of_one_page(record.sources[first], record.sources[second], record.sources):
        return None
    takes_from, taken_by = record.reaches(first)
    if second in takes_from or second in taken_by:
        return None  # a recorded chain explains it
    common = takes_from & record.reaches(second)[0]
    if any(not _words_recorded(node, record) for node in common):
        return None  # both name a source whose words the case does not hold: they may be its
    earlier, later, known, reason = _direction(first, second, record.first_seen)
    credited = {node for node in (first, second) if _credited(shared.passage, node, record)}
    if later in credited and (known or earlier in credited):
        return None  # the later one (unordered: each) took the words from a source it names
    if _is_dismissed(later, shared, record) or (
        not known and _is_dismissed(earlier, shared, record)
    ):
        return None
    return InferredCopy(
        later, earlier, shared.passage, shared.shared_words, shared.similarity, known, reason
    )


def _versions_of_one_page(a: Source, b: Source, sources: Mapping[str, Source]) -> bool:
    return _first_version(a, sources) == _first_version(b, sources)


def _first_version(source: Source, sources: Mapping[str, Source]) -> str:
    seen = {source.id}
    while (earlier := source.revision_of) is not None and earlier in sources:
        if earlier in seen:
            break
        seen.add(earlier)
        source = sources[earlier]
    return source.id


def _credited(passage: str, node: str, record: ClaimRecord) -> bool:
    """The passage is in words that `node` credits: the statements of a source it takes
    the claim from (through recorded links), or the wording of its citations, or theirs."""
    folded = " ".join(passage.lower().split())
    takes_from, _ = record.reaches(node)
    return any(
        folded in " ".join(text.lower().split()) for text in _texts(takes_from, node, record)
    )


def _texts(takes_from: set[str], node: str, record: ClaimRecord) -> Iterator[str]:
    for ancestor in takes_from:
        yield from (statement.wording for statement in record.statements.get(ancestor, ()))
    for holder in (node, *takes_from):
        for citation in record.sources[holder].citations:
            if citation.claim == record.claim_id and citation.wording:
                yield citation.wording


def _words_recorded(node: str, record: ClaimRecord) -> bool:
    return any(
        statement.stance is not Stance.DISPUTES for statement in record.statements.get(node, ())
    )


def _direction(
    first: str, second: str, first_seen: Mapping[str, PublicationDate | None]
) -> tuple[str, str, bool, str]:
    """(earlier, later, whether the dates decide, why)."""
    a, b = first_seen.get(first), first_seen.get(second)
    if a is not None and b is not None:
        estimate = ", by an approximate date" if a.approximate or b.approximate else ""
        if a.latest < b.earliest:
            return (
                first,
                second,
                True,
                f"{_dated(first, a)} appeared before {_dated(second, b)}{estimate}",
            )
        if b.latest < a.earliest:
            return (
                second,
                first,
                True,
                f"{_dated(second, b)} appeared before {_dated(first, a)}{estimate}",
            )
    dates = f"{_dated(first, a)}, {_dated(second, b)}"
    return first, second, False, f"the dates cannot tell which came first: {dates}"


def _dated(node: str, date: PublicationDate | None) -> str:
    return f"{node} ({date.label if date else 'date unknown'})"


def _is_dismissed(node: str, shared: SharedWording, record: ClaimRecord) -> bool:
    if record.dismissed is None:
        return False
    texts = {shared.first.text, shared.second.text}
    return any(
        record.dismissed(statement)
        for statement in record.sources[node].statements
        if statement.claim == record.claim_id and statement.wording in texts
    )


def _turned(copy: InferredCopy) -> InferredCopy:
    """The same undirected pair, seen from the other source."""
    return InferredCopy(
        copy.earlier,
        copy.later,
        copy.passage,
        copy.shared_words,
        copy.similarity,
        copy.direction_known,
        copy.reason,
    )


def _shown(judged: list[InferredCopy], record: ClaimRecord) -> tuple[InferredCopy, ...]:
    """For each source, the earlier source it matches best (the equally close others as
    alternatives); and, where some source matches it more closely but the dates cannot
    order the two, that pair too. Each pair is shown once."""
    ordered: dict[str, list[InferredCopy]] = {}
    unordered: dict[str, list[InferredCopy]] = {}
    for copy in judged:
        if copy.direction_known:
            ordered.setdefault(copy.later, []).append(copy)
        else:
            unordered.setdefault(copy.later, []).append(copy)
            unordered.setdefault(copy.earlier, []).append(_turned(copy))
    shown: dict[frozenset[str], InferredCopy] = {}
    for node in sorted(ordered.keys() | unordered.keys()):
        best = _best(ordered.get(node, []), record)
        closer = _best(unordered.get(node, []), record)
        if closer is not None and (best is None or _closer(closer, best)):
            shown.setdefault(frozenset((closer.later, closer.earlier)), closer)
        if best is not None:
            shown.setdefault(frozenset((best.later, best.earlier)), best)
    return tuple(sorted(shown.values(), key=_order))


def _best(options: list[InferredCopy], record: ClaimRecord) -> InferredCopy | None:
    if not options:
        return None
    ranked = sorted(options, key=lambda copy: _rank(copy, record))
    best = ranked[0]
    alternatives = tuple(
        sorted(
            copy.earlier
            for copy in ranked[1:]
            if copy.similarity >= best.similarity - EQUALLY_CLOSE
        )
    )
    return replace(best, alternatives=alternatives)


def _closer(copy: InferredCopy, than: InferredCopy) -> bool:
    return copy.similarity > than.similarity + EQUALLY_CLOSE


def _order(copy: InferredCopy) -> tuple[str, str]:
    return (copy.later, copy.earlier)


def _rank(copy: InferredCopy, record: ClaimRecord) -> tuple[float, int, str, str]:
    seen = record.first_seen.get(copy.earlier)
    return (
        -round(copy.similarity / EQUALLY_CLOSE),
        -copy.shared_words,
        seen.earliest.isoformat() if seen else "9999",
        copy.earlier,
    )
