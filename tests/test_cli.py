"""The command line, through click's CliRunner: exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import WALKAWAY, MakeCase, environment_without_coverage

from provenance import __version__
from provenance.cli import main

COMMANDS = sorted(main.commands) if isinstance(main, click.Group) else []

UNKNOWN_SOURCE = {
    "sources/echo.yaml": """\
        kind: article
        citations:
          - cites: orign
            claim: rank
            relation: quotes
            wording: it ranked first
        """,
}
ISOLATED_SOURCE = {"sources/dataset.yaml": "kind: dataset\n"}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="provenance")


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"provenance, version {__version__}\n"


@pytest.mark.slow
def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "provenance", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"provenance, version {__version__}\n"


def test_there_are_commands() -> None:
    assert {"check", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_an_example(command: str) -> None:
    result = invoke(*command.split(), "-h")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: provenance {command}".rstrip())
    assert "Example" in result.stdout
    examples = result.stdout.split("Example", 1)[1]
    assert f"  provenance {command}".rstrip() in examples


# --- check ---------------------------------------------------------------------------


def test_check_clean_case(make_case: MakeCase) -> None:
    result = invoke("check", make_case())
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "1 case, 2 sources: no problems.\n"


def test_check_with_errors_prints_problems_and_a_summary(make_case: MakeCase) -> None:
    folder = make_case(UNKNOWN_SOURCE)
    result = invoke("check", folder)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{folder / 'sources' / 'echo.yaml'}:3:12: error: unknown source 'orign' (did you "
        "mean 'origin'?); sources are the files under sources/ [unknown-source]\n"
    )
    assert result.stderr == (
        "1 case, 2 sources: 1 error, 0 warnings; fix the errors above, then run the command "
        "again.\n"
    )


def test_check_with_warnings_only_passes(make_case: MakeCase) -> None:
    result = invoke("check", make_case(ISOLATED_SOURCE))
    assert result.exit_code == 0
    assert "[isolated-source]" in result.stdout
    assert result.stderr == (
        "1 case, 3 sources: 0 errors, 1 warning; warnings do not stop a build; --strict fails "
        "on them.\n"
    )


def test_strict_fails_on_warnings(make_case: MakeCase) -> None:
    result = invoke("check", "--strict", make_case(ISOLATED_SOURCE))
    assert result.exit_code == 1
    assert "[isolated-source]" in result.stdout


def test_strict_passes_a_clean_case(make_case: MakeCase) -> None:
    assert invoke("check", "--strict", make_case()).exit_code == 0


def test_check_several_folders(make_case: MakeCase) -> None:
    result = invoke("check", make_case(name="a"), make_case(UNKNOWN_SOURCE, name="b"))
    assert result.exit_code == 1
    assert result.stderr.startswith("2 cases, 4 sources: 1 error, 0 warnings;")


def test_json_format(make_case: MakeCase) -> None:
    folder = make_case(UNKNOWN_SOURCE)
    result = invoke("check", "--format", "json", folder)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["cases"] == [str(folder)]
    assert (report["errors"], report["warnings"]) == (1, 0)
    assert report["problems"][0] == {
        "path": str(folder / "sources" / "echo.yaml"),
        "line": 3,
        "column": 12,
        "severity": "error",
        "code": "unknown-source",
        "message": "unknown source 'orign' (did you mean 'origin'?); sources are the files "
        "under sources/",
    }
    assert [problem["code"] for problem in report["problems"]] == ["unknown-source"]


def test_json_format_of_a_clean_case(make_case: MakeCase) -> None:
    result = invoke("check", "--format", "json", make_case())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["problems"] == []


def test_json_keeps_text_as_written(make_case: MakeCase) -> None:
    folder = make_case(
        {"sources/echo.yaml": UNKNOWN_SOURCE["sources/echo.yaml"].replace("orign", "orígin")}
    )
    result = invoke("check", "--format", "json", folder)
    assert result.exit_code == 1
    assert "'orígin' is not a valid id for 'cites'" in result.stdout


def test_nonexistent_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("check", tmp_path / "missing")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"there is no folder {tmp_path / 'missing'}" in result.stderr


def test_bad_option_is_a_usage_error(make_case: MakeCase) -> None:
    result = invoke("check", "--stritc", make_case())
    assert result.exit_code == 2
    assert "No such option '--stritc'. Did you mean '--strict'?" in result.stderr


def test_bad_format_is_a_usage_error(make_case: MakeCase) -> None:
    result = invoke("check", "--format", "xml", make_case())
    assert result.exit_code == 2
    assert "'xml' is not one of 'text', 'json'" in result.stderr


def test_folder_without_a_case_is_a_problem(tmp_path: Path) -> None:
    result = invoke("check", tmp_path)
    assert result.exit_code == 1
    assert result.stdout.endswith("[no-case]\n")


def test_check_defaults_to_claims(
    make_case: MakeCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case(ISOLATED_SOURCE, name="claims/walkaway")
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 0
    assert result.stdout.startswith("claims/walkaway/sources/dataset.yaml:1:1: warning:")


def test_check_without_claims_folder_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "there is no claims/ folder here" in result.stderr
    assert "provenance check claims/walkaway" in result.stderr
    assert "Traceback" not in result.stderr


# --- schema --------------------------------------------------------------------------


def test_schema_prints_one_schema() -> None:
    result = invoke("schema", "source")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == "source.schema.json"


def test_schema_writes_every_schema(tmp_path: Path) -> None:
    result = invoke("schema", "--output-dir", tmp_path / "out")
    assert result.exit_code == 0
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "case.schema.json",
        "outlets.schema.json",
        "people.schema.json",
        "source.schema.json",
    ]
    assert result.stderr == f"wrote 4 schemas to {tmp_path / 'out'}\n"


def test_schema_needs_a_kind_or_a_folder() -> None:
    result = invoke("schema")
    assert result.exit_code == 2
    assert "name a kind of file (case, outlets or source)" in result.stderr


def test_schema_of_an_unknown_kind() -> None:
    result = invoke("schema", "sources")
    assert result.exit_code == 2
    assert "'sources' is not one of" in result.stderr


def test_the_choices_spelt_out_in_the_cli_match_the_library() -> None:
    from provenance.cli.authoring import ARTICLE_FORMATS
    from provenance.cli.reading import EXPORT_FORMATS
    from provenance.export import EXPORTERS
    from provenance.extract import ArticleFormat

    assert set(EXPORT_FORMATS) == set(EXPORTERS)
    assert set(ARTICLE_FORMATS) == {choice.value for choice in ArticleFormat}


# What `provenance check` of one case must not import (issue 16: start-up): the drawing
# and report libraries, pydantic (validator.py reads the files; pydantic only makes the
# JSON Schemas and checks the validator in the tests), and the worker pool's modules
# (one case is checked in the command's own process).
HEAVY = (
    "networkx graphviz jinja2 markupsafe prov lxml rapidfuzz rich pydantic pydantic_core "
    "annotated_types multiprocessing concurrent.futures.process provenance.graph "
    "provenance.trace provenance.render provenance.build provenance.export provenance.extract"
)


@pytest.mark.slow
def test_check_does_not_load_the_heavy_parts() -> None:
    import subprocess
    import sys

    code = (
        "import sys, provenance.cli\n"
        f"heavy = set({HEAVY.split()!r})\n"
        "print(sorted(heavy & set(sys.modules)))\n"
        "try:\n"
        "    provenance.cli.main(['check', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    print(sorted(heavy & set(sys.modules)))\n"
    )
    # Measured as a user runs it: under `make coverage`, coverage itself would load
    # multiprocessing in the child.
    loaded = subprocess.run(
        [sys.executable, "-c", code, str(WALKAWAY)],
        capture_output=True,
        text=True,
        check=True,
        env=environment_without_coverage(),
    ).stdout.split("\n")
    assert loaded[:2] == ["[]", "[]"]  # neither on import, nor on checking a case
