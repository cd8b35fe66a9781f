"""Word diffs, similarity, the best-matching pair and quotation fidelity."""

from __future__ import annotations

import pytest

from provenance.wording import (
    DiffOp,
    QuoteStatus,
    best_pair,
    check_quotation,
    quoted_passages,
    similarity,
    word_drift,
)


def test_word_drift() -> None:
    drift = word_drift("It may be a bot campaign", "It is clearly a bot campaign")
    assert drift.readable() == "It [-may be-] {+is clearly+} a bot campaign"
    assert [part.op for part in drift.parts] == [
        DiffOp.EQUAL,
        DiffOp.DELETE,
        DiffOp.INSERT,
        DiffOp.EQUAL,
    ]
    assert drift.similarity == pytest.approx(8 / 12, abs=0.001)


def test_identical_wording_has_similarity_one() -> None:
    drift = word_drift("Same  words here", "same words   here")
    assert drift.similarity == 1.0
    assert all(part.op is DiffOp.EQUAL for part in drift.parts)


def test_punctuation_and_typographic_quotes_are_not_differences() -> None:
    drift = word_drift("It\u2019s \u201cclearly\u201d a bot.", "it's clearly a bot")
    assert drift.similarity == 1.0
    assert not drift.changed


def test_long_wordings_of_repeated_words_are_compared_quickly_and_capped() -> None:
    # 60 KB of repeated words once took minutes (an unbounded difflib diff); the
    # comparison now stops at MAX_WORDS words on each side.
    before, after = "bot " * 15_000, "bot troll " * 7_500
    drift = word_drift(before, after)
    assert len(drift.readable().split()) <= 2 * 2000 + 10
    assert 0 < drift.similarity < 1


def test_best_pair_compares_the_statement_a_retelling_matches() -> None:
    # A quotation of a second sentence is held to that sentence, not the headline.
    cited = ["Russian bots are back", "This is clearly being circulated by trolls."]
    pair = best_pair(cited, ["this is clearly being circulated by Russian trolls"])
    assert pair == (cited[1], "this is clearly being circulated by Russian trolls")
    assert best_pair([], ["words"]) is None


def test_similarity() -> None:
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d", "w x y z") == 0.0


def test_quoted_passages_split_at_ellipses_and_brackets() -> None:
    text = (
        'Salon wrote that the campaign is "a likely Kremlin operation ... clearly '
        'circulated by [Russian] trolls connected to it"'
    )
    assert quoted_passages(text) == [
        "a likely Kremlin operation",
        "clearly circulated by",
        "trolls connected to it",
    ]
    assert quoted_passages("the “movement”") == []  # too short to judge


def test_a_faithful_quotation() -> None:
    check = check_quotation(
        "hashtag has been connected to Russian bots,",
        ["But the hashtag has been connected to Russian bots. It has ranked third."],
    )
    assert check.status is QuoteStatus.FAITHFUL


def test_a_misquotation_shows_the_words_changed() -> None:
    check = check_quotation(
        "the third or fourth most popular Russia-linked hashtag",
        ["It has ranked as the third or fourth most popular Kremlin-linked hashtag for days."],
    )
    assert check.status is QuoteStatus.MISQUOTE
    assert check.diff is not None
    assert "[-kremlin-linked-] {+Russia-linked+}" in check.diff.readable()


def test_a_quotation_the_record_does_not_hold_cannot_be_checked() -> None:
    check = check_quotation("an entirely different sentence of words", ["It ranked third."])
    assert check.status is QuoteStatus.NOT_FOUND
    assert check.diff is None
