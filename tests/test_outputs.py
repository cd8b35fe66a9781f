"""The output folder: a build writes and removes only inside it, never through a link it
did not make, never among the case files, and takes over a report of the earlier layout
without touching what is not its own."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CLEAN_CASE, write_files
from reports import report_files

from provenance.build import OutputAmongCases, build
from provenance.cli import main
from provenance.outputs import STATE_FOLDER, OutputLinkRefused


def fake_svg(dot: str, engine: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg"><title>{len(dot)}</title></svg>'.encode()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` (links not followed), with its content and its time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.lstat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A case built once, into out/, with a folder outside it that nobody may touch."""
    folder = write_files(tmp_path / "case", CLEAN_CASE)
    assert build([folder], tmp_path / "out", renderer=fake_svg).built
    victim = write_files(tmp_path / "victim", {"keep.txt": "not the builder's", "x/y.svg": "mine"})
    (victim / "lock").write_text("not a lock")
    return folder, tmp_path / "out"


# --- links out of the output folder ------------------------------------------------------

PLACES = [
    ".provenance",
    ".provenance/svg",
    ".provenance/builds",
    ".provenance/cases",
    ".provenance/cases/case",
    ".provenance/cases/case/1",
    ".provenance/builds/1",
    ".provenance/current",
    ".provenance/lock",
    "index.html",
    "case",
]


@pytest.mark.parametrize("place", PLACES)
def test_a_link_the_build_did_not_make_is_refused_and_nothing_is_touched(
    built: tuple[Path, Path], place: str
) -> None:
    folder, out = built
    victim = out.parent / "victim"
    before = snapshot(victim)
    path = out / place
    if path.is_dir() and not path.is_symlink():
        os.rename(path, out.parent / "moved-away")
    else:
        path.unlink()
    os.symlink(victim / "keep.txt" if place.endswith(("lock", "index.html")) else victim, path)
    with pytest.raises(OutputLinkRefused) as refused:
        build([folder], out, renderer=fake_svg)
    message = str(refused.value)
    assert message == (
        f"{path} is a link (to {os.readlink(path)}) that provenance did not make, and a build "
        f"writes only inside its output folder: remove the link (rm {path}) and build again"
    )
    assert snapshot(victim) == before
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {message}\n"  # one line, saying what to remove
    assert snapshot(victim) == before


def test_a_case_link_inside_a_build_is_refused(built: tuple[Path, Path]) -> None:
    folder, out = built
    link = out / STATE_FOLDER / "builds" / "1" / "case"
    link.unlink()
    link.symlink_to(out.parent / "victim")
    with pytest.raises(OutputLinkRefused, match="is a link"):
        build([folder], out, renderer=fake_svg)


def test_the_output_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    """`output -> /srv/www/report` is the user's choice, not a link inside the folder."""
    folder = write_files(tmp_path / "case", CLEAN_CASE)
    (tmp_path / "site").mkdir()
    (tmp_path / "out").symlink_to(tmp_path / "site")
    assert build([folder], tmp_path / "out", renderer=fake_svg).built
    assert build([folder], tmp_path / "out", renderer=fake_svg).built
    assert "case/index.html" in report_files(tmp_path / "site")


# --- the output folder among the case files ----------------------------------------------


@pytest.mark.parametrize(
    ("output", "shown"),
    [
        ("claims", "is inside claims"),  # build claims -o claims
        ("claims/walkaway", "is inside claims"),
        ("claims/walkaway/report", "is inside claims"),
        ("claims/report", "is inside claims"),  # a folder of cases: watched, re-read
        (".", "holds the case files in claims"),
    ],
)
def test_an_output_folder_among_the_case_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, shown: str
) -> None:
    write_files(tmp_path / "claims" / "walkaway", CLEAN_CASE)
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "claims", "-o", output])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: the output folder {output} {shown}")
    assert snapshot(tmp_path) == before


def test_the_library_refuses_an_output_folder_inside_a_case_folder(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "claims" / "walkaway", CLEAN_CASE)
    for output in (folder, folder / "out", tmp_path / "claims"):
        with pytest.raises(OutputAmongCases):
            build([folder], output, renderer=fake_svg)
    # A case folder reached through a link counts as where it really is.
    (tmp_path / "linked").symlink_to(folder)
    with pytest.raises(OutputAmongCases):
        build([tmp_path / "linked"], folder / "report", renderer=fake_svg)
    assert sorted(path.name for path in folder.iterdir()) == ["case.yaml", "sources"]


# --- a report of the earlier layout ------------------------------------------------------


def old_layout_report(out: Path, case_files: dict[str, bytes]) -> None:
    """What the builder before one-step publishing left: real files, and a manifest per
    case in .provenance/cases/<case>.json."""
    for relative, content in {"index.html": b"<html>old</html>", **case_files}.items():
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_bytes(content)
    manifest = {
        "version": 1,
        "case": "case",
        "fingerprint": "old",
        "outputs": {relative: len(content) for relative, content in case_files.items()},
        "problems": [],
        "entry": {},
        "sources": 2,
        "claims": 1,
    }
    (out / STATE_FOLDER / "cases").mkdir(parents=True)
    (out / STATE_FOLDER / "cases" / "case.json").write_text(json.dumps(manifest))
    (out / STATE_FOLDER / "commit.json").write_text("{}")


def test_a_report_of_the_earlier_layout_is_taken_over(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "case", CLEAN_CASE)
    out = tmp_path / "out"
    old_layout_report(out, {"case/index.html": b"old", "case/claims/gone.svg": b"old"})
    (out / "notes-of-mine.txt").write_text("not the builder's")
    assert build([folder], out, renderer=fake_svg).built
    assert (out / "case").is_symlink()
    assert (out / "index.html").is_symlink()
    files = report_files(out)
    assert "case/claims/gone.svg" not in files
    assert "case/claims/rank.html" in files
    assert files["notes-of-mine.txt"] == b"not the builder's"
    assert not (out / STATE_FOLDER / "commit.json").exists()
    assert not (out / STATE_FOLDER / "cases" / "case.json").exists()


def test_a_folder_in_the_way_holding_files_of_a_user_is_refused(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "case", CLEAN_CASE)
    out = tmp_path / "out"
    old_layout_report(out, {"case/index.html": b"old"})
    (out / "case" / "my-notes.txt").write_text("mine")
    with pytest.raises(OutputLinkRefused, match="case is in the way of the report"):
        build([folder], out, renderer=fake_svg)
    assert (out / "case" / "my-notes.txt").read_text() == "mine"


def test_a_file_of_a_user_where_a_case_goes_is_refused(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "case", CLEAN_CASE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "case").write_text("mine")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out / 'case'} is in the way of the report, and provenance did not write it: "
        "move it out of the output folder, or build into another folder with -o\n"
    )
    assert (out / "case").read_text() == "mine"
