"""JSON Schemas of the case files, generated from the model.

Editors that speak the YAML language server read these (through the
`# yaml-language-server: $schema=...` line at the top of each case file) to validate and
autocomplete as people type. They are generated, never written by hand, so they cannot
drift from what the loader accepts; `schemas/` in the repository holds a copy that a
test keeps in step.

pydantic makes them, reading the model's classes and the markers of `constraints.py`
(each turns itself into pydantic's own annotation). pydantic is imported only when a
schema is made, so that `provenance check` and the other commands do without it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import Any

from provenance import model
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
    from pydantic import TypeAdapter  # here only: see the module's docstring

    with _field_docstrings():
        schema = TypeAdapter(SCHEMA_MODELS[kind]).json_schema()
    return {"$schema": _DRAFT, "$id": f"{kind}.schema.json", **schema}


@contextlib.contextmanager
def _field_docstrings() -> Iterator[None]:
    """The model's field docstrings as descriptions, while a schema is generated (the
    loader's validators do without them: see `_CONFIG` in model.py)."""
    classes: list[Any] = [  # the model's pydantic dataclasses
        value
        for value in vars(model).values()
        if isinstance(value, type) and "__pydantic_config__" in vars(value)
    ]
    configs: dict[Any, dict[str, Any]] = {cls: cls.__pydantic_config__ for cls in classes}
    try:
        for cls, config in configs.items():
            cls.__pydantic_config__ = {**config, "use_attribute_docstrings": True}
        yield
    finally:
        for cls, config in configs.items():
            cls.__pydantic_config__ = config


def json_schema_text(kind: str) -> str:
    """The schema as stable, diff-friendly JSON text."""
    return json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
