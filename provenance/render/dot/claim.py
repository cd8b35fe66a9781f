"""A claim's trace as a left-to-right timeline.

The claim flows left to right, from the source it came from to the source that took it;
sources sit in columns by the date the claim first appeared in them, with the undated
in a last column marked "date unknown"; origins, candidate origins and primary sources
carry a banner; hops where the wording hardened are drawn in red; copies inferred from
the wording, later versions of a page and sources that left the claim out are drawn
apart. The key (render/dot/key.py) is a second graph in the same DOT text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from provenance.model import PublicationDate
from provenance.render.common import shorten, svg_edge_id, svg_node_id
from provenance.render.dot.key import claim_key
from provenance.render.dot.styles import (
    AXIS_FILL,
    BORDER,
    CANDIDATE,
    ESCALATION,
    INFERRED_COPY,
    KIND_SHAPES,
    OMITTED_BORDER,
    OMITTED_FILL,
    ORIGIN,
    ORIGIN_PENWIDTH,
    PRIMARY,
    PRIMARY_BORDER,
    RELATION_STYLES,
    REVISION,
    STANCE_COLOURS,
    TAINT_COLOUR,
    UNDATED_LABEL,
)
from provenance.render.dot.syntax import (
    FONT,
    Banner,
    HtmlLabel,
    attributes,
    edge_line,
    graph_attributes,
    html_label,
    html_text,
    node_line,
    quote,
    safe_link,
    wrapped,
)
from provenance.render.speakers import speaker_label
from provenance.trace import Trace, TracedCitation, TracedSource

TOOLTIP_LIMIT = 400
ARROWS = "each arrow runs from a source to the source that took the claim from it"


def claim_dot(trace: Trace, *, large: bool = False, key: bool = False) -> str:
    """The DOT text of one claim's trace, as a left-to-right timeline; with `key`, its
    key follows as a second graph (render/svg.py stacks the two drawings).

    `large` drops edge labels, the date axis and the key, which layout engines for large
    graphs cannot honour and which would cost minutes in `dot`.
    """
    lines = [
        f"digraph {quote(trace.claim.id)} {{",
        f"  graph {attributes(graph_attributes(_title(trace, large), large))};",
        f"  node {attributes({'fontname': FONT, 'fontsize': 11, 'style': 'filled'})};",
        f"  edge {attributes({'fontname': FONT, 'fontsize': 9})};",
    ]
    if not large:
        lines += _timeline(trace.sources)
    lines += [node_line(item.id, **_node_attributes(item)) for item in trace.sources]
    lines += list(_omission_nodes(trace))
    lines += [_edge_line(hop, large) for hop in trace.citations]
    lines += list(_copy_edges(trace, large))
    lines += list(_revision_edges(trace, large))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    return text + claim_key(trace) if key and not large else text


def _title(trace: Trace, large: bool) -> str:
    title = "\n".join(wrapped(f"{trace.claim.id}: {trace.claim.statement}", 72, 5))
    return f"{title}\n({ARROWS})" if large else title


# --- the date axis ---------------------------------------------------------------------


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
        lines.append(_column(axis[-1], f"<B>{html_text(seen.label)}</B>", columns[key]))
    if undated and columns:
        axis.append("axis:undated")
        lines.append(_column(axis[-1], f"<I>{UNDATED_LABEL}</I>", undated))
    if len(axis) > 1:
        lines.append(f"  {' -> '.join(quote(node) for node in axis)} [style=invis];")
    return lines


def _column(axis_node: str, label: str, members: Sequence[TracedSource]) -> str:
    head = node_line(
        axis_node,
        label=HtmlLabel(label),
        shape="box",
        style="filled,rounded",
        fillcolor=AXIS_FILL,
        color=AXIS_FILL,
        fontcolor="#333333",
    )
    names = " ".join(quote(item.id) for item in members)
    return f"  {{ rank=same; {head.strip()} {names} }}"


# --- sources ---------------------------------------------------------------------------


def _banners(item: TracedSource) -> list[Banner]:
    banners = [ORIGIN] if item.is_origin else [CANDIDATE] if item.candidate_origin else []
    return [*banners, PRIMARY] if item.source.is_primary else banners


def _node_label(item: TracedSource) -> HtmlLabel:
    name = speaker_label(item.voice, item.outlet)
    details = []
    authors = ", ".join(item.source.authors)
    if authors and authors not in name:
        details.append(authors)
    status = []
    if item.certainty is not None:
        status.append(f"{item.certainty.level.value}{' (est.)' * item.certainty.estimated}")
    if item.hops and not item.is_origin and not item.candidate_origin:
        status.append(f"{item.hops} hop{'s' * (item.hops != 1)}")
    if status:
        details.append(" · ".join(status))
    return html_label(name, details, _banners(item))


def _node_tooltip(item: TracedSource) -> str:
    source = item.source
    parts = [item.outlet]
    if source.authors:
        parts.append(", ".join(source.authors))
    parts.append(source.published.label if source.published else UNDATED_LABEL)
    if source.title:
        parts.append(source.title)
    text = " · ".join(parts)
    if item.wording:
        text += f"\n“{shorten(item.wording, TOOLTIP_LIMIT)}”"
    return text


def _node_attributes(item: TracedSource) -> dict[str, str | float | None]:
    source = item.source
    starts = item.is_origin or item.candidate_origin
    styles = ["filled"] + (["dashed"] if item.tainted_by or item.candidate_origin else [])
    border = PRIMARY_BORDER if source.is_primary else BORDER
    link = safe_link(source)
    return {
        "id": svg_node_id(item.id),
        "label": _node_label(item),
        "shape": KIND_SHAPES[source.kind],
        "fillcolor": STANCE_COLOURS[item.stance],
        "color": TAINT_COLOUR if item.tainted_by else border,
        "penwidth": 3 if source.is_primary else ORIGIN_PENWIDTH if starts else 1,
        "peripheries": 2 if starts else None,
        "style": ",".join(styles),
        "tooltip": _node_tooltip(item),
        "URL": link,
        "target": "_blank" if link else None,
    }


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
            label=html_label(omission.outlet, ["left the claim out"], muted=True),
            shape="box",
            fillcolor=OMITTED_FILL,
            color=OMITTED_BORDER,
            style="filled,dashed",
            tooltip=tooltip,
        )


# --- links between sources -------------------------------------------------------------


def _edge_line(hop: TracedCitation, large: bool) -> str:
    style = ESCALATION if hop.escalation else RELATION_STYLES[hop.relation]
    label = hop.relation.value + (" ▲" if hop.escalation else "")
    tooltip = f"{hop.citing} {hop.relation.value} {hop.cited}"
    if hop.citation.wording:
        tooltip += f": “{shorten(hop.citation.wording, TOOLTIP_LIMIT)}”"
    values: dict[str, str | float | None] = {
        "id": svg_edge_id(hop),
        "style": RELATION_STYLES[hop.relation].style,
        "color": style.colour,
        "penwidth": style.penwidth,
        "arrowhead": RELATION_STYLES[hop.relation].arrowhead,
        "label": None if large else label,
        "fontcolor": ESCALATION.colour if hop.escalation else None,
        "tooltip": tooltip,
        "labeltooltip": tooltip,
    }
    # Drawn in the direction the claim travelled: from the cited source to the citing one.
    return edge_line(hop.cited, hop.citing, **values)


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
