"""A trace -> plain JSON-ready data, for `provenance trace --format json` and the report.

Edges follow the usual citation direction: `source` cites `target`.
"""

from __future__ import annotations

from typing import Any

from provenance.model import Claim, Source
from provenance.trace import Trace, TracedCitation, TracedSource


def trace_to_json(trace: Trace) -> dict[str, Any]:
    return {
        "case": trace.case_id,
        "claim": _claim(trace.claim),
        "origins": list(trace.origins),
        "independent_origins": trace.independent_origins,
        "longest_chain": list(trace.longest_chain),
        "sources": [_source(item) for item in trace.sources],
        "edges": [_edge(hop) for hop in trace.citations],
        "roots": [
            {
                "origin": root.origin,
                "primary": root.primary,
                "dependants": list(root.dependants),
                "outlets": list(root.outlets),
            }
            for root in trace.roots
        ],
        "cycles": [list(cycle) for cycle in trace.cycles],
        "disputes": [
            {
                "source": dispute.source,
                "wordings": list(dispute.wordings),
                "evidence_claims": list(dispute.evidence_claims),
                "evidence_sources": list(dispute.evidence_sources),
            }
            for dispute in trace.disputes
        ],
        "warnings": [
            {"code": warning.code, "message": warning.message, "sources": list(warning.sources)}
            for warning in trace.warnings
        ],
    }


def _claim(claim: Claim) -> dict[str, Any]:
    data: dict[str, Any] = {"id": claim.id, "statement": claim.statement}
    if claim.verdict is not None:
        data["verdict"] = {"rating": claim.verdict.rating, "rationale": claim.verdict.rationale}
    return data


def _published(source: Source) -> str | None:
    return source.published.text if source.published else None


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
        "primary": source.is_primary,
        "origin": item.is_origin,
        "hops": item.hops,
        "paths": [list(path) for path in item.paths],
        "via": list(item.via),
        "certainty": item.certainty.level.value if item.certainty else None,
        "certainty_estimated": item.certainty.estimated if item.certainty else None,
        "stance": item.stance.value if item.stance else None,
        "wording": item.wording,
        "tainted_by": list(item.tainted_by),
    }


def _edge(hop: TracedCitation) -> dict[str, Any]:
    return {
        "source": hop.citing,
        "target": hop.cited,
        "relation": hop.relation.value,
        "wording": hop.citation.wording,
        "similarity": hop.drift.similarity if hop.drift else None,
        "diff": hop.drift.readable() if hop.drift else None,
        "escalation": hop.escalation,
        "temporal": hop.temporal,
    }
