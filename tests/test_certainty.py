"""Certainty read from hedges, boosters and negation (provenance/certainty.py)."""

from __future__ import annotations

import pytest

from provenance.certainty import estimate_certainty, statement_certainty
from provenance.model import Certainty, Stance, Statement


@pytest.mark.parametrize(
    ("wording", "level", "cues"),
    [
        # The #WalkAway retellings: HuffPost's hedges, Salon's and digby's boosters.
        ("In what may be an early onslaught of attacks", Certainty.POSSIBLE, ("may",)),
        ("Russia bots appear to be fueling a wave", Certainty.POSSIBLE, ("appear",)),
        ("The account was reportedly suspended", Certainty.POSSIBLE, ("reportedly",)),
        ("a likely Kremlin operation", Certainty.LIKELY, ("likely",)),
        ("This is clearly being circulated by trolls", Certainty.CERTAIN, ("clearly",)),
        ("In any case, this is definitely a bot meme", Certainty.CERTAIN, ("definitely",)),
        # A bare assertion is stated as fact.
        ("The hashtag ranked third.", Certainty.CERTAIN, ()),
        # A hedge outweighs a booster in the same wording.
        ("It may clearly be a bot", Certainty.POSSIBLE, ("may", "clearly")),
        # Hedges the first version read as certain.
        ("Maybe it was bots", Certainty.POSSIBLE, ("maybe",)),
        ("It is almost certainly a Kremlin operation", Certainty.LIKELY, ("almost certainly",)),
        # Words that lean against the claim.
        ("It is unlikely that bots did it", Certainty.UNLIKELY, ("unlikely",)),
        ("There is no evidence that bots drove it", Certainty.UNLIKELY, ("no evidence",)),
        ("The claim is baseless", Certainty.DISPUTED, ("baseless",)),
    ],
)
def test_estimate_certainty(wording: str, level: Certainty, cues: tuple[str, ...]) -> None:
    reading = estimate_certainty(wording)
    assert reading.level is level
    assert reading.cues == cues
    assert reading.estimated


@pytest.mark.parametrize(
    ("wording", "level", "cue"),
    [
        # Negation turns a cue around (NegEx-style: shortly before it, in the same clause).
        ("Maybe not", Certainty.UNLIKELY, "maybe not"),
        ("It may not be bots", Certainty.UNLIKELY, "may not"),
        ("It is not likely to be bots", Certainty.UNLIKELY, "not likely"),
        ("It isn't likely that bots did it", Certainty.UNLIKELY, "not likely"),
        ("It is probably not true", Certainty.UNLIKELY, "probably not"),
        ("Bots were certainly not behind it", Certainty.DISPUTED, "certainly not"),
        ("It is not unlikely that bots did it", Certainty.POSSIBLE, "not unlikely"),
        # Words that decline to judge commit to nothing.
        ("It is not clear whether bots drove it", Certainty.UNKNOWN, "not clear"),
        ("It is unclear who is behind it", Certainty.UNKNOWN, "unclear"),
        ("We could not verify the claim", Certainty.UNKNOWN, "could not verify"),
    ],
)
def test_negation_and_refusal(wording: str, level: Certainty, cue: str) -> None:
    reading = estimate_certainty(wording)
    assert reading.level is level
    assert cue in reading.cues


def test_a_negation_in_another_clause_does_not_reach_the_cue() -> None:
    # Salon: the first sentence negates an alternative, the second asserts the claim.
    wording = (
        "This isn't being circulated by earnest yet misguided voters. "
        "This is clearly being circulated by trolls."
    )
    assert estimate_certainty(wording).level is Certainty.CERTAIN
    assert estimate_certainty("It is not a hoax, but it is likely bots").level is Certainty.LIKELY


def test_words_match_whole_words_only() -> None:
    # "mayor" contains "may", "unlikelihood" contains "likely": neither is a cue.
    assert estimate_certainty("The mayor said so").cues == ()
    assert estimate_certainty("The mayor said so").level is Certainty.CERTAIN


def test_the_month_may_is_not_a_hedge() -> None:
    assert estimate_certainty("In May 2018 the group grew").level is Certainty.CERTAIN
    assert estimate_certainty("May 9 was the day it peaked").level is Certainty.CERTAIN
    assert estimate_certainty("May it be so?").level is Certainty.POSSIBLE


def test_a_question_commits_to_nothing() -> None:
    assert estimate_certainty("Is #WalkAway a bot campaign?").level is Certainty.UNKNOWN
    assert estimate_certainty("Bots? Surely not all of it.").level is not Certainty.UNKNOWN


def test_an_annotation_wins_but_keeps_its_cues() -> None:
    statement = Statement(claim="c", wording="It may be so", certainty=Certainty.LIKELY)
    reading = statement_certainty(statement)
    assert reading.level is Certainty.LIKELY
    assert not reading.estimated
    assert reading.cues == ("may",)


def test_a_disputing_statement_reads_as_disputed() -> None:
    statement = Statement(claim="c", wording="It is clearly false", stance=Stance.DISPUTES)
    assert statement_certainty(statement).level is Certainty.DISPUTED


def test_a_neutral_statement_commits_to_nothing() -> None:
    # It reports the claim without taking it up, whatever its words.
    statement = Statement(
        claim="c", wording="Critics say it is clearly bots", stance=Stance.NEUTRAL
    )
    reading = statement_certainty(statement)
    assert reading.level is Certainty.UNKNOWN
    assert reading.cues == ("clearly",)


def test_unknown_is_outside_the_order() -> None:
    assert not Certainty.UNKNOWN < Certainty.CERTAIN
    assert not Certainty.UNKNOWN > Certainty.DISPUTED
    assert not Certainty.LIKELY <= Certainty.UNKNOWN
    assert Certainty.UNLIKELY < Certainty.POSSIBLE
    assert Certainty.UNKNOWN.rank == -1
