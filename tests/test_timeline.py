"""The record as of a day: when each source can have appeared, and the case cut there."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import MakeCase

from provenance.load import load_case, to_case
from provenance.model import Case
from provenance.timeline import appearance_days, case_as_of

# origin (9 July, retracted 11 July) <- echo (10 July); undated sources around them; the
# claim's verdict was reached on 12 July.
FILES = {
    "case.yaml": """\
        title: A small case
        claims:
          - id: rank
            statement: The bot ranked first.
            verdict: {rating: "False", reviewed: 2018-07-12}
        """,
    "sources/origin.yaml": """\
        kind: article
        published: 2018-07-09
        retracted: {note: Withdrawn., date: 2018-07-11}
        statements:
          - claim: rank
            wording: It ranked first.
        """,
    "sources/undated-early.yaml": """\
        kind: blog-post
        citations:
          - {cites: origin, claim: rank, relation: quotes, wording: it ranked first}
        """,
    "sources/undated-late.yaml": """\
        kind: blog-post
        citations:
          - {cites: echo, claim: rank, relation: links, wording: it ranked first}
        """,
    "sources/undated-later-still.yaml": """\
        kind: blog-post
        citations:
          - {cites: undated-late, claim: rank, relation: links, wording: it ranked first}
        """,
    "sources/loner.yaml": """\
        kind: social-post
        statements:
          - claim: rank
            wording: Did it rank first?
        """,
}


@pytest.fixture
def case(make_case: MakeCase) -> Case:
    return to_case(load_case(make_case(FILES)))


def test_a_source_appears_on_its_date_or_not_before_what_it_cites(case: Case) -> None:
    assert appearance_days(case) == {
        "origin": date(2018, 7, 9),
        "echo": date(2018, 7, 10),
        "undated-early": date(2018, 7, 9),
        "undated-late": date(2018, 7, 10),
        "undated-later-still": date(2018, 7, 10),
        "loner": None,
    }


def test_a_month_counts_from_its_first_day(make_case: MakeCase) -> None:
    folder = make_case({"sources/origin.yaml": "kind: dataset\npublished: 2018-07\n"})
    assert appearance_days(to_case(load_case(folder)))["origin"] == date(2018, 7, 1)


def test_undated_sources_citing_each_other_in_a_circle_end(make_case: MakeCase) -> None:
    citation = "  - {{cites: {0}, claim: rank, relation: links, wording: it ranked first}}\n"
    folder = make_case(
        {
            "sources/a.yaml": "kind: blog-post\ncitations:\n" + citation.format("b"),
            "sources/b.yaml": "kind: blog-post\ncitations:\n"
            + citation.format("a")
            + citation.format("echo"),
        }
    )
    days = appearance_days(to_case(load_case(folder)))
    assert days["a"] == days["b"] == date(2018, 7, 10)


def test_the_case_as_of_a_day_leaves_out_what_came_later(case: Case) -> None:
    before = case_as_of(case, date(2018, 7, 9))
    assert [source.id for source in before.sources] == ["loner", "origin", "undated-early"]
    origin = next(source for source in before.sources if source.id == "origin")
    assert origin.retracted is None
    assert before.claims[0].verdict is None
    later = case_as_of(case, date(2018, 7, 12))
    assert [source.id for source in later.sources] == [source.id for source in case.sources]
    assert later.claims[0].verdict is not None


def test_citations_of_left_out_sources_go_too(make_case: MakeCase) -> None:
    # A firmly dated source that cites a later one (a temporal problem in the record)
    # stays, without the citation.
    folder = make_case(
        {
            "sources/early.yaml": """\
                kind: article
                published: 2018-07-01
                citations:
                  - {cites: echo, claim: rank, relation: links, wording: it ranked first}
                """
        }
    )
    cut = case_as_of(to_case(load_case(folder)), date(2018, 7, 9))
    early = next(source for source in cut.sources if source.id == "early")
    assert early.citations == ()
    assert (
        early.location
        == next(
            source for source in to_case(load_case(folder)).sources if source.id == "early"
        ).location
    )


def test_a_case_with_nothing_later_is_returned_as_it_was(case: Case) -> None:
    assert case_as_of(case, date(2030, 1, 1)) == case
