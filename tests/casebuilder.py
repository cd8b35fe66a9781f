"""Small hand-made cases for the analysis tests, written from plain data.

`case(tmp_path, sources={...})` writes a case folder (YAML dumped from dictionaries, so a
test states only what matters to it), loads it, insists it has no errors, and returns the
Case. `says` and `cites` make the usual statement and citation entries short to write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from provenance.load import load_case, to_case
from provenance.model import Case
from provenance.problems import Severity

CLAIM = "c"
DEFAULT_CLAIMS = ({"id": CLAIM, "statement": "The claim under study."},)


def says(wording: str, claim: str = CLAIM, **more: Any) -> dict[str, Any]:
    """A statement of the claim."""
    return {"claim": claim, "wording": wording, **more}


def cites(source: str, relation: str = "quotes", claim: str = CLAIM, **more: Any) -> dict[str, Any]:
    """A citation of another source for the claim."""
    return {"cites": source, "claim": claim, "relation": relation, **more}


def source(kind: str = "article", **fields: Any) -> dict[str, Any]:
    return {"kind": kind, **fields}


def write_case(
    folder: Path,
    sources: Mapping[str, Mapping[str, Any]],
    *,
    claims: Sequence[Mapping[str, Any]] = DEFAULT_CLAIMS,
    outlets: Sequence[Mapping[str, Any]] = (),
    people: Sequence[Mapping[str, Any]] = (),
) -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    _dump(folder / "case.yaml", {"title": "A hand-made case", "claims": list(claims)})
    if outlets:
        _dump(folder / "outlets.yaml", {"outlets": list(outlets)})
    if people:
        _dump(folder / "people.yaml", {"people": list(people)})
    for name, data in sources.items():
        _dump(folder / "sources" / f"{name}.yaml", dict(data))
    return folder


def case(tmp_path: Path, sources: Mapping[str, Mapping[str, Any]], **parts: Any) -> Case:
    """The case, loaded; fails the test if it has errors (warnings are allowed)."""
    folder = write_case(tmp_path / "case", sources, **parts)
    loaded = load_case(folder)
    errors = [p for p in loaded.problems if p.severity is Severity.ERROR]
    assert not errors, errors
    return to_case(loaded)


def _dump(path: Path, data: Mapping[str, Any]) -> None:
    path.write_text(yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True), "utf-8")
