"""Tracing a claim: origins, hops, independence, drift and the warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WALKAWAY, write_files

from provenance.load import load_case, to_case
from provenance.model import Case, Certainty, Stance
from provenance.trace import Trace, trace_claim

CASE = """\
    title: Tracing
    claims:
      - id: rank
        statement: The hashtag ranked third.
      - id: other
        statement: Something else.
    """
OUTLETS = """\
    outlets:
      - {id: wire, name: The Wire}
      - {id: daily, name: The Daily}
      - {id: blog, name: A Blog}
      - {id: tracker, name: Tracker Inc}
    """


def source(
    kind: str = "article",
    outlet: str | None = None,
    published: str | None = None,
    cites: tuple[tuple[str, str], ...] = (),
    says: str | None = None,
    stance: str = "supports",
    extra: str = "",
) -> str:
    """One source file: `cites` holds (source id, relation) pairs for the claim `rank`."""
    lines = [f"kind: {kind}"]
    if outlet:
        lines.append(f"outlet: {outlet}")
    if published:
        lines.append(f"published: {published}")
    if cites:
        lines.append("citations:")
        for cited, relation in cites:
            lines += [
                f"  - cites: {cited}",
                "    claim: rank",
                f"    relation: {relation}",
                f"    wording: as {cited} put it",
            ]
    if says:
        lines += ["statements:", "  - claim: rank", f"    wording: {says}", f"    stance: {stance}"]
    return "\n".join(lines) + "\n" + extra


def make(tmp_path: Path, sources: dict[str, str]) -> Case:
    files = {"case.yaml": CASE, "outlets.yaml": OUTLETS}
    files |= {f"sources/{name}.yaml": text for name, text in sources.items()}
    folder = write_files(tmp_path / "case", files)
    loaded = load_case(folder)
    assert not [p for p in loaded.problems if p.severity.value == "error"], loaded.problems
    return to_case(loaded)


def codes(trace: Trace) -> list[str]:
    return [warning.code for warning in trace.warnings]


def test_a_chain_from_a_primary_dashboard(tmp_path: Path) -> None:
    case = make(
        tmp_path,
        {
            "tracker": source("dashboard", "tracker"),
            "wire": source(
                outlet="wire",
                published="2018-07-08",
                cites=(("tracker", "uses-data"),),
                says="It may have ranked third.",
            ),
            "daily": source(
                outlet="daily",
                published="2018-07-09",
                cites=(("wire", "quotes"),),
                says="It clearly ranked third.",
            ),
            "blog": source("blog-post", "blog", cites=(("daily", "links"),)),
        },
    )
    trace = trace_claim(case, "rank")
    assert trace.origins == ("tracker",)
    assert trace.independent_origins == 1
    assert trace.longest_chain == ("tracker", "wire", "daily", "blog")
    hops = {item.id: item.hops for item in trace.sources}
    assert hops == {"tracker": 0, "wire": 1, "daily": 2, "blog": 3}
    assert trace.source("blog").paths == (("blog", "daily", "wire", "tracker"),)
    assert trace.roots[0].primary
    assert trace.roots[0].outlets == ("A Blog", "The Daily", "The Wire")
    # Three outlets repeat one dashboard; the chain is grounded in a primary source.
    assert "single-origin" in codes(trace)
    assert "ungrounded" not in codes(trace)
    # Sorted by date, undated last.
    assert [item.id for item in trace.sources][-1] in {"blog", "tracker"}


def test_escalation_is_flagged_where_a_source_sounds_surer_than_its_source(tmp_path: Path) -> None:
    case = make(
        tmp_path,
        {
            "wire": source(outlet="wire", says="It may have ranked third, reportedly."),
            "daily": source(
                outlet="daily", cites=(("wire", "quotes"),), says="It definitely ranked third."
            ),
        },
    )
    trace = trace_claim(case, "rank")
    hop = next(hop for hop in trace.citations if hop.citing == "daily")
    assert hop.escalation
    wire, daily = trace.source("wire").certainty, trace.source("daily").certainty
    assert wire is not None
    assert daily is not None
    assert wire.level is Certainty.POSSIBLE
    assert daily.level is Certainty.CERTAIN
    warning = next(w for w in trace.warnings if w.code == "escalation")
    assert "definitely" in warning.message
    assert "may" in warning.message
    assert warning.sources == ("daily", "wire")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("It clearly ranked third.", "It may have ranked third."),
        ("It clearly ranked third.", "It definitely ranked third."),
        ("It may have ranked third.", "It appears to have ranked third."),
    ],
)
def test_no_escalation_when_certainty_holds_or_drops(
    tmp_path: Path, before: str, after: str
) -> None:
    case = make(
        tmp_path,
        {
            "wire": source(outlet="wire", says=before),
            "daily": source(outlet="daily", cites=(("wire", "quotes"),), says=after),
        },
    )
    trace = trace_claim(case, "rank")
    assert not trace.citations[0].escalation
    assert "escalation" not in codes(trace)


def test_wording_drift_compares_the_two_sources_own_words(tmp_path: Path) -> None:
    case = make(
        tmp_path,
        {
            "wire": source(outlet="wire", says="It may have ranked third."),
            "daily": source(
                outlet="daily", cites=(("wire", "quotes"),), says="It clearly ranked third."
            ),
        },
    )
    hop = trace_claim(case, "rank").citations[0]
    assert hop.drift is not None
    assert hop.drift.readable() == "It [-may have-] {+clearly+} ranked third."
    assert 0 < hop.drift.similarity < 1


def test_independent_origins_count_once_per_outlet(tmp_path: Path) -> None:
    case = make(
        tmp_path,
        {
            "wire-a": source(outlet="wire", says="It ranked third."),
            "wire-b": source(outlet="wire", says="It ranked third."),
            "daily": source(outlet="daily", says="It ranked third."),
            "blog": source(
                "blog-post",
                "blog",
                cites=(("wire-a", "quotes"), ("wire-b", "quotes"), ("daily", "quotes")),
            ),
        },
    )
    trace = trace_claim(case, "rank")
    assert trace.origins == ("daily", "wire-a", "wire-b")
    assert trace.independent_origins == 2
    assert "single-origin" not in codes(trace)


def test_ungrounded_chains_end_at_a_secondary_source(tmp_path: Path) -> None:
    case = make(
        tmp_path,
        {
            "wire": source(outlet="wire", says="It ranked third."),
            "daily": source(outlet="daily", cites=(("wire", "quotes"),)),
        },
    )
    trace = trace_claim(case, "rank")
    ungrounded = [w for w in trace.warnings if w.code == "ungrounded"]
    assert [w.sources for w in ungrounded] == [("wire", "daily")]


def test_an_undated_loop_has_candidate_origins_not_none(tmp_path: Path) -> None:
    # Three outlets citing one another in a circle: the claim entered the record at one
    # of them, but nothing in the record says which. Every source still has an origin.
    case = make(
        tmp_path,
        {
            "wire": source(outlet="wire", cites=(("daily", "quotes"),)),
            "daily": source(outlet="daily", cites=(("blog", "quotes"),)),
            "blog": source("blog-post", "blog", cites=(("wire", "quotes"),)),
        },
    )
    trace = trace_claim(case, "rank")
    assert trace.cycles == (("blog", "wire", "daily"),)
    assert trace.origins == ()
    assert [root.candidates for root in trace.roots] == [("blog", "daily", "wire")]
    assert trace.independent_origins == 1  # a loop is one root, however many outlets
    assert {"circular", "origin-undetermined", "ungrounded"} <= set(codes(trace))
    assert "no-origin" not in codes(trace)
    assert all(item.hops is not None for item in trace.sources)


def test_a_citation_of_a_later_source_is_a_temporal_warning_when_dates_are_approximate(
    tmp_path: Path,
) -> None:
    approximate = "{date: 2018-07-20, approximate: true}"
    case = make(
        tmp_path,
        {
            "wire": source(outlet="wire", published=approximate, says="It ranked third."),
            "daily": source(outlet="daily", published="2018-07-10", cites=(("wire", "quotes"),)),
        },
    )
    trace = trace_claim(case, "rank")
    warning = next(w for w in trace.warnings if w.code == "temporal")
    assert "approximate" in warning.message
    assert warning.sources == ("daily", "wire")


def test_disputes_name_the_counter_claims_and_their_sources(tmp_path: Path) -> None:
    daily = """\
kind: article
outlet: daily
statements:
  - claim: rank
    wording: It did not rank third.
    stance: disputes
  - claim: other
    wording: Only a fifth came from bots.
citations:
  - cites: tracker
    claim: other
    relation: uses-data
    wording: the tracker's counts
  - cites: wire
    claim: rank
    relation: disputes
    wording: the wire's ranking
"""
    case = make(
        tmp_path,
        {
            "tracker": source("dataset", "tracker"),
            "wire": source(outlet="wire", says="It ranked third."),
            "daily": daily,
        },
    )
    trace = trace_claim(case, "rank")
    assert [d.source for d in trace.disputes] == ["daily"]
    dispute = trace.disputes[0]
    assert dispute.wordings == ("It did not rank third.",)
    assert dispute.evidence_claims == ("other",)
    assert dispute.evidence_sources == ("tracker",)
    assert trace.source("daily").stance is Stance.DISPUTES
    assert not trace.source("daily").carries
    assert trace.origins == ("wire",)


def test_a_retraction_taints_everything_that_relies_on_it(tmp_path: Path) -> None:
    retracted = "retracted:\n  note: The ranking was misread.\n"
    case = make(
        tmp_path,
        {
            "wire": source(outlet="wire", says="It ranked third.", extra=retracted),
            "daily": source(outlet="daily", cites=(("wire", "quotes"),)),
            "blog": source("blog-post", "blog", cites=(("daily", "links"),)),
            "other": source(outlet="tracker", says="It ranked third."),
        },
    )
    trace = trace_claim(case, "rank")
    assert trace.source("blog").tainted_by == ("wire",)
    assert trace.source("other").tainted_by == ()
    warning = next(w for w in trace.warnings if w.code == "retracted")
    assert warning.sources == ("wire", "blog", "daily")


def test_an_unknown_claim_is_a_key_error(tmp_path: Path) -> None:
    case = make(tmp_path, {"wire": source(outlet="wire", says="It ranked third.")})
    with pytest.raises(KeyError):
        trace_claim(case, "nothing")


@pytest.fixture(scope="module")
def walkaway() -> Case:
    return to_case(load_case(WALKAWAY))


def test_walkaway_escalation_from_may_be_to_clearly(walkaway: Case) -> None:
    trace = trace_claim(walkaway, "bots-drive-walkaway")
    huffpost, salon = trace.source("huffpost-papenfuss"), trace.source("salon-cesca")
    assert huffpost.certainty is not None
    assert huffpost.certainty.level is Certainty.POSSIBLE
    assert {s.certainty.level for s in salon.statements} >= {Certainty.LIKELY, Certainty.CERTAIN}
    escalation = next(w for w in trace.warnings if w.code == "escalation")
    assert escalation.sources == ("salon-cesca", "huffpost-papenfuss")
    assert "'likely'" in escalation.message
    assert "'clearly'" in escalation.message
    digby = trace.source("digby-bots-back")
    assert digby.certainty is not None
    assert digby.certainty.level is Certainty.CERTAIN
    assert "definitely" in (digby.wording or "")


def test_walkaway_rank_leads_back_to_one_dashboard(walkaway: Case) -> None:
    trace = trace_claim(walkaway, "hamilton68-rank")
    assert trace.origins == ("hamilton68",)
    assert trace.independent_origins == 1
    assert trace.roots[0].primary
    assert "single-origin" in codes(trace)
    assert trace.longest_chain[0] == "hamilton68"
