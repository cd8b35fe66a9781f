"""The commands that read case files and say what is in them and what is wrong:
`check`, `list`, `explain` and `schema`."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from provenance.cli.options import (
    case_dirs_argument,
    format_option,
    jobs_option,
    max_problems_options,
    resolve_case_dirs,
)
from provenance.cli.reporter import (
    lint_json,
    listing_json,
    print_listing,
    print_problems,
    summary,
)
from provenance.schema import SCHEMA_MODELS, json_schema_text

if TYPE_CHECKING:
    pass


@click.command()
@case_dirs_argument
@format_option
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
@jobs_option
@max_problems_options
def check(
    case_dirs: tuple[Path, ...],
    output_format: str,
    strict: bool,
    jobs: int | None,
    max_problems: int,
    all_problems: bool,
) -> None:
    """Check case files and report every problem, like a linter.

    Each problem is printed as `file:line:col: severity: message [code]`, the first 100
    of them (--max-problems, --all), then how many more there are. Exits 0 when the
    cases are clean, 1 when there are errors (or warnings, with --strict).

    \b
    Examples:
      provenance check
      provenance check claims/walkaway --strict
      provenance check claims/walkaway --format json
    """
    from provenance.checks import lint_paths

    result = lint_paths(resolve_case_dirs(case_dirs), jobs=jobs)
    if output_format == "json":
        click.echo(json.dumps(lint_json(result), indent=2, ensure_ascii=False))
    else:
        limit = None if all_problems else max_problems
        print_problems(result.problems, limit, err=False, more="--all prints every one")
        click.echo(summary(result, len(result.roots), result.sources), err=True)
    failed = result.error_count or (strict and result.warning_count)
    sys.exit(1 if failed else 0)


@click.command()
@click.argument("kind", type=click.Choice(sorted(SCHEMA_MODELS)), required=False)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every schema as <kind>.schema.json into this folder.",
)
def schema(kind: str | None, output_dir: Path | None) -> None:
    """Print the JSON Schema of a kind of case file (case, outlets or source).

    Editors use it to check case files as you type: the first line of each case file,
    `# yaml-language-server: $schema=...`, points at it.

    \b
    Examples:
      provenance schema source
      provenance schema --output-dir schemas
    """
    if output_dir is not None:
        output_dir.mkdir(parents=True, exist_ok=True)
        for name in sorted(SCHEMA_MODELS):
            (output_dir / f"{name}.schema.json").write_text(json_schema_text(name), "utf-8")
        click.echo(f"wrote {len(SCHEMA_MODELS)} schemas to {output_dir}", err=True)
        return
    if kind is None:
        raise click.UsageError(
            "name a kind of file (case, outlets or source), or give --output-dir"
        )
    click.echo(json_schema_text(kind), nl=False)


@click.command(name="list")
@case_dirs_argument
@format_option
def list_command(case_dirs: tuple[Path, ...], output_format: str) -> None:
    """List the claims and sources of a case, with their ids: what citations refer to.

    For each claim: how many sources carry it and what its trace warns of; for each
    source: when it was published, its outlet and its title. With several cases (with
    no folder named: every case under claims/), one line for each case.

    \b
    Examples:
      provenance list claims/walkaway
      provenance list
      provenance list claims/walkaway --format json
    """
    from provenance.listing import list_cases

    cases, problems = list_cases(resolve_case_dirs(case_dirs))
    if output_format == "json":
        click.echo(json.dumps(listing_json(cases, problems), indent=2, ensure_ascii=False))
    else:
        print_listing(cases, shutil.get_terminal_size().columns)
        print_problems(problems)
    sys.exit(1 if problems else 0)


@click.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Say what a problem's code means and how to fix it.

    The code is the word in brackets at the end of a problem, e.g. missing-wording.
    With no code, every code is listed with its severity.

    \b
    Examples:
      provenance explain missing-wording
      provenance explain
    """
    from provenance.codes import Code, explain_code, find_code, summary
    from provenance.problems import did_you_mean

    if code is None:
        for each in Code:
            click.echo(f"{each.value:<20} {each.severity.value:<8} {summary(each)}")
        return
    found = find_code(code.strip("[]"))
    if found is None:
        raise click.UsageError(
            f"no code '{code}'{did_you_mean(code, list(Code))}; `provenance explain` lists them all"
        )
    click.echo(explain_code(found), nl=False)
