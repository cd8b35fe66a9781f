"""Matching candidates to the case's sources and outlets, and gathering them."""

from __future__ import annotations

from pathlib import Path

import pytest
from articles import STORY_CASE, TEXT
from conftest import MakeCase

from provenance.extract.addresses import address_key
from provenance.extract.candidates import Candidate, Evidence, find_candidates
from provenance.extract.claims import closest_claim
from provenance.extract.match import match_candidates
from provenance.extract.matcher import Known, Matcher, known_from_case
from provenance.extract.read import read_article
from provenance.extract.similarity import normalise, person_similarity
from provenance.model import SourceKind


@pytest.fixture
def known(make_case: MakeCase) -> Known:
    return known_from_case(make_case(STORY_CASE, clean=False))


def candidate(**fields: object) -> Candidate:
    defaults: dict[str, object] = {
        "evidence": Evidence.ATTRIBUTION,
        "sentence": "",
        "start": 0,
        "confidence": 0.7,
        "reason": "attribution",
    }
    return Candidate(**{**defaults, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.Salon.com/2018/07/09/x/", "salon.com/2018/07/09/x"),
        ("http://salon.com/2018/07/09/x#comments", "salon.com/2018/07/09/x"),
        ("https://salon.com/x?utm_source=tw&b=2&a=1", "salon.com/x?a=1&b=2"),
        ("https://web.archive.org/web/20180709/https://www.salon.com/x/", "salon.com/x"),
    ],
)
def test_address_key(url: str, expected: str) -> None:
    assert address_key(url) == expected


@pytest.mark.parametrize(
    ("written", "recorded", "fits"),
    [
        ("David Wiegel", "David Weigel", True),
        ("Dave Weigel", "David Weigel", True),
        ("Journalist David Weigel", "David Weigel", True),
        ("Papenfuss", "Mary Papenfuss", True),
        ("Mary Smith", "John Smith", False),
        ("David Miller", "David Weigel", False),
    ],
)
def test_person_similarity(written: str, recorded: str, fits: bool) -> None:
    assert (person_similarity(written, recorded) >= 0.75) is fits


def test_normalise() -> None:
    written = (
        "The Huffington Post\N{RIGHT SINGLE QUOTATION MARK}s \N{LEFT DOUBLE QUOTATION MARK}Report!"
    )
    assert normalise(written) == "huffington post s report"


def test_match_by_address_title_author_outlet_and_account(known: Known) -> None:
    matcher = Matcher(known)
    cases = {
        "address": candidate(url="http://dailynews.example/2018/07/08/bots/?utm_medium=x"),
        "title": candidate(name="Hashtag Tracker"),
        "author": candidate(name="Ann Reportr"),
        "outlet": candidate(name="The Daily News"),
        "account": candidate(name="@Skeptic_Sam"),
    }
    found = {how: matcher.match(c) for how, c in cases.items()}
    assert {how: (m.source, m.how) for how, m in found.items()} == {
        "address": ("daily-news-bots", "address"),
        "title": ("hashtag-tracker", "title"),
        "author": ("daily-news-bots", "author"),
        "outlet": ("daily-news-bots", "outlet"),
        "account": ("sam-post", "account"),
    }


def test_link_to_an_outlet_page_matches_by_its_words(known: Known) -> None:
    match = Matcher(known).match(
        candidate(url="https://ledger.example/columns/hashtag-is-astroturf")
    )
    assert (match.source, match.how) == ("ledger-writer", "address words and title")
    other = Matcher(known).match(candidate(url="https://ledger.example/sport/results"))
    assert (other.source, other.outlet) == (None, "the-ledger")


def test_a_person_with_several_sources_is_narrowed_or_left_open(known: Known) -> None:
    matcher = Matcher(known)
    assert matcher.match(candidate(name="Tom Writer")).options == ("ledger-writer", "writer-tweet")
    tweet = candidate(name="Tom Writer", kind_hint=SourceKind.SOCIAL_POST)
    assert matcher.match(tweet).source == "writer-tweet"
    in_the_ledger = candidate(name="Tom Writer", sentence="As Tom Writer noted in The Ledger.")
    assert matcher.match(in_the_ledger).source == "ledger-writer"


def test_quotation_matches_recorded_wording_unless_turned_off(known: Known) -> None:
    quote = candidate(quote="the hashtag is astroturf through and through")
    assert Matcher(known).match(quote).source == "ledger-writer"
    assert (
        Matcher(Known(known.sources, known.outlets, known.claims, wordings=False))
        .match(quote)
        .source
        is None
    )


def test_unknown_names_match_nothing(known: Known) -> None:
    assert Matcher(known).match(candidate(name="Some Body")).source is None
    assert Matcher(Known()).match(candidate(name="Ann Reporter")).source is None


def test_closest_claim(known: Known) -> None:
    assert closest_claim("it ranked third among kremlin-linked hashtags", known.claims) == (
        "hashtag-rank"
    )
    assert closest_claim("nothing in common here", known.claims) is None


def test_gathering_the_story(tmp_path: Path, known: Known) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_article(path)
    matching = match_candidates(article, find_candidates(article), known)
    proposed = [(c.match.source, c.relation.value) for c in matching.citations]
    assert proposed == [
        ("daily-news-bots", "quotes"),
        ("hashtag-tracker", "paraphrases"),
        ("ledger-writer", "quotes"),
        ("writer-tweet", "paraphrases"),
        ("sam-post", "quotes"),
    ]
    first = matching.citations[0]
    assert first.wording == "may have ranked third among Kremlin-linked hashtags for days."
    # The link at the end of the story is the same article: gathered, not proposed again.
    assert Evidence.LINK in {c.evidence for c in first.evidence}
    assert all(0 < c.confidence <= 1 for c in matching.citations)


def test_the_article_itself_is_recognised_and_never_proposed(
    tmp_path: Path, make_case: MakeCase
) -> None:
    case = make_case({**STORY_CASE, "sources/critic.yaml": CRITIC}, clean=False)
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = read_article(path)
    matching = match_candidates(article, find_candidates(article), known_from_case(case))
    assert matching.itself == "critic"
    assert "critic" not in {c.match.source for c in matching.citations}


CRITIC = """\
    kind: opinion
    title: "Bots, again: how one dashboard became a story"
    authors: [Jane Critic]
    """
