"""The case files committed under claims/: editor-ready and free of problems.

These tests, test_schema.py and test_docs.py are the only ones that read claims/; every
other test reads the frozen copy in tests/data/walkaway/, checked here as well.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPOSITORY, SCHEMA_LINE, TESTS, WALKAWAY, named_schema, schema_kind

from provenance.checks import check_paths

CLAIMS = REPOSITORY / "claims"
SCHEMAS = REPOSITORY / "schemas"
CLAIM_FILES = sorted(path for path in CLAIMS.rglob("*") if path.suffix in (".yaml", ".yml"))
FROZEN_FILES = sorted(WALKAWAY.rglob("*.yaml"))
READERS_OF_CLAIMS = {"test_claims.py", "test_schema.py", "test_docs.py", "test_validator.py"}


def test_there_are_case_files() -> None:
    assert CLAIM_FILES, f"no case files under {CLAIMS}"


@pytest.mark.parametrize("path", CLAIM_FILES, ids=lambda path: str(path.relative_to(CLAIMS)))
def test_case_file_names_its_schema_for_editors(path: Path) -> None:
    schema = named_schema(path)
    assert schema is not None, f"{path} should start with {SCHEMA_LINE}<path to the schema>"
    assert schema.is_file(), f"the schema line of {path} leads to {schema}, which is no file"
    assert schema == (SCHEMAS / f"{schema_kind(path)}.schema.json").resolve()


def test_claims_check_clean_even_strictly() -> None:
    report = check_paths([CLAIMS])
    assert report.cases, "no case under claims/"
    assert [str(problem) for problem in report.problems] == []


@pytest.mark.parametrize("path", FROZEN_FILES, ids=lambda path: str(path.relative_to(WALKAWAY)))
def test_the_frozen_copy_names_its_schema_for_editors(path: Path) -> None:
    assert named_schema(path) == (SCHEMAS / f"{schema_kind(path)}.schema.json").resolve()


def test_the_frozen_copy_checks_clean() -> None:
    report = check_paths([WALKAWAY])
    assert (len(report.cases), report.source_count) == (1, 19)
    assert [str(problem) for problem in report.problems] == []


def test_only_the_tests_of_the_shipped_case_read_claims() -> None:
    """Any other test reads tests/data/walkaway, so a correction of the case breaks none."""
    live = re.compile(r'repository\s*/\s*"claims"', re.IGNORECASE)
    readers = {path.name for path in TESTS.glob("*.py") if live.search(path.read_text("utf-8"))}
    assert readers <= READERS_OF_CLAIMS, "read conftest.WALKAWAY instead of claims/walkaway"
