"""Cross-file checks of a loaded case: references, ids, dates, and what is left unused.

The loader has already checked each file against the model; these checks look at the
case as a whole: every reference resolves, no id is used twice, no source cites itself
or something published after it, and nothing is recorded that nothing uses. Each check
is a small function that yields Problems, and `check_case` runs them all.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from provenance.acknowledge import without_acknowledged
from provenance.casefiles import spellings
from provenance.codes import Code
from provenance.load import (
    CASE_FILE,
    OUTLETS_FILE,
    SOURCES_FOLDER,
    LoadedCase,
    list_case_folders,
    load_case,
)
from provenance.model import Citation, Location, Source
from provenance.problems import (
    CountsProblems,
    Problem,
    Severity,
    nearest_ids,
    problem,
    sorted_problems,
)
from provenance.voice_checks import VOICE_CHECKS, outlets_referred_to
from provenance.workers import (
    cancelled_on_error,
    exit_with_parent,
    interrupts_deferred,
    process_pool,
    worker_count,
)

if TYPE_CHECKING:  # imported where the pool is made: one case is checked without it
    from concurrent.futures import ProcessPoolExecutor


@dataclass(frozen=True)
class CheckedCase:
    """One case as loaded, with its own problems sorted by position."""

    loaded: LoadedCase
    problems: tuple[Problem, ...]

    @property
    def has_errors(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.problems)


@dataclass(frozen=True)
class Report(CountsProblems):
    """The outcome of checking one or more cases."""

    cases: tuple[CheckedCase, ...]
    problems: tuple[Problem, ...]
    """Every problem in every case, sorted by file and position."""

    @property
    def source_count(self) -> int:
        return sum(len(case.loaded.sources) for case in self.cases)


def find_cases(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The case folders at or directly below each path, and a problem for each path that
    holds none or a case whose name another case already uses."""
    folders: list[Path] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in paths:
        found, unreadable = list_case_folders(path)
        problems += unreadable
        if not found and not unreadable:
            problems.append(problem(Location(str(path), 1, 1), Code.NO_CASE, _NO_CASE))
        for folder in found:
            name = folder.resolve().name
            if name in seen:
                problems.append(
                    problem(
                        Location(str(folder), 1, 1),
                        Code.DUPLICATE_CASE,
                        f"a case named '{name}' is already at {seen[name]}; "
                        "case folder names must differ",
                    )
                )
                continue
            seen[name] = folder
            folders.append(folder)
    return folders, problems


_NO_CASE = (
    "no case here: a case folder holds a case.yaml (start one with `provenance new case NAME`)"
)


def check_folder(folder: Path) -> CheckedCase:
    """Load and check one case folder."""
    loaded = load_case(folder)
    found = {*loaded.problems, *check_case(loaded)}
    own = sorted_problems(without_acknowledged(found, loaded.acknowledgements))
    return CheckedCase(loaded, tuple(own))


def check_paths(paths: Sequence[Path]) -> Report:
    """Load and check every case at or directly below each path, keeping what was loaded
    (for commands that go on to trace or export it)."""
    folders, problems = find_cases(paths)
    cases = [check_folder(folder) for folder in folders]
    problems += [problem for case in cases for problem in case.problems]
    return Report(tuple(cases), tuple(sorted_problems(problems)))


@dataclass(frozen=True)
class LintResult(CountsProblems):
    """What `provenance check` reports: every problem, and how much was read."""

    roots: tuple[str, ...]
    problems: tuple[Problem, ...]
    sources: int


def _lint_folder(folder: Path) -> tuple[str, tuple[Problem, ...], int]:
    checked = check_folder(folder)
    return checked.loaded.root, checked.problems, len(checked.loaded.sources)


def lint_paths(paths: Sequence[Path], *, jobs: int | None = None) -> LintResult:
    """Check every case at `paths`, on several cores when there are several cases.

    Only the problems come back from each case, so memory stays flat however large the
    archive; the loaded cases are dropped as soon as they are checked.
    """
    folders, problems = find_cases(paths)
    workers = worker_count(jobs, len(folders))
    if workers > 1:
        with cancelled_on_error(_lint_pool(workers)) as pool:
            with interrupts_deferred():  # map() submits every task at once
                mapped = pool.map(_lint_folder, folders, chunksize=4)
            results = list(mapped)
    else:
        results = [_lint_folder(folder) for folder in folders]
    problems += [problem for _, found, _ in results for problem in found]
    return LintResult(
        tuple(root for root, _, _ in results),
        tuple(sorted_problems(problems)),
        sum(count for _, _, count in results),
    )


def _lint_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for checking: forked from this one where that is safe (on Linux,
    with no other thread running), so that they start with everything imported; the
    forkserver's otherwise (see `process_pool`). The forkserver imports the package
    afresh before the first worker starts, which on many small cases cost a good part of
    the whole check. Forked inside `interrupts_deferred`, the workers start with Ctrl-C
    blocked, as the forkserver's do."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform == "linux" and threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(workers, mp_context=context, initializer=exit_with_parent)
    return process_pool(workers)


def check_case(case: LoadedCase) -> list[Problem]:
    """Every cross-file problem of one loaded case."""
    return [problem for check in _CHECKS for problem in check(case)]


# --- ids -----------------------------------------------------------------------------


def _duplicates(items: Iterable[tuple[str, Location]], what: str) -> Iterator[Problem]:
    first: dict[str, Location] = {}
    for item_id, location in sorted(items, key=lambda item: item[1]):
        if item_id in first:
            yield problem(
                location,
                Code.DUPLICATE_ID,
                f"{what} id '{item_id}' is already used at "
                f"{first[item_id]}; give one of them another id",
            )
        else:
            first[item_id] = location


def check_duplicate_ids(case: LoadedCase) -> Iterator[Problem]:
    claims = case.case_file.claims if case.case_file else ()
    yield from _duplicates(((claim.id, claim.where("id")) for claim in claims), "claim")
    yield from _duplicates(((outlet.id, outlet.where("id")) for outlet in case.outlets), "outlet")
    yield from _duplicates(((source.id, source.where("id")) for source in case.sources), "source")


# --- references ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Known:
    """The ids a reference may point at, and whether a broken file hides others."""

    ids: frozenset[str]
    broken: frozenset[str]
    complete: bool

    def unknown(self, reference: str) -> bool:
        return self.complete and reference not in self.ids and reference not in self.broken


def _files_with_errors(case: LoadedCase) -> frozenset[str]:
    """Files that loaded in part or not at all: what they left out is unknown, so the
    checks below do not take them as a complete record of what exists or is used."""
    return frozenset(
        problem.location.path for problem in case.problems if problem.severity is Severity.ERROR
    )


def _sources_complete(case: LoadedCase) -> bool:
    sources_folder = Path(case.root, SOURCES_FOLDER)
    if f"{SOURCES_FOLDER}/" in case.misnamed:
        return False
    return not any(Path(path).is_relative_to(sources_folder) for path in _files_with_errors(case))


def _file_complete(case: LoadedCase, name: str) -> bool:
    """Whether a case file (as case.yaml or case.yml) loaded without errors."""
    broken = _files_with_errors(case)
    if name in case.misnamed:
        return False
    return not any(str(Path(case.root, spelling)) in broken for spelling in spellings(name))


def _known_sources(case: LoadedCase) -> _Known:
    complete = f"{SOURCES_FOLDER}/" not in case.misnamed
    return _Known(frozenset(source.id for source in case.sources), case.broken_source_ids, complete)


def _known_claims(case: LoadedCase) -> _Known:
    claims = case.case_file.claims if case.case_file else ()
    complete = case.case_file is not None and _file_complete(case, CASE_FILE)
    return _Known(frozenset(claim.id for claim in claims), frozenset(), complete)


def _known_outlets(case: LoadedCase) -> _Known:
    complete = _file_complete(case, OUTLETS_FILE)
    return _Known(frozenset(outlet.id for outlet in case.outlets), frozenset(), complete)


def _unknown(code: Code, reference: str, known: _Known, location: Location, hint: str) -> Problem:
    what = code.removeprefix("unknown-")  # source, claim or outlet
    return problem(
        location,
        code,
        f"unknown {what} '{reference}'{nearest_ids(reference, known.ids)}; {hint}",
    )


def check_references(case: LoadedCase) -> Iterator[Problem]:
    sources, claims, outlets = _known_sources(case), _known_claims(case), _known_outlets(case)
    claim_hint = "claims are listed in case.yaml"
    for source in case.sources:
        if source.outlet is not None and outlets.unknown(source.outlet):
            yield _unknown(
                Code.UNKNOWN_OUTLET,
                source.outlet,
                outlets,
                source.where("outlet"),
                "outlets are listed in outlets.yaml",
            )
        for citation in source.citations:
            if sources.unknown(citation.cites):
                yield _unknown(
                    Code.UNKNOWN_SOURCE,
                    citation.cites,
                    sources,
                    citation.where("cites"),
                    "sources are the files under sources/",
                )
            if claims.unknown(citation.claim):
                yield _unknown(
                    Code.UNKNOWN_CLAIM, citation.claim, claims, citation.where("claim"), claim_hint
                )
        for statement in source.statements:
            if claims.unknown(statement.claim):
                yield _unknown(
                    Code.UNKNOWN_CLAIM,
                    statement.claim,
                    claims,
                    statement.where("claim"),
                    claim_hint,
                )
        for amendment in (source.retracted, source.corrected):
            if amendment is None:
                continue
            for claim_id in amendment.claims:
                if claims.unknown(claim_id):
                    yield _unknown(
                        Code.UNKNOWN_CLAIM, claim_id, claims, amendment.where("claims"), claim_hint
                    )


def check_self_citations(case: LoadedCase) -> Iterator[Problem]:
    for source in case.sources:
        for citation in source.citations:
            if citation.cites == source.id:
                yield problem(
                    citation.where("cites"),
                    Code.SELF_CITATION,
                    f"'{source.id}' cites itself; cite the source it relies on",
                )


def check_citation_dates(case: LoadedCase) -> Iterator[Problem]:
    """A source cannot cite what was published after it, when both dates are firm."""
    by_id = {source.id: source for source in case.sources}
    for source in case.sources:
        for citation in source.citations:
            cited = by_id.get(citation.cites)
            if cited is not None and cites_later_source(source, cited, firm_only=True):
                assert source.published is not None
                assert cited.published is not None
                yield problem(
                    citation.where("cites"),
                    Code.CITES_LATER_SOURCE,
                    f"'{source.id}' ({source.published.text}) cites '{cited.id}', "
                    f"published later ({cited.published.text}); check both dates",
                )


def cites_later_source(citing: Source, cited: Source, *, firm_only: bool) -> bool:
    """True when `cited` was certainly published after `citing`.

    With `firm_only`, approximate dates never count: the trace reports those as
    warnings, the check only reports what the record proves.
    """
    if citing.published is None or cited.published is None:
        return False
    if firm_only and (citing.published.approximate or cited.published.approximate):
        return False
    return not cited.published.may_precede(citing.published)


def check_outlet_domains(case: LoadedCase) -> Iterator[Problem]:
    """A source's address should be on one of its outlet's domains, when they are known."""
    domains = {outlet.id: outlet.domains for outlet in case.outlets}
    for source in case.sources:
        known = domains.get(source.outlet or "", ())
        if not known or source.url is None:
            continue
        host = (urlsplit(source.url).hostname or "").lower()
        if not any(host == domain or host.endswith("." + domain) for domain in known):
            yield problem(
                source.where("url"),
                Code.URL_OUTLET_MISMATCH,
                f"{host} is not a domain of outlet '{source.outlet}' "
                f"({', '.join(known)}); check the outlet or add the domain",
            )


# --- what is recorded but unused -------------------------------------------------------


def check_unused_claims(case: LoadedCase) -> Iterator[Problem]:
    if case.case_file is None or not _sources_complete(case):
        return
    used = {citation.claim for source in case.sources for citation in source.citations}
    used |= {statement.claim for source in case.sources for statement in source.statements}
    used |= {omission.claim for source in case.sources for omission in source.omits}
    for claim in case.case_file.claims:
        if claim.id not in used:
            yield problem(
                claim.location,
                Code.UNUSED_CLAIM,
                f"no source states or cites claim '{claim.id}'; record who makes it, or remove it",
            )


def check_isolated_sources(case: LoadedCase) -> Iterator[Problem]:
    if not _sources_complete(case):
        return
    # A source that states a claim, or is a version of a page, belongs to the case even
    # when nothing cites it: an uncited origin is the finding, not a loose end.
    cited = {citation.cites for source in case.sources for citation in source.citations}
    cited |= {source.revision_of for source in case.sources if source.revision_of}
    for source in case.sources:
        linked = source.citations or source.statements or source.omits or source.revision_of
        if not linked and source.id not in cited:
            yield problem(
                source.location,
                Code.ISOLATED_SOURCE,
                f"nothing cites '{source.id}' "
                "and it cites nothing; link it to the case or remove it",
            )


def check_citation_wording(case: LoadedCase) -> Iterator[Problem]:
    partial = _files_with_errors(case)
    for source in case.sources:
        if source.location.path in partial:
            continue  # the wording may be there under a misspelt key
        for citation in source.citations:
            if citation.wording is None:
                yield problem(
                    citation.location,
                    Code.MISSING_WORDING,
                    f"the citation of "
                    f"'{citation.cites}' has no wording; quote how '{source.id}' "
                    "words it",
                )


def check_repeated_citations(case: LoadedCase) -> Iterator[Problem]:
    for source in case.sources:
        seen: Counter[tuple[str, str, str]] = Counter()
        for citation in source.citations:
            key = _citation_key(citation)
            seen[key] += 1
            if seen[key] == 2:
                yield problem(
                    citation.location,
                    Code.REPEATED_CITATION,
                    f"'{source.id}' already "
                    f"cites '{citation.cites}' for '{citation.claim}' this way; "
                    "merge the two entries",
                )


def _citation_key(citation: Citation) -> tuple[str, str, str]:
    return citation.cites, citation.claim, citation.relation.value


def check_outlets_used(case: LoadedCase) -> Iterator[Problem]:
    if not _sources_complete(case):
        return
    used = {source.outlet for source in case.sources} | outlets_referred_to(case)
    for outlet in case.outlets:
        if outlet.id not in used:
            yield problem(
                outlet.location,
                Code.UNUSED_OUTLET,
                f"no source is published by outlet "
                f"'{outlet.id}'; remove it or set `outlet: {outlet.id}` on a source",
            )


_CHECKS: tuple[Callable[[LoadedCase], Iterable[Problem]], ...] = (
    check_duplicate_ids,
    check_references,
    check_self_citations,
    check_citation_dates,
    check_outlet_domains,
    check_unused_claims,
    check_isolated_sources,
    check_citation_wording,
    check_repeated_citations,
    check_outlets_used,
    *VOICE_CHECKS,
)
