"""GraphML, GEXF and node-link JSON: read back with networkx, compared with the case."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from conftest import WALKAWAY, MakeCase

from provenance.export.network import (
    EDGE_KEYS,
    NODE_KEYS,
    export_gexf,
    export_graphml,
    export_node_link_json,
    interchange_graph,
)
from provenance.load import load_case, to_case
from provenance.model import Case
from provenance.problems import ClaimNotFound

Edge = tuple[str, str, str, str, str | None]


def read_graphml(data: bytes) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(data), force_multigraph=True)


def read_gexf(data: bytes) -> nx.MultiDiGraph:
    return nx.read_gexf(io.BytesIO(data))


def read_json(data: bytes) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(data), edges="edges")


FORMATS: dict[str, tuple[Callable[[Case, str | None], bytes], Callable[[bytes], nx.Graph]]] = {
    "graphml": (export_graphml, read_graphml),
    "gexf": (export_gexf, read_gexf),
    "json": (export_node_link_json, read_json),
}


@pytest.fixture(scope="module")
def walkaway() -> Case:
    return to_case(load_case(WALKAWAY))


def case_nodes(case: Case, claim_id: str | None = None) -> set[str]:
    """Straight from the model: every source, or those that state or cite or are cited
    for one claim."""
    if claim_id is None:
        return {source.id for source in case.sources}
    nodes = set()
    for source in case.sources:
        if any(statement.claim == claim_id for statement in source.statements):
            nodes.add(source.id)
        for citation in source.citations:
            if citation.claim == claim_id:
                nodes |= {source.id, citation.cites}
    return nodes


def case_edges(case: Case, claim_id: str | None = None) -> Counter[Edge]:
    return Counter(
        (source.id, citation.cites, citation.claim, citation.relation.value, citation.wording)
        for source in case.sources
        for citation in source.citations
        if claim_id in (None, citation.claim)
    )


def graph_edges(graph: nx.Graph) -> Counter[Edge]:
    return Counter(
        (citing, cited, data["claim"], data["relation"], data["text"] or None)
        for citing, cited, data in graph.edges(data=True)
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_round_trip_keeps_every_source_and_citation(walkaway: Case, name: str) -> None:
    export, read = FORMATS[name]
    graph = read(export(walkaway, None))
    assert graph.is_directed()
    assert set(graph.nodes) == case_nodes(walkaway)
    assert graph_edges(graph) == case_edges(walkaway)
    assert graph.number_of_edges() == sum(len(source.citations) for source in walkaway.sources)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_round_trip_of_one_claim(walkaway: Case, name: str) -> None:
    export, read = FORMATS[name]
    graph = read(export(walkaway, "hamilton68-rank"))
    assert set(graph.nodes) == case_nodes(walkaway, "hamilton68-rank")
    assert graph_edges(graph) == case_edges(walkaway, "hamilton68-rank")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_attributes_read_back_as_plain_strings(walkaway: Case, name: str) -> None:
    export, read = FORMATS[name]
    graph = read(export(walkaway, None))
    salon = graph.nodes["salon-cesca"]
    assert {key: salon[key] for key in NODE_KEYS} == {
        "label": "Salon · Bob Cesca",
        "kind": "opinion",
        "outlet": "salon",
        "author": "Bob Cesca",
        "title": "Russian bots are back: #WalkAway attack on Democrats is a likely Kremlin "
        "operation",
        "url": "https://www.salon.com/2018/07/09/russian-bots-are-back-walkaway-attack-on-"
        "democrats-is-a-likely-kremlin-operation/",
        "published": "2018-07-09",
    }
    for _, data in graph.nodes(data=True):
        assert all(isinstance(data.get(key, ""), str) for key in NODE_KEYS)
    for _, _, data in graph.edges(data=True):
        assert all(isinstance(data.get(key, ""), str) for key in EDGE_KEYS)


def test_interchange_graph_keys_are_stable_scalars(make_case: MakeCase) -> None:
    """Every node has the same keys in the same order, and every value is a string, even
    where a case file says nothing (no outlet, no authors, no url)."""
    graph = interchange_graph(to_case(load_case(make_case())))
    for _, data in graph.nodes(data=True):
        assert tuple(data) == NODE_KEYS
        assert all(type(value) is str for value in data.values())
    for _, _, data in graph.edges(data=True):
        assert tuple(data) == EDGE_KEYS
        assert all(type(value) is str for value in data.values())
    assert dict(graph.nodes["origin"]) == {
        "label": "The original report",
        "kind": "article",
        "outlet": "",
        "author": "",
        "title": "The original report",
        "url": "",
        "published": "2018-07-09",
    }
    assert graph.graph == {"case": "case", "title": "A small case"}


def test_graphml_declares_every_key_as_a_string(walkaway: Case) -> None:
    root = ElementTree.fromstring(export_graphml(walkaway, None))
    namespace = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {
        (key.get("for"), key.get("attr.name")): key.get("attr.type")
        for key in root.findall("g:key", namespace)
    }
    assert {name for scope, name in keys if scope == "node"} == set(NODE_KEYS)
    assert {name for scope, name in keys if scope == "edge"} == set(EDGE_KEYS)
    assert set(keys.values()) == {"string"}


def test_gexf_carries_no_date_of_its_own(walkaway: Case) -> None:
    data = export_gexf(walkaway, None)
    assert b"lastmodifieddate" not in data
    assert b"<creator>provenance " in data
    assert 'label="Salon · Bob Cesca"'.encode() in data


def test_json_puts_ids_first_and_names_edges(walkaway: Case) -> None:
    data = json.loads(export_node_link_json(walkaway, None))
    assert list(data["nodes"][0]) == ["id", *NODE_KEYS]
    edge = data["edges"][0]
    assert list(edge)[:2] == ["source", "target"]
    assert {"claim", "relation", "text", "key"} <= set(edge)
    assert data["graph"] == {"case": "walkaway", "title": walkaway.title}
    assert data["directed"] is True
    assert data["multigraph"] is True


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_exports_are_byte_identical_each_time(walkaway: Case, name: str) -> None:
    export, _ = FORMATS[name]
    assert export(walkaway, None) == export(walkaway, None)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_an_unknown_claim_is_named(walkaway: Case, name: str) -> None:
    export, _ = FORMATS[name]
    with pytest.raises(ClaimNotFound, match="did you mean 'hamilton68-rank'"):
        export(walkaway, "hamilton68-rnak")


def test_a_claim_nobody_carries_exports_an_empty_graph(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "case.yaml": """\
                title: A small case
                claims:
                  - id: rank
                    statement: The bot ranked first.
                  - id: quiet
                    statement: Nobody says this.
                """
        }
    )
    graph = read_json(export_node_link_json(to_case(load_case(Path(folder))), "quiet"))
    assert graph.number_of_nodes() == 0
    assert graph.graph["claim"] == "quiet"
