"""Writing the draft source file: the last stage of `provenance extract`.

The draft is a source file a fact-checker finishes by hand, so it says where each value
came from and how sure the extractor is. Every proposed citation is preceded by comments
giving its evidence, the sentence it came from and a confidence; a value the extractor
cannot know (the claim a citation carries, the id of a source the case does not have,
the kind of source when nothing says) is a placeholder that `provenance check` rejects,
marked `# TODO` and listed in `Draft.todos`. Values are written by PyYAML's emitter
(`scaffold.YamlWriter`), so no text from the article can change the file's structure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance.extract.article import Article, Metadata
from provenance.extract.candidates import Candidate, Evidence
from provenance.extract.claims import closest_claim
from provenance.extract.match import Matching, ProposedCitation
from provenance.extract.matcher import Known
from provenance.model import Relation, SourceKind
from provenance.scaffold import slugify
from provenance.yamlwriter import TODO, Todo, YamlWriter, comment_text, schema_modeline

_KINDS = ", ".join(kind.value for kind in SourceKind)


@dataclass(frozen=True)
class Draft:
    """A drafted source file: its text, where it goes and what is left to fill in."""

    path: Path | None
    """Where to write it; None for standard output."""
    text: str
    todos: tuple[Todo, ...]
    article: Article
    matching: Matching
    citations: tuple[ProposedCitation, ...]
    """The proposed citations written into the draft (those over the confidence floor)."""
    notes: tuple[str, ...] = ()
    """What the user should know before finishing it, for the terminal: that the case
    already records the article, where the draft went."""


def render_draft(
    article: Article,
    matching: Matching,
    known: Known,
    path: Path | None,
    min_confidence: float = 0.0,
) -> Draft:
    """The draft source file for an article whose candidates have been matched."""
    citations = tuple(c for c in matching.citations if c.confidence >= min_confidence)
    writer = YamlWriter()
    writer.lines.append(schema_modeline("source", path.parent if path else None))
    _header(writer, article, matching, known)
    _about(writer, article.metadata, matching, known)
    writer.blank()
    _citations(writer, citations, known)
    writer.blank()
    _statements_note(writer)
    return Draft(path, writer.text(), tuple(writer.todos), article, matching, citations)


def recorded_note(matching: Matching, known: Known) -> str | None:
    """The sentence that tells the user the case already records the article."""
    source = next((s for s in known.sources if s.id == matching.itself), None)
    if source is None:
        return None
    where = source.location.path or source.id
    return (
        f"the article is already in the case: {where} has {matching.itself_by} "
        f"(source '{source.id}'); check that you are not recording it twice"
    )


def draft_slug(article: Article, matching: Matching) -> str:
    """A file name for the draft, in the case's style: outlet and author's surname
    ("salon-cesca"), else the author and the title's first words, else the title's, else
    the article's file name."""
    metadata = article.metadata
    outlet = matching.outlet or slugify(metadata.site_name.value if metadata.site_name else "")
    surname = slugify(metadata.authors[0].value.split()[-1]) if metadata.authors else ""
    title = slugify(metadata.title.value if metadata.title else "", 30)
    for parts in ((outlet, surname), (surname, title), (outlet, title), (title,), (surname,)):
        if all(parts):
            return "-".join(parts)
    return slugify(Path(article.path).stem) or "draft"


# --- the source's own keys ---------------------------------------------------------------


def _header(writer: YamlWriter, article: Article, matching: Matching, known: Known) -> None:
    against = f" against {known.root}" if known.root else ""
    writer.comment()
    writer.comment(
        f"Draft of a source file, written by `provenance extract` from "
        f"{Path(article.path).name} ({article.format.value}){against}. It was read by rules, "
        "not by a person: check each value against the article, delete the proposed "
        "citations that are not citations, and fill in every value marked TODO; then move "
        "the file into the case's sources/ folder (check and build do not read drafts/), "
        "where `provenance check` fails on any TODO left."
    )
    if matching.itself:
        writer.comment(
            f"The article seems to be the case's source '{matching.itself}' "
            f"({matching.itself_by}), so it is not proposed as a citation: check that you are "
            "not recording it twice."
        )
    for note in article.notes:
        writer.comment(f"Note: {note}.")
    writer.blank()


def _about(writer: YamlWriter, metadata: Metadata, matching: Matching, known: Known) -> None:
    if metadata.kind:
        writer.field("kind", metadata.kind.value, note=f"from {metadata.kind.origin}; check it")
    else:
        writer.field("kind", TODO, todo=("kind", f"nothing in the article says; one of {_KINDS}"))
    if metadata.title:
        writer.field("title", metadata.title.value, note=f"from {metadata.title.origin}")
    _outlet(writer, metadata, matching, known)
    if metadata.authors:
        origins = sorted({fact.origin for fact in metadata.authors})
        writer.field(
            "authors",
            [fact.value for fact in metadata.authors],
            note=f"from {' and '.join(origins)}",
        )
    for key in ("url", "published"):
        fact = getattr(metadata, key)
        if fact:
            writer.field(key, fact.value, note=f"from {fact.origin}")
    missing = [
        key
        for key in ("title", "outlet", "authors", "url", "published")
        if not _has(metadata, matching, key)
    ]
    if missing:
        writer.comment(
            f"Not found in the article, so left out: {', '.join(missing)}. Add them only from a "
            "record (docs/format.md shows how to write an estimated date)."
        )
    writer.example("notes: How you recorded it, e.g. which copy of the article you read.")


def _has(metadata: Metadata, matching: Matching, key: str) -> bool:
    if key == "outlet":
        return bool(matching.outlet or metadata.site_name)
    return bool(getattr(metadata, key))


def _outlet(writer: YamlWriter, metadata: Metadata, matching: Matching, known: Known) -> None:
    site = metadata.site_name
    if matching.outlet:
        origin = f"from {site.origin} “{site.value}”" if site else "from the article's address"
        writer.field("outlet", matching.outlet, note=origin)
    elif site:
        where = "this case's outlets.yaml" if known.root else "the case's outlets.yaml"
        writer.field(
            "outlet",
            TODO,
            todo=(
                "outlet",
                f"“{site.value}” ({site.origin}) is not a known outlet: add it to {where} "
                "and put its id here, or delete the line",
            ),
        )


# --- citations -------------------------------------------------------------------------


def _citations(writer: YamlWriter, citations: Sequence[ProposedCitation], known: Known) -> None:
    if not citations:
        writer.comment("No candidate citations were found. Add the sources it cites like this:")
        writer.example("citations:")
        writer.example("  - {cites: source-id, claim: claim-id, relation: quotes, wording: ...}")
        return
    writer.comment(
        f"{len(citations)} proposed citation(s), in the order of the article. Each comment "
        "says why it was proposed; the confidence (0 to 1) is how likely it is a citation of "
        "the source named. Delete those that are not."
    )
    writer.key("citations")
    for number, citation in enumerate(citations, start=1):
        _citation(writer, number, citation, known)


def _citation(writer: YamlWriter, number: int, citation: ProposedCitation, known: Known) -> None:
    head = f"{number}. "
    writer.comment(
        f"{head}{_evidence_summary(citation)}; confidence {citation.confidence:.2f}.",
        2,
        hang=len(head),
    )
    sentences = list(dict.fromkeys(c.sentence for c in citation.evidence if c.sentence))
    for label, sentence in zip(("In", "Also in"), sentences[:2], strict=False):
        writer.comment(
            f"{' ' * len(head)}{label}: “{_shortened(sentence, 300)}”", 2, hang=len(head)
        )
    if len(sentences) > 2:
        writer.comment(
            f"{' ' * len(head)}And in {len(sentences) - 2} more sentence(s).", 2, hang=len(head)
        )
    _cites(writer, number, citation, known)
    writer.field(
        "claim", TODO, indent=4, todo=(f"citation {number}: claim", _claim_hint(citation, known))
    )
    writer.field("relation", citation.relation.value, indent=4, note=_relation_note(citation))
    writer.field("wording", citation.wording, indent=4)


def _cites(writer: YamlWriter, number: int, citation: ProposedCitation, known: Known) -> None:
    match = citation.match
    if match.source:
        writer.field("cites", match.source, indent=2, item=True, note=f"matched by {match.how}")
        return
    name = citation.name
    if name is None:
        hint = (
            "the article does not say whose words these are: put the id of their source "
            "here (record it first if the case lacks it), or delete this citation"
        )
    elif match.options:
        hint = (
            f"one of {', '.join(match.options)} (each fits “{_shortened(name, 60)}”), or another id"
        )
    elif known.root:
        hint = (
            f"“{_shortened(name, 80)}” is not a source of this case: record it (provenance new "
            f"source ID --case {known.root}) and put its id here, or delete this citation"
        )
    else:
        hint = f"the id of the source “{_shortened(name, 80)}” (its file name under sources/)"
    writer.field("cites", TODO, indent=2, item=True, todo=(f"citation {number}: cites", hint))


_DESCRIPTIONS = {
    Evidence.LINK: "a hyperlink",
    Evidence.ATTRIBUTION: "an attribution",
    Evidence.QUOTATION: "a quotation",
    Evidence.EXCERPT: "an excerpt it introduces",
    Evidence.HANDLE: "an @handle",
    Evidence.MENTION: "a mention",
    Evidence.METADATA: "a citation in its schema.org data",
    Evidence.WORDING: "words the case records for a known source",
}


def _evidence_summary(citation: ProposedCitation) -> str:
    """The kinds of evidence, each once: a second link to the same address is "another"
    link, not the address again."""
    described: dict[tuple[Evidence, str | None], str] = {}
    for candidate in citation.evidence:
        key = (candidate.evidence, candidate.url or candidate.name)
        described.setdefault(key, _describe(candidate, seen=key[1] in {k[1] for k in described}))
    kinds = list(dict.fromkeys(described.values()))
    return ", ".join(kinds[:3]) + (f" and {len(kinds) - 3} more" if len(kinds) > 3 else "")


def _describe(candidate: Candidate, seen: bool = False) -> str:
    text = _DESCRIPTIONS[candidate.evidence]
    if candidate.url:
        anchor = f" on “{_shortened(candidate.anchor, 50)}”" if candidate.anchor else ""
        target = "the same address" if seen else comment_text(candidate.url)
        return f"{text}{anchor} to {target}"
    if candidate.name and candidate.cue:
        return f"{text} (“{_shortened(candidate.name, 50)}” + “{candidate.cue}”)"
    if candidate.name:
        return f"{text} of “{_shortened(candidate.name, 50)}”"
    return text


_RELATION_NOTES = {
    Relation.QUOTES: "guessed from the quoted words",
    Relation.LINKS: "guessed from the link",
    Relation.PARAPHRASES: "guessed: no quotation or link",
}


def _relation_note(citation: ProposedCitation) -> str:
    return _RELATION_NOTES.get(citation.relation, "guessed")


def _claim_hint(citation: ProposedCitation, known: Known) -> str:
    """Which claim it carries, with the closest claim in wording as a suggestion."""
    if not known.claims:
        return "the id of the claim it carries, from case.yaml"
    sentences = " ".join(c.sentence for c in citation.evidence[:3])
    closest = closest_claim(f"{citation.wording} {sentences}", known.claims)
    suggestion = f"; closest in wording: {closest}" if closest else ""
    return f"the claim it carries, an id from case.yaml{suggestion}"


def _statements_note(writer: YamlWriter) -> None:
    writer.comment(
        "The article's own wording of the claims it makes; extract does not look for "
        "these. For each claim the article states, add:"
    )
    writer.example("statements:")
    writer.example("  - claim: claim-id")
    writer.example("    wording: the article's words, quoted exactly")


def _shortened(text: str | None, limit: int) -> str:
    clean = comment_text(text or "")
    return clean if len(clean) <= limit else clean[: limit - 1].rstrip() + "…"
