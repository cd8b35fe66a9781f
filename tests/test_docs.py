"""The console examples in README.md and docs/ are what the tool prints: a fact-checker who
copies a command sees what the page shows. Each example runs in a copy of the project's
claims/ folder, so the commands run exactly as written."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPOSITORY, needs_graphviz

from provenance.cli import main

DOCUMENTS = [REPOSITORY / "README.md", *sorted((REPOSITORY / "docs").glob("*.md"))]
CONSOLE_BLOCK = re.compile(r"^```console\n\$ (?P<command>.+?)\n(?P<output>.*?)^```", re.M | re.S)
# Timings differ from run to run; everything else must match.
SECONDS = re.compile(r"\bin \d+(?:\.\d+)? s\b")
ELISION = "..."

# The README shows `check` finding two typos in the #WalkAway case; these are they.
TYPOS = [
    ("sources/salon-cesca.yaml", 20, "cites: huffpost-papenfuss", "cites: huffpost-papenfus"),
    ("sources/salon-cesca.yaml", 30, "relation: quotes", "relation: quote"),
]
# And a YAML slip: Salon's headline with its quotation marks left off.
SLIPS = [
    (
        "sources/salon-cesca.yaml",
        3,
        'title: "Russian bots are back: #WalkAway attack on Democrats is a likely Kremlin '
        'operation"',
        "title: Russian bots are back: #WalkAway attack on Democrats is a likely Kremlin operation",
    ),
]


def console_examples() -> list[tuple[str, str, list[str]]]:
    """(where, command, the lines shown after it) for every console example."""
    examples = []
    for document in DOCUMENTS:
        text = document.read_text("utf-8")
        for block in CONSOLE_BLOCK.finditer(text):
            line = text.count("\n", 0, block.start()) + 1
            where = f"{document.relative_to(REPOSITORY)}:{line}"
            examples.append((where, block["command"], block["output"].splitlines()))
    return examples


def shown_in_order(shown: list[str], printed: list[str]) -> str | None:
    """Why the shown lines are not the printed ones, or None when they are. A line of
    "..." in an example stands for any number of printed lines left out."""
    position, skipping = 0, False
    for expected in shown:
        if expected == ELISION:
            skipping = True
            continue
        while skipping and position < len(printed) and printed[position] != expected:
            position += 1
        if position >= len(printed):
            return f"the example shows {expected!r}, which is not printed (or not in order)"
        if printed[position] != expected:
            return f"the example shows {expected!r}, the tool prints {printed[position]!r}"
        position, skipping = position + 1, False
    if position < len(printed) and not skipping:
        return f"the tool also prints {printed[position]!r}, which the example leaves out"
    return None


def make_typos(case: Path, typos: list[tuple[str, int, str, str]]) -> None:
    for name, line_number, written, typo in typos:
        path = case / name
        lines = path.read_text("utf-8").splitlines(keepends=True)
        assert written in lines[line_number - 1], (name, line_number)  # the case moved on
        lines[line_number - 1] = lines[line_number - 1].replace(written, typo)
        path.write_text("".join(lines), "utf-8")


def test_the_documents_have_examples() -> None:
    commands = [command for _, command, _ in console_examples()]
    assert len(commands) >= 6
    assert {shlex.split(command)[1] for command in commands} >= {"check", "trace", "build"}


@needs_graphviz
@pytest.mark.parametrize(
    ("where", "command", "shown"), console_examples(), ids=[w for w, _, _ in console_examples()]
)
def test_the_example_prints_what_it_shows(
    where: str, command: str, shown: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPOSITORY / "claims", tmp_path / "claims")
    shutil.copytree(REPOSITORY / "examples", tmp_path / "examples")
    if any(" error: YAML syntax" in line for line in shown):
        make_typos(tmp_path / "claims" / "walkaway", SLIPS)
    elif any(" error: " in line for line in shown):
        make_typos(tmp_path / "claims" / "walkaway", TYPOS)
    monkeypatch.chdir(tmp_path)
    program, *arguments = shlex.split(command)
    assert program == "provenance", where
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, arguments)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    printed = SECONDS.sub("in N s", result.output).splitlines()
    mismatch = shown_in_order([SECONDS.sub("in N s", line) for line in shown], printed)
    assert mismatch is None, f"{where}: {mismatch}"


def test_the_comparison_catches_what_it_should() -> None:
    printed = ["a", "b", "c", "d"]
    assert shown_in_order(["a", "b", "c", "d"], printed) is None
    assert shown_in_order(["a", ELISION, "d"], printed) is None
    assert shown_in_order(["a", "b", ELISION], printed) is None
    assert shown_in_order(["a", "c"], printed) is not None  # a line left out unmarked
    assert shown_in_order(["a", "b", "c"], printed) is not None  # the end left out unmarked
    assert shown_in_order(["a", ELISION, "x"], printed) is not None
    assert shown_in_order(["a", "b", "c", "d", "e"], printed) is not None
