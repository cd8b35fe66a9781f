"""Warnings a case file acknowledges with a `# provenance: ignore[code]` comment.

Some warnings are the honest state of the record: a citation whose wording no surviving
text gives can only be recorded without it. A comment on the warned-about line, or on
the line just above it, acknowledges the warning so that `check --strict` can pass
without the record being bent to please the checker. Errors cannot be acknowledged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from provenance.problems import Problem, Severity

DIRECTIVE = re.compile(r"#\s*provenance:\s*ignore\[([a-z0-9,\s-]+)\]")


def without_acknowledged(problems: Iterable[Problem]) -> list[Problem]:
    """The problems, less the warnings their files acknowledge."""

    @cache
    def lines(path: str) -> list[str]:
        try:
            return Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    def acknowledged(problem: Problem) -> bool:
        if problem.severity is not Severity.WARNING or problem.location.line < 1:
            return False
        text = lines(problem.location.path)
        here = problem.location.line - 1
        nearby = text[max(here - 1, 0) : here + 1]
        return any(problem.code in _codes(line) for line in nearby)

    return [problem for problem in problems if not acknowledged(problem)]


def _codes(line: str) -> set[str]:
    match = DIRECTIVE.search(line)
    if match is None:
        return set()
    return {code.strip() for code in match.group(1).split(",")}
