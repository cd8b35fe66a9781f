"""A trace -> a readable tree for the terminal.

Each origin is a root; below it, the sources that took the claim from it, and so on
outward, with dates, outlets, certainty and wording. A source reached twice is printed
in full once and referred back to after that, so a dense graph stays short.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Relation
from provenance.render.common import shorten
from provenance.text import plural, printable
from provenance.trace import Trace, TracedCitation, TracedSource

WORDING_WIDTH = 110


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
        f"{' → '.join(trace.longest_chain) or 'none'}"
    )
    yield ""
    children = _children(trace)
    shown: set[str] = set()
    for origin in trace.origins:
        yield from _subtree(trace, trace.source(origin), None, children, shown, "", "")
    rest = [item for item in trace.sources if item.id not in shown]
    if rest:
        yield ""
        yield "Not reached from an origin (disputing, or only in a cycle):"
        for item in rest:
            yield from _subtree(trace, item, None, children, shown, "", "")
    yield from _footer(trace)


def _children(trace: Trace) -> dict[str, list[TracedCitation]]:
    children: dict[str, list[TracedCitation]] = {}
    order = {item.id: index for index, item in enumerate(trace.sources)}
    for hop in trace.citations:
        children.setdefault(hop.cited, []).append(hop)
    for hops in children.values():
        hops.sort(key=lambda hop: order[hop.citing])
    return children


def _subtree(
    trace: Trace,
    item: TracedSource,
    via: TracedCitation | None,
    children: dict[str, list[TracedCitation]],
    shown: set[str],
    first: str,
    rest: str,
) -> Iterator[str]:
    arrow = _arrow(via)
    if item.id in shown:
        yield f"{first}{arrow}{item.id} (shown above)"
        return
    shown.add(item.id)
    yield f"{first}{arrow}{_headline(item)}"
    for line in _details(item, via):
        yield f"{rest}{'│  ' if children.get(item.id) else '   '}{line}"
    hops = children.get(item.id, [])
    for index, hop in enumerate(hops):
        last = index == len(hops) - 1
        yield from _subtree(
            trace,
            trace.source(hop.citing),
            hop,
            children,
            shown,
            rest + ("└─ " if last else "├─ "),
            rest + ("   " if last else "│  "),
        )


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
