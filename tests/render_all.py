"""Render all of one case into a folder: the report, every trace and every export.

    python tests/render_all.py CASE_DIR OUT_DIR

test_determinism.py runs it in interpreters with different hash seeds and compares the
folders byte for byte. The report is built with a stand-in for Graphviz whose drawing
holds the DOT it was given, so the DOT is compared too. `hash.txt` holds this
interpreter's hash of a string, to show that the seeds differed.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

from provenance.build import build
from provenance.export import EXPORTERS, export_case
from provenance.load import load_case, to_case
from provenance.problems import ProvenanceError
from provenance.render.terminal import trace_to_text
from provenance.render.trace_json import trace_to_json
from provenance.trace import trace_case


def drawing_of_the_dot(dot: str, engine: str) -> bytes:
    """A stand-in for Graphviz: an SVG that holds the DOT it was given."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"><desc>{engine}\n{html.escape(dot)}</desc></svg>'
    ).encode()


def render_all(case_dir: Path, out: Path) -> None:
    if not build([case_dir], out / "report", renderer=drawing_of_the_dot, jobs=1).built:
        raise SystemExit(f"{case_dir} does not build")
    case = to_case(load_case(case_dir))
    for trace in trace_case(case):
        write(out / "traces" / f"{trace.claim.id}.txt", trace_to_text(trace).encode())
        data = json.dumps(trace_to_json(trace), indent=2, ensure_ascii=False)
        write(out / "traces" / f"{trace.claim.id}.json", data.encode())
    for name in sorted(EXPORTERS):
        for claim_id in (None, *(claim.id for claim in case.claims)):
            try:
                data_or_error = export_case(case, name, claim_id)
            except ProvenanceError as error:  # e.g. ClaimReview of a claim with no verdict
                data_or_error = f"{type(error).__name__}: {error}\n".encode()
            write(out / "exports" / name / (claim_id or "the-whole-case"), data_or_error)
    write(out / "hash.txt", str(hash("provenance")).encode())


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


if __name__ == "__main__":
    render_all(Path(sys.argv[1]), Path(sys.argv[2]))
