"""Warnings a case file acknowledges with a `# provenance: ignore[code]` comment.

Some warnings are the honest state of the record: a citation whose wording no surviving
text gives can only be recorded without it. A comment on the warned-about line, or on
the line just above it, acknowledges the warning so that `check --strict` can pass
without the record being bent to please the checker. Errors cannot be acknowledged.

Directives are read from YAML comments only, as yamllint reads its own: a comment is
text from a `#` that lies between two tokens of the YAML scanner, so a `#` inside a
quoted title or a block of wording is never taken for one. Only files whose text holds
`ignore[` at all are scanned (the C scanner, no parse), so most files cost nothing.
The loader keeps what it finds per file (`LoadedCase.acknowledgements`) and on every
loaded object (`Located.acknowledged`), so later stages can honour a directive too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import yaml

from provenance.codes import Code, find_code
from provenance.model import Location
from provenance.problems import Problem, Severity, did_you_mean, problem

try:  # The C scanner where PyYAML has it, as for parsing (see yamlfile.py).
    from yaml import CSafeLoader as _ScanLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _ScanLoader  # type: ignore[assignment]

DIRECTIVE = re.compile(r"#\s*provenance:\s*ignore\[([a-z0-9,\s-]+)\]")
_HINT = "ignore["
"""Text every directive holds; a file without it has none and is not scanned."""

Directives = Mapping[int, frozenset[str]]
"""The codes each line's comment acknowledges, by 1-based line."""


@dataclass(frozen=True)
class Directive:
    """One `# provenance: ignore[...]` comment: where its '#' is, and the codes it names."""

    line: int
    column: int
    codes: tuple[str, ...]


def find_directives(text: str) -> list[Directive]:
    """The directives in the comments of one file's text (already known to parse)."""
    if _HINT not in text:
        return []
    found = []
    for line, column, comment in _comments(text):
        match = DIRECTIVE.search(comment)
        if match is not None:
            codes = tuple(code.strip() for code in match.group(1).split(",") if code.strip())
            found.append(Directive(line, column, codes))
    return found


def by_line(directives: Iterable[Directive]) -> dict[int, frozenset[str]]:
    """The codes acknowledged by each line's directives."""
    lines: dict[int, frozenset[str]] = {}
    for directive in directives:
        lines[directive.line] = lines.get(directive.line, frozenset()) | set(directive.codes)
    return lines


def ineffective(path: str, directives: Iterable[Directive]) -> Iterator[Problem]:
    """A warning for each code a directive names that it cannot acknowledge: one the
    registry does not have (misspelt, most often), or an error's. Either way the comment
    does nothing, which nobody would otherwise notice."""
    for directive in directives:
        for name in directive.codes:
            code = find_code(name)
            if code is not None and code.severity is Severity.WARNING:
                continue
            if code is None:
                known = [each.value for each in Code if each.severity is Severity.WARNING]
                why = f"there is no code '{name}'{did_you_mean(name, known)}"
            else:
                why = f"'{name}' is an error, and errors cannot be acknowledged: fix it"
            yield problem(
                Location(path, directive.line, directive.column),
                Code.INEFFECTIVE_DIRECTIVE,
                f"this comment acknowledges nothing: {why}",
            )


def _comments(text: str) -> Iterator[tuple[int, int, str]]:
    """(1-based line and column, text from '#' to the end of its line) of each comment.

    Between two tokens there is only white space and comments (every indicator is a
    token of its own), so a '#' there starts a comment; a '#' inside a scalar is part
    of its token (yamllint's `comments_between_tokens` reads them the same way)."""
    lines = text.splitlines()
    end_line, end_column = 0, 0  # where the last token ended (0-based)
    for token in yaml.scan(text, Loader=_ScanLoader):
        start = token.start_mark
        for number in range(end_line, min(start.line + 1, len(lines))):
            first = end_column if number == end_line else 0
            last = start.column if number == start.line else len(lines[number])
            at = lines[number].find("#", first, max(last, first))
            if at >= 0:
                yield number + 1, at + 1, lines[number][at:]
        end_line, end_column = token.end_mark.line, token.end_mark.column


def acknowledged_codes(directives: Directives, line: int) -> frozenset[str]:
    """The codes acknowledged for something written on `line`: by a directive on that
    line or the line just above."""
    return directives.get(line, frozenset()) | directives.get(line - 1, frozenset())


def without_acknowledged(
    problems: Iterable[Problem], directives: Mapping[str, Directives]
) -> list[Problem]:
    """The problems, less the warnings their files acknowledge (`directives` by path)."""

    def acknowledged(problem: Problem) -> bool:
        if problem.severity is not Severity.WARNING:
            return False
        found = directives.get(problem.location.path, {})
        return problem.code in acknowledged_codes(found, problem.location.line)

    return [problem for problem in problems if not acknowledged(problem)]
