"""A graph drawn in part: its most connected nodes and the edges between them.

When a graph is too large for any layout engine, or Graphviz ran out of time on it
(drawings.py), it is drawn again from its own DOT text, reduced: no edge labels, date
axis or key, the REDUCED_NODES best-connected nodes and at most REDUCED_EDGES edges
between them, under a title that says what is left out and why. It reads the DOT text
render/dot writes, one node or edge to a line.
"""

from __future__ import annotations

import re
from collections import Counter

from provenance.render.dot import attributes, graph_attributes

REDUCED_NODES = 200
"""Nodes a graph drawn in part keeps: the most connected."""
REDUCED_EDGES = 1_000
"""Edges it keeps at most: those between the best-connected nodes first."""

_NODE_LINE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[')
_EDGE_LINE = re.compile(r'^  "((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)" \[')
_LABEL = re.compile(r'(\[|, )label="(?:[^"\\]|\\.)*"(, )?')


def reduced_dot(
    dot_text: str, reason: str, *, nodes: int = REDUCED_NODES, edges: int = REDUCED_EDGES
) -> tuple[str, str]:
    """A graph drawn in part, for sfdp: its most connected nodes and the edges between
    them, without edge labels, date axis or key, under a title that says what is left
    out and why. Made from the DOT text render/dot writes, so any of its graphs can be
    reduced after the full drawing ran out of time. Returns the DOT text and what it
    shows ("200 of 1,234 nodes, 1,000 of 5,678 edges"). A key written after the graph
    (render/dot/key.py) is left out."""
    lines = first_graph(dot_text).splitlines()
    node_lines = {m.group(1): line for line in lines if (m := _NODE_LINE.match(line))}
    node_lines = {node: line for node, line in node_lines.items() if not _ours(node)}
    edge_lines = [(m.group(1), m.group(2), line) for line in lines if (m := _EDGE_LINE.match(line))]
    edge_lines = [edge for edge in edge_lines if edge[0] in node_lines and edge[1] in node_lines]
    degree: Counter[str] = Counter()
    for tail, head, _ in edge_lines:
        degree[tail] += 1
        degree[head] += 1
    order = sorted(node_lines, key=lambda node: (-degree[node], node))
    rank = {node: index for index, node in enumerate(order[:nodes])}
    kept = sorted(
        (edge for edge in edge_lines if edge[0] in rank and edge[1] in rank),
        key=lambda edge: (max(rank[edge[0]], rank[edge[1]]), edge[0], edge[1]),
    )[:edges]
    shown = (
        f"{len(rank):,} of {len(node_lines):,} nodes, {len(kept):,} of {len(edge_lines):,} "
        "edges, the most connected"
    )
    title = f"{dot_title(dot_text)} — drawn in part: {shown}; {reason}"
    body = [node_lines[node] for node in sorted(rank, key=order.index)]
    body += [_LABEL.sub(_unlabelled, line, count=1) for _, _, line in kept]
    head = [line for line in lines[:4] if not line.startswith("  graph ")]
    graph = f"  graph {attributes(graph_attributes(title, large=True))};"
    return "\n".join([head[0], graph, *head[1:], *body, "}"]) + "\n", shown


def first_graph(dot_text: str) -> str:
    """The first graph of a DOT text that holds a drawing and its key. Each graph ends
    with a line holding only '}': no string render/dot writes spans lines."""
    end = dot_text.find("\n}\n")
    return dot_text if end < 0 else dot_text[: end + 3]


def _unlabelled(match: re.Match[str]) -> str:
    """What is left of `[label="x", a=b` or `, label="x"` without the label."""
    return "[" if match.group(1) == "[" else (match.group(2) or "")


def _ours(node: str) -> bool:
    """The date axis: drawn by us, never part of a reduced graph."""
    return node.startswith("axis:")


_GRAPH_LABEL = re.compile(r'^  graph \[label="((?:[^"\\]|\\.)*)"', re.MULTILINE)


def dot_title(dot_text: str) -> str:
    """The title of a graph this module wrote, as plain text."""
    found = _GRAPH_LABEL.search(dot_text)
    if found is None:
        return "graph"
    text = found.group(1).replace("\\n", " ").replace('\\"', '"').replace("\\\\", "\\")
    return text.replace("&amp;", "&")
