"""Checks of the keys that say who speaks: people, groups of outlets, wires, revisions,
statements' speakers and dates, and claims left out.

The trace counts independent voices from these keys (voices.py), so a reference to an
id the case does not have, or a loop of `part_of` or `revision_of` links, would change
its counts without a word; each is a located error here. Run by checks.py with the other
cross-file checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from provenance.codes import Code
from provenance.load import LoadedCase
from provenance.model import ID_PATTERN, Location, Source, Stance
from provenance.problems import Problem, Severity, did_you_mean, nearest_ids, problem


def _complete(case: LoadedCase) -> bool:
    """No file failed to load: what is missing is really missing."""
    return not any(problem.severity is Severity.ERROR for problem in case.problems)


def _parties(case: LoadedCase) -> tuple[set[str], set[str]]:
    return {person.id for person in case.people}, {outlet.id for outlet in case.outlets}


def check_people(case: LoadedCase) -> Iterator[Problem]:
    """Duplicate person ids; subjects and speakers that name no person or outlet."""
    seen: dict[str, Location] = {}
    for person in case.people:
        if person.id in seen:
            yield problem(
                person.where("id"),
                Code.DUPLICATE_ID,
                f"person '{person.id}' is already listed at line {seen[person.id].line}; "
                "give each person one entry",
            )
        seen.setdefault(person.id, person.where("id"))
    if not _complete(case):
        return
    people, outlets = _parties(case)
    known = people | outlets
    claims = case.case_file.claims if case.case_file else ()
    for claim in claims:
        for subject in claim.subjects:
            if subject not in known:
                yield _unknown_party(subject, known, claim.where("subjects"))
    for source in case.sources:
        for statement in source.statements:
            if statement.speaker is not None and statement.speaker not in known:
                yield _unknown_party(statement.speaker, known, statement.where("speaker"))
        yield from _author_ids(source, people)


def _unknown_party(identifier: str, known: set[str], location: Location) -> Problem:
    return problem(
        location,
        Code.UNKNOWN_PERSON,
        f"no person or outlet '{identifier}'{nearest_ids(identifier, known)}; people are "
        "listed in people.yaml, outlets in outlets.yaml",
    )


_LOOKS_LIKE_ID = re.compile(ID_PATTERN)


def _author_ids(source: Source, people: set[str]) -> Iterator[Problem]:
    """An author written like an id, close to a person's id but not one, is a typo: it
    would be taken for a name and the person would not be recognised."""
    for author in source.authors:
        if author in people or "-" not in author or not _LOOKS_LIKE_ID.match(author):
            continue
        hint = did_you_mean(author, people)
        if hint:
            yield problem(
                source.where("authors"),
                Code.UNKNOWN_AUTHOR_ID,
                f"author '{author}' looks like a person's id but people.yaml has no such "
                f"person{hint}; use the id, or write the name as bylined",
            )


def check_outlet_groups(case: LoadedCase) -> Iterator[Problem]:
    """`part_of` names a known outlet, and never leads back round to where it started."""
    outlets = {outlet.id: outlet for outlet in case.outlets}
    for outlet in case.outlets:
        if outlet.part_of is None:
            continue
        if outlet.part_of not in outlets:
            yield problem(
                outlet.where("part_of"),
                Code.UNKNOWN_OUTLET,
                f"unknown outlet '{outlet.part_of}'{nearest_ids(outlet.part_of, outlets)}; "
                "outlets are listed in outlets.yaml",
            )
        elif _loops(outlet.id, lambda key: outlets[key].part_of if key in outlets else None):
            yield problem(
                outlet.where("part_of"),
                Code.PART_OF_LOOP,
                f"outlet '{outlet.id}' is part of a group that is part of it again; one of "
                "them is the group: remove `part_of` there",
            )


def check_sources_voices(case: LoadedCase) -> Iterator[Problem]:
    """`wire` names a known outlet; `revision_of` a known, earlier source, without loops;
    `omits` a known claim that the source does not carry."""
    if not _complete(case):
        return
    outlets = {outlet.id for outlet in case.outlets}
    sources = {source.id: source for source in case.sources}
    claims = {claim.id for claim in case.case_file.claims} if case.case_file else set()
    for source in case.sources:
        if source.wire is not None and source.wire not in outlets:
            yield problem(
                source.where("wire"),
                Code.UNKNOWN_OUTLET,
                f"unknown outlet '{source.wire}'{nearest_ids(source.wire, outlets)}; a wire "
                "service is listed in outlets.yaml like any outlet",
            )
        yield from _revision(source, sources)
        yield from _omissions(source, claims)


def _revision(source: Source, sources: Mapping[str, Source]) -> Iterator[Problem]:
    earlier = source.revision_of
    if earlier is None:
        return
    if earlier not in sources:
        yield problem(
            source.where("revision_of"),
            Code.UNKNOWN_SOURCE,
            f"unknown source '{earlier}'{nearest_ids(earlier, sources)}; sources are the "
            "files under sources/",
        )
    elif _loops(source.id, lambda key: sources[key].revision_of if key in sources else None):
        yield problem(
            source.where("revision_of"),
            Code.REVISION_LOOP,
            f"'{source.id}' is a revision of a page that is a revision of it again; the "
            "first version has no `revision_of`",
        )
    elif _certainly_before(source, sources[earlier]):
        original = sources[earlier].published
        assert source.published is not None
        assert original is not None
        yield problem(
            source.where("revision_of"),
            Code.REVISION_BEFORE_ORIGINAL,
            f"'{source.id}' ({source.published.text}) is recorded as a later version of "
            f"'{earlier}', published after it ({original.text}); check "
            "both dates",
        )


def _certainly_before(later: Source, earlier: Source) -> bool:
    """Both dates firm, and `later` ends before `earlier` begins."""
    first, then = earlier.published, later.published
    if first is None or then is None or first.approximate or then.approximate:
        return False
    return then.latest < first.earliest


def _omissions(source: Source, claims: set[str]) -> Iterator[Problem]:
    carried = {
        statement.claim
        for statement in source.statements
        if statement.stance is not Stance.DISPUTES
    }
    for omission in source.omits:
        if claims and omission.claim not in claims:
            yield problem(
                omission.where("claim"),
                Code.UNKNOWN_CLAIM,
                f"unknown claim '{omission.claim}'{nearest_ids(omission.claim, claims)}; "
                "claims are listed in case.yaml",
            )
        elif omission.claim in carried:
            yield problem(
                omission.where("claim"),
                Code.OMITS_CARRIED_CLAIM,
                f"'{source.id}' is recorded as leaving out claim '{omission.claim}' and as "
                "stating it; keep the one the source bears out",
            )


def check_people_used(case: LoadedCase) -> Iterator[Problem]:
    """A person no source, statement or claim refers to."""
    if not _complete(case):
        return
    used = {author for source in case.sources for author in source.authors}
    used |= {
        statement.speaker
        for source in case.sources
        for statement in source.statements
        if statement.speaker
    }
    if case.case_file is not None:
        used |= {subject for claim in case.case_file.claims for subject in claim.subjects}
    for person in case.people:
        if person.id not in used:
            yield problem(
                person.location,
                Code.UNUSED_PERSON,
                f"nothing refers to person '{person.id}'; use the id in `authors:`, a "
                "statement's `speaker:` or a claim's `subjects:`, or remove the entry",
            )


def outlets_referred_to(case: LoadedCase) -> set[str]:
    """Outlets that something refers to other than as a source's publisher: groups,
    wires, speakers and subjects. Such an outlet is not unused."""
    referred = {outlet.part_of for outlet in case.outlets if outlet.part_of}
    referred |= {source.wire for source in case.sources if source.wire}
    referred |= {
        statement.speaker
        for source in case.sources
        for statement in source.statements
        if statement.speaker
    }
    if case.case_file is not None:
        referred |= {subject for claim in case.case_file.claims for subject in claim.subjects}
    return referred


def _loops(start: str, following: Callable[[str], str | None]) -> bool:
    """Whether following links from `start` comes back to `start`."""
    seen: set[str] = set()
    current = following(start)
    while current is not None and current not in seen:
        if current == start:
            return True
        seen.add(current)
        current = following(current)
    return current == start


VOICE_CHECKS: tuple[Callable[[LoadedCase], Iterable[Problem]], ...] = (
    check_people,
    check_outlet_groups,
    check_sources_voices,
    check_people_used,
)
