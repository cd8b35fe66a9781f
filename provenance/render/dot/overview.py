"""A case's two overall drawings: every source and who cites whom (the overview), and
how claims passed between outlets (the outlet graph).

Sources are named as the trace counts voices (a post by its account), claims are not
drawn (the report filters the drawing by claim instead), and edges carry no claim ids:
an arrow runs from the cited source to the source that cites it, as in a claim's
timeline. Beyond a limit, only the most connected sources or outlets are drawn, and the
title says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from provenance.graph import outlet_name
from provenance.model import Case, Source
from provenance.render.common import cites_edge_id, svg_node_id
from provenance.render.dot.key import overview_key
from provenance.render.dot.styles import (
    CITES,
    KIND_SHAPES,
    PRIMARY,
    PRIMARY_BORDER,
    UNDATED_LABEL,
)
from provenance.render.dot.syntax import (
    FONT,
    attributes,
    edge_line,
    graph_attributes,
    html_label,
    node_line,
    quote,
    safe_link,
)
from provenance.render.speakers import OutletGraph, OutletNode, speaker_label
from provenance.voices import Voices

OVERVIEW_LIMIT = 400
"""Sources an overview draws at most; a larger case shows its most-cited sources."""
OUTLET_LIMIT = 400
"""Outlets an outlet graph draws at most; a larger one shows the most connected. A case
of 20,000 sources without outlets has 20,000 of them (each source stands for itself)."""
OVERVIEW_FILL = "#f2f2f2"
OUTLET_FILL = "#deebf7"


# --- the overview ----------------------------------------------------------------------


def overview_sources(case: Case, limit: int = OVERVIEW_LIMIT) -> list[Source]:
    """The sources an overview shows: all of them, or the `limit` most connected (cited
    and citing most), so that a huge case still gets a readable, fast drawing."""
    if len(case.sources) <= limit:
        return sorted(case.sources, key=lambda item: item.id)
    degree: Counter[str] = Counter()
    for source in case.sources:
        for citation in source.citations:
            degree[source.id] += 1
            degree[citation.cites] += 1
    ranked = sorted(case.sources, key=lambda item: (-degree[item.id], item.id))
    return sorted(ranked[:limit], key=lambda item: item.id)


def overview_dot(
    case: Case, *, large: bool = False, limit: int = OVERVIEW_LIMIT, key: bool = False
) -> str:
    """Every source of a case and the citations between them; beyond `limit` sources
    only the most connected are drawn, and the title says so. With `key`, its key
    follows as a second graph."""
    shown = overview_sources(case, limit)
    title = f"{case.title}: every source, and who cites whom"
    if len(shown) < len(case.sources):
        title = (
            f"{case.title}: the {len(shown)} most-cited of {len(case.sources)} sources "
            "(each claim's own graph shows all of its sources)"
        )
    if large or not key:
        title += "\n(each arrow runs from a source to a source that cites it)"
    voices = Voices(case)
    lines = [
        f"digraph {quote(case.id)} {{",
        f"  graph {attributes(graph_attributes(title, large))};",
        f"  node {attributes({'fontname': FONT, 'fontsize': 11, 'style': 'filled'})};",
        f"  edge {attributes({'fontname': FONT, 'fontsize': 9, 'color': CITES.colour})};",
    ]
    lines += [_source_line(case, voices, source) for source in shown]
    lines += list(_overview_edges(shown))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if key and not large:
        text += overview_key(case, (source.id for source in shown))
    return text


def _source_line(case: Case, voices: Voices, source: Source) -> str:
    link = safe_link(source)
    name = speaker_label(voices.of_source(source), outlet_name(case, source))
    when = source.published.label if source.published else UNDATED_LABEL
    return node_line(
        source.id,
        id=svg_node_id(source.id),
        label=html_label(name, [when], [PRIMARY] if source.is_primary else []),
        shape=KIND_SHAPES[source.kind],
        fillcolor=OVERVIEW_FILL,
        tooltip=_overview_tooltip(case, source),
        URL=link,
        target="_blank" if link else None,
        color=PRIMARY_BORDER if source.is_primary else None,
        penwidth=3 if source.is_primary else None,
    )


def _overview_tooltip(case: Case, source: Source) -> str:
    parts = [outlet_name(case, source), *source.authors]
    parts.append(source.published.label if source.published else UNDATED_LABEL)
    if source.title:
        parts.append(source.title)
    return " · ".join(parts)


def overview_size(case: Case, limit: int = OVERVIEW_LIMIT) -> tuple[int, int]:
    """The nodes and edges an overview draws, to choose its layout by."""
    shown = overview_sources(case, limit)
    return len(shown), len(citation_pairs(shown))


def citation_pairs(sources: Sequence[Source]) -> dict[tuple[str, str], list[str]]:
    """(cited, citing) for each pair of shown sources, with the claims it carries."""
    shown = {source.id for source in sources}
    pairs: dict[tuple[str, str], list[str]] = {}
    for source in sources:
        for citation in source.citations:
            if citation.cites in shown:
                pairs.setdefault((citation.cites, source.id), []).append(citation.claim)
    return pairs


def _overview_edges(sources: Sequence[Source]) -> Iterator[str]:
    for (cited, citing), claims in sorted(citation_pairs(sources).items()):
        names = sorted(set(claims))
        yield edge_line(
            cited,
            citing,
            id=cites_edge_id(cited, citing),
            tooltip=f"{citing} cites {cited} for {len(names)} claim{'s' * (len(names) != 1)}: "
            + ", ".join(names),
        )


# --- the outlet graph ------------------------------------------------------------------


def outlet_nodes(graph: OutletGraph, limit: int = OUTLET_LIMIT) -> list[OutletNode]:
    """The outlets an outlet graph shows: all, or the `limit` with the most sources and
    citations."""
    if len(graph.nodes) <= limit:
        return list(graph.nodes)
    weight: Counter[str] = Counter()
    for cited, citing, count in graph.edges:
        weight[cited] += count
        weight[citing] += count
    ranked = sorted(
        graph.nodes, key=lambda node: (-len(node.sources) - weight[node.ident], node.ident)
    )
    return sorted(ranked[:limit], key=lambda node: node.ident)


def _shown_edges(graph: OutletGraph, nodes: Sequence[OutletNode]) -> list[tuple[str, str, int]]:
    shown = {node.ident for node in nodes}
    return [edge for edge in graph.edges if edge[0] in shown and edge[1] in shown]


def outlet_size(graph: OutletGraph, limit: int = OUTLET_LIMIT) -> tuple[int, int]:
    """The nodes and edges an outlet graph draws, to choose its layout by."""
    nodes = outlet_nodes(graph, limit)
    return len(nodes), len(_shown_edges(graph, nodes))


def outlet_dot(
    graph: OutletGraph, title: str, *, large: bool = False, limit: int = OUTLET_LIMIT
) -> str:
    """Outlets and accounts as nodes, and an arrow from each to those that took a claim
    from it, as thick as the citations it stands for; beyond `limit` outlets only the
    most connected are drawn, and the title says so."""
    nodes = outlet_nodes(graph, limit)
    heading = f"{title}: how claims passed between outlets"
    if len(nodes) < len(graph.nodes):
        heading = (
            f"{title}: how claims passed between the {len(nodes)} most-cited of "
            f"{len(graph.nodes)} outlets (a source without an outlet counts as its own)"
        )
    heading += (
        "\n(each arrow runs from the outlet cited to the outlet that cites it; "
        "the thicker, the more citations)"
    )
    lines = [
        f"digraph {quote('outlets')} {{",
        f"  graph {attributes(graph_attributes(heading, large))};",
        f"  node {attributes({'fontname': FONT, 'fontsize': 11, 'style': 'filled'})};",
        f"  edge {attributes({'fontname': FONT, 'fontsize': 10, 'color': CITES.colour})};",
    ]
    for node in nodes:
        count = len(node.sources)
        sources = f"{count} source{'s' * (count != 1)}"
        lines.append(
            node_line(
                node.ident,
                id=node.ident,
                label=html_label(node.label, [sources]),
                shape="ellipse",
                fillcolor=OUTLET_FILL,
                tooltip=f"{node.label} · {sources}",
            )
        )
    for cited, citing, weight in _shown_edges(graph, nodes):
        lines.append(
            edge_line(
                cited,
                citing,
                id=cites_edge_id(cited, citing),
                label=None if large else str(weight),
                penwidth=min(1 + weight, 6),
                tooltip=f"{weight} citation{'s' * (weight != 1)}",
            )
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
