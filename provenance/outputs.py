"""The output folder: what a build knows of its last run, and how it changes the folder.

A build keeps its bookkeeping in `<output>/.provenance/`:

- `cases/<case>.json`, one manifest per case: a fingerprint of the case's files and of
  provenance itself, the files the case produced, its check problems and its index rows.
  A case whose fingerprint has not changed is not loaded again.
- `svg/<hash>.svg`, drawings by the hash of their DOT text, the layout engine and the
  versions involved: a graph whose DOT did not change is never laid out twice.
- `staging/`, where new files (and the new manifests) wait until the whole build has
  succeeded; only then are they moved into place, each with an atomic rename, so an
  interrupted or failed build leaves the previous output whole.
- `commit.json` and `backup/`, only while those files are moved into place: the
  journal of the move, and a hard link to every file it replaces or removes. A build
  killed during the move leaves them behind, and the next build starts by putting the
  previous output back from them (`OutputFolder.open`), so the move is all or nothing.
- `lock`, held for the length of a build, so two builds cannot write one folder at once.

A build killed outright (SIGKILL, a power cut aside) may leave `staging/`, the journal
and temporary `.*.tmp` files in this folder, never beside the output; the next build
clears them before it does anything else. Nothing outside the output folder is ever
written or removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from provenance import __version__
from provenance.model import Location
from provenance.problems import Problem, ProvenanceError, Severity

STATE_FOLDER = ".provenance"
MANIFEST_VERSION = 1


class BuildLocked(ProvenanceError):
    """Another build is writing to the same output folder."""


# --- fingerprints --------------------------------------------------------------------


@cache
def tool_fingerprint() -> str:
    """A hash of provenance's own code and templates: output made by other code is stale."""
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("provenance")
    for path in sorted(_package_files(Path(str(package)))):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js"):
            yield path


def case_fingerprint(folder: Path, settings: str) -> str:
    """A hash of every file in a case folder (name, size, modification time), of the
    build settings and of the tool. Cheap: it reads no file contents."""
    digest = hashlib.sha256(f"{tool_fingerprint()}\0{settings}".encode())
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(root, name)
            try:
                status = path.lstat()
            except OSError:
                continue
            relative = path.relative_to(folder).as_posix()
            digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def drawing_key(dot: str, engine: str, renderer_version: str) -> str:
    return hashlib.sha256(f"{renderer_version}\0{engine}\0{dot}".encode()).hexdigest()


# --- manifests -----------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """What one case's last build produced."""

    case_id: str
    fingerprint: str
    outputs: Mapping[str, int]
    """Files written for the case (paths relative to the output folder), with sizes."""
    problems: tuple[Problem, ...]
    entry: Any
    """The case's index rows, as JSON data (see render/html.py's INDEX_ENTRY)."""
    sources: int
    claims: int
    drawings: tuple[str, ...] = ()
    """Keys of the cached drawings it used."""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": MANIFEST_VERSION,
            "case": self.case_id,
            "fingerprint": self.fingerprint,
            "outputs": dict(sorted(self.outputs.items())),
            "problems": [problem.to_json() for problem in self.problems],
            "entry": self.entry,
            "sources": self.sources,
            "claims": self.claims,
            "drawings": list(self.drawings),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        return cls(
            case_id=str(data["case"]),
            fingerprint=str(data["fingerprint"]),
            outputs={str(path): int(size) for path, size in data["outputs"].items()},
            problems=tuple(_problem(item) for item in data["problems"]),
            entry=data["entry"],
            sources=int(data["sources"]),
            claims=int(data["claims"]),
            drawings=tuple(str(key) for key in data.get("drawings", ())),
        )


def _problem(data: Mapping[str, Any]) -> Problem:
    location = Location(str(data["path"]), int(data["line"]), int(data["column"]))
    return Problem(location, Severity(data["severity"]), str(data["code"]), str(data["message"]))


# --- the folder ----------------------------------------------------------------------


@dataclass
class OutputFolder:
    """The output folder during one build: read its state, stage, then commit."""

    root: Path
    manifests: dict[str, Manifest] = field(default_factory=dict)
    staged: dict[str, Path] = field(default_factory=dict)
    """Files waiting in staging, by their final path relative to the root."""

    @property
    def state(self) -> Path:
        return self.root / STATE_FOLDER

    @property
    def staging(self) -> Path:
        return self.state / "staging"

    @property
    def journal(self) -> Path:
        return self.state / "commit.json"

    @property
    def backup(self) -> Path:
        return self.state / "backup"

    def is_new(self) -> bool:
        """Whether the folder holds nothing yet but a build's lock."""
        try:
            return {path.name for path in self.root.iterdir()} <= {STATE_FOLDER} and {
                path.name for path in self.state.iterdir()
            } <= {"lock"}
        except OSError:
            return False

    def open(self) -> None:
        """Read the manifests of the last build, after undoing what an interrupted one
        left: a half-made commit, staged files, temporary files."""
        self._roll_back()
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.backup, ignore_errors=True)
        for stray in [*self.state.glob(".*.tmp"), *self.state.glob("*/.*.tmp")]:
            stray.unlink(missing_ok=True)
        for path in sorted((self.state / "cases").glob("*.json")):
            try:
                manifest = Manifest.from_json(json.loads(path.read_text("utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a damaged manifest only costs a rebuild of its case
            self.manifests[manifest.case_id] = manifest

    def reusable(self, case_id: str, fingerprint: str) -> Manifest | None:
        """The last build of a case, if nothing changed since and its files are there."""
        manifest = self.manifests.get(case_id)
        if manifest is None or manifest.fingerprint != fingerprint:
            return None
        for path, size in manifest.outputs.items():
            try:
                if (self.root / path).stat().st_size != size:
                    return None
            except OSError:
                return None
        return manifest

    # -- drawings --

    def cached_drawing(self, key: str) -> bytes | None:
        try:
            return (self.state / "svg" / f"{key}.svg").read_bytes()
        except OSError:
            return None

    def cache_drawing(self, key: str, svg: bytes) -> None:
        write_atomically(self.state / "svg" / f"{key}.svg", svg)

    # -- staging and commit --

    def stage(self, relative: str, content: bytes) -> bool:
        """Stage a file unless the output already holds exactly this; True if staged."""
        target = self.root / relative
        if not target.resolve().is_relative_to(self.root.resolve()):
            raise ProvenanceError(f"refusing to write {target}: it is outside {self.root}")
        with contextlib.suppress(OSError):
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                return False
        write_atomically(self.staging / relative, content)
        self.staged[relative] = self.staging / relative
        return True

    def commit(self, manifests: Mapping[str, Manifest]) -> list[str]:
        """Move the staged files and the new manifests into place and remove what no
        case produces any more, all or nothing (see the journal above); then drop
        drawings nobody uses. Returns the removed paths."""
        for case_id, manifest in manifests.items():
            text = json.dumps(manifest.to_json(), indent=1, ensure_ascii=False) + "\n"
            self.stage(f"{STATE_FOLDER}/cases/{case_id}.json", text.encode())
        stale = self._stale(manifests)
        self._begin(stale)
        try:
            for relative, staged in sorted(self.staged.items()):
                target = self.root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
            for relative in stale:
                (self.root / relative).unlink(missing_ok=True)
        except BaseException:
            self._roll_back()
            raise
        self.journal.unlink()  # the commit is done: from here on nothing is undone
        shutil.rmtree(self.backup, ignore_errors=True)
        for relative in stale:
            _remove_empty_parents((self.root / relative).parent, self.root)
        self._prune_drawings(manifests)
        shutil.rmtree(self.staging, ignore_errors=True)
        return [relative for relative in stale if not relative.startswith(STATE_FOLDER)]

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _stale(self, manifests: Mapping[str, Manifest]) -> list[str]:
        """Files the last build made that this one does not: outputs of claims and cases
        that are gone, and the manifests of those cases."""
        wanted = {path for manifest in manifests.values() for path in manifest.outputs}
        previous = {path for manifest in self.manifests.values() for path in manifest.outputs}
        previous |= {f"{STATE_FOLDER}/cases/{case_id}.json" for case_id in self.manifests}
        wanted |= {f"{STATE_FOLDER}/cases/{case_id}.json" for case_id in manifests}
        # Only files a manifest of ours lists, and only inside the output folder.
        return [
            relative
            for relative in sorted(previous - wanted)
            if self._inside(relative) is not None and (self.root / relative).is_file()
        ]

    def _inside(self, relative: str) -> Path | None:
        """The path of `relative` under the root, or None if it would lead outside."""
        target = self.root / relative
        inside = target.resolve().is_relative_to(self.root.resolve())
        return target if inside and ".." not in Path(relative).parts else None

    def _begin(self, stale: list[str]) -> None:
        """Record how to undo the commit about to be made: which of its files are new,
        and a hard link (or a copy) of each file it will replace or remove."""
        replaced = [relative for relative in self.staged if (self.root / relative).exists()]
        created = sorted(set(self.staged) - set(replaced))
        kept = sorted({*replaced, *stale})
        shutil.rmtree(self.backup, ignore_errors=True)
        for relative in kept:
            backup = self.backup / relative
            backup.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(self.root / relative, backup, follow_symlinks=False)
            except OSError:  # a file system without hard links
                shutil.copy2(self.root / relative, backup, follow_symlinks=False)
        journal = {"created": created, "kept": kept}
        write_atomically(self.journal, json.dumps(journal, indent=1).encode())

    def _roll_back(self) -> None:
        """Undo a commit that did not finish, as its journal says; nothing if none."""
        try:
            journal = json.loads(self.journal.read_text("utf-8"))
            created, kept = list(journal["created"]), list(journal["kept"])
        except (OSError, ValueError, KeyError, TypeError):
            return  # no journal: no commit was under way (it is written atomically)
        for relative in created:
            target = self._inside(str(relative))
            if target is not None:
                target.unlink(missing_ok=True)
                _remove_empty_parents(target.parent, self.root)
        for relative in kept:
            target, backup = self._inside(str(relative)), self.backup / str(relative)
            if target is not None and os.path.lexists(backup):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(backup, target)
        self.journal.unlink(missing_ok=True)
        shutil.rmtree(self.backup, ignore_errors=True)

    def _prune_drawings(self, manifests: Mapping[str, Manifest]) -> None:
        used = {key for manifest in manifests.values() for key in manifest.drawings}
        for path in (self.state / "svg").glob("*.svg"):
            if path.stem not in used:
                path.unlink(missing_ok=True)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the output folder's lock, or raise BuildLocked at once if another build has it."""
    state = root / STATE_FOLDER
    state.mkdir(parents=True, exist_ok=True)
    with (state / "lock").open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildLocked(
                f"another build is writing to {root} right now; wait for it to finish, "
                "or build into another folder with -o"
            ) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- atomic writes -------------------------------------------------------------------


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place, so a
    reader never sees half a file and an interrupted write leaves the old one whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        # mkstemp makes the file private (0600); a report published from this folder
        # must be readable by the web server, as a file written with open() would be.
        os.chmod(temporary, new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@cache
def new_file_mode() -> int:
    """The mode open() gives a new file: 0o666 less the process's umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
