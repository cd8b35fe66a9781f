"""Every drawing has a budget: the layout is chosen from nodes and edges, a graph too
large is drawn in part, Graphviz runs with a time limit, and a graph that runs out of
it is drawn in part or as a note, and the build says so. A stand-in `dot` that hangs
(tests/fake_graphviz.py) plays the graph Graphviz cannot finish."""

from __future__ import annotations

import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from conftest import WALKAWAY, needs_graphviz
from fake_graphviz import install
from reports import report_paths
from shapes import CLAIM, dense_case, wide_case

from provenance import drawings
from provenance.build import build
from provenance.cli import main
from provenance.drawings import case_drawings, draw
from provenance.load import load_case, to_case
from provenance.render import layout, svg
from provenance.render.dot import claim_dot, outlet_dot
from provenance.render.layout import layout_for
from provenance.render.partial import reduced_dot
from provenance.render.speakers import outlet_graph
from provenance.render.svg import note_svg, render_svg
from provenance.trace import trace_case, trace_claim


@pytest.fixture
def hanging_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`dot -Kdot` hangs (sfdp is the real one); Graphviz's time limit is one second."""
    started = tmp_path / "fake-dot-started"
    for name, value in install(tmp_path / "bin", "dot", started).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(svg, "TIME_LIMIT", 1.0)
    return started


def parses(svg_bytes: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(svg_bytes)


# --- the layout ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nodes", "edges", "engine"),
    [
        (20, 30, "dot"),
        (11, 100, "dot"),  # eleven sources that all cite one another: 0.3 s in dot
        (120, 126, "dot"),  # the largest claim timeline of the benchmark
        (19, 324, "sfdp"),  # 19 that all cite one another: 12 s in dot
        (41, 1_600, "sfdp"),  # forty: over two minutes in dot
        (150, 293, "sfdp"),  # a timeline reaching back four weeks: 11 s in dot
        (40, 266, "sfdp"),  # an outlet graph of the benchmark: 4 to 10 s in dot
        (2_000, 2_500, "sfdp"),
    ],
)
def test_the_engine_is_chosen_by_nodes_and_edges(nodes: int, edges: int, engine: str) -> None:
    chosen = layout_for(nodes, edges)
    assert chosen.engine == engine
    assert chosen.detailed == (engine == "dot")
    assert chosen.whole


def test_a_graph_too_large_for_any_engine_is_drawn_in_part() -> None:
    assert not layout_for(layout.FULL_NODE_LIMIT + 1, 10).whole
    assert not layout_for(2_000, layout.FULL_EDGE_LIMIT + 1).whole


# --- a graph drawn in part ---------------------------------------------------------------


def test_a_reduced_graph_keeps_the_most_connected_and_says_what_it_leaves_out() -> None:
    case = to_case(load_case(WALKAWAY))
    full = claim_dot(trace_claim(case, "bots-drive-walkaway"), key=True)
    reduced, shown = reduced_dot(full, "a test", nodes=3, edges=2)
    assert shown == "3 of 11 nodes, 2 of 12 edges, the most connected"
    assert reduced.count(' [id="source-') == 3
    assert reduced.count(" -> ") == 2
    assert "axis:" not in reduced  # no date axis, no key, no edge labels
    assert "kind:" not in reduced
    assert 'digraph "key"' not in reduced
    assert 'label="quotes"' not in reduced
    assert "drawn in part: 3 of 11 nodes, 2 of 12 edges, the most connected; a test" in reduced
    assert reduced.startswith('digraph "bots-drive-walkaway" {\n  graph [')


def test_a_note_stands_where_nothing_could_be_drawn() -> None:
    note = note_svg('A <case> & "its" claims', "not drawn: it took too long")
    root = parses(note)
    assert root.findtext("{http://www.w3.org/2000/svg}title") == 'A <case> & "its" claims'


# --- the time limit ----------------------------------------------------------------------


def test_graphviz_is_stopped_at_its_time_limit(hanging_dot: Path) -> None:
    started = time.monotonic()
    with pytest.raises(svg.DrawingTimedOut):
        render_svg('digraph "g" { a -> b }', "dot")
    assert time.monotonic() - started < 10
    assert hanging_dot.exists()  # the stand-in did run, and hung


@needs_graphviz
def test_a_graph_that_runs_out_of_time_is_drawn_in_part_with_sfdp(hanging_dot: Path) -> None:
    case = to_case(load_case(WALKAWAY))
    drawn = draw(claim_dot(trace_claim(case, "bots-drive-walkaway")), "dot")
    assert drawn.shortfall is not None
    assert drawn.shortfall.startswith("drawn in part (11 of 11 nodes, 12 of 12 edges")
    assert drawn.shortfall.endswith("dot ran out of time")
    assert b"drawn in part" in drawn.svg
    parses(drawn.svg)


def test_a_graph_that_no_engine_finishes_becomes_a_note(
    hanging_dot: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_DOT_HANGS", "dot sfdp")
    drawn = draw('digraph "g" {\n  graph [label="A title"];\n  "a" [];\n}\n', "dot")
    assert drawn.shortfall == (
        "not drawn: dot, then sfdp on 1 of 1 nodes, 0 of 0 edges, the most connected, "
        "each took more than 1 s"
    )
    assert parses(drawn.svg).findtext("{http://www.w3.org/2000/svg}title") == "A title"


@needs_graphviz
@pytest.mark.slow  # each graph waits out its (one-second) time limit
def test_the_build_says_which_graphs_it_could_not_draw_in_full(
    hanging_dot: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["build", str(WALKAWAY), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert (
        f"{out / 'walkaway' / 'claims' / 'bots-drive-walkaway.svg'}: drawn in part (11 of 11 "
        "nodes, 12 of 12 edges, the most connected): dot ran out of time (see 'Graphs too "
        "large to draw' in docs/report.md)"
    ) in result.stderr.splitlines()
    assert "built 1 case, 8 claims, 19 sources" in result.stderr
    page = (out / "walkaway" / "claims" / "bots-drive-walkaway.html").read_text()
    assert "drawn in part" in page  # the drawing's own title says so too


# --- the shapes the issue names, with the real Graphviz ----------------------------------


@needs_graphviz
def test_forty_sources_that_all_cite_one_another_build_in_seconds(tmp_path: Path) -> None:
    folder = dense_case(tmp_path / "dense", 40)
    started = time.monotonic()
    result = build([folder], tmp_path / "out")
    assert result.built
    assert result.shortfalls == ()
    assert time.monotonic() - started < 60  # over ten minutes, when dot drew them all
    for drawing in report_paths(tmp_path / "out" / "dense", ".svg"):
        parses(drawing.read_bytes())


@needs_graphviz
def test_a_case_too_large_to_draw_whole_is_drawn_in_part_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout, "FULL_NODE_LIMIT", 450)  # as 20,000 sources would be
    monkeypatch.setattr(drawings, "layout_for", layout.layout_for)
    folder = wide_case(tmp_path / "wide", 500)
    result = build([folder], tmp_path / "out")
    assert result.built
    assert [(path.name, note.split(" (")[0]) for path, note in result.shortfalls] == [
        (f"{CLAIM}.svg", "drawn in part")
    ]
    drawing = (tmp_path / "out" / "wide" / "claims" / f"{CLAIM}.svg").read_bytes()
    assert b"drawn in part: 200 of 500 nodes" in drawing


def test_the_outlet_graph_is_capped_like_the_overview(tmp_path: Path) -> None:
    """20,000 sources without outlets are 20,000 outlets: sfdp ran past 15 minutes."""
    case = to_case(load_case(wide_case(tmp_path / "wide", 600)))
    dot = outlet_dot(outlet_graph(case), case.title, limit=400)
    assert dot.count('shape="ellipse"') == 400
    assert "between the 400 most-cited of 600 outlets" in dot
    made = case_drawings(case, trace_case(case))
    outlets = next(drawing for drawing in made if drawing.path.endswith("outlets.svg"))
    assert outlets.engine == "sfdp"
    assert outlets.dot.count('shape="ellipse"') == 400
