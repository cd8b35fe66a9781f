"""Builds at scale: reuse of unchanged cases and drawings, parallel work giving the same
bytes, staged commits, the lock, stale files, progress and watching."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import fake_graphviz
import pytest
import watchfiles
from click.testing import CliRunner
from conftest import WALKAWAY, needs_graphviz
from reports import report_files

from provenance.build import BuildProgress, build, watch_and_build
from provenance.checks import check_paths, lint_paths
from provenance.cli import main
from provenance.load import load_case, to_case
from provenance.outputs import STATE_FOLDER, BuildLocked, locked
from provenance.render.dot import overview_dot, overview_sources


class CountingRenderer:
    """A fast stand-in for Graphviz that counts what it is asked to draw."""

    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, dot: str, engine: str) -> bytes:
        with self.lock:
            self.calls += 1
        digest = hashlib.sha256(dot.encode()).hexdigest()
        return f'<svg xmlns="http://www.w3.org/2000/svg"><title>{digest}</title></svg>'.encode()


def two_cases(tmp_path: Path) -> Path:
    """Two copies of the #WalkAway case, as `claims/` with two case folders."""
    claims = tmp_path / "claims"
    shutil.copytree(WALKAWAY, claims / "walkaway")
    shutil.copytree(WALKAWAY, claims / "walkaway-copy")
    return claims


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file a reader sees (the build's own bookkeeping left out)."""
    return report_files(folder)


def test_a_rebuild_with_nothing_changed_draws_and_writes_nothing(tmp_path: Path) -> None:
    claims, renderer = two_cases(tmp_path), CountingRenderer()
    first = build([claims], tmp_path / "out", renderer=renderer)
    drawn = renderer.calls
    assert first.rendered == drawn == 2 * (8 + 2)
    again = build([claims], tmp_path / "out", renderer=renderer)
    assert renderer.calls == drawn
    assert (again.rendered, again.written, again.unchanged_cases) == (0, (), 2)
    assert again.claims == first.claims
    assert again.sources == first.sources


def test_editing_one_source_redraws_only_what_it_touches(tmp_path: Path) -> None:
    claims, renderer = two_cases(tmp_path), CountingRenderer()
    build([claims], tmp_path / "out", renderer=renderer)
    before = renderer.calls
    source = claims / "walkaway" / "sources" / "digby-bots-back.yaml"
    source.write_text(source.read_text().replace("definitely a bot meme", "a bot meme"))
    edited = build([claims], tmp_path / "out", renderer=renderer)
    redrawn = renderer.calls - before
    # The claim digby states and the overview change; the other case is not read at all.
    assert 1 <= redrawn < 10
    assert edited.unchanged_cases == 1
    touched = {path.relative_to(tmp_path / "out").parts[0] for path in edited.written}
    assert touched <= {"walkaway", "index.html"}
    assert any(path.name == "bots-drive-walkaway.json" for path in edited.written)


def test_parallel_and_serial_builds_give_the_same_bytes(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    build([claims], tmp_path / "serial", jobs=1, renderer=CountingRenderer())
    build([claims], tmp_path / "parallel", jobs=2, renderer=CountingRenderer())
    assert outputs(tmp_path / "serial") == outputs(tmp_path / "parallel")


@needs_graphviz
def test_parallel_build_with_graphviz_matches_serial(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    build([claims], tmp_path / "serial", jobs=1)
    build([claims], tmp_path / "parallel", jobs=2)
    assert outputs(tmp_path / "serial") == outputs(tmp_path / "parallel")


def test_a_removed_claim_takes_its_files_with_it(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    out = tmp_path / "out"
    build([claims], out, renderer=CountingRenderer())
    (out / "notes-of-mine.txt").write_text("not the builder's")
    shutil.rmtree(claims / "walkaway-copy")
    result = build([claims], out, renderer=CountingRenderer())
    assert not (out / "walkaway-copy").exists()
    assert (out / "notes-of-mine.txt").read_text() == "not the builder's"
    assert any(
        path.parts[-3:] == ("walkaway-copy", "claims", "hamilton68-rank.svg")
        for path in result.removed
    )


def test_an_interrupted_build_leaves_the_previous_output_whole(tmp_path: Path) -> None:
    claims, out = two_cases(tmp_path), tmp_path / "out"
    build([claims], out, renderer=CountingRenderer())
    before = outputs(out)
    source = claims / "walkaway" / "sources" / "salon-cesca.yaml"
    source.write_text(source.read_text().replace("likely Kremlin", "probable Kremlin"))

    def interrupted(dot: str, engine: str) -> bytes:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([claims], out, renderer=interrupted)
    assert outputs(out) == before
    assert not (out / STATE_FOLDER / "staging").exists()
    assert not list(out.rglob("*.tmp"))


@needs_graphviz
def test_a_second_build_on_the_same_folder_is_turned_away(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with locked(out), pytest.raises(BuildLocked, match="another build is writing"):
        build([WALKAWAY], out, renderer=CountingRenderer())
    result = CliRunner().invoke(main, ["build", str(WALKAWAY), "-o", str(out)])
    assert result.exit_code == 0, result.output  # the lock is released afterwards


def test_the_cli_says_plainly_that_another_build_runs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with locked(out):
        result = CliRunner().invoke(main, ["build", str(WALKAWAY), "-o", str(out)])
    assert result.exit_code == 1
    assert "another build is writing" in result.stderr
    assert "Traceback" not in result.output


def test_progress_is_reported_case_by_case(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    seen: list[BuildProgress] = []
    build([claims], tmp_path / "out", renderer=CountingRenderer(), progress=seen.append)
    assert [state.cases_done for state in seen] == [1, 2]
    assert all(state.cases_total == 2 for state in seen)


def test_watch_rebuilds_when_a_file_changes(tmp_path: Path) -> None:
    case = shutil.copytree(WALKAWAY, tmp_path / "walkaway")
    runs: list[float] = []
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_and_build,
        args=([case], lambda: runs.append(time.monotonic())),
        kwargs={"stop": stop},
        daemon=True,
    )
    watcher.start()
    deadline = time.monotonic() + 20
    while not runs and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # let the watcher start listening
    source = case / "sources" / "digby-bots-back.yaml"
    source.write_text(source.read_text() + "\n")
    while len(runs) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    watcher.join(timeout=10)
    assert len(runs) >= 2
    assert not watcher.is_alive()


def test_a_huge_overview_shows_the_most_connected_sources(tmp_path: Path) -> None:
    case = to_case(load_case(WALKAWAY))
    shown = overview_sources(case, limit=5)
    assert len(shown) == 5
    assert "huffpost-papenfuss" in {source.id for source in shown}  # the most cited
    dot = overview_dot(case, limit=5)
    assert "the 5 most-cited of 19 sources" in dot
    assert dot.count('id="source-') == 5


def test_parallel_check_finds_what_a_serial_check_finds(tmp_path: Path) -> None:
    claims = two_cases(tmp_path)
    source = claims / "walkaway-copy" / "sources" / "salon-cesca.yaml"
    source.write_text(source.read_text().replace("relation: quotes", "relation: quote", 1))
    parallel = lint_paths([claims], jobs=2)
    serial = check_paths([claims])
    assert parallel.problems == serial.problems
    assert [problem.code for problem in parallel.problems] == ["unknown-value"]
    assert parallel.sources == serial.source_count - 0


@needs_graphviz
def test_build_reports_a_summary_and_is_silent_with_quiet(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(WALKAWAY), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "built 1 case, 8 claims, 19 sources in" in result.stderr
    assert "graphs drawn" in result.stderr
    quiet = CliRunner().invoke(main, ["build", str(WALKAWAY), "-o", str(tmp_path / "out"), "-q"])
    assert quiet.exit_code == 0
    assert quiet.stderr == ""


@needs_graphviz
def test_watch_reports_a_failed_build_and_keeps_watching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that fails for a reason other than the case files used to end the watch."""
    out = tmp_path / "out"
    for name, value in fake_graphviz.install(tmp_path / "bin", "", tmp_path / "started").items():
        monkeypatch.setenv(name, value)
    another_build = contextlib.ExitStack()
    another_build.enter_context(locked(out))

    def changes(*paths: Path, **options: object) -> Iterator[set[tuple[int, str]]]:
        another_build.close()  # the other build is done, but Graphviz fails
        monkeypatch.setenv("FAKE_DOT_FAILS", "dot sfdp")
        yield {(2, "case.yaml")}
        monkeypatch.setenv("FAKE_DOT_FAILS", "")  # and now all is well
        yield {(2, "case.yaml")}

    monkeypatch.setattr(watchfiles, "watch", changes)
    result = CliRunner().invoke(main, ["build", str(WALKAWAY), "-o", str(out), "--watch"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[1] == (
        f"error: another build is writing to {out} right now; wait for it to finish, or build "
        "into another folder with -o (still watching for changes)"
    )
    assert lines[2].startswith("error: Graphviz could not draw the graph (dot): Error: ")
    assert lines[2].endswith("(still watching for changes)")
    assert lines[3].startswith("built 1 case, 8 claims, 19 sources")
    assert (out / "index.html").exists()
