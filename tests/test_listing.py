"""`provenance list`: the ids of a case's claims and sources, with what they hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import WALKAWAY, MakeCase

from provenance.cli import main
from provenance.listing import list_cases


def invoke(*args: str | Path, width: int = 80) -> Result:
    runner = CliRunner(env={"COLUMNS": str(width)})
    return runner.invoke(main, [str(arg) for arg in args], prog_name="provenance")


def test_the_frozen_case_is_listed_with_its_traces() -> None:
    cases, problems = list_cases([WALKAWAY])
    assert problems == []
    (case,) = cases
    assert (len(case.claims), len(case.sources), case.traced) == (8, 19, True)
    claims = {claim.id: claim for claim in case.claims}
    assert claims["bots-drive-walkaway"].sources == 11
    assert dict(claims["bots-drive-walkaway"].warnings) == {"ungrounded": 1, "escalation": 1}
    assert [source.id for source in case.sources] == sorted(source.id for source in case.sources)
    huffpost = next(source for source in case.sources if source.id == "huffpost-papenfuss")
    assert (huffpost.outlet, huffpost.published) == ("HuffPost", "≈ 2018-07-08")


def test_a_case_with_errors_is_listed_from_its_records(make_case: MakeCase) -> None:
    folder = make_case({"sources/echo.yaml": "kind: article\noutlet: nowhere\n"})
    (case,), _ = list_cases([folder])
    assert case.traced is False
    assert [(claim.id, claim.sources, claim.warnings) for claim in case.claims] == [("rank", 1, ())]
    assert [(source.id, source.outlet) for source in case.sources] == [
        ("echo", "nowhere"),
        ("origin", None),
    ]


def test_one_case_is_listed_in_full(
    make_case: MakeCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case()
    monkeypatch.chdir(tmp_path)
    result = invoke("list", "case")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "case (case): A small case",
        "1 claim, 2 sources; its files have no problems",
        "",
        "Claims    sources  warnings from its trace",
        "  rank          2  ungrounded",
        "    The bot ranked first.",
        "",
        "Sources     published     outlet: title",
        "  echo      2018-07-10    A follow-up",
        "  origin    2018-07-09    The original report",
    ]


def test_lines_fit_the_terminal() -> None:
    for width in (40, 80, 120):
        lines = invoke("list", WALKAWAY, width=width).stdout.splitlines()
        assert max(len(line) for line in lines) <= width


def test_a_case_with_errors_says_so(
    make_case: MakeCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case({"sources/echo.yaml": "kind: article\noutlet: nowhere\n"})
    monkeypatch.chdir(tmp_path)
    result = invoke("list", "case")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1:3] == [
        "1 claim, 2 sources; its files have 1 error, 1 warning (`provenance check case`",
        "lists them)",
    ]
    assert lines[5] == "  rank          1  not traced: the case has errors"


def test_several_cases_are_a_line_each(make_case: MakeCase, tmp_path: Path) -> None:
    make_case(name="cases/first")
    make_case({"sources/echo.yaml": "kind: article\noutlet: nowhere\n"}, name="cases/second")
    result = invoke("list", tmp_path / "cases")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "first      1 claim    2 sources  no errors   A small case",
        "second     1 claim    2 sources  1 error     A small case",
    ]
    assert result.stderr == (
        f"`provenance list {tmp_path / 'cases' / 'first'}` lists the claims and sources of "
        "one case.\n"
    )


def test_json_lists_everything(make_case: MakeCase) -> None:
    result = invoke("list", "--format", "json", make_case())
    assert result.exit_code == 0
    (case,) = json.loads(result.stdout)["cases"]
    assert case["claims"] == [
        {
            "id": "rank",
            "statement": "The bot ranked first.",
            "verdict": None,
            "sources": 2,
            "warnings": {"ungrounded": 1},
        }
    ]
    assert [source["id"] for source in case["sources"]] == ["echo", "origin"]
    assert (case["errors"], case["warnings"], case["traced"]) == (0, 0, True)


def test_a_folder_without_a_case_is_a_problem(tmp_path: Path) -> None:
    result = invoke("list", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.endswith("[no-case]\n")


def test_text_from_the_case_cannot_reach_the_terminal(make_case: MakeCase) -> None:
    folder = make_case({"sources/origin.yaml": 'kind: article\ntitle: "a\\x1b[31mred"\n'})
    result = invoke("list", folder)
    assert "\x1b" not in result.stdout
    assert "a\\x1b[31mred" in result.stdout


@pytest.mark.parametrize("where", ["claims/walkaway", "claims/walkaway/sources"])
def test_list_in_a_case_folder_lists_that_case(
    make_case: MakeCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    make_case(name="claims/walkaway")
    make_case(name="claims/other")
    monkeypatch.chdir(tmp_path / where)
    result = invoke("list")
    assert result.stdout.startswith("walkaway (")
