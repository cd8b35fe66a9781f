"""DOT export: exactly the text the renderers draw, for the case or for one claim."""

from __future__ import annotations

import subprocess

import pytest
from conftest import WALKAWAY, needs_graphviz

from provenance.export.dot import export_dot
from provenance.load import load_case, to_case
from provenance.model import Case
from provenance.problems import ClaimNotFound
from provenance.render.dot import claim_dot, overview_dot
from provenance.trace import trace_claim


@pytest.fixture(scope="module")
def walkaway() -> Case:
    return to_case(load_case(WALKAWAY))


def test_the_whole_case_is_the_overview(walkaway: Case) -> None:
    text = export_dot(walkaway, None).decode("utf-8")
    assert text == overview_dot(walkaway)
    assert text.startswith('digraph "walkaway" {')
    assert '"huffpost-papenfuss" -> "salon-cesca"' in text
    # One graph, that `dot -Tpng` draws as one picture: no key graph after it; its
    # title says what the arrows mean instead.
    assert text.count("digraph ") == 1
    assert "each arrow runs from a source to a source that cites it" in text


def test_one_claim_is_its_timeline(walkaway: Case) -> None:
    text = export_dot(walkaway, "hamilton68-rank").decode("utf-8")
    assert text == claim_dot(trace_claim(walkaway, "hamilton68-rank"))
    assert text.startswith('digraph "hamilton68-rank" {')
    assert '"hamilton68" -> "huffpost-papenfuss"' in text
    assert '"brand24"' not in text
    assert text.count("digraph ") == 1


def test_an_unknown_claim_is_named(walkaway: Case) -> None:
    with pytest.raises(ClaimNotFound, match="did you mean 'hamilton68-rank'"):
        export_dot(walkaway, "hamilton-rank")


@needs_graphviz
def test_graphviz_reads_it(walkaway: Case) -> None:
    result = subprocess.run(
        ["dot", "-Tcanon"], input=export_dot(walkaway, None), capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
