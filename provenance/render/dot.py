"""Analysis results -> Graphviz DOT text.

Pure functions: a trace, a case or an outlet graph goes in, DOT text comes out, so the
drawing can be tested without Graphviz installed. A claim graph reads as a timeline:
the claim flows left to right from the source it came from to the source that took it,
sources sit in columns by publication date, origins and primary sources stand out, and
hops where the wording hardened are drawn in red. Shapes, colours and line styles live
in the tables below. Every string from a case file goes through `quote`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote as percent_encode

import networkx as nx

from provenance.graph import LABEL, WEIGHT, outlet_name
from provenance.model import Case, PublicationDate, Relation, Source, SourceKind, Stance
from provenance.render.common import safe_url, shorten, svg_edge_id, svg_node_id
from provenance.text import clean_text
from provenance.trace import Trace, TracedCitation, TracedSource

FONT = "Helvetica,Arial,sans-serif"

KIND_SHAPES: dict[SourceKind, str] = {
    SourceKind.ARTICLE: "box",
    SourceKind.OPINION: "parallelogram",
    SourceKind.BLOG_POST: "note",
    SourceKind.SOCIAL_POST: "ellipse",
    SourceKind.DATASET: "cylinder",
    SourceKind.DASHBOARD: "box3d",
    SourceKind.STUDY: "tab",
    SourceKind.BROADCAST: "hexagon",
    SourceKind.PRESS_RELEASE: "component",
    SourceKind.OFFICIAL_RECORD: "folder",
    SourceKind.OTHER: "octagon",
}

STANCE_COLOURS: dict[Stance | None, str] = {
    Stance.SUPPORTS: "#f4a582",
    Stance.DISPUTES: "#92c5de",
    Stance.NEUTRAL: "#e0e0e0",
    None: "#ffffff",  # cited for the claim but states nothing of its own
}


@dataclass(frozen=True)
class EdgeStyle:
    style: str
    colour: str
    arrowhead: str = "normal"
    penwidth: float = 1.2


RELATION_STYLES: dict[Relation, EdgeStyle] = {
    Relation.QUOTES: EdgeStyle("solid", "#333333"),
    Relation.PARAPHRASES: EdgeStyle("dashed", "#333333"),
    Relation.LINKS: EdgeStyle("dotted", "#333333"),
    Relation.USES_DATA: EdgeStyle("solid", "#1b7837", penwidth=2.2),
    Relation.DISPUTES: EdgeStyle("solid", "#2166ac", arrowhead="tee"),
}
ESCALATION_COLOUR = "#d7191c"
PRIMARY_BORDER = "#1b7837"
TAINT_COLOUR = "#b2182b"
INFERRED_COPY = EdgeStyle("dashed", "#e66101", arrowhead="empty", penwidth=1.6)
"""A copy inferred from the wording: never recorded, so never drawn like a citation."""
REVISION = EdgeStyle("dotted", "#777777", arrowhead="vee")
"""A later version of the same page."""
OMITTED_FILL = "#f0f0f0"
UNDATED_LABEL = "date unknown"

LABEL_LIMIT = 38
TOOLTIP_LIMIT = 400


# --- escaping ------------------------------------------------------------------------


STRING_LIMIT = 16_000
"""Bytes a quoted DOT string may hold. Graphviz's scanner refuses a quoted string of
about 16,384 bytes (measured with 2.43: 16,381 ASCII bytes pass, 3,277 '&amp;' do
not), and the whole build would fail; anything longer is shortened to fit."""

_ESCAPES = {"\\": "\\\\", '"': '\\"', "&": "&amp;", "\n": "\\n"}


def quote(text: str) -> str:
    """A DOT double-quoted string that shows `text` literally.

    Backslashes are doubled so that Graphviz's own escapes (\\N, \\G, \\l) cannot be
    triggered from a case file, quotes are escaped, line ends become DOT line breaks,
    characters the SVG could not carry are dropped (`clean_text`), and '&' is written
    as an entity because Graphviz passes entity-like text through to SVG unchanged.
    Text that would not fit in STRING_LIMIT bytes once escaped is cut, with an ellipsis.
    """
    text = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    escaped = _escape(text)
    if len(escaped.encode()) > STRING_LIMIT:
        escaped = _escape(_fitted(text)) + "…"
    return f'"{escaped}"'


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("&", "&amp;").replace("\n", "\\n")


def _fitted(text: str) -> str:
    """The longest start of `text` that fits in STRING_LIMIT, escaped, with room for an
    ellipsis after it."""
    room = STRING_LIMIT - len("…".encode())
    for index, character in enumerate(text):
        room -= len(_ESCAPES.get(character, character).encode())
        if room < 0:
            return text[:index]
    return text


def attributes(values: dict[str, str | float | None]) -> str:
    """`[key="value", ...]` with every value quoted; None values are left out."""
    parts = [f"{key}={quote(str(value))}" for key, value in values.items() if value is not None]
    return f"[{', '.join(parts)}]"


def node_line(node_id: str, **values: str | float | None) -> str:
    return f"  {quote(node_id)} {attributes(values)};"


def edge_line(tail: str, head: str, **values: str | float | None) -> str:
    return f"  {quote(tail)} -> {quote(head)} {attributes(values)};"


# What an address may hold as it is: RFC 3986's reserved characters and '%'. Letters,
# digits and '-._~' are never encoded.
_URL_SYNTAX = ":/?#[]@!$&()*+,;=%"


def safe_link(source: Source) -> str | None:
    """The link a node opens: the archived copy where given; only http(s) addresses.

    Everything else in the address is percent-encoded (a quote, '<', a space, a control
    character, non-ASCII letters): Graphviz copies a URL into the SVG's href escaping
    only '&', so a '"' in a case file would end the attribute and start markup.
    """
    link = safe_url(source.archived_url) or safe_url(source.url)
    if link is None:
        return None
    encoded = percent_encode(link, safe=_URL_SYNTAX)
    # A cut address would lead somewhere else: one too long for Graphviz is no link.
    return encoded if len(_escape(encoded)) <= STRING_LIMIT else None


# --- the claim graph -----------------------------------------------------------------


def claim_dot(trace: Trace, *, large: bool = False) -> str:
    """The DOT text of one claim's trace, as a left-to-right timeline.

    `large` drops edge labels and the date axis, which layout engines for large graphs
    cannot honour and which would cost minutes in `dot`.
    """
    title = f"{trace.claim.id}: {shorten(trace.claim.statement, 90)}"
    lines = [
        f"digraph {quote(trace.claim.id)} {{",
        f"  graph {attributes(graph_attributes(title, large))};",
        f"  node {attributes({'fontname': FONT, 'fontsize': 10, 'style': 'filled'})};",
        f"  edge {attributes({'fontname': FONT, 'fontsize': 8})};",
    ]
    if not large:
        lines += _timeline(trace.sources)
    lines += [node_line(item.id, **_node_attributes(item)) for item in trace.sources]
    lines += list(_omission_nodes(trace))
    lines += [_edge_line(hop, large) for hop in trace.citations]
    lines += list(_copy_edges(trace, large))
    lines += list(_revision_edges(trace, large))
    lines += _legend()
    lines.append("}")
    return "\n".join(lines) + "\n"


def graph_attributes(title: str, large: bool) -> dict[str, str | float | None]:
    common: dict[str, str | float | None] = {
        "label": title,
        "labelloc": "t",
        "fontname": FONT,
        "fontsize": 13,
        "tooltip": title,
        "bgcolor": "white",
        "pad": 0.3,
    }
    if large:
        return {**common, "overlap": "scale", "splines": "false", "outputorder": "edgesfirst"}
    return {**common, "rankdir": "LR", "newrank": "true", "nodesep": 0.3, "ranksep": 0.5}


def _date_key(published: PublicationDate) -> tuple[str, str, bool]:
    return published.earliest.isoformat(), published.latest.isoformat(), published.approximate


def _timeline(sources: Iterable[TracedSource]) -> list[str]:
    """An axis of date columns: each source shares a rank with the date its claim first
    appeared in it, and the sources with no date share a last column marked "date
    unknown", so the picture never places them in time where the record does not.

    Axis nodes are named `axis:N`; the colon cannot occur in a source id, so they never
    collide with a source.
    """
    columns: dict[tuple[str, str, bool], list[TracedSource]] = {}
    undated: list[TracedSource] = []
    for item in sources:
        if item.first_seen is not None:
            columns.setdefault(_date_key(item.first_seen), []).append(item)
        else:
            undated.append(item)
    lines, axis = [], []
    for index, key in enumerate(sorted(columns)):
        seen = columns[key][0].first_seen
        assert seen is not None
        axis.append(f"axis:{index}")
        lines.append(_column(axis[-1], seen.label, columns[key]))
    if undated and columns:
        axis.append("axis:undated")
        lines.append(_column(axis[-1], UNDATED_LABEL, undated))
    if len(axis) > 1:
        lines.append(f"  {' -> '.join(quote(node) for node in axis)} [style=invis];")
    return lines


def _column(axis_node: str, label: str, members: Sequence[TracedSource]) -> str:
    head = node_line(
        axis_node, label=label, shape="plaintext", style="", fontsize=9, fontcolor="#555555"
    )
    names = " ".join(quote(item.id) for item in members)
    return f"  {{ rank=same; {head.strip()} {names} }}"


def _node_label(item: TracedSource) -> str:
    source = item.source
    lines = [shorten(item.outlet, LABEL_LIMIT)]
    if source.authors and source.authors[0] != item.outlet:
        lines.append(shorten(", ".join(source.authors), LABEL_LIMIT))
    if item.certainty is not None:
        estimated = " (est.)" if item.certainty.estimated else ""
        lines.append(f"{item.certainty.level.value}{estimated}")
    if item.candidate_origin:
        lines.append("could be the origin")
    elif item.hops is not None:
        lines.append("origin" if item.is_origin else f"{item.hops} hop{'s' * (item.hops != 1)}")
    return "\n".join(lines)


def _node_tooltip(item: TracedSource) -> str:
    source = item.source
    parts = [item.outlet]
    if source.authors:
        parts.append(", ".join(source.authors))
    parts.append(source.published.label if source.published else "date unknown")
    if source.title:
        parts.append(source.title)
    text = " · ".join(parts)
    if item.wording:
        text += f"\n“{shorten(item.wording, TOOLTIP_LIMIT)}”"
    return text


def _node_attributes(item: TracedSource) -> dict[str, str | float | None]:
    source = item.source
    border = PRIMARY_BORDER if source.is_primary else "#333333"
    styles = ["filled"] + (["dashed"] if item.tainted_by or item.candidate_origin else [])
    link = safe_link(source)
    return {
        "id": svg_node_id(item.id),
        "label": _node_label(item),
        "shape": KIND_SHAPES[source.kind],
        "fillcolor": STANCE_COLOURS[item.stance],
        "color": TAINT_COLOUR if item.tainted_by else border,
        "penwidth": 3 if item.is_origin or item.candidate_origin or source.is_primary else 1,
        "peripheries": 2 if item.is_origin or item.candidate_origin else None,
        "style": ",".join(styles),
        "tooltip": _node_tooltip(item),
        "URL": link,
        "target": "_blank" if link else None,
    }


def _edge_line(hop: TracedCitation, large: bool) -> str:
    style = RELATION_STYLES[hop.relation]
    label = hop.relation.value
    if hop.escalation:
        label += " ▲ escalation"
    tooltip = f"{hop.citing} {hop.relation.value} {hop.cited}"
    if hop.citation.wording:
        tooltip += f": “{shorten(hop.citation.wording, TOOLTIP_LIMIT)}”"
    values: dict[str, str | float | None] = {
        "id": svg_edge_id(hop),
        "style": style.style,
        "color": ESCALATION_COLOUR if hop.escalation else style.colour,
        "penwidth": 3 if hop.escalation else style.penwidth,
        "arrowhead": style.arrowhead,
        "label": None if large else label,
        "fontcolor": ESCALATION_COLOUR if hop.escalation else None,
        "tooltip": tooltip,
        "labeltooltip": tooltip,
    }
    # Drawn in the direction the claim travelled: from the cited source to the citing one.
    return edge_line(hop.cited, hop.citing, **values)


def _omission_nodes(trace: Trace) -> Iterator[str]:
    """Sources that covered the story and left the claim out, drawn apart and greyed: what
    did not spread is a finding too. (A source cited for the claim is drawn already.)"""
    drawn = {item.id for item in trace.sources}
    for omission in trace.omissions:
        if omission.source in drawn:
            continue
        tooltip = f"{omission.outlet}: left the claim out"
        if omission.note:
            tooltip += f" — {shorten(omission.note, TOOLTIP_LIMIT)}"
        yield node_line(
            omission.source,
            id=svg_node_id(omission.source),
            label=f"{shorten(omission.outlet, LABEL_LIMIT)}\nleft the claim out",
            shape="box",
            fillcolor=OMITTED_FILL,
            color="#999999",
            fontcolor="#555555",
            style="filled,dashed",
            tooltip=tooltip,
        )


def _copy_edges(trace: Trace, large: bool) -> Iterator[str]:
    """Copies inferred from the wording, from the earlier source to the later one."""
    for copy in trace.inferred_copies:
        label = "copied? (inferred)" if copy.direction_known else "same wording (inferred)"
        verb = "seems to copy" if copy.direction_known else "shares wording with"
        yield edge_line(
            copy.earlier,
            copy.later,
            id=f"copy-{copy.earlier}-{copy.later}",
            style=INFERRED_COPY.style,
            color=INFERRED_COPY.colour,
            penwidth=INFERRED_COPY.penwidth,
            arrowhead=INFERRED_COPY.arrowhead if copy.direction_known else "none",
            label=None if large else label,
            fontcolor=INFERRED_COPY.colour,
            constraint="true" if copy.direction_known else "false",
            tooltip=(
                f"{copy.later} {verb} {copy.earlier}: “{shorten(copy.passage, TOOLTIP_LIMIT)}” "
                f"(similarity {copy.similarity:.2f}; inferred, not recorded)"
            ),
        )


def _revision_edges(trace: Trace, large: bool) -> Iterator[str]:
    for later, earlier in trace.revisions:
        yield edge_line(
            earlier,
            later,
            id=f"revision-{earlier}-{later}",
            style=REVISION.style,
            color=REVISION.colour,
            arrowhead=REVISION.arrowhead,
            label=None if large else "later version",
            fontcolor=REVISION.colour,
            tooltip=f"{later} is a later version of the same page as {earlier}",
        )


_LEGEND_ROWS = (
    ("the claim passes from a source to the one that cites it (→)", "#333333"),
    ("── quotes    - - paraphrases    ··· links", "#333333"),
    ("━━ uses data from", RELATION_STYLES[Relation.USES_DATA].colour),
    ("──┤ disputes", RELATION_STYLES[Relation.DISPUTES].colour),
    ("━━ states it more certainly than its source", ESCALATION_COLOUR),
    ("╌╌▷ copied, inferred from the wording (no citation recorded)", INFERRED_COPY.colour),
    ("··· later version of the same page", REVISION.colour),
    (
        "double border: origin (dashed: could be the origin)    green border: primary",
        PRIMARY_BORDER,
    ),
    ("grey, dashed: covered the story and left the claim out", "#777777"),
    ("dashed red border: relies on a retracted or corrected source", TAINT_COLOUR),
    (
        "box article · ▱ opinion · note blog · ellipse post · cylinder dataset · "
        "3-D box dashboard · tab study",
        "#333333",
    ),
)


def _legend() -> list[str]:
    """A compact key to colours and lines: one table-shaped node at the end of the time
    line. Its text is ours, never a case file's, so it can be written as HTML-like
    Graphviz markup."""
    stances = "".join(
        f'<TD BGCOLOR="{STANCE_COLOURS[stance]}">{name}</TD>'
        for name, stance in (
            ("supports", Stance.SUPPORTS),
            ("disputes", Stance.DISPUTES),
            ("neutral", Stance.NEUTRAL),
            ("cited only", None),
        )
    )
    rows = "".join(
        f'<TR><TD COLSPAN="4" ALIGN="LEFT"><FONT COLOR="{colour}">{text}</FONT></TD></TR>'
        for text, colour in _LEGEND_ROWS
    )
    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3" COLOR="#bbbbbb">'
        f'<TR><TD COLSPAN="4"><B>Key</B></TD></TR><TR>{stances}</TR>{rows}</TABLE>'
    )
    return [
        f'  {{ rank=sink; "legend:key" [shape=plaintext, style="", fontsize=8, label=<{table}>]; }}'
    ]


# --- the case overview ---------------------------------------------------------------


OVERVIEW_LIMIT = 400
"""Sources an overview draws at most; a larger case shows its most-cited sources."""


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
    case: Case,
    *,
    large: bool = False,
    limit: int = OVERVIEW_LIMIT,
    claim_pages: Callable[[str], str] | None = None,
) -> str:
    """All sources and claims of a case: citations between sources, and each claim
    linked to the sources that state it. Beyond `limit` sources only the most connected
    are drawn, and the title says so.

    `claim_pages` gives the address of a claim's page relative to the drawing, so that
    clicking a claim opens its trace; without it (a drawing exported on its own, with no
    pages beside it) claims link nowhere.
    """
    shown = overview_sources(case, limit)
    title = f"{case.title}: all sources and claims"
    if len(shown) < len(case.sources):
        title = (
            f"{case.title}: the {len(shown)} most-cited of {len(case.sources)} sources "
            "(each claim's own graph shows all of its sources)"
        )
    lines = [
        f"digraph {quote(case.id)} {{",
        f"  graph {attributes(graph_attributes(title, large))};",
        f"  node {attributes({'fontname': FONT, 'fontsize': 10, 'style': 'filled'})};",
        f"  edge {attributes({'fontname': FONT, 'fontsize': 8, 'color': '#555555'})};",
    ]
    for source in shown:
        link = safe_link(source)
        lines.append(
            node_line(
                source.id,
                id=svg_node_id(source.id),
                label=shorten(outlet_name(case, source), LABEL_LIMIT),
                shape=KIND_SHAPES[source.kind],
                tooltip=_overview_tooltip(case, source),
                URL=link,
                target="_blank" if link else None,
                color=PRIMARY_BORDER if source.is_primary else None,
                penwidth=3 if source.is_primary else None,
            )
        )
    for claim in case.claims:
        lines.append(
            node_line(
                f"claim:{claim.id}",
                id=f"claim-{claim.id}",
                label=claim.id,
                shape="hexagon",
                fillcolor="#fff7bc",
                tooltip=claim.statement,
                URL=claim_pages(claim.id) if claim_pages else None,
            )
        )
    lines += list(_overview_edges(shown, large))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _overview_tooltip(case: Case, source: Source) -> str:
    parts = [outlet_name(case, source), *source.authors]
    parts.append(source.published.label if source.published else "date unknown")
    if source.title:
        parts.append(source.title)
    return " · ".join(parts)


def overview_size(case: Case, limit: int = OVERVIEW_LIMIT) -> tuple[int, int]:
    """The nodes and edges an overview draws, to choose its layout by."""
    shown = overview_sources(case, limit)
    return len(shown) + len(case.claims), len(_citation_pairs(shown)) + len(_stated(shown))


def _citation_pairs(sources: Sequence[Source]) -> dict[tuple[str, str], list[str]]:
    """(cited, citing) for each pair of shown sources, with the claims it carries."""
    shown = {source.id for source in sources}
    pairs: dict[tuple[str, str], list[str]] = {}
    for source in sources:
        for citation in source.citations:
            if citation.cites in shown:
                pairs.setdefault((citation.cites, source.id), []).append(citation.claim)
    return pairs


def _stated(sources: Sequence[Source]) -> list[tuple[str, str]]:
    """(claim, source) for each claim a shown source states."""
    return sorted(
        {(statement.claim, source.id) for source in sources for statement in source.statements}
    )


def _overview_edges(sources: Sequence[Source], large: bool) -> Iterator[str]:
    for (cited, citing), claims in sorted(_citation_pairs(sources).items()):
        names = ", ".join(sorted(set(claims)))
        yield edge_line(
            cited,
            citing,
            label=None if large else names,
            tooltip=f"{citing} cites {cited}: {names}",
        )
    for claim_id, source_id in _stated(sources):
        yield edge_line(
            f"claim:{claim_id}", source_id, style="dotted", arrowhead="none", color="#b8a200"
        )


# --- the outlet graph ----------------------------------------------------------------


OUTLET_LIMIT = 400
"""Outlets an outlet graph draws at most; a larger one shows the most connected. A case
of 20,000 sources without outlets has 20,000 of them (each source stands for itself)."""


def outlet_nodes(graph: nx.DiGraph, limit: int = OUTLET_LIMIT) -> list[str]:
    """The outlets an outlet graph shows: all, or the `limit` with the most sources and
    citations."""
    if graph.number_of_nodes() <= limit:
        return sorted(graph.nodes)
    weight = dict(graph.degree(weight=WEIGHT))
    ranked = sorted(graph.nodes, key=lambda node: (-graph.nodes[node][WEIGHT] - weight[node], node))
    return sorted(ranked[:limit])


def outlet_size(graph: nx.DiGraph, limit: int = OUTLET_LIMIT) -> tuple[int, int]:
    """The nodes and edges an outlet graph draws, to choose its layout by."""
    shown = outlet_nodes(graph, limit)
    return len(shown), graph.subgraph(shown).number_of_edges()


def outlet_dot(
    graph: nx.DiGraph, title: str, *, large: bool = False, limit: int = OUTLET_LIMIT
) -> str:
    """Outlets as nodes (sized by sources) and citations between them as weighted edges;
    beyond `limit` outlets only the most connected are drawn, and the title says so."""
    shown = graph.subgraph(outlet_nodes(graph, limit))
    heading = f"{title}: who cites whom"
    if shown.number_of_nodes() < graph.number_of_nodes():
        heading = (
            f"{title}: who cites whom among the {shown.number_of_nodes()} most-cited of "
            f"{graph.number_of_nodes()} outlets (a source without an outlet counts as its own)"
        )
    lines = [
        f"digraph {quote('outlets')} {{",
        f"  graph {attributes(graph_attributes(heading, large))};",
        f"  node {attributes({'fontname': FONT, 'fontsize': 10, 'style': 'filled'})};",
        f"  edge {attributes({'fontname': FONT, 'fontsize': 9, 'color': '#555555'})};",
    ]
    for node, data in sorted(shown.nodes(data=True)):
        count = data[WEIGHT]
        label = f"{data[LABEL]}\n{count} source{'s' * (count != 1)}"
        lines.append(
            node_line(
                node,
                id=node.replace(":", "-"),
                label=label,
                shape="ellipse",
                fillcolor="#deebf7",
                tooltip=label.replace("\n", " · "),
            )
        )
    for cited, citing, weight in _outlet_edges(shown):
        lines.append(
            edge_line(
                cited,
                citing,
                label=None if large else str(weight),
                penwidth=min(1 + weight, 6),
                tooltip=f"{weight} citation{'s' * (weight != 1)}",
            )
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _outlet_edges(graph: nx.DiGraph) -> list[tuple[str, str, int]]:
    return sorted((cited, citing, weight) for citing, cited, weight in graph.edges(data=WEIGHT))
