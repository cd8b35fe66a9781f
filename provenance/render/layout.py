"""How a graph is laid out: the engine and the level of detail, from its nodes and edges.

`dot` draws the readable left-to-right timelines, with edge labels and a date axis, but
its time grows steeply with edges, above all edges that span many ranks. Measured with
Graphviz 2.43 on the development machine: forty sources that all cite one another (41
nodes, 1,600 edges) took 37 s without edge labels and over two minutes with them; 19
such sources (324 edges) 12 s; a claim timeline of 150 sources with 293 citations
reaching back over four weeks 11 s, with 557 citations 34 s; an outlet graph of the
benchmark (40 outlets, 250 weighted edges) 4 to 10 s. `sfdp` in a simpler style (no
edge labels, no date axis) lays out each of those in under 0.2 s, a chain of 10,000
sources in 6 s, 20,000 sources in 11 to 25 s.

So dot draws a graph of at most DOT_NODE_LIMIT nodes that has few edges, or not many
more edges than nodes; anything larger or denser goes to sfdp; and a graph too large
even for sfdp is drawn in part from the start (`render/dot.py`'s `reduced_dot`). The
time limit in render/svg.py catches what these rules misjudge.
"""

from __future__ import annotations

from dataclasses import dataclass

DOT_NODE_LIMIT = 150
"""Above this many nodes a graph is drawn with sfdp."""
DOT_FEW_EDGES = 100
"""A graph with at most this many edges (and not too many nodes) is always drawn by dot:
even all of them between eleven nodes take dot a quarter of a second."""
DOT_EDGE_LIMIT = 200
"""Above this many edges a graph is drawn with sfdp, however many nodes it has."""
DOT_EDGES_PER_NODE = 2.0
"""Between DOT_FEW_EDGES and DOT_EDGE_LIMIT, dot only while the graph is this sparse."""
FULL_NODE_LIMIT = 10_000
"""Above this many nodes a graph is drawn in part from the start."""
FULL_EDGE_LIMIT = 50_000
"""And above this many edges."""


@dataclass(frozen=True)
class Layout:
    """How a graph is drawn: the engine, and whether in full detail (edge labels and
    the date axis) or in the simpler style for sfdp, whole or only in part."""

    engine: str
    detailed: bool
    whole: bool = True


def layout_for(nodes: int, edges: int) -> Layout:
    """The layout for a graph of this many nodes and edges."""
    sparse = edges <= DOT_EDGE_LIMIT and edges <= DOT_EDGES_PER_NODE * nodes
    if nodes <= DOT_NODE_LIMIT and (edges <= DOT_FEW_EDGES or sparse):
        return Layout("dot", detailed=True)
    whole = nodes <= FULL_NODE_LIMIT and edges <= FULL_EDGE_LIMIT
    return Layout("sfdp", detailed=False, whole=whole)
