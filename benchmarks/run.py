"""Benchmark provenance against the floors it is measured by, side by side in one run.

Shared machines are noisy, so every figure here is a ratio of two timings taken in the
same run, each the median of several rounds that run ours and the floor in turn:

- check   vs the parse floor: loading the same files with PyYAML's C safe loader alone,
          in this process and (floor.py) in a fresh one, so start-up counts on both sides;
- build   vs the Graphviz floor: `dot -Tsvg` (or sfdp for large graphs) run on the same
          DOT files one after another;
- rebuild with nothing changed, and after editing one source file, vs the full build;
- growth: check and build time from one size to the next, and peak memory (the whole
          process tree of our command: the CLI, its workers and the Graphviz runs).

Usage:  python benchmarks/run.py [--sizes S,M,L] [--repeat 3] [--jobs N] [--work DIR]
Cases are generated with benchmarks/generate.py into the work folder (kept between runs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import psutil  # noqa: E402
import yaml  # noqa: E402
from generate import generate  # noqa: E402

try:
    from yaml import CSafeLoader as FloorLoader
except ImportError:  # pragma: no cover
    sys.exit("PyYAML was built without libyaml: the parse floor needs the C loader")


def side_by_side(
    actions: dict[str, Callable[[], object]], repeat: int
) -> dict[str, tuple[float, float]]:
    """Run the actions in turn, `repeat` rounds of all of them (so a busy spell on the
    machine hits ours and the floor alike), and give for each the median wall time and the
    largest peak memory (MB) its runs reported (0 when the action reports none)."""
    timings: dict[str, list[float]] = {name: [] for name in actions}
    peaks: dict[str, list[float]] = {name: [0.0] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            start = time.perf_counter()
            result = action()
            timings[name].append(time.perf_counter() - start)
            if isinstance(result, float):
                peaks[name].append(result)
    return {name: (statistics.median(timings[name]), max(peaks[name])) for name in actions}


def parse_floor(root: Path) -> None:
    for path in sorted(root.rglob("*.yaml")):
        with path.open("rb") as stream:
            yaml.load(stream, Loader=FloorLoader)


def parse_floor_process(root: Path) -> None:
    """The parse floor in a fresh process, as our command runs: Python's start-up and
    PyYAML's import count too, which is what a check of one small case is mostly made of."""
    subprocess.run([sys.executable, str(HERE / "floor.py"), str(root)], check=True)


def run_cli(*arguments: str) -> float:
    """Run our command as a user runs it, in a fresh process (imports included), and return
    its peak memory in MB: the resident memory of the command and every process it started
    (worker processes, Graphviz runs) added up, sampled ten times a second. A process's own
    maximum (getrusage) would miss the workers running side by side."""
    command = subprocess.Popen(
        [sys.executable, "-m", "provenance", *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tree = psutil.Process(command.pid)
    peak = 0
    finished = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not finished.is_set():
            peak = max(peak, resident_bytes(tree))
            finished.wait(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    # A blocking wait, so the timing ends the moment the command does.
    command.wait()
    finished.set()
    sampler.join()
    return peak / 2**20


def resident_bytes(tree: psutil.Process) -> int:
    total = 0
    try:
        processes = [tree, *tree.children(recursive=True)]
    except psutil.Error:  # the command has just ended
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:  # a worker or a Graphviz run ended while we looked
            continue
    return total


def ensure_cases(size: str, work: Path) -> Path:
    folder = work / size
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(size, folder)
        (folder / ".complete").write_text("")
    return folder


def dot_files(root: Path, folder: Path) -> list[tuple[Path, str]]:
    """Every graph a build of `root` draws, written as DOT files for the floor to render."""
    from provenance.build import prepare_case
    from provenance.checks import find_cases

    cases, _ = find_cases([root])
    written = []
    for case in cases:
        for drawing in prepare_case(case, "", None).drawings:
            path = folder / (drawing.path.replace("/", "__") + ".dot")
            path.write_text(drawing.dot, encoding="utf-8")
            written.append((path, drawing.engine))
    return written


def graphviz_floor(files: list[tuple[Path, str]]) -> None:
    """`dot -Tsvg` on each file, one after another: what drawing alone costs. (A claim's
    file holds its key as a second graph, whose SVG `-o` would not take: the output is
    thrown away instead.)"""
    for path, engine in files:
        subprocess.run(
            ["dot", f"-K{engine}", "-Tsvg", str(path)], check=True, stdout=subprocess.DEVNULL
        )


def bench_build(root: Path, work: Path, repeat: int, jobs: int | None) -> dict[str, float]:
    out = work / "out"
    dots = work / "dots"
    shutil.rmtree(dots, ignore_errors=True)
    dots.mkdir(parents=True)
    files = dot_files(root, dots)
    jobs_args = ["--jobs", str(jobs)] if jobs else []

    def rebuild() -> float:
        return run_cli("build", str(root), "-o", str(out), "--quiet", *jobs_args)

    def full() -> float:
        shutil.rmtree(out, ignore_errors=True)
        return rebuild()

    # In this order each round: the full build leaves the output the rebuilds start from.
    figures = side_by_side(
        {
            "floor": lambda: graphviz_floor(files),
            "full": full,
            "unchanged": rebuild,
            "edited": lambda: edit_one_source(root, rebuild),
        },
        repeat,
    )
    (floor, _), (ours, peak) = figures["floor"], figures["full"]
    unchanged, edited = figures["unchanged"][0], figures["edited"][0]
    return {
        "graphs": len(files),
        "build_s": ours,
        "graphviz_floor_s": floor,
        "build_ratio": ours / floor,
        "rebuild_unchanged_s": unchanged,
        "rebuild_unchanged_share": unchanged / ours,
        "rebuild_one_edit_s": edited,
        "rebuild_one_edit_share": edited / ours,
        "build_peak_mb": peak,
    }


def edit_one_source(root: Path, action: Callable[[], object]) -> object:
    """Change one statement's wording in one source file, run `action`, then put the file
    back (and rebuild outside the timing is left to the next call)."""
    source = sorted((root / "case-0000" / "sources").glob("*.yaml"))[7]
    original = source.read_bytes()
    edited = original.replace(b"The claim", b"The edited claim", 1)
    if edited == original:
        edited = original + b"notes: edited for the benchmark\n"
    source.write_bytes(edited)
    try:
        return action()
    finally:
        source.write_bytes(original)


def bench_check(root: Path, repeat: int) -> dict[str, float]:
    figures = side_by_side(
        {
            "floor": lambda: parse_floor(root),
            "floor_process": lambda: parse_floor_process(root),
            "ours": lambda: run_cli("check", str(root)),
        },
        repeat,
    )
    (floor, _), (ours, peak) = figures["floor"], figures["ours"]
    floor_process = figures["floor_process"][0]
    return {
        "check_s": ours,
        "parse_floor_s": floor,
        "check_ratio": ours / floor,
        "parse_floor_process_s": floor_process,
        "check_ratio_process": ours / floor_process,
        "check_peak_mb": peak,
    }


def machine() -> dict[str, str]:
    graphviz = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False)
    return {
        "graphviz": graphviz.stderr.strip(),
        "python": platform.python_version(),
        "cpus": str(os.cpu_count()),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/provenance-bench"))
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--jobs", type=int, default=None, help="passed to build")
    parser.add_argument("--no-build", action="store_true", help="measure check only")
    parser.add_argument(
        "--build-repeat",
        type=int,
        default=None,
        help="repetitions of the (slow) build timings; default: --repeat",
    )
    arguments = parser.parse_args()
    results: dict[str, object] = {"date": time.strftime("%Y-%m-%d"), "machine": machine()}
    for size in arguments.sizes.split(","):
        root = ensure_cases(size, arguments.work)
        figures = {"check_rounds": arguments.repeat} | bench_check(root, arguments.repeat)
        if not arguments.no_build:
            build_rounds = arguments.build_repeat or arguments.repeat
            figures["build_rounds"] = build_rounds
            figures |= bench_build(
                root, arguments.work / f"{size}-build", build_rounds, arguments.jobs
            )
        results[size] = figures
        print(
            f"{size}: "
            + ", ".join(
                f"{key}={value:.3f}" if isinstance(value, float) else f"{key}={value}"
                for key, value in figures.items()
            ),
            flush=True,
        )
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
