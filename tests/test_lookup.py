"""Finding one's way: unknown ids with the nearest known ones, a claim in another case,
the case or project a command runs in, and a mistyped folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CLEAN_CASE, MakeCase, relative_lines, write_files

from provenance.checks import check_paths
from provenance.cli import main
from provenance.cli.options import build_places
from provenance.lookup import case_with_claim
from provenance.problems import ClaimNotFound, nearest_ids
from provenance.workplace import Workplace, find_workplace, folder_hint


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="provenance")


# --- the nearest ids -------------------------------------------------------------------


def test_a_close_id_is_suggested() -> None:
    assert nearest_ids("orign", ["origin", "echo"]) == " (did you mean 'origin'?)"


def test_with_none_close_a_few_ids_are_all_listed() -> None:
    assert nearest_ids("zzz", ["origin", "echo"]) == " (none is close; there are: echo, origin)"
    assert nearest_ids("zzz", ["origin"]) == " (none is close; there is: origin)"


def test_with_none_close_many_ids_are_the_nearest_five() -> None:
    ids = [f"source-{number}" for number in range(30)] + ["hamilton68", "hamilton-dashboard"]
    assert nearest_ids("dashbrd", ids) == (
        " (none is close; the nearest of 32: hamilton-dashboard, source-0, source-1, "
        "source-2, source-3)"
    )


def test_nothing_to_list_when_nothing_is_known() -> None:
    assert nearest_ids("zzz", []) == ""


def test_an_unknown_source_lists_the_sources_there_are(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "sources/echo.yaml": CLEAN_CASE["sources/echo.yaml"].replace(
                "cites: origin", "cites: dashboard"
            )
        }
    )
    lines = relative_lines(check_paths([folder]).problems, folder)
    assert (
        "sources/echo.yaml:5:12: error: unknown source 'dashboard' (none is close; there "
        "are: echo, origin); sources are the files under sources/ [unknown-source]"
    ) in lines


# --- a claim in another case -------------------------------------------------------------

OTHER_CASE = {"case.yaml": "title: Other\nclaims:\n  - id: other-claim\n    statement: S.\n"}


def test_a_claim_in_a_case_beside_the_one_named_is_found(tmp_path: Path) -> None:
    write_files(tmp_path / "claims" / "walkaway", CLEAN_CASE)
    write_files(tmp_path / "claims" / "other", OTHER_CASE)
    report = check_paths([tmp_path / "claims" / "other"])
    with pytest.raises(ClaimNotFound) as raised:
        case_with_claim(report, "rank")
    assert str(raised.value) == (
        f"claim 'rank' is in case 'walkaway' ({tmp_path / 'claims' / 'walkaway'}), not in 'other'"
    )
    assert raised.value.found_in == (tmp_path / "claims" / "walkaway",)


def test_a_claim_in_the_project_is_found_for_a_case_elsewhere(tmp_path: Path) -> None:
    write_files(tmp_path / "claims" / "walkaway", CLEAN_CASE)
    write_files(tmp_path / "examples" / "other", OTHER_CASE)
    report = check_paths([tmp_path / "examples" / "other"])
    with pytest.raises(ClaimNotFound, match="is in case 'walkaway'"):
        case_with_claim(report, "rank", [tmp_path / "claims"])
    with pytest.raises(ClaimNotFound, match=r"^case 'other' has no claim 'rank' \(none"):
        case_with_claim(report, "rank")


def test_trace_names_the_case_that_has_the_claim_and_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path / "claims" / "walkaway", CLEAN_CASE)
    write_files(tmp_path / "examples" / "other", OTHER_CASE)
    monkeypatch.chdir(tmp_path)
    result = invoke("trace", "rank", "examples/other")
    assert result.exit_code == 2
    assert (
        "Error: claim 'rank' is in case 'walkaway' (claims/walkaway), not in 'other'; "
        "run `provenance trace rank claims/walkaway`"
    ) in result.stderr
    result = invoke("export", "dot", "examples/other", "--claim", "rank")
    assert "run `provenance export dot claims/walkaway --claim rank`" in result.stderr


def test_trace_with_an_unknown_claim_lists_the_claims(make_case: MakeCase) -> None:
    result = invoke("trace", "zzz", make_case())
    assert result.exit_code == 2
    assert "case 'case' has no claim 'zzz' (none is close; there is: rank)" in result.stderr


# --- where a command runs ------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_files(tmp_path / "claims" / "walkaway", CLEAN_CASE)
    write_files(tmp_path / "claims" / "other", OTHER_CASE)
    return tmp_path


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (".", Workplace(None, Path("claims"), Path())),
        ("claims", Workplace(None, Path(), Path(".."))),
        ("claims/walkaway", Workplace(Path(), Path(".."), Path("../.."))),
        ("claims/walkaway/sources", Workplace(Path(".."), Path("../.."), Path("../../.."))),
    ],
)
def test_the_workplace_is_found_from_any_folder_of_the_project(
    project: Path, monkeypatch: pytest.MonkeyPatch, where: str, expected: Workplace
) -> None:
    monkeypatch.chdir(project / where)
    assert find_workplace() == expected


def test_a_case_outside_a_project_is_its_own_workplace(
    make_case: MakeCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_case())
    assert find_workplace() == Workplace(Path(), None, None)


def test_no_workplace_where_there_is_no_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert find_workplace() == Workplace()


@pytest.mark.parametrize("where", ["claims/walkaway", "claims/walkaway/sources"])
def test_commands_in_a_case_folder_work_on_that_case(
    project: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(project / where)
    result = invoke("check")
    assert (result.exit_code, result.stderr) == (0, "1 case, 2 sources: no problems.\n")
    result = invoke("trace", "rank")
    assert result.exit_code == 0
    assert result.stdout.startswith("Claim rank: The bot ranked first.")
    result = invoke("trace", "other-claim")
    assert result.exit_code == 2
    assert "claim 'other-claim' is in case 'other'" in result.stderr


def test_problems_found_in_a_case_folder_name_files_from_there(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(project / "claims" / "walkaway", {"sources/echo.yaml": "kind: [\n"})
    monkeypatch.chdir(project / "claims" / "walkaway" / "sources")
    result = invoke("check")
    assert result.exit_code == 1
    assert result.stdout.startswith("../sources/echo.yaml:1:7: error: YAML syntax: the list")


def test_a_build_in_a_case_folder_builds_the_project(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "claims" / "walkaway" / "sources")
    assert build_places((), None) == ([Path("../..")], Path("../../../output"))
    assert build_places((Path(".."),), Path("/tmp/x")) == ([Path("..")], Path("/tmp/x"))


def test_a_build_in_a_case_folder_outside_a_project_needs_an_output_folder(
    make_case: MakeCase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_case())
    result = invoke("build")
    assert result.exit_code == 2
    assert "name a folder outside it, e.g. `provenance build -o ../case-report`" in result.stderr


# --- a folder named on the command line ----------------------------------------------------


def test_a_mistyped_case_folder_is_named(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = invoke("check", "claims/walkawya")
    assert result.exit_code == 2
    assert "there is no folder claims/walkawya (did you mean claims/walkaway?)" in result.stderr
    result = invoke("trace", "rank", "walkaway")
    assert "there is no folder walkaway (did you mean claims/walkaway?)" in result.stderr


def test_a_file_named_for_a_folder_points_at_its_folder(project: Path) -> None:
    result = invoke("check", project / "claims" / "walkaway" / "case.yaml")
    assert result.exit_code == 2
    assert f"e.g. {project / 'claims' / 'walkaway'}" in result.stderr


def test_no_hint_when_nothing_is_close(project: Path) -> None:
    assert folder_hint(project / "claims" / "zzzzzz") == ""
    assert folder_hint(project / "nowhere" / "walkaway") == ""
