"""Who speaks: the unit in which independent origins are counted (provenance/voices.py)."""

from __future__ import annotations

from pathlib import Path

from casebuilder import case, says, source

from provenance.trace import trace_claim
from provenance.voices import Voices

OUTLETS = [
    {"id": "twitter", "name": "Twitter", "platform": True},
    {"id": "group", "name": "Broadcast Group"},
    {"id": "station-a", "name": "Station A", "part_of": "group"},
    {"id": "station-b", "name": "Station B", "part_of": "group"},
    {"id": "agency", "name": "The Agency"},
    {"id": "paper-one", "name": "Paper One"},
    {"id": "paper-two", "name": "Paper Two"},
]
PEOPLE = [
    {"id": "dana", "name": "Dana Reporter", "aliases": ["@dana"]},
    {"id": "lee", "name": "Lee Poster"},
]


def independence(tmp_path: Path, sources: dict[str, dict[str, object]]) -> tuple[int, int, int]:
    trace = trace_claim(case(tmp_path, sources, outlets=OUTLETS, people=PEOPLE), "c")
    assert trace.independence is not None
    return (
        trace.independence.recorded,
        trace.independence.uncountable,
        trace.independence.reporting_only,
    )


def test_two_people_on_one_platform_are_two_voices(tmp_path: Path) -> None:
    post = {"kind": "social-post", "outlet": "twitter", "statements": [says("It is so.")]}
    assert independence(
        tmp_path, {"by-dana": {**post, "authors": ["dana"]}, "by-lee": {**post, "authors": ["lee"]}}
    ) == (2, 0, 0)


def test_one_person_posting_twice_is_one_voice(tmp_path: Path) -> None:
    post = {"kind": "social-post", "outlet": "twitter", "statements": [says("It is so.")]}
    # By id once, by an alias once: the same person.
    assert independence(
        tmp_path,
        {"first": {**post, "authors": ["dana"]}, "second": {**post, "authors": ["@dana"]}},
    ) == (1, 0, 0)


def test_stations_of_one_group_are_one_voice(tmp_path: Path) -> None:
    aired = {"kind": "broadcast", "statements": [says("It is so.")]}
    assert independence(
        tmp_path,
        {"a": {**aired, "outlet": "station-a"}, "b": {**aired, "outlet": "station-b"}},
    ) == (1, 0, 0)


def test_a_wire_story_printed_by_two_papers_is_the_agency_speaking(tmp_path: Path) -> None:
    printed = {"kind": "article", "wire": "agency", "statements": [says("It is so.")]}
    assert independence(
        tmp_path,
        {
            "one": {**printed, "outlet": "paper-one"},
            "two": {**printed, "outlet": "paper-two"},
            "own": source(outlet="paper-one", statements=[says("Our own reporting says so.")]),
        },
    ) == (2, 0, 0)  # the agency, and Paper One's own reporting


def test_a_source_standing_for_unnamed_publications_cannot_be_counted(tmp_path: Path) -> None:
    assert independence(
        tmp_path,
        {
            "regional": source(
                "other", stands_for="several regional papers", statements=[says("So.")]
            ),
            "paper": source(outlet="paper-one", statements=[says("So.")]),
        },
    ) == (1, 1, 0)


def test_unnamed_publications_of_one_group_speak_as_the_group(tmp_path: Path) -> None:
    assert independence(
        tmp_path,
        {
            "stations": source(
                "broadcast",
                outlet="group",
                stands_for="dozens of stations",
                statements=[says("So.")],
            )
        },
    ) == (1, 0, 0)


def test_a_source_only_reporting_the_claim_is_not_a_voice_behind_it(tmp_path: Path) -> None:
    assert independence(
        tmp_path,
        {
            "reports": source(
                outlet="paper-one", statements=[says("Some say it is so.", stance="neutral")]
            ),
            "asserts": source(outlet="paper-two", statements=[says("It is so.")]),
        },
    ) == (1, 0, 1)


def test_a_quoted_speaker_speaks_for_the_statement(tmp_path: Path) -> None:
    # Two papers quote one official's words, citing nothing: one voice, the official's.
    quoted = says("It is so, the minister said.", speaker="dana")
    assert independence(
        tmp_path,
        {
            "one": source(outlet="paper-one", statements=[quoted]),
            "two": source(outlet="paper-two", statements=[quoted]),
        },
    ) == (1, 0, 0)


def test_voice_labels_say_who_speaks(tmp_path: Path) -> None:
    voices = Voices(
        case(
            tmp_path,
            {
                "post": source(
                    "social-post", outlet="twitter", authors=["lee"], statements=[says("So.")]
                ),
                "aired": source("broadcast", outlet="station-a", statements=[says("So.")]),
            },
            outlets=OUTLETS,
            people=PEOPLE,
        )
    )
    post = voices.of_source(voices.sources["post"])
    aired = voices.of_source(voices.sources["aired"])
    assert post.label == "Lee Poster on Twitter"
    assert aired.label == "Broadcast Group"
    assert aired.reason == "Station A is part of Broadcast Group"
    assert voices.person_key("Dana Reporter") == voices.person_key("dana") == "person:dana"
    assert voices.person_key("Someone Else") == "name:someone else"
