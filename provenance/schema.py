"""JSON Schemas of the case files, generated from the model.

Editors that speak the YAML language server read these (through the
`# yaml-language-server: $schema=...` line at the top of each case file) to validate and
autocomplete as people type. They are generated, never written by hand, so they cannot
drift from what the loader accepts; `schemas/` in the repository holds a copy that a
test keeps in step.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from provenance.model import CaseFile, OutletsFile, PeopleFile, Source

SCHEMA_MODELS: dict[str, type] = {
    "case": CaseFile,
    "outlets": OutletsFile,
    "people": PeopleFile,
    "source": Source,
}
"""Each kind of case file, by the name used for its schema file (`<name>.schema.json`)."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of case file."""
    schema = TypeAdapter(SCHEMA_MODELS[kind]).json_schema()
    return {"$schema": _DRAFT, "$id": f"{kind}.schema.json", **schema}


def json_schema_text(kind: str) -> str:
    """The schema as stable, diff-friendly JSON text."""
    return json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
