"""Hostile and broken input: each must end in problems that point inside the offending
file, or in a build, and never in a traceback, a hang or a file read from elsewhere.

Every folder under hostile/ is a case with one kind of hostile input and an `expected.txt`
holding the problems exactly as `provenance check` prints them, paths relative to the
folder (PROVENANCE_UPDATE_EXPECTED=1 rewrites them, as for cases/invalid/). The inputs
that cannot live in git (links, named pipes, a 50 MB file, a folder named like markup)
are made at test time below, each with its expected problems.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CLEAN_CASE, TESTS, environment_without_coverage, relative_lines, write_files
from invariants import assert_problems_point_inside
from test_checks import expected_lines

from provenance.build import build
from provenance.checks import check_paths, lint_paths
from provenance.cli import main
from provenance.cli.reporter import MAX_PROBLEMS
from provenance.yamlfile import MAX_FILE_BYTES

HOSTILE = sorted(path for path in (TESTS / "hostile").iterdir() if path.is_dir())


def fake_svg(dot: str, engine: str) -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'


def assert_handled(folder: Path, expected: list[str], tmp_path: Path) -> None:
    """check, lint, build and the CLI all see the expected problems, and none raises."""
    checked = check_paths([folder])
    assert relative_lines(checked.problems, folder) == expected
    assert_problems_point_inside(checked.problems, folder)
    assert lint_paths([folder], jobs=1).problems == checked.problems
    out = tmp_path / "out"
    result = build([folder], out, renderer=fake_svg, jobs=1)
    assert result.built == (checked.error_count == 0)
    assert (out / "index.html").is_file() == result.built
    assert out.exists() == result.built  # a refused build leaves no folder behind
    cli = CliRunner().invoke(main, ["check", str(folder)])
    assert cli.exception is None or isinstance(cli.exception, SystemExit), cli.exception
    assert cli.exit_code == (1 if checked.error_count else 0)
    assert "Traceback" not in cli.output


@pytest.mark.parametrize("folder", HOSTILE, ids=lambda path: path.name)
def test_hostile_case_reports_the_expected_problems(folder: Path, tmp_path: Path) -> None:
    actual = relative_lines(check_paths([folder]).problems, folder)
    assert_handled(folder, expected_lines(folder, actual), tmp_path)


# --- inputs made at test time ----------------------------------------------------------


def clean_case(folder: Path) -> Path:
    return write_files(folder, CLEAN_CASE)


def a_huge_file(folder: Path) -> None:
    with (folder / "sources" / "huge.yaml").open("wb") as stream:
        stream.write(b"kind: article\nnotes: ")
        stream.write(b"all work and no play " * (50 * 1024 * 1024 // 21))


def links_out_and_round(folder: Path) -> None:
    outside = folder.parent / "outside.yaml"
    outside.write_text("kind: article\n")
    sources = folder / "sources"
    (folder / "case.yaml").rename(folder / "real-case.yaml")
    (folder / "case.yaml").symlink_to(Path("/etc/passwd"))
    (sources / "out.yaml").symlink_to(outside)
    (sources / "zero.yaml").symlink_to(Path("/dev/zero"))
    (sources / "loop.yaml").symlink_to("loop.yaml")
    (sources / "inside.yaml").symlink_to("origin.yaml")  # a link that stays inside is fine
    (sources / "gone.yaml").symlink_to("nowhere.yaml")
    (folder / "outlets.yaml").symlink_to("outlets.yaml")


def sources_folder_outside(folder: Path) -> None:
    outside = folder.parent / "elsewhere"
    shutil.move(folder / "sources", outside)
    (folder / "sources").symlink_to(outside)


def named_pipes(folder: Path) -> None:
    os.mkfifo(folder / "sources" / "pipe.yaml")
    os.mkfifo(folder / "outlets.yaml")


def thousands_of_problems(folder: Path) -> None:
    keys = "".join(f"notes: copy {index}\n" for index in range(5000))
    (folder / "sources" / "echo.yaml").write_text(
        (folder / "sources" / "echo.yaml").read_text() + keys
    )


def very_deep_nesting(folder: Path) -> None:
    (folder / "sources" / "deep.yaml").write_text("- " * 5000 + "x\n")


TOO_LARGE = (
    f"sources/huge.yaml:1:1: error: the file is larger than {MAX_FILE_BYTES:,} bytes, far "
    "more than a case file needs; quote the passage that carries the claim, not the whole "
    "text [file-too-large]"
)
OUTSIDE = "is a link to a place outside the case folder; copy the {0} in instead [outside-case]"
LOOP = "cannot read this file: it is a link in a loop of links; put the file here"

MADE: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "a-50-mb-file": (a_huge_file, [TOO_LARGE]),
    "links-out-and-round": (
        links_out_and_round,
        [
            "case.yaml:1:1: error: this file " + OUTSIDE.format("file"),
            f"outlets.yaml:1:1: error: {LOOP} [unreadable-file]",
            "sources/gone.yaml:1:1: error: cannot read the file: No such file or directory "
            "[unreadable-file]",
            f"sources/loop.yaml:1:1: error: {LOOP} [unreadable-file]",
            "sources/out.yaml:1:1: error: this file " + OUTSIDE.format("file"),
            "sources/zero.yaml:1:1: error: this file " + OUTSIDE.format("file"),
        ],
    ),
    "sources-folder-outside": (
        sources_folder_outside,
        ["sources:1:1: error: this folder " + OUTSIDE.format("folder")],
    ),
    "named-pipes": (
        named_pipes,
        [
            "outlets.yaml:1:1: error: cannot read the file: it is not a regular file "
            "[unreadable-file]",
            "sources/pipe.yaml:1:1: error: cannot read the file: it is not a regular file "
            "[unreadable-file]",
        ],
    ),
    "very-deep-nesting": (
        very_deep_nesting,
        [
            "sources/deep.yaml:1:67: error: values are nested more than 32 levels deep; "
            "case files are flatter than this [too-deep]"
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(MADE))
def test_made_hostile_input(name: str, tmp_path: Path) -> None:
    make, expected = MADE[name]
    folder = clean_case(tmp_path / "case")
    make(folder)
    started = time.monotonic()
    assert_handled(folder, expected, tmp_path)
    assert time.monotonic() - started < 20  # nothing is read whole, nothing blocks


def test_a_case_folder_named_like_markup_is_no_case_id(tmp_path: Path) -> None:
    folder = clean_case(tmp_path / 'Evil "case" <img src=x onerror=alert(1)>')
    lines = relative_lines(check_paths([folder]).problems, folder)
    assert lines == [
        ".:1:1: error: the folder name 'Evil \"case\" <img src=x onerror=alert(1)>' is the "
        "case's id, and not a valid one: ids are lowercase, and it holds 'E' (did you mean "
        "'evil-case-img-src-x-onerror-alert-1'?); use lowercase letters and digits joined "
        "by single '-', '_' or '.'; rename the folder [invalid-id]"
    ]
    assert not build([folder], tmp_path / "out", renderer=fake_svg).built


def test_empty_folders_are_no_case(tmp_path: Path) -> None:
    (tmp_path / "empty" / "nested" / "deeper").mkdir(parents=True)
    for folder in (tmp_path / "empty", tmp_path / "empty" / "nested"):
        report = check_paths([folder])
        assert [problem.code for problem in report.problems] == ["no-case"]
        assert_problems_point_inside(report.problems, folder)
        assert not build([folder], tmp_path / "out", renderer=fake_svg).built
    sources_only = tmp_path / "sources-only"
    (sources_only / "sources").mkdir(parents=True)
    assert [problem.code for problem in check_paths([sources_only]).problems] == [
        "missing-case-file"
    ]


def test_thousands_of_problems_are_capped_with_a_count(tmp_path: Path) -> None:
    folder = clean_case(tmp_path / "case")
    thousands_of_problems(folder)
    report = check_paths([folder])
    assert report.error_count == 4999  # every 'notes' after the first
    assert_problems_point_inside(report.problems, folder)
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == MAX_PROBLEMS
    assert (
        f"... and {report.error_count - MAX_PROBLEMS:,} more problems "
        f"({report.error_count - MAX_PROBLEMS:,} in {folder}/sources/echo.yaml); "
        "--all prints every one"
    ) in result.stderr
    assert "4999 errors" in result.stderr
    every = CliRunner().invoke(main, ["check", str(folder), "--all"])
    assert len(every.stdout.splitlines()) == report.error_count
    assert "more problems" not in every.stderr
    some = CliRunner().invoke(main, ["check", str(folder), "--max-problems", "3"])
    assert len(some.stdout.splitlines()) == 3
    scripts = CliRunner().invoke(main, ["check", str(folder), "--format", "json"])
    assert len(json.loads(scripts.stdout)["problems"]) == report.error_count
    build_run = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert build_run.exit_code == 1
    assert len(build_run.stderr.splitlines()) == MAX_PROBLEMS + 2  # the count, the summary


def test_an_output_folder_that_cannot_be_written_is_one_sentence(tmp_path: Path) -> None:
    folder = clean_case(tmp_path / "case")
    (tmp_path / "a-file").write_text("not a folder")
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(tmp_path / "a-file" / "out")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot write to {tmp_path / 'a-file'}")
    assert "Traceback" not in result.output


def test_a_refused_build_keeps_an_output_folder_it_did_not_make(tmp_path: Path) -> None:
    folder = clean_case(tmp_path / "case")
    (folder / "sources" / "echo.yaml").write_text("kind: nonsense\n")
    out = tmp_path / "out"
    out.mkdir()
    assert not build([folder], out, renderer=fake_svg).built
    assert out.is_dir()
    assert list(out.iterdir()) == []


# --- folders that cannot be read ---------------------------------------------------------


@pytest.fixture
def locked_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders named `locked*` cannot be listed, as a folder without read permission is
    for anyone but root (and the suite may run as root, whom permissions do not stop)."""
    scandir, listdir = os.scandir, os.listdir

    def refuse(path: object) -> None:
        if Path(os.path.realpath(str(path))).name.startswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))

    def locked_scandir(path: str = ".") -> object:
        refuse(path)
        return scandir(path)

    def locked_listdir(path: str = ".") -> list[str]:
        refuse(path)
        return listdir(path)

    monkeypatch.setattr(os, "scandir", locked_scandir)
    monkeypatch.setattr(os, "listdir", locked_listdir)


DENIED = "error: cannot read this folder: Permission denied; nothing in it is checked"


@pytest.mark.usefixtures("locked_folders")
def test_a_folder_of_sources_that_cannot_be_read_is_a_problem(tmp_path: Path) -> None:
    folder = clean_case(tmp_path / "case")
    (folder / "sources" / "locked-2018").mkdir()
    (folder / "sources" / "locked-2018" / "late.yaml").write_text("kind: article\n")
    assert_handled(folder, [f"sources/locked-2018:1:1: {DENIED} [unreadable-file]"], tmp_path)


@pytest.mark.usefixtures("locked_folders")
def test_a_sources_folder_that_cannot_be_listed_is_a_problem(tmp_path: Path) -> None:
    folder = clean_case(tmp_path / "case")
    shutil.move(folder / "sources", folder / "locked")
    (folder / "sources").symlink_to("locked")  # a link inside the case is followed
    problems = check_paths([folder]).problems
    assert relative_lines(problems, folder) == [f"sources:1:1: {DENIED} [unreadable-file]"]


@pytest.mark.usefixtures("locked_folders")
def test_a_folder_of_cases_that_cannot_be_listed_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "locked-claims").mkdir()
    result = CliRunner().invoke(main, ["check", str(tmp_path / "locked-claims")])
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'locked-claims'}:1:1: {DENIED} [unreadable-file]\n"


def test_a_sources_file_instead_of_a_folder_is_a_problem(tmp_path: Path) -> None:
    folder = clean_case(tmp_path / "case")
    shutil.rmtree(folder / "sources")
    (folder / "sources").write_text("kind: article\n")
    lines = relative_lines(check_paths([folder]).problems, folder)
    assert lines == [
        "sources:1:1: error: cannot read this folder: Not a directory; nothing in it is "
        "checked [unreadable-file]"
    ]


def as_someone_else() -> list[str] | None:
    """A command prefix that runs as a user whom permissions stop (root is not), or
    None when there is none to be had."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@pytest.mark.slow
def test_folders_without_permission_are_problems_not_tracebacks() -> None:
    prefix = as_someone_else()
    if prefix is None:
        pytest.skip("no way to run as a user whom permissions stop")
    root = Path(tempfile.mkdtemp(prefix="provenance-permissions-"))
    try:
        claims = root / "claims"
        readable = clean_case(claims / "readable")
        (readable / "sources" / "locked").mkdir()
        (readable / "sources" / "locked" / "late.yaml").write_text("kind: article\n")
        locked_case = clean_case(claims / "locked-case")
        for path in [root, *root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (readable / "sources" / "locked").chmod(0)
        locked_case.chmod(0)
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "provenance", "check", "-j", "1", "claims"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            # The other user cannot write coverage's data under `make coverage`.
            env=environment_without_coverage(),
        )
    finally:
        for path in (
            root / "claims" / "readable" / "sources" / "locked",
            root / "claims" / "locked-case",
        ):
            path.chmod(0o755)
        shutil.rmtree(root)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"claims/locked-case:1:1: {DENIED} [unreadable-file]",
        f"claims/readable/sources/locked:1:1: {DENIED} [unreadable-file]",
    ]


def test_two_cases_of_one_name_are_refused_before_their_reports_collide(tmp_path: Path) -> None:
    first, second = clean_case(tmp_path / "one" / "case"), clean_case(tmp_path / "two" / "case")
    report = check_paths([first, second])
    assert [str(problem) for problem in report.problems] == [
        f"{second}:1:1: error: a case named 'case' is already at {first}; case folder names "
        "must differ [duplicate-case]"
    ]
    assert not build([first, second], tmp_path / "out", renderer=fake_svg, jobs=1).built
