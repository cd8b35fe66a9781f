"""What the commands print: problems, summaries and advice, for people or for scripts.

The commands in `provenance.cli` parse options and call the library; the results come
here to be written out (check-jsonschema keeps its reporter apart from its command the
same way). Problems and summaries go to standard error unless they are the command's
output itself; nothing here decides an exit code.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import click

from provenance.problems import Problem
from provenance.text import plural, printable

if TYPE_CHECKING:
    from provenance.build import BuildResult
    from provenance.checks import LintResult, Report
    from provenance.extract.draft import Draft
    from provenance.listing import ListedCase
    from provenance.scaffold import NewFile, Todo

MAX_PROBLEMS = 100
"""Problems printed at most by default: past a few screens more lines only bury the
summary, so the rest are counted instead (and `--format json` always lists them all)."""


# --- problems ------------------------------------------------------------------------


class Counted(Protocol):
    """A check's outcome, whichever command ran it."""

    @property
    def error_count(self) -> int: ...

    @property
    def warning_count(self) -> int: ...


def lint_json(result: LintResult) -> dict[str, Any]:
    """`check --format json`: every problem, and the counts."""
    return {
        "cases": list(result.roots),
        "errors": result.error_count,
        "warnings": result.warning_count,
        "problems": [problem.to_json() for problem in result.problems],
    }


def summary(outcome: Counted, cases: int, sources: int) -> str:
    """'1 case, 19 sources: 2 errors, 0 warnings; fix the errors above, ...'"""
    scope = f"{plural(cases, 'case')}, {plural(sources, 'source')}"
    if not outcome.error_count and not outcome.warning_count:
        return f"{scope}: no problems."
    counts = f"{plural(outcome.error_count, 'error')}, {plural(outcome.warning_count, 'warning')}"
    advice = (
        "fix the errors above, then run the command again."
        if outcome.error_count
        else "warnings do not stop a build; --strict fails on them."
    )
    return f"{scope}: {counts}; {advice}"


def report_summary(report: Report) -> str:
    return summary(report, len(report.cases), report.source_count)


def print_problems(
    problems: Sequence[Problem],
    limit: int | None = MAX_PROBLEMS,
    *,
    err: bool = True,
    more: str = "`provenance check --all` prints every one",
) -> None:
    """The first `limit` problems (all with None), then a count of the rest by file, on
    standard error, with `more` to say how to see them."""
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        click.echo(str(problem), err=err)
    hidden = problems[len(shown) :]
    if hidden:
        click.echo(f"... and {_hidden(hidden)}; {more}", err=True)


def _hidden(problems: Sequence[Problem]) -> str:
    """'1,234 more problems (1,230 in a.yaml, 4 in b.yaml)': where the unprinted are."""
    files = Counter(problem.location.path for problem in problems)
    places = [f"{count:,} in {printable(path)}" for path, count in files.most_common(3)]
    rest = len(problems) - sum(count for _, count in files.most_common(3))
    if rest:
        places.append(f"{rest:,} elsewhere")
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems):,} more {noun} ({', '.join(places)})"


def print_error(message: object) -> None:
    """One plain line for a failure that is not about a case file."""
    click.echo(f"error: {message}", err=True)


# --- list ----------------------------------------------------------------------------


def listing_json(cases: Sequence[ListedCase], problems: Sequence[Problem]) -> dict[str, Any]:
    """`list --format json`: every case with its claims and sources, and the problems of
    folders that hold no case."""
    return {
        "cases": [
            {
                "id": case.id,
                "path": case.root,
                "title": case.title,
                "errors": case.error_count,
                "warnings": case.warning_count,
                "traced": case.traced,
                "claims": [
                    {
                        "id": claim.id,
                        "statement": claim.statement,
                        "verdict": claim.verdict,
                        "sources": claim.sources,
                        "warnings": dict(claim.warnings),
                    }
                    for claim in case.claims
                ],
                "sources": [
                    {
                        "id": source.id,
                        "kind": source.kind,
                        "outlet": source.outlet,
                        "title": source.title,
                        "published": source.published,
                        "path": source.path,
                    }
                    for source in case.sources
                ],
            }
            for case in cases
        ],
        "problems": [problem.to_json() for problem in problems],
    }


def print_listing(cases: Sequence[ListedCase], width: int) -> None:
    """One case: its claims and sources. Several: a line for each, and how to list one."""
    if len(cases) == 1:
        for line in case_listing(cases[0], width):
            click.echo(line)
        return
    for line in cases_listing(cases, width):
        click.echo(line)
    if cases:
        click.echo(
            f"`provenance list {cases[0].root}` lists the claims and sources of one case.",
            err=True,
        )


def case_listing(case: ListedCase, width: int) -> list[str]:
    """The lines that list one case's claims and sources, each at most `width` wide."""
    title = f": {case.title}" if case.title else ""
    counts = (
        f"{plural(len(case.claims), 'claim')}, {plural(len(case.sources), 'source')}; "
        f"{_check_state(case)}"
    )
    lines = [
        _cut(f"{case.id} ({case.root}){title}", width),
        *textwrap.wrap(printable(counts), width, break_on_hyphens=False),
        "",
    ]
    ids = [claim.id for claim in case.claims] + [source.id for source in case.sources]
    column = min(max([8, *map(len, ids)]), 40)
    lines.append(_cut(f"Claims{' ' * (column - 4)}sources  warnings from its trace", width))
    for claim in case.claims:
        warnings = ", ".join(
            code if count == 1 else f"{code} ({count})" for code, count in claim.warnings
        )
        state = warnings or ("-" if case.traced else "not traced: the case has errors")
        lines.append(_cut(f"  {claim.id:<{column}}  {claim.sources:>5}  {state}", width))
        lines.append(_cut(f"    {claim.statement}", width))
    lines += ["", _cut(f"Sources{' ' * (column - 3)}published     outlet: title", width)]
    for source in case.sources:
        about = ": ".join(part for part in (source.outlet, source.title) if part)
        published = source.published or "date unknown"
        lines.append(
            _cut(f"  {source.id:<{column}}  {published:<12}  {about or f'({source.kind})'}", width)
        )
    return lines


def cases_listing(cases: Sequence[ListedCase], width: int) -> list[str]:
    """A line for each case: its id, counts, the state of its files and its title."""
    column = min(max((len(case.id) for case in cases), default=0), 40)
    lines = []
    for case in cases:
        counts = (
            f"{plural(len(case.claims), 'claim'):>10}  {plural(len(case.sources), 'source'):>11}"
        )
        state = f"{plural(case.error_count, 'error')}" if case.error_count else "no errors"
        lines.append(_cut(f"{case.id:<{column}}  {counts}  {state:<10}  {case.title or ''}", width))
    return lines


def _check_state(case: ListedCase) -> str:
    if not case.problems:
        return "its files have no problems"
    counts = f"{plural(case.error_count, 'error')}, {plural(case.warning_count, 'warning')}"
    return f"its files have {counts} (`provenance check {case.root}` lists them)"


def _cut(text: str, width: int) -> str:
    """One line of case text for a terminal: control characters shown as escapes, and
    cut to `width` with a '…'."""
    line = printable(text).rstrip()
    return line if len(line) <= width else line[: max(width - 1, 1)] + "…"


# --- build ---------------------------------------------------------------------------


def report_build(
    result: BuildResult, output_dir: Path, day: date | None, quiet: bool, limit: int | None
) -> None:
    """A build's problems, then one line: what was built, or why nothing was written."""
    print_problems(result.problems, limit, more="--all prints every one")
    for path, shortfall in result.shortfalls:
        click.echo(
            f"{path}: {shortfall} (see 'Graphs too large to draw' in docs/report.md)", err=True
        )
    if not result.published:
        click.echo(
            f"{summary(result, result.cases, result.sources)} Nothing was written.", err=True
        )
        return
    if not quiet:
        _print_built(result, output_dir, day)
    if result.unbuilt:
        click.echo(_unbuilt_line(result, output_dir), err=True)


def _print_built(result: BuildResult, output_dir: Path, day: date | None) -> None:
    """'built 1 case, 8 claims, ...': the summary of a build that published its report."""
    as_of = f", as the record stood on {day}" if day else ""
    skipped = (
        f" ({result.unchanged_cases} unchanged since the last build)"
        if result.unchanged_cases
        else ""
    )
    built = result.cases - len(result.unbuilt)
    click.echo(
        f"built {plural(built, 'case')}{skipped}, {plural(result.claims, 'claim')}, "
        f"{plural(result.sources, 'source')}{as_of} in {result.seconds:.1f} s: "
        f"{plural(len(result.written), 'file')} written, {len(result.unchanged)} unchanged; "
        f"{plural(result.rendered, 'graph')} drawn, {result.reused} reused; "
        f"open {output_dir / 'index.html'} in a browser",
        err=True,
    )


def _unbuilt_line(result: BuildResult, output_dir: Path) -> str:
    """'not built, for the errors above: a (claims/a; its last good version is kept),
    ...': the cases a build left out, and what the report shows of them."""
    cases = [
        f"{case.folder} ({'its last good version is kept' if case.href else 'not in the report'})"
        for case in result.unbuilt
    ]
    noun = "case" if len(cases) == 1 else "cases"
    return (
        f"{len(cases)} {noun} not built, for the errors above: {'; '.join(cases)}; "
        f"{output_dir / 'index.html'} lists them with their problems"
    )


# --- authoring -----------------------------------------------------------------------


def print_todos(path: Path | None, todos: Sequence[Todo]) -> None:
    for todo in todos:
        where = f"{path or '<stdout>'}:{todo.line}:{todo.column}"
        click.echo(f"{where}: todo: {todo.field}: {todo.hint}", err=True)


def print_notes(notes: Sequence[str]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)


def todo_advice(todos: Sequence[Todo], case_dir: Path | None, path: Path | None = None) -> str:
    from provenance.scaffold import next_step

    return next_step(todos, path, case_dir)


def report_draft(draft: Draft, case_dir: Path | None) -> None:
    """What `extract` proposed, and what is left to fill in."""
    print_todos(draft.path, draft.todos)
    print_notes(draft.notes)
    matched = sum(1 for citation in draft.citations if citation.match.source)
    where = f"wrote {draft.path}" if draft.path else "drafted"
    click.echo(
        f"{where}: {plural(len(draft.citations), 'proposed citation')} ({matched} of a known "
        f"source); {todo_advice(draft.todos, case_dir, draft.path)}",
        err=True,
    )


def report_new_files(
    files: Sequence[NewFile], case_dir: Path | None, action: str = "wrote"
) -> None:
    for written in files:
        print_todos(written.path, written.todos)
        print_notes(written.notes)
    todos = [todo for written in files for todo in written.todos]
    names = ", ".join(str(written.path) for written in files if written.path is not None)
    where = f"{action} {names}" if names else "template"
    path = files[0].path if len(files) == 1 else None
    click.echo(f"{where}: {todo_advice(todos, case_dir, path)}", err=True)
