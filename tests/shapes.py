"""Case folders of extreme shapes, written at test time: a long chain of citations, a
layered graph whose paths double at each layer, a dense graph where every source cites
every other, and a wide case with no outlets. Each is valid (`provenance check` passes
it) and small on disk, so tests can build them at the sizes the issues name."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

CLAIM = "rank"


CASE_FILE = f"""\
title: A case of an extreme shape
fact_checker:
  name: Example Checks
  url: https://checks.example/
claims:
  - id: {CLAIM}
    statement: The bot ranked first.
    verdict:
      rating: Misleading
      rating_value: 2
      reviewed: 2018-07-20
"""


def _case(folder: Path) -> None:
    """A case of one claim, with a fact-checker and a verdict (for ClaimReview)."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(CASE_FILE, encoding="utf-8")


def _source(folder: Path, source_id: str, cites: Iterable[str], *, day: int = 1) -> None:
    lines = ["kind: article", f"published: 2018-07-{day:02d}"]
    cited = list(cites)
    if cited:
        lines.append("citations:")
        for target in cited:
            lines += [
                f"  - cites: {target}",
                f"    claim: {CLAIM}",
                "    relation: quotes",
                "    wording: it ranked first",
            ]
    else:
        lines += ["statements:", f"  - claim: {CLAIM}", "    wording: It ranked first."]
    (folder / "sources" / f"{source_id}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


def chain_case(folder: Path, length: int) -> Path:
    """`length` sources, each citing the one before: s00000 <- s00001 <- ..."""
    _case(folder)
    for index in range(length):
        _source(folder, f"s{index:05d}", [f"s{index - 1:05d}"] if index else [])
    return folder


def layered_case(folder: Path, layers: int, width: int = 2) -> Path:
    """`layers` layers of `width` sources, each citing every source of the layer before:
    width ** layers paths from the last layer back to the first."""
    _case(folder)
    for layer in range(layers):
        for column in range(width):
            cites = [f"l{layer - 1:03d}-{other}" for other in range(width)] if layer else []
            _source(folder, f"l{layer:03d}-{column}", cites)
    return folder


def dense_case(folder: Path, size: int) -> Path:
    """`size` sources of one day, each citing every other: size * (size - 1) citations."""
    _case(folder)
    ids = [f"d{index:03d}" for index in range(size)]
    _source(folder, "origin", [])
    for source_id in ids:
        _source(folder, source_id, ["origin", *(other for other in ids if other != source_id)])
    return folder


def wide_case(folder: Path, size: int) -> Path:
    """`size` sources without outlets, each citing one of the ten before it."""
    _case(folder)
    for index in range(size):
        cites = [f"w{index - 1 - index % 10:05d}"] if index > 10 else []
        _source(folder, f"w{index:05d}", cites)
    return folder
