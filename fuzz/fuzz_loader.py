"""A coverage-guided fuzzer for the loader and the checks, with atheris (libFuzzer's
engine for Python). Not part of the test suite, and not a dependency: run it on demand.

    pip install atheris
    python fuzz/fuzz_loader.py -atheris_runs=100000
    python fuzz/fuzz_loader.py fuzz/corpus tests/cases/valid/full -max_total_time=600

Each input changes a whole case, not one file: it is cut at each byte 0xFF into up to
four parts, and each part's first byte chooses a file (case.yaml, outlets.yaml, a
source) that the rest of the part replaces. Some failures need two files to go wrong
together (an address no one can read crashed only when its outlet listed domains), so
the clean case holds an outlet with domains and a source on it. The folder is loaded and
checked as `provenance check` does, and what must hold for any input is asserted: no
exception, and every problem points inside the folder, at a line and column the file
has. A failing input is written to crash-<hash> by libFuzzer; replay it with
`python fuzz/fuzz_loader.py crash-<hash>`. A corpus folder given first keeps the inputs
that reached new code, so the next run starts from them. fuzz/fuzz_values.py fuzzes the
date and address parsers on their own.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["provenance"]):
    from provenance.checks import check_folder
    from provenance.problems import Problem

FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-loader-")) / "case"
CLEAN = {
    "case.yaml": b"title: t\nclaims:\n  - id: rank\n    statement: s\n"
    b"    verdict: {rating: r, reviewed: 2018-07-11}\n",
    "outlets.yaml": b"outlets:\n  - id: outlet\n    name: The Outlet\n"
    b"    domains: [outlet.example]\n",
    "sources/origin.yaml": b"kind: dataset\noutlet: outlet\nurl: https://outlet.example/x\n"
    b"published: {date: 2018-07-09, approximate: true}\n"
    b"statements:\n  - claim: rank\n    wording: w\n",
    "sources/echo.yaml": b"kind: article\noutlet: outlet\nurl: https://outlet.example/y\n"
    b"published: 2018-07-10\nretracted: {note: n, date: 2018-07-12}\ncitations:\n"
    b"  - {cites: origin, claim: rank, relation: quotes, wording: w}\n",
}
TARGETS = ("case.yaml", "outlets.yaml", "sources/origin.yaml", "sources/echo.yaml")
SEPARATOR = b"\xff"  # never in UTF-8 text, so a part may hold any text


def reset() -> None:
    shutil.rmtree(FOLDER, ignore_errors=True)
    for name, content in CLEAN.items():
        path = FOLDER / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def extent(raw: bytes) -> tuple[int, int]:
    """Lines (as YAML counts them, at most) and one more than the longest line's bytes."""
    lines = len(raw.decode("utf-8", "replace").splitlines()) + 1
    width = max((len(line) for line in re.split(rb"\r\n|\r|\n", raw)), default=0) + 1
    return lines, width


def check_problem(problem: Problem, files: dict[Path, bytes]) -> None:
    path = Path(problem.location.path)
    line, column = problem.location.line, problem.location.column
    if not (path == FOLDER or path.is_relative_to(FOLDER)):
        raise AssertionError(f"outside the case folder: {problem}")
    if path not in files:
        if (line, column) != (1, 1):
            raise AssertionError(f"a place in no file: {problem}")
        return
    lines, width = extent(files[path])
    if not (1 <= line <= lines and 1 <= column <= width):
        raise AssertionError(f"beyond the file ({lines} lines, {width} wide): {problem}")


def changes(data: bytes) -> dict[str, bytes]:
    """The files one input replaces: each part's first byte names the file."""
    found: dict[str, bytes] = {}
    for part in data.split(SEPARATOR)[: len(TARGETS)]:
        if part:
            found[TARGETS[part[0] % len(TARGETS)]] = part[1:]
    return found


def test_one_input(data: bytes) -> None:
    changed = changes(data)
    for name, content in changed.items():
        (FOLDER / name).write_bytes(content)
    try:
        checked = check_folder(FOLDER)
        files = {FOLDER / name: (FOLDER / name).read_bytes() for name in CLEAN}
        for problem in checked.problems:
            check_problem(problem, files)
            str(problem)  # the line a terminal gets must be makeable too
    finally:
        for name in changed:
            (FOLDER / name).write_bytes(CLEAN[name])


def main() -> None:
    reset()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
