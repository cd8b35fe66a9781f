"""The benchmark's own correctness: its synthetic cases are what benchmarks/README.md says
they are, and the benchmark runs from a clean checkout. (No timings are asserted here:
speed is measured by benchmarks/run.py, never by a timed test.)"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPOSITORY, needs_graphviz

from provenance.checks import check_paths
from provenance.load import load_case, to_case
from provenance.model import Stance
from provenance.trace import trace_case

sys.path.insert(0, str(REPOSITORY / "benchmarks"))
import generate


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = files_of(generate.generate("S", tmp_path / "first", seed=7))
    second = files_of(generate.generate("S", tmp_path / "second", seed=7))
    other = files_of(generate.generate("S", tmp_path / "other", seed=8))
    assert len(first) == 50 + 2  # 50 sources, case.yaml, outlets.yaml
    assert first == second
    assert first != other


@pytest.fixture(scope="module")
def newsroom_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated case of the size every benchmark case has (200 sources, 5 claims)
    but with 20 claims, so the rarer features (cycles, disputes) surely show."""
    folder = tmp_path_factory.mktemp("generated") / "case-0000"
    claims, sources = generate.make_case(random.Random(2018), 0, 200, 20)
    generate.write_case(folder, claims, sources)
    return folder


def test_generated_cases_check_without_errors(newsroom_case: Path) -> None:
    # A benchmark on files with errors would time the error path, not the real work.
    report = check_paths([newsroom_case])
    assert report.error_count == 0, [problem.message for problem in report.problems]


def test_generated_cases_look_like_a_newsroom_investigation(newsroom_case: Path) -> None:
    case = to_case(load_case(newsroom_case))
    traces = trace_case(case)
    assert len(traces) == 20
    carriers = [sum(1 for source in trace.sources if source.carries) for trace in traces]
    assert all(2 <= count <= 60 for count in carriers), carriers
    assert len({source.outlet for source in case.sources}) > 20
    # Citations mostly point back in time.
    published = {source.id: source.published for source in case.sources}
    pairs = [
        (published[source.id], published[citation.cites])
        for source in case.sources
        for citation in source.citations
    ]
    backwards = sum(
        1 for citing, cited in pairs if citing and cited and cited.earliest <= citing.earliest
    )
    assert backwards / len(pairs) > 0.9
    # Some circular reporting, some chains that never reach a primary source, some disputes.
    assert any(trace.cycles for trace in traces)
    assert any(not root.primary for trace in traces for root in trace.roots)
    assert any(
        statement.stance is Stance.DISPUTES
        for trace in traces
        for source in trace.sources
        for statement in source.statements
    )
    # Sentence-length wordings.
    wordings = [
        statement.wording
        for trace in traces
        for source in trace.sources
        for statement in source.statements
    ]
    assert min(len(wording.split()) for wording in wordings) >= 12


def test_the_start_up_sizes_are_one_small_case_and_hundreds_of_them(tmp_path: Path) -> None:
    one = generate.generate("ONE", tmp_path / "one")
    assert sorted(path.name for path in one.iterdir()) == ["case-0000"]
    assert len(list((one / "case-0000" / "sources").iterdir())) == 20
    cases, sources, claims = generate.SIZES["MANY"]
    assert (cases, sources, claims) == (300, 20, 2)


@needs_graphviz
@pytest.mark.slow
def test_the_benchmark_runs_and_reports_every_figure(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    finished = subprocess.run(
        [
            sys.executable,
            REPOSITORY / "benchmarks" / "run.py",
            "--sizes",
            "S",
            "--repeat",
            "2",
            "--build-repeat",
            "1",
            "--work",
            tmp_path / "work",
            "--json",
            results,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith("S: check_rounds=2, check_s=")
    figures = json.loads(results.read_text())["S"]
    assert (figures["check_rounds"], figures["build_rounds"]) == (2, 1)
    assert figures["graphs"] == 4  # one overview, an outlet graph and two claim graphs
    for name in (
        "check_ratio",
        "check_ratio_process",
        "build_ratio",
        "rebuild_unchanged_share",
        "rebuild_one_edit_share",
    ):
        assert figures[name] > 0, name
    # Peak memory is the whole process tree: at least one Python interpreter's worth.
    assert figures["check_peak_mb"] > 10
    assert figures["build_peak_mb"] > 10
    # The benchmark puts back the file it edits.
    assert files_of(tmp_path / "work" / "S") == files_of(
        generate.generate("S", tmp_path / "fresh")
    ) | {".complete": b""}


@pytest.mark.slow
def test_the_analysis_benchmark_times_the_trace_and_its_copy_inference(tmp_path: Path) -> None:
    generate.generate("S", tmp_path / "cases")
    script = REPOSITORY / "benchmarks" / "analysis.py"
    finished = subprocess.run(
        [sys.executable, script, "--repeat", "1", tmp_path / "cases"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    figures = re.fullmatch(
        r"1 case, 2 claims, 1 rounds\n"
        r"parse floor (?P<parse>[\d.]+) s, load [\d.]+ s\n"
        r"trace +(?P<trace>[\d.]+) s = [\d.]+x the parse floor\n"
        r"inference +(?P<inference>[\d.]+) s = \d+% of the trace\n",
        finished.stdout,
    )
    assert figures, finished.stdout
    # The inference is timed inside the trace, so it can never take longer.
    assert float(figures["inference"]) <= float(figures["trace"])


@pytest.mark.slow
def test_the_build_can_be_timed_without_graphviz(tmp_path: Path) -> None:
    generate.generate("S", tmp_path / "cases")
    script = REPOSITORY / "benchmarks" / "build_without_graphviz.py"
    finished = subprocess.run(
        [sys.executable, script, tmp_path / "cases", "1", tmp_path / "out"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert re.fullmatch(r"1 case in [\d.]+ s: \d+ ms a case\n", finished.stdout)
    # A whole report, its drawings replaced by the stand-in.
    assert (tmp_path / "out" / "index.html").is_file()
    drawings = list((tmp_path / "out" / ".provenance" / "svg").glob("*.svg"))
    assert drawings
    assert all(b"graph0" in path.read_bytes() for path in drawings)
