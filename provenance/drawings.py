"""Every graph of a case, drawn within a budget.

For each graph of a case (one per claim, the overview, the outlet graph) the layout is
chosen from its nodes and edges (render/layout.py) and its DOT text made accordingly; a
graph too large to draw whole is reduced to its most connected part from the start.
`draw` then runs Graphviz within its time limit (render/svg.py); a graph that runs out
of it is drawn again in part with sfdp, and if even that runs out, a note stands in its
place. Two Graphviz runs at most, so no graph holds a build for more than a minute, and
what a drawing leaves out is said in its title and in the build's summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from provenance.model import Case
from provenance.render import svg
from provenance.render.dot import claim_dot, outlet_dot, outlet_size, overview_dot, overview_size
from provenance.render.layout import Layout, layout_for
from provenance.render.partial import dot_title, reduced_dot
from provenance.render.speakers import outlet_graph
from provenance.render.svg import Renderer, note_svg, render_svg
from provenance.trace import Trace


@dataclass(frozen=True)
class Drawing:
    """One graph to draw: its DOT text, the engine to use, and where the SVG goes
    (relative to the output folder)."""

    path: str
    dot: str
    engine: str
    shortfall: str | None = None
    """What it leaves out, when the graph is too large to be drawn in full at all."""


def case_drawings(case: Case, traces: Sequence[Trace]) -> list[Drawing]:
    """Every graph of one case: one per claim, the overview, and the outlet graph, each
    laid out as its nodes and edges allow (`layout_for`)."""
    drawings = []
    for trace in traces:
        layout = layout_for(len(trace.sources), len(trace.citations))
        dot = claim_dot(trace, large=not layout.detailed, key=True)
        drawings.append(_drawing(f"{case.id}/claims/{trace.claim.id}.svg", dot, layout))
    layout = layout_for(*overview_size(case))
    dot = overview_dot(case, large=not layout.detailed, key=True)
    drawings.append(_drawing(f"{case.id}/overview.svg", dot, layout))
    outlets = outlet_graph(case)
    layout = layout_for(*outlet_size(outlets))
    dot = outlet_dot(outlets, case.title, large=not layout.detailed)
    drawings.append(_drawing(f"{case.id}/outlets.svg", dot, layout))
    return drawings


def _drawing(path: str, dot: str, layout: Layout) -> Drawing:
    if layout.whole:
        return Drawing(path, dot, layout.engine)
    reduced, shown = reduced_dot(dot, "the whole graph is too large to draw")
    return Drawing(path, reduced, layout.engine, f"drawn in part ({shown}): too large to draw")


@dataclass(frozen=True)
class Drawn:
    """A graph's SVG, and what it leaves out if it could not be drawn in full in time."""

    svg: bytes
    shortfall: str | None = None


def draw(dot_text: str, engine: str, renderer: Renderer | None = None) -> Drawn:
    """Draw a graph within the budget: in full, else in part with sfdp, else as a note.

    `renderer` stands in for Graphviz in tests; it is given the same DOT text and engine,
    and signals a run out of time with DrawingTimedOut.
    """
    run = renderer or render_svg
    limit = svg.TIME_LIMIT
    try:
        return Drawn(run(dot_text, engine))
    except svg.DrawingTimedOut:
        pass
    reduced, shown = reduced_dot(dot_text, f"the full drawing took more than {limit:.0f} s")
    try:
        return Drawn(run(reduced, "sfdp"), f"drawn in part ({shown}): {engine} ran out of time")
    except svg.DrawingTimedOut:
        note = f"not drawn: {engine}, then sfdp on {shown}, each took more than {limit:.0f} s"
        return Drawn(note_svg(dot_title(dot_text), note), note)
