"""Each hop of a claim: the wording's drift, its quotations, its certainty, its date.

A hop is one citation that passes the claim on (or disputes it). Its drift compares the
cited source's statement with the citing words that retell it best; its quotations are
held to every word the case records of the cited source; its certainty change (hardening
or softening) compares the two sources' certainty; a dispute gets neither. A citation of
a source recorded as leaving the claim out is a misattribution. docs/analysis.md gives
the rules.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from provenance.graph import CITATION
from provenance.model import Certainty, Citation, Relation, Source, Stance
from provenance.traced import CertaintyChange, TracedCitation, TracedSource
from provenance.wording import (
    QuoteCheck,
    WordingDrift,
    best_pair,
    check_quotation,
    quoted_passages,
    word_drift,
)


def traced_citations(
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
                misattributed=not disputed and traced[cited].source.leaves_out(citation.claim),
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
