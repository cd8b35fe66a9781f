"""Splitting text into sentences (sentences.py): sentencex's rules, as spans of the
article's text, with the work bounded whatever the text holds."""

from __future__ import annotations

import pytest

from provenance.extract import sentences
from provenance.extract.sentences import MAX_SENTENCE, split_sentences


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        (
            "Dr. Smith met Sen. Jones in the U.S. yesterday. Then he left.",
            ["Dr. Smith met Sen. Jones in the U.S. yesterday.", "Then he left."],
        ),
        (
            "“It ranked third,” she wrote. “It was clear.”",
            ["“It ranked third,” she wrote.", "“It was clear.”"],
        ),
        # A quotation of several sentences stays whole, in the sentence that quotes it.
        (
            "He tweeted: “Get ready. A year from now.” Granted, it was easy.",
            ["He tweeted: “Get ready. A year from now.”", "Granted, it was easy."],
        ),
        (
            "The report is at https://www.a.example/2018/07/bots/?utm_source=feed. It spread.",
            ["The report is at https://www.a.example/2018/07/bots/?utm_source=feed.", "It spread."],
        ),
        (
            "J. R. Smith wrote it. It rose 3.5 percent.",
            ["J. R. Smith wrote it.", "It rose 3.5 percent."],
        ),
        (
            "#WalkAway. #StayAway. @someone replied.",
            ["#WalkAway.", "#StayAway.", "@someone replied."],
        ),
        ("No full stop at the end", ["No full stop at the end"]),
        ("   ", []),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_spans_of_part_of_a_text() -> None:
    text = "Before. One. Two. After."
    assert split_sentences(text, 8, 17) == [(8, 12), (13, 17)]


def test_very_long_sentences_are_cut() -> None:
    text = "word " * 2000
    spans = split_sentences(text)
    assert len(spans) > 1
    assert max(end - start for start, end in spans) <= MAX_SENTENCE


def test_a_long_block_is_read_in_windows_without_false_breaks() -> None:
    # Five windows' worth of sentences, each long enough to straddle a window's edge.
    text = " ".join(
        f"Sentence {n} says that Dr. Smith met the U.S. team at 5 p.m." for n in range(600)
    )
    assert len(text) > 5 * sentences._WINDOW
    found = split(text)
    assert len(found) == 600
    assert found[0] == "Sentence 0 says that Dr. Smith met the U.S. team at 5 p.m."
    assert all(sentence.startswith("Sentence ") for sentence in found)


def test_quotation_marks_left_open_cost_no_more_than_a_window_each() -> None:
    # sentencex's time grows with the square of the quotation marks a paragraph leaves
    # open: 500,000 took three minutes in one piece; in windows it is linear.
    text = "“" * 200_000 + ". A sentence."
    spans = split_sentences(text)
    assert spans[0][0] == 0
    assert spans[-1][1] == len(text)
    assert all(end - start <= MAX_SENTENCE for start, end in spans)


def test_lone_surrogates_are_read_as_any_other_character() -> None:
    text = "It was \ud800 there. Then \udfff it left."
    assert split(text) == ["It was \ud800 there.", "Then \udfff it left."]


def test_characters_outside_the_basic_plane_keep_their_places() -> None:
    text = "😀 Hi there. \U0001d518 Next one."
    assert split(text) == ["😀 Hi there.", "\U0001d518 Next one."]
