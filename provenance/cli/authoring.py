"""The commands that start case files for the fact-checker to finish: `extract` (a draft
from a saved article) and `new case`, `new source` (templates)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from provenance.cli.options import (
    CASE_FOLDER,
    project_claims,
)
from provenance.cli.reporter import (
    print_error,
    report_draft,
    report_new_files,
)
from provenance.problems import InvalidName, ProvenanceError

if TYPE_CHECKING:
    pass

# Spelt out for the same reason as EXPORT_FORMATS in reading.py; tests/test_cli.py keeps
# them in step with provenance.extract.ArticleFormat.
ARTICLE_FORMATS = ("text", "markdown", "html")


@click.command()
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


@click.group()
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
