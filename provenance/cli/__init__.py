"""The `provenance` command line: a thin layer over the library.

Each command turns its options into arguments, calls one library function, and turns the
result into output and an exit code: 0 when all is well, 1 when the case files have
problems, 2 when the command itself was used wrongly.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from provenance import __version__
from provenance.cli.options import (
    CASE_FOLDER,
    build_places,
    case_dirs_argument,
    format_option,
    jobs_option,
    max_problems_options,
    project_cases,
    project_claims,
    resolve_case_dirs,
    run_instead,
)
from provenance.cli.reporter import (
    lint_json,
    listing_json,
    print_error,
    print_listing,
    print_problems,
    report_build,
    report_draft,
    report_new_files,
    report_summary,
    summary,
)
from provenance.problems import AmbiguousCase, ClaimNotFound, InvalidName, ProvenanceError
from provenance.schema import SCHEMA_MODELS, json_schema_text

if TYPE_CHECKING:
    from provenance.build import BuildResult

# The commands import what they use when they run, so that `provenance check` does not
# pay for loading Graphviz, Jinja2, the exporters and the article readers. The choices
# below are spelt out for the same reason; tests/test_cli.py keeps them in step with
# provenance.export.EXPORTERS and provenance.extract.ArticleFormat.
EXPORT_FORMATS = (
    "prov-json",
    "prov-n",
    "prov-xml",
    "claimreview",
    "graphml",
    "gexf",
    "json",
    "dot",
)
ARTICLE_FORMATS = ("text", "markdown", "html")


class ProvenanceGroup(click.Group):
    """Turns the package's own errors (Graphviz missing, another build running...) into
    one plain sentence and exit code 1, however the command is invoked."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ProvenanceError as exc:
            print_error(exc)
            ctx.exit(1)


@click.group(cls=ProvenanceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="provenance")
def main() -> None:
    """Trace how a claim moved between outlets.

    Record each article and the sources it cites as YAML files under claims/, then check
    them, trace a claim back to where it started, and render the citation graph.

    \b
    Examples:
      provenance check                         # check every case under claims/
      provenance trace hamilton68-rank         # where did this claim start?
      provenance build                         # the report, in output/index.html
      provenance new case my-case              # start a case of your own
    """


@main.command()
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


@main.command(name="list")
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


@main.command()
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


@main.command()
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


@main.command()
@click.argument("claim_id")
@click.argument("case_dir", required=False, type=CASE_FOLDER)
@format_option
def trace(claim_id: str, case_dir: Path | None, output_format: str) -> None:
    """Show how one claim moved between sources: origins, hops, drift and warnings.

    CASE_DIR may be left out when the claim id is unique under claims/.

    \b
    Examples:
      provenance trace hamilton68-rank
      provenance trace bots-drive-walkaway claims/walkaway --format json
    """
    from provenance.checks import Report
    from provenance.lookup import trace_claim_in
    from provenance.render.terminal import trace_to_text
    from provenance.render.trace_json import trace_to_json

    paths = resolve_case_dirs([case_dir] if case_dir else [])
    try:
        found = trace_claim_in(paths, claim_id, elsewhere=project_cases())
    except ClaimNotFound as exc:
        raise click.UsageError(
            run_instead(exc, lambda folder: f"provenance trace {claim_id} {folder}")
        ) from exc
    if isinstance(found, Report):
        print_problems(found.problems)
        click.echo(report_summary(found), err=True)
        sys.exit(1)
    if output_format == "json":
        click.echo(json.dumps(trace_to_json(found), indent=2, ensure_ascii=False))
    else:
        click.echo(trace_to_text(found, shutil.get_terminal_size().columns), nl=False)


@main.command(name="export")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("case_dir", required=False, type=CASE_FOLDER)
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--claim",
    "claim_id",
    metavar="ID",
    help="Export only this claim's trace (for claimreview: only this claim's review).",
)
def export(
    format_name: str, case_dir: Path | None, output_file: Path | None, claim_id: str | None
) -> None:
    """Export a case for another tool: W3C PROV, ClaimReview, GraphML, GEXF, JSON or DOT.

    \b
    FORMAT is one of:
      prov-json, prov-n, prov-xml  W3C PROV, for provenance stores and ProvToolbox
      claimreview                  schema.org ClaimReview JSON-LD, one per verdict
      graphml, gexf                the citation graph, for Gephi and Cytoscape
      json                         the citation graph as networkx node-link JSON
      dot                          Graphviz DOT text, as `provenance build` draws it

    CASE_DIR may be left out when claims/ holds one case, or with --claim. Nothing is
    exported from a case with errors. docs/exports.md describes each format.

    \b
    Examples:
      provenance export prov-json claims/walkaway -o walkaway.prov.json
      provenance export graphml claims/walkaway -o walkaway.graphml
      provenance export claimreview --claim bots-drive-walkaway
    """
    from provenance.checks import Report
    from provenance.export import export_paths
    from provenance.outputs import write_atomically

    try:
        exported = export_paths(
            resolve_case_dirs([case_dir] if case_dir else []),
            format_name,
            claim_id,
            elsewhere=project_cases(),
        )
    except ClaimNotFound as exc:
        raise click.UsageError(
            run_instead(
                exc, lambda folder: f"provenance export {format_name} {folder} --claim {claim_id}"
            )
        ) from exc
    except AmbiguousCase as exc:
        raise click.UsageError(str(exc)) from exc
    except ProvenanceError as exc:
        print_error(exc)
        sys.exit(1)
    if isinstance(exported, Report):
        print_problems(exported.problems)
        click.echo(f"{report_summary(exported)} Nothing was exported.", err=True)
        sys.exit(1)
    if output_file is None:
        click.echo(exported, nl=False)
        return
    write_atomically(output_file, exported)
    click.echo(f"wrote {format_name} to {output_file} ({len(exported):,} bytes)", err=True)


# --- authoring: extract, new case, new source ---------------------------------------------


@main.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--case",
    "case_dir",
    type=CASE_FOLDER,
    help="Match citations against this case's sources and outlets; the draft goes to its "
    "drafts/ folder, which check and build do not read, until you move it into sources/.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft here (default: CASE/drafts/<name>.yaml with --case, else "
    "standard output). An existing file is never overwritten.",
)
@click.option(
    "--format",
    "article_format",
    type=click.Choice(ARTICLE_FORMATS),
    help="How the article was saved (default: from its name and first bytes).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.0,
    show_default=True,
    help="Leave out proposed citations less likely than this (0 to 1).",
)
def extract(
    article: Path,
    case_dir: Path | None,
    output: Path | None,
    article_format: str | None,
    min_confidence: float,
) -> None:
    """Draft a source file from an article saved as plain text, Markdown or HTML.

    Reads the title, authors, date and address where the article or its metadata (Open
    Graph, schema.org) gives them, and proposes citations from its links, attributions
    ("according to X", "X wrote"), quotations, @handles and named outlets and people,
    each with its sentence and a confidence; with --case, those that match a known
    source cite it by id. Values it cannot know are marked TODO and listed here. With
    --case the draft waits in the case's drafts/ folder, which check and build do not
    read; move it into sources/ once it is finished. Nothing is fetched or run.

    \b
    Examples:
      provenance extract saved/salon.html --case claims/walkaway
      provenance extract post.md --case claims/walkaway -o claims/walkaway/sources/post.yaml
      provenance extract article.txt --min-confidence 0.5 > draft.yaml
    """
    from provenance.extract import ArticleFormat, extract_source
    from provenance.scaffold import write_new_file

    try:
        draft = extract_source(
            article,
            case_dir,
            output=output,
            article_format=ArticleFormat(article_format) if article_format else None,
            min_confidence=min_confidence,
        )
        if draft.path is not None:
            write_new_file(draft.path, draft.text)
    except ProvenanceError as exc:
        print_error(exc)
        sys.exit(1)
    if draft.path is None:
        click.echo(draft.text, nl=False)
    report_draft(draft, case_dir)


@main.group()
def new() -> None:
    """Start a case or a source file from a template that explains every key.

    Values you must supply are marked TODO, and `provenance check` fails until they are
    filled in. Nothing is overwritten.

    \b
    Examples:
      provenance new case my-case
      provenance new source huffpost-report --case claims/my-case
    """


@new.command(name="case")
@click.argument("name")
@click.option(
    "--claims-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder that holds the cases (default: the project's claims/, also when run "
    "inside claims/ or inside a case folder).",
)
def new_case_command(name: str, claims_dir: Path | None) -> None:
    """Create claims/NAME/ with case.yaml (one example claim), outlets.yaml and sources/.

    NAME becomes the case's id: lowercase letters and digits joined by single -, _ or .

    \b
    Examples:
      provenance new case walkaway-2018
      provenance new case vaccine-study --claims-dir ~/research/claims
    """
    from provenance.scaffold import new_case

    if claims_dir is None:
        claims_dir = project_claims()
    try:
        files = new_case(claims_dir, name)
    except InvalidName as exc:
        raise click.UsageError(str(exc)) from exc
    except ProvenanceError as exc:
        print_error(exc)
        sys.exit(1)
    report_new_files(files, claims_dir / name, f"created {claims_dir / name}/ with sources/ and")


@new.command(name="source")
@click.argument("source_id", metavar="[ID]", required=False)
@click.option(
    "--case",
    "case_dir",
    type=CASE_FOLDER,
    help="Write CASE/drafts/ID.yaml (check and build do not read drafts/; move it into "
    "sources/ when it is finished), and list the case's claims, outlets and sources in "
    "the comments.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the template here (default: CASE/drafts/ID.yaml with --case, else "
    "standard output).",
)
def new_source_command(source_id: str | None, case_dir: Path | None, output: Path | None) -> None:
    """Write a source file template with every key explained in comments.

    ID is the source's id and file name: lowercase letters and digits joined by single
    -, _ or . (e.g. salon-cesca).

    \b
    Examples:
      provenance new source salon-cesca --case claims/walkaway
      provenance new source > my-source.yaml
    """
    from provenance.scaffold import new_source

    if case_dir is not None and source_id is None and output is None:
        raise click.UsageError(
            "name the source: `provenance new source ID --case DIR` writes DIR/drafts/ID.yaml"
        )
    try:
        written = new_source(case_dir, source_id, output)
    except InvalidName as exc:
        raise click.UsageError(str(exc)) from exc
    except ProvenanceError as exc:
        print_error(exc)
        sys.exit(1)
    if written.path is None:
        click.echo(written.text, nl=False)
    report_new_files([written], case_dir)


def run() -> None:
    """The console script's entry point."""
    main()
