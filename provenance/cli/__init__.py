"""The `provenance` command line: a thin layer over the library.

Each command turns its options into arguments, calls one library function, and turns the
result into output and an exit code: 0 when all is well, 1 when the case files have
problems, 2 when the command itself was used wrongly.
"""

from __future__ import annotations

from typing import Any

import click

from provenance import __version__
from provenance.cli import authoring, building, checking, reading
from provenance.cli.reporter import print_error
from provenance.problems import ProvenanceError


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


# Each command lives with the commands of its kind; each imports what it uses when it
# runs, so that `provenance check` does not pay for Graphviz, Jinja2, the exporters and
# the article readers.
for command in (
    checking.check,
    checking.list_command,
    checking.explain,
    checking.schema,
    building.build,
    reading.trace,
    reading.export,
    authoring.extract,
    authoring.new,
):
    main.add_command(command)


def run() -> None:
    """The console script's entry point."""
    main()
