"""How a claim spread: loops condensed, first appearance, hops, the longest chain, returns
to a voice (provenance/spread.py, through trace_claim)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import networkx as nx
from casebuilder import case, cites, says, source

from provenance.model import parse_publication_date
from provenance.spread import analyse, first_appearance, voice_returns
from provenance.trace import Trace, trace_claim

OUTLETS = [
    {"id": "wiki", "name": "The Wiki"},
    {"id": "paper", "name": "The Paper"},
    {"id": "daily", "name": "The Daily"},
]


def codes(trace: Trace) -> set[str]:
    return {warning.code for warning in trace.warnings}


def recorded_links(trace: Trace) -> set[tuple[str, str]]:
    """(cited, citing) pairs the case records, plus revisions: the links a chain may use."""
    links = {(hop.cited, hop.citing) for hop in trace.citations}
    return links | {(earlier, later) for later, earlier in trace.revisions}


def test_citogenesis_recorded_as_a_loop_has_its_first_appearance_as_origin(
    tmp_path: Path,
) -> None:
    # A wiki states a fact (its statement dated by the edit), a paper prints it citing
    # the wiki, and the wiki then cites the paper for it: a loop of two.
    trace = trace_claim(
        case(
            tmp_path,
            {
                "wiki-page": source(
                    "other",
                    outlet="wiki",
                    published="2004-05-01",
                    statements=[says("The minister has eleven names.", date="2009-02-08")],
                    citations=[cites("paper-report", "links")],
                ),
                "paper-report": source(
                    outlet="paper",
                    published="2009-02-09",
                    statements=[says("The minister has eleven names, it says.")],
                    citations=[cites("wiki-page", "paraphrases")],
                ),
            },
            outlets=OUTLETS,
        ),
        "c",
    )
    assert trace.cycles == (("paper-report", "wiki-page"),)
    assert trace.origins == ("wiki-page",)  # the edit (2009-02-08) came first
    assert trace.roots[0].members == ("paper-report", "wiki-page")
    assert "first appearance" in trace.roots[0].reason
    assert trace.independent_origins == 1
    assert {"circular", "ungrounded"} <= codes(trace)
    assert "origin-undetermined" not in codes(trace)
    assert trace.source("paper-report").hops == 1
    assert set(pairwise(trace.longest_chain)) <= recorded_links(trace)


def test_an_approximate_date_does_not_decide_a_loop(tmp_path: Path) -> None:
    estimated = {"date": "2009-02-01", "approximate": True}
    trace = trace_claim(
        case(
            tmp_path,
            {
                "a": source(published=estimated, outlet="wiki", citations=[cites("b")]),
                "b": source(published="2009-02-09", outlet="paper", citations=[cites("a")]),
            },
            outlets=OUTLETS,
        ),
        "c",
    )
    # The estimate puts a a week before b, but an estimate proves nothing: either could
    # have been first, and the trace says so rather than guessing.
    assert trace.origins == ()
    assert trace.roots[0].candidates == ("a", "b")
    assert "origin-undetermined" in codes(trace)


def test_first_appearance_rules() -> None:
    dates = {
        "early": parse_publication_date("2009-02-08"),
        "late": parse_publication_date("2009-02-09"),
        "same-day": parse_publication_date("2009-02-08"),
        "estimate": parse_publication_date({"date": "2009-01", "approximate": True}),
        "undated": None,
    }
    decided = first_appearance(("early", "late"), dates)
    assert (decided.origin, decided.candidates) == ("early", ("early",))
    # Two on one day: the dates cannot decide.
    tied = first_appearance(("early", "late", "same-day"), dates)
    assert tied.origin is None
    assert tied.candidates == ("early", "same-day")
    assert "cannot decide" in tied.reason
    # An undated member could always have been first.
    unknown = first_appearance(("early", "undated"), dates)
    assert unknown.candidates == ("early", "undated")
    assert "undated (date unknown)" in unknown.reason
    assert "could be earlier" in unknown.reason
    # An estimate does not decide a loop, unless estimates are allowed to, and then the
    # reason says so.
    assert first_appearance(("early", "estimate"), dates).origin is None
    estimated = first_appearance(("early", "estimate"), dates, approximate_decides=True)
    assert estimated.origin == "estimate"
    assert "approximate" in estimated.reason


def test_a_claim_that_leaves_an_outlet_and_comes_back_is_circular(tmp_path: Path) -> None:
    # Outlet A -> B -> A: the paper's second piece cites the daily, which took the claim
    # from the paper's first piece.
    trace = trace_claim(
        case(
            tmp_path,
            {
                "paper-first": source(outlet="paper", statements=[says("It is so.")]),
                "daily-piece": source(outlet="daily", citations=[cites("paper-first")]),
                "paper-second": source(outlet="paper", citations=[cites("daily-piece")]),
            },
            outlets=OUTLETS,
        ),
        "c",
    )
    assert trace.cycles == ()
    assert trace.returns == (("paper-second", "daily-piece", "paper-first"),)
    circular = [w for w in trace.warnings if w.code == "circular"]
    assert len(circular) == 1
    assert "leaves The Paper and comes back to it" in circular[0].message


def test_a_page_revised_over_time_returns_to_itself(tmp_path: Path) -> None:
    # The wiki's first version states the claim; a paper repeats it citing the wiki; the
    # wiki's later version cites the paper. The revision is the same page: circular.
    trace = trace_claim(
        case(
            tmp_path,
            {
                "wiki-v1": source(
                    "other", outlet="wiki", published="2009-02-08", statements=[says("Eleven.")]
                ),
                "paper": source(
                    outlet="paper", published="2009-02-09", citations=[cites("wiki-v1")]
                ),
                "wiki-v2": source(
                    "other",
                    outlet="wiki",
                    published="2009-02-10",
                    revision_of="wiki-v1",
                    statements=[says("Eleven.")],
                    citations=[cites("paper", "links")],
                ),
            },
            outlets=OUTLETS,
        ),
        "c",
    )
    assert trace.revisions == (("wiki-v2", "wiki-v1"),)
    assert trace.origins == ("wiki-v1",)
    assert trace.returns == (("wiki-v2", "paper", "wiki-v1"),)
    assert trace.independent_origins == 1


def test_a_chain_of_ten_thousand_citations() -> None:
    # Iterative all the way down: no recursion limit, and paths are not listed in full.
    graph = nx.DiGraph()
    nx.add_path(graph, [f"s{index}" for index in range(10_000, -1, -1)])
    spread = analyse(graph, dict.fromkeys(graph.nodes))
    assert spread.hops["s10000"] == 10_000
    assert spread.longest_chain[0] == "s0"
    assert len(spread.longest_chain) == 10_001
    assert spread.parents["s10000"] == ("s9999",)


def test_a_layered_graph_whose_paths_double_at_each_layer() -> None:
    # 40 layers of two sources, each citing both of the layer below: 2**40 paths, which
    # must never be enumerated.
    graph = nx.DiGraph()
    for layer in range(1, 41):
        for above in ("a", "b"):
            for below in ("a", "b"):
                graph.add_edge(f"{above}{layer}", f"{below}{layer - 1}")
    spread = analyse(graph, dict.fromkeys(graph.nodes))
    assert spread.hops["a40"] == 40
    assert set(spread.parents["a40"]) == {"a39", "b39"}
    assert len(spread.longest_chain) == 41


def test_voice_returns_use_real_edges_and_one_path_per_voice() -> None:
    graph = nx.DiGraph([("x2", "y"), ("y", "z"), ("z", "x1"), ("x3", "x1")])
    voice = {"x1": "X", "x2": "X", "x3": "X", "y": "Y", "z": "Z"}
    returns = voice_returns(graph, voice.__getitem__)
    assert returns == [("x2", "y", "z", "x1")]
    for path in returns:
        assert all(graph.has_edge(a, b) for a, b in pairwise(path))
