"""Copying that names no source: shared wording found (reuse.py) and judged (copies.py)."""

from __future__ import annotations

from pathlib import Path

from casebuilder import case, cites, says, source

from provenance.reuse import MIN_SHARED_WORDS, Wording, find_reuse
from provenance.trace import Trace, trace_claim

OUTLETS = [{"id": name, "name": name.title()} for name in ("wiki", "one", "two", "three", "wire")]
ORIGINAL = "One could say my life itself has been one long soundtrack, the composer said."
COPY = "The composer once said: one could say my life itself has been one long soundtrack."


def traced(tmp_path: Path, sources: dict[str, dict[str, object]]) -> Trace:
    return trace_claim(case(tmp_path, sources, outlets=OUTLETS), "c")


def pairs(trace: Trace) -> set[tuple[str, str]]:
    return {(copy.later, copy.earlier) for copy in trace.inferred_copies}


def test_a_long_shared_run_of_words_is_found() -> None:
    found = find_reuse([Wording("a", ORIGINAL), Wording("b", COPY)])
    assert len(found) == 1
    assert found[0].shared_words >= MIN_SHARED_WORDS
    assert found[0].passage.startswith("One could say my life")


def test_near_identical_short_wordings_are_found() -> None:
    found = find_reuse(
        [
            Wording("a", "Bots drove the whole hashtag campaign."),
            Wording("b", "Bots drove the whole hashtag campaign!"),
        ]
    )
    assert [item.similarity for item in found] == [1.0]


def test_common_short_phrases_are_not_copies() -> None:
    assert (
        find_reuse([Wording("a", "Russian bots did it."), Wording("b", "Russian bots did it.")])
        == []
    )


def test_uncredited_copies_collapse_independent_origins(tmp_path: Path) -> None:
    # Four outlets print the words first seen in a wiki edit; none names it.
    trace = traced(
        tmp_path,
        {
            "edit": source(
                "other", outlet="wiki", published="2009-03-30", statements=[says(ORIGINAL)]
            ),
            "one": source(outlet="one", published="2009-03-31", statements=[says(COPY)]),
            "two": source(outlet="two", published="2009-04-01", statements=[says(ORIGINAL)]),
            "three": source(outlet="three", published="2009-04-02", statements=[says(ORIGINAL)]),
        },
    )
    assert trace.independence is not None
    assert (trace.independence.recorded, trace.independence.with_copies) == (4, 1)
    assert ("one", "edit") in pairs(trace)
    assert all(copy.direction_known for copy in trace.inferred_copies)
    assert trace.first_appearance == ("edit",)
    copy = next(copy for copy in trace.inferred_copies if copy.later == "one")
    assert "2009-03-30" in copy.reason
    warning = next(w for w in trace.warnings if w.code == "inferred-copy" and w.sources[0] == "one")
    assert "without citing it" in warning.message
    assert "ignore[inferred-copy]" in warning.message
    assert any(
        w.code == "single-origin" and "wording suggests one" in w.message for w in trace.warnings
    )


def test_identical_earlier_wordings_are_named_as_alternatives(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "edit": source(
                "other", outlet="wiki", published="2009-03-30", statements=[says(ORIGINAL)]
            ),
            "two": source(outlet="two", published="2009-04-01", statements=[says(ORIGINAL)]),
            "three": source(outlet="three", published="2009-04-02", statements=[says(ORIGINAL)]),
        },
    )
    three = next(copy for copy in trace.inferred_copies if copy.later == "three")
    assert three.earlier == "edit"
    assert three.alternatives == ("two",)


def test_undated_sources_share_wording_with_direction_unknown(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "one": source(outlet="one", statements=[says(ORIGINAL)]),
            "two": source(outlet="two", statements=[says(ORIGINAL)]),
        },
    )
    assert len(trace.inferred_copies) == 1
    copy = trace.inferred_copies[0]
    assert not copy.direction_known
    assert "cannot tell which came first" in copy.reason
    assert trace.independence is not None
    assert (trace.independence.recorded, trace.independence.with_copies) == (2, 1)
    assert len(trace.first_appearance) == 2
    # A pair of unknown direction makes no circular path.
    assert trace.returns_with_copies == ()


def test_a_recorded_citation_explains_shared_words(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "one": source(outlet="one", published="2009-03-30", statements=[says(ORIGINAL)]),
            "two": source(
                outlet="two",
                published="2009-03-31",
                statements=[says(ORIGINAL)],
                citations=[cites("one")],
            ),
        },
    )
    assert trace.inferred_copies == ()


def test_words_taken_from_a_source_it_credits_are_not_copied(tmp_path: Path) -> None:
    # Both quote the wire; the later one credits it, so its words are explained.
    trace = traced(
        tmp_path,
        {
            "wire": source(outlet="wire", published="2009-03-29", statements=[says(ORIGINAL)]),
            "one": source(outlet="one", published="2009-03-30", statements=[says(ORIGINAL)]),
            "two": source(
                outlet="two",
                published="2009-03-31",
                statements=[says("He said it, as the wire reported.")],
                citations=[cites("wire", wording=ORIGINAL)],
            ),
        },
    )
    assert ("two", "one") not in pairs(trace)
    assert ("one", "wire") in pairs(trace)  # one names no source


def test_two_citing_one_unrecorded_press_release_are_not_copies(tmp_path: Path) -> None:
    # The release's own words are not in the case: they may be where both got theirs.
    trace = traced(
        tmp_path,
        {
            "release": source("press-release", outlet="wire", published="2009-03-29"),
            "one": source(
                outlet="one",
                published="2009-03-30",
                statements=[says(ORIGINAL)],
                citations=[cites("release", "links")],
            ),
            "two": source(
                outlet="two",
                published="2009-03-31",
                statements=[says(ORIGINAL)],
                citations=[cites("release", "links")],
            ),
        },
    )
    assert trace.inferred_copies == ()


def test_a_fact_checker_dismisses_an_inferred_copy(tmp_path: Path) -> None:
    from provenance.model import Statement

    sources = {
        "one": source(outlet="one", published="2009-03-30", statements=[says(ORIGINAL)]),
        "two": source(outlet="two", published="2009-03-31", statements=[says(COPY)]),
    }
    built = case(tmp_path, sources, outlets=OUTLETS)

    def dismissed(statement: Statement) -> bool:
        return statement.wording == COPY

    trace = trace_claim(built, "c", dismissed=dismissed)
    assert trace.inferred_copies == ()
    assert trace.independence is not None
    assert trace.independence.with_copies == 2


def test_versions_of_one_page_are_not_copies(tmp_path: Path) -> None:
    trace = traced(
        tmp_path,
        {
            "v1": source(
                "other", outlet="wiki", published="2009-03-30", statements=[says(ORIGINAL)]
            ),
            "v2": source(
                "other",
                outlet="wiki",
                published="2009-04-30",
                revision_of="v1",
                statements=[says(ORIGINAL)],
            ),
        },
    )
    assert trace.inferred_copies == ()


def test_an_acknowledgement_comment_dismisses_an_inferred_copy(tmp_path: Path) -> None:
    from casebuilder import write_case

    from provenance.load import load_case, to_case

    folder = write_case(
        tmp_path / "case",
        {
            "one": source(outlet="one", published="2009-03-30", statements=[says(ORIGINAL)]),
            "two": source(outlet="two", published="2009-03-31", statements=[says(COPY)]),
        },
        outlets=OUTLETS,
    )
    before = trace_claim(to_case(load_case(folder)), "c")
    assert pairs(before) == {("two", "one")}
    # The fact-checker looked: the daily had the quotation from the composer's agent.
    path = folder / "sources" / "two.yaml"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("- claim: c", "- claim: c  # provenance: ignore[inferred-copy]"), "utf-8"
    )
    after = trace_claim(to_case(load_case(folder)), "c")
    assert after.inferred_copies == ()
    assert "inferred-copy" not in {warning.code for warning in after.warnings}
