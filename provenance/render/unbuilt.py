"""Cases a build left out for the errors in their files, as the report's index lists them.

A case with errors does not stop a build of the others: it is left out, and the report
keeps its last good version if it has one. The index says which cases were not built
and why, with their first problems, so that a reader of the report is not shown an old
case page as if it were current. This is the view-model of that list (the template is
the `unbuilt` section of index.html).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from provenance.problems import Problem, Severity

LISTED_PROBLEMS = 20
"""Problems the index lists of each case not built; `provenance check` lists them all."""


@dataclass(frozen=True)
class UnbuiltProblem:
    """One problem of a case not built, as `provenance check` prints it."""

    where: str
    severity: str
    code: str
    message: str


@dataclass(frozen=True)
class UnbuiltCase:
    """A case this build did not build, for the errors in its files."""

    case_id: str
    folder: str
    """The case folder, as the build was given it."""
    href: str | None
    """The page of its last good build, which the report keeps; None when it has none."""
    errors: int
    warnings: int
    problems: tuple[UnbuiltProblem, ...]
    """The first LISTED_PROBLEMS of its problems, errors first."""
    more: int
    """How many more problems it has."""


def unbuilt_case(
    case_id: str, folder: str, problems: Sequence[Problem], href: str | None
) -> UnbuiltCase:
    """The index's entry for a case not built, its errors listed before its warnings."""
    ordered = sorted(problems, key=lambda problem: problem.severity is not Severity.ERROR)
    listed = tuple(
        UnbuiltProblem(str(problem.location), problem.severity.value, problem.code, problem.message)
        for problem in ordered[:LISTED_PROBLEMS]
    )
    return UnbuiltCase(
        case_id=case_id,
        folder=folder,
        href=href,
        errors=sum(problem.severity is Severity.ERROR for problem in problems),
        warnings=sum(problem.severity is Severity.WARNING for problem in problems),
        problems=listed,
        more=max(len(problems) - LISTED_PROBLEMS, 0),
    )
