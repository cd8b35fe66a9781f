"""The key to a drawing, drawn with the drawing's own shapes, fills and lines.

A key lists only what its drawing shows (the kinds of source, the marks, the stances
and the kinds of line that occur), each as a small node or edge styled from the same
tables (render/dot/styles.py), in rows: shapes and fills, marks, lines. It is a graph of
its own, written after the drawing's graph in the same DOT text; render/svg.py stacks
the two drawings in one SVG, and the report shows the key beside its graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from provenance.model import Case, Relation, SourceKind, Stance
from provenance.render.dot.styles import (
    BORDER,
    CANDIDATE,
    CITES,
    ESCALATION,
    INFERRED_COPY,
    KIND_SHAPES,
    OMITTED_BORDER,
    OMITTED_FILL,
    ORIGIN,
    ORIGIN_PENWIDTH,
    PRIMARY,
    PRIMARY_BORDER,
    RELATION_NAMES,
    RELATION_STYLES,
    REVISION,
    STANCE_COLOURS,
    STANCE_NAMES,
    TAINT_COLOUR,
    EdgeStyle,
)
from provenance.render.dot.syntax import (
    FONT,
    Banner,
    HtmlLabel,
    attributes,
    edge_line,
    node_line,
    quote,
)
from provenance.trace import Trace

KEY_NAME = "key"
"""The key graph's name; render/partial.py leaves it out of a graph drawn in part."""
LINES_PER_ROW = 5

Attributes = dict[str, str | float | None]


@dataclass(frozen=True)
class LineSample:
    """A kind of line in the key: a short edge drawn in its style, with its meaning."""

    meaning: str
    style: EdgeStyle
    arrowhead: str | None = None


def kind_sample(kind: SourceKind) -> Attributes:
    return {"shape": KIND_SHAPES[kind], "label": kind.value.replace("-", " ")}


def mark_label(banner: Banner, meaning: str) -> HtmlLabel:
    """A mark's sample: the banner a node carries, and what it means."""
    cell = (
        f'<TD BGCOLOR="{banner.colour}"><FONT COLOR="#ffffff" POINT-SIZE="9"><B> {banner.text} '
        "</B></FONT></TD>"
    )
    return HtmlLabel(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f"<TR>{cell}</TR><TR><TD>{meaning}</TD></TR></TABLE>"
    )


MARKS: dict[str, Attributes] = {
    "origin": {
        "label": mark_label(ORIGIN, "the claim entered the record here"),
        "peripheries": 2,
        "penwidth": ORIGIN_PENWIDTH,
    },
    "candidate": {
        "label": mark_label(CANDIDATE, "the dates cannot tell"),
        "peripheries": 2,
        "penwidth": ORIGIN_PENWIDTH,
        "style": "filled,dashed",
    },
    "primary": {
        "label": mark_label(PRIMARY, "first-hand evidence"),
        "color": PRIMARY_BORDER,
        "penwidth": 3,
    },
    "omitted": {
        "label": "covered the story,\nleft the claim out",
        "fontcolor": "#555555",
        "fillcolor": OMITTED_FILL,
        "color": OMITTED_BORDER,
        "style": "filled,dashed",
    },
    "tainted": {
        "label": "relies on a retracted\nor corrected source",
        "color": TAINT_COLOUR,
        "style": "filled,dashed",
    },
}


def stance_sample(stance: Stance | None) -> Attributes:
    return {"label": STANCE_NAMES[stance], "fillcolor": STANCE_COLOURS[stance]}


def claim_key(trace: Trace) -> str:
    """The key to a claim's timeline: what it draws, and which way the claim travels."""
    stances = {item.stance for item in trace.sources}
    return key_dot(
        "each arrow runs from a source to the source that took the claim from it",
        _kinds(item.source.kind for item in trace.sources),
        _marks(trace),
        [stance for stance in (*Stance, None) if stance in stances],
        _line_samples(trace),
    )


def _marks(trace: Trace) -> list[str]:
    sources = trace.sources
    drawn = {item.id for item in sources}
    shown = {
        "origin": any(item.is_origin for item in sources),
        "candidate": any(item.candidate_origin for item in sources),
        "primary": any(item.source.is_primary for item in sources),
        "omitted": any(omission.source not in drawn for omission in trace.omissions),
        "tainted": any(item.tainted_by for item in sources),
    }
    return [mark for mark in MARKS if shown[mark]]


def _line_samples(trace: Trace) -> list[LineSample]:
    relations = {hop.relation for hop in trace.citations}
    lines = [
        LineSample(RELATION_NAMES[relation], RELATION_STYLES[relation])
        for relation in Relation
        if relation in relations
    ]
    if any(hop.escalation for hop in trace.citations):
        lines.append(LineSample("states it more certainly than its source", ESCALATION, "normal"))
    lines += _copy_samples(trace)
    if trace.revisions:
        lines.append(LineSample("later version of the same page", REVISION))
    return lines


def _copy_samples(trace: Trace) -> list[LineSample]:
    directions = {copy.direction_known for copy in trace.inferred_copies}
    samples = []
    if True in directions:
        samples.append(LineSample("copied? inferred from the wording, not recorded", INFERRED_COPY))
    if False in directions:
        samples.append(LineSample("same wording, which came first unknown", INFERRED_COPY, "none"))
    return samples


def overview_key(case: Case, shown: Iterable[str]) -> str:
    """The key to a case overview: its kinds of source, primary sources, and arrows."""
    ids = set(shown)
    sources = [source for source in case.sources if source.id in ids]
    return key_dot(
        "each arrow runs from a source to a source that cites it",
        _kinds(source.kind for source in sources),
        ["primary"] if any(source.is_primary for source in sources) else [],
        [],
        [LineSample("cites, for one claim or more", CITES)],
    )


def _kinds(kinds: Iterable[SourceKind]) -> list[SourceKind]:
    present = set(kinds)
    return [kind for kind in SourceKind if kind in present]


def key_dot(
    meaning: str,
    kinds: Sequence[SourceKind],
    marks: Sequence[str],
    stances: Sequence[Stance | None],
    lines: Sequence[LineSample],
) -> str:
    """A key graph, top to bottom: the shapes and fills, the marks, then rows of lines."""
    title = HtmlLabel(f"<B>Key</B>   {meaning}")
    text = [
        f"digraph {quote(KEY_NAME)} {{",
        f"  graph {attributes(_graph(title))};",
        f"  node {attributes(_node_defaults())};",
        f"  edge {attributes({'fontname': FONT, 'fontsize': 10})};",
    ]
    rows = [
        [(f"kind:{kind.value}", kind_sample(kind)) for kind in kinds]
        + [
            (f"stance:{stance.value if stance else 'none'}", stance_sample(stance))
            for stance in stances
        ],
        [(f"mark:{mark}", MARKS[mark]) for mark in marks],
    ]
    firsts = []
    for row in rows:
        if row:
            firsts.append(row[0][0])
            text.append(_row(node_line(name, **values) for name, values in row))
    for start in range(0, len(lines), LINES_PER_ROW):
        chunk = lines[start : start + LINES_PER_ROW]
        firsts.append(f"line:{start}:tail")
        text.append(_row(_line(start + index, sample) for index, sample in enumerate(chunk)))
    if len(firsts) > 1:  # the rows in order, top to bottom
        text.append(f"  {' -> '.join(quote(name) for name in firsts)} [style=invis];")
    text.append("}")
    return "\n".join(text) + "\n"


def _graph(title: HtmlLabel) -> Attributes:
    return {
        "label": title,
        "labelloc": "t",
        "labeljust": "l",
        "fontname": FONT,
        "fontsize": 11,
        "nodesep": 0.2,
        "ranksep": 0.25,
        "pad": 0.2,
        "bgcolor": "white",
    }


def _node_defaults() -> Attributes:
    return {
        "fontname": FONT,
        "fontsize": 10,
        "shape": "box",
        "style": "filled",
        "fillcolor": "#ffffff",
        "color": BORDER,
        "height": 0.3,
        "margin": "0.1,0.04",
    }


def _row(lines: Iterable[str]) -> str:
    return "  { rank=same;\n" + "\n".join(f"  {line}" for line in lines) + "\n  }"


def _line(index: int, sample: LineSample) -> str:
    """Two invisible points joined by the line, its meaning written above it."""
    tail, head = f"line:{index}:tail", f"line:{index}:head"
    point: Attributes = {"shape": "point", "width": 0.05, "style": "invis", "label": ""}
    style = sample.style
    edge = edge_line(
        tail,
        head,
        label=sample.meaning,
        style=style.style,
        color=style.colour,
        fontcolor=style.colour,
        penwidth=style.penwidth,
        arrowhead=sample.arrowhead or style.arrowhead,
    )
    ends = [node_line(end, **point).strip() for end in (tail, head)]
    return "\n  ".join([*ends, edge.strip()])
