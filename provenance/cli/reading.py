"""The commands that take a traced case out of the project: `trace` (to the terminal or
as JSON) and `export` (for other tools)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from provenance.cli.options import (
    CASE_FOLDER,
    format_option,
    project_cases,
    resolve_case_dirs,
    run_instead,
)
from provenance.cli.reporter import (
    print_error,
    print_problems,
    report_summary,
)
from provenance.problems import AmbiguousCase, ClaimNotFound, ProvenanceError

if TYPE_CHECKING:
    pass

# The choices are spelt out rather than imported from the exporters, so that the command
# line does not load them before they are used; tests/test_cli.py keeps them in step with
# provenance.export.EXPORTERS.
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


@click.command()
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


@click.command(name="export")
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
