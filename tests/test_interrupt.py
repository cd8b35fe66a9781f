"""Nothing lost: builds interrupted at any moment, two builds at once, and case folders
that are only ever read.

A real `provenance build` is killed (SIGKILL to it alone, as the out-of-memory killer
would) or interrupted (SIGINT to its whole process group, as Ctrl-C does) at random
moments, drawn with a fixed seed so that a failure can be replayed. After each, once the
next build has opened the folder, the output is byte for byte the previous one (or the
new one, when the kill came after the commit), and no temporary file, staging folder,
journal or process is left. PROVENANCE_KILL_TRIALS sets how many kills of each kind
(default 2); tests/README.md gives the figures of a long run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import fake_graphviz
import pytest
from conftest import CLEAN_CASE, REPOSITORY, WALKAWAY, needs_graphviz, write_files
from reports import report_files

from provenance import build as build_module
from provenance import outputs
from provenance.build import build
from provenance.checks import check_paths
from provenance.export import export_case
from provenance.load import load_case, to_case
from provenance.outputs import STATE_FOLDER, BuildLocked, OutputFolder, locked
from provenance.problems import ProvenanceError

pytestmark = pytest.mark.slow  # real builds, killed and interrupted

TRIALS = int(os.environ.get("PROVENANCE_KILL_TRIALS", "2"))
SEED = 2018
PROVENANCE = [sys.executable, "-m", "provenance"]


def fake_svg(dot: str, engine: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg"><title>{len(dot)}</title></svg>'.encode()


def outputs_of(folder: Path) -> dict[str, bytes]:
    """Every file a reader sees (the build's own bookkeeping left out)."""
    return report_files(folder)


def leftovers(folder: Path) -> list[str]:
    """What only an interrupted build leaves: temporary files, a build that was never
    published, case versions the published build does not show."""
    state = folder / STATE_FOLDER
    found = [str(path) for path in state.rglob("*.tmp")]
    current = os.readlink(state / "current") if (state / "current").is_symlink() else ""
    builds = sorted((state / "builds").iterdir()) if (state / "builds").is_dir() else []
    found += [str(build) for build in builds if f"builds/{build.name}" != current]
    shown = {
        (link.name, os.readlink(link).rsplit("/", 1)[-1])
        for link in (state / current).iterdir()
        if current and link.is_symlink()
    }
    for case in sorted((state / "cases").iterdir()) if (state / "cases").is_dir() else []:
        for version in sorted(case.iterdir()):
            if (case.name, version.name.removesuffix(".json")) not in shown:
                found.append(str(version))
    return found


def open_as_the_next_build_does(folder: Path) -> None:
    with locked(folder):
        OutputFolder(folder).open()


# --- the archive: a previous build, and the change the interrupted build makes ----------


def generated_archive(root: Path) -> Path:
    """Two generated cases of 50 sources (benchmarks/generate.py, seeded)."""
    generated = root / "generated"
    subprocess.run(
        [sys.executable, REPOSITORY / "benchmarks" / "generate.py", "S", generated, "--seed", "7"],
        check=True,
        capture_output=True,
    )
    claims = root / "claims"
    for name in ("case-a", "case-b"):
        shutil.copytree(generated / "case-0000", claims / name)
    return claims


def change(claims: Path) -> None:
    """Reword every source of one case, drop another, add a third: the commit then
    replaces, removes and creates files."""
    for source in sorted((claims / "case-a" / "sources").glob("*.yaml")):
        source.write_text(source.read_text().replace("is ", "was said to be ", 1))
    shutil.copytree(claims / "case-b", claims / "case-c")
    shutil.rmtree(claims / "case-b")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | dict[str, bytes]]:
    """The archive before and after the change, with a clean build of each."""
    root = tmp_path_factory.mktemp("archive")
    claims = generated_archive(root)
    build([claims], root / "previous")
    changed = root / "changed"
    shutil.copytree(claims, changed)
    change(changed)
    build([changed], root / "next")
    return {
        "previous": root / "previous",
        "changed": changed,
        "previous_files": outputs_of(root / "previous"),
        "next_files": outputs_of(root / "next"),
    }


def a_build_of_the_change(archive: dict[str, Path | dict[str, bytes]], out: Path) -> list[str]:
    previous, changed = archive["previous"], archive["changed"]
    assert isinstance(previous, Path)
    assert isinstance(changed, Path)
    shutil.copytree(previous, out, symlinks=True)
    return [*PROVENANCE, "build", str(changed), "-o", str(out), "-q"]


def group_gone(group: int, seconds: float = 10) -> bool:
    """Whether every process of a process group has ended (workers, servers, Graphviz)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        members = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == group and fields[0] != "Z":
                    members.append(stat.parent.name)
        if not members:
            return True
        time.sleep(0.05)
    return False


def assert_whole(out: Path, archive: dict[str, Path | dict[str, bytes]]) -> str:
    """The previous output or the new one, byte for byte, as the interrupted build left
    it (no repair needed); and once the next build has opened the folder, nothing an
    interrupted build leaves."""
    files = outputs_of(out)
    whole = "previous" if files == archive["previous_files"] else "next"
    assert files == archive[f"{whole}_files"], "neither the previous output nor the new one"
    open_as_the_next_build_does(out)
    assert leftovers(out) == []
    assert outputs_of(out) == files
    return whole


@needs_graphviz
@pytest.mark.parametrize("trial", range(TRIALS))
def test_a_build_killed_at_any_moment_leaves_the_output_whole(
    archive: dict[str, Path | dict[str, bytes]], tmp_path: Path, trial: int
) -> None:
    delay = random.Random(SEED + trial).uniform(0.0, 2.5)
    command = a_build_of_the_change(archive, tmp_path / "out")
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.kill()  # the build alone, as the out-of-memory killer would
    process.communicate(timeout=60)
    assert group_gone(process.pid), "a worker outlived the build"
    assert_whole(tmp_path / "out", archive)


@needs_graphviz
@pytest.mark.parametrize("trial", range(TRIALS))
def test_ctrl_c_at_any_moment_leaves_the_output_whole_and_says_so_plainly(
    archive: dict[str, Path | dict[str, bytes]], tmp_path: Path, trial: int
) -> None:
    delay = random.Random(SEED + 1000 + trial).uniform(0.0, 2.0)
    out = tmp_path / "out"
    command = a_build_of_the_change(archive, out)
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    # Counted from the moment the build holds the output folder: a Ctrl-C while Python
    # itself is still starting gets Python's own traceback, whatever the program.
    deadline = time.monotonic() + 30
    while not _held(out) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGINT)  # the whole group, as Ctrl-C does
    _, stderr = process.communicate(timeout=60)
    # 0: it had finished; 1: interrupted ("Aborted!"); -SIGINT: it came as the interpreter
    # was exiting, when Python has handed Ctrl-C back to the system.
    assert process.returncode in (0, 1, -signal.SIGINT), stderr
    assert b"Traceback" not in stderr, stderr.decode()
    assert group_gone(process.pid), "a worker outlived the build"
    assert leftovers(out) == [] or process.returncode == 1
    assert_whole(out, archive)


def _held(folder: Path) -> bool:
    """Whether a build holds the folder's lock."""
    try:
        with (folder / STATE_FOLDER / "lock").open("a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
    except BlockingIOError:
        return True
    except OSError:
        return False


# --- Graphviz ends with the build ---------------------------------------------------------


def a_build_stuck_in_graphviz(tmp_path: Path) -> subprocess.Popen[bytes]:
    """A real build whose Graphviz hangs (a stand-in `dot` that sleeps for ten minutes),
    caught while it waits for it."""
    started = tmp_path / "graphviz-started"
    environment = {**os.environ, **fake_graphviz.install(tmp_path / "bin", "dot sfdp", started)}
    folder = write_files(tmp_path / "case", CLEAN_CASE)
    command = [*PROVENANCE, "build", str(folder), "-o", str(tmp_path / "out"), "-q"]
    process = subprocess.Popen(
        command, env=environment, start_new_session=True, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not started.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert started.exists(), "the build never started Graphviz"
    return process


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "Ctrl-C"])
def test_stopping_a_build_ends_its_graphviz_runs(tmp_path: Path, how: str) -> None:
    """Its Graphviz runs used to go on for minutes after a build was stopped: a killed
    build's drawing is orphaned, and a cancelled one waited for it."""
    process = a_build_stuck_in_graphviz(tmp_path)
    if how == "SIGKILL":
        process.kill()  # the build alone: the kernel ends what it started (PR_SET_PDEATHSIG)
    elif how == "SIGTERM":
        process.terminate()  # the build alone: it stops as on Ctrl-C
    else:
        os.killpg(process.pid, signal.SIGINT)  # the whole group, as Ctrl-C does
    _, stderr = process.communicate(timeout=30)
    assert group_gone(process.pid, seconds=5), f"Graphviz outlived the build ({how})"
    assert b"Traceback" not in stderr, stderr.decode()
    if how != "SIGKILL":
        assert process.returncode == 1
        assert not (tmp_path / "out").exists()  # it wrote nothing, and leaves nothing


@needs_graphviz
def test_two_builds_at_once_do_not_corrupt_the_output(
    archive: dict[str, Path | dict[str, bytes]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    command = a_build_of_the_change(archive, out)
    first = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not _held(out) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    second = subprocess.run(command, capture_output=True, text=True, timeout=60)
    _, first_errors = first.communicate(timeout=60)
    assert first.returncode == 0, first_errors
    assert second.returncode == 1
    assert second.stderr == (
        f"error: another build is writing to {out} right now; wait for it to finish, or "
        "build into another folder with -o\n"
    )
    assert outputs_of(out) == archive["next_files"]
    assert leftovers(out) == []


# --- publishing, in one step -------------------------------------------------------------


def two_claim_case(folder: Path) -> Path:
    return write_files(folder, CLEAN_CASE)


def built_and_changed(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """A built case, then changed so that the next build replaces, adds and removes
    files; with what a reader sees of the report before and after that build."""
    folder = two_claim_case(tmp_path / "case")
    out = tmp_path / "out"
    build([folder], out, renderer=fake_svg)
    previous = outputs_of(out)
    write_files(
        folder,
        {
            "case.yaml": CLEAN_CASE["case.yaml"].replace("- id: rank", "- id: ranked"),
            "sources/origin.yaml": CLEAN_CASE["sources/origin.yaml"].replace("rank", "ranked"),
            "sources/echo.yaml": CLEAN_CASE["sources/echo.yaml"].replace("rank\n", "ranked\n"),
        },
    )
    build([folder], tmp_path / "next", renderer=fake_svg)
    return folder, out, previous, outputs_of(tmp_path / "next")


# Every change a build makes to the output folder goes through one of these.
CHANGES: list[tuple[object, str]] = [
    (os, "link"),
    (os, "symlink"),
    (os, "replace"),
    (os, "unlink"),
    (shutil, "rmtree"),
    (Path, "write_bytes"),
    (Path, "mkdir"),
    (Path, "rename"),
    (Path, "unlink"),
    (Path, "rmdir"),
]


def test_at_every_instant_of_a_build_a_reader_sees_one_whole_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before each change the build makes, what a reader of the folder sees is the old
    report or the new one, never a mix (4 of 15 builds killed while they moved files into
    place left a mix, before each build was published by one rename)."""
    folder, out, previous, after = built_and_changed(tmp_path)
    seen: list[str] = []

    def watched(owner: object, name: str) -> None:
        real = getattr(owner, name)

        def change(*arguments: object, **options: object) -> object:
            files = outputs_of(out) if out.exists() else previous
            assert files in (previous, after), f"a mix of two reports, before {name}"
            seen.append("previous" if files == previous else "next")
            return real(*arguments, **options)

        monkeypatch.setattr(owner, name, change)

    for owner, name in CHANGES:
        watched(owner, name)
    assert build([folder], out, renderer=fake_svg).built
    monkeypatch.undo()
    assert outputs_of(out) == after
    assert "previous" in seen
    assert "next" in seen  # the new report was published before the build finished tidying
    assert leftovers(out) == []


KILLED_AT_A_STEP = """
import os, sys
from pathlib import Path
from provenance import outputs
from provenance.build import build
steps = []
def deadly(owner, name):
    real = getattr(owner, name)
    def change(*arguments, **options):
        steps.append(name)
        if len(steps) == int(sys.argv[3]):
            os._exit(9)  # as abrupt as SIGKILL: no finally, nothing undone
        return real(*arguments, **options)
    setattr(owner, name, change)
for owner, name in [(outputs.os, "link"), (outputs.os, "symlink"), (outputs.os, "replace"),
                    (outputs.os, "unlink"), (outputs.shutil, "rmtree"), (Path, "write_bytes"),
                    (Path, "mkdir"), (Path, "rename"), (Path, "unlink"), (Path, "rmdir")]:
    deadly(owner, name)
build([Path(sys.argv[1])], Path(sys.argv[2]), renderer=lambda dot, engine: (
    f'<svg xmlns="http://www.w3.org/2000/svg"><title>{len(dot)}</title></svg>'.encode()))
print(len(steps))
"""


def killed_at_step(folder: Path, out: Path, step: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", KILLED_AT_A_STEP, str(folder), str(out), str(step)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_build_killed_at_any_step_leaves_one_whole_report(tmp_path: Path) -> None:
    """Killed outright at each of its changes to the folder in turn, a build leaves the
    old report or the new one, whole, before any repair; the next build clears the rest."""
    folder, out, previous, after = built_and_changed(tmp_path)
    archive: dict[str, Path | dict[str, bytes]] = {"previous_files": previous, "next_files": after}
    shutil.copytree(out, tmp_path / "pristine", symlinks=True)
    steps = int(killed_at_step(folder, tmp_path / "count", 0).stdout)  # never killed
    assert steps > 10
    outcomes = []
    # About a dozen of the steps in each suite run, every one in a long run (TRIALS).
    every = 1 if TRIALS > 2 else max(1, steps // 10)
    for step in sorted({*range(1, steps + 1, every), steps}):
        shutil.rmtree(out)
        shutil.copytree(tmp_path / "pristine", out, symlinks=True)
        killed = killed_at_step(folder, out, step)
        assert killed.returncode == 9, killed.stderr
        outcomes.append(assert_whole(out, archive))
    assert outcomes[0] == "previous"
    assert outcomes[-1] == "next"
    assert outcomes == sorted(outcomes, key=["previous", "next"].index)  # one switch


def built_and_broken(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """Two cases built; then one changed and the other given an error, so that the next
    build publishes the first anew and keeps the last good version of the second; with
    what a reader sees before that build and after it."""
    claims = tmp_path / "claims"
    write_files(claims / "good", CLEAN_CASE)
    write_files(claims / "broken", CLEAN_CASE)
    out = tmp_path / "out"
    assert build([claims], out, renderer=fake_svg).built
    previous = outputs_of(out)
    write_files(
        claims / "good",
        {"sources/origin.yaml": CLEAN_CASE["sources/origin.yaml"].replace("first", "1st")},
    )
    write_files(claims / "broken", {"sources/echo.yaml": "kind: nope\n"})
    shutil.copytree(out, tmp_path / "after", symlinks=True)
    result = build([claims], tmp_path / "after", renderer=fake_svg)
    assert result.published
    assert [case.case_id for case in result.unbuilt] == ["broken"]
    return claims, out, previous, outputs_of(tmp_path / "after")


def test_a_partial_build_killed_at_any_step_keeps_the_broken_case_whole(tmp_path: Path) -> None:
    """A build that leaves a broken case out, killed at each of its changes in turn,
    leaves the old report or the new one; in both, the broken case is its last good
    version, byte for byte."""
    claims, out, previous, after = built_and_broken(tmp_path)
    broken = {path: content for path, content in previous.items() if path.startswith("broken/")}
    assert broken
    assert {path: after[path] for path in broken} == broken
    assert after["index.html"] != previous["index.html"]  # lists the case not built
    archive: dict[str, Path | dict[str, bytes]] = {"previous_files": previous, "next_files": after}
    shutil.copytree(out, tmp_path / "pristine", symlinks=True)
    steps = int(killed_at_step(claims, tmp_path / "count", 0).stdout)
    assert steps > 5
    outcomes = []
    every = 1 if TRIALS > 2 else max(1, steps // 8)
    for step in sorted({*range(1, steps + 1, every), steps}):
        shutil.rmtree(out)
        shutil.copytree(tmp_path / "pristine", out, symlinks=True)
        killed = killed_at_step(claims, out, step)
        assert killed.returncode == 9, killed.stderr
        outcomes.append(assert_whole(out, archive))
        assert {path: outputs_of(out)[path] for path in broken} == broken
    assert outcomes[0] == "previous"
    assert outcomes[-1] == "next"
    assert outcomes == sorted(outcomes, key=["previous", "next"].index)


def test_a_full_disk_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out, previous, _ = built_and_changed(tmp_path)
    real, written = Path.write_bytes, list[Path]()

    def full(path: Path, content: bytes) -> int:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        return real(path, content)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(ProvenanceError, match="No space left on device"):
        build([folder], out, renderer=fake_svg)
    monkeypatch.undo()
    assert outputs_of(out) == previous
    assert leftovers(out) == []


def test_stray_files_of_a_killed_build_are_cleared_when_the_next_starts(tmp_path: Path) -> None:
    _, out, _, _ = built_and_changed(tmp_path)
    state = out / STATE_FOLDER
    strays = [
        state / "svg" / ".abc.svg.x1.tmp",
        state / ".current.7.tmp",
        state / "builds" / "7" / "index.html",
        state / "cases" / "case" / "7" / "index.html",
        state / "cases" / "case" / "7.json",
        state / "cases" / "gone" / "3" / "index.html",
    ]
    for stray in strays:
        stray.parent.mkdir(parents=True, exist_ok=True)
        stray.write_text("left by a killed build")
    open_as_the_next_build_does(out)
    assert leftovers(out) == []
    assert not [stray for stray in strays if stray.exists()]
    assert not (state / "cases" / "gone").exists()


def test_a_tampered_manifest_cannot_reach_outside(tmp_path: Path) -> None:
    folder, out, _, _ = built_and_changed(tmp_path)
    victims = [tmp_path / "victim.txt", tmp_path / "absolute-victim.txt"]
    for victim in victims:
        victim.write_text("not the builder's")
    manifest_file = next((out / STATE_FOLDER / "cases" / "case").glob("*.json"))
    manifest = json.loads(manifest_file.read_text())
    manifest["outputs"] |= {"../victim.txt": 17, str(victims[1]): 17, "case/../../victim.txt": 17}
    manifest_file.write_text(json.dumps(manifest))
    assert build([folder], out, renderer=fake_svg).built
    assert [victim.read_text() for victim in victims] == ["not the builder's"] * 2


def test_a_losing_build_never_removes_the_folder_the_winner_is_filling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = two_claim_case(tmp_path / "case")
    out = tmp_path / "out"  # does not exist when our build looks
    real_locked = outputs.locked

    @contextlib.contextmanager
    def another_build_got_there_first(root: Path) -> Iterator[None]:
        with real_locked(root):  # the other build: it made the folder and writes to it
            (root / "index.html").write_text("the other build's")
            with real_locked(root):  # ours: turned away
                yield

    monkeypatch.setattr(build_module, "locked", another_build_got_there_first)
    with pytest.raises(BuildLocked):
        build([folder], out, renderer=fake_svg)
    assert (out / "index.html").read_text() == "the other build's"


# --- the case folder is only read ------------------------------------------------------

_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_CHANGES = {
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.chmod",
    "os.chown",
    "os.utime",
    "os.truncate",
    "os.link",
    "os.symlink",
    "shutil.rmtree",
    "shutil.move",
    "shutil.copyfile",
}
_watched: list[tuple[Path, list[str]]] = []


def _audit(event: str, arguments: tuple[object, ...]) -> None:
    if not _watched or not (event == "open" or event in _CHANGES):
        return
    folder, found = _watched[-1]
    paths = [argument for argument in arguments if isinstance(argument, str | bytes | Path)]
    touched = [Path(os.fsdecode(path)).absolute() for path in paths if not isinstance(path, int)]
    if not any(path.is_relative_to(folder) for path in touched):
        return
    if event == "open":
        _, mode, flags = (*arguments, None, None)[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITES
        )
        if not writing:
            return
    found.append(f"{event} {arguments}")


sys.addaudithook(_audit)


@contextlib.contextmanager
def writes_under(folder: Path) -> Iterator[list[str]]:
    """Every open for writing, and every change, of a path under `folder`."""
    found: list[str] = []
    _watched.append((folder.absolute(), found))
    try:
        yield found
    finally:
        _watched.pop()


def modes_and_times(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path): (path.lstat().st_mode, path.lstat().st_mtime_ns)
        for path in [folder, *sorted(folder.rglob("*"))]
    }


def test_claims_are_only_ever_opened_for_reading(tmp_path: Path) -> None:
    walkaway = shutil.copytree(WALKAWAY, tmp_path / "walkaway")
    before = modes_and_times(walkaway)
    with writes_under(walkaway) as writes:
        assert build([walkaway], tmp_path / "out", renderer=fake_svg, jobs=1).built
        check_paths([walkaway])
        export_case(to_case(load_case(walkaway)), "prov-xml")
    assert writes == []
    assert modes_and_times(walkaway) == before
    with writes_under(walkaway) as writes:  # the watch does see a write
        (walkaway / "notes.txt").write_text("mine")
    assert len(writes) == 1


def test_a_read_only_case_folder_builds(tmp_path: Path) -> None:
    """As root, permissions do not stop a write; the audit above covers that case."""
    walkaway = shutil.copytree(WALKAWAY, tmp_path / "walkaway")
    for path in sorted(walkaway.rglob("*"), reverse=True):
        path.chmod(0o555 if path.is_dir() else 0o444)
    walkaway.chmod(0o555)
    before = modes_and_times(walkaway)
    try:
        assert build([walkaway], tmp_path / "out", renderer=fake_svg).built
        assert modes_and_times(walkaway) == before
    finally:
        for path in [walkaway, *walkaway.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_graphviz_never_sees_ctrl_c(tmp_path: Path) -> None:
    """`dot` answers SIGINT by drawing from inside its signal handler, and deadlocks when
    the signal lands in malloc (seen: a build hung for good on one Ctrl-C). The threads
    that run it block SIGINT, and the processes they start inherit that."""
    masks: list[int] = []

    def child_reports_its_mask(dot: str, engine: str) -> bytes:
        status = subprocess.run(["cat", "/proc/self/status"], capture_output=True, text=True)
        blocked = next(line for line in status.stdout.splitlines() if line.startswith("SigBlk"))
        masks.append(int(blocked.split()[1], 16))
        return fake_svg(dot, engine)

    folder = two_claim_case(tmp_path / "case")
    assert build([folder], tmp_path / "out", renderer=child_reports_its_mask, jobs=2).built
    assert masks
    assert all(mask & (1 << (signal.SIGINT - 1)) for mask in masks)
