"""Finding candidate citations: names, attributions, quotations, excerpts."""

from __future__ import annotations

from pathlib import Path

import pytest
from articles import MARKDOWN, TEXT

from provenance.extract.candidates import Candidate, Evidence, find_candidates
from provenance.extract.cues import kind_hint
from provenance.extract.names import find_names, looks_like_person
from provenance.extract.read import read_article
from provenance.model import SourceKind


def candidates_of(tmp_path: Path, text: str, name: str = "a.txt") -> list[Candidate]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return find_candidates(read_article(path))


def summary(candidates: list[Candidate], *kinds: Evidence) -> list[tuple[str, str | None]]:
    return [(c.evidence.value, c.name) for c in candidates if not kinds or c.evidence in kinds]


def test_find_names() -> None:
    sentence = (
        "The data from the Alliance for Securing Democracy and Hamilton 68 show that "
        "Mary Papenfuss\N{RIGHT SINGLE QUOTATION MARK}s piece and @sofialimited matter."
    )
    assert [name.text for name in find_names(sentence)] == [
        "Alliance for Securing Democracy",
        "Hamilton 68",
        "Mary Papenfuss",
        "@sofialimited",
    ]


def test_sentence_opening_words_the_article_writes_in_lower_case_are_not_names() -> None:
    assert [n.text for n in find_names("Bots are back.", frozenset({"bots"}))] == []
    assert [n.text for n in find_names("Salon says bots are back.", frozenset({"bots"}))] == [
        "Salon"
    ]


def test_looks_like_person_and_kind_hint() -> None:
    assert looks_like_person("Mary Papenfuss")
    assert not looks_like_person("Huffington Post")
    assert not looks_like_person("Hamilton 68")
    assert not looks_like_person("Salon")
    assert kind_hint("He posted a tweet about it.") is SourceKind.SOCIAL_POST
    assert kind_hint("A USC study found it.") is SourceKind.STUDY
    assert kind_hint("Nothing here.") is None


@pytest.mark.parametrize(
    ("sentence", "name", "cue"),
    [
        ("According to the Daily News, bots did it.", "Daily News", "according to"),
        ("The Daily News reported that bots did it.", "Daily News", "reported"),
        ("Ann Reporter wrote that bots did it.", "Ann Reporter", "wrote"),
        ("As Tom Writer noted, bots did it.", "Tom Writer", "noted"),
        ("Brand24, a monitoring tool, shows 7,786 tweets.", "Brand24", "shows"),
        ("A spokesman told Reuters that bots did it.", "Reuters", "told"),
        ("Bob Cesca writes at Salon that bots did it.", "Salon", "writes at"),
        ("Ann Reporter has also written that bots did it.", None, None),
    ],
)
def test_attributions(tmp_path: Path, sentence: str, name: str | None, cue: str | None) -> None:
    found = [
        (c.name, c.cue)
        for c in candidates_of(tmp_path, sentence)
        if c.evidence is Evidence.ATTRIBUTION
    ]
    if name is None:
        assert found == []
    else:
        assert (name, cue) in found


def test_pronouns_are_credited_to_the_last_person_named(tmp_path: Path) -> None:
    text = (
        "In her piece, Mary Papenfuss says more. “Bots have pushed the hashtag for days,” "
        "she wrote. “It ranked third among all the tracked hashtags.”"
    )
    quotes = [c for c in candidates_of(tmp_path, text) if c.evidence is Evidence.QUOTATION]
    assert [(c.name, c.reason) for c in quotes] == [
        ("Mary Papenfuss", "quotation credited in its sentence"),
        ("Mary Papenfuss", "quotation continued"),
    ]
    assert quotes[0].quote == "Bots have pushed the hashtag for days"


def test_short_quotations_are_scare_quotes_not_candidates(tmp_path: Path) -> None:
    found = candidates_of(tmp_path, "It is a “grassroots” movement, they say.")
    assert summary(found, Evidence.QUOTATION) == []


def test_uncredited_quotation_and_signature_line(tmp_path: Path) -> None:
    text = (
        '"There is little actual evidence that the hashtag represents a mass conversion."\n'
        "The meme is what happens when everything is viral - Washington Post\n"
    )
    quotes = [c for c in candidates_of(tmp_path, text) if c.evidence is Evidence.QUOTATION]
    assert [(c.name, c.reason) for c in quotes] == [("Washington Post", "quotation near a name")]


def test_excerpt_introduced_by_a_colon(tmp_path: Path) -> None:
    text = (
        "Bob Cesca writes at Salon:\n\nRussian bots are back. They never left.\n\n"
        "Another paragraph by the author."
    )
    excerpts = [c for c in candidates_of(tmp_path, text) if c.evidence is Evidence.EXCERPT]
    assert [(c.name, c.quote) for c in excerpts] == [
        ("Bob Cesca", "Russian bots are back. They never left."),
        ("Salon", "Russian bots are back. They never left."),
    ]


def test_names_inside_quotations_are_not_mentions(tmp_path: Path) -> None:
    text = "“Nobody asked Brandon Straka about the hashtag at all,” she said. Brandon Straka left."
    mentions = summary(candidates_of(tmp_path, text), Evidence.MENTION)
    assert mentions == [("mention", "Brandon Straka")]


def test_handles_links_and_metadata(tmp_path: Path) -> None:
    found = candidates_of(tmp_path, TEXT, "story.txt")
    assert ("@handle", "@skeptic_sam") in summary(found)
    links = [c for c in found if c.evidence is Evidence.LINK]
    assert [c.url for c in links] == [
        "https://www.dailynews.example/2018/07/08/bots/?utm_source=feed"
    ]


def test_markdown_block_quote_is_an_excerpt_of_the_linked_source(tmp_path: Path) -> None:
    found = candidates_of(tmp_path, MARKDOWN, "story.md")
    excerpts = [c for c in found if c.evidence is Evidence.EXCERPT]
    assert {(c.name, c.url) for c in excerpts} == {
        ("Tom Writer", None),
        (None, "https://ledger.example/columns/hashtag-is-astroturf"),
    }
    assert {c.quote for c in excerpts} == {
        "The hashtag is astroturf through and through, and everyone knows it."
    }


def test_candidates_are_in_text_order_and_keep_their_sentence(tmp_path: Path) -> None:
    found = candidates_of(tmp_path, TEXT, "story.txt")
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert all(c.sentence for c in found)
    assert all(0 < c.confidence < 1 for c in found)
