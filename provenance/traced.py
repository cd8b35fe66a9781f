"""The results of a trace: frozen dataclasses that every later stage reads.

trace.py makes them, findings.py turns them into warnings and notes, and the renderers
and exports show them. They hold no logic beyond small derived properties.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.certainty import CertaintyReading
from provenance.model import Citation, Claim, PublicationDate, Relation, Source, Stance
from provenance.voices import Voice
from provenance.wording import QuoteCheck, QuoteStatus, WordingDrift


@dataclass(frozen=True)
class TracedStatement:
    wording: str
    stance: Stance
    certainty: CertaintyReading
    date: PublicationDate | None = None
    """When the statement was made, where the case records it apart from the source."""
    speaker: str | None = None
    """Who made it (a person or outlet id), where not the source's author."""


@dataclass(frozen=True)
class TracedSource:
    """One source's place in a claim's trace."""

    source: Source
    outlet: str
    """The outlet's display name (or the source's own label when it has none)."""
    carries: bool
    """It passes the claim on: it states it (not disputing), or is cited for it."""
    is_origin: bool
    """The claim enters the record here (an origin decided by first appearance)."""
    hops: int | None
    """Citations between it and the nearest origin; None when it does not carry it."""
    paths: tuple[tuple[str, ...], ...]
    """Shortest paths back to an origin, each from this source to the origin; at most
    MAX_PATHS, and none beyond MAX_PATH_HOPS hops (follow `via` there)."""
    statements: tuple[TracedStatement, ...]
    tainted_by: tuple[str, ...] = ()
    """Retracted or corrected sources it relies on for this claim (never itself)."""
    via: tuple[str, ...] = ()
    """The sources it takes the claim from that are one hop nearer an origin: the next
    step of every shortest path back."""
    voice: Voice | None = None
    """Who speaks in it, for counting independent origins (voices.py)."""
    first_seen: PublicationDate | None = None
    """When the claim first appears in it: its earliest dated statement of the claim, or
    its publication date."""
    candidate_origin: bool = False
    """It could be where the claim entered the record, but the dates cannot decide."""
    retracted: bool = False
    """Its own retraction or correction covers this claim."""

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def certainty(self) -> CertaintyReading | None:
        """The strongest ranked certainty among its statements of the claim (unknown only
        when no statement has a ranked one)."""
        readings = [statement.certainty for statement in self.statements]
        ranked = [reading for reading in readings if reading.level.ranked]
        if ranked:
            return max(ranked, key=lambda reading: reading.level.rank)
        return readings[0] if readings else None

    @property
    def stance(self) -> Stance | None:
        stances = {statement.stance for statement in self.statements}
        for stance in (Stance.DISPUTES, Stance.SUPPORTS, Stance.NEUTRAL):
            if stance in stances:
                return stance
        return None

    @property
    def disputes(self) -> bool:
        """Every statement it makes of the claim disputes it."""
        return bool(self.statements) and all(
            statement.stance is Stance.DISPUTES for statement in self.statements
        )

    @property
    def wording(self) -> str | None:
        """Its own words for the claim: the first statement, if it has one."""
        return self.statements[0].wording if self.statements else None

    @property
    def voice_label(self) -> str:
        """Who speaks in it, as a reader knows them."""
        return self.voice.label if self.voice is not None else self.outlet

    @property
    def neutral_only(self) -> bool:
        """It reports the claim without taking it up: every statement of it is neutral."""
        return bool(self.statements) and all(
            statement.stance is Stance.NEUTRAL for statement in self.statements
        )


class CertaintyChange:
    """How a hop changed the claim's certainty."""

    ESCALATION = "escalation"
    SOFTENING = "softening"


@dataclass(frozen=True)
class TracedCitation:
    """One hop: a citing source taking the claim from a cited one."""

    citation: Citation
    citing: str
    cited: str
    drift: WordingDrift | None
    """How the wording changed: from the cited source's statement that the citing words
    match best to those words. None across a dispute, or without words on either side."""
    escalation: bool
    """The citing source sounds more certain than the source it relies on."""
    temporal: bool
    """The cited source was published after the citing one, by the dates recorded."""
    softening: bool = False
    """The citing source sounds less certain than the source it relies on."""
    quotes: tuple[QuoteCheck, ...] = ()
    """Each quotation in the citation's wording, held to the cited source's words."""
    misattributed: bool = False
    """The cited source is recorded as having left the claim out (`omits`): the citation
    attributes to it what it did not say."""

    @property
    def relation(self) -> Relation:
        return self.citation.relation

    @property
    def misquotes(self) -> tuple[QuoteCheck, ...]:
        return tuple(quote for quote in self.quotes if quote.status is QuoteStatus.MISQUOTE)


@dataclass(frozen=True)
class InferredCopy:
    """A later source that reproduces an earlier one's wording of the claim and records
    no citation that could explain it: proposed, never recorded."""

    later: str
    """The source that seems to have copied (or, when `direction_known` is false, one of
    the two)."""
    earlier: str
    """The source it seems to have copied from."""
    passage: str
    """The longest run of words they share, as the earlier source writes it."""
    shared_words: int
    similarity: float
    """How alike the two wordings are as wholes, 0 to 1."""
    direction_known: bool
    """False when the dates cannot tell which came first: the two are not independent,
    but which copied which is unknown."""
    reason: str
    """Why this direction ("earlier: 2009-02-08 before 2009-02-09") or why none."""
    alternatives: tuple[str, ...] = ()
    """Other earlier sources whose wording the later one matches as closely: it may have
    copied any of them."""


@dataclass(frozen=True)
class Root:
    """One place where the claim enters the record, and who stands on it."""

    origin: str | None
    """The first appearance; None when the dates cannot decide among `candidates`."""
    primary: bool
    dependants: tuple[str, ...]
    """Sources that reach this root through their citations."""
    outlets: tuple[str, ...]
    """The outlets of those sources (display names)."""
    candidates: tuple[str, ...] = ()
    """Every source that could be the origin (just the origin, when decided)."""
    members: tuple[str, ...] = ()
    """All sources of the root: one, or the sources of a citation loop."""
    reason: str = ""
    """How the origin was decided among the members of a loop, or why it could not be."""
    voice: str = ""
    """Who speaks at the root (a label), as independence counts it."""
    first_seen: PublicationDate | None = None

    @property
    def decided(self) -> bool:
        return self.origin is not None


@dataclass(frozen=True)
class Independence:
    """How many independent voices stand behind the claim."""

    recorded: int
    """Distinct voices at the roots, counting recorded citations only."""
    with_copies: int
    """The same, once the inferred copies are taken as citations."""
    uncountable: int = 0
    """Roots that stand for several unnamed publications: at least one voice each, how
    many the record does not say (not included in the counts above)."""
    reporting_only: int = 0
    """Roots that only report the claim without taking it up (neutral statements): they
    put it on record but do not stand behind it (not included in the counts above)."""
    voices: tuple[str, ...] = ()
    """The voices at the roots, as recorded."""
    voices_with_copies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dispute:
    """A source that disputes the claim, and what it disputes it with."""

    source: str
    wordings: tuple[str, ...]
    evidence_claims: tuple[str, ...]
    """Other claims the disputing source states (its counter-claims)."""
    evidence_sources: tuple[str, ...]
    """Sources it cites for those counter-claims."""
    by_subject: tuple[str, ...] = ()
    """The claim's subjects (names) who speak in the dispute: a denial by its subject."""
    by_origin_author: tuple[str, ...] = ()
    """Authors or the publisher of an origin (names) who speak in the dispute."""


@dataclass(frozen=True)
class Omission:
    """A source that covered the story and did not carry the claim."""

    source: str
    note: str | None
    outlet: str = ""
    """The outlet's display name (or the source's own label)."""


@dataclass(frozen=True)
class TraceWarning:
    code: str
    message: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trace:
    """Everything known about how one claim moved through one case."""

    case_id: str
    claim: Claim
    sources: tuple[TracedSource, ...]
    """In order of first appearance (undated last)."""
    citations: tuple[TracedCitation, ...]
    origins: tuple[str, ...]
    """The decided origins, in order of first appearance."""
    roots: tuple[Root, ...]
    """Where the claim enters the record, in order of first appearance."""
    independent_origins: int
    """Independent voices at the roots, as recorded (see `independence`)."""
    longest_chain: tuple[str, ...]
    """A longest chain of recorded links, from an origin outward."""
    cycles: tuple[tuple[str, ...], ...]
    """Citation loops, each as one real cycle."""
    disputes: tuple[Dispute, ...]
    warnings: tuple[TraceWarning, ...]
    independence: Independence | None = None
    inferred_copies: tuple[InferredCopy, ...] = ()
    returns: tuple[tuple[str, ...], ...] = ()
    """Recorded paths on which the claim leaves a voice and comes back to it."""
    returns_with_copies: tuple[tuple[str, ...], ...] = ()
    """Such paths that only the inferred copies make."""
    revisions: tuple[tuple[str, str], ...] = ()
    """(later version, earlier version) pairs of one page, both carrying the claim."""
    omissions: tuple[Omission, ...] = ()
    notes: tuple[TraceWarning, ...] = ()
    """Findings that are not problems: a softening, a quotation that cannot be checked."""
    first_appearance: tuple[str, ...] = ()
    """Where the claim started: the earliest of the roots (with inferred copies taken
    into account), by first appearance; several when the dates cannot decide."""
    first_appearance_reason: str = ""
    suggested_origins: tuple[str, ...] = ()
    """The roots once the inferred copies count as links (candidates included): where the
    wording suggests the claim entered the record."""

    def source(self, source_id: str) -> TracedSource:
        return next(item for item in self.sources if item.id == source_id)
