"""`# provenance: ignore[code]` acknowledges a warning on its line or the line below."""

from __future__ import annotations

from conftest import MakeCase

from provenance.checks import check_paths

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
