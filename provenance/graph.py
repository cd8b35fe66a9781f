"""The citation graph of a case, as networkx graphs.

Sources are nodes; each citation is an edge from the citing source to the cited one,
keyed by claim, so one pair of sources can be linked for several claims. The attribute
names are constants here so that the analyses and exports agree on them. (The outlet
graph, which folds sources into outlets and accounts, is a drawing's concern: see
render/speakers.py.)
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from provenance.model import Case, Relation, Source

# Node attributes
SOURCE = "source"
KIND = "kind"
OUTLET = "outlet"
AUTHORS = "authors"
TITLE = "title"
URL = "url"
PUBLISHED = "published"
# Edge attributes
CLAIM = "claim"
RELATION = "relation"
WORDING = "wording"
CITATION = "citation"


def citation_graph(case: Case) -> nx.MultiDiGraph:
    """Every source as a node and every citation as an edge citing -> cited, keyed by claim.

    The node attribute SOURCE holds the model object; the others are plain values, so
    exporters can write them as they are.
    """
    graph = nx.MultiDiGraph(case=case.id, title=case.title)
    for source in sorted(case.sources, key=lambda item: item.id):
        graph.add_node(source.id, **_node_attributes(source))
    for source in sorted(case.sources, key=lambda item: item.id):
        for citation in source.citations:
            graph.add_edge(
                source.id,
                citation.cites,
                key=f"{citation.claim}:{citation.relation.value}",
                **{
                    CLAIM: citation.claim,
                    RELATION: citation.relation.value,
                    WORDING: citation.wording or "",
                    CITATION: citation,
                },
            )
    return graph


def _node_attributes(source: Source) -> dict[str, object]:
    return {
        SOURCE: source,
        KIND: source.kind.value,
        OUTLET: source.outlet or "",
        AUTHORS: "; ".join(source.authors),
        TITLE: source.title or "",
        URL: source.url or "",
        PUBLISHED: source.published.text if source.published else "",
    }


def claim_subgraph(graph: nx.MultiDiGraph, claim_id: str) -> nx.MultiDiGraph:
    """The sources that state or carry one claim, and the citations between them for it."""
    edges = [
        (citing, cited, key)
        for citing, cited, key, claim in graph.edges(keys=True, data=CLAIM)
        if claim == claim_id
    ]
    stating = [
        node
        for node, source in graph.nodes(data=SOURCE)
        if any(statement.claim == claim_id for statement in source.statements)
    ]
    # Built node by node in sorted order: networkx's edge_subgraph view can iterate its
    # nodes in set order, which changes with the hash seed from one process to the next,
    # and every analysis that breaks ties by iteration order would change with it.
    nodes = sorted({node for edge in edges for node in edge[:2]} | set(stating))
    subgraph = nx.MultiDiGraph()
    subgraph.add_nodes_from((node, graph.nodes[node]) for node in nodes)
    subgraph.add_edges_from(
        (citing, cited, key, graph.edges[citing, cited, key]) for citing, cited, key in edges
    )
    return subgraph


def support_graph(claim_graph: nx.MultiDiGraph, carriers: Iterable[str]) -> nx.DiGraph:
    """The claim's citations that pass it on, as a simple digraph: every citation of a
    carrier of the claim, except those that dispute it."""
    carrying = set(carriers)
    support = nx.DiGraph()
    support.add_nodes_from(claim_graph.nodes)
    support.add_edges_from(
        (citing, cited)
        for citing, cited, relation in claim_graph.edges(data=RELATION)
        if relation != Relation.DISPUTES.value and cited in carrying
    )
    return support


def outlet_name(case: Case, source: Source) -> str:
    """The outlet's display name, or the source's own label when it has no outlet."""
    names = {outlet.id: outlet.name for outlet in case.outlets}
    if source.outlet:
        return names.get(source.outlet, source.outlet)
    return source_label(source)


def source_label(source: Source) -> str:
    """A short human label: the author or title for a source without an outlet."""
    if source.authors:
        return source.authors[0]
    return source.title or source.id


def sources_by_id(sources: Iterable[Source]) -> dict[str, Source]:
    return {source.id: source for source in sources}
