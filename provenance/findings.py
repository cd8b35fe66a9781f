"""What a trace warns about, and what it only notes, each in words a fact-checker can use.

Warnings point at a weakness in how the claim is supported: one voice behind many
outlets, a chain that never reaches a primary source, a loop, copying that names no
source, a misquotation, a claim that hardened, a denial by the claim's subject or the
author of its origin, a retraction. Notes record findings that are not weaknesses: a
claim softened in the retelling, a quotation that cannot be checked against the record.
Each message names the sources it rests on; docs/analysis.md gives every rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from provenance.codes import Code
from provenance.text import plural
from provenance.traced import Root, Trace, TracedCitation, TracedSource, TraceWarning
from provenance.wording import QuoteStatus

SINGLE_ORIGIN_OUTLETS = 2
"""Outlets besides the origin's that must repeat a claim before a single voice behind it
is worth a warning."""


def trace_warnings(trace: Trace) -> tuple[tuple[TraceWarning, ...], tuple[TraceWarning, ...]]:
    """The warnings and the notes of a trace."""
    traced = {item.id: item for item in trace.sources}
    warnings = [
        *_origin_warnings(trace, traced),
        *_circular_warnings(trace),
        *_copy_warnings(trace),
        *_misquote_warnings(trace),
        *_misattribution_warnings(trace),
        *(_temporal_warning(hop, traced) for hop in trace.citations if hop.temporal),
        *_certainty_warnings(trace, traced, escalation=True),
        *_dispute_warnings(trace),
        *_amendment_warnings(trace, traced),
    ]
    notes = [*_certainty_warnings(trace, traced, escalation=False), *_unchecked_quotes(trace)]
    return tuple(warnings), tuple(notes)


# --- origins and independence --------------------------------------------------------------


def _origin_warnings(trace: Trace, traced: Mapping[str, TracedSource]) -> Iterator[TraceWarning]:
    carrier_outlets = {item.outlet for item in traced.values() if item.carries}
    if not trace.roots and carrier_outlets:
        # Cannot happen since loops are condensed; kept so a broken invariant is visible.
        yield TraceWarning(Code.NO_ORIGIN, "no source originates the claim")
    for root in trace.roots:
        if not root.decided:
            yield TraceWarning(
                Code.ORIGIN_UNDETERMINED,
                f"where the claim entered the record cannot be told: {root.reason}; "
                "a firm date on each would decide it",
                root.candidates,
            )
    yield from _single_origin(trace, traced, carrier_outlets)
    ungrounded = [root for root in trace.roots if not root.primary]
    if ungrounded:
        yield _ungrounded(trace, ungrounded)


def _ungrounded(trace: Trace, roots: list[Root]) -> TraceWarning:
    """One warning for every chain that ends at a secondary source citing nothing."""
    ends = [root.origin or " or ".join(root.candidates) for root in roots]
    copied = {copy.later for copy in trace.inferred_copies if copy.direction_known}
    listed = ", ".join(
        f"{end} (which the wording suggests copied)" if end in copied else end for end in ends
    )
    scope = "no chain" if len(roots) == len(trace.roots) else "not every chain"
    return TraceWarning(
        Code.UNGROUNDED,
        f"{scope} reaches a primary source: the chains through {listed} end at a secondary "
        "source that cites nothing for the claim",
        tuple(
            dict.fromkeys(node for root in roots for node in (*root.candidates, *root.dependants))
        ),
    )


def _single_origin(
    trace: Trace, traced: Mapping[str, TracedSource], carrier_outlets: set[str]
) -> Iterator[TraceWarning]:
    """ "Twelve outlets, one source": once at least two other outlets repeat what one
    voice says, as recorded or as the wording suggests."""
    independence = trace.independence
    if independence is None or not trace.roots or independence.uncountable:
        return
    recorded = tuple(node for root in trace.roots for node in root.candidates)
    if independence.recorded == 1:
        repeating = carrier_outlets - {traced[node].outlet for node in recorded}
        if len(repeating) >= SINGLE_ORIGIN_OUTLETS:
            yield TraceWarning(
                Code.SINGLE_ORIGIN,
                f"{len(repeating)} outlets repeat it and every chain leads back to one "
                f"source: {independence.voices[0]} ({', '.join(recorded)})",
                recorded,
            )
    elif independence.with_copies == 1:
        suggested = trace.suggested_origins
        repeating = carrier_outlets - {traced[node].outlet for node in suggested}
        if len(repeating) >= SINGLE_ORIGIN_OUTLETS:
            yield TraceWarning(
                Code.SINGLE_ORIGIN,
                f"{plural(independence.recorded, 'independent origin')} as recorded, but the "
                f"wording suggests one: {len(repeating)} outlets repeat "
                f"{independence.voices_with_copies[0]} ({', '.join(suggested)}), most without "
                "saying so",
                suggested,
            )


# --- loops and returns ------------------------------------------------------------------


def _circular_warnings(trace: Trace) -> Iterator[TraceWarning]:
    for cycle in trace.cycles:
        yield TraceWarning(
            Code.CIRCULAR,
            "circular reporting: the citations run in a loop: " + " → ".join((*cycle, cycle[0])),
            cycle,
        )
    for path in trace.returns:
        yield TraceWarning(
            Code.CIRCULAR,
            f"circular reporting: the claim leaves {trace.source(path[0]).voice_label} and "
            f"comes back to it: {' → '.join(path)}",
            path,
        )
    for path in trace.returns_with_copies:
        yield TraceWarning(
            Code.CIRCULAR,
            f"circular reporting, as the wording suggests: the claim leaves "
            f"{trace.source(path[0]).voice_label} and comes back to it through an "
            f"inferred copy: {' → '.join(path)}",
            path,
        )


# --- copies and quotations ----------------------------------------------------------------


def _copy_warnings(trace: Trace) -> Iterator[TraceWarning]:
    for copy in trace.inferred_copies:
        evidence = (
            f"“{_short(copy.passage)}” ({plural(copy.shared_words, 'word')} in a row, "
            f"similarity {copy.similarity:.2f})"
        )
        if copy.direction_known:
            message = (
                f"{copy.later} reproduces the wording of {copy.earlier} without citing it: "
                f"{evidence}; {copy.reason}. Record the citation if it took the claim "
                "from there, or acknowledge with # provenance: ignore[inferred-copy]"
            )
        else:
            message = (
                f"{copy.later} and {copy.earlier} share their wording and neither cites "
                f"the other: {evidence}; {copy.reason}"
            )
        yield TraceWarning(Code.INFERRED_COPY, message, (copy.later, copy.earlier))


def _misquote_warnings(trace: Trace) -> Iterator[TraceWarning]:
    for hop in trace.citations:
        for quote in hop.misquotes:
            assert quote.diff is not None
            yield TraceWarning(
                Code.MISQUOTE,
                f"{hop.citing} quotes {hop.cited} with words changed: "
                f"{_short(quote.diff.readable(), 300)}",
                (hop.citing, hop.cited),
            )


def _misattribution_warnings(trace: Trace) -> Iterator[TraceWarning]:
    for hop in trace.citations:
        if hop.misattributed:
            yield TraceWarning(
                Code.MISATTRIBUTED,
                f"{hop.citing} attributes the claim to {hop.cited}, which the record says "
                "left it out: the citation does not support it",
                (hop.citing, hop.cited),
            )


def _unchecked_quotes(trace: Trace) -> Iterator[TraceWarning]:
    for hop in trace.citations:
        missing = [quote for quote in hop.quotes if quote.status is QuoteStatus.NOT_FOUND]
        if missing:
            yield TraceWarning(
                Code.UNCHECKED_QUOTE,
                f"{hop.citing} quotes “{_short(missing[0].quoted)}” from {hop.cited}, whose "
                "recorded words do not hold it: the quotation cannot be checked here",
                (hop.citing, hop.cited),
            )


# --- certainty, time ---------------------------------------------------------------------


def _certainty_warnings(
    trace: Trace, traced: Mapping[str, TracedSource], *, escalation: bool
) -> Iterator[TraceWarning]:
    pairs = sorted(
        {
            (hop.citing, hop.cited)
            for hop in trace.citations
            if (hop.escalation if escalation else hop.softening)
        }
    )
    code, verb = (
        (Code.ESCALATION, "states it as") if escalation else (Code.SOFTENING, "tempers it to")
    )
    for citing_id, cited_id in pairs:
        citing, cited = traced[citing_id], traced[cited_id]
        yield TraceWarning(
            code,
            f"{citing.outlet} ({citing.id}) {verb} {certainty_summary(citing)} but relies "
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


def _temporal_warning(hop: TracedCitation, traced: Mapping[str, TracedSource]) -> TraceWarning:
    citing, cited = traced[hop.citing].source, traced[hop.cited].source
    assert citing.published is not None
    assert cited.published is not None
    approximate = citing.published.approximate or cited.published.approximate
    return TraceWarning(
        Code.TEMPORAL,
        f"{hop.citing} ({citing.published.text}) cites {hop.cited}, dated later "
        f"({cited.published.text}){'; one of the dates is approximate' if approximate else ''}",
        (hop.citing, hop.cited),
    )


# --- disputes and amendments ---------------------------------------------------------------


def _dispute_warnings(trace: Trace) -> Iterator[TraceWarning]:
    for dispute in trace.disputes:
        if dispute.by_subject:
            yield TraceWarning(
                Code.DENIED_BY_SUBJECT,
                f"denied by its subject: {', '.join(dispute.by_subject)} ({dispute.source})",
                (dispute.source,),
            )
        if dispute.by_origin_author:
            yield TraceWarning(
                Code.DISPUTED_BY_ORIGIN,
                "disputed by the author or publisher of its origin: "
                f"{', '.join(dispute.by_origin_author)} ({dispute.source})",
                (dispute.source,),
            )


def _amendment_warnings(trace: Trace, traced: Mapping[str, TracedSource]) -> Iterator[TraceWarning]:
    origins = set(trace.first_appearance)
    for item in trace.sources:
        if not item.retracted:
            continue
        source = item.source
        code = Code.RETRACTED if source.retracted is not None else Code.CORRECTED
        dependants = sorted(node for node, other in traced.items() if item.id in other.tainted_by)
        relying = f"; relying on it: {', '.join(dependants)}" if dependants else ""
        where = ""
        if item.id in origins:
            decided = len(trace.first_appearance) == 1
            where = " (where the claim started)" if decided else " (where it may have started)"
        yield TraceWarning(code, f"{item.id}{where} was {code}{relying}", (item.id, *dependants))


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
