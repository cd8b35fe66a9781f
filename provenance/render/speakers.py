"""Who the drawings and the report name for a source, and the graph of outlets.

An article is named by its outlet; a post by its account ("David Weigel on Twitter"),
as the trace counts voices (voices.py), so three people on one platform are three
nodes, not "Twitter" three times. The outlet graph joins the sources of each outlet,
or account, into one node. The DOT renderer draws it and the HTML report filters it by
claim, so both take node ids and edge ids from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from provenance.graph import outlet_name
from provenance.model import Case, Source
from provenance.voices import Voice, Voices


def speaker_label(voice: Voice | None, outlet: str) -> str:
    """The name a drawing gives a source: its account where it speaks as one (a post
    on a platform), else its outlet's name (or its own label, without an outlet)."""
    if voice is not None and voice.label.endswith(f" on {outlet}"):
        return voice.label
    return outlet


@dataclass(frozen=True)
class OutletNode:
    """One outlet, account, or source without an outlet, in the outlet graph."""

    ident: str
    """Its SVG id: outlet-<outlet>, account-<first source>, source-<source>."""
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class OutletGraph:
    """Outlets (and accounts) and how often one took a claim from another."""

    nodes: tuple[OutletNode, ...]
    """In order of id."""
    node_of: dict[str, str]
    """The node id of each source."""
    edges: tuple[tuple[str, str, int], ...]
    """(cited node, citing node, citations), in order."""

    def size(self) -> tuple[int, int]:
        return len(self.nodes), len(self.edges)


def outlet_graph(case: Case) -> OutletGraph:
    """The case's outlet graph: a node per outlet, account or outlet-less source, and an
    edge from the cited node to the citing one, weighted by the citations it stands for."""
    voices = Voices(case)
    groups: dict[str, tuple[str, list[str]]] = {}
    for source in sorted(case.sources, key=lambda item: item.id):
        key, label = _node_key(case, voices, source)
        groups.setdefault(key, (label, []))[1].append(source.id)
    nodes = sorted(
        (
            OutletNode(_ident(key, members), label, tuple(members))
            for key, (label, members) in groups.items()
        ),
        key=lambda node: node.ident,
    )
    node_of = {source: node.ident for node in nodes for source in node.sources}
    counts: Counter[tuple[str, str]] = Counter(
        (node_of[citation.cites], node_of[source.id])
        for source in case.sources
        for citation in source.citations
        if citation.cites in node_of
    )
    edges = tuple(sorted((cited, citing, count) for (cited, citing), count in counts.items()))
    return OutletGraph(tuple(nodes), node_of, edges)


def _node_key(case: Case, voices: Voices, source: Source) -> tuple[str, str]:
    outlet = outlet_name(case, source)
    if not source.outlet:
        return f"source:{source.id}", outlet
    label = speaker_label(voices.of_source(source), outlet)
    if label != outlet:
        return f"account:{voices.of_source(source).key}", label
    return f"outlet:{source.outlet}", outlet


def _ident(key: str, members: list[str]) -> str:
    kind, _, name = key.partition(":")
    if kind == "outlet":
        return f"outlet-{name}"
    return f"{kind}-{members[0]}"
