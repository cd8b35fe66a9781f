"""`build`: the report from the cases, once or on every change (`--watch`)."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from provenance.cli.options import (
    build_places,
    case_dirs_argument,
    jobs_option,
    max_problems_options,
)
from provenance.cli.reporter import (
    print_error,
    report_build,
)
from provenance.problems import ProvenanceError

if TYPE_CHECKING:
    from provenance.build import BuildResult


@click.command()
@case_dirs_argument
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the report and graphs (default: output/ in the project folder, "
    "the one that holds claims/).",
)
@jobs_option
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="Build everything as the record stood at the end of this day (YYYY-MM-DD): "
    "sources published later are left out.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--watch", is_flag=True, help="Build again whenever a case file changes.")
@max_problems_options
def build(
    case_dirs: tuple[Path, ...],
    output_dir: Path | None,
    jobs: int | None,
    as_of: datetime | None,
    quiet: bool,
    watch: bool,
    max_problems: int,
    all_problems: bool,
) -> None:
    """Check the cases, trace every claim, draw the graphs and write the report into output/.

    Writes output/index.html, a report to open in a browser (no server or network
    needed), and for each case output/<case>/index.html, a page per claim in
    output/<case>/claims/<claim>.html, the graphs as SVG (<claim>.svg, overview.svg,
    outlets.svg) and each trace as JSON. A case with errors is left out (the report
    keeps its last good version and lists its problems in index.html) and the build
    exits with 1; the other cases are built. Cases whose files did not change since the
    last build are not read again.

    \b
    Examples:
      provenance build
      provenance build claims/walkaway -o /tmp/walkaway-report
      provenance build --as-of 2018-07-09 -o /tmp/walkaway-2018-07-09
      provenance build --watch
    """
    from provenance.build import OutputAmongCases, refuse_output_among_cases, watch_and_build
    from provenance.build import build as build_cases
    from provenance.cli.progress import progress_bar

    paths, output_dir = build_places(case_dirs, output_dir)
    day = as_of.date() if as_of else None
    try:
        refuse_output_among_cases(output_dir, paths)
    except OutputAmongCases as exc:
        print_error(exc)
        sys.exit(2)

    def run_once() -> BuildResult:
        with progress_bar(enabled=not quiet and sys.stderr.isatty()) as show:
            result = build_cases(paths, output_dir, jobs=jobs, as_of=day, progress=show)
        report_build(result, output_dir, day, quiet, None if all_problems else max_problems)
        return result

    with terminated_as_interrupted():
        if not watch:
            sys.exit(0 if run_once().built else 1)
        click.echo(
            f"watching {', '.join(map(str, paths))} for changes; press Ctrl-C to stop", err=True
        )
        try:
            watch_and_build(paths, lambda: keep_watching(run_once))
        except KeyboardInterrupt:
            click.echo("stopped watching", err=True)


@contextlib.contextmanager
def terminated_as_interrupted() -> Iterator[None]:
    """SIGTERM (from `kill`, a service manager, a CI runner's timeout) stops a build as
    Ctrl-C does: its Graphviz runs and workers end with it and the report stays whole.
    (Python can only handle signals in the main thread; elsewhere nothing changes.)"""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def keep_watching(run: Callable[[], object]) -> None:
    """One build of `build --watch`: a build that fails for a reason other than the case
    files (another build holds the folder, Graphviz failed) is reported, and the watch
    goes on; the case files' own problems are reported by the build itself."""
    try:
        run()
    except ProvenanceError as error:
        print_error(f"{error} (still watching for changes)")
