"""W3C PROV: validated against the PROV-JSON schema and read back with the prov package."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import prov
import prov.serializers
import pytest
from conftest import TESTS, WALKAWAY, MakeCase
from prov.constants import PROV, PROV_LABEL, XSD
from prov.model import ProvDocument, ProvRecord

from provenance.export.prov import (
    author_id,
    date_literal,
    export_prov_json,
    export_prov_n,
    export_prov_xml,
)
from provenance.load import load_case, to_case
from provenance.model import Case, Relation, parse_publication_date
from provenance.problems import ClaimNotFound, ExportError

SCHEMA = TESTS / "data" / "prov-json.schema.json"


@pytest.fixture(scope="module")
def walkaway() -> Case:
    return to_case(load_case(WALKAWAY))


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def read_json(data: bytes) -> ProvDocument:
    return ProvDocument.deserialize(content=data, format="json")


def local(value: Any) -> str:
    """The local part of a qualified name: 'salon-cesca' of source:salon-cesca."""
    return str(value.localpart)


def records(document: ProvDocument, kind: type[ProvRecord]) -> list[Any]:
    return list(document.get_records(kind))


def attribute(record: ProvRecord, name: str) -> Any:
    values = [value for key, value in record.attributes if str(key) == name]
    return values[0] if values else None


def derivations(document: ProvDocument) -> Counter[tuple[str, str, str, str, str | None]]:
    return Counter(
        (
            local(attribute(record, "prov:generatedEntity")),
            local(attribute(record, "prov:usedEntity")),
            attribute(record, "provenance:claim"),
            attribute(record, "provenance:relation"),
            attribute(record, "provenance:wording"),
        )
        for record in records(document, prov.model.ProvDerivation)
    )


def case_citations(
    case: Case, *, disputes: bool, claim_id: str | None = None
) -> Counter[tuple[str, str, str, str, str | None]]:
    return Counter(
        (source.id, citation.cites, citation.claim, citation.relation.value, citation.wording)
        for source in case.sources
        for citation in source.citations
        if (citation.relation is Relation.DISPUTES) == disputes
        and claim_id in (None, citation.claim)
    )


# --- PROV-JSON -----------------------------------------------------------------------


@pytest.mark.parametrize("claim_id", [None, "bots-drive-walkaway"])
def test_prov_json_is_valid_by_the_submissions_schema(
    walkaway: Case, validator: Any, claim_id: str | None
) -> None:
    document = json.loads(export_prov_json(walkaway, claim_id))
    errors = sorted(str(error) for error in validator.iter_errors(document))
    assert errors == []
    assert {"entity", "agent", "wasAttributedTo", "wasDerivedFrom"} <= set(document)


def test_the_schema_does_reject_what_is_not_prov_json(validator: Any) -> None:
    assert list(validator.iter_errors({"entity": {"e": {"a": {"b": "c"}}}}))
    assert list(validator.iter_errors({"sources": {}}))


def test_read_back_every_source_is_an_entity(walkaway: Case, tmp_path: Path) -> None:
    path = tmp_path / "walkaway.prov.json"
    path.write_bytes(export_prov_json(walkaway, None))
    document = prov.read(str(path), format="json")
    assert document is not None
    entities = {local(record.identifier) for record in records(document, prov.model.ProvEntity)}
    assert entities == {source.id for source in walkaway.sources}
    assert all(
        str(record.identifier.namespace.uri) == "urn:provenance:walkaway:source:"
        for record in records(document, prov.model.ProvEntity)
    )


def test_read_back_citations_are_derivations_and_disputes_influences(walkaway: Case) -> None:
    document = read_json(export_prov_json(walkaway, None))
    assert derivations(document) == case_citations(walkaway, disputes=False)
    influences = Counter(
        (
            local(attribute(record, "prov:influencee")),
            local(attribute(record, "prov:influencer")),
            attribute(record, "provenance:claim"),
        )
        for record in records(document, prov.model.ProvInfluence)
    )
    assert influences == Counter(
        (citing, cited, claim)
        for citing, cited, claim, _, _ in case_citations(walkaway, disputes=True).elements()
    )


def test_derivations_are_typed_by_relation(walkaway: Case) -> None:
    document = read_json(export_prov_json(walkaway, None))
    types: dict[str, set[str]] = {}
    for record in records(document, prov.model.ProvDerivation):
        asserted = {str(value) for value in record.get_asserted_types()}
        types.setdefault(attribute(record, "provenance:relation"), set()).update(
            asserted or {"plain"}
        )
    assert types == {
        "quotes": {"prov:Quotation"},
        "uses-data": {"prov:PrimarySource"},
        "paraphrases": {"plain"},
        "links": {"plain"},
    }


def test_outlets_and_authors_are_agents(walkaway: Case) -> None:
    document = read_json(export_prov_json(walkaway, None))
    agents = {
        str(record.identifier): (
            {str(value) for value in record.get_asserted_types()},
            str(attribute(record, "prov:label")),
        )
        for record in records(document, prov.model.ProvAgent)
    }
    assert agents["outlet:salon"] == ({"prov:Organization"}, "Salon")
    assert agents["author:bob-cesca"] == ({"prov:Person"}, "Bob Cesca")
    attributed = {
        (local(attribute(record, "prov:entity")), str(attribute(record, "prov:agent")))
        for record in records(document, prov.model.ProvAttribution)
    }
    expected = {
        (source.id, f"outlet:{source.outlet}") for source in walkaway.sources if source.outlet
    } | {
        (source.id, f"author:{author_id(name, set())}")
        for source in walkaway.sources
        for name in source.authors
    }
    assert attributed == expected


def test_entity_attributes(walkaway: Case) -> None:
    document = read_json(export_prov_json(walkaway, None))
    salon = document.get_record("source:salon-cesca")[0]
    values = {str(key): value for key, value in salon.attributes}
    assert values[str(PROV_LABEL)] == (
        "Russian bots are back: #WalkAway attack on Democrats is a likely Kremlin operation"
    )
    assert values["provenance:kind"] == "opinion"
    assert values["provenance:primary"] is False
    # prov reads an xsd:anyURI back as an Identifier
    assert values["schema:url"].uri.startswith("https://www.salon.com/2018/07/09/")
    assert (values["schema:datePublished"].value, values["schema:datePublished"].datatype) == (
        "2018-07-09",
        XSD["date"],
    )
    huffpost = document.get_record("source:huffpost-papenfuss")[0]
    assert attribute(huffpost, "provenance:dateApproximate") is True


def test_one_claim_keeps_its_trace_only(walkaway: Case) -> None:
    document = read_json(export_prov_json(walkaway, "hamilton68-rank"))
    assert derivations(document) == case_citations(
        walkaway, disputes=False, claim_id="hamilton68-rank"
    )
    entities = {local(record.identifier) for record in records(document, prov.model.ProvEntity)}
    assert "hamilton68" in entities
    assert "brand24" not in entities


def test_an_unknown_claim_is_named(walkaway: Case) -> None:
    with pytest.raises(ClaimNotFound, match="no claim 'rank'"):
        export_prov_json(walkaway, "rank")


# --- PROV-N and PROV-XML -------------------------------------------------------------


def test_prov_n_reads_back_as_the_same_document(walkaway: Case) -> None:
    text = export_prov_n(walkaway, None)
    assert text.startswith(b"document\n")
    assert b"wasDerivedFrom(source:salon-cesca, source:huffpost-papenfuss" in text
    document = ProvDocument.deserialize(content=text, format="provn")
    assert document == read_json(export_prov_json(walkaway, None))


def test_prov_xml_reads_back_as_the_same_document(walkaway: Case) -> None:
    text = export_prov_xml(walkaway, None)
    assert b"<prov:wasQuotedFrom>" in text
    assert b"<prov:hadPrimarySource>" in text
    document = ProvDocument.deserialize(content=text, format="xml")
    assert document == read_json(export_prov_json(walkaway, None))


def test_prov_xml_without_lxml_says_what_to_install(
    walkaway: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(format_name: str) -> Any:
        raise prov.serializers.DoNotExist(f"no serializer for {format_name}")

    monkeypatch.setattr(prov.serializers, "get", missing)
    with pytest.raises(ExportError, match="pip install lxml"):
        export_prov_xml(walkaway, None)


# --- details -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "xsd_type", "value"),
    [
        ("2018", "gYear", "2018"),
        ("2018-07", "gYearMonth", "2018-07"),
        ("2018-07-09", "date", "2018-07-09"),
        ("2018-07-09T14:30:00+02:00", "dateTime", "2018-07-09T12:30:00+00:00"),
    ],
)
def test_dates_keep_their_precision(text: str, xsd_type: str, value: str) -> None:
    literal = date_literal(parse_publication_date(text))
    assert (literal.value, literal.datatype) == (value, XSD[xsd_type])


def test_author_ids_are_slugs_and_never_collide() -> None:
    assert author_id("Mary Papenfuss", set()) == "mary-papenfuss"
    assert author_id("José Núñez", set()) == "jose-nunez"
    assert author_id("@sofialimited", set()) == "sofialimited"
    assert author_id("ДМИТРИЙ", set()) == "author"
    assert author_id("Mary  Papenfuss", {"mary-papenfuss"}) == "mary-papenfuss-2"
    assert author_id("x", {"x", "x-2"}) == "x-3"


def test_a_source_without_outlet_or_authors_has_no_agent(make_case: MakeCase) -> None:
    case = to_case(load_case(make_case()))
    document = read_json(export_prov_json(case, None))
    assert records(document, prov.model.ProvAgent) == []
    echo = document.get_record("source:echo")[0]
    assert attribute(echo, str(PROV_LABEL)) == "A follow-up"
    derivation = records(document, prov.model.ProvDerivation)[0]
    assert {str(value) for value in derivation.get_asserted_types()} == {str(PROV["Quotation"])}
    assert attribute(derivation, "provenance:wording") == "it ranked first"
