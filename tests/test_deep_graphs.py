"""Graphs of extreme shape: a chain of 10,000 citations, and a layered graph whose paths
back to the origin double at each layer. Both are checked, traced, built (as of a day
too) and exported in every format without recursion, and what they produce grows with
the number of sources, never with the length of the paths or their number."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapes import CLAIM, chain_case, layered_case

from provenance.build import build
from provenance.cli import main
from provenance.export import EXPORTERS, export_case
from provenance.load import load_case, to_case
from provenance.model import Case
from provenance.trace import trace_claim

slow = pytest.mark.slow  # 10,000 source files written, loaded and traced: seconds each

CHAIN = 10_000
LAYERS = 40
"""2 ** 40 paths lead back from the last layer: a walk that lists them never ends."""


def stand_in(dot: str, engine: str) -> bytes:
    """Graphviz itself is tested on such graphs in test_drawing_budgets.py."""
    return b'<svg xmlns="http://www.w3.org/2000/svg"><title>stand-in</title></svg>'


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chain_case(tmp_path_factory.mktemp("deep") / "chain", CHAIN)


@pytest.fixture(scope="module")
def layered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return layered_case(tmp_path_factory.mktemp("deep") / "layered", LAYERS)


@pytest.fixture(scope="module")
def chain_model(chain: Path) -> Case:
    return to_case(load_case(chain))


@slow
def test_a_chain_of_10000_citations_checks_clean(chain: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(chain)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"1 case, {CHAIN} sources: no problems.\n"


@slow
def test_a_chain_of_10000_citations_traces_as_text_and_json(chain: Path) -> None:
    text = CliRunner().invoke(main, ["trace", CLAIM, str(chain)])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert len(lines) > CHAIN  # a line for each source at least
    # However deep the tree, no line is wider than the terminal (80 when piped).
    assert max(len(line) for line in lines) <= 80
    data = json.loads(
        CliRunner().invoke(main, ["trace", CLAIM, str(chain), "--format", "json"]).stdout
    )
    assert len(data["sources"]) == CHAIN
    assert max(source["hops"] for source in data["sources"]) == CHAIN - 1


@slow
@pytest.mark.parametrize("format_name", sorted(EXPORTERS))
def test_a_chain_of_10000_citations_exports(chain_model: Case, format_name: str) -> None:
    assert export_case(chain_model, format_name)
    assert export_case(chain_model, format_name, CLAIM)


@slow
def test_a_chain_of_10000_citations_builds_pages_that_grow_with_the_sources(
    chain: Path, tmp_path: Path
) -> None:
    result = build([chain], tmp_path / "out", renderer=stand_in, jobs=1)
    assert result.built
    page = tmp_path / "out" / "chain" / "claims" / f"{CLAIM}.html"
    # About 800 bytes a row, whatever the distance to the origin (900 hops made 17 MB
    # when each row listed its path back); the row far down holds one step.
    assert page.stat().st_size < 1_000 * CHAIN
    html = page.read_text()
    row = html[html.index('id="row-s09999"') : html.index("</tr>", html.index('id="row-s09999"'))]
    assert 'data-via="s09998"' in row
    assert 'data-via-edges="citation-s09998-s09999-quotes"' in row
    trace_json = tmp_path / "out" / "chain" / "claims" / f"{CLAIM}.json"
    assert trace_json.stat().st_size < 2_000 * CHAIN


@slow
def test_a_chain_of_10000_citations_builds_as_of_a_day(chain: Path, tmp_path: Path) -> None:
    result = build([chain], tmp_path / "out", renderer=stand_in, jobs=1, as_of=date(2018, 7, 1))
    assert result.built
    assert result.sources == CHAIN


def test_a_layered_graph_is_traced_without_listing_its_paths(layered: Path) -> None:
    case = to_case(load_case(layered))
    trace = trace_claim(case, CLAIM)
    last = trace.source(f"l{LAYERS - 1:03d}-0")
    assert last.hops == LAYERS - 1
    assert set(last.via) == {f"l{LAYERS - 2:03d}-0", f"l{LAYERS - 2:03d}-1"}
    text = CliRunner().invoke(main, ["trace", CLAIM, str(layered)])
    assert text.exit_code == 0, text.output
    # Each source in full once, referred back to when reached again: not a line per path.
    assert len(text.stdout.splitlines()) < 20 * 2 * LAYERS
    for format_name in EXPORTERS:
        assert export_case(case, format_name)


def test_a_layered_graph_builds_rows_of_one_step(layered: Path, tmp_path: Path) -> None:
    assert build([layered], tmp_path / "out", renderer=stand_in, jobs=1).built
    page = (tmp_path / "out" / "layered" / "claims" / f"{CLAIM}.html").read_text()
    assert page.count("data-via=") == 2 * LAYERS
    assert len(page) < 2_000 * 2 * LAYERS + 100_000
