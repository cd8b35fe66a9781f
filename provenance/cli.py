"""The `provenance` command line: a thin layer over the library.

Each command turns its options into arguments, calls one library function, and turns the
result into output and an exit code: 0 when all is well, 1 when the case files have
problems, 2 when the command itself was used wrongly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from provenance import __version__
from provenance.build import build as build_cases
from provenance.build import trace_claim_in
from provenance.checks import Report, check_paths
from provenance.problems import ClaimNotFound, ProvenanceError
from provenance.render.terminal import trace_to_text
from provenance.render.trace_json import trace_to_json
from provenance.schema import SCHEMA_MODELS, json_schema_text

DEFAULT_CLAIMS = Path("claims")

F = TypeVar("F", bound=Callable[..., Any])


def case_dirs_argument(function: F) -> F:
    """CASE_DIR ...: case folders, or folders of cases; `claims/` when none is given."""
    return click.argument(
        "case_dirs",
        metavar="[CASE_DIR]...",
        nargs=-1,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
    )(function)


def format_option(function: F) -> F:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text for people, json for scripts.",
    )(function)


def resolve_case_dirs(case_dirs: Sequence[Path]) -> list[Path]:
    if case_dirs:
        return list(case_dirs)
    if not DEFAULT_CLAIMS.is_dir():
        raise click.UsageError(
            "there is no claims/ folder here: run this in your project folder, or name a "
            "case folder, e.g. `provenance check claims/walkaway`"
        )
    return [DEFAULT_CLAIMS]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="provenance")
def main() -> None:
    """Trace how a claim moved between outlets.

    Record each article and the sources it cites as YAML files under claims/, then check
    them, trace a claim back to where it started, and render the citation graph.

    \b
    Example:
      provenance check                  # check every case under claims/
    """


@main.command()
@case_dirs_argument
@format_option
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on errors.")
def check(case_dirs: tuple[Path, ...], output_format: str, strict: bool) -> None:
    """Check case files and report every problem, like a linter.

    Each problem is printed as `file:line:col: severity: message [code]`. Exits 0 when
    the cases are clean, 1 when there are errors (or warnings, with --strict).

    \b
    Examples:
      provenance check
      provenance check claims/walkaway --strict
      provenance check claims/walkaway --format json
    """
    report = check_paths(resolve_case_dirs(case_dirs))
    if output_format == "json":
        click.echo(json.dumps(_report_json(report), indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(str(problem))
        click.echo(_summary(report), err=True)
    failed = report.error_count or (strict and report.warning_count)
    sys.exit(1 if failed else 0)


def _report_json(report: Report) -> dict[str, Any]:
    return {
        "cases": [case.loaded.root for case in report.cases],
        "errors": report.error_count,
        "warnings": report.warning_count,
        "problems": [problem.to_json() for problem in report.problems],
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(report: Report) -> str:
    scope = f"{_plural(len(report.cases), 'case')}, {_plural(report.source_count, 'source')}"
    if not report.problems:
        return f"{scope}: no problems."
    counts = f"{_plural(report.error_count, 'error')}, {_plural(report.warning_count, 'warning')}"
    advice = (
        "fix the errors above, then run the command again."
        if report.error_count
        else "warnings do not stop a build; --strict fails on them."
    )
    return f"{scope}: {counts}; {advice}"


@main.command()
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


def _print_problems(report: Report) -> None:
    for problem in report.problems:
        click.echo(str(problem), err=True)


@main.command()
@case_dirs_argument
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Where to write the graphs.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Graphs drawn at once (default: one per core).",
)
def build(case_dirs: tuple[Path, ...], output_dir: Path, jobs: int | None) -> None:
    """Check the cases, trace every claim and draw the graphs into output/.

    Writes, for each case, output/<case>/claims/<claim>.svg (how the claim spread),
    output/<case>/overview.svg (all sources and claims) and output/<case>/outlets.svg
    (who cites whom). Nothing is written if any case has errors.

    \b
    Examples:
      provenance build
      provenance build claims/walkaway -o /tmp/walkaway-report
    """
    result = build_cases(resolve_case_dirs(case_dirs), output_dir, jobs=jobs)
    _print_problems(result.report)
    if not result.built:
        click.echo(f"{_summary(result.report)} Nothing was written.", err=True)
        sys.exit(1)
    click.echo(
        f"built {_plural(len(result.report.cases), 'case')}, {_plural(result.claims, 'claim')}, "
        f"{_plural(result.report.source_count, 'source')} into {output_dir}/ "
        f"({len(result.written)} written, {len(result.unchanged)} unchanged)",
        err=True,
    )


@main.command()
@click.argument("claim_id")
@click.argument(
    "case_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@format_option
def trace(claim_id: str, case_dir: Path | None, output_format: str) -> None:
    """Show how one claim moved between sources: origins, hops, drift and warnings.

    CASE_DIR may be left out when the claim id is unique under claims/.

    \b
    Examples:
      provenance trace hamilton68-rank
      provenance trace bots-drive-walkaway claims/walkaway --format json
    """
    try:
        found = trace_claim_in(resolve_case_dirs([case_dir] if case_dir else []), claim_id)
    except ClaimNotFound as exc:
        raise click.UsageError(str(exc)) from exc
    if isinstance(found, Report):
        _print_problems(found)
        click.echo(_summary(found), err=True)
        sys.exit(1)
    if output_format == "json":
        click.echo(json.dumps(trace_to_json(found), indent=2, ensure_ascii=False))
    else:
        click.echo(trace_to_text(found), nl=False)


def run() -> None:
    """Entry point that turns the package's own errors into one plain sentence."""
    try:
        main(standalone_mode=True)
    except ProvenanceError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
