"""Matching candidate citations to the case's known sources and outlets: third stage.

A candidate becomes a reference by id when it points at something the case already
records: a link whose address, once normalised (w3lib's canonical form, without the
scheme, "www." and tracking parameters), is a source's `url` or `archived_url`; a
quotation that is a source's title or repeats words the case records for it; a name
that is, give or take a typo (rapidfuzz), a source's title or author, an outlet's name
or alias, or an account. A name that fits an outlet or a person with several sources
is narrowed by what the sentence calls the thing cited ("tweet" -> social-post), and
otherwise left open with the ids it may be.

Candidates for the same source are then gathered into one proposed citation per
quoted passage, mentions of names the case does not know are dropped, and each
proposed citation gets a relation guessed from its evidence and a confidence.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from provenance.extract.addresses import account_of, address_key, host_of, path_of
from provenance.extract.article import Article, BlockRole, Metadata
from provenance.extract.candidates import Candidate, Evidence, split_sentences
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
    outlet: str | None = None
    """The known outlet the article's metadata names, if any."""


def match_candidates(article: Article, candidates: Sequence[Candidate], known: Known) -> Matching:
    """Match every candidate, add sentences that repeat recorded wording, and gather
    them into proposed citations."""
    matcher = Matcher(known)
    itself = matcher.identify(article.metadata) or matcher.identify_by_author(article, candidates)
    if itself is not None:
        matcher = Matcher(replace(known, sources=tuple(s for s in known.sources if s.id != itself)))
    found = [*candidates, *matcher.wording_candidates(article, candidates)]
    matched = [(c, matcher.match(c)) for c in sorted(found, key=lambda c: c.start)]
    kept = [(c, m) for c, m in matched if _worth_keeping(c, m, article.metadata)]
    return Matching(tuple(_gather(kept)), itself, matcher.outlet_of(article.metadata))


# --- normalising -----------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Text for comparing: case-folded, accents and punctuation gone, single spaces, no
    leading "the"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return " ".join(plain.split()).removeprefix("the ")


_ROLES = frozenset(
    [
        "journalist",
        "reporter",
        "author",
        "writer",
        "columnist",
        "editor",
        "president",
        "senator",
        "sen",
        "rep",
        "dr",
        "professor",
        "prof",
        "mr",
        "mrs",
        "ms",
        "analyst",
        "researcher",
        "blogger",
        "host",
        "anchor",
        "correspondent",
        "actor",
        "colleague",
    ]
)


def _person_words(name: str) -> list[str]:
    words = normalise(name).split()
    while len(words) > 1 and words[0] in _ROLES:
        words = words[1:]
    return words


def person_similarity(written: str, recorded: str) -> float:
    """How well a written name fits a recorded one: the surname within a typo, and the
    first name the same or with the same initial ("Dave" for "David"). A surname alone
    fits when it is close enough."""
    have, want = _person_words(written), _person_words(recorded)
    if not have or not want:
        return 0.0
    surname = OSA.normalized_similarity(have[-1], want[-1])
    if surname < 0.8:
        return 0.0
    if len(have) == 1 or len(want) == 1:
        return surname * 0.9 if surname >= 0.85 else 0.0
    first = 1.0 if have[0] == want[0] else 0.9 if have[0][0] == want[0][0] else 0.0
    return surname * first


# --- the matcher -----------------------------------------------------------------------

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
    wordings: list[_Wording] = field(default_factory=list)

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
                for wording in _recorded_wordings(self.known.sources)
                if len(wording.text.split()) >= _MIN_WORDING_WORDS
            ]

    # the article itself

    def identify(self, metadata: Metadata) -> str | None:
        """The known source the article is, by its address or its exact title."""
        if metadata.url and (found := self.addresses.get(address_key(metadata.url.value))):
            return found
        if metadata.title:
            return self.titles.get(normalise(metadata.title.value))
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
class _Wording:
    """Words the case says a source wrote."""

    text: str
    source: str
    own: bool
    """From the source's own statement, not from another source's quotation of it."""


def _recorded_wordings(sources: Iterable[Source]) -> Iterator[_Wording]:
    """Each source's statements, and the quotations other sources make of it."""
    for source in sources:
        for statement in source.statements:
            yield _Wording(normalise(statement.wording), source.id, own=True)
        for citation in source.citations:
            if citation.relation is Relation.QUOTES and citation.wording:
                yield _Wording(normalise(citation.wording), citation.cites, own=False)


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


def _overlaps(quote: str, sentence: str) -> bool:
    return bool(quote) and (
        normalise(quote) in normalise(sentence) or normalise(sentence) in normalise(quote)
    )


# --- claims ------------------------------------------------------------------------------

_MIN_CLAIM_SCORE = 2.0


def _content_words(text: str) -> set[str]:
    """Words of four letters or more, cut to six letters (a crude stem: "bots" and
    "bot's", "ranked" and "ranking" meet)."""
    return {word[:6] for word in normalise(text).split() if len(word) > 3}


def closest_claim(text: str, claims: Sequence[Claim]) -> str | None:
    """The claim whose statement shares the most telling words with the text: words
    weighted by how few claims use them (inverse document frequency). None when nothing
    telling is shared."""
    words = {claim.id: _content_words(claim.statement) for claim in claims}
    frequency: dict[str, int] = {}
    for claim_words in words.values():
        for word in claim_words:
            frequency[word] = frequency.get(word, 0) + 1
    written = _content_words(text)
    scores = {
        claim_id: sum(math.log(1 + len(claims) / frequency[word]) for word in written & claim_words)
        for claim_id, claim_words in words.items()
    }
    best = max(scores, key=lambda claim_id: scores[claim_id], default=None)
    return best if best is not None and scores[best] >= _MIN_CLAIM_SCORE else None


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
