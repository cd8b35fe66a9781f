"""A trace -> plain JSON-ready data, for `provenance trace --format json` and the report.

Edges follow the usual citation direction: `source` cites `target`. `edges` holds the
recorded citations only; copies inferred from the wording are listed apart, under
`inferred_copies`, each with `"inferred": true`. docs/analysis.md describes every key.
"""

from __future__ import annotations

from typing import Any

from provenance.model import Claim, PublicationDate, Source
from provenance.traced import (
    Dispute,
    Independence,
    InferredCopy,
    Root,
    Trace,
    TracedCitation,
    TracedSource,
    TraceWarning,
)
from provenance.wording import QuoteCheck


def trace_to_json(trace: Trace) -> dict[str, Any]:
    return {
        "case": trace.case_id,
        "claim": _claim(trace.claim),
        "origins": list(trace.origins),
        "independent_origins": trace.independent_origins,
        "independence": _independence(trace.independence),
        "first_appearance": {
            "sources": list(trace.first_appearance),
            "decided": len(trace.first_appearance) == 1,
            "reason": trace.first_appearance_reason,
        },
        "suggested_origins": list(trace.suggested_origins),
        "longest_chain": list(trace.longest_chain),
        "sources": [_source(item) for item in trace.sources],
        "edges": [_edge(hop) for hop in trace.citations],
        "revisions": [{"source": later, "target": earlier} for later, earlier in trace.revisions],
        "inferred_copies": [_copy(copy) for copy in trace.inferred_copies],
        "roots": [_root(root) for root in trace.roots],
        "cycles": [list(cycle) for cycle in trace.cycles],
        "returns": [list(path) for path in trace.returns],
        "returns_with_copies": [list(path) for path in trace.returns_with_copies],
        "disputes": [_dispute(dispute) for dispute in trace.disputes],
        "omissions": [
            {"source": omission.source, "note": omission.note} for omission in trace.omissions
        ],
        "warnings": [_finding(warning) for warning in trace.warnings],
        "notes": [_finding(note) for note in trace.notes],
    }


def _claim(claim: Claim) -> dict[str, Any]:
    data: dict[str, Any] = {"id": claim.id, "statement": claim.statement}
    if claim.verdict is not None:
        data["verdict"] = {"rating": claim.verdict.rating, "rationale": claim.verdict.rationale}
    if claim.subjects:
        data["subjects"] = list(claim.subjects)
    return data


def _date(date: PublicationDate | None) -> str | None:
    return date.text if date else None


def _published(source: Source) -> str | None:
    return _date(source.published)


def _independence(independence: Independence | None) -> dict[str, Any] | None:
    if independence is None:
        return None
    return {
        "recorded": independence.recorded,
        "with_inferred_copies": independence.with_copies,
        "uncountable": independence.uncountable,
        "reporting_only": independence.reporting_only,
        "voices": list(independence.voices),
        "voices_with_inferred_copies": list(independence.voices_with_copies),
    }


def _source(item: TracedSource) -> dict[str, Any]:
    source = item.source
    return {
        "id": item.id,
        "outlet": item.outlet,
        "kind": source.kind.value,
        "title": source.title,
        "authors": list(source.authors),
        "url": source.url,
        "archived_url": source.archived_url,
        "published": _published(source),
        "date_approximate": bool(source.published and source.published.approximate),
        "first_seen": _date(item.first_seen),
        "first_seen_approximate": bool(item.first_seen and item.first_seen.approximate),
        "primary": source.is_primary,
        "origin": item.is_origin,
        "candidate_origin": item.candidate_origin,
        "voice": item.voice_label,
        "hops": item.hops,
        "paths": [list(path) for path in item.paths],
        "via": list(item.via),
        "certainty": item.certainty.level.value if item.certainty else None,
        "certainty_estimated": item.certainty.estimated if item.certainty else None,
        "certainty_cues": list(item.certainty.cues) if item.certainty else [],
        "stance": item.stance.value if item.stance else None,
        "wording": item.wording,
        "tainted_by": list(item.tainted_by),
        "retracted_or_corrected": item.retracted,
    }


def _edge(hop: TracedCitation) -> dict[str, Any]:
    return {
        "source": hop.citing,
        "target": hop.cited,
        "relation": hop.relation.value,
        "wording": hop.citation.wording,
        "similarity": hop.drift.similarity if hop.drift else None,
        "diff": hop.drift.readable() if hop.drift else None,
        "compared": [hop.drift.before, hop.drift.after] if hop.drift else None,
        "escalation": hop.escalation,
        "softening": hop.softening,
        "temporal": hop.temporal,
        "misattributed": hop.misattributed,
        "quotes": [_quote(quote) for quote in hop.quotes],
        "inferred": False,
    }


def _quote(quote: QuoteCheck) -> dict[str, Any]:
    return {
        "quoted": quote.quoted,
        "status": quote.status.value,
        "original": quote.original,
        "similarity": quote.similarity,
        "diff": quote.diff.readable() if quote.diff else None,
    }


def _copy(copy: InferredCopy) -> dict[str, Any]:
    return {
        "source": copy.later,
        "target": copy.earlier,
        "inferred": True,
        "direction_known": copy.direction_known,
        "passage": copy.passage,
        "shared_words": copy.shared_words,
        "similarity": copy.similarity,
        "reason": copy.reason,
        "alternatives": list(copy.alternatives),
    }


def _root(root: Root) -> dict[str, Any]:
    return {
        "origin": root.origin,
        "decided": root.decided,
        "candidates": list(root.candidates),
        "members": list(root.members),
        "reason": root.reason,
        "voice": root.voice,
        "first_seen": _date(root.first_seen),
        "primary": root.primary,
        "dependants": list(root.dependants),
        "outlets": list(root.outlets),
    }


def _dispute(dispute: Dispute) -> dict[str, Any]:
    return {
        "source": dispute.source,
        "wordings": list(dispute.wordings),
        "evidence_claims": list(dispute.evidence_claims),
        "evidence_sources": list(dispute.evidence_sources),
        "by_subject": list(dispute.by_subject),
        "by_origin_author": list(dispute.by_origin_author),
    }


def _finding(finding: TraceWarning) -> dict[str, Any]:
    return {"code": finding.code, "message": finding.message, "sources": list(finding.sources)}
