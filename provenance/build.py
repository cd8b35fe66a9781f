"""The builder: case folders -> SVG graphs, trace data and the HTML report under output/.

Each case goes through one pipeline, run for many cases at once in worker processes:
load and check its files, trace every claim, and make the DOT text of its graphs, its
trace JSON and its report pages (with slots where the drawings go). The main process
lays the drawings out with Graphviz in a pool of threads (each render is its own
process) as soon as a case is ready, fills the slots, and stages the files.

A case with errors in its files is left out (and listed, with its problems, in the
index), and does not stop the others; the report keeps the last good version of it, if
there is one. A problem outside any case (a folder named that holds none) stops the
whole build, since which cases there are is then unknown. The new report is made beside
the published one and published in one step at the end (outputs.py). A case whose files
have not changed since the last build is not loaded at all, and a drawing whose DOT text
has not changed is not laid out again. Every drawing is laid out
as its size allows and within a time limit (render/layout.py, render/svg.py). With
`as_of`, every case is first cut to the record as it stood on that day
(`timeline.case_as_of`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import watchfiles

from provenance.checks import check_folder, find_cases
from provenance.drawings import Drawing, Drawn, case_drawings, draw
from provenance.graph import citation_graph
from provenance.load import to_case
from provenance.manifests import Manifest, case_fingerprint, drawing_key
from provenance.outputs import OutputFolder, locked, write_atomically
from provenance.problems import CountsProblems, Problem, ProvenanceError, has_errors
from provenance.render.html import (
    INDEX_ENTRY,
    CaseReport,
    IndexEntry,
    case_page_path,
    fill_svg_slots,
    index_entry,
    render_case_pages,
    render_index,
)
from provenance.render.svg import (
    Renderer,
    drawing_stopped_on_error,
    render_svg,
    renderer_version,
)
from provenance.render.trace_json import trace_to_json
from provenance.render.unbuilt import UnbuiltCase, unbuilt_case
from provenance.timeline import case_as_of
from provenance.trace import trace_claim
from provenance.workers import (
    block_interrupts,
    cancelled_on_error,
    process_pool,
    results_as_completed,
    worker_count,
)

Progress = Callable[["BuildProgress"], None]

__all__ = [
    "BuildResult",
    "build",
    "watch_and_build",
    "write_atomically",
]


@dataclass(frozen=True)
class PreparedCase:
    """Everything one case contributes to a build, before its graphs are drawn."""

    case_id: str
    root: str
    fingerprint: str
    problems: tuple[Problem, ...]
    sources: int
    claims: int = 0
    drawings: tuple[Drawing, ...] = ()
    files: dict[str, bytes] = field(default_factory=dict)
    """Trace JSON and report pages, by path relative to the output folder; pages still
    hold slots for the drawings."""
    entry: IndexEntry | None = None


@dataclass(frozen=True)
class BuildProgress:
    """How far a build has come, for a progress bar."""

    cases_done: int
    cases_total: int
    rendered: int
    reused: int
    """Graphs taken from an earlier build's drawings."""


@dataclass(frozen=True)
class BuildResult(CountsProblems):
    problems: tuple[Problem, ...]
    """What the checks found, in every case."""
    cases: int = 0
    """Cases found, built or not."""
    sources: int = 0
    """Sources of the cases built (of every case checked when nothing was written)."""
    claims: int = 0
    written: tuple[Path, ...] = ()
    """Files whose content changed."""
    unchanged: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    """Files of claims or cases that no longer exist."""
    rendered: int = 0
    """Graphs laid out by Graphviz in this build."""
    reused: int = 0
    """Graphs taken from an earlier build's drawings, not laid out again."""
    unchanged_cases: int = 0
    """Cases whose files had not changed since the last build: not read at all."""
    seconds: float = 0.0
    shortfalls: tuple[tuple[Path, str], ...] = ()
    """Graphs drawn in this build that could not be drawn in full, each with what it
    leaves out: too large, or Graphviz ran out of time (see render/svg.py)."""
    unbuilt: tuple[UnbuiltCase, ...] = ()
    """Cases left out for the errors in their files."""
    published: bool = False
    """Whether the report was published: every case built or kept was (a build with
    nothing to show, or stopped by a problem outside any case, writes nothing)."""

    @property
    def built(self) -> bool:
        """Whether every case was built: no errors anywhere."""
        return not has_errors(self.problems)


# --- one case ------------------------------------------------------------------------


def prepare_case(folder: Path, fingerprint: str, as_of: date | None) -> PreparedCase:
    """Check one case and, if it has no errors, make all it contributes but drawings."""
    checked = check_folder(folder)
    prepared = PreparedCase(
        checked.loaded.id,
        checked.loaded.root,
        fingerprint,
        checked.problems,
        len(checked.loaded.sources),
    )
    if checked.has_errors:
        return prepared
    case = to_case(checked.loaded)
    if as_of is not None:
        case = case_as_of(case, as_of)
    graph = citation_graph(case)
    traces = tuple(trace_claim(case, claim.id, graph) for claim in case.claims)
    report = CaseReport(case, traces, checked.problems)
    files = {
        f"{case.id}/claims/{trace.claim.id}.json": _json_bytes(trace_to_json(trace))
        for trace in traces
    }
    files |= render_case_pages(report, as_of)
    return PreparedCase(
        case.id,
        checked.loaded.root,
        fingerprint,
        checked.problems,
        len(case.sources),
        claims=len(traces),
        drawings=tuple(case_drawings(case, traces)),
        files=files,
        entry=index_entry(report),
    )


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


# --- the whole build -----------------------------------------------------------------


def build(
    paths: Sequence[Path],
    output_dir: Path,
    *,
    jobs: int | None = None,
    renderer: Renderer = render_svg,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Check, trace and draw every case at `paths` into `output_dir`, with the report.

    A case with errors is left out and its last good version kept; nothing is written
    when no case can be shown, or a path holds no case. `jobs` caps the processes and Graphviz runs
    at once (default: one per core); `as_of` builds the record as it stood at the end of
    that day; `progress` is called as cases are prepared and graphs drawn.
    """
    started = time.perf_counter()
    folders, problems = find_cases(paths)
    refuse_output_among_cases(output_dir, [*paths, *folders])
    existed = output_dir.exists()
    try:
        with locked(output_dir):
            output = OutputFolder(output_dir)
            # Decided under the lock: a folder another build is filling is not new.
            new, published = output.is_new(), False
            try:
                output.open()
                run = _Run(output, renderer, jobs, progress, settings=f"as-of={as_of}")
                result = run.build(folders, problems, as_of, started)
                published = result.published
            finally:
                output.discard()
                if new and not published:
                    _remove_own_folder(output, existed)
            return result
    except OSError as error:
        where = error.filename or output_dir
        raise ProvenanceError(f"cannot write to {where}: {error.strerror or error}") from error


class OutputAmongCases(ProvenanceError):
    """The output folder is, or is inside, a folder of case files, or holds one."""


def refuse_output_among_cases(output_dir: Path, case_places: Sequence[Path]) -> None:
    """Refuse an output folder that is a case folder (or a folder named on the command
    line), lies inside one, or holds one: the report would be written among the case
    files, and a build could replace or remove them."""
    output = output_dir.resolve()
    for place in case_places:
        where = place.resolve()
        if output == where or output.is_relative_to(where):
            raise OutputAmongCases(
                f"the output folder {output_dir} is inside {place}, where the case files "
                "are: build into a folder outside them, e.g. -o output"
            )
        if where.is_relative_to(output):
            raise OutputAmongCases(
                f"the output folder {output_dir} holds the case files in {place}: build "
                "into a folder of its own, e.g. -o output"
            )


def _remove_own_folder(output: OutputFolder, existed: bool) -> None:
    """A build that wrote nothing leaves no folder of its own behind either: its state
    folder goes, and the output folder too if this build made it and it is empty."""
    shutil.rmtree(output.state, ignore_errors=True)
    if not existed:
        with contextlib.suppress(OSError):
            output.root.rmdir()


class _Run:
    """The state of one build between its steps."""

    def __init__(
        self,
        output: OutputFolder,
        renderer: Renderer,
        jobs: int | None,
        progress: Progress | None,
        settings: str,
    ) -> None:
        self.output, self.renderer, self.jobs = output, renderer, jobs
        self.report_progress = progress
        self.settings = settings
        self.version = (
            renderer_version() if renderer is render_svg else getattr(renderer, "__qualname__", "")
        )
        self.manifests: dict[str, Manifest] = {}
        self.fingerprints: dict[Path, str] = {}
        self.stale: list[Path] = []
        self.problems: list[Problem] = []
        self.sources = self.claims = self.rendered = self.reused = self.cases_done = 0
        self.unchanged_cases = 0
        self.written: list[Path] = []
        self.unchanged: list[Path] = []
        self.shortfalls: list[tuple[Path, str]] = []
        self.order: list[str] = []
        self.unbuilt: list[PreparedCase] = []
        """Cases with errors: not built, their last good version kept if they have one."""
        self.drawing = True
        """False once nothing can be published: the cases are then only checked."""

    def build(
        self, folders: Sequence[Path], problems: list[Problem], as_of: date | None, started: float
    ) -> BuildResult:
        """Check, prepare and draw every case, then publish the clean ones and keep the
        last good version of the others, unless a problem outside any case stops it."""
        self.drawing = not has_errors(problems)
        self.plan(folders)
        self.prepare_all(as_of)
        problems = problems + self.problems
        unbuilt = self.keep_unbuilt()
        if not self.drawing or not self.manifests:
            checked = self.sources + sum(prepared.sources for prepared in self.unbuilt)
            return BuildResult(tuple(sorted(problems)), len(folders), checked, unbuilt=unbuilt)
        self.stage_index(as_of, unbuilt)
        removed = self.output.commit(self.manifests)
        root = self.output.root
        return self.result(
            problems, [root / path for path in removed], time.perf_counter() - started, unbuilt
        )

    # -- planning --

    def plan(self, folders: Sequence[Path]) -> None:
        """Reuse every case whose files have not changed; the rest are stale."""
        for folder in folders:
            fingerprint = case_fingerprint(folder, self.settings)
            self.fingerprints[folder] = fingerprint
            self.order.append(folder.resolve().name)
            manifest = self.output.reusable(folder.resolve().name, fingerprint)
            if manifest is None:
                self.stale.append(folder)
                continue
            self.manifests[manifest.case_id] = manifest
            self.problems += manifest.problems
            self.sources += manifest.sources
            self.claims += manifest.claims
            self.unchanged_cases += 1
            self.unchanged += [self.output.root / path for path in manifest.outputs]

    # -- preparing and drawing --

    def prepare_all(self, as_of: date | None) -> None:
        pending: deque[tuple[PreparedCase, list[tuple[Drawing, Future[Drawn] | Drawn]]]]
        pending = deque()
        workers = worker_count(self.jobs, max(len(self.stale), 1))
        drawing_threads = ThreadPoolExecutor(max_workers=workers, initializer=block_interrupts)
        # On Ctrl-C or an error: the Graphviz runs are killed first, then the pool stops.
        with cancelled_on_error(drawing_threads) as drawing_pool, drawing_stopped_on_error():
            for prepared in self._prepared(as_of):
                self.cases_done += 1
                self.problems += prepared.problems
                if has_errors(prepared.problems):
                    self.unbuilt.append(prepared)
                else:
                    self.sources += prepared.sources
                if has_errors(prepared.problems) or not self.drawing:
                    self._tick()
                    continue  # keep checking the rest, so every problem is reported
                pending.append((prepared, self._draw(prepared, drawing_pool)))
                # Keep at most two cases in memory: stage the oldest once the next one
                # is drawing, so Graphviz is never idle while files are staged.
                while len(pending) > 2 or (pending and _done(pending[0][1])):
                    self._finish(*pending.popleft())
                self._tick()
            while pending:
                self._finish(*pending.popleft())

    def _prepared(self, as_of: date | None) -> Iterator[PreparedCase]:
        tasks = [(folder, self.fingerprints[folder]) for folder in self.stale]
        workers = worker_count(self.jobs, len(tasks))
        if workers == 1:
            yield from (prepare_case(folder, fingerprint, as_of) for folder, fingerprint in tasks)
            return
        with cancelled_on_error(process_pool(workers, preload=__name__)) as pool:
            # Only a few cases ahead of the drawing: preparing is faster than Graphviz,
            # and every prepared case waiting holds its pages and drawings in memory
            # (submitting all 1,000 cases of the XL benchmark at once took 3.5 GB).
            yield from results_as_completed(
                pool,
                functools.partial(prepare_case, as_of=as_of),
                tasks,
                ahead=2 * workers,
            )

    def _draw(
        self, prepared: PreparedCase, pool: ThreadPoolExecutor
    ) -> list[tuple[Drawing, Future[Drawn] | Drawn]]:
        drawings: list[tuple[Drawing, Future[Drawn] | Drawn]] = []
        for drawing in prepared.drawings:
            cached = self.output.cached_drawing(self._key(drawing))
            if cached is not None:
                self.reused += 1
                drawings.append((drawing, Drawn(cached)))
            else:
                submitted = pool.submit(draw, drawing.dot, drawing.engine, self.renderer)
                drawings.append((drawing, submitted))
        return drawings

    def _key(self, drawing: Drawing) -> str:
        return drawing_key(drawing.dot, drawing.engine, self.version)

    def _finish(
        self, prepared: PreparedCase, drawings: list[tuple[Drawing, Future[Drawn] | Drawn]]
    ) -> None:
        """Stage one case's files, now that its drawings are done."""
        svgs: dict[str, bytes] = {}
        for drawing, outcome in drawings:
            if isinstance(outcome, Future):
                drawn = outcome.result()
                self.output.cache_drawing(self._key(drawing), drawn.svg)
                self.rendered += 1
                shortfall = drawn.shortfall or drawing.shortfall
                if shortfall:
                    self.shortfalls.append((self.output.root / drawing.path, shortfall))
            else:
                drawn = outcome
            svgs[drawing.path] = drawn.svg
        prefix = f"{prepared.case_id}/"
        inside = {path.removeprefix(prefix): svg for path, svg in svgs.items()}
        files = {
            path: fill_svg_slots(content, inside) if path.endswith(".html") else content
            for path, content in prepared.files.items()
        }
        files |= svgs
        for path, content in sorted(files.items()):
            target = self.output.root / path
            (self.written if self.output.stage(path, content) else self.unchanged).append(target)
        self.claims += prepared.claims
        assert prepared.entry is not None
        self.manifests[prepared.case_id] = Manifest(
            prepared.case_id,
            prepared.fingerprint,
            {path: len(content) for path, content in files.items()},
            prepared.problems,
            INDEX_ENTRY.dump_python(prepared.entry, mode="json"),
            prepared.sources,
            prepared.claims,
            tuple(sorted(self._key(drawing) for drawing, _ in drawings)),
        )

    def _tick(self) -> None:
        if self.report_progress is not None:
            self.report_progress(
                BuildProgress(self.cases_done, len(self.stale), self.rendered, self.reused)
            )

    # -- cases not built --

    def keep_unbuilt(self) -> tuple[UnbuiltCase, ...]:
        """Keep the published version of each case not built, where there is one: the
        new report shows it as it was, and the index says why it is not new."""
        listed = []
        for prepared in sorted(self.unbuilt, key=lambda prepared: prepared.case_id):
            kept = self.output.manifests.get(prepared.case_id)
            if kept is not None:  # the manifest of its published version
                self.manifests[prepared.case_id] = kept
            href = case_page_path(prepared.case_id) if kept is not None else None
            listed.append(unbuilt_case(prepared.case_id, prepared.root, prepared.problems, href))
        return tuple(listed)

    # -- the index and the result --

    def stage_index(self, as_of: date | None, unbuilt: Sequence[UnbuiltCase]) -> None:
        entries = [
            INDEX_ENTRY.validate_python(self.manifests[case_id].entry)
            for case_id in sorted(self.order)
            if case_id in self.manifests
        ]
        page = render_index(entries, as_of, unbuilt)
        target = self.output.root / "index.html"
        (self.written if self.output.stage("index.html", page) else self.unchanged).append(target)

    def result(
        self,
        problems: list[Problem],
        removed: list[Path],
        seconds: float,
        unbuilt: tuple[UnbuiltCase, ...],
    ) -> BuildResult:
        return BuildResult(
            tuple(sorted(problems)),
            len(self.order),
            self.sources,
            self.claims,
            tuple(sorted(self.written)),
            tuple(sorted(self.unchanged)),
            tuple(removed),
            self.rendered,
            self.reused,
            self.unchanged_cases,
            seconds,
            tuple(sorted(self.shortfalls)),
            unbuilt,
            published=True,
        )


def _done(drawings: Iterable[tuple[Drawing, Future[Drawn] | Drawn]]) -> bool:
    return all(not isinstance(outcome, Future) or outcome.done() for _, outcome in drawings)


def watch_and_build(
    paths: Sequence[Path],
    run: Callable[[], object],
    *,
    stop: threading.Event | None = None,
) -> None:
    """Call `run` now, then again each time a file under `paths` changes, until `stop`
    is set (or the user interrupts). Changes that land together trigger one run."""
    run()
    for _changes in watchfiles.watch(
        *paths, stop_event=stop, debounce=300, rust_timeout=500, yield_on_timeout=False
    ):
        run()
