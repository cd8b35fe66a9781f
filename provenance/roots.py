"""Where a claim enters the record, and how many independent voices stand behind it.

The roots are the entry points of spread.py (a source, or a loop, that takes the claim
from no other), each with its origin or candidates, its voice (voices.py) and who stands
on it. Independence counts distinct voices at the roots twice: as recorded, and once the
copies inferred from the wording (copies.py) are taken as links. A root that stands for
several unnamed publications, or only reports the claim, is counted apart. Where the
claim started is the earliest root by first appearance. docs/analysis.md gives the
rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from provenance.model import PublicationDate
from provenance.spread import EntryPoint, Spread, entry_points
from provenance.traced import Independence, InferredCopy, Root, TracedSource
from provenance.voices import Voice


def roots_of(
    support: nx.DiGraph, spread: Spread, traced: Mapping[str, TracedSource]
) -> tuple[Root, ...]:
    reversed_support = support.reverse(copy=False)
    roots = []
    for entry in spread.entry_points:
        dependants = set(nx.multi_source_dijkstra_path_length(reversed_support, entry.members))
        dependants -= set(entry.members)
        roots.append(
            Root(
                origin=entry.origin,
                primary=any(traced[node].source.is_primary for node in entry.starts),
                dependants=tuple(sorted(dependants)),
                outlets=tuple(sorted({traced[node].outlet for node in dependants})),
                candidates=entry.candidates,
                members=entry.members,
                reason=entry.reason,
                voice=_root_voice(entry, traced).label,
                first_seen=_earliest(traced[node].first_seen for node in entry.starts),
            )
        )
    return tuple(sorted(roots, key=_root_order))


def _root_voice(entry: EntryPoint, traced: Mapping[str, TracedSource]) -> Voice:
    by_key = {voice.key: voice for node in entry.starts if (voice := traced[node].voice)}
    voices = [by_key[key] for key in sorted(by_key)]
    if len(voices) == 1:
        return voices[0]
    labels = " or ".join(voice.label for voice in voices)
    return Voice("loop:" + "+".join(voice.key for voice in voices), labels)


def _earliest(dates: Iterable[PublicationDate | None]) -> PublicationDate | None:
    known = [date for date in dates if date is not None]
    return min(known, key=lambda date: (date.earliest, date.latest)) if known else None


def _root_order(root: Root) -> tuple[int, str, tuple[str, ...]]:
    seen = root.first_seen
    return (0, seen.earliest.isoformat(), root.members) if seen else (1, "", root.members)


def suggested_entries(
    spread: Spread,
    with_copies: nx.DiGraph,
    traced: Mapping[str, TracedSource],
    copies: tuple[InferredCopy, ...],
) -> tuple[EntryPoint, ...]:
    """Where the claim enters the record once the inferred copies count as links."""
    if not copies:
        return spread.entry_points
    dates = {node: traced[node].first_seen for node in with_copies}
    return tuple(entry_points(with_copies, dates))


def where_it_could_start(
    entries: Iterable[EntryPoint], traced: Mapping[str, TracedSource]
) -> tuple[str, ...]:
    """The roots where the claim could have started: a source that only reports the
    claim (neutral) reports someone else's claim, so it is left out while any root takes
    the claim up."""
    starts = sorted({node for entry in entries for node in entry.starts})
    taking_up = [node for node in starts if not traced[node].neutral_only]
    return tuple(taking_up or starts)


def independence_of(
    spread: Spread, suggested: tuple[EntryPoint, ...], traced: Mapping[str, TracedSource]
) -> Independence:
    """Independent voices at the roots: as recorded, and with the inferred copies taken
    as links."""
    recorded = _VoiceCount(spread.entry_points, traced)
    suggested_count = _VoiceCount(suggested, traced)
    return Independence(
        recorded=len(recorded.voices),
        with_copies=len(suggested_count.voices),
        uncountable=recorded.uncountable,
        reporting_only=recorded.reporting_only,
        voices=tuple(sorted(recorded.voices.values())),
        voices_with_copies=tuple(sorted(suggested_count.voices.values())),
    )


class _VoiceCount:
    """Distinct voices at a set of roots: a loop counts once; a root that stands for
    several unnamed publications, or only reports the claim, is counted apart."""

    def __init__(self, entries: Iterable[EntryPoint], traced: Mapping[str, TracedSource]):
        self.voices: dict[str, str] = {}
        self.uncountable = self.reporting_only = 0
        for entry in entries:
            found = _root_voice(entry, traced)
            starts = [traced[node] for node in entry.starts]
            if any(item.voice is not None and not item.voice.countable for item in starts):
                self.uncountable += 1
            elif all(item.neutral_only for item in starts):
                self.reporting_only += 1
            else:
                self.voices.setdefault(found.key, found.label)
