"""The export registry, `export_paths` and the `provenance export` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CLEAN_CASE, REPOSITORY, WALKAWAY, MakeCase

from provenance.checks import Report
from provenance.cli import main
from provenance.export import EXPORTERS, export_case, export_paths
from provenance.load import load_case, to_case
from provenance.problems import AmbiguousCase, ClaimNotFound, ExportError

FORMATS = ("prov-json", "prov-n", "prov-xml", "claimreview", "graphml", "gexf", "json", "dot")
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
REVIEWED = {
    "case.yaml": """\
        title: A reviewed case
        fact_checker: {name: Example Checks, url: "https://checks.example/"}
        claims:
          - id: rank
            statement: The bot ranked first.
            verdict: {rating: Misleading, rating_value: 2}
        """,
}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="provenance")


def test_the_formats_the_issue_names() -> None:
    assert set(EXPORTERS) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(set(FORMATS) - {"claimreview"}))
def test_every_format_exports_the_walkaway_case(name: str) -> None:
    case = to_case(load_case(WALKAWAY))
    data = export_case(case, name)
    assert data.endswith(b"\n")
    assert data == export_case(case, name)
    data.decode("utf-8")  # every format is text


def test_every_format_is_documented() -> None:
    docs = (REPOSITORY / "docs" / "exports.md").read_text(encoding="utf-8")
    for name in FORMATS:
        assert f"provenance export {name}" in docs, name


# --- export_paths --------------------------------------------------------------------


def test_a_case_with_errors_exports_nothing(make_case: MakeCase) -> None:
    found = export_paths([make_case(UNKNOWN_SOURCE)], "json")
    assert isinstance(found, Report)
    assert "unknown-source" in [problem.code for problem in found.problems]


def test_a_claim_finds_its_case_among_several(make_case: MakeCase, tmp_path: Path) -> None:
    make_case(name="claims/one")
    make_case(REVIEWED, name="claims/two")
    with pytest.raises(AmbiguousCase, match="2 cases here"):
        export_paths([tmp_path / "claims"], "json")
    with pytest.raises(ClaimNotFound, match="is in 2 cases"):
        export_paths([tmp_path / "claims"], "json", "rank")


def test_a_format_the_case_cannot_fill_raises(make_case: MakeCase) -> None:
    with pytest.raises(ExportError, match="no fact_checker"):
        export_paths([make_case()], "claimreview")


# --- the command ---------------------------------------------------------------------


def test_export_writes_to_standard_output(make_case: MakeCase) -> None:
    folder = make_case()
    result = invoke("export", "json", folder)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout_bytes == export_case(to_case(load_case(folder)), "json")
    assert json.loads(result.stdout)["graph"]["case"] == "case"


def test_export_to_a_file(make_case: MakeCase, tmp_path: Path) -> None:
    target = tmp_path / "out" / "case.prov.json"
    result = invoke("export", "prov-json", make_case(), "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote prov-json to {target} ({target.stat().st_size:,} bytes)\n"
    assert json.loads(target.read_text(encoding="utf-8"))["entity"]


def test_export_one_claim(make_case: MakeCase) -> None:
    result = invoke("export", "claimreview", make_case(REVIEWED), "--claim", "rank")
    assert result.exit_code == 0, result.output
    review = json.loads(result.stdout)
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Misleading"


def test_export_finds_the_claims_folder(
    make_case: MakeCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case(name="claims/only")
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "dot")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('digraph "only" {')


def test_problems_are_printed_as_check_prints_them(make_case: MakeCase) -> None:
    folder = make_case(UNKNOWN_SOURCE)
    result = invoke("export", "graphml", folder, "-o", folder / "out.graphml")
    assert result.exit_code == 1
    assert result.stdout == ""
    check = invoke("check", folder)
    lines = result.stderr.splitlines()
    assert lines[:-1] == check.stdout.splitlines()
    assert lines[-1].endswith("Nothing was exported.")
    assert not (folder / "out.graphml").exists()


def test_a_missing_fact_checker_is_exit_1_with_what_to_add(make_case: MakeCase) -> None:
    result = invoke("export", "claimreview", make_case())
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert "fact_checker:\n    name: Your organisation" in result.stderr
    assert "Traceback" not in result.output


def test_a_claim_without_a_verdict_is_exit_1(make_case: MakeCase) -> None:
    case_yaml = REVIEWED["case.yaml"].replace(
        "verdict: {rating: Misleading, rating_value: 2}", "notes: Not reviewed yet."
    )
    result = invoke("export", "claimreview", make_case({"case.yaml": case_yaml}), "--claim", "rank")
    assert result.exit_code == 1, result.output
    assert "claim 'rank' has no verdict yet" in result.stderr


def test_an_unknown_claim_is_a_usage_error(make_case: MakeCase) -> None:
    result = invoke("export", "prov-n", make_case(), "--claim", "rnak")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "case 'case' has no claim 'rnak' (did you mean 'rank'?)" in result.stderr


def test_an_unknown_format_is_a_usage_error(make_case: MakeCase) -> None:
    result = invoke("export", "csv", make_case())
    assert result.exit_code == 2
    assert "'csv' is not one of" in result.stderr


def test_several_cases_need_a_name(make_case: MakeCase, tmp_path: Path) -> None:
    make_case(name="claims/one")
    make_case(CLEAN_CASE, name="claims/two")
    result = invoke("export", "gexf", tmp_path / "claims")
    assert result.exit_code == 2
    assert "2 cases here" in result.stderr
    assert "provenance export gexf" in result.stderr


def test_a_folder_without_a_case(tmp_path: Path) -> None:
    result = invoke("export", "json", tmp_path)
    assert result.exit_code == 1
    assert "no case here" in result.stderr


def test_exporting_does_not_load_the_builder() -> None:
    """An export needs the analysis, not the report renderer, the output folder and its
    lock, or the file watcher."""
    code = (
        "import sys, provenance.export\n"
        "builder = {'provenance.build', 'provenance.outputs', 'provenance.render.html',\n"
        "           'watchfiles', 'jinja2'}\n"
        "print(sorted(builder & set(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
