"""What the trace concludes and warns about, rule by rule (trace.py and findings.py), on
small hand-made cases; the casebook (test_casebook.py) checks them on real ones."""

from __future__ import annotations

from pathlib import Path

from casebuilder import case, cites, says, source

from provenance.render.terminal import trace_to_text
from provenance.trace import Trace, trace_claim

OUTLETS = [
    {"id": "paper", "name": "The Paper"},
    {"id": "daily", "name": "The Daily"},
    {"id": "blog", "name": "A Blog"},
    {"id": "ministry", "name": "The Ministry"},
]
PEOPLE = [
    {"id": "minister", "name": "The Minister"},
    {"id": "hoaxer", "name": "A Hoaxer"},
]
SUBJECT_CLAIM = [{"id": "c", "statement": "The minister resigned.", "subjects": ["minister"]}]


def traced(tmp_path: Path, sources: dict[str, dict[str, object]], **parts: object) -> Trace:
    parts = {"outlets": OUTLETS, "people": PEOPLE, **parts}
    return trace_claim(case(tmp_path, sources, **parts), "c")


def codes(trace: Trace) -> list[str]:
    return [warning.code for warning in trace.warnings]


def test_a_statement_date_is_the_claims_first_appearance(tmp_path: Path) -> None:
    # The page was created in 2004; the claim was added to it in 2009, after the paper.
    trace = traced(
        tmp_path,
        {
            "page": source(
                "other", published="2004-01-01", statements=[says("So.", date="2009-03-01")]
            ),
            "paper": source(outlet="paper", published="2009-02-01", statements=[says("It is so.")]),
        },
    )
    assert trace.first_appearance == ("paper",)
    seen = trace.source("page").first_seen
    assert seen is not None
    assert seen.text == "2009-03-01"
    assert [root.origin for root in trace.roots] == ["paper", "page"]  # by first appearance


def test_roots_are_listed_by_first_appearance_not_by_id(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "aaa-late": source(
                outlet="paper", published="2018-07-09", statements=[says("It is so.")]
            ),
            "zzz-early": source(
                outlet="daily", published="2018-07-01", statements=[says("So it is.")]
            ),
        },
    )
    assert trace.origins == ("zzz-early", "aaa-late")
    assert trace.first_appearance == ("zzz-early",)


def test_citing_a_source_that_left_the_claim_out_is_a_misattribution(tmp_path: Path) -> None:
    # Posts say the police scanner named him; the recording of the scanner did not.
    trace = traced(
        tmp_path,
        {
            "scanner": source(
                "official-record",
                outlet="ministry",
                omits=[{"claim": "c", "note": "The recording names nobody."}],
            ),
            "post": source(
                "social-post",
                authors=["hoaxer"],
                statements=[says("The scanner named him.")],
                citations=[cites("scanner", "paraphrases")],
            ),
        },
    )
    assert trace.origins == ("post",)  # the scanner does not carry it: the post is the root
    assert trace.roots[0].primary is False
    assert "misattributed" in codes(trace)
    assert "ungrounded" in codes(trace)
    assert trace.omissions[0].source == "scanner"
    text = trace_to_text(trace)
    assert "Covered the story without the claim:" in text
    assert "The recording names nobody." in text


def test_a_denial_by_the_claims_subject(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "paper": source(outlet="paper", statements=[says("The minister resigned.")]),
            "daily": source(
                outlet="daily",
                statements=[
                    says(
                        "I did not resign, the minister said.",
                        stance="disputes",
                        speaker="minister",
                    )
                ],
            ),
        },
        claims=SUBJECT_CLAIM,
    )
    dispute = trace.disputes[0]
    assert dispute.by_subject == ("The Minister",)
    assert "denied-by-subject" in codes(trace)
    # The daily reports a denial; it does not carry the claim.
    assert not trace.source("daily").carries


def test_a_dispute_by_the_author_of_the_origin(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "edit": source(
                "other",
                authors=["hoaxer"],
                published="2009-03-30",
                statements=[says("He resigned.")],
            ),
            "confession": source(
                "blog-post",
                outlet="blog",
                authors=["A Hoaxer"],  # by name: the same person as the id
                published="2009-05-01",
                statements=[says("I made it up.", stance="disputes")],
            ),
        },
    )
    assert trace.disputes[0].by_origin_author == ("A Hoaxer",)
    assert "disputed-by-origin" in codes(trace)


def test_a_retraction_by_the_origins_publisher(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "story": source(
                outlet="paper",
                published="2014-11-19",
                statements=[says("It happened.")],
                retracted={"note": "We retract the story.", "date": "2015-04-05"},
            ),
            "note": source(
                outlet="paper",
                published="2014-12-05",
                statements=[says("We were wrong.", stance="disputes")],
            ),
            "repeat": source(outlet="daily", published="2014-11-22", citations=[cites("story")]),
        },
    )
    assert trace.disputes[0].by_origin_author == ("its publisher The Paper",)
    retracted = next(w for w in trace.warnings if w.code == "retracted")
    assert (
        "story (where the claim started) was retracted; relying on it: repeat" in retracted.message
    )
    assert trace.source("story").tainted_by == ()  # not listed as relying on itself
    assert trace.source("repeat").tainted_by == ("story",)


def test_softening_is_noted_as_well_as_hardening(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "paper": source(outlet="paper", statements=[says("It is clearly so.")]),
            "daily": source(
                outlet="daily", statements=[says("It may be so.")], citations=[cites("paper")]
            ),
            "blog": source(
                outlet="blog", statements=[says("It is definitely so.")], citations=[cites("daily")]
            ),
        },
    )
    hops = {(hop.citing, hop.cited): hop for hop in trace.citations}
    assert hops["daily", "paper"].softening
    assert hops["blog", "daily"].escalation
    assert [note.code for note in trace.notes] == ["softening"]
    assert "escalation" in codes(trace)


def test_no_drift_is_measured_across_a_dispute(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "paper": source(outlet="paper", statements=[says("It is clearly so.")]),
            "daily": source(
                outlet="daily",
                statements=[says("It is not so.", stance="disputes")],
                citations=[cites("paper", "disputes", wording="it is clearly so")],
            ),
        },
    )
    assert trace.citations[0].drift is None
    assert not trace.citations[0].escalation
    text = trace_to_text(trace)
    tree = text.split("Disputed by:")[0]
    assert "daily" not in tree  # a dispute is not a retelling: it is listed apart


def test_a_paraphrase_is_measured_against_the_statement_it_retells(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "paper": source(
                outlet="paper",
                statements=[
                    says("Bots are back."),
                    says("It ranked third among Kremlin-linked hashtags for days."),
                ],
            ),
            "daily": source(
                outlet="daily",
                citations=[
                    cites(
                        "paper",
                        "paraphrases",
                        wording="it ranked third among Russia-linked hashtags",
                    )
                ],
            ),
        },
    )
    drift = trace.citations[0].drift
    assert drift is not None
    assert drift.before == "It ranked third among Kremlin-linked hashtags for days."
    assert "[-Kremlin-linked-] {+Russia-linked+}" in drift.readable()


def test_a_misquotation_is_a_warning_with_the_words_changed(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "paper": source(
                outlet="paper",
                statements=[says("It ranked third among Kremlin-linked hashtags for days.")],
            ),
            "daily": source(
                outlet="daily",
                citations=[
                    cites(
                        "paper",
                        wording='the paper said it "ranked third among Russia-linked hashtags"',
                    )
                ],
            ),
        },
    )
    warning = next(w for w in trace.warnings if w.code == "misquote")
    assert "{+Russia-linked+}" in warning.message
    assert trace.citations[0].misquotes[0].original is not None


def test_every_source_that_carries_the_claim_has_a_root(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "a": source(outlet="paper", citations=[cites("b")]),
            "b": source(outlet="daily", citations=[cites("a")]),
            "c": source(outlet="blog", citations=[cites("a")]),
        },
    )
    reached = {node for root in trace.roots for node in (*root.members, *root.dependants)}
    assert {item.id for item in trace.sources if item.carries} <= reached


def test_the_terminal_reads_the_right_way_round_and_fits_its_width(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "paper": source(
                outlet="paper",
                published="2018-07-08",
                statements=[says("It may be a very long claim " * 8)],
            ),
            "daily": source(
                outlet="daily", published="2018-07-09", citations=[cites("paper", "paraphrases")]
            ),
        },
    )
    text = trace_to_text(trace, width=80)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "paraphrased by daily" in text  # the daily took it from the paper, not the reverse
    assert "Started: paper (2018-07-08)" in text


def test_a_very_long_chain_stops_indenting_and_keeps_its_words(tmp_path: Path) -> None:
    sources = {"s0": source("dataset", statements=[says("It is so.")])}
    sources |= {f"s{index}": source(citations=[cites(f"s{index - 1}")]) for index in range(1, 60)}
    text = trace_to_text(traced(tmp_path, sources), width=80)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    deep = next(line for line in lines if "quoted by s59" in line)
    assert "⋯59" in deep  # the depth, said instead of shown
    assert deep.index("quoted by") < 40  # and the words still fit
