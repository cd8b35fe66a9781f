"""`# provenance: ignore[code]` acknowledges a warning on its line or the line below."""

from __future__ import annotations

from conftest import MakeCase

from provenance.checks import check_paths
from provenance.load import load_case

CITATION_WITHOUT_WORDING = """\
    kind: article
    citations:
      {comment_above}
      - cites: origin  {comment_inline}
        claim: rank
        relation: quotes
    """


def codes_for(make_case: MakeCase, above: str = "", inline: str = "") -> list[str]:
    text = CITATION_WITHOUT_WORDING.format(comment_above=above or "#", comment_inline=inline)
    folder = make_case({"sources/echo.yaml": text})
    return [problem.code for problem in check_paths([folder]).problems]


def test_an_unacknowledged_warning_is_reported(make_case: MakeCase) -> None:
    assert codes_for(make_case) == ["missing-wording"]


def test_a_comment_on_the_line_acknowledges_it(make_case: MakeCase) -> None:
    assert codes_for(make_case, inline="# provenance: ignore[missing-wording]") == []


def test_a_comment_on_the_line_above_acknowledges_it(make_case: MakeCase) -> None:
    assert (
        codes_for(make_case, above="# provenance: ignore[isolated-source, missing-wording]") == []
    )


def test_only_the_named_code_is_acknowledged(make_case: MakeCase) -> None:
    assert codes_for(make_case, inline="# provenance: ignore[unused-claim]") == ["missing-wording"]


def test_errors_cannot_be_acknowledged(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "sources/echo.yaml": """\
        kind: article
        citations:
          - cites: nowhere  # provenance: ignore[unknown-source]
            claim: rank
            relation: quotes
            wording: x
        """
        }
    )
    assert "unknown-source" in [problem.code for problem in check_paths([folder]).problems]


def test_a_directive_inside_a_quoted_value_is_text_not_a_comment(make_case: MakeCase) -> None:
    # Issue 14: matched against raw line text, this title silenced a real warning.
    folder = make_case(
        {
            "sources/alone.yaml": """\
        kind: article
        title: "#provenance: ignore[isolated-source]"
        notes: |
          # provenance: ignore[isolated-source]
        """
        }
    )
    assert [problem.code for problem in check_paths([folder]).problems] == ["isolated-source"]


def test_a_directive_in_a_flow_collection_comment_counts(make_case: MakeCase) -> None:
    text = CITATION_WITHOUT_WORDING.format(comment_above="#", comment_inline="")
    text = text.replace(
        "- cites: origin", "- {cites: origin, # provenance: ignore[missing-wording]"
    )
    text = text.replace("relation: quotes", "relation: quotes}").replace(
        "claim: rank", "claim: rank,"
    )
    folder = make_case({"sources/echo.yaml": text})
    assert [problem.code for problem in check_paths([folder]).problems] == []


ACKNOWLEDGED_OBJECTS = """\
    kind: article  # provenance: ignore[whole-source]
    statements:
      # provenance: ignore[inferred-copy]
      - claim: rank
        wording: "It ranked first. # provenance: ignore[not-a-comment]"
      - claim: rank  # provenance: ignore[inferred-copy, escalation]
        wording: It ranked first again.
      - claim: rank
        wording: Once more.  # provenance: ignore[on-the-wording-line]
    citations:
      - cites: origin
        claim: rank
        relation: quotes
        wording: it ranked first
    """


def test_each_loaded_object_carries_the_codes_acknowledged_on_its_line_or_above(
    make_case: MakeCase,
) -> None:
    folder = make_case({"sources/echo.yaml": ACKNOWLEDGED_OBJECTS})
    loaded = load_case(folder)
    echo = next(source for source in loaded.sources if source.id == "echo")
    assert echo.acknowledged == {"whole-source"}
    assert [statement.acknowledged for statement in echo.statements] == [
        {"inferred-copy"},
        {"inferred-copy", "escalation"},
        frozenset(),  # a directive on a later line of the object is not the object's
    ]
    assert echo.citations[0].acknowledged == frozenset()
    origin = next(source for source in loaded.sources if source.id == "origin")
    assert origin.acknowledged == frozenset()


def test_the_loaded_case_keeps_every_directive_by_file_and_line(make_case: MakeCase) -> None:
    folder = make_case({"sources/echo.yaml": ACKNOWLEDGED_OBJECTS})
    loaded = load_case(folder)
    assert loaded.acknowledgements == {
        str(folder / "sources" / "echo.yaml"): {
            1: {"whole-source"},
            3: {"inferred-copy"},
            6: {"inferred-copy", "escalation"},
            9: {"on-the-wording-line"},
        }
    }


def test_a_copy_made_for_the_record_as_of_a_day_keeps_what_it_acknowledges(
    make_case: MakeCase,
) -> None:
    from provenance.timeline import replace_located

    folder = make_case({"sources/echo.yaml": ACKNOWLEDGED_OBJECTS})
    echo = next(source for source in load_case(folder).sources if source.id == "echo")
    assert replace_located(echo, citations=()).acknowledged == {"whole-source"}
