"""Finding candidate citations in an article's text: the second stage of `extract`.

Rules, not a language model, so that every candidate can say why it is one. Each
candidate keeps the sentence it came from, the evidence that made it a candidate and a
confidence for that evidence (`CONFIDENCE`):

- a hyperlink (its address and anchor text), or an address in schema.org metadata;
- an attribution: "according to X", "X reported", "X wrote", "as X noted", "X told Y",
  "X writes at Y", "she said" (resolved to the last person named);
- a quoted passage ("..." or a block quote) and whom the sentence credits with it;
- an excerpt: a paragraph introduced by a line ending in ":" that names someone
  ("Bob Cesca writes at Salon:");
- an @handle;
- a mention of a named outlet or person (capitalised words).

The sentences come from `sentences`, the names from `names`, and the words that make an
attribution from `cues`; this module walks the article and holds quotations and
excerpts. This stage knows nothing about the case: whether "The Huffington Post" is a known outlet
is decided when candidates are matched (`match`), which also drops mentions of names the
case does not know.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from provenance.extract.article import Article, Block, BlockRole
from provenance.extract.cues import CITING_WORDS, PRONOUN_CUE, Credit, find_credits, kind_hint
from provenance.extract.names import WORD, Name, find_names, looks_like_person
from provenance.extract.sentences import split_sentences
from provenance.model import SourceKind


class Evidence(StrEnum):
    """What makes a piece of text a candidate citation."""

    LINK = "hyperlink"
    ATTRIBUTION = "attribution"
    QUOTATION = "quotation"
    EXCERPT = "excerpt"
    HANDLE = "@handle"
    MENTION = "mention"
    METADATA = "schema.org citation"
    WORDING = "recorded wording"
    """The sentence repeats words the case records for a known source (set by `match`)."""


CONFIDENCE: Mapping[str, float] = {
    "schema.org citation": 0.8,
    "quotation credited in its sentence": 0.75,
    "excerpt introduced by its author": 0.75,
    "hyperlink": 0.7,
    "attribution": 0.7,
    "attribution to a pronoun": 0.6,
    "credited as a source": 0.6,
    "quotation continued": 0.6,
    "recorded wording": 0.6,
    "quotation near a name": 0.5,
    "mention near a citing word": 0.45,
    "quotation, uncredited": 0.35,
    "@handle": 0.35,
    "mention": 0.3,
}
"""How likely each kind of evidence is to be a real citation, before matching. Set by
hand from the seed texts (see docs/extract.md); only their order matters much."""


@dataclass(frozen=True)
class Candidate:
    """Something in the article that may be a citation of another source."""

    evidence: Evidence
    sentence: str
    """The sentence it came from (for an excerpt: the introducing sentence)."""
    start: int
    """Where it is in the article's text; candidates are listed in this order."""
    confidence: float
    reason: str
    """The rule that found it, a key of CONFIDENCE."""
    name: str | None = None
    """Who or what is credited, as written: "The Huffington Post", "@sofialimited"."""
    url: str | None = None
    anchor: str | None = None
    """A link's anchor text."""
    quote: str | None = None
    """The quoted or excerpted words."""
    cue: str | None = None
    """The words that make it an attribution: "according to", "wrote"."""
    kind_hint: SourceKind | None = None
    """What the sentence says the cited thing is ("tweet" -> social-post)."""


def find_candidates(article: Article) -> list[Candidate]:
    """Every candidate citation in the article, in the order of the text."""
    finder = _Finder(article)
    found = [candidate for block in article.blocks for candidate in finder.block(block)]
    found += [
        Candidate(
            Evidence.METADATA,
            "",
            -1,
            CONFIDENCE["schema.org citation"],
            "schema.org citation",
            url=url,
        )
        for url in article.metadata.citations
    ]
    return sorted(found, key=lambda candidate: candidate.start)


# --- quotations ------------------------------------------------------------------------

_QUOTATION = re.compile(r"“([^“”]{1,3000})”|\"([^\"\n]{1,3000})\"")
_MIN_QUOTE_WORDS = 5
_SIGNATURE = re.compile(r"^\s*[-–—]|\s[-–—]\s")  # noqa: RUF001 - typographic marks meant


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    names: list[Name]
    credits: list[Credit]
    pronoun: tuple[str, str] | None
    """A pronoun attribution ("she wrote"), resolved to a person: (name, cue)."""


class _Finder:
    """Walks the article block by block, remembering the last person named so that
    "she wrote" can be credited to them."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.common = frozenset(
            word.lower() for word in WORD.findall(article.text) if word[0].islower()
        )
        self.people: dict[str, str] = {}
        self.last_person: str | None = None
        self.excerpt_intros = self._excerpt_intros()
        self.previous_quote: Candidate | None = None
        self.last_hint: SourceKind | None = None
        """What the sentence that last credited a person called the thing cited."""
        self.quoted: list[tuple[int, int]] = []
        """Spans of quotations and excerpts: names inside them are the quoted author's."""

    def block(self, block: Block) -> Iterator[Candidate]:
        if block.role is BlockRole.META:
            return
        self.quoted = []  # quotations do not cross blocks
        sentences = [
            self._sentence(s, e)
            for s, e in split_sentences(self.article.text, block.start, block.end)
        ]
        intro = self.excerpt_intros.get(block.start)
        if intro is not None:
            self.quoted.append((block.start, block.end))
            yield from self._excerpt(intro, block)
        else:
            yield from self._quotations(block, sentences)
        for sentence in sentences:
            yield from self._in_sentence(sentence)

    def _inside_quotation(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.quoted)

    # sentences

    def _sentence(self, start: int, end: int) -> _Sentence:
        text = self.article.text[start:end]
        names = [self._known_person(name) for name in find_names(text, self.common)]
        pronoun = None
        if (match := PRONOUN_CUE.search(text)) and self.last_person:
            pronoun = (self.last_person, match.group("cue"))
        hint = kind_hint(text)
        if hint is not None and (pronoun or any(looks_like_person(n.text) for n in names)):
            self.last_hint = hint
        for name in names:
            if looks_like_person(name.text):
                self.people[name.text.split()[-1]] = name.text
                self.last_person = name.text
        return _Sentence(start, end, text, names, find_credits(text, names), pronoun)

    def _known_person(self, name: Name) -> Name:
        """A surname alone ("Papenfuss acknowledges") stands for the person named before."""
        full = self.people.get(name.text)
        if full is None or " " in name.text:
            return name
        self.last_person = full
        return Name(full, name.start, name.end)

    def _in_sentence(self, sentence: _Sentence) -> Iterator[Candidate]:
        hint = kind_hint(sentence.text)
        hint_for_pronoun = hint or self.last_hint
        credited = {credit.name.start for credit in sentence.credits}
        for credit in sentence.credits:
            yield self._candidate(
                sentence,
                Evidence.ATTRIBUTION,
                credit.reason,
                credit.name.start,
                name=credit.name.text,
                cue=credit.cue,
                kind_hint=hint,
            )
        if sentence.pronoun is not None:
            person, cue = sentence.pronoun
            yield self._candidate(
                sentence,
                Evidence.ATTRIBUTION,
                "attribution to a pronoun",
                0,
                name=person,
                cue=cue,
                kind_hint=hint_for_pronoun,
            )
        yield from self._links(sentence, hint)
        for match in re.finditer(r"(?<![\w@])@(\w{1,30})", sentence.text):
            yield self._candidate(
                sentence,
                Evidence.HANDLE,
                "@handle",
                match.start(),
                name=match.group(),
                kind_hint=SourceKind.SOCIAL_POST,
            )
        reason = "mention near a citing word" if CITING_WORDS.search(sentence.text) else "mention"
        for name in sentence.names:
            if name.text.startswith("@") or name.start in credited:
                continue
            if not self._inside_quotation(sentence.start + name.start):
                yield self._candidate(
                    sentence, Evidence.MENTION, reason, name.start, name=name.text, kind_hint=hint
                )

    def _links(self, sentence: _Sentence, hint: SourceKind | None) -> Iterator[Candidate]:
        text = self.article.text
        for link in self.article.links:
            if sentence.start <= link.start < sentence.end:
                anchor = text[link.start : link.end] or None
                yield self._candidate(
                    sentence,
                    Evidence.LINK,
                    "hyperlink",
                    link.start - sentence.start,
                    url=link.url,
                    anchor=anchor,
                    kind_hint=hint,
                )

    def _candidate(
        self, sentence: _Sentence, evidence: Evidence, reason: str, offset: int, **fields: object
    ) -> Candidate:
        return Candidate(
            evidence,
            sentence.text,
            sentence.start + offset,
            CONFIDENCE[reason],
            reason,
            **fields,  # type: ignore[arg-type]
        )

    # quotations and excerpts

    def _quotations(self, block: Block, sentences: list[_Sentence]) -> Iterator[Candidate]:
        text = self.article.text
        for match in _QUOTATION.finditer(text, block.start, block.end):
            quote = match.group(1) or match.group(2)
            self.quoted.append(match.span())
            if len(quote.split()) < _MIN_QUOTE_WORDS:
                continue
            around = [s for s in sentences if s.start < match.end() and match.start() < s.end]
            candidate = self._credited_quote(quote, match.start(), match.end(), around, sentences)
            self.previous_quote = candidate if candidate.name else None
            yield candidate

    def _credited_quote(
        self, quote: str, start: int, end: int, around: list[_Sentence], sentences: list[_Sentence]
    ) -> Candidate:
        context = " ".join(s.text for s in around)
        base = Candidate(
            Evidence.QUOTATION,
            context,
            start,
            CONFIDENCE["quotation, uncredited"],
            "quotation, uncredited",
            quote=" ".join(quote.split()).rstrip(",;:"),
        )
        outside = [
            c for s in around for c in s.credits if not start <= s.start + c.name.start < end
        ]
        if outside:
            credited = self._credited(
                base, outside[-1].name.text, outside[-1].cue, "quotation credited in its sentence"
            )
            return replace(credited, kind_hint=kind_hint(context))
        pronoun = next((s.pronoun for s in around if s.pronoun), None)
        if pronoun is not None:
            credited = self._credited(base, *pronoun, "quotation credited in its sentence")
            return replace(credited, kind_hint=kind_hint(context) or self.last_hint)
        if self.previous_quote is not None and _only_quote(context, quote):
            previous = self.previous_quote
            credited = self._credited(base, previous.name, previous.cue, "quotation continued")
            return replace(credited, kind_hint=previous.kind_hint)
        return self._nearby_credit(base, start, end, around, sentences)

    def _nearby_credit(
        self,
        base: Candidate,
        start: int,
        end: int,
        around: list[_Sentence],
        sentences: list[_Sentence],
    ) -> Candidate:
        """A quotation its sentence does not credit: a name beside it, or a signature
        line after it ("- Washington Post")."""
        names = [n for s in around for n in s.names if not start <= s.start + n.start < end]
        if len(names) == 1:
            return self._credited(base, names[0].text, None, "quotation near a name")
        after = [s for s in sentences if s.start >= end][:1]
        if (
            after
            and _SIGNATURE.search(after[0].text)
            and after[0].names
            and len(after[0].text.split()) <= 25
        ):
            return self._credited(base, after[0].names[-1].text, "signed", "quotation near a name")
        return base

    def _credited(
        self, base: Candidate, name: str | None, cue: str | None, reason: str
    ) -> Candidate:
        return replace(base, name=name, cue=cue, reason=reason, confidence=CONFIDENCE[reason])

    def _excerpt_intros(self) -> dict[int, tuple[int, int]]:
        """Blocks that reproduce someone's words: those after a line ending in ":" and
        block quotes, each mapped to the sentence that introduces it."""
        intros: dict[int, tuple[int, int]] = {}
        blocks = self.article.blocks
        for before, block in itertools.pairwise(blocks):
            if before.role is BlockRole.META or block.role is BlockRole.META:
                continue
            text = self.article.text[before.start : before.end]
            if text.rstrip().endswith(":") or block.role is BlockRole.QUOTE:
                intros[block.start] = split_sentences(self.article.text, before.start, before.end)[
                    -1
                ]
        return intros

    def _excerpt(self, intro: tuple[int, int], block: Block) -> Iterator[Candidate]:
        sentence = self._sentence(*intro)
        excerpt = _excerpt_text(self.article.text, block)
        credited: list[tuple[str, str | None]] = [(c.name.text, c.cue) for c in sentence.credits]
        if not credited and sentence.pronoun:
            credited = [sentence.pronoun]
        links = [link for link in self.article.links if intro[0] <= link.start < intro[1]]
        if not credited and not links:
            credited = [(name.text, None) for name in sentence.names]
        if not credited and not links and block.role is BlockRole.QUOTE:
            yield Candidate(
                Evidence.QUOTATION,
                excerpt,
                block.start,
                CONFIDENCE["quotation, uncredited"],
                "quotation, uncredited",
                quote=excerpt,
            )
        for name, cue in credited:
            yield Candidate(
                Evidence.EXCERPT,
                sentence.text,
                intro[0],
                CONFIDENCE["excerpt introduced by its author"],
                "excerpt introduced by its author",
                name=name,
                cue=cue,
                quote=excerpt,
                kind_hint=kind_hint(sentence.text),
            )
        for link in links:
            yield Candidate(
                Evidence.EXCERPT,
                sentence.text,
                link.start,
                CONFIDENCE["excerpt introduced by its author"],
                "excerpt introduced by its author",
                url=link.url,
                quote=excerpt,
                anchor=self.article.text[link.start : link.end] or None,
            )


def _only_quote(context: str, quote: str) -> bool:
    """The sentence is the quotation and nothing else (bar punctuation)."""
    rest = context.replace(quote, "", 1)
    return not any(char.isalnum() for char in rest)


_EXCERPT_LIMIT = 600


def _excerpt_text(text: str, block: Block) -> str:
    """The first sentences of an excerpted block, up to a few hundred characters, without
    the quotation marks around it."""
    spans = split_sentences(text, block.start, block.end)
    end = spans[0][1]
    for _, sentence_end in spans[1:3]:
        if sentence_end - block.start > _EXCERPT_LIMIT:
            break
        end = sentence_end
    return text[block.start : end].strip().strip('"“”')
