"""What an export covers (the whole case, or the trace of one claim) and how it names
a source.

Every exporter starts here, so an unknown claim id means the same thing in every format.
The graph is the citation graph of `graph.py`; a claim's part of it is `claim_subgraph`,
the same sources and citations `trace.py` traces.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from provenance.graph import citation_graph, claim_subgraph, outlet_name
from provenance.model import Case, Claim, Source
from provenance.problems import ClaimNotFound, nearest_ids
from provenance.trace import trace_claim
from provenance.traced import InferredCopy


def find_claim(case: Case, claim_id: str) -> Claim:
    """The case's claim with this id; ClaimNotFound (with a did-you-mean hint) if none."""
    for claim in case.claims:
        if claim.id == claim_id:
            return claim
    known = [claim.id for claim in case.claims]
    raise ClaimNotFound(f"case '{case.id}' has no claim '{claim_id}'{nearest_ids(claim_id, known)}")


def scoped_graph(case: Case, claim_id: str | None) -> nx.MultiDiGraph:
    """The citation graph of the whole case, or of one claim when `claim_id` is given."""
    graph = citation_graph(case)
    if claim_id is None:
        return graph
    return claim_subgraph(graph, find_claim(case, claim_id).id)


def caption(case: Case, source: Source) -> str:
    """A short name for a source: its outlet and, where it differs, its first author
    ("Salon · Bob Cesca"), so that three posts on one platform can be told apart."""
    outlet = outlet_name(case, source)
    author = source.authors[0] if source.authors else None
    return f"{outlet} · {author}" if author and author != outlet else outlet


def inferred_copies(case: Case, claim_id: str | None) -> Iterator[tuple[InferredCopy, str]]:
    """The copies the trace infers from the wording, with the claim of each, for every
    claim in scope (exports mark them as inferred, never as citations)."""
    graph = citation_graph(case)
    claims = [find_claim(case, claim_id)] if claim_id is not None else case.claims
    for claim in claims:
        for copy in trace_claim(case, claim.id, graph).inferred_copies:
            yield copy, claim.id
