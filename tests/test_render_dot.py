"""DOT text of claim timelines, case overviews and outlet graphs (no Graphviz needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import WALKAWAY, write_files

from provenance.graph import outlet_graph
from provenance.load import load_case, to_case
from provenance.model import Case, Source, SourceKind
from provenance.render.dot import (
    STRING_LIMIT,
    claim_dot,
    outlet_dot,
    overview_dot,
    quote,
    safe_link,
)
from provenance.trace import trace_claim


@pytest.fixture(scope="module")
def walkaway() -> Case:
    return to_case(load_case(WALKAWAY))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash \\N", '"back\\\\slash \\\\N"'),
        ("two\nlines", '"two\\nlines"'),
        ("bell\x07 nul\x00", '"bell nul"'),
        ("a & b <script>", '"a &amp; b <script>"'),
    ],
)
def test_quote_escapes_everything_dot_would_interpret(text: str, expected: str) -> None:
    assert quote(text) == expected


def test_claim_graph_reads_as_a_timeline(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    assert 'rankdir="LR"' in dot
    # The claim flows from the cited source to the citing one.
    assert re.search(r'"huffpost-papenfuss" -> "salon-cesca" \[[^\]]*escalation', dot)
    # Salon (9 July) sits in a later date column than HuffPost (about 8 July).
    assert re.search(r'rank=same; "axis:0" \[label="≈ 2018-07-08".*"huffpost-papenfuss"', dot)
    assert re.search(r'rank=same; "axis:1" \[label="2018-07-09".*"salon-cesca"', dot)
    assert '"axis:0" -> "axis:1" -> "axis:undated" [style=invis]' in dot
    # Undated sources share a last column marked as such, never a dated one.
    assert re.search(r'rank=same; "axis:undated" \[label="date unknown".*"arc-digital"', dot)
    assert '"legend:key"' in dot


def test_inferred_copies_revisions_and_omissions_are_drawn_apart(tmp_path: Path) -> None:
    from casebuilder import case, cites, says, source

    words = "One could say my life itself has been one long soundtrack, he said."
    built = case(
        tmp_path,
        {
            "v1": source("other", published="2009-03-30", statements=[says(words)]),
            "v2": source(
                "other", published="2009-04-30", revision_of="v1", statements=[says(words)]
            ),
            "copy": source(published="2009-03-31", statements=[says(words)]),
            "skip": source(published="2009-04-01", omits=[{"claim": "c", "note": "Not printed."}]),
            "cite": source(published="2009-04-02", citations=[cites("v1")]),
        },
    )
    dot = claim_dot(trace_claim(built, "c"))
    assert re.search(r'"v1" -> "copy" \[id="copy-v1-copy", style="dashed", color="#e66101"', dot)
    assert 'label="copied? (inferred)"' in dot
    assert re.search(r'"v1" -> "v2" \[id="revision-v1-v2", style="dotted"', dot)
    assert re.search(r'"skip" \[id="source-skip", label="skip\\nleft the claim out"', dot)
    assert "copied, inferred from the wording" in dot  # in the key


def test_nodes_carry_link_tooltip_shape_and_stance(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    salon = next(line for line in dot.splitlines() if line.startswith('  "salon-cesca" ['))
    assert 'URL="https://www.salon.com/2018/07/09/' in salon
    assert 'shape="parallelogram"' in salon  # an opinion piece
    assert 'fillcolor="#f4a582"' in salon  # supports
    assert 'id="source-salon-cesca"' in salon
    assert "Bob Cesca" in salon
    straka = next(line for line in dot.splitlines() if line.startswith('  "straka-tweet" ['))
    assert 'shape="ellipse"' in straka
    assert 'fillcolor="#92c5de"' in straka  # disputes
    assert "URL=" not in straka  # no address is known


def test_origins_and_primary_sources_stand_out(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "hamilton68-rank"))
    dashboard = next(line for line in dot.splitlines() if line.startswith('  "hamilton68" ['))
    assert 'peripheries="2"' in dashboard
    assert 'color="#1b7837"' in dashboard
    assert 'shape="box3d"' in dashboard


def test_large_graphs_drop_labels_and_the_axis(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "hamilton68-rank"), large=True)
    assert 'overlap="scale"' in dot
    assert "rank=same" not in dot
    assert 'label="quotes"' not in dot


def test_case_strings_cannot_break_out_of_dot(tmp_path: Path) -> None:
    hostile = 'Evil "outlet" \\N <script>alert(1)</script> & co\n]; x -> y; ['
    folder = write_files(
        tmp_path / "case",
        {
            "case.yaml": "title: t\nclaims:\n  - id: c\n    statement: s\n",
            # JSON strings are valid YAML, and json.dumps escapes everything for us.
            "outlets.yaml": f"outlets:\n  - id: evil\n    name: {json.dumps(hostile)}\n",
            "sources/a.yaml": "kind: article\noutlet: evil\nstatements:\n  - claim: c\n"
            f"    wording: {json.dumps(hostile)}\n",
        },
    )
    loaded = load_case(folder)
    assert not loaded.problems
    case = to_case(loaded)
    for dot in (
        claim_dot(trace_claim(case, "c")),
        overview_dot(case),
        outlet_dot(outlet_graph(case), case.title),
    ):
        # Every quoted string closes where it should: with the strings taken out, what
        # is left is only our own structure, and the hostile text is nowhere in it.
        structure = re.sub(r'"(?:\\.|[^"\\])*"', '""', dot)
        assert "x -> y" not in structure
        assert "script" not in structure
        assert structure.count('"') % 2 == 0


def test_overview_and_outlet_graphs(walkaway: Case) -> None:
    overview = overview_dot(walkaway)
    assert '"claim:hamilton68-rank"' in overview
    assert '"hamilton68" -> "huffpost-papenfuss"' in overview
    outlets = outlet_dot(outlet_graph(walkaway), walkaway.title)
    assert '"outlet:alliance-for-securing-democracy" -> "outlet:huffpost"' in outlets


def test_overview_claims_open_their_pages_only_where_the_pages_are(walkaway: Case) -> None:
    alone = overview_dot(walkaway)  # e.g. `provenance export --format dot`
    assert "claims/" not in alone
    linked = overview_dot(walkaway, claim_pages=lambda claim_id: f"claims/{claim_id}.html")
    assert linked.count('URL="claims/') == len(walkaway.claims)
    for claim in walkaway.claims:
        assert f'"claim:{claim.id}" [' in linked
        assert f'URL="claims/{claim.id}.html"' in linked


def test_dot_is_deterministic(walkaway: Case) -> None:
    first = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    again = claim_dot(trace_claim(to_case(load_case(WALKAWAY)), "bots-drive-walkaway"))
    assert first == again


@pytest.mark.parametrize(
    "text",
    ["&" * 3_300, "x" * 16_400, "é" * 9_000, '"\\' * 9_000, "a\nb" * 6_000, "ok " * 100],
)
def test_quote_keeps_every_string_within_graphvizs_limit(text: str) -> None:
    quoted = quote(text)
    assert len(quoted.encode()) <= STRING_LIMIT + 2  # the two quotes
    assert quoted[0] == quoted[-1] == '"'
    if len(text) < 1_000:
        assert "…" not in quoted
    else:
        assert quoted.endswith('…"')  # so no escape was cut in half


def test_an_address_too_long_for_graphviz_is_no_link() -> None:
    source = Source(id="long", kind=SourceKind.ARTICLE, url="https://example.org/" + "a" * 17_000)
    assert safe_link(source) is None
    assert safe_link(Source(id="short", kind=SourceKind.ARTICLE, url="https://example.org/a"))
