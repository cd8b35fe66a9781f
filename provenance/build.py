"""The builder: case folders -> SVG graphs and trace data under output/.

`build` runs the checks first and writes nothing if any case has errors. Otherwise it
traces every claim, turns each trace, each case overview and each outlet graph into DOT,
renders them with Graphviz in parallel (the renders are separate processes, so threads
are enough to keep every core busy), and only then writes the files, each atomically.
A file whose content has not changed is left untouched.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from provenance.checks import Report, check_paths
from provenance.graph import citation_graph, outlet_graph
from provenance.load import to_case
from provenance.model import Case
from provenance.problems import ClaimNotFound, ProvenanceError, did_you_mean
from provenance.render.dot import claim_dot, outlet_dot, overview_dot
from provenance.render.svg import engine_for, is_large, render_svg
from provenance.render.trace_json import trace_to_json
from provenance.trace import Trace, trace_claim

Renderer = Callable[[str, str], bytes]


@dataclass(frozen=True)
class Drawing:
    """One graph to draw: its DOT text, the engine to use, and where the SVG goes."""

    path: Path
    dot: str
    engine: str


@dataclass(frozen=True)
class BuildResult:
    report: Report
    """The checks run before building; a build with errors writes nothing."""
    written: tuple[Path, ...] = ()
    """Files whose content changed."""
    unchanged: tuple[Path, ...] = ()
    claims: int = 0

    @property
    def built(self) -> bool:
        return self.report.error_count == 0


def build(
    paths: Sequence[Path],
    output_dir: Path,
    *,
    jobs: int | None = None,
    renderer: Renderer = render_svg,
) -> BuildResult:
    """Check, trace and render every case at `paths` into `output_dir`."""
    report = check_paths(paths)
    if report.error_count:
        return BuildResult(report)
    files: dict[Path, bytes] = {}
    drawings: list[Drawing] = []
    claims = 0
    for checked in report.cases:
        case = to_case(checked.loaded)
        case_dir = output_dir / case.id
        graph = citation_graph(case)
        traces = [trace_claim(case, claim.id, graph) for claim in case.claims]
        claims += len(traces)
        drawings += case_drawings(case, traces, case_dir)
        for trace in traces:
            files[case_dir / "claims" / f"{trace.claim.id}.json"] = _json_bytes(
                trace_to_json(trace)
            )
    files.update(render_all(drawings, renderer, jobs))
    written, unchanged = write_files(files, output_dir)
    return BuildResult(report, written, unchanged, claims)


def case_drawings(case: Case, traces: Sequence[Trace], case_dir: Path) -> list[Drawing]:
    """Every graph of one case: one per claim, the overview, and the outlet graph."""
    drawings = []
    for trace in traces:
        size = len(trace.sources)
        drawings.append(
            Drawing(
                case_dir / "claims" / f"{trace.claim.id}.svg",
                claim_dot(trace, large=is_large(size)),
                engine_for(size),
            )
        )
    size = len(case.sources) + len(case.claims)
    drawings.append(
        Drawing(
            case_dir / "overview.svg", overview_dot(case, large=is_large(size)), engine_for(size)
        )
    )
    outlets = outlet_graph(case)
    size = outlets.number_of_nodes()
    drawings.append(
        Drawing(
            case_dir / "outlets.svg",
            outlet_dot(outlets, case.title, large=is_large(size)),
            engine_for(size),
        )
    )
    return drawings


def render_all(
    drawings: Sequence[Drawing], renderer: Renderer, jobs: int | None
) -> dict[Path, bytes]:
    """Render drawings in parallel; results come back in a fixed order."""
    workers = max(1, jobs or os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        svgs = list(pool.map(lambda drawing: renderer(drawing.dot, drawing.engine), drawings))
    return {drawing.path: svg for drawing, svg in zip(drawings, svgs, strict=True)}


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def write_files(
    files: dict[Path, bytes], output_dir: Path
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """Write each file atomically, only where its content changed."""
    root = output_dir.resolve()
    written, unchanged = [], []
    for path in sorted(files):
        if not path.resolve().is_relative_to(root):
            raise ProvenanceError(f"refusing to write {path}: it is outside {output_dir}")
        if path.exists() and path.read_bytes() == files[path]:
            unchanged.append(path)
            continue
        write_atomically(path, files[path])
        written.append(path)
    return tuple(written), tuple(unchanged)


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place, so a
    reader never sees half a file and an interrupted build leaves the old one whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def trace_claim_in(paths: Sequence[Path], claim_id: str) -> Trace | Report:
    """Trace a claim in whichever checked case has it; the Report if that case has errors.

    Raises ClaimNotFound when no case, or more than one, has the claim.
    """
    report = check_paths(paths)
    claims = {
        checked: [claim.id for claim in checked.loaded.case_file.claims]
        for checked in report.cases
        if checked.loaded.case_file
    }
    holders = [checked for checked, ids in claims.items() if claim_id in ids]
    if len(holders) != 1:
        known = [known_id for ids in claims.values() for known_id in ids]
        if holders:
            raise ClaimNotFound(
                f"claim '{claim_id}' is in {len(holders)} cases; name the "
                "case folder after the claim id"
            )
        raise ClaimNotFound(f"no case has a claim '{claim_id}'{did_you_mean(claim_id, known)}")
    if holders[0].has_errors:
        return Report((holders[0],), holders[0].problems)
    return trace_claim(to_case(holders[0].loaded), claim_id)
