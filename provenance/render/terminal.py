"""A trace -> readable text for a terminal of a given width.

First what a fact-checker asks: where the claim started, how many independent voices
stand behind it (as recorded, and as the wording suggests), the longest chain. Then the
spread as a tree from each root outward, roots in order of first appearance, each child
line saying who took the claim from its parent and how ("quoted by salon-cesca"). A
source reached twice is printed in full once and referred back to after that. Then the
inferred copies, the disputes, who left the claim out, the warnings and the notes.

The tree is walked with an explicit stack (a chain of 10,000 citations prints like one of
three), and every line is wrapped or shortened to the width (80 when unknown).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from provenance.model import Relation
from provenance.text import plural, printable
from provenance.traced import InferredCopy, Trace, TracedCitation, TracedSource

DEFAULT_WIDTH = 80
MIN_WIDTH = 40
WORDING_LIMIT = 240
"""Characters of a wording shown before it is shortened (the report shows it whole)."""

TAKEN_BY: Mapping[Relation, str] = {
    Relation.QUOTES: "quoted by",
    Relation.PARAPHRASES: "paraphrased by",
    Relation.LINKS: "linked by",
    Relation.USES_DATA: "data used by",
    Relation.DISPUTES: "disputed by",
}
REVISED_AS = "revised as"
COPIED_BY = "copied (inferred) by"


@dataclass(frozen=True)
class _Edge:
    """A line of the tree: the claim passing from a source to one that took it, by one
    or more citations between the two ("paraphrased and quoted by salon-cesca")."""

    taker: str
    verb: str
    hops: tuple[TracedCitation, ...] = ()


def trace_to_text(trace: Trace, width: int = DEFAULT_WIDTH) -> str:
    """The trace as text no wider than `width` (every line made printable)."""
    width = max(width, MIN_WIDTH)
    return "\n".join(printable(line) for line in _lines(trace, width)) + "\n"


def _lines(trace: Trace, width: int) -> Iterator[str]:
    yield from _wrap(f"Claim {trace.claim.id}: {trace.claim.statement}", width)
    if trace.claim.verdict is not None:
        yield from _wrap(f"Verdict: {trace.claim.verdict.rating}", width)
    yield from _summary(trace, width)
    yield ""
    yield from _tree(trace, width)
    yield from _copies(trace, width)
    yield from _footer(trace, width)


def _summary(trace: Trace, width: int) -> Iterator[str]:
    yield from _wrap(f"Started: {_started(trace)}", width, "  ")
    independence = trace.independence
    if independence is not None:
        recorded = plural(independence.recorded, "independent origin")
        text = f"{recorded} as recorded ({', '.join(independence.voices) or 'none'})"
        if independence.with_copies != independence.recorded or trace.inferred_copies:
            text += f"; the wording suggests {independence.with_copies}"
        extra = []
        if independence.uncountable:
            extra.append(
                f"{plural(independence.uncountable, 'root')} standing for several unnamed "
                "publications, which cannot be counted"
            )
        if independence.reporting_only:
            extra.append(f"{plural(independence.reporting_only, 'root')} only reporting it")
        if extra:
            text += f" (besides: {'; '.join(extra)})"
        yield from _wrap(f"Voices: {text}", width, "  ")
    chain = " → ".join(trace.longest_chain) or "none"
    yield from _wrap(f"{plural(len(trace.sources), 'source')}; longest chain: {chain}", width, "  ")


def _started(trace: Trace) -> str:
    if not trace.first_appearance:
        return "nowhere in the record"
    if len(trace.first_appearance) == 1:
        node = trace.first_appearance[0]
        seen = trace.source(node).first_seen
        return f"{node} ({seen.label if seen else 'date unknown'})"
    return f"cannot tell: {trace.first_appearance_reason}"


# --- the tree -----------------------------------------------------------------------------


def _children(trace: Trace) -> dict[str, list[_Edge]]:
    """For each source, the sources that took the claim from it, in time order."""
    children: dict[str, list[_Edge]] = {}
    disputing = {item.id for item in trace.sources if item.disputes}
    pairs: dict[tuple[str, str], list[TracedCitation]] = {}
    for hop in trace.citations:
        if hop.relation is not Relation.DISPUTES and hop.citing not in disputing:
            pairs.setdefault((hop.cited, hop.citing), []).append(hop)
    for (cited, citing), hops in pairs.items():
        children.setdefault(cited, []).append(_Edge(citing, _verbs(hops), tuple(hops)))
    for later, earlier in trace.revisions:
        children.setdefault(earlier, []).append(_Edge(later, REVISED_AS))
    for copy in trace.inferred_copies:
        if copy.direction_known:
            children.setdefault(copy.earlier, []).append(_Edge(copy.later, COPIED_BY))
    order = {item.id: index for index, item in enumerate(trace.sources)}
    for edges in children.values():
        edges.sort(key=lambda edge: (order[edge.taker], edge.verb))
    return children


def _verbs(hops: list[TracedCitation]) -> str:
    """ "quoted by", or "paraphrased and quoted by" for several citations of one pair."""
    words = list(dict.fromkeys(TAKEN_BY[hop.relation].removesuffix(" by") for hop in hops))
    joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{joined} by"


def _tree(trace: Trace, width: int) -> Iterator[str]:
    children = _children(trace)
    shown: set[str] = set()
    roots = [node for root in trace.roots for node in root.candidates]
    for node in dict.fromkeys(roots):
        yield from _subtree(trace, node, children, shown, width)
    rest = [item for item in trace.sources if item.id not in shown and item.carries]
    if rest:
        yield ""
        yield "Reached only through a loop:"
        for item in rest:
            yield from _subtree(trace, item.id, children, shown, width)


def _subtree(
    trace: Trace, root: str, children: Mapping[str, list[_Edge]], shown: set[str], width: int
) -> Iterator[str]:
    # (source, how it was reached, its depth, prefix of its own line, of the lines below)
    stack: list[tuple[str, _Edge | None, int, str, str]] = [(root, None, 0, "", "")]
    deepest = max(2, width // 9)  # a third of the width for the tree, three columns a level
    while stack:
        node, via, depth, first, rest = stack.pop()
        item = trace.source(node)
        mark = "● " if via is None else f"{via.verb} "
        if node in shown:
            why = " (cites nothing for it; shown above)" if via is None else " (shown above)"
            yield _fit(f"{first}{mark}{node}{why}", width)
            continue
        shown.add(node)
        yield from _wrap(f"{first}{mark}{_headline(item, via)}", width, rest + "   ")
        edges = children.get(node, [])
        bar = "│  " if edges else "   "
        for line in _details(item, via):
            yield from _wrap(line, width, rest + bar, rest + bar)
        for index in reversed(range(len(edges))):
            stack.append(
                (
                    edges[index].taker,
                    edges[index],
                    depth + 1,
                    *_prefixes(
                        rest, last=index == len(edges) - 1, depth=depth + 1, deepest=deepest
                    ),
                )
            )


def _prefixes(rest: str, *, last: bool, depth: int, deepest: int) -> tuple[str, str]:
    """The prefixes of a child's line and of the lines below it. Past `deepest` levels
    the tree stops indenting (a chain of 10,000 citations would otherwise push its words
    off the screen) and each line says its depth instead."""
    if depth > deepest:
        return f"{rest}⋯{depth} ", rest
    return rest + ("└─ " if last else "├─ "), rest + ("   " if last else "│  ")


def _headline(item: TracedSource, via: _Edge | None) -> str:
    source = item.source
    parts = [item.id] + ([item.voice_label] if item.voice_label != item.id else [])
    authors = ", ".join(source.authors)
    if (
        authors
        and authors != item.voice_label
        and not (item.voice and item.voice.key.startswith("person:"))
    ):
        parts.append(authors)
    seen = item.first_seen
    parts.append(seen.label if seen else "date unknown")
    parts.append(source.kind.value + (", primary" if source.is_primary else ""))
    if item.certainty:
        parts.append(item.certainty.level.value + (" (est.)" if item.certainty.estimated else ""))
    if item.stance:
        parts.append(item.stance.value)
    if item.candidate_origin:
        parts.append("could be the origin")
    hops = via.hops if via is not None else ()
    marks = " ▲ hardened" if any(hop.escalation for hop in hops) else ""
    marks += " ▼ softened" if any(hop.softening for hop in hops) else ""
    return " · ".join(parts) + marks


def _details(item: TracedSource, via: _Edge | None) -> Iterator[str]:
    if item.wording:
        yield f"says: “{_short(item.wording)}”"
    for hop in via.hops if via is not None else ():
        yield from _hop_details(hop)
    if item.tainted_by:
        yield f"relies on a retracted or corrected source: {', '.join(item.tainted_by)}"


def _hop_details(hop: TracedCitation) -> Iterator[str]:
    if hop.citation.wording:
        yield f"cites it as: “{_short(hop.citation.wording)}”"
    drift = hop.drift
    if drift is not None and drift.similarity < 1:
        yield f"wording drift (similarity {drift.similarity:.2f}): {_short(drift.readable())}"
    for quote in hop.misquotes:
        assert quote.diff is not None
        yield f"misquote: {_short(quote.diff.readable())}"
    if hop.misattributed:
        yield "misattributed: the cited source is recorded as leaving the claim out"


# --- copies, disputes, omissions, findings ------------------------------------------------


def _copies(trace: Trace, width: int) -> Iterator[str]:
    if not trace.inferred_copies:
        return
    yield ""
    yield "Copies inferred from the wording (not recorded as citations):"
    for copy in trace.inferred_copies:
        yield from _wrap(f"  {_copy_line(copy)}", width, "    ")
        yield from _wrap(f"    shared: “{_short(copy.passage)}”", width, "      ")


def _copy_line(copy: InferredCopy) -> str:
    evidence = f"{plural(copy.shared_words, 'word')} in a row, similarity {copy.similarity:.2f}"
    also = f" (or {', '.join(copy.alternatives)}: as close)" if copy.alternatives else ""
    if copy.direction_known:
        return f"{copy.later} ⇠ {copy.earlier}{also}: {evidence}; {copy.reason}"
    return f"{copy.later} ⇠⇢ {copy.earlier}{also}: {evidence}; {copy.reason}"


def _footer(trace: Trace, width: int) -> Iterator[str]:
    if trace.disputes:
        yield ""
        yield "Disputed by:"
        for dispute in trace.disputes:
            who = []
            if dispute.by_subject:
                who.append(f"its subject {', '.join(dispute.by_subject)}")
            if dispute.by_origin_author:
                who.append(f"{', '.join(dispute.by_origin_author)}, from where it started")
            evidence = ""
            if dispute.evidence_claims:
                evidence = f", with its counter-claims {', '.join(dispute.evidence_claims)}"
                if dispute.evidence_sources:
                    evidence += f" (citing {', '.join(dispute.evidence_sources)})"
            speakers = f" — by {'; '.join(who)}" if who else ""
            yield from _wrap(f"  {dispute.source}{evidence}{speakers}", width, "    ")
            for wording in dispute.wordings:
                yield from _wrap(f"    “{_short(wording)}”", width, "     ")
    if trace.omissions:
        yield ""
        yield "Covered the story without the claim:"
        for omission in trace.omissions:
            note = f": {omission.note}" if omission.note else ""
            yield from _wrap(f"  {omission.source}{note}", width, "    ")
    for title, findings in (("Warnings:", trace.warnings), ("Notes:", trace.notes)):
        if findings:
            yield ""
            yield title
            for finding in findings:
                yield from _wrap(f"  [{finding.code}] {finding.message}", width, "    ")


# --- width ----------------------------------------------------------------------------------


_DIRECTIVE = "# provenance: ignore["
_KEPT_TOGETHER = _DIRECTIVE.replace(" ", "\u00a0")


def _wrap(text: str, width: int, indent: str = "", first_indent: str = "") -> Iterator[str]:
    """`text` wrapped to `width`, continuation lines indented by `indent`. A prefix too
    wide to leave room for words (a very deep tree) is shortened instead. An
    acknowledgement directive is never broken, so it can be copied as it stands."""
    if _DIRECTIVE in text:
        kept = text.replace(_DIRECTIVE, _KEPT_TOGETHER)
        for line in _wrap(kept, width, indent, first_indent):
            yield line.replace(_KEPT_TOGETHER, _DIRECTIVE)
        return
    initial = first_indent
    if len(indent) > width - 20:
        yield _fit(initial + text, width)
        return
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=initial,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    )
    yield from lines or [initial.rstrip()]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(text: str, limit: int = WORDING_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
