"""Exports mark what the trace infers from the wording as inferred, and carry revisions."""

from __future__ import annotations

import json
from pathlib import Path

from casebuilder import case, says, source

from provenance.export.network import export_node_link_json
from provenance.export.prov import export_prov_json, export_prov_n

WORDS = "One could say my life itself has been one long soundtrack, the composer said."


def copied_case(tmp_path: Path):  # type: ignore[no-untyped-def]
    return case(
        tmp_path,
        {
            "edit": source("other", published="2009-03-30", statements=[says(WORDS)]),
            "obituary": source(published="2009-03-31", statements=[says(WORDS)]),
            "edit-later": source(
                "other", published="2009-04-30", revision_of="edit", statements=[says(WORDS)]
            ),
        },
    )


def test_prov_marks_an_inferred_copy_and_a_revision(tmp_path: Path) -> None:
    document = json.loads(export_prov_json(copied_case(tmp_path), "c"))
    derivations = list(document["wasDerivedFrom"].values())
    inferred = [d for d in derivations if d.get("provenance:inferred")]
    assert len(inferred) == 1
    assert inferred[0]["prov:generatedEntity"] == "source:obituary"
    assert inferred[0]["prov:usedEntity"] == "source:edit"
    assert inferred[0]["prov:type"]["$"] == "provenance:InferredCopy"
    revisions = [d for d in derivations if d.get("prov:type", {}).get("$") == "prov:Revision"]
    assert [(r["prov:generatedEntity"], r["prov:usedEntity"]) for r in revisions] == [
        ("source:edit-later", "source:edit")
    ]
    assert "provenance:InferredCopy" in export_prov_n(copied_case(tmp_path / "n"), None).decode()


def test_network_exports_carry_inferred_copies_as_flagged_edges(tmp_path: Path) -> None:
    data = json.loads(export_node_link_json(copied_case(tmp_path), None))
    edges = {(edge["source"], edge["target"], edge["relation"]): edge for edge in data["edges"]}
    copy = edges["obituary", "edit", "inferred-copy"]
    assert copy["inferred"] == "true"
    assert copy["text"].startswith("One could say")
    assert edges["edit-later", "edit", "revision-of"]["inferred"] == "false"
