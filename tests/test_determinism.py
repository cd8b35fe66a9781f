"""The same case gives the same bytes in any interpreter: no set or dict order, which
changes with Python's hash seed, reaches an output.

Two interpreters with different PYTHONHASHSEED values each render the frozen #WalkAway
case (with a fact-checker, so ClaimReview has something to publish) through
render_all.py: the report's pages, trace JSON and DOT, every claim's trace as text and
JSON, and every export of the whole case and of each claim. The folders must be equal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TESTS, WALKAWAY
from reports import report_files

from provenance.export import EXPORTERS

FACT_CHECKER = "fact_checker:\n  name: Example Checks\n  url: https://checks.example/\n"
SEEDS = ("1", "2")
SEED_PROOF = "hash.txt"


def reviewed_case(folder: Path) -> Path:
    """The frozen case, with a fact-checker to publish its verdicts as ClaimReview."""
    case = shutil.copytree(WALKAWAY, folder)
    case_file = case / "case.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("\nclaims:\n", f"\n{FACT_CHECKER}claims:\n", 1), "utf-8")
    return case


def render_all(case: Path, out: Path, seed: str) -> dict[str, bytes]:
    result = subprocess.run(
        [sys.executable, TESTS / "render_all.py", case, out],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    files = {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.relative_to(out).parts[0] != "report"
    }
    # The report as its readers see it, through the links the build publishes.
    return files | {f"report/{name}": data for name, data in report_files(out / "report").items()}


@pytest.mark.slow
def test_every_output_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    case = reviewed_case(tmp_path / "walkaway")
    first, second = (render_all(case, tmp_path / f"seed-{seed}", seed) for seed in SEEDS)
    assert first.pop(SEED_PROOF) != second.pop(SEED_PROOF), "the hash seeds made no difference"
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    # It rendered what it says: each format, each page, each drawing.
    assert {name.split("/")[1] for name in first if name.startswith("exports/")} == set(EXPORTERS)
    assert b'"@type": "ClaimReview"' in first["exports/claimreview/the-whole-case"]
    report = {name for name in first if name.startswith("report/walkaway/")}
    assert {"report/walkaway/index.html", "report/walkaway/overview.svg"} <= report
    assert len([name for name in report if name.endswith(".html")]) == 1 + 8
    assert b"digraph" in first["report/walkaway/outlets.svg"]
    assert len([name for name in first if name.startswith("traces/")]) == 2 * 8
