"""Network exports for Gephi, Cytoscape and scripts: GraphML, GEXF and node-link JSON.

All three are written by networkx from one interchange graph: the citation graph with
every attribute a plain string, so that the tools can open it. The SOURCE attribute
(a model object) and the CITATION attribute are dropped; every node carries the keys in
NODE_KEYS and every edge those in EDGE_KEYS, in that order, "" where a case file says
nothing. Edges run as in the citation graph, citing -> cited, keyed by claim and
relation, so one pair of sources can be linked for several claims. Text from the case
files loses the control characters XML cannot carry (`clean_text`), in all three formats
alike, so that they describe one graph.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from provenance import __version__
from provenance.export.scope import caption, inferred_copies, scoped_graph
from provenance.graph import (
    AUTHORS,
    CLAIM,
    KIND,
    OUTLET,
    PUBLISHED,
    RELATION,
    SOURCE,
    TITLE,
    URL,
    WORDING,
)
from provenance.model import Case
from provenance.text import clean_text

NODE_KEYS = ("label", "kind", "outlet", "author", "title", "url", "published")
"""label: the outlet's name and the first author ("Salon · Bob Cesca"); kind: the
source kind; outlet: the outlet id; author: the authors joined by '; '; published: the
date as the case file gives it."""
EDGE_KEYS = ("claim", "relation", "text", "inferred")
"""claim: the claim id; relation: quotes, paraphrases, links, uses-data or disputes, or
revision-of (a later version of a page) or inferred-copy; text: the cited wording (for an
inferred copy, the shared passage); inferred: true only for a copy inferred from the
wording, which no source records ("true" or "false": every attribute is a string)."""
GEXF_VERSION = "1.2draft"


def interchange_graph(case: Case, claim_id: str | None = None) -> nx.MultiDiGraph:
    """The citation graph (of the case, or of one claim) with scalar attributes only."""
    graph = scoped_graph(case, claim_id)
    scope = {"case": case.id, "title": clean_text(case.title)}
    if claim_id is not None:
        scope["claim"] = claim_id
    exported = nx.MultiDiGraph(**scope)
    for node in sorted(graph.nodes):
        exported.add_node(node, **_node_attributes(case, graph.nodes[node]))
    for citing, cited, key, data in sorted(graph.edges(keys=True, data=True), key=_edge_order):
        exported.add_edge(
            citing,
            cited,
            key=key,
            claim=data[CLAIM],
            relation=data[RELATION],
            text=clean_text(data[WORDING]),
            inferred="false",
        )
    for node in sorted(graph.nodes):
        earlier = graph.nodes[node][SOURCE].revision_of
        if earlier in graph:
            exported.add_edge(
                node,
                earlier,
                key="revision-of",
                claim="",
                relation="revision-of",
                text="",
                inferred="false",
            )
    for copy, claim in inferred_copies(case, claim_id):
        exported.add_edge(
            copy.later,
            copy.earlier,
            key=f"{claim}:inferred-copy",
            claim=claim,
            relation="inferred-copy",
            text=clean_text(copy.passage),
            inferred="true",
        )
    return exported


def _node_attributes(case: Case, data: Mapping[str, Any]) -> dict[str, str]:
    attributes = {
        "label": caption(case, data[SOURCE]),
        "kind": data[KIND],
        "outlet": data[OUTLET],
        "author": data[AUTHORS],
        "title": data[TITLE],
        "url": data[URL],
        "published": data[PUBLISHED],
    }
    return {key: clean_text(value) for key, value in attributes.items()}


def _edge_order(edge: tuple[str, str, str, Mapping[str, Any]]) -> tuple[str, str, str]:
    citing, cited, key, _ = edge
    return citing, cited, key


def export_graphml(case: Case, claim_id: str | None) -> bytes:
    """GraphML, as Gephi, Cytoscape and yEd read it."""
    buffer = io.BytesIO()
    # The ElementTree writer, not the lxml one networkx prefers when lxml is installed,
    # so the bytes do not depend on what else is installed.
    nx.write_graphml_xml(interchange_graph(case, claim_id), buffer, encoding="utf-8")
    return buffer.getvalue()


def export_gexf(case: Case, claim_id: str | None) -> bytes:
    """GEXF, Gephi's own format."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    # networkx stamps today's date and its own version into <meta>; a file made from the
    # same case should not change from one day (or upgrade) to the next.
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = f"provenance {__version__}"
    writer.add_graph(interchange_graph(case, claim_id))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def export_node_link_json(case: Case, claim_id: str | None) -> bytes:
    """networkx's node-link JSON: `nodes` with `id` and NODE_KEYS, `edges` with
    `source`, `target`, `key` and EDGE_KEYS; read it back with nx.node_link_graph."""
    data = nx.node_link_data(interchange_graph(case, claim_id), edges="edges")
    # networkx puts the id last; a reader expects it first.
    data["nodes"] = [{"id": node["id"], **node} for node in data["nodes"]]
    data["edges"] = [
        {"source": edge["source"], "target": edge["target"], **edge} for edge in data["edges"]
    ]
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
