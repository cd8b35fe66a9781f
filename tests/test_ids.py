"""Ids: the advice on a bad one, and the names the report keeps for its own files."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeCase

from provenance.build import build
from provenance.checks import check_paths
from provenance.ids import REPORT_FILE_NAMES, id_mistake, is_valid_id


def fake_svg(dot: str, engine: str) -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'


def test_the_names_the_report_keeps_are_what_a_build_writes_beside_the_cases(
    make_case: MakeCase, tmp_path: Path
) -> None:
    # If a build starts writing another file beside the case folders, a case of that
    # name would collide with it: check must refuse that name too.
    folder = make_case(name="a-case")
    out = tmp_path / "out"
    assert build([folder], out, renderer=fake_svg, jobs=1).built
    beside = {path.name for path in out.iterdir()} - {"a-case"}
    own_files = {name for name in beside if is_valid_id(name)}  # hidden ones cannot be ids
    assert own_files == REPORT_FILE_NAMES


def test_a_case_named_like_a_report_file_is_refused_before_any_build(
    make_case: MakeCase, tmp_path: Path
) -> None:
    for name in sorted(REPORT_FILE_NAMES):
        folder = make_case(name=name)
        report = check_paths([folder])
        assert [problem.code for problem in report.problems] == ["reserved-id"]
        assert not build([folder], tmp_path / "out", renderer=fake_svg, jobs=1).built


def test_claims_and_sources_named_like_report_files_build(
    make_case: MakeCase, tmp_path: Path
) -> None:
    # Claim pages live under <case>/claims/ and each has a suffix; sources get no file:
    # no claim or source id can collide with a file of the report.
    names = ["index", "index.html", "overview", "overview.svg", "outlets", "claims"]
    claims = "".join(f"  - id: {name}\n    statement: S.\n" for name in names)
    files: dict[str, str | None] = {"case.yaml": "title: T\nclaims:\n" + claims}
    files |= {"sources/origin.yaml": None, "sources/echo.yaml": None}
    for name in names:
        files[f"sources/{name}.yaml"] = (
            f"kind: dataset\nstatements:\n  - claim: {name}\n    wording: W.\n"
        )
    folder = make_case(files, name="case")
    report = check_paths([folder])
    assert report.error_count == 0, [str(problem) for problem in report.problems]
    out = tmp_path / "out"
    result = build([folder], out, renderer=fake_svg, jobs=1)
    assert result.built
    for name in names:
        assert (out / "case" / "claims" / f"{name}.html").is_file()


def test_id_advice_names_the_character_and_the_id_meant() -> None:
    assert id_mistake("Hamilton 68") == (
        "ids are lowercase, and it holds 'H' (did you mean 'hamilton-68'?); use lowercase "
        "letters and digits joined by single '-', '_' or '.'"
    )
