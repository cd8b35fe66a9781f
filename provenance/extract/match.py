"""Matching candidate citations to the case's known sources and outlets: third stage.

A candidate becomes a reference by id when it points at something the case already
records (`matcher`): a link whose address, once normalised (w3lib's canonical form,
without the scheme, "www." and tracking parameters), is a source's `url` or
`archived_url`; a quotation that is a source's title or repeats words the case records
for it; a name that is, give or take a typo (rapidfuzz), a source's title or author, an
outlet's name or alias, or an account. The article itself, when the case already records
it, is recognised first and never proposed as its own citation.

Candidates for the same source are then gathered here into one proposed citation per
quoted passage, mentions of names the case does not know are dropped, and each
proposed citation gets a relation guessed from its evidence and a confidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from provenance.extract.addresses import address_key
from provenance.extract.article import Article, Metadata
from provenance.extract.candidates import Candidate, Evidence
from provenance.extract.matcher import Known, Match, Matcher
from provenance.extract.similarity import normalise
from provenance.model import Relation


@dataclass(frozen=True)
class ProposedCitation:
    """One citation for the draft: a matched source (or not) and the evidence for it."""

    match: Match
    evidence: tuple[Candidate, ...]
    """The candidates behind it, in the order of the text; the first is the main one."""
    confidence: float
    """How likely this is a citation of `match.source` (or, when no source is known,
    a citation at all): the evidence's confidence times the match's score."""
    relation: Relation
    """Guessed from the evidence: quotes for a quotation, links for a link only, else
    paraphrases."""
    wording: str
    """The quoted words, or the sentence."""

    @property
    def name(self) -> str | None:
        """What the article calls the cited source, for an unknown one."""
        return next((c.name or c.anchor or c.url for c in self.evidence if c.name or c.url), None)


@dataclass(frozen=True)
class Matching:
    """The outcome of matching one article's candidates."""

    citations: tuple[ProposedCitation, ...]
    itself: str | None = None
    """The known source the article itself seems to be, if any (never cited)."""
    itself_by: str = ""
    """What shows it: "the same address", "the same title", or "the same author and
    recorded words"."""
    outlet: str | None = None
    """The known outlet the article's metadata names, if any."""


def match_candidates(article: Article, candidates: Sequence[Candidate], known: Known) -> Matching:
    """Match every candidate, add sentences that repeat recorded wording, and gather
    them into proposed citations."""
    matcher = Matcher(known)
    itself, itself_by = matcher.identify(article.metadata) or (None, "")
    if itself is None and (by_author := matcher.identify_by_author(article, candidates)):
        itself, itself_by = by_author, "the same author and recorded words"
    if itself is not None:
        matcher = Matcher(replace(known, sources=tuple(s for s in known.sources if s.id != itself)))
    found = [*candidates, *matcher.wording_candidates(article, candidates)]
    matched = [(c, matcher.match(c)) for c in sorted(found, key=lambda c: c.start)]
    kept = [(c, m) for c, m in matched if _worth_keeping(c, m, article.metadata)]
    outlet = matcher.outlet_of(article.metadata)
    return Matching(tuple(_gather(kept)), itself, itself_by, outlet)


# --- gathering ---------------------------------------------------------------------------


def _worth_keeping(candidate: Candidate, match: Match, metadata: Metadata) -> bool:
    """Mentions count only when they name a known source (or, near a citing word, one of
    a few); a link to the article's own address never counts."""
    if (
        candidate.url
        and metadata.url
        and address_key(candidate.url) == address_key(metadata.url.value)
    ):
        return False
    if candidate.evidence is Evidence.MENTION:
        return match.source is not None or (
            bool(match.options)
            and match.how == "author"
            and candidate.reason == "mention near a citing word"
        )
    return True


def _key(candidate: Candidate, match: Match) -> tuple[str, ...]:
    if match.source:
        return ("source", match.source)
    if match.options:
        return ("options", *match.options)
    if candidate.url:
        return ("address", address_key(candidate.url))
    if candidate.name:
        return ("name", normalise(candidate.name))
    return ("quote", str(candidate.start))


@dataclass
class _Group:
    match: Match
    evidence: list[Candidate]
    quote: str | None


def _gather(matched: Sequence[tuple[Candidate, Match]]) -> Iterator[ProposedCitation]:
    """One proposed citation per cited source and quoted passage, in text order."""
    groups: dict[tuple[str, ...], list[_Group]] = {}
    order: list[_Group] = []
    for candidate, match in matched:
        entries = groups.setdefault(_key(candidate, match), [])
        target = _group_for(entries, candidate)
        if target is None:
            target = _Group(match, [], candidate.quote)
            entries.append(target)
            order.append(target)
        target.evidence.append(candidate)
        target.quote = target.quote or candidate.quote
        if match.score > target.match.score:
            target.match = match
    for group in order:
        yield _proposed(group)


def _group_for(entries: list[_Group], candidate: Candidate) -> _Group | None:
    if not entries:
        return None
    if candidate.quote is None:
        return entries[0]
    same = [g for g in entries if g.quote and _overlaps(g.quote, candidate.quote)]
    if same:
        return same[0]
    return entries[0] if entries[0].quote is None else None


def _proposed(group: _Group) -> ProposedCitation:
    evidence = tuple(group.evidence)
    strongest: dict[str, float] = {}
    for candidate in evidence:
        strongest[candidate.reason] = max(
            strongest.get(candidate.reason, 0.0), candidate.confidence
        )
    unlikely = 1.0
    for confidence in strongest.values():
        unlikely *= 1 - confidence
    score = group.match.score if group.match.source else 1.0
    relation = _relation(evidence, group.quote)
    wording = group.quote or _main_sentence(evidence)
    return ProposedCitation(
        group.match, evidence, round((1 - unlikely) * score, 2), relation, wording
    )


def _relation(evidence: Sequence[Candidate], quote: str | None) -> Relation:
    if quote:
        return Relation.QUOTES
    if any(c.evidence in (Evidence.LINK, Evidence.METADATA) for c in evidence):
        return Relation.LINKS
    return Relation.PARAPHRASES


_RANK = (Evidence.LINK, Evidence.ATTRIBUTION, Evidence.HANDLE, Evidence.MENTION, Evidence.METADATA)


def _main_sentence(evidence: Sequence[Candidate]) -> str:
    for kind in _RANK:
        for candidate in evidence:
            if candidate.evidence is kind and candidate.sentence:
                return candidate.sentence
    return evidence[0].url or evidence[0].name or ""


def _overlaps(quote: str, sentence: str) -> bool:
    return bool(quote) and (
        normalise(quote) in normalise(sentence) or normalise(sentence) in normalise(quote)
    )
