"""DOT text of claim timelines, their keys, case overviews and outlet graphs (no Graphviz
needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import WALKAWAY, write_files

from provenance.load import load_case, to_case
from provenance.model import Case, Source, SourceKind
from provenance.render.dot import (
    KEY_NAME,
    STRING_LIMIT,
    claim_dot,
    outlet_dot,
    overview_dot,
    quote,
    safe_link,
)
from provenance.render.dot.syntax import html_label, html_text, wrapped
from provenance.render.speakers import outlet_graph
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


def node_line(dot: str, node: str) -> str:
    """The line of a node, its label's line breaks read as spaces."""
    line = next(line for line in dot.splitlines() if line.startswith(f'  "{node}" ['))
    return line.replace("<BR/>", " ")


def test_claim_graph_reads_as_a_timeline(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    assert 'rankdir="LR"' in dot
    # The claim flows from the cited source to the citing one.
    assert re.search(r'"huffpost-papenfuss" -> "salon-cesca" \[[^\]]*label="quotes ▲"', dot)
    # Salon (9 July) sits in a later date column than HuffPost (about 8 July).
    assert re.search(
        r'rank=same; "axis:0" \[label=<<B>≈ 2018-07-08</B>>.*"huffpost-papenfuss"', dot
    )
    assert re.search(r'rank=same; "axis:1" \[label=<<B>2018-07-09</B>>.*"salon-cesca"', dot)
    assert '"axis:0" -> "axis:1" -> "axis:undated" [style=invis]' in dot
    # Undated sources share a last column marked as such, never a dated one.
    assert re.search(r'rank=same; "axis:undated" \[label=<<I>date unknown</I>>.*"arc-digital"', dot)
    assert KEY_NAME not in dot  # the key comes only when asked for


def test_the_key_follows_as_a_graph_of_its_own_and_shows_only_what_is_drawn(
    walkaway: Case,
) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"), key=True)
    drawing, key = dot.split(f'digraph "{KEY_NAME}" {{')
    assert drawing.endswith("}\n")
    assert "each arrow runs from a source to the source that took the claim from it" in key
    # The kinds of source it draws, in their own shapes; none it does not.
    assert '"kind:opinion" [shape="parallelogram", label="opinion"]' in key
    assert '"kind:social-post" [shape="ellipse"' in key
    assert "kind:dataset" not in key
    # The marks, fills and lines that occur, drawn as the drawing draws them.
    assert '"mark:origin"' in key
    assert '"mark:primary"' in key
    assert "mark:candidate" not in key
    assert 'label="paraphrases", style="dashed"' in key
    assert 'label="disputes", style="solid", color="#2166ac"' in key
    assert 'arrowhead="tee"' in key
    assert 'label="states it more certainly than its source"' in key
    assert "inferred" not in key
    assert 'fillcolor="#92c5de"' in key  # disputes it
    # A large graph has no key: its title says what the arrows mean.
    large = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"), large=True, key=True)
    assert KEY_NAME not in large
    assert "each arrow runs from a source to the source that took the claim from it" in large


def test_origins_and_primary_sources_carry_a_banner(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    huffpost = node_line(dot, "huffpost-papenfuss")
    assert "<B> ORIGIN </B>" in huffpost
    assert 'peripheries="2"' in huffpost
    assert "PRIMARY SOURCE" not in huffpost
    weigel = node_line(dot, "weigel-tweet")
    assert "<B> ORIGIN </B>" in weigel
    assert "<B> PRIMARY SOURCE </B>" in weigel
    assert 'color="#1b7837"' in weigel
    assert "ORIGIN" not in node_line(dot, "salon-cesca")


def test_long_names_wrap_and_are_never_cut(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    astroturf = next(line for line in dot.splitlines() if '"astroturf-made-in-russia" [' in line)
    assert (
        "#WalkAway? A Grassroots<BR/>Movement? Nope, It's<BR/>More Like Astroturf Made<BR/>"
        "In Russia." in astroturf
    )
    assert "…" not in astroturf
    title = dot.splitlines()[1]
    assert "by real former Democrats." in title  # the whole statement, on lines
    assert "…" not in title
    assert wrapped("x " * 200, 24, 6)[-1].endswith("…")  # only beyond six lines


def test_posts_are_named_by_their_account(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    assert "<B>David Weigel on Twitter</B>" in node_line(dot, "weigel-tweet")
    assert "<B>Brandon Straka on Twitter</B>" in node_line(dot, "straka-tweet")
    salon = node_line(dot, "salon-cesca")
    assert "<B>Salon</B>" in salon
    assert "Bob Cesca" in salon


def test_text_in_html_labels_is_escaped() -> None:
    assert html_text('<B>a & "b"</B>\x07 ]') == "&lt;B&gt;a &amp; &quot;b&quot;&lt;/B&gt; ]"
    label = html_label("<script>", ["x > y"])
    assert "<script>" not in label
    assert "&lt;script&gt;" in label


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
    skip = node_line(dot, "skip")
    assert 'style="filled,dashed"' in skip
    assert "left the claim out" in skip
    key = claim_dot(trace_claim(built, "c"), key=True).split(KEY_NAME)[1]
    assert 'label="copied? inferred from the wording, not recorded"' in key
    assert 'label="later version of the same page", style="dotted"' in key
    assert '"mark:omitted"' in key


def test_nodes_carry_link_tooltip_shape_and_stance(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "bots-drive-walkaway"))
    salon = node_line(dot, "salon-cesca")
    assert 'URL="https://www.salon.com/2018/07/09/' in salon
    assert 'shape="parallelogram"' in salon  # an opinion piece
    assert 'fillcolor="#f4a582"' in salon  # supports
    assert 'id="source-salon-cesca"' in salon
    assert "Bob Cesca" in salon
    straka = node_line(dot, "straka-tweet")
    assert 'shape="ellipse"' in straka
    assert 'fillcolor="#92c5de"' in straka  # disputes
    assert "URL=" not in straka  # no address is known


def test_primary_sources_stand_out(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "hamilton68-rank"))
    dashboard = node_line(dot, "hamilton68")
    assert 'peripheries="2"' in dashboard
    assert 'color="#1b7837"' in dashboard
    assert 'shape="box3d"' in dashboard


def test_large_graphs_drop_labels_and_the_axis(walkaway: Case) -> None:
    dot = claim_dot(trace_claim(walkaway, "hamilton68-rank"), large=True)
    assert 'overlap="scale"' in dot
    assert "rank=same" not in dot
    assert 'label="quotes"' not in dot


def without_html_labels(dot: str) -> str:
    """The DOT text with each HTML-like label (`=<...>`, its brackets balanced) emptied."""
    out, depth = [], 0
    for index, character in enumerate(dot):
        if depth == 0 and character == "<" and dot[index - 1] == "=":
            depth = 1
            out.append("<")
        elif depth:
            depth += {"<": 1, ">": -1}.get(character, 0)
            if depth == 0:
                out.append(">")
        else:
            out.append(character)
    return "".join(out)


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
        claim_dot(trace_claim(case, "c"), key=True),
        overview_dot(case, key=True),
        outlet_dot(outlet_graph(case), case.title),
    ):
        # Every quoted string and HTML-like label closes where it should: with them
        # taken out, what is left is only our own structure, and the hostile text is
        # nowhere in it; inside a label it is text, never markup.
        unquoted = re.sub(r'"(?:\\.|[^"\\])*"', '""', dot)
        assert "<script>" not in unquoted
        structure = without_html_labels(unquoted)
        assert "x -> y" not in structure
        assert "script" not in structure
        assert structure.count('"') % 2 == 0


def test_the_overview_names_sources_by_who_speaks_and_draws_no_claims(walkaway: Case) -> None:
    overview = overview_dot(walkaway, key=True)
    drawing, key = overview.split(KEY_NAME)
    assert '"claim:' not in drawing  # claims are a filter in the page, not nodes
    assert "hexagon" not in drawing  # no kind of source drawn here is a broadcast
    edges = [line for line in drawing.splitlines() if " -> " in line]
    assert edges
    assert not [line for line in edges if "label=" in line]  # no edge label lists claim ids
    assert re.search(
        r'"hamilton68" -> "huffpost-papenfuss" \[id="cites:hamilton68:huffpost-papenfuss"', drawing
    )
    assert "<B>David Weigel on Twitter</B>" in node_line(drawing, "weigel-tweet")
    assert "<B>Brandon Straka on Twitter</B>" in node_line(drawing, "straka-tweet")
    assert "each arrow runs from a source to a source that cites it" in key
    assert '"kind:dashboard" [shape="box3d"' in key
    alone = overview_dot(walkaway)  # exported, without its key: the title says it
    assert "each arrow runs from a source to a source that cites it" in alone.splitlines()[1]


def test_the_outlet_graph_says_which_way_its_arrows_point(walkaway: Case) -> None:
    outlets = outlet_dot(outlet_graph(walkaway), walkaway.title)
    title = outlets.splitlines()[1]
    assert "how claims passed between outlets" in title
    assert "each arrow runs from the outlet cited to the outlet that cites it" in title
    # The Alliance's dashboard is cited by HuffPost: the arrow runs towards HuffPost.
    assert '"outlet-alliance-for-securing-democracy" -> "outlet-huffpost"' in outlets
    # Three people on Twitter are three accounts, not "Twitter" three times.
    names = outlets.replace("<BR/>", " ")
    assert "<B>Twitter</B>" not in names
    assert "<B>David Weigel on Twitter</B>" in names
    assert names.count(" on Twitter</B>") == 3


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
