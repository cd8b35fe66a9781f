"""A trace -> a readable tree for the terminal.

Each origin is a root; below it, the sources that took the claim from it, and so on
outward, with dates, outlets, certainty and wording. A source reached twice is printed
in full once and referred back to after that, so a dense graph stays short.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Relation
from provenance.render.common import chain_text, shorten
from provenance.text import plural, printable
from provenance.trace import Trace, TracedCitation, TracedSource

WORDING_WIDTH = 110
INDENT_LEVELS = 24
"""Levels of the tree that indent further; deeper ones keep the indentation they reached."""


def trace_to_text(trace: Trace) -> str:
    # Each line through `printable`: wording from a case file may hold escape sequences.
    return "\n".join(printable(line) for line in _lines(trace)) + "\n"


def _lines(trace: Trace) -> Iterator[str]:
    yield f"Claim {trace.claim.id}: {trace.claim.statement}"
    if trace.claim.verdict is not None:
        yield f"Verdict: {trace.claim.verdict.rating}"
    yield (
        f"{plural(len(trace.sources), 'source')}, {plural(len(trace.origins), 'origin')}, "
        f"{trace.independent_origins} independent; longest chain: "
        f"{chain_text(trace.longest_chain) or 'none'}"
    )
    yield ""
    tree = _Tree(trace)
    for origin in trace.origins:
        yield from tree.lines(tree.sources[origin])
    rest = [item for item in trace.sources if item.id not in tree.shown]
    if rest:
        yield ""
        yield "Not reached from an origin (disputing, or only in a cycle):"
        for item in rest:
            yield from tree.lines(item)
    yield from _footer(trace)


class _Tree:
    """The trace drawn as a tree from each root outward, each source in full once.

    Walked with a stack rather than by recursion, so a chain of 10,000 citations draws
    as easily as one of three; past INDENT_LEVELS levels the indentation stops growing,
    so such a chain takes 10,000 lines, not 10,000 ever longer ones."""

    def __init__(self, trace: Trace) -> None:
        self.sources = {item.id: item for item in trace.sources}
        self.children: dict[str, list[TracedCitation]] = {}
        order = {item.id: index for index, item in enumerate(trace.sources)}
        for hop in trace.citations:
            self.children.setdefault(hop.cited, []).append(hop)
        for hops in self.children.values():
            hops.sort(key=lambda hop: order[hop.citing])
        self.shown: set[str] = set()

    def lines(self, root: TracedSource) -> Iterator[str]:
        # Each frame: a source, the citation it was reached by, its depth, the prefix
        # of its own line and the prefix of the lines below it.
        stack: list[tuple[TracedSource, TracedCitation | None, int, str, str]] = [
            (root, None, 0, "", "")
        ]
        while stack:
            item, via, depth, first, rest = stack.pop()
            arrow = _arrow(via)
            if item.id in self.shown:
                yield f"{first}{arrow}{item.id} (shown above)"
                continue
            self.shown.add(item.id)
            yield f"{first}{arrow}{_headline(item)}"
            hops = self.children.get(item.id, [])
            for line in _details(item, via):
                yield f"{rest}{'│  ' if hops else '   '}{line}"
            if hops and depth == INDENT_LEVELS:
                yield f"{rest}   (deeper than {INDENT_LEVELS} levels: drawn without more indent)"
            stack += reversed(list(self._below(hops, depth, rest)))

    def _below(
        self, hops: list[TracedCitation], depth: int, rest: str
    ) -> Iterator[tuple[TracedSource, TracedCitation, int, str, str]]:
        for index, hop in enumerate(hops):
            last = index == len(hops) - 1
            first = rest + ("└─ " if last else "├─ ")
            below = rest + ("   " if last else "│  ")
            if depth >= INDENT_LEVELS:
                first, below = rest + ("└─ " if last else "├─ "), rest
            yield self.sources[hop.citing], hop, depth + 1, first, below


def _arrow(via: TracedCitation | None) -> str:
    if via is None:
        return "● "
    mark = " ▲" if via.escalation else ""
    return f"{via.relation.value}{mark} → "


def _headline(item: TracedSource) -> str:
    source = item.source
    parts = [item.id, item.outlet]
    if source.authors:
        parts.append(", ".join(source.authors))
    if source.published:
        parts.append(source.published.label)
    else:
        parts.append("date unknown")
    parts.append(source.kind.value + (", primary" if source.is_primary else ""))
    if item.certainty:
        parts.append(item.certainty.level.value + (" (est.)" if item.certainty.estimated else ""))
    if item.stance:
        parts.append(item.stance.value)
    return " · ".join(parts)


def _details(item: TracedSource, via: TracedCitation | None) -> Iterator[str]:
    if item.wording:
        yield f"says: “{shorten(item.wording, WORDING_WIDTH)}”"
    if via is not None and via.citation.wording and via.relation is not Relation.DISPUTES:
        yield f"cites it as: “{shorten(via.citation.wording, WORDING_WIDTH)}”"
    if via is not None and via.drift is not None and via.drift.similarity < 1:
        yield f"wording drift (similarity {via.drift.similarity:.2f}): " + shorten(
            via.drift.readable(), WORDING_WIDTH
        )
    if item.tainted_by:
        yield f"relies on retracted/corrected: {', '.join(item.tainted_by)}"


def _footer(trace: Trace) -> Iterator[str]:
    if trace.disputes:
        yield ""
        yield "Disputed by:"
        for dispute in trace.disputes:
            evidence = ""
            if dispute.evidence_claims:
                evidence = f" with {', '.join(dispute.evidence_claims)}"
                if dispute.evidence_sources:
                    evidence += f" (from {', '.join(dispute.evidence_sources)})"
            yield f"  {dispute.source}{evidence}"
            for wording in dispute.wordings:
                yield f"    “{shorten(wording, WORDING_WIDTH)}”"
    if trace.warnings:
        yield ""
        yield "Warnings:"
        for warning in trace.warnings:
            yield f"  [{warning.code}] {warning.message}"
