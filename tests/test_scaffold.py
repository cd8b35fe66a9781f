"""`provenance new case` and `new source`: templates that explain every key and pass
`provenance check` once their placeholders are filled in; and the YAML writer."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from articles import fill_todos
from click.testing import CliRunner, Result
from conftest import MakeCase

from provenance.build import build
from provenance.checks import check_paths
from provenance.cli import main
from provenance.model import (
    Amendment,
    CaseFile,
    Citation,
    Claim,
    FactChecker,
    Outlet,
    Person,
    Source,
    Statement,
    Verdict,
)
from provenance.problems import InvalidName, OutputExists, Severity
from provenance.scaffold import (
    Todo,
    YamlWriter,
    case_template,
    comment_text,
    new_case,
    new_source,
    next_step,
    outlets_template,
    people_template,
    schema_modeline,
    slugify,
    source_template,
)

FILLED = {
    "title": "A case",
    "id": "example-claim",
    "statement": "Something happened.",
    "kind": "article",
    "cites": "origin",
    "claim": "rank",
    "relation": "quotes",
    "wording": "it ranked first",
}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="provenance")


def errors(folder: Path) -> list[str]:
    return [str(p) for p in check_paths([folder]).problems if p.severity is Severity.ERROR]


def keys_in(text: str) -> set[str]:
    """Every `key:` written in the text, in a comment or not."""
    return set(re.findall(r"([a-z_]+):", text))


# --- new case ------------------------------------------------------------------------------


def test_new_case_fails_check_until_filled_in(tmp_path: Path) -> None:
    files = new_case(tmp_path / "claims", "my-case")
    folder = tmp_path / "claims" / "my-case"
    assert [f.path for f in files] == [
        folder / "case.yaml",
        folder / "outlets.yaml",
        folder / "people.yaml",
    ]
    assert (folder / "sources").is_dir()
    found = sorted(
        (p.location.line, p.location.column, p.code)
        for p in check_paths([folder]).problems
        if p.severity is Severity.ERROR
    )
    todos = files[0].todos
    assert found == sorted(
        (t.line, t.column, code)
        for t, code in zip(todos, ["empty-value", "invalid-id", "empty-value"], strict=True)
    )
    case_file = folder / "case.yaml"
    case_file.write_text(fill_todos(files[0].text, todos, FILLED), encoding="utf-8")
    assert errors(folder) == []


def test_new_case_refuses_an_invalid_name_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(InvalidName, match="try 'my-case-2018'"):
        new_case(tmp_path, "My Case (2018)")
    assert list(tmp_path.iterdir()) == []


def test_new_case_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "my-case").mkdir()
    with pytest.raises(OutputExists, match="already exists"):
        new_case(tmp_path, "my-case")


def test_case_templates_explain_every_key() -> None:
    case_text = case_template("x", None).text()
    for model in (CaseFile, Claim, Verdict, FactChecker):
        assert _fields(model) <= keys_in(case_text), model
    assert _fields(Outlet) <= keys_in(outlets_template(None).text())
    assert _fields(Person) <= keys_in(people_template(None).text())


def test_outlets_template_is_valid_as_it_is(tmp_path: Path) -> None:
    assert yaml.safe_load(outlets_template(None).text()) == {"outlets": []}


# --- new source ------------------------------------------------------------------------------


def fake_svg(dot: str, engine: str) -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'


def test_new_source_in_a_case_is_a_draft_that_stops_nothing(
    tmp_path: Path, make_case: MakeCase
) -> None:
    folder = make_case()
    new = new_source(folder, "reply", None)
    assert new.path == folder / "drafts" / "reply.yaml"
    assert new.text.startswith("# yaml-language-server: $schema=../../../schemas/")
    assert errors(folder) == []
    assert build([folder], tmp_path / "out", renderer=fake_svg, jobs=1).built
    assert new.notes == (
        f"{new.path} is a draft: check and build do not read drafts/, so it stops nothing "
        f"while you finish it; then move it into {folder / 'sources'}/",
    )


def test_new_source_fails_check_in_sources_until_filled_in(make_case: MakeCase) -> None:
    folder = make_case()
    new = new_source(folder, "reply", None)
    assert new.path is not None
    moved = new.path.rename(folder / "sources" / "reply.yaml")
    codes = {p.code for p in check_paths([folder]).problems if p.severity is Severity.ERROR}
    assert codes == {"unknown-value", "invalid-id", "empty-value"}
    moved.write_text(fill_todos(new.text, new.todos, FILLED), encoding="utf-8")
    assert errors(folder) == []


def test_next_step() -> None:
    case = Path("claims/x")
    todos = [Todo(1, 1, "kind", "")] * 2
    assert next_step(todos, case / "drafts" / "a.yaml", case) == (
        "fill in the 2 values marked TODO, move it into claims/x/sources/, then run "
        "`provenance check claims/x`."
    )
    assert next_step([], case / "sources" / "a.yaml", case) == (
        "check it, then run `provenance check claims/x`."
    )
    assert next_step(todos[:1], None, None) == (
        "fill in the 1 value marked TODO, then run `provenance check`."
    )


def test_new_source_lists_the_case_ids(make_case: MakeCase) -> None:
    text = new_source(make_case(), None, None).text
    assert "(here: echo, origin)" in text
    assert "(here: rank)" in text


def test_source_template_explains_every_key() -> None:
    text = source_template(None, None).text()
    for model in (Source, Citation, Statement, Amendment):
        assert _fields(model) - {"id"} <= keys_in(text), model


def test_new_source_never_overwrites(make_case: MakeCase) -> None:
    folder = make_case()
    new_source(folder, "reply", None)
    with pytest.raises(OutputExists):
        new_source(folder, "reply", None)
    with pytest.raises(OutputExists):
        new_source(folder, None, folder / "sources" / "origin.yaml")
    assert "kind: article" in (folder / "sources" / "origin.yaml").read_text(encoding="utf-8")


def test_a_new_source_named_like_a_recorded_one_is_told_to_take_another_name(
    make_case: MakeCase,
) -> None:
    folder = make_case()
    new = new_source(folder, "origin", None)
    assert new.notes[1] == (
        f"{folder / 'sources' / 'origin.yaml'} already exists: give the draft another name "
        "when you move it (the name is the source's id)"
    )


def _fields(model: type) -> set[str]:
    return {f.name for f in dataclasses.fields(model) if f.init}


# --- the writer ------------------------------------------------------------------------------


def test_writer_marks_todos_and_quotes_values() -> None:
    writer = YamlWriter()
    writer.field("title", "a: b # c", note="from the page\nnext line")
    writer.key("citations")
    writer.field("cites", "TODO", indent=2, item=True, todo=("citation 1: cites", "which source"))
    assert writer.text() == (
        "title: 'a: b # c'  # from the page next line\n"
        "citations:\n"
        "  - cites: TODO  # TODO: which source\n"
    )
    assert [(t.line, t.column) for t in writer.todos] == [(3, 12)]


def test_comment_text_is_one_printable_line() -> None:
    assert comment_text("a\nb\u2028c\x85d\x07e\ufefff") == "a b c d e f"


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Russian Ops!", "russian-ops"), ("Müller & Söhne", "muller-sohne"), ("¿¡", "")],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_schema_modeline(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "case.schema.json").write_text("{}", encoding="utf-8")
    assert schema_modeline("case", tmp_path / "claims" / "x") == (
        "# yaml-language-server: $schema=../../schemas/case.schema.json"
    )
    assert schema_modeline("source", None) == (
        "# yaml-language-server: $schema=../../../schemas/source.schema.json"
    )


# --- the commands ----------------------------------------------------------------------------


def test_new_case_command(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    result = invoke("new", "case", "my-case", "--claims-dir", claims)
    assert result.exit_code == 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert (
        lines[0]
        == f"{claims / 'my-case' / 'case.yaml'}:11:8: todo: title: the investigation's title"
    )
    assert lines[-1].startswith(f"created {claims / 'my-case'}/ with sources/ and ")
    assert lines[-1].endswith(
        f"fill in the 3 values marked TODO, then run `provenance check {claims / 'my-case'}`."
    )
    again = invoke("new", "case", "my-case", "--claims-dir", claims)
    assert again.exit_code == 1
    assert again.stderr.startswith("error: ")


def test_new_case_command_with_an_invalid_name(tmp_path: Path) -> None:
    result = invoke("new", "case", "My Case", "--claims-dir", tmp_path)
    assert result.exit_code == 2
    assert "try 'my-case'" in result.stderr


def test_new_source_command(make_case: MakeCase) -> None:
    folder = make_case()
    result = invoke("new", "source", "reply", "--case", folder)
    assert result.exit_code == 0
    written = folder / "drafts" / "reply.yaml"
    assert written.is_file()
    assert "todo: kind: one of the kinds above" in result.stderr
    assert f"note: {written} is a draft: check and build do not read drafts/" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"wrote {written}: fill in the 7 values marked TODO, move it into "
        f"{folder / 'sources'}/, then run `provenance check {folder}`."
    )
    to_stdout = invoke("new", "source")
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout.startswith("# yaml-language-server:")
    assert invoke("new", "source", "--case", folder).exit_code == 2
    assert invoke("new", "source", "Bad Id", "--case", folder).exit_code == 2
    assert invoke("new", "source", "reply", "--case", folder).exit_code == 1


@pytest.mark.parametrize("command", ["case", "source"])
def test_new_help_has_examples(command: str) -> None:
    result = invoke("new", command, "-h")
    assert result.exit_code == 0
    assert f"provenance new {command}" in result.stdout
    assert "Example" in result.stdout


def test_new_case_run_inside_claims_or_a_case_goes_beside_the_other_cases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The usual slip: `cd claims` (or into a case), then `provenance new case NAME`. The
    # new case goes into the folder of cases, never into claims/claims/.
    claims = tmp_path / "claims"
    new_case(claims, "first")
    monkeypatch.chdir(claims)
    assert invoke("new", "case", "second").exit_code == 0
    monkeypatch.chdir(claims / "first")
    assert invoke("new", "case", "third").exit_code == 0
    assert sorted(path.name for path in claims.iterdir()) == ["first", "second", "third"]
    monkeypatch.chdir(tmp_path)
    assert invoke("new", "case", "fourth").exit_code == 0
    assert (claims / "fourth" / "case.yaml").is_file()
