"""A claim's chain table: one row per source in order of publication, with its
citations, wording and word diffs, and the ids that tie it to its node in the graph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from provenance.model import Relation, Source
from provenance.render.common import safe_url, svg_edge_id, svg_node_id
from provenance.render.html.rows import date_cell
from provenance.render.html.views import DriftCell, HopCell, Link, SourceRow, StatementCell
from provenance.traced import Trace, TracedCitation, TracedSource

DRIFT_OPEN_SIMILARITY = 0.3
"""Below this similarity a citing source has reworded rather than edited, and its word
diff is folded away by default: it would be all deletions and insertions."""


@dataclass(frozen=True)
class _Hops:
    """A trace's citations indexed by source, so that a row of a large claim is built
    without scanning every citation (a 2,000-source claim took seconds that way)."""

    outlets: Mapping[str, str]
    made: Mapping[str, list[TracedCitation]]
    """By citing source."""
    touching: Mapping[str, list[TracedCitation]]
    """By either end."""

    @classmethod
    def of(cls, trace: Trace) -> _Hops:
        made: dict[str, list[TracedCitation]] = {}
        touching: dict[str, list[TracedCitation]] = {}
        for hop in trace.citations:
            made.setdefault(hop.citing, []).append(hop)
            for end in dict.fromkeys((hop.citing, hop.cited)):
                touching.setdefault(end, []).append(hop)
        outlets = {item.id: item.outlet for item in trace.sources}
        return cls(outlets, made, touching)


def source_rows(trace: Trace, days: Mapping[str, date | None]) -> tuple[SourceRow, ...]:
    """The claim's sources in order of publication, each with what ties it to the graph.

    `days` holds the first day each source can have appeared (`appearance_days`)."""
    hops = _Hops.of(trace)
    return tuple(_source_row(item, hops, days.get(item.id)) for item in trace.sources)


def _source_row(item: TracedSource, hops: _Hops, appeared: date | None) -> SourceRow:
    source = item.source
    made = hops.made.get(item.id, [])
    certainty = item.certainty
    return SourceRow(
        id=item.id,
        node_id=svg_node_id(item.id),
        date=date_cell(source.published),
        # The date control places a source by its own date only (firm or approximate):
        # one the record does not date is never hidden, whatever it cites.
        appeared=item.first_seen.earliest.date().isoformat() if item.first_seen else "",
        date_note=_date_note(source, appeared),
        outlet=item.outlet,
        authors=", ".join(source.authors),
        title=source.title if source.title != item.outlet else None,
        kind=source.kind.value,
        primary=source.is_primary,
        links=source_links(source),
        hops=tuple(_hop_cell(hop, item, hops) for hop in made),
        statements=tuple(
            StatementCell(own.wording, own.certainty.level.value, own.stance.value)
            for own in item.statements
        ),
        drifts=_drifts(made, hops),
        certainty=certainty.level.value if certainty else None,
        certainty_estimated=bool(certainty and certainty.estimated),
        cues=", ".join(dict.fromkeys(certainty.cues)) if certainty else "",
        stance=item.stance.value if item.stance else None,
        distance=_distance(item),
        distance_key=item.hops if item.hops is not None else 1_000_000,
        origin=item.is_origin,
        via=" ".join(item.via),
        via_edges=" ".join(_via_edges(item, hops)),
        edges=" ".join(svg_edge_id(hop) for hop in hops.touching.get(item.id, [])),
        tainted_by=item.tainted_by,
    )


def source_links(source: Source) -> tuple[Link, ...]:
    """Links out to the source and its archived copy; only web addresses become links."""
    links = []
    for text, url in (("source", source.url), ("archived copy", source.archived_url)):
        address = safe_url(url)
        if address:
            links.append(Link(text, address))
    return tuple(links)


def _date_note(source: Source, appeared: date | None) -> str | None:
    if source.published is not None:
        return source.published.note
    if appeared is not None:
        return f"not before {appeared.isoformat()}: it cites a source of that day"
    return None


def _distance(item: TracedSource) -> str:
    if item.is_origin:
        return "origin"
    return "—" if item.hops is None else str(item.hops)


def _hop_cell(hop: TracedCitation, citing: TracedSource, hops: _Hops) -> HopCell:
    wording = hop.citation.wording
    # Shown unless the row already shows it: as the source's own words, or in an
    # unfolded word diff measured on it.
    shown = {statement.wording for statement in citing.statements}
    drift = hop.drift
    if (
        drift
        and drift.similarity >= DRIFT_OPEN_SIMILARITY
        and hop.relation is not Relation.DISPUTES
    ):
        shown.add(drift.after)
    return HopCell(
        relation=hop.relation.value,
        cited=hop.cited,
        cited_outlet=hops.outlets[hop.cited],
        wording=wording if wording and wording not in shown else None,
        escalation=hop.escalation,
        temporal=hop.temporal,
    )


def _drifts(made: Sequence[TracedCitation], hops: _Hops) -> tuple[DriftCell, ...]:
    """One word diff per cited source: quoting and paraphrasing the same source compare
    the same two wordings."""
    cells: dict[tuple[str, str, str], DriftCell] = {}
    for hop in made:
        drift = hop.drift
        if drift is None or hop.relation is Relation.DISPUTES:
            continue
        key = (hop.cited, drift.before, drift.after)
        cells.setdefault(
            key,
            DriftCell(
                cited=hop.cited,
                cited_outlet=hops.outlets[hop.cited],
                similarity=f"{drift.similarity:.2f}",
                parts=drift.parts,
                open=drift.similarity >= DRIFT_OPEN_SIMILARITY,
            ),
        )
    return tuple(cells.values())


def _via_edges(item: TracedSource, hops: _Hops) -> list[str]:
    """Its citations of the sources one hop nearer an origin (disputes lead nowhere)."""
    nearer = set(item.via)
    return [
        svg_edge_id(hop)
        for hop in hops.made.get(item.id, [])
        if hop.cited in nearer and hop.relation is not Relation.DISPUTES
    ]
