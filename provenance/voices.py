"""Who speaks in a source: the unit in which independent origins are counted.

Two sources are independent only if different voices stand behind them. A careful
fact-checker does not count publishers mechanically:

- an article speaks for its **outlet**, and outlets that declare a shared newsroom, owner
  or script (`part_of`) speak as one group: twenty stations reading one script are one
  voice;
- a **wire** or agency story speaks for the agency, whichever paper printed it;
- a post speaks for its **account** or author, not for the platform: two people on
  Twitter are two voices (a `social-post`, or any source on an outlet marked `platform`);
- a **revision** of a page speaks as the page it revises;
- a statement that records its own `speaker` (an official quoted in an article) speaks
  for that person or outlet;
- a source that stands for several unnamed publications (`stands_for`) is a voice that
  cannot be counted: how many independent reports it holds, the record does not say;
  unless it names their outlet or wire, whose voice they all share.

A person is known by id (people.yaml) or, failing that, by name as written: a byline
"Mary Papenfuss" and a person "mary-papenfuss" named "Mary Papenfuss" are one person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from provenance.model import Case, Outlet, Person, Source, SourceKind, Statement


@dataclass(frozen=True, order=True)
class Voice:
    """One independent speaker."""

    key: str
    """What identifies it: "outlet:huffpost", "person:bob-cesca", "source:x"..."""
    label: str
    """How a reader knows it: "HuffPost", "David Weigel on Twitter"."""
    reason: str = ""
    """Why this voice, when it is not simply the outlet: "part of Sinclair Broadcast Group",
    "wire story of the Associated Press", "the account on Twitter"."""
    countable: bool = True
    """False for a source that stands for several unnamed publications."""


class Voices:
    """The voices of one case's sources, people and outlets."""

    def __init__(self, case: Case) -> None:
        self.outlets = {outlet.id: outlet for outlet in case.outlets}
        self.people = {person.id: person for person in case.people}
        self.sources = {source.id: source for source in case.sources}
        self._people_by_name = _people_by_name(case.people)

    # -- people --

    def person_key(self, name_or_id: str) -> str:
        """A person's identity: their id when people.yaml knows them (by id, name or
        alias), else their name as written, folded to lower case."""
        if name_or_id in self.people:
            return f"person:{name_or_id}"
        known = self._people_by_name.get(_folded(name_or_id))
        return f"person:{known}" if known else f"name:{_folded(name_or_id)}"

    def person_name(self, name_or_id: str) -> str:
        """The name to show: a person's recorded name, or the text as written."""
        person = self.people.get(name_or_id)
        return person.name if person else name_or_id

    def author_keys(self, source: Source) -> frozenset[str]:
        return frozenset(self.person_key(author) for author in source.authors)

    def speaker_keys(self, source: Source, statement: Statement | None = None) -> frozenset[str]:
        """Everyone who can be said to make a statement: its recorded speaker, else the
        source's authors and its outlet."""
        if statement is not None and statement.speaker:
            return frozenset({self.party_key(statement.speaker)})
        keys = set(self.author_keys(source))
        if source.outlet:
            keys.add(f"outlet:{source.outlet}")
        return frozenset(keys)

    def party_key(self, identifier: str) -> str:
        """A person or outlet, by id (subjects and speakers may be either)."""
        if identifier in self.outlets and identifier not in self.people:
            return f"outlet:{identifier}"
        return self.person_key(identifier)

    def party_name(self, identifier: str) -> str:
        if identifier in self.people:
            return self.people[identifier].name
        outlet = self.outlets.get(identifier)
        return outlet.name if outlet else identifier

    # -- voices --

    def of_source(self, source: Source, statement: Statement | None = None) -> Voice:
        """Who speaks in `source` (for `statement`, when one is given)."""
        original = self.original(source)
        if original is not source:
            voice = self.of_source(original, statement)
            return Voice(
                voice.key, voice.label, f"a later version of {original.id}", voice.countable
            )
        if statement is not None and statement.speaker:
            name = self.party_name(statement.speaker)
            return Voice(self.party_key(statement.speaker), name, f"the words of {name}")
        if source.stands_for and not (source.wire or source.outlet):
            # Unnamed publications that all belong to a declared outlet or group speak as
            # it; otherwise how many voices they hold is unknown.
            return Voice(f"several:{source.id}", source.stands_for, "several publications", False)
        if source.wire:
            voice = self.of_outlet(source.wire)
            return Voice(voice.key, voice.label, f"a wire story of {voice.label}")
        if self._speaks_for_itself(source):
            return self._account(source)
        if source.outlet:
            return self.of_outlet(source.outlet)
        if source.authors:
            name = self.person_name(source.authors[0])
            return Voice(self.person_key(source.authors[0]), name)
        return Voice(f"source:{source.id}", source.id)  # no outlet, no author: itself

    def of_outlet(self, outlet_id: str) -> Voice:
        """An outlet's voice: its group's, when it is part of one."""
        group = self.group_of(outlet_id)
        label = self._outlet_name(group)
        if group == outlet_id:
            return Voice(f"outlet:{group}", label)
        return Voice(f"outlet:{group}", label, f"{self._outlet_name(outlet_id)} is part of {label}")

    def group_of(self, outlet_id: str) -> str:
        """The outermost outlet of `part_of` links (a loop of them, which the checks
        refuse, stops where it closes)."""
        seen = {outlet_id}
        current = outlet_id
        while (outlet := self.outlets.get(current)) is not None and outlet.part_of:
            if outlet.part_of in seen:
                break
            seen.add(outlet.part_of)
            current = outlet.part_of
        return current

    def original(self, source: Source) -> Source:
        """The first version of a page: `revision_of` followed back to its start."""
        seen = {source.id}
        current = source
        while current.revision_of and current.revision_of in self.sources:
            if current.revision_of in seen:
                break
            seen.add(current.revision_of)
            current = self.sources[current.revision_of]
        return current

    def _speaks_for_itself(self, source: Source) -> bool:
        outlet = self.outlets.get(source.outlet) if source.outlet else None
        on_platform = outlet is not None and outlet.platform
        return bool(source.authors) and (source.kind is SourceKind.SOCIAL_POST or on_platform)

    def _account(self, source: Source) -> Voice:
        name = self.person_name(source.authors[0])
        platform = self._outlet_name(source.outlet) if source.outlet else ""
        label = f"{name} on {platform}" if platform else name
        return Voice(self.person_key(source.authors[0]), label, "an account speaks for itself")

    def _outlet_name(self, outlet_id: str) -> str:
        outlet: Outlet | None = self.outlets.get(outlet_id)
        return outlet.name if outlet else outlet_id


def _people_by_name(people: Iterable[Person]) -> dict[str, str]:
    names: dict[str, str] = {}
    for person in sorted(people, key=lambda item: item.id):
        for name in (person.name, *person.aliases):
            names.setdefault(_folded(name), person.id)
    return names


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())
