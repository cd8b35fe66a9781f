"""Problems found in case files, and the few exception types the package raises.

A problem is a value, not an exception: the loader and the checks collect every problem
in every file and hand them back, so one run shows a fact-checker everything to fix.
Exceptions are kept for things no case file can cause, such as Graphviz being missing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Re-exported: problems and their codes and severities are used together.
from provenance.codes import Code as Code
from provenance.codes import Severity as Severity
from provenance.model import Location
from provenance.text import printable


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong at one place in one file."""

    location: Location
    severity: Severity
    code: str
    """A short stable name for the kind of problem, e.g. `unknown-source`: a `Code` of
    the registry (provenance/codes.py), or its name as read back from JSON."""
    message: str
    """One plain sentence that says what is wrong and, where it can, what to do."""

    def __str__(self) -> str:
        """The problem as one line of text for a terminal (yamllint's parsable format);
        control characters from a case file are shown as escapes, never acted on."""
        line = f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"
        return printable(line)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def problem(location: Location, code: Code, message: str) -> Problem:
    """A problem of the kind `code` names, with the severity the registry gives it."""
    return Problem(location, code.severity, code, message)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity is Severity.ERROR for problem in problems)


class CountsProblems:
    """Mixin for outcomes that carry `problems`: how many errors and warnings."""

    problems: tuple[Problem, ...]

    @property
    def error_count(self) -> int:
        return sum(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def warning_count(self) -> int:
        return sum(problem.severity is Severity.WARNING for problem in self.problems)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """The problems in file order (as `sorted` would put them), sorted by a key of plain
    values: comparing the dataclasses pair by pair in Python costs seconds for the
    tens of thousands of problems one broken file can hold."""
    return sorted(problems, key=_order)


def _order(problem: Problem) -> tuple[str, int, int, str, str, str]:
    where = problem.location
    return (where.path, where.line, where.column, problem.severity, problem.code, problem.message)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint for a likely typo, or '' when nothing is close."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match is not None else ""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` is most likely a typo of, or None when nothing is close."""
    candidates = sorted(set(choices))
    if not candidates or not _may_be_close(word, candidates):
        return None
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


NEAREST_SHOWN = 5
"""Ids a message lists when none is close to the one asked for."""


def nearest_ids(word: str, choices: Iterable[str]) -> str:
    """A hint for an unknown id: ' (did you mean 'x'?)' for a likely typo; otherwise the
    ids there are, the nearest first when there are many (' (none is close; the nearest
    of 19: a, b, c, d, e)'); '' when there are none."""
    candidates = sorted(set(choices))
    hint = did_you_mean(word, candidates)
    if hint or not candidates:
        return hint
    if len(candidates) <= NEAREST_SHOWN:
        return f" (none is close; there {'is' if len(candidates) == 1 else 'are'}: " + (
            ", ".join(candidates) + ")"
        )
    from rapidfuzz import fuzz, process

    nearest = process.extract(word, candidates, scorer=fuzz.ratio, limit=NEAREST_SHOWN)
    names = ", ".join(name for name, _, _ in nearest)
    return f" (none is close; the nearest of {len(candidates):,}: {names})"


def _may_be_close(word: str, candidates: list[str]) -> bool:
    """False when difflib would find no candidate close enough, told in C.

    difflib's ratio counts the characters of its matching blocks, never more than the
    longest common subsequence, which rapidfuzz's `ratio` counts: a word below the
    cutoff there is below it in difflib too. A file with 60,000 unknown keys spent
    most of its check in difflib before."""
    from rapidfuzz import fuzz, process

    return process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=60) is not None


class ProvenanceError(Exception):
    """A failure that is not a problem in a case file; its message is for the user."""


class GraphvizNotFound(ProvenanceError):
    """The Graphviz `dot` program is not installed."""


class ClaimNotFound(ProvenanceError):
    """No case (or more than one) has the claim asked for."""

    def __init__(self, message: str, found_in: tuple[Path, ...] = ()) -> None:
        super().__init__(message)
        self.found_in = found_in
        """Case folders other than those named that have the claim."""


class AmbiguousCase(ProvenanceError):
    """More than one case where a command works on one; the message says how to name it."""


class ExportError(ProvenanceError):
    """A case lacks something an export format needs; the message says what to add."""


class ArticleError(ProvenanceError):
    """An article given to `provenance extract` cannot be read (missing, binary, too big)."""


class OutputExists(ProvenanceError):
    """A file or folder to be written already exists; provenance never overwrites one."""


class InvalidName(ProvenanceError):
    """A name given for a new case or source is not a valid id."""
