"""What the commands share: their common options and arguments, and the folders they
work on when given none (the case folder they run in, or the project's claims/)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from provenance.cli.reporter import MAX_PROBLEMS
from provenance.problems import ClaimNotFound

F = TypeVar("F", bound=Callable[..., Any])


if TYPE_CHECKING:
    _PathType = click.ParamType[Path, Any]
else:  # click before 8.2 (which pyproject allows) has no type parameters at run time
    _PathType = click.ParamType


class CaseFolder(_PathType):
    """A folder that is there: a case folder, or a folder of cases. A mistyped one is
    refused with the folder it most likely meant, a file with its folder."""

    name = "folder"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = Path(value)
        if path.is_dir():
            return path
        from provenance.workplace import find_workplace, folder_hint

        if path.exists():
            message = (
                f"{path} is a file: name the case folder that holds it "
                f"(the one with the case.yaml), e.g. {path.parent}"
            )
        else:
            message = f"there is no folder {path}{folder_hint(path, find_workplace().claims)}"
        raise click.BadParameter(message, ctx, param)


CASE_FOLDER = CaseFolder()


def case_dirs_argument(function: F) -> F:
    """CASE_DIR ...: case folders, or folders of cases; `claims/` when none is given."""
    return click.argument("case_dirs", metavar="[CASE_DIR]...", nargs=-1, type=CASE_FOLDER)(
        function
    )


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
    """The folders named, else the case folder the command runs in (or in whose sources/
    it runs), else the project's claims/."""
    from provenance.workplace import find_workplace

    if case_dirs:
        return list(case_dirs)
    cases = find_workplace().cases
    if cases is None:
        raise click.UsageError(
            "there is no claims/ folder here, and this is not a case folder: run this in "
            "your project folder or a case folder, or name a case folder, e.g. "
            "`provenance check claims/walkaway`"
        )
    return [cases]


def project_cases() -> list[Path]:
    """The project's folder of cases, where a claim not in the case named may be."""
    from provenance.workplace import find_workplace

    claims = find_workplace().claims
    return [claims] if claims is not None else []


def project_claims() -> Path:
    """Where a new case goes: the folder of cases the command runs in or beside (so that
    `new case` run inside claims/ or a case folder does not make claims/claims/), else
    claims/ here."""
    from provenance.workplace import DEFAULT_CLAIMS, find_workplace

    return find_workplace().claims or DEFAULT_CLAIMS


def run_instead(error: ClaimNotFound, command: Callable[[Path], str]) -> str:
    """The message of a claim not found, with the command that finds it where it is."""
    if len(error.found_in) != 1:
        return str(error)
    return f"{error}; run `{command(error.found_in[0])}`"


def max_problems_options(function: F) -> F:
    """--max-problems N and --all: how many problems to print before counting the rest."""
    function = click.option(
        "--all", "all_problems", is_flag=True, help="Print every problem, however many."
    )(function)
    return click.option(
        "--max-problems",
        type=click.IntRange(min=1),
        default=MAX_PROBLEMS,
        show_default=True,
        metavar="N",
        help="Print at most N problems, then how many more there are and where.",
    )(function)


def jobs_option(function: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Cases (and graphs) worked on at once (default: one per core).",
    )(function)


def build_places(case_dirs: Sequence[Path], output_dir: Path | None) -> tuple[list[Path], Path]:
    """What a build reads and where it writes. Run in a case folder of a project with
    no folder named, it builds the project, as from the project folder: the report is
    the project's, and a build of one case would drop the others from it."""
    from provenance.workplace import find_workplace

    place = find_workplace()
    if case_dirs:
        paths = list(case_dirs)
    elif place.claims is not None and place.project is not None:
        paths = [place.claims]
    else:
        paths = resolve_case_dirs(case_dirs)
    if output_dir is not None:
        return paths, output_dir
    if place.project is not None:
        return paths, place.project / "output"
    if place.case is not None:
        raise click.UsageError(
            "this is a case folder, and the report cannot go inside it: name a folder "
            f"outside it, e.g. `provenance build -o ../{place.case.resolve().name}-report`"
        )
    return paths, Path("output")
