"""Shared helpers: small case folders written into tmp_path, and problems as text."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pytest

from provenance.problems import Problem

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
REPOSITORY = TESTS.parent
# A frozen copy of the #WalkAway case as it stood when the tests were written: tests read
# it, never the live claims/walkaway, so that correcting the record never breaks a test
# about something else (tests/data/README.md says how it was made and when to refresh it).
WALKAWAY = TESTS / "data" / "walkaway"

# --- Graphviz ------------------------------------------------------------------------------

# Graphviz's layout programs. PROVENANCE_WITHOUT_GRAPHVIZ=1 hides them from this run and
# every process it starts, to find a test that needs Graphviz but is not marked so.
GRAPHVIZ_PROGRAMS = frozenset(
    {"dot", "neato", "twopi", "circo", "fdp", "sfdp", "patchwork", "osage"}
)
REQUIRE_GRAPHVIZ = os.environ.get("PROVENANCE_REQUIRE_GRAPHVIZ") == "1"


def path_without_graphviz(path: str) -> str:
    """`path` with each folder that holds a Graphviz program replaced by a temporary folder
    of links to everything else in it."""
    folders = []
    for folder in path.split(os.pathsep):
        if not any((Path(folder) / name).exists() for name in GRAPHVIZ_PROGRAMS):
            folders.append(folder)
            continue
        shadow = Path(tempfile.mkdtemp(prefix="without-graphviz-"))
        atexit.register(shutil.rmtree, shadow, ignore_errors=True)
        for program in Path(folder).iterdir():
            if program.name not in GRAPHVIZ_PROGRAMS:
                (shadow / program.name).symlink_to(program)
        folders.append(str(shadow))
    return os.pathsep.join(folders)


if os.environ.get("PROVENANCE_WITHOUT_GRAPHVIZ") == "1":
    os.environ["PATH"] = path_without_graphviz(os.environ.get("PATH", os.defpath))

# Tests that run the real Graphviz carry this mark. Where Graphviz is missing they skip,
# unless PROVENANCE_REQUIRE_GRAPHVIZ=1 (CI sets it, as `make test` installs Graphviz),
# when they fail: a CI run that skipped every drawing would prove nothing.
needs_graphviz = pytest.mark.graphviz


def environment_without_coverage() -> dict[str, str]:
    """This process's environment, minus what makes `make coverage` measure the Python
    processes a test starts: for a process that must be seen as a user runs it (coverage
    imports multiprocessing, say), or that runs as a user who cannot write the data."""
    return {name: value for name, value in os.environ.items() if not name.startswith("COVERAGE")}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if shutil.which("dot") is not None or REQUIRE_GRAPHVIZ:
        return
    for item in items:
        if item.get_closest_marker("graphviz") is not None:
            item.add_marker(pytest.mark.skip(reason="Graphviz is missing: `make test` installs it"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    missing = shutil.which("dot") is None
    if missing and REQUIRE_GRAPHVIZ and item.get_closest_marker("graphviz") is not None:
        pytest.fail("PROVENANCE_REQUIRE_GRAPHVIZ=1, but Graphviz's dot is not on the PATH")


# --- case folders --------------------------------------------------------------------------

# A clean case: one claim, a source that states it and a source that cites that one.
# Tests overlay the files they need on top of it.
CLEAN_CASE: Mapping[str, str] = {
    "case.yaml": """\
        title: A small case
        claims:
          - id: rank
            statement: The bot ranked first.
        """,
    "sources/origin.yaml": """\
        kind: article
        title: The original report
        published: 2018-07-09
        statements:
          - claim: rank
            wording: It ranked first.
        """,
    "sources/echo.yaml": """\
        kind: article
        title: A follow-up
        published: 2018-07-10
        citations:
          - cites: origin
            claim: rank
            relation: quotes
            wording: it ranked first
        """,
}

FileContents = Mapping[str, str | bytes | None]
MakeCase = Callable[..., Path]


def write_files(folder: Path, files: FileContents) -> Path:
    """Write each file (text is dedented; None deletes the file) and return the folder."""
    for name, content in files.items():
        path = folder / name
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


@pytest.fixture
def make_case(tmp_path: Path) -> MakeCase:
    """make_case({"sources/echo.yaml": "..."}) -> a folder with the clean case plus those
    files; `clean=False` starts from an empty folder instead."""

    def make(files: FileContents | None = None, *, name: str = "case", clean: bool = True) -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        return write_files(folder, {**(CLEAN_CASE if clean else {}), **(files or {})})

    return make


def relative_line(problem: Problem, folder: Path) -> str:
    """A problem as `provenance check` prints it, with paths relative to `folder`."""
    root = str(folder)
    text = str(problem)
    if text.startswith(root + ":"):  # a problem about the folder itself
        text = "." + text[len(root) :]
    return text.replace(root + os.sep, "")


def relative_lines(problems: Iterable[Problem], folder: Path) -> list[str]:
    return [relative_line(problem, folder) for problem in problems]


def codes(problems: Iterable[Problem]) -> list[str]:
    return [problem.code for problem in problems]


SCHEMA_LINE = "# yaml-language-server: $schema="


def named_schema(path: Path) -> Path | None:
    """The schema file a case file's first line points editors at, or None."""
    first_line = path.read_text(encoding="utf-8").partition("\n")[0]
    if not first_line.startswith(SCHEMA_LINE):
        return None
    return (path.parent / first_line.removeprefix(SCHEMA_LINE).strip()).resolve()


def schema_kind(path: Path) -> str:
    """Which schema a case file follows: case, outlets, people or source."""
    if path.stem in ("case", "outlets", "people") and path.suffix in (".yaml", ".yml"):
        return path.stem
    return "source"
