"""Certainty read from hedging words, and word diffs."""

from __future__ import annotations

import pytest

from provenance.model import Certainty, Stance, Statement
from provenance.wording import DiffOp, estimate_certainty, statement_certainty, word_drift


@pytest.mark.parametrize(
    ("wording", "level", "cues"),
    [
        ("In what may be an early onslaught of attacks", Certainty.POSSIBLE, ("may",)),
        ("Russia bots appear to be fueling a wave", Certainty.POSSIBLE, ("appear",)),
        ("The account was reportedly suspended", Certainty.POSSIBLE, ("reportedly",)),
        ("a likely Kremlin operation", Certainty.LIKELY, ("likely",)),
        ("This is clearly being circulated by trolls", Certainty.CERTAIN, ("clearly",)),
        ("In any case, this is definitely a bot meme", Certainty.CERTAIN, ("definitely",)),
        ("The hashtag ranked third.", Certainty.CERTAIN, ()),
        # A hedge outweighs a booster in the same wording.
        ("It may clearly be a bot", Certainty.POSSIBLE, ("may",)),
    ],
)
def test_estimate_certainty(wording: str, level: Certainty, cues: tuple[str, ...]) -> None:
    reading = estimate_certainty(wording)
    assert reading.level is level
    assert reading.cues == cues
    assert reading.estimated


def test_words_match_whole_words_only() -> None:
    # "mayor" and "unlikely" contain hedge words but are not hedges themselves.
    assert estimate_certainty("The mayor said so").level is Certainty.CERTAIN
    assert estimate_certainty("Maybe not").level is Certainty.CERTAIN


def test_an_annotation_wins_but_keeps_its_cues() -> None:
    statement = Statement(claim="c", wording="It may be so", certainty=Certainty.LIKELY)
    reading = statement_certainty(statement)
    assert reading.level is Certainty.LIKELY
    assert not reading.estimated
    assert reading.cues == ("may",)


def test_a_disputing_statement_reads_as_disputed() -> None:
    statement = Statement(claim="c", wording="It is clearly false", stance=Stance.DISPUTES)
    assert statement_certainty(statement).level is Certainty.DISPUTED


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
