"""The case files committed under claims/: editor-ready and free of problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPOSITORY, SCHEMA_LINE, named_schema, schema_kind

from provenance.checks import check_paths

CLAIMS = REPOSITORY / "claims"
SCHEMAS = REPOSITORY / "schemas"
CLAIM_FILES = sorted(path for path in CLAIMS.rglob("*") if path.suffix in (".yaml", ".yml"))


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
