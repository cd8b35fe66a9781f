"""Who disputes a claim, who retracted or corrected it, and who left it out.

A dispute is a statement that disputes the claim; two weigh most: a denial by someone the
claim is about (its `subjects`), and a dispute by the author or publisher of where the
claim started. A retracted or corrected source taints every source that takes the claim
from it. A source recorded as leaving the claim out (`omits`) is listed as covering the
story without it. docs/analysis.md gives the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from provenance.graph import outlet_name
from provenance.model import Case, Claim, Source, Stance
from provenance.traced import Dispute, Omission, TracedStatement
from provenance.voices import Voices


def disputes_of(
    sources: Mapping[str, Source],
    statements: Mapping[str, tuple[TracedStatement, ...]],
    claim: Claim,
    voices: Voices,
    origins: Iterable[str],
) -> tuple[Dispute, ...]:
    subjects = {voices.party_key(subject): voices.party_name(subject) for subject in claim.subjects}
    origin_authors = _origin_authors(sources, origins, voices)
    disputes = []
    for node in sorted(sources):
        disputing = [item for item in statements[node] if item.stance is Stance.DISPUTES]
        if not disputing:
            continue
        source = sources[node]
        speakers = _dispute_speakers(source, claim.id, voices)
        counter_claims = sorted(
            {item.claim for item in source.statements if item.claim != claim.id}
        )
        disputes.append(
            Dispute(
                source=node,
                wordings=tuple(item.wording for item in disputing),
                evidence_claims=tuple(counter_claims),
                evidence_sources=tuple(
                    sorted({c.cites for c in source.citations if c.claim in counter_claims})
                ),
                by_subject=tuple(sorted({subjects[key] for key in speakers if key in subjects})),
                by_origin_author=tuple(
                    sorted({origin_authors[key] for key in speakers if key in origin_authors})
                ),
            )
        )
    return tuple(disputes)


def _dispute_speakers(source: Source, claim_id: str, voices: Voices) -> set[str]:
    speakers: set[str] = set()
    for statement in source.statements:
        if statement.claim == claim_id and statement.stance is Stance.DISPUTES:
            speakers |= voices.speaker_keys(source, statement)
    return speakers


def _origin_authors(
    sources: Mapping[str, Source], origins: Iterable[str], voices: Voices
) -> dict[str, str]:
    """Who made the claim where it started (the first appearance, or each candidate), by
    person or outlet key: its authors, the speakers of its statements, and the outlet it
    speaks for ("its publisher"; an account on a platform speaks for itself)."""
    authors: dict[str, str] = {}
    for node in origins:
        source = sources[node]
        named = [*source.authors, *(item.speaker for item in source.statements if item.speaker)]
        for name in named:
            authors.setdefault(voices.party_key(name), voices.party_name(name))
        voice = voices.of_source(source)
        if voice.key.startswith("outlet:"):
            authors.setdefault(voice.key, f"its publisher {voice.label}")
    return authors


def amended(source: Source, claim_id: str) -> bool:
    return any(
        amendment is not None and (not amendment.claims or claim_id in amendment.claims)
        for amendment in (source.retracted, source.corrected)
    )


def taints(
    support: nx.DiGraph, sources: Mapping[str, Source], claim_id: str
) -> dict[str, tuple[str, ...]]:
    """For each source, the retracted or corrected sources it relies on for the claim
    (a source is not listed as relying on itself)."""
    taints: dict[str, set[str]] = {}
    for node, source in sources.items():
        if not amended(source, claim_id) or node not in support:
            continue
        for dependant in nx.ancestors(support, node):
            if dependant != node:
                taints.setdefault(dependant, set()).add(node)
    return {node: tuple(sorted(origin)) for node, origin in taints.items()}


def omissions_of(case: Case, claim_id: str) -> tuple[Omission, ...]:
    return tuple(
        Omission(source.id, omission.note, outlet_name(case, source))
        for source in sorted(case.sources, key=lambda item: item.id)
        for omission in source.omits
        if omission.claim == claim_id
    )
