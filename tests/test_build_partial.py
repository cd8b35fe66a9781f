"""Partial builds: a case with errors does not stop the others.

The clean cases are built; a case with errors is left out, listed in the index with its
problems, and its last good version (if it has one) is kept as it was, byte for byte.
The build says so and exits 1. (tests/test_interrupt.py kills such a build at each of
its steps.)
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import CLEAN_CASE, write_files
from reports import report_files

from provenance.build import build
from provenance.cli import main
from provenance.outputs import STATE_FOLDER
from provenance.render.unbuilt import LISTED_PROBLEMS

BROKEN = {"sources/echo.yaml": "kind: nope\n"}
RENAMED = {
    "case.yaml": CLEAN_CASE["case.yaml"].replace("- id: rank", "- id: ranked"),
    "sources/origin.yaml": CLEAN_CASE["sources/origin.yaml"].replace("rank", "ranked"),
    "sources/echo.yaml": CLEAN_CASE["sources/echo.yaml"].replace("rank\n", "ranked\n"),
}


def fake_svg(dot: str, engine: str) -> bytes:
    return f"<svg engine='{engine}'>{len(dot)}</svg>".encode()


def two_cases(root: Path) -> Path:
    claims = root / "claims"
    write_files(claims / "good", CLEAN_CASE)
    write_files(claims / "other", CLEAN_CASE)
    return claims


def files_of(out: Path, case_id: str) -> dict[str, bytes]:
    return {
        path: content
        for path, content in report_files(out).items()
        if path.startswith(f"{case_id}/")
    }


def unbuilt_section(out: Path) -> str:
    page = (out / "index.html").read_text("utf-8")
    found = re.search(r'<section class="unbuilt">.*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_a_case_with_errors_does_not_stop_the_others(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    write_files(claims / "other", BROKEN)
    out = tmp_path / "out"
    result = build([claims], out, renderer=fake_svg)
    assert result.published
    assert not result.built
    assert [problem.code for problem in result.problems] == ["unknown-value"]
    assert (result.cases, result.claims, result.sources) == (2, 1, 2)
    assert files_of(out, "good")
    assert not files_of(out, "other")
    assert not (out / "other").exists()  # no link for a case never built
    section = unbuilt_section(out)
    assert "<h3>other <span" in section  # not a link: there is no page
    assert "1 error, 0 warnings; not built before" in section
    assert "claims/other/sources/echo.yaml:1:7</code>" in section
    assert "&#39;nope&#39; is not a known kind" in section


def test_the_last_good_version_of_a_broken_case_is_kept(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    out = tmp_path / "out"
    assert build([claims], out, renderer=fake_svg).built
    last_good = files_of(out, "other")
    assert unbuilt_section(out) == ""
    write_files(claims / "good", RENAMED)
    write_files(claims / "other", BROKEN)
    result = build([claims], out, renderer=fake_svg)
    assert result.published
    assert not result.built
    assert [case.case_id for case in result.unbuilt] == ["other"]
    assert files_of(out, "other") == last_good  # kept, byte for byte
    assert "good/claims/ranked.html" in files_of(out, "good")  # the clean case is new
    assert "good/claims/rank.html" not in files_of(out, "good")
    section = unbuilt_section(out)
    assert '<a href="other/index.html">other</a>' in section
    assert "its last good version is kept" in section
    # A rebuild with nothing changed keeps it still; once fixed, it is built again.
    assert files_of(out, "other") == last_good
    build([claims], out, renderer=fake_svg)
    assert files_of(out, "other") == last_good
    write_files(claims / "other", {"sources/echo.yaml": CLEAN_CASE["sources/echo.yaml"]})
    assert build([claims], out, renderer=fake_svg).built
    assert unbuilt_section(out) == ""
    assert sorted(path.name for path in (out / STATE_FOLDER / "cases").iterdir()) == [
        "good",
        "other",
    ]


def test_a_removed_case_is_still_removed_while_another_is_broken(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    write_files(claims / "third", CLEAN_CASE)
    out = tmp_path / "out"
    build([claims], out, renderer=fake_svg)
    (claims / "third" / "case.yaml").unlink()
    for path in sorted((claims / "third").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (claims / "third").rmdir()
    write_files(claims / "other", BROKEN)
    build([claims], out, renderer=fake_svg)
    assert not files_of(out, "third")
    assert files_of(out, "other")


def test_nothing_is_written_when_no_case_can_be_shown(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    write_files(claims / "good", BROKEN)
    write_files(claims / "other", BROKEN)
    result = build([claims], tmp_path / "out", renderer=fake_svg)
    assert not result.published
    assert [case.case_id for case in result.unbuilt] == ["good", "other"]
    assert not (tmp_path / "out").exists()


def test_a_problem_outside_any_case_still_stops_the_build(tmp_path: Path) -> None:
    """A folder named that holds no case: which cases there are is then unknown, and a
    build would drop the ones it cannot see."""
    claims = two_cases(tmp_path)
    (tmp_path / "empty").mkdir()
    result = build([claims, tmp_path / "empty"], tmp_path / "out", renderer=fake_svg)
    assert not result.published
    assert [problem.code for problem in result.problems] == ["no-case"]
    assert not (tmp_path / "out").exists()


def test_the_index_lists_the_first_problems_of_a_broken_case(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    many = "".join(f"  - cites: nowhere-{number}\n" for number in range(LISTED_PROBLEMS + 5))
    write_files(claims / "other", {"sources/echo.yaml": f"kind: article\ncitations:\n{many}"})
    build([claims], tmp_path / "out", renderer=fake_svg)
    section = unbuilt_section(tmp_path / "out")
    assert section.count("<li><code>") == LISTED_PROBLEMS
    assert "and 30 more: <code>provenance check" in section  # 2 missing fields each


def test_the_build_command_says_which_cases_it_left_out(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    out = tmp_path / "out"
    assert build([claims], out, renderer=fake_svg).built
    write_files(claims / "other", BROKEN)
    result = CliRunner().invoke(main, ["build", str(claims), "-o", str(out), "--quiet"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{claims / 'other' / 'sources' / 'echo.yaml'}:1:7: error: 'nope' is not a known "
        "kind; use one of: article, opinion, blog-post, social-post, dataset, dashboard, "
        "study, broadcast, press-release, official-record, other [unknown-value]\n"
        f"1 case not built, for the errors above: {claims / 'other'} (its last good version "
        f"is kept); {out / 'index.html'} lists them with their problems\n"
    )
