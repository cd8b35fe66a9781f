"""ClaimReview: the fields Google's fact-check documentation names, parsed as JSON-LD.

Every case here is written into tmp_path: the shipped #WalkAway case has verdicts but
no fact-checker, and ClaimReview needs one.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from conftest import TESTS, WALKAWAY, FileContents, MakeCase
from pyld import jsonld

from provenance.checks import check_paths
from provenance.export.claimreview import (
    CLAIM_REVIEWED_LIMIT,
    claim_reviews,
    export_claimreview,
    schema_date,
    short_claim,
)
from provenance.load import to_case
from provenance.model import Case, parse_publication_date
from provenance.problems import ClaimNotFound, ExportError
from provenance.trace import trace_claim

SCHEMA_ORG_CONTEXT = json.loads(
    (TESTS / "data" / "schemaorg-context.jsonld").read_text(encoding="utf-8")
)
SCHEMA = "http://schema.org/"  # the vocabulary IRI schema.org's own context expands to

FACT_CHECKER = dedent(
    """\
    fact_checker:
      name: Example Checks
      url: https://checks.example/
    """
)
CLAIMS = dedent(
    """\
    claims:
      - id: rank
        statement: >-
          For days, the hashtag ranked third or fourth among the most popular hashtags
          of the accounts the dashboard tracks.
        verdict:
          rating: Misleading
          rationale: One dashboard, read loosely.
          rating_value: 2
          reviewed: 2018-07-20
      - id: other
        statement: Something nobody has checked.
    """
)
OUTLETS = """\
    outlets:
      - {id: wire, name: The Wire}
    """
ORIGIN = """\
    kind: article
    title: The original report
    outlet: wire
    authors: [Ann Writer, Bo Reporter]
    url: https://wire.example/report
    archived_url: https://archive.example/wire-report
    published: 2018-07-09
    statements:
      - claim: rank
        wording: It ranked third or fourth.
    """


def case_files(case_yaml: str = "title: A reviewed case\n" + FACT_CHECKER + CLAIMS) -> FileContents:
    return {"case.yaml": case_yaml, "outlets.yaml": OUTLETS, "sources/origin.yaml": ORIGIN}


def load(folder: Path) -> Case:
    """The case in `folder`, which must check without errors."""
    report = check_paths([folder])
    assert report.error_count == 0, [str(problem) for problem in report.problems]
    return to_case(report.cases[0].loaded)


@pytest.fixture
def reviewed(make_case: MakeCase) -> Case:
    return load(make_case(case_files()))


def load_schema_org(url: str, options: Any = None) -> dict[str, Any]:
    """A document loader that serves schema.org's context from tests/data and fetches
    nothing: any other address fails the test."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": SCHEMA_ORG_CONTEXT,
    }


def compact_terms(value: Any) -> Iterator[str]:
    """Every property name and @type value used in a compact JSON-LD document."""
    if isinstance(value, list):
        for item in value:
            yield from compact_terms(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "@type":
                yield item
            elif not key.startswith("@"):
                yield key
                yield from compact_terms(item)


def review_of(case: Case, claim_id: str = "rank") -> dict[str, Any]:
    data = json.loads(export_claimreview(case, claim_id))
    assert isinstance(data, dict)
    return data


# --- the fields Google names ---------------------------------------------------------


def test_required_properties(reviewed: Case) -> None:
    """Google's ClaimReview requires claimReviewed, reviewRating and url; its Rating
    requires alternateName."""
    review = review_of(reviewed)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == "https://checks.example/"
    assert 0 < len(review["claimReviewed"]) < 75
    assert review["reviewRating"]["@type"] == "Rating"
    assert review["reviewRating"]["alternateName"] == "Misleading"


def test_recommended_properties(reviewed: Case) -> None:
    """author (with name), datePublished and itemReviewed, a Claim with its
    appearances, are recommended."""
    review = review_of(reviewed)
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example/",
    }
    assert review["datePublished"] == "2018-07-20"
    assert review["reviewBody"] == "One dashboard, read loosely."
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["datePublished"] == "2018-07-09"
    assert claim["text"].startswith("For days, the hashtag ranked third or fourth")


def test_the_rating_scale_runs_from_1_to_5(reviewed: Case) -> None:
    assert review_of(reviewed)["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Misleading",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_without_a_rating_value_only_the_words(make_case: MakeCase) -> None:
    case_yaml = ("title: T\n" + FACT_CHECKER + CLAIMS).replace("      rating_value: 2\n", "")
    case = load(make_case(case_files(case_yaml)))
    assert review_of(case)["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}


def test_first_appearance_and_every_appearance(reviewed: Case) -> None:
    claim = review_of(reviewed)["itemReviewed"]
    origin = {
        "@type": "Article",
        "url": "https://wire.example/report",
        "archivedAt": "https://archive.example/wire-report",
        "headline": "The original report",
        "datePublished": "2018-07-09",
        "author": [
            {"@type": "Person", "name": "Ann Writer"},
            {"@type": "Person", "name": "Bo Reporter"},
        ],
        "publisher": {"@type": "Organization", "name": "The Wire"},
    }
    echo = {"@type": "Article", "headline": "A follow-up", "datePublished": "2018-07-10"}
    assert claim["firstAppearance"] == origin
    assert claim["appearance"] == [origin, echo]


def test_parses_as_json_ld_with_schema_org_terms_only(reviewed: Case) -> None:
    document = json.loads(export_claimreview(reviewed, None))
    defined = set(SCHEMA_ORG_CONTEXT["@context"])
    assert set(compact_terms(document)) <= defined
    expanded = jsonld.expand(document, {"documentLoader": load_schema_org})
    assert len(expanded) == 1
    review = expanded[0]
    assert review["@type"] == [f"{SCHEMA}ClaimReview"]
    assert review[f"{SCHEMA}url"] == [{"@id": "https://checks.example/"}]
    assert review[f"{SCHEMA}datePublished"] == [{"@type": f"{SCHEMA}Date", "@value": "2018-07-20"}]
    rating = review[f"{SCHEMA}reviewRating"][0]
    assert rating[f"{SCHEMA}alternateName"] == [{"@value": "Misleading"}]
    claim = review[f"{SCHEMA}itemReviewed"][0]
    assert claim["@type"] == [f"{SCHEMA}Claim"]
    assert len(claim[f"{SCHEMA}appearance"]) == 2


def test_the_context_check_would_catch_a_misspelt_term(reviewed: Case) -> None:
    document = review_of(reviewed)
    document["claimReviewd"] = document.pop("claimReviewed")
    assert "claimReviewd" not in set(SCHEMA_ORG_CONTEXT["@context"])
    assert not set(compact_terms(document)) <= set(SCHEMA_ORG_CONTEXT["@context"])


# --- which claims ----------------------------------------------------------------------


def test_every_claim_with_a_verdict_and_no_other(make_case: MakeCase) -> None:
    case_yaml = (
        "title: T\n"
        + FACT_CHECKER
        + CLAIMS.replace(
            "statement: Something nobody has checked.",
            "statement: Something checked.\n    verdict: {rating: 'False'}",
        )
    )
    case = load(make_case(case_files(case_yaml)))
    reviews = json.loads(export_claimreview(case, None))
    assert [review["claimReviewed"] for review in reviews] == [
        short_claim(case.claims[0].statement),
        "Something checked.",
    ]
    assert all(review["@context"] == "https://schema.org" for review in reviews)
    assert "itemReviewed" in reviews[1]
    assert "appearance" not in reviews[1]["itemReviewed"]


def test_the_walkaway_verdict_lists_the_traced_appearances(tmp_path: Path) -> None:
    folder = shutil.copytree(WALKAWAY, tmp_path / "walkaway")
    case_yaml = folder / "case.yaml"
    text = case_yaml.read_text(encoding="utf-8")
    case_yaml.write_text(text.replace("\nclaims:\n", "\n" + FACT_CHECKER + "claims:\n", 1))
    case = load(folder)
    reviews = claim_reviews(case)
    verdicts = [claim.id for claim in case.claims if claim.verdict]
    assert len(reviews) == len(verdicts)
    trace = trace_claim(case, verdicts[0])
    carriers = [item.source for item in trace.sources if item.carries]
    appearances = reviews[0]["itemReviewed"]["appearance"]
    assert [work.get("headline") for work in appearances] == [source.title for source in carriers]
    # Four roots, three undated: where the claim started cannot be told, so ClaimReview
    # names no first appearance rather than guess one.
    assert len(trace.first_appearance) > 1
    assert "firstAppearance" not in reviews[0]["itemReviewed"]
    # Where it can be told, it is named.
    decided = [
        (claim, review)
        for claim, review in zip(verdicts, reviews, strict=True)
        if len(trace_claim(case, claim).first_appearance) == 1
    ]
    for claim, review in decided:
        started = trace_claim(case, claim).source(trace_claim(case, claim).first_appearance[0])
        assert review["itemReviewed"]["firstAppearance"]["headline"] == started.source.title


# --- what to add when something is missing -----------------------------------------


def test_without_a_fact_checker_says_what_to_add(make_case: MakeCase) -> None:
    case = load(make_case(case_files("title: T\n" + CLAIMS)))
    with pytest.raises(ExportError) as raised:
        export_claimreview(case, None)
    message = str(raised.value)
    assert message.startswith(f"{case.root}/case.yaml has no fact_checker;")
    assert "fact_checker:\n    name: Your organisation\n    url: https://" in message


def test_a_fact_checker_without_a_url_is_not_enough(make_case: MakeCase) -> None:
    case_yaml = "title: T\nfact_checker:\n  name: Example Checks\n" + CLAIMS
    case = load(make_case(case_files(case_yaml)))
    with pytest.raises(ExportError, match="has a fact_checker without a url"):
        export_claimreview(case, "rank")


def test_a_claim_without_a_verdict_says_what_to_add(reviewed: Case) -> None:
    with pytest.raises(ExportError, match=r"claim 'other' has no verdict yet.*add `verdict:`"):
        export_claimreview(reviewed, "other")


def test_a_case_without_verdicts_says_what_to_add(make_case: MakeCase) -> None:
    case_yaml = "title: T\n" + FACT_CHECKER + "claims:\n  - {id: rank, statement: S.}\n"
    case = load(make_case({"case.yaml": case_yaml}))
    with pytest.raises(ExportError, match=r"no claim in .* has a verdict"):
        export_claimreview(case, None)


def test_an_unknown_claim_is_named(reviewed: Case) -> None:
    with pytest.raises(ClaimNotFound, match="did you mean 'rank'"):
        export_claimreview(reviewed, "rnak")


# --- details -------------------------------------------------------------------------


def test_a_long_claim_is_cut_between_words() -> None:
    statement = (
        "The #WalkAway campaign is driven by Russian bots and Kremlin-linked trolls "
        "that grossly exaggerate its traffic."
    )
    short = short_claim(statement)
    assert len(short) <= CLAIM_REVIEWED_LIMIT < 75
    assert short == "The #WalkAway campaign is driven by Russian bots and Kremlin-linked…"
    assert statement.startswith(short[:-1])
    assert short_claim("  A short\n claim. ") == "A short claim."
    assert short_claim("x" * 100) == "x" * 73 + "…"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2018-07-09", "2018-07-09"),
        ("2018-07-09T14:30:00+02:00", "2018-07-09T12:30:00Z"),
        ("2018-07", None),
        ("2018", None),
        ({"date": "2018-07-08", "approximate": True}, None),
        (None, None),
    ],
)
def test_only_exact_dates_are_published(written: Any, expected: str | None) -> None:
    assert schema_date(parse_publication_date(written)) == expected
