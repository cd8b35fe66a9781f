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


def test_a_chain_of_10000_citations_checks_clean(chain: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(chain)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"1 case, {CHAIN} sources: no problems.\n"


def test_a_chain_of_10000_citations_traces_as_text_and_json(chain: Path) -> None:
    text = CliRunner().invoke(main, ["trace", CLAIM, str(chain)])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert sum("quotes → s" in line for line in lines) == CHAIN - 1
    # The indentation stops growing, and the longest chain is written by its ends.
    assert max(len(line) for line in lines) < 200
    assert "… 9,989 more …" in lines[2]
    data = json.loads(
        CliRunner().invoke(main, ["trace", CLAIM, str(chain), "--format", "json"]).stdout
    )
    assert len(data["sources"]) == CHAIN
    assert max(source["hops"] for source in data["sources"]) == CHAIN - 1


@pytest.mark.parametrize("format_name", sorted(EXPORTERS))
def test_a_chain_of_10000_citations_exports(chain_model: Case, format_name: str) -> None:
    assert export_case(chain_model, format_name)
    assert export_case(chain_model, format_name, CLAIM)


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
    assert trace_json.stat().st_size < 1_000 * CHAIN


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
    # Each source in full once; reached again from its second citer, it is referred back to.
    assert text.stdout.count("(shown above)") == 2 * (LAYERS - 1)
    for format_name in EXPORTERS:
        assert export_case(case, format_name)


def test_a_layered_graph_builds_rows_of_one_step(layered: Path, tmp_path: Path) -> None:
    assert build([layered], tmp_path / "out", renderer=stand_in, jobs=1).built
    page = (tmp_path / "out" / "layered" / "claims" / f"{CLAIM}.html").read_text()
    assert page.count("data-via=") == 2 * LAYERS
    assert len(page) < 2_000 * 2 * LAYERS + 100_000
