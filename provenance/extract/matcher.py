"""Matching one candidate citation to what the case records: a source by its address,
title, author or account, an outlet by its name, alias or domain, or a source whose
recorded words a quotation repeats.

A `Matcher` builds its lookup tables once from the case (`Known`). A name that fits an
outlet or a person with several sources is narrowed by what the sentence calls the thing
cited ("tweet" -> social-post) or by an outlet it names, and otherwise left open with the
ids it may be. Addresses are compared in the form `addresses.address_key` gives them,
names and words as `similarity` compares them (rapidfuzz).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from provenance.extract.addresses import account_of, address_key, host_of, path_of
from provenance.extract.article import Article, BlockRole, Metadata
from provenance.extract.candidates import Candidate, Evidence
from provenance.extract.sentences import split_sentences
from provenance.extract.similarity import normalise, person_similarity
from provenance.load import load_case
from provenance.model import Claim, Outlet, Relation, Source, SourceKind


@dataclass(frozen=True)
class Known:
    """What a case already records, for matching: its sources, outlets and claims."""

    sources: tuple[Source, ...] = ()
    outlets: tuple[Outlet, ...] = ()
    claims: tuple[Claim, ...] = ()
    root: str | None = None
    """The case folder, when there is one."""
    wordings: bool = True
    """Whether to match quotations against the wordings the case records (statements,
    and quotations other sources make of a source)."""


def known_from_case(folder: Path, exclude: Collection[str] = (), *, wordings: bool = True) -> Known:
    """The sources, outlets and claims of a case folder, as far as they load (a case
    with problems still helps matching); `exclude` leaves sources out by id."""
    loaded = load_case(folder)
    claims = loaded.case_file.claims if loaded.case_file else ()
    sources = tuple(source for source in loaded.sources if source.id not in exclude)
    return Known(sources, loaded.outlets, claims, str(folder), wordings)


@dataclass(frozen=True)
class Match:
    """What a candidate was matched to."""

    source: str | None = None
    """The id of the known source it cites; None when unknown or ambiguous."""
    options: tuple[str, ...] = ()
    """The known sources it may cite, when the name fits several."""
    outlet: str | None = None
    """The known outlet it names or links to."""
    how: str = ""
    """Why: "address", "title", "author", "outlet", "account", "recorded wording"."""
    score: float = 0.0
    """How well it fits, from 0 to 1."""


_TITLE_CUTOFF = 88
_OUTLET_CUTOFF = 90
_WORDING_CUTOFF = 90
_MIN_WORDING_WORDS = 6


@dataclass
class Matcher:
    """Lookup tables built once from what the case knows."""

    known: Known
    addresses: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    outlet_names: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    wordings: list[RecordedWording] = field(default_factory=list)

    def __post_init__(self) -> None:
        for source in self.known.sources:
            for url in (source.url, source.archived_url):
                if url:
                    self.addresses[address_key(url)] = source.id
            if source.title:
                self.titles[normalise(source.title)] = source.id
        for outlet in self.known.outlets:
            for name in (outlet.name, *outlet.aliases):
                self.outlet_names[normalise(name)] = outlet.id
            self.domains.update(dict.fromkeys(outlet.domains, outlet.id))
        if self.known.wordings:
            self.wordings = [
                wording
                for wording in recorded_wordings(self.known.sources)
                if len(wording.text.split()) >= _MIN_WORDING_WORDS
            ]

    # the article itself

    def identify(self, metadata: Metadata) -> tuple[str, str] | None:
        """The known source the article is, by its address or its exact title, and which
        of the two it shares ("the same address", "the same title")."""
        if metadata.url and (found := self.addresses.get(address_key(metadata.url.value))):
            return found, "the same address"
        if metadata.title and (found := self.titles.get(normalise(metadata.title.value))):
            return found, "the same title"
        return None

    def identify_by_author(self, article: Article, candidates: Sequence[Candidate]) -> str | None:
        """The one known source by the article's author whose own statements the
        article repeats: the article itself, recorded before."""
        bylined = [fact.value for fact in article.metadata.authors]
        by_author = {
            source.id
            for source in self.known.sources
            if any(
                person_similarity(name, author) >= 0.9
                for name in bylined
                for author in source.authors
            )
        }
        repeated = {
            match.source
            for c in self.wording_candidates(article, candidates)
            if (match := self.by_quote(c.sentence)).source in by_author
        }
        return repeated.pop() if len(repeated) == 1 else None

    def outlet_of(self, metadata: Metadata) -> str | None:
        """The known outlet the article is published by, from its site name or address."""
        if metadata.site_name and (found := self.outlet(metadata.site_name.value)):
            return found
        return self.outlet_by_domain(metadata.url.value) if metadata.url else None

    # one candidate

    def match(self, candidate: Candidate) -> Match:
        by_address = self.by_address(candidate) if candidate.url else Match()
        if by_address.source:
            return by_address
        by_name = (
            self.by_name(candidate.name, candidate.kind_hint, candidate.sentence)
            if candidate.name
            else Match()
        )
        if by_name.source:
            return by_name
        by_quote = self.by_quote(candidate.quote) if candidate.quote else Match()
        if by_quote.source:
            return by_quote
        return max(
            (by_address, by_name, by_quote), key=lambda m: (len(m.options), m.outlet is not None)
        )

    def by_address(self, candidate: Candidate) -> Match:
        assert candidate.url is not None
        found = self.addresses.get(address_key(candidate.url))
        if found:
            return Match(found, outlet=self._outlet_id(found), how="address", score=1.0)
        handle = account_of(candidate.url)
        if handle:
            return self.by_name(handle, SourceKind.SOCIAL_POST)
        outlet = self.outlet_by_domain(candidate.url)
        return self._by_slug(candidate.url, outlet) if outlet else Match()

    def _by_slug(self, url: str, outlet: str) -> Match:
        """A link to an outlet's page that the case records without its address, found
        by the words of the address matching the source's title."""
        slug = normalise(path_of(url).replace("-", " ").replace("_", " "))
        titles = {
            normalise(s.title): s.id
            for s in self.known.sources
            if s.outlet == outlet and s.title and not s.url
        }
        best = process.extractOne(slug, titles.keys(), scorer=fuzz.partial_ratio, score_cutoff=90)
        if best is None:
            return Match(outlet=outlet, how="outlet", score=0.5)
        return Match(titles[best[0]], outlet=outlet, how="address words and title", score=0.85)

    def outlet_by_domain(self, url: str) -> str | None:
        host = host_of(url)
        return next(
            (
                outlet
                for domain, outlet in self.domains.items()
                if host == domain or host.endswith("." + domain)
            ),
            None,
        )

    def by_name(self, name: str, hint: SourceKind | None, sentence: str = "") -> Match:
        """A written name against titles, accounts, authors and outlets, whole and (for
        "Mary Papenfuss of the Huffington Post") in its parts."""
        parts = [name, *re.split(r"\s+of the\s+|\s+at\s+", name)] if " of the " in name else [name]
        matches = [self._by_one_name(part, hint, sentence) for part in dict.fromkeys(parts)]
        return max(matches, key=lambda m: (m.source is not None, m.score, len(m.options)))

    def _by_one_name(self, name: str, hint: SourceKind | None, sentence: str) -> Match:
        written = normalise(name)
        if not written:
            return Match()
        if len(written.split()) >= 2 and (title := self._title(written)):
            return title
        if name.startswith("@"):
            return self._among(self._authored(name, exact=True), hint, "account", 1.0, sentence)
        authored = self._authored(name, exact=False)
        if authored:
            best = max(score for _, score in authored)
            return self._among(authored, hint, "author", best, sentence)
        outlet = self.outlet(name)
        if outlet is None:
            return Match()
        sources = [(s.id, 0.85) for s in self.known.sources if s.outlet == outlet]
        return replace(self._among(sources, hint, "outlet", 0.85, sentence), outlet=outlet)

    def _title(self, written: str) -> Match | None:
        best = process.extractOne(
            written, self.titles.keys(), scorer=fuzz.ratio, score_cutoff=_TITLE_CUTOFF
        )
        if best is None:
            return None
        source = self.titles[best[0]]
        return Match(source, outlet=self._outlet_id(source), how="title", score=best[1] / 100)

    def outlet(self, name: str) -> str | None:
        best = process.extractOne(
            normalise(name),
            self.outlet_names.keys(),
            scorer=fuzz.ratio,
            score_cutoff=_OUTLET_CUTOFF,
        )
        return self.outlet_names[best[0]] if best else None

    def _authored(self, name: str, *, exact: bool) -> list[tuple[str, float]]:
        """Sources with an author (or account) that fits the name, with how well."""
        found = []
        for source in self.known.sources:
            scores = [
                (1.0 if author.casefold() == name.casefold() else 0.0)
                if exact
                else person_similarity(name, author)
                for author in source.authors
            ]
            if scores and max(scores) > 0:
                found.append((source.id, max(scores)))
        return found

    def _among(
        self,
        scored: list[tuple[str, float]],
        hint: SourceKind | None,
        how: str,
        score: float,
        sentence: str,
    ) -> Match:
        """One source when there is one, or one of the kind the sentence names ("a
        tweet"), or the one from an outlet the sentence names; else the ids it may be."""
        ids = [source for source, _ in scored]
        if len(ids) > 1 and hint is not None:
            ids = [i for i in ids if self._kind(i) == hint] or ids
        if len(ids) > 1 and sentence:
            named = self._outlets_named(sentence)
            ids = [i for i in ids if self._outlet_id(i) in named] or ids
        if len(ids) == 1:
            return Match(ids[0], outlet=self._outlet_id(ids[0]), how=how, score=score)
        return Match(options=tuple(sorted(ids)), how=how, score=score)

    def by_quote(self, quote: str) -> Match:
        """A quotation that is a known title, or repeats words recorded for a source."""
        written = normalise(quote)
        title = self._title(written) if len(written.split()) >= 3 else None
        if title is not None:
            return title
        if len(written.split()) < _MIN_WORDING_WORDS or not self.wordings:
            return Match()
        found = process.extract(
            written,
            [w.text for w in self.wordings],
            scorer=fuzz.partial_ratio,
            score_cutoff=_WORDING_CUTOFF,
            limit=None,
        )
        if not found:
            return Match()
        best = max(score for _, score, _ in found)
        close = [self.wordings[index] for _, score, index in found if score >= best - 2]
        own = {w.source for w in close if w.own} or {w.source for w in close}
        if len(own) > 1:
            return Match(options=tuple(sorted(own)), how="recorded wording", score=best / 100)
        source = own.pop()
        return Match(
            source, outlet=self._outlet_id(source), how="recorded wording", score=best / 100
        )

    def wording_candidates(
        self, article: Article, candidates: Sequence[Candidate]
    ) -> Iterator[Candidate]:
        """Sentences that repeat, without quotation marks, words the case records for a
        known source: how a copied passage shows."""
        if not self.wordings:
            return
        quoted = _quoted_spans(article.text, candidates)
        text = article.text
        for block in article.blocks:
            if block.role in (BlockRole.META, BlockRole.HEADING):
                continue
            for start, end in split_sentences(text, block.start, block.end):
                sentence = text[start:end]
                if len(sentence.split()) < 8 or _within(quoted, start, end):
                    continue
                if self.by_quote(sentence).how == "recorded wording":
                    yield Candidate(
                        Evidence.WORDING, sentence, start, 0.6, "recorded wording", quote=sentence
                    )

    # lookups

    def _outlets_named(self, sentence: str) -> set[str]:
        words = f" {normalise(sentence)} "
        return {
            outlet for name, outlet in self.outlet_names.items() if name and f" {name} " in words
        }

    def _kind(self, source_id: str) -> SourceKind | None:
        return next((s.kind for s in self.known.sources if s.id == source_id), None)

    def _outlet_id(self, source_id: str) -> str | None:
        return next((s.outlet for s in self.known.sources if s.id == source_id), None)


@dataclass(frozen=True)
class RecordedWording:
    """Words the case says a source wrote."""

    text: str
    source: str
    own: bool
    """From the source's own statement, not from another source's quotation of it."""


def recorded_wordings(sources: Iterable[Source]) -> Iterator[RecordedWording]:
    """Each source's statements, and the quotations other sources make of it."""
    for source in sources:
        for statement in source.statements:
            yield RecordedWording(normalise(statement.wording), source.id, own=True)
        for citation in source.citations:
            if citation.relation is Relation.QUOTES and citation.wording:
                yield RecordedWording(normalise(citation.wording), citation.cites, own=False)


def _quoted_spans(text: str, candidates: Sequence[Candidate]) -> list[tuple[int, int]]:
    """Where the candidates' quotations are in the text, merged and in order."""
    spans: list[tuple[int, int]] = []
    for candidate in candidates:
        if candidate.quote:
            at = text.find(candidate.quote, max(candidate.start, 0))
            if at >= 0:
                spans.append((at, at + len(candidate.quote)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans."""
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return any(
        0 <= i < len(spans) and spans[i][0] < end and start < spans[i][1]
        for i in (index, index + 1)
    )
