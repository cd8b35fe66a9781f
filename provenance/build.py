"""The builder: case folders -> SVG graphs, trace data and the HTML report under output/.

`build` runs the checks first and writes nothing if any case has errors. Otherwise it
traces every claim, turns each trace, each case overview and each outlet graph into DOT,
renders them with Graphviz in parallel (the renders are separate processes, so threads
are enough to keep every core busy), makes the report's pages with those drawings
inlined, and only then writes the files, each atomically. A file whose content has not
changed is left untouched. With `as_of`, every case is first cut to the record as it
stood on that day (`timeline.case_as_of`).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from provenance.checks import CheckedCase, Report, check_paths
from provenance.graph import citation_graph, outlet_graph
from provenance.load import to_case
from provenance.model import Case
from provenance.problems import ClaimNotFound, ProvenanceError, did_you_mean
from provenance.render.dot import claim_dot, outlet_dot, overview_dot
from provenance.render.html import CaseReport, render_report
from provenance.render.svg import engine_for, is_large, render_svg
from provenance.render.trace_json import trace_to_json
from provenance.timeline import case_as_of
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
    as_of: date | None = None,
) -> BuildResult:
    """Check, trace and render every case at `paths` into `output_dir`, with the HTML
    report; `as_of` builds it all as the record stood at the end of that day."""
    report = check_paths(paths)
    if report.error_count:
        return BuildResult(report)
    files: dict[Path, bytes] = {}
    drawings: list[Drawing] = []
    built: list[tuple[CheckedCase, Case, list[Trace]]] = []
    claims = 0
    for checked in report.cases:
        case = to_case(checked.loaded)
        if as_of is not None:
            case = case_as_of(case, as_of)
        case_dir = output_dir / case.id
        graph = citation_graph(case)
        traces = [trace_claim(case, claim.id, graph) for claim in case.claims]
        built.append((checked, case, traces))
        claims += len(traces)
        drawings += case_drawings(case, traces, case_dir)
        for trace in traces:
            files[case_dir / "claims" / f"{trace.claim.id}.json"] = _json_bytes(
                trace_to_json(trace)
            )
    files.update(render_all(drawings, renderer, jobs))
    files.update(report_pages(built, files, output_dir, as_of))
    written, unchanged = write_files(files, output_dir)
    return BuildResult(report, written, unchanged, claims)


def report_pages(
    built: Sequence[tuple[CheckedCase, Case, Sequence[Trace]]],
    files: Mapping[Path, bytes],
    output_dir: Path,
    as_of: date | None,
) -> dict[Path, bytes]:
    """The HTML report: an index, a page per case and per claim, with the SVGs just
    drawn inlined into them."""
    svgs: dict[str, dict[str, bytes]] = {}
    for path, content in files.items():
        if path.suffix == ".svg":
            case_id, *inside = path.relative_to(output_dir).parts
            svgs.setdefault(case_id, {})["/".join(inside)] = content
    reports = [
        CaseReport(case, tuple(traces), checked.problems, svgs.get(case.id, {}))
        for checked, case, traces in built
    ]
    pages = render_report(reports, as_of=as_of)
    return {output_dir / path: content for path, content in sorted(pages.items())}


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
        # mkstemp makes the file private (0600); a report published from this folder
        # must be readable by the web server, as a file written with open() would be.
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@cache
def _new_file_mode() -> int:
    """The mode open() gives a new file: 0o666 less the process's umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def trace_claim_in(paths: Sequence[Path], claim_id: str) -> Trace | Report:
    """Trace a claim in whichever checked case has it; the Report if that case has errors.

    Raises ClaimNotFound when no case, or more than one, has the claim.
    """
    holder = case_with_claim(check_paths(paths), claim_id)
    if holder.has_errors:
        return Report((holder,), holder.problems)
    return trace_claim(to_case(holder.loaded), claim_id)


def case_with_claim(report: Report, claim_id: str) -> CheckedCase:
    """The one checked case that has the claim; ClaimNotFound when none or several do."""
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
    return holders[0]
