"""What a case holds, at a glance: its claims and sources by id, for `provenance list`.

A fact-checker writing a citation needs the ids the case already has: the claims with
their statements, how many sources carry each and what tracing it warns of, and the
sources with their outlet, date and title. A case with errors is listed too, from what
could be loaded, since that is when ids are most needed; its claims are then counted
from the records, without tracing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance.checks import CheckedCase, check_folder, find_cases
from provenance.load import LoadedCase, to_case
from provenance.model import Claim
from provenance.problems import CountsProblems, Problem
from provenance.trace import trace_claim


@dataclass(frozen=True)
class ListedClaim:
    """A claim of a case, with what tracing it finds."""

    id: str
    statement: str
    sources: int
    """Sources that state it, cite it, or are cited for it."""
    warnings: tuple[tuple[str, int], ...] = ()
    """The trace's warnings, as (code, how many) in the order the trace gives them; none
    when the case has errors (it is not traced then)."""
    verdict: str | None = None


@dataclass(frozen=True)
class ListedSource:
    """A source of a case, as a citation refers to it."""

    id: str
    kind: str
    outlet: str | None
    """The outlet's name, or its id when outlets.yaml does not list it."""
    title: str | None
    published: str | None
    """The date as every output shows it ("≈ 2018-07-08"), None when unknown."""
    path: str
    """The file it is recorded in."""


@dataclass(frozen=True)
class ListedCase(CountsProblems):
    """One case: what it holds, and how many problems its files have."""

    id: str
    root: str
    title: str | None
    claims: tuple[ListedClaim, ...]
    sources: tuple[ListedSource, ...]
    problems: tuple[Problem, ...]
    """The problems `provenance check` reports in its files."""

    @property
    def traced(self) -> bool:
        """Whether its claims were traced (only a case without errors is)."""
        return not self.error_count


def list_cases(paths: Sequence[Path]) -> tuple[list[ListedCase], list[Problem]]:
    """Every case at or directly below `paths`, listed, and the problems of the paths
    that hold no case (or a second case of one name)."""
    folders, problems = find_cases(paths)
    return [list_case(check_folder(folder)) for folder in folders], problems


def list_case(checked: CheckedCase) -> ListedCase:
    loaded = checked.loaded
    case_file = loaded.case_file
    return ListedCase(
        id=loaded.id,
        root=loaded.root,
        title=case_file.title if case_file else None,
        claims=_claims(checked),
        sources=_sources(loaded),
        problems=checked.problems,
    )


def _claims(checked: CheckedCase) -> tuple[ListedClaim, ...]:
    loaded = checked.loaded
    if loaded.case_file is None:
        return ()
    if checked.has_errors:
        carrying = _sources_by_claim(loaded)
        return tuple(
            ListedClaim(claim.id, claim.statement, len(carrying[claim.id]), (), _rating(claim))
            for claim in loaded.case_file.claims
        )
    case = to_case(loaded)
    listed = []
    for claim in case.claims:
        trace = trace_claim(case, claim.id)
        counts = Counter(warning.code for warning in trace.warnings)
        listed.append(
            ListedClaim(
                claim.id,
                claim.statement,
                len(trace.sources),
                tuple(counts.items()),
                _rating(claim),
            )
        )
    return tuple(listed)


def _rating(claim: Claim) -> str | None:
    return claim.verdict.rating if claim.verdict is not None else None


def _sources_by_claim(loaded: LoadedCase) -> dict[str, set[str]]:
    """The sources that state, cite or are cited for each claim, by the records."""
    found: dict[str, set[str]] = {}
    for source in loaded.sources:
        for statement in source.statements:
            found.setdefault(statement.claim, set()).add(source.id)
        for citation in source.citations:
            found.setdefault(citation.claim, set()).update((source.id, citation.cites))
    known = {source.id for source in loaded.sources}
    claims = loaded.case_file.claims if loaded.case_file else ()
    return {claim.id: found.get(claim.id, set()) & known for claim in claims}


def _sources(loaded: LoadedCase) -> tuple[ListedSource, ...]:
    """The sources by id (a second source of one id, an error, is listed too)."""
    outlets = {outlet.id: outlet.name for outlet in loaded.outlets}
    return tuple(
        ListedSource(
            id=source.id,
            kind=source.kind.value,
            outlet=outlets.get(source.outlet, source.outlet) if source.outlet else None,
            title=source.title,
            published=source.published.label if source.published else None,
            path=source.location.path,
        )
        for source in sorted(loaded.sources, key=lambda source: (source.id, source.location))
    )
