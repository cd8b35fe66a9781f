"""W3C PROV exports: PROV-JSON, PROV-N and PROV-XML, built with the `prov` package.

Each source is a `prov:Entity` with its title (`prov:label`), kind, web address, date and
whether it is primary evidence. Its outlet is a `prov:Agent` of type `prov:Organization`
and each author a `prov:Agent` of type `prov:Person`, linked by `wasAttributedTo`. Each
citation is a `wasDerivedFrom` from the citing source to the cited one, typed by how it
uses it (DERIVATION_TYPES): a quotation is a `prov:Quotation`, use of its data a
`prov:PrimarySource`, a paraphrase or a link a plain derivation. A citation that disputes
its source is no derivation: it becomes `wasInfluencedBy`, so that a provenance store
following derivations does not count a rebuttal as the claim's lineage. Every citation
carries the claim it is for, the relation and the cited wording as attributes.

A later version of a page is a `prov:Revision` of the earlier one (`wasRevisionOf`). A
copy that the trace infers from the wording (docs/analysis.md) is a derivation typed
`provenance:InferredCopy` with `provenance:inferred` true, the shared passage and the
similarity, so that a store can tell it from every recorded citation and leave it out.

Identifiers are URNs scoped by case (`urn:provenance:walkaway:source:salon-cesca`), and
the project's own attributes live in the `provenance` namespace (TERMS). Text from the
case files loses the control characters XML cannot carry (`clean_text`), in all three
notations alike, so that they hold one document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Set
from typing import Any
from urllib.parse import quote

import networkx as nx
from prov.constants import PROV, PROV_LABEL, PROV_TYPE, XSD, XSD_ANYURI
from prov.identifier import Namespace, QualifiedName
from prov.model import Literal, ProvDocument
from prov.serializers import DoNotExist

from provenance.export.scope import caption, inferred_copies, scoped_graph
from provenance.graph import CLAIM, RELATION, SOURCE, WORDING
from provenance.model import Case, Precision, PublicationDate, Relation, Source
from provenance.problems import ExportError
from provenance.text import clean_text

TERMS = "urn:provenance:terms#"
"""The namespace of the attributes PROV and schema.org have no term for."""
SCHEMA = "https://schema.org/"
INFERRED_COPY = Namespace("provenance", TERMS)["InferredCopy"]
"""The type of a derivation that no source records: a copy inferred from the wording."""

DERIVATION_TYPES: dict[Relation, QualifiedName | None] = {
    Relation.QUOTES: PROV["Quotation"],
    Relation.USES_DATA: PROV["PrimarySource"],
    Relation.PARAPHRASES: None,
    Relation.LINKS: None,
}
"""The PROV type of each relation that passes a claim on; DISPUTES is an influence."""

DATE_TYPES: dict[Precision, QualifiedName] = {
    Precision.YEAR: XSD["gYear"],
    Precision.MONTH: XSD["gYearMonth"],
    Precision.DAY: XSD["date"],
    Precision.TIME: XSD["dateTime"],
}


def prov_document(case: Case, claim_id: str | None = None) -> ProvDocument:
    """The PROV document of a case, or of one claim's trace."""
    graph = scoped_graph(case, claim_id)
    document = ProvDocument()
    _add_namespaces(document, case.id)
    sources: list[Source] = [graph.nodes[node][SOURCE] for node in sorted(graph.nodes)]
    for source in sources:
        document.entity(f"source:{source.id}", _entity_attributes(case, source))
    _add_agents(document, case, sources)
    _add_citations(document, graph)
    _add_revisions(document, sources)
    _add_inferred_copies(document, case, claim_id)
    return document


def _add_namespaces(document: ProvDocument, case_id: str) -> None:
    base = f"urn:provenance:{quote(case_id, safe='')}:"
    for prefix in ("source", "outlet", "author"):
        document.add_namespace(prefix, f"{base}{prefix}:")
    document.add_namespace("provenance", TERMS)
    document.add_namespace("schema", SCHEMA)


def _entity_attributes(case: Case, source: Source) -> dict[Any, Any]:
    attributes: dict[Any, Any] = {
        PROV_LABEL: clean_text(source.title or caption(case, source)),
        "provenance:kind": source.kind.value,
        "provenance:primary": source.is_primary,
    }
    if source.url:
        attributes["schema:url"] = Literal(clean_text(source.url), XSD_ANYURI)
    if source.archived_url:
        attributes["schema:archivedAt"] = Literal(clean_text(source.archived_url), XSD_ANYURI)
    if source.published:
        attributes["schema:datePublished"] = date_literal(source.published)
        if source.published.approximate:
            attributes["provenance:dateApproximate"] = True
    if source.retracted:
        attributes["provenance:retracted"] = clean_text(source.retracted.note)
    if source.corrected:
        attributes["provenance:corrected"] = clean_text(source.corrected.note)
    return attributes


def date_literal(published: PublicationDate) -> Literal:
    """A date as precise as the record: 2018 is an xsd:gYear, 2018-07 an xsd:gYearMonth."""
    if published.precision is Precision.TIME:  # as written it may lack a time zone
        return Literal(published.earliest.isoformat(), DATE_TYPES[Precision.TIME])
    return Literal(published.text, DATE_TYPES[published.precision])


def _add_agents(document: ProvDocument, case: Case, sources: Iterable[Source]) -> None:
    """Every outlet and author as an agent, then what each source is attributed to."""
    outlet_names = {outlet.id: outlet.name for outlet in case.outlets}
    agents: dict[str, tuple[QualifiedName, str]] = {}
    attributions: list[tuple[str, str]] = []
    author_ids: dict[str, str] = {}
    for source in sources:
        if source.outlet:
            agent = f"outlet:{source.outlet}"
            name = outlet_names.get(source.outlet, source.outlet)
            agents.setdefault(agent, (PROV["Organization"], name))
            attributions.append((f"source:{source.id}", agent))
        for name in source.authors:
            if name not in author_ids:
                author_ids[name] = author_id(name, set(author_ids.values()))
            agent = f"author:{author_ids[name]}"
            agents.setdefault(agent, (PROV["Person"], name))
            attributions.append((f"source:{source.id}", agent))
    for agent, (agent_type, name) in agents.items():
        document.agent(agent, {PROV_TYPE: agent_type, PROV_LABEL: clean_text(name)})
    for entity, agent in attributions:
        document.attribution(entity, agent)


def author_id(name: str, taken: Set[str]) -> str:
    """A slug for an author's name ("Mary Papenfuss" -> "mary-papenfuss") that is not
    one of the `taken` ones."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "author"
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _add_citations(document: ProvDocument, graph: nx.MultiDiGraph) -> None:
    edges = sorted(graph.edges(keys=True, data=True), key=lambda edge: edge[:3])
    for citing, cited, _, data in edges:
        generated, used = f"source:{citing}", f"source:{cited}"
        attributes: dict[Any, Any] = {
            "provenance:claim": data[CLAIM],
            "provenance:relation": data[RELATION],
        }
        if data[WORDING]:
            attributes["provenance:wording"] = clean_text(data[WORDING])
        relation = Relation(data[RELATION])
        if relation is Relation.DISPUTES:
            document.influence(generated, used, other_attributes=attributes)
            continue
        derivation_type = DERIVATION_TYPES[relation]
        if derivation_type is not None:
            attributes[PROV_TYPE] = derivation_type
        document.derivation(generated, used, other_attributes=attributes)


def _add_revisions(document: ProvDocument, sources: Iterable[Source]) -> None:
    shown = {source.id for source in sources}
    for source in sources:
        if source.revision_of in shown:
            document.revision(f"source:{source.id}", f"source:{source.revision_of}")


def _add_inferred_copies(document: ProvDocument, case: Case, claim_id: str | None) -> None:
    for copy, claim in inferred_copies(case, claim_id):
        document.derivation(
            f"source:{copy.later}",
            f"source:{copy.earlier}",
            other_attributes={
                PROV_TYPE: INFERRED_COPY,
                "provenance:inferred": True,
                "provenance:claim": claim,
                "provenance:passage": clean_text(copy.passage),
                "provenance:similarity": copy.similarity,
                "provenance:directionKnown": copy.direction_known,
            },
        )


def _serialize(document: ProvDocument, format_name: str, **options: Any) -> bytes:
    text = document.serialize(format=format_name, **options)
    assert text is not None  # serialize returns the text when given no destination
    return (text.rstrip("\n") + "\n").encode("utf-8")


def export_prov_json(case: Case, claim_id: str | None) -> bytes:
    """PROV-JSON, the W3C member submission's JSON serialization."""
    return _serialize(prov_document(case, claim_id), "json", indent=2)


def export_prov_n(case: Case, claim_id: str | None) -> bytes:
    """PROV-N, the human-readable notation of the W3C recommendation."""
    return _serialize(prov_document(case, claim_id), "provn")


def export_prov_xml(case: Case, claim_id: str | None) -> bytes:
    """PROV-XML; needs the lxml package, which provenance does not install by default."""
    try:
        return _serialize(prov_document(case, claim_id), "xml")
    except DoNotExist as error:
        raise ExportError(
            "PROV-XML needs the lxml package, which is not installed: run "
            "'pip install lxml', or export prov-json or prov-n instead"
        ) from error
