"""How a claim spread: origins by first appearance, hops, the longest chain, and loops.

The input is a claim's support graph: an edge A -> B where A takes the claim from B (a
citation, or a later version of a page taking it from the earlier one). Citations can run
in circles (citogenesis: a wiki invents a fact, papers copy it, the wiki then cites the
papers), so the graph is first condensed into its strongly connected components:

- a component that takes the claim from no other component is where the claim **enters
  the record**; a source that carries the claim always reaches at least one;
- in a component of one source, that source is the origin; in a loop, the origin is the
  claim's **first appearance**: the member with the earliest firm date, provided every
  other member is certainly later. Where the dates cannot decide (a member undated, or
  dated only approximately, or dates that overlap), the origin is left undecided and
  the members that could have been first are listed as candidates;
- hops count citations from the nearest origin (any candidate, when undecided);
- the longest chain is a longest path of components, walked through recorded links only
  (inside a loop, by the shortest way round);
- a loop is named by one real cycle through it; and the claim **returning to a voice**
  it had left (outlet A -> B -> A, a wiki at two dates) is circular reporting too.

Every walk here is iterative: a chain of 10,000 citations is as easy as one of three.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from provenance.model import PublicationDate


@dataclass(frozen=True)
class EntryPoint:
    """A strongly connected component that takes the claim from no other: where the claim
    enters the record."""

    members: tuple[str, ...]
    """Its sources, sorted (one, or the sources of a loop)."""
    origin: str | None
    """The first appearance, when the record decides it."""
    candidates: tuple[str, ...]
    """The members that could have been first (just the origin, when decided)."""
    reason: str
    """How the origin was decided, or why it could not be: "" for a single source."""

    @property
    def decided(self) -> bool:
        return self.origin is not None

    @property
    def starts(self) -> tuple[str, ...]:
        """Where hops are counted from: the origin, or every candidate."""
        return (self.origin,) if self.origin is not None else self.candidates


@dataclass(frozen=True)
class Spread:
    """The shape of one claim's spread."""

    entry_points: tuple[EntryPoint, ...]
    hops: Mapping[str, int]
    """Citations between each source and the nearest origin (or candidate)."""
    parents: Mapping[str, tuple[str, ...]]
    """For each source, the sources it takes the claim from that are one hop nearer."""
    longest_chain: tuple[str, ...]
    """A longest chain of recorded links, from an origin outward."""
    loops: tuple[tuple[str, ...], ...]
    """One real cycle through each loop, starting at its smallest member."""
    component_of: Mapping[str, int]


Dates = Mapping[str, PublicationDate | None]


def analyse(support: nx.DiGraph, dates: Dates) -> Spread:
    """The spread of a claim over its support graph (A -> B: A takes the claim from B).

    `dates` gives each source's first appearance of the claim (None when unknown)."""
    condensed = nx.condensation(support)
    members: dict[int, tuple[str, ...]] = {
        component: tuple(sorted(condensed.nodes[component]["members"]))
        for component in condensed.nodes
    }
    component_of: dict[str, int] = condensed.graph["mapping"]
    entry_points = tuple(
        sorted(
            (
                first_appearance(members[component], dates)
                for component in condensed.nodes
                if condensed.out_degree(component) == 0
            ),
            key=lambda entry: entry.members,
        )
    )
    starts = [node for entry in entry_points for node in entry.starts]
    hops, parents = distances(support, starts)
    loops = tuple(
        sorted(
            shortest_cycle(support, group[0])
            for group in members.values()
            if len(group) > 1 or support.has_edge(group[0], group[0])
        )
    )
    chain = _longest_chain(support, condensed, members, entry_points)
    return Spread(entry_points, hops, parents, chain, loops, component_of)


def entry_points(support: nx.DiGraph, dates: Dates) -> list[EntryPoint]:
    """Where the claim enters the record, without the rest of the analysis (for a graph
    with inferred links added)."""
    condensed = nx.condensation(support)
    return sorted(
        (
            first_appearance(tuple(sorted(condensed.nodes[component]["members"])), dates)
            for component in condensed.nodes
            if condensed.out_degree(component) == 0
        ),
        key=lambda entry: entry.members,
    )


# --- first appearance ----------------------------------------------------------------


def first_appearance(
    members: Sequence[str], dates: Dates, *, approximate_decides: bool = False
) -> EntryPoint:
    """The first appearance of the claim among `members`: the only one, or the one whose
    date is certainly earlier than every other's. Only firm dates decide, unless
    `approximate_decides` (then the reason says that an estimate decided)."""
    if len(members) == 1:
        return EntryPoint(tuple(members), members[0], tuple(members), "")
    candidates = _possible_firsts(members, dates, approximate=False)
    how, later = "first appearance", ""
    if len(candidates) > 1 and approximate_decides:
        estimated = _possible_firsts(candidates, dates, approximate=True)
        if len(estimated) < len(candidates):
            dropped = [member for member in candidates if member not in estimated]
            how = "first appearance by approximate dates"
            later = f"by approximate dates {', '.join(dropped)} came later; "
            candidates = estimated
    if len(candidates) == 1:
        origin = candidates[0]
        others = ", ".join(_dated(member, dates) for member in members if member != origin)
        return EntryPoint(
            tuple(members), origin, candidates, f"{how}: {_dated(origin, dates)}, before {others}"
        )
    unsure = any(not _firm(dates.get(member)) for member in candidates)
    why = "an undated or estimated date could be earlier" if unsure else "their dates overlap"
    listed = ", ".join(_dated(member, dates) for member in candidates)
    return EntryPoint(
        tuple(members),
        None,
        candidates,
        f"{later}the dates cannot decide which came first among {listed}: {why}",
    )


def _possible_firsts(members: Sequence[str], dates: Dates, *, approximate: bool) -> tuple[str, ...]:
    return tuple(
        member
        for member in members
        if _could_be_first(member, members, dates, approximate=approximate)
    )


def _could_be_first(
    member: str, members: Sequence[str], dates: Dates, *, approximate: bool = False
) -> bool:
    """False only when another member's firm date (or, with `approximate`, any date) is
    certainly earlier than this one's. An undated member could always be first."""
    own = dates.get(member)
    if own is None:
        return True
    for other in members:
        date = dates.get(other)
        deciding = date is not None and (approximate or not date.approximate)
        if other != member and deciding and date is not None and date.latest < own.earliest:
            return False
    return True


def _firm(date: PublicationDate | None) -> bool:
    return date is not None and not date.approximate


def _dated(member: str, dates: Dates) -> str:
    date = dates.get(member)
    return f"{member} ({date.label if date else 'date unknown'})"


# --- hops ------------------------------------------------------------------------------


def distances(
    support: nx.DiGraph, starts: Iterable[str]
) -> tuple[dict[str, int], dict[str, tuple[str, ...]]]:
    """Breadth-first from the origins along reversed support edges: each reachable
    source's hop count, and the sources one hop nearer that it takes the claim from."""
    hops: dict[str, int] = {}
    parents: dict[str, list[str]] = {}
    queue: deque[str] = deque()
    for start in sorted(set(starts)):
        hops[start], parents[start] = 0, []
        queue.append(start)
    while queue:
        node = queue.popleft()
        for citing in sorted(support.predecessors(node)):
            if citing not in hops:
                hops[citing] = hops[node] + 1
                parents[citing] = []
                queue.append(citing)
            if hops[citing] == hops[node] + 1:
                parents[citing].append(node)
    return hops, {node: tuple(above) for node, above in parents.items()}


def path_back(node: str, parents: Mapping[str, Sequence[str]], limit: int) -> tuple[str, ...]:
    """The first shortest path from `node` back to an origin, at most `limit` steps."""
    path = [node]
    while parents.get(path[-1]) and len(path) <= limit:
        path.append(parents[path[-1]][0])
    return tuple(path)


# --- loops -------------------------------------------------------------------------------


def shortest_cycle(graph: nx.DiGraph, node: str) -> tuple[str, ...]:
    """A shortest cycle through `node` (breadth-first, so it uses recorded edges only)."""
    if graph.has_edge(node, node):
        return (node,)
    parent: dict[str, str] = {}
    queue: deque[str] = deque()
    for successor in sorted(graph.successors(node)):
        if successor not in parent:
            parent[successor] = node
            queue.append(successor)
    while queue:
        current = queue.popleft()
        if current == node:
            break
        for successor in sorted(graph.successors(current)):
            if successor not in parent:
                parent[successor] = current
                queue.append(successor)
    cycle = [node]
    step = parent.get(node)
    while step is not None and step != node:
        cycle.append(step)
        step = parent[step]
    return (cycle[0], *reversed(cycle[1:]))


def voice_returns(
    support: nx.DiGraph, voice_of: Callable[[str], str], limit: int = 20
) -> list[tuple[str, ...]]:
    """Paths on which the claim leaves a voice and comes back to it through another
    (A1 -> B -> A2, where A1 and A2 share a voice and B does not); one per voice.

    Each path is a real chain of edges, reported from the source that comes back to the
    source it comes back to: A1 takes the claim from B, which took it from A2.
    """
    groups: dict[str, list[str]] = {}
    for node in sorted(support.nodes):
        groups.setdefault(voice_of(node), []).append(node)
    found = []
    for voice, group in sorted(groups.items()):
        if len(group) < 2:
            continue
        path = _return_path(support, set(group), voice, voice_of)
        if path is not None:
            found.append(path)
            if len(found) >= limit:
                break
    return found


def _return_path(
    support: nx.DiGraph, group: set[str], voice: str, voice_of: Callable[[str], str]
) -> tuple[str, ...] | None:
    parent: dict[str, str] = {}
    queue: deque[str] = deque()
    for member in sorted(group):
        for cited in sorted(support.successors(member)):
            if voice_of(cited) != voice and cited not in parent:
                parent[cited] = member
                queue.append(cited)
    while queue:
        node = queue.popleft()
        for cited in sorted(support.successors(node)):
            if cited in parent:
                continue
            parent[cited] = node
            if cited in group:
                return _unwind(cited, parent, group)
            queue.append(cited)
    return None


def _unwind(end: str, parent: Mapping[str, str], group: set[str]) -> tuple[str, ...]:
    path = [end]
    while path[-1] in parent:
        path.append(parent[path[-1]])
        if path[-1] in group:
            break
    return tuple(reversed(path))


# --- the longest chain ---------------------------------------------------------------------


def _longest_chain(
    support: nx.DiGraph,
    condensed: nx.DiGraph,
    members: Mapping[int, tuple[str, ...]],
    entry_points: Sequence[EntryPoint],
) -> tuple[str, ...]:
    """A longest path of components from an entry point outward, walked on real links."""
    if support.number_of_edges() == 0:
        return ()
    outward = condensed.reverse(copy=False)
    order = list(
        nx.lexicographical_topological_sort(outward, key=lambda component: members[component])
    )
    components = nx.dag_longest_path(outward, topo_order=order)
    if len(components) < 2 and len(members[components[0]]) < 2:
        return ()
    first = members[components[0]]
    start = next((entry.starts[0] for entry in entry_points if entry.members == first), first[0])
    return _walk(support, [members[component] for component in components], start)


def _walk(
    support: nx.DiGraph, components: Sequence[tuple[str, ...]], start: str
) -> tuple[str, ...]:
    """Realise a path of components as sources joined by real links: inside a component,
    the shortest way from where the walk entered to where it leaves."""
    chain = [start]
    for current, following in itertools.pairwise(components):
        inside, ahead = set(current), set(following)
        route = _route_out(support, chain[-1], inside, ahead)
        chain.extend(route)
    if len(components) == 1 and len(components[0]) > 1:
        cycle = shortest_cycle(support.reverse(copy=False), start)
        chain.extend(cycle[1:])
    return tuple(chain)


def _route_out(support: nx.DiGraph, start: str, inside: set[str], ahead: set[str]) -> list[str]:
    """The shortest walk against the support edges (outward, the way the claim travelled)
    from `start`, within `inside`, to a source in `ahead`: the steps after `start`."""
    parent: dict[str, str | None] = {start: None}
    queue: deque[str] = deque([start])
    while queue:
        node = queue.popleft()
        for citing in sorted(support.predecessors(node)):
            if citing in ahead:
                steps = [citing, node]
                while (step := parent[steps[-1]]) is not None:
                    steps.append(step)
                return list(reversed(steps))[1:]
            if citing in inside and citing not in parent:
                parent[citing] = node
                queue.append(citing)
    return []
