"""The registry of codes: the only source of codes, documented, and explained on demand."""

from __future__ import annotations

import ast
import difflib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CASES, REPOSITORY, TESTS

from provenance.checks import check_paths
from provenance.cli import main
from provenance.codes import Code, Severity, Stage, explain_code, markdown_page

DOCS_PAGE = REPOSITORY / "docs" / "codes.md"
PACKAGE = REPOSITORY / "provenance"
UPDATE = os.environ.get("PROVENANCE_UPDATE_EXPECTED") == "1"


def test_the_docs_page_is_generated_from_the_registry() -> None:
    if UPDATE:
        DOCS_PAGE.write_text(markdown_page(), encoding="utf-8")
    actual, expected = markdown_page(), DOCS_PAGE.read_text(encoding="utf-8")
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), lineterm=""))
    assert actual == expected, f"{diff}\n(PROVENANCE_UPDATE_EXPECTED=1 rewrites docs/codes.md)"


def test_every_code_has_a_meaning_a_fix_and_a_place_in_the_docs() -> None:
    page = DOCS_PAGE.read_text(encoding="utf-8")
    for code in Code:
        assert code.meaning.endswith("."), code
        assert code.fix.endswith("."), code
        assert f"| `{code.value}` | {code.severity.value} |" in page
    assert {code.stage for code in Code} == set(Stage)
    assert {code.severity for code in Code if code.stage is Stage.TRACE} == {Severity.WARNING}


def emitted_codes() -> set[str]:
    """Every code the data-driven cases and the hostile corpus produce."""
    folders = [*(CASES / "invalid").iterdir(), *(TESTS / "hostile").iterdir()]
    return {
        problem.code
        for folder in folders
        if folder.is_dir()
        for problem in check_paths([folder]).problems
    }


def test_every_code_emitted_is_registered_and_every_check_code_is_emitted() -> None:
    emitted = emitted_codes()
    registered = {code.value for code in Code}
    assert emitted <= registered
    # Each code of the checks appears in a case of its own; those that need a folder
    # that git cannot hold (a link, a second case of one name...) are made in tests.
    made_at_test_time = {
        "no-case",
        "duplicate-case",
        "outside-case",
        "unreadable-file",
        "file-too-large",
    }
    checks = {code.value for code in Code if code.stage is not Stage.TRACE}
    assert checks - emitted == made_at_test_time


def code_literals(path: Path) -> list[tuple[int, str]]:
    """String constants in a module that spell a code, less those that name something
    else: keys of dict displays (the JSON key "temporal" names a field), an exported
    edge's `relation=` and the values of other vocabularies' members (a hop's kind
    `ESCALATION = "escalation"`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keys = {id(key) for node in ast.walk(tree) if isinstance(node, ast.Dict) for key in node.keys}
    # An exported edge's relation names the kind of link, spelt as the finding for copies.
    keys |= {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "relation"
    }
    members = {
        id(statement.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for statement in node.body
        if isinstance(statement, ast.Assign)
    }
    values = {code.value for code in Code}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and node.value in values
        and id(node) not in keys | members
    ]


def test_no_module_writes_a_code_as_text() -> None:
    found = {
        str(path.relative_to(REPOSITORY)): literals
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "codes.py" and (literals := code_literals(path))
    }
    assert found == {}, "name the code from provenance.codes instead"


def test_explain_prints_the_entry() -> None:
    result = CliRunner().invoke(main, ["explain", "missing-wording"])
    assert result.exit_code == 0
    assert result.stdout == explain_code(Code.MISSING_WORDING)
    assert result.stdout.startswith(
        "missing-wording (warning; found when checking the case as a whole)"
    )
    assert "Fix: Quote how the citing source words it" in result.stdout
    bracketed = CliRunner().invoke(main, ["explain", "[unknown-source]"])
    assert bracketed.stdout == explain_code(Code.UNKNOWN_SOURCE)


def test_explain_without_a_code_lists_them_all() -> None:
    result = CliRunner().invoke(main, ["explain"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [code.value for code in Code]
    assert lines[0].split()[1] == "error"


@pytest.mark.parametrize(("typed", "hint"), [("missing-wordin", "missing-wording"), ("x", None)])
def test_explain_an_unknown_code_is_a_usage_error(typed: str, hint: str | None) -> None:
    result = CliRunner().invoke(main, ["explain", typed])
    assert result.exit_code == 2
    assert f"no code '{typed}'" in result.stderr
    assert (f"did you mean '{hint}'?" in result.stderr) == (hint is not None)
