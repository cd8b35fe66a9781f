"""The record as it stood on a given day: when each source can have appeared, and a case
cut down to what had appeared by then.

A source's first possible day is its publication date (the first day of it, for a date
known only to the month or year; days are UTC days, like the dates themselves). An
undated source cannot be older than anything it cites, so it takes the latest first day
among the sources it cites; one that cites nothing dated stays undated, and is kept in
every view because nothing in the record says when it appeared. The report's as-of view
(`provenance build --as-of`) and its in-page date control both use these days.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from datetime import date
from typing import Any, TypeVar

from provenance.model import Amendment, Case, Claim, Located, Source

LocatedT = TypeVar("LocatedT", bound=Located)


def appearance_days(case: Case) -> dict[str, date | None]:
    """The first day each source can have appeared, by source id; None when unknown."""
    days = {source.id: _own_day(source) for source in case.sources}
    citers: dict[str, set[str]] = {}
    for source in case.sources:
        if source.published is None:
            for citation in source.citations:
                citers.setdefault(citation.cites, set()).add(source.id)
    # Raise undated sources to the days of what they cite, until nothing changes; a day
    # only ever rises, so citation cycles end.
    queue = deque(sorted(days))
    while queue:
        cited = queue.popleft()
        day = days.get(cited)
        for citing in sorted(citers.get(cited, ())):
            current = days[citing]
            if day is not None and (current is None or current < day):
                days[citing] = day
                queue.append(citing)
    return days


def _own_day(source: Source) -> date | None:
    return source.published.earliest.date() if source.published else None


def case_as_of(case: Case, day: date) -> Case:
    """The case as the record stood at the end of `day`.

    Sources that appeared later are left out, with every citation of them; so are a
    retraction, a correction or a verdict dated later, since it had not happened yet.
    """
    days = appearance_days(case)
    kept = {source_id for source_id, first in days.items() if first is None or first <= day}
    sources = tuple(
        _source_as_of(source, kept, day) for source in case.sources if source.id in kept
    )
    claims = tuple(_claim_as_of(claim, day) for claim in case.claims)
    case_file = case.case_file
    if claims != case_file.claims:
        case_file = replace_located(case_file, claims=claims)
    return dataclasses.replace(case, case_file=case_file, sources=sources)


def _claim_as_of(claim: Claim, day: date) -> Claim:
    reviewed = claim.verdict.reviewed if claim.verdict else None
    if reviewed is None or reviewed.earliest.date() <= day:
        return claim
    return replace_located(claim, verdict=None)


def _source_as_of(source: Source, kept: set[str], day: date) -> Source:
    citations = tuple(citation for citation in source.citations if citation.cites in kept)
    retracted = _amendment_as_of(source.retracted, day)
    corrected = _amendment_as_of(source.corrected, day)
    if (citations, retracted, corrected) == (source.citations, source.retracted, source.corrected):
        return source
    return replace_located(source, citations=citations, retracted=retracted, corrected=corrected)


def _amendment_as_of(amendment: Amendment | None, day: date) -> Amendment | None:
    if amendment is None or amendment.date is None:
        return amendment
    return amendment if amendment.date.earliest.date() <= day else None


def replace_located(item: LocatedT, **changes: Any) -> LocatedT:
    """`dataclasses.replace` that keeps where the object was written (those fields are
    not constructor arguments, so `replace` alone would reset them)."""
    copy = dataclasses.replace(item, **changes)
    object.__setattr__(copy, "location", item.location)
    object.__setattr__(copy, "field_locations", item.field_locations)
    object.__setattr__(copy, "acknowledged", item.acknowledged)
    return copy
