"""The output folder: each build published whole, in one step, and what it knows of the last.

A reader of the output folder sees one whole report at every instant, never a mix of
two builds. Each build makes its report in folders of its own and publishes it by
renaming a single symbolic link, which is atomic:

```
output/
  index.html -> .provenance/current/index.html     links made once, by the first build
  <case>     -> .provenance/current/<case>          (and for each case added since)
  .provenance/
    current  -> builds/<n>                          the report now published: one rename
    builds/<n>/index.html                           the index of build n
    builds/<n>/<case> -> ../../cases/<case>/<v>     the version of each case it shows
    cases/<case>/<v>/...                            a case's pages, graphs and traces
    cases/<case>/<v>.json                           their manifest (see Manifest)
    svg/<hash>.svg                                  drawings by the hash of their DOT text
    lock                                            held for the length of a build
```

A version of a case is never changed once made. A build makes a new version only of
the cases whose files changed (a file whose bytes did not change is a hard link to the
previous version's), and a new `builds/<n>` of one small page and a link per case; so
an unchanged rebuild writes nothing at all, and a rebuild after one edit about as much
as the edit changed. Until the rename, nothing of the new build is reachable from
`index.html`; after it, nothing of the old one. A build interrupted at any moment
(Ctrl-C, SIGKILL, a full disk) leaves the last published report whole; what it made is
cleared by the next build (`OutputFolder.open`). Two builds cannot write one folder at
once (`locked`).

The build writes and removes only inside the output folder, and never through a link
it did not make: if `.provenance`, or anything in it or among the links above, is a
symbolic link other than those the build makes, the build refuses and says what to
remove (OutputLinkRefused).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from provenance.manifests import Manifest, read_manifest
from provenance.problems import ProvenanceError

try:
    import fcntl
except ImportError:  # Windows, where provenance does not run (README): it still imports
    fcntl = None  # type: ignore[assignment]

STATE_FOLDER = ".provenance"
INDEX_PAGE = "index.html"
CURRENT = "current"
_BUILD_NAME = re.compile(r"[0-9]+")


class BuildLocked(ProvenanceError):
    """Another build is writing to the same output folder."""


class OutputLinkRefused(ProvenanceError):
    """Something the build would write or remove in the output folder is a link it did
    not make, or is in the way."""


# --- the folder ----------------------------------------------------------------------


class OutputFolder:
    """The output folder during one build: read the published report, make the new one
    beside it (`stage`), then publish it (`commit`) or drop it (`discard`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifests: dict[str, Manifest] = {}
        """The published version of each case, by case id."""
        self.published: dict[str, str] = {}
        """The version of each case the published build shows."""
        self.current: int | None = None
        self.number = 1
        self.staged_versions: set[str] = set()
        """Cases of which this build made a new version."""
        self.retired: set[str] = set()
        """Names in the output folder that a report of the earlier layout left."""
        self.retired_files: set[str] = set()
        """The files that report wrote (paths relative to the output folder)."""

    @property
    def state(self) -> Path:
        return self.root / STATE_FOLDER

    @property
    def name(self) -> str:
        return str(self.number)

    def is_new(self) -> bool:
        """Whether the folder holds nothing yet but a build's lock."""
        try:
            return {path.name for path in self.root.iterdir()} <= {STATE_FOLDER} and {
                path.name for path in self.state.iterdir()
            } <= {"lock"}
        except OSError:
            return False

    def open(self) -> None:
        """Read the published report, after refusing links the build did not make and
        clearing what an interrupted build left."""
        _refuse_links(self.root)
        self.current = _published_build(self.state)
        if self.current is not None:
            self.published = _case_links(self.state / "builds" / str(self.current))
        _refuse_foreign_top_links(self.root, {INDEX_PAGE, *self.published})
        self._collect_garbage()
        self._read_old_layout()
        self.number = (self.current or 0) + 1
        for case_id, version in self.published.items():
            manifest = read_manifest(self.state / "cases" / case_id / f"{version}.json")
            if manifest is not None and manifest.case_id == case_id:
                self.manifests[case_id] = manifest

    def reusable(self, case_id: str, fingerprint: str) -> Manifest | None:
        """The published version of a case, if nothing changed since and its files are
        there as written."""
        manifest = self.manifests.get(case_id)
        if manifest is None or manifest.fingerprint != fingerprint:
            return None
        version = self.published[case_id]
        for relative, size in manifest.outputs.items():
            path = self._in_version(case_id, version, relative)
            if path is None or not _is_file(path) or path.lstat().st_size != size:
                return None
        return manifest

    # -- drawings --

    def cached_drawing(self, key: str) -> bytes | None:
        path = self.state / "svg" / f"{key}.svg"
        if not _is_file(path):
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def cache_drawing(self, key: str, svg: bytes) -> None:
        write_atomically(self.state / "svg" / f"{key}.svg", svg)

    def _prune_drawings(self, manifests: Mapping[str, Manifest]) -> None:
        used = {key for manifest in manifests.values() for key in manifest.drawings}
        for path in (self.state / "svg").glob("*.svg"):
            if path.stem not in used:
                path.unlink(missing_ok=True)

    # -- staging: the new build beside the published one --

    def stage(self, relative: str, content: bytes) -> bool:
        """Put a file of the new build in place (`<case>/...` or `index.html`), as a hard
        link to the published one where the bytes are the same; True if written anew."""
        target, published = self._staging_paths(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        same = published is not None and _same_file(published, content)
        if same:
            assert published is not None
            with contextlib.suppress(OSError):  # a file system without hard links
                os.link(published, target, follow_symlinks=False)
                return False
        target.write_bytes(content)
        return not same

    def _staging_paths(self, relative: str) -> tuple[Path, Path | None]:
        """Where a file of the new build goes, and the published file it replaces."""
        parts = Path(relative).parts
        if not parts or ".." in parts or Path(relative).is_absolute() or "\\" in relative:
            raise ProvenanceError(f"refusing to write {relative}: it is outside {self.root}")
        if len(parts) == 1:
            published = self._build(self.current) / relative if self.current else None
            return self._build(self.number) / relative, published
        case_id, inside = parts[0], Path(*parts[1:])
        if case_id not in self.staged_versions:
            (self.state / "cases" / case_id / self.name).mkdir(parents=True)
            self.staged_versions.add(case_id)
        published_version = self.published.get(case_id)
        published = (
            self.state / "cases" / case_id / published_version / inside
            if published_version
            else None
        )
        return self.state / "cases" / case_id / self.name / inside, published

    def _build(self, number: int | None) -> Path:
        return self.state / "builds" / str(number)

    def _in_version(self, case_id: str, version: str, relative: str) -> Path | None:
        parts = Path(relative).parts
        if len(parts) < 2 or parts[0] != case_id or ".." in parts:
            return None
        return self.state / "cases" / case_id / version / Path(*parts[1:])

    # -- publishing --

    def commit(self, manifests: Mapping[str, Manifest]) -> list[str]:
        """Publish the new build in one step: its index (staged) and the version of each
        case in `manifests` (new ones staged, the rest as published). Returns the files
        of the old report that the new one no longer has (relative paths)."""
        versions = {
            case_id: self.name if case_id in self.staged_versions else self.published[case_id]
            for case_id in manifests
        }
        for case_id in self.staged_versions & set(manifests):
            text = json.dumps(manifests[case_id].to_json(), indent=1, ensure_ascii=False)
            write_atomically(self.state / "cases" / case_id / f"{self.name}.json", text.encode())
        index = self._build(self.number) / INDEX_PAGE
        if versions == self.published and self._index_unchanged(index) and not self.retired:
            self.discard()  # nothing changed: the published build stays
            self._link_top(set(versions))  # unless a reader's link was removed
            return []
        for case_id, version in sorted(versions.items()):
            os.symlink(f"../../cases/{case_id}/{version}", self._build(self.number) / case_id)
        self._link_top(set(versions))
        self._switch()
        removed = self._removed(manifests)
        self._unlink_top(set(versions))
        self._forget_old_layout()
        self.manifests, self.published = dict(manifests), versions
        self.current, self.staged_versions = self.number, set()
        self._collect_garbage()
        self._prune_drawings(manifests)
        return removed

    def discard(self) -> None:
        """Drop what this build staged, unless it was published; the published report is
        untouched."""
        if self.current == self.number:
            return
        shutil.rmtree(self._build(self.number), ignore_errors=True)
        for case_id in self.staged_versions:
            shutil.rmtree(self.state / "cases" / case_id / self.name, ignore_errors=True)
            (self.state / "cases" / case_id / f"{self.name}.json").unlink(missing_ok=True)
        self.staged_versions = set()

    def _index_unchanged(self, index: Path) -> bool:
        if self.current is None or not _is_file(index):
            return False
        published = self._build(self.current) / INDEX_PAGE
        return _is_file(published) and os.path.samefile(index, published)

    def _link_top(self, cases: set[str]) -> None:
        """The links readers open, made before the switch (a link to a case the old
        report lacks leads nowhere until then, and the old index does not name it)."""
        for name in sorted({INDEX_PAGE, *cases}):
            link = self.root / name
            if _our_link(link, name):
                continue
            if name in self.retired:
                self._retire(link)
            elif os.path.lexists(link):
                raise OutputLinkRefused(_foreign_link(link))
            os.symlink(f"{STATE_FOLDER}/{CURRENT}/{name}", link)

    def _switch(self) -> None:
        """The one step that publishes the new build: rename a link over `current`."""
        temporary = self.state / f".{CURRENT}.{self.name}.tmp"
        temporary.unlink(missing_ok=True)
        os.symlink(f"builds/{self.name}", temporary)
        os.replace(temporary, self.state / CURRENT)

    def _unlink_top(self, cases: set[str]) -> None:
        """After the switch: the links of cases the new report no longer has."""
        for case_id in set(self.published) - cases:
            link = self.root / case_id
            if _our_link(link, case_id):
                link.unlink()

    def _removed(self, manifests: Mapping[str, Manifest]) -> list[str]:
        before = {path for manifest in self.manifests.values() for path in manifest.outputs}
        after = {path for manifest in manifests.values() for path in manifest.outputs}
        return sorted(before - after)

    # -- clearing up --

    def _collect_garbage(self) -> None:
        """Remove every build but the published one, every case version it does not
        show, and temporary files: what an interrupted build, or the last one, left."""
        for build in _children(self.state / "builds"):
            if build.name != str(self.current):
                _remove(build)
        for folder in _children(self.state / "cases"):
            kept = self.published.get(folder.name)
            for item in _children(folder):
                if item.name not in (kept, f"{kept}.json"):
                    _remove(item)
            with contextlib.suppress(OSError):
                folder.rmdir()  # a case no longer published
        for stray in [*self.state.glob(".*.tmp"), *self.state.glob("svg/.*.tmp")]:
            _remove(stray)
        for link in _children(self.root):  # made for a case that was never published
            if link.name not in (INDEX_PAGE, *self.published) and _our_link(link, link.name):
                link.unlink()

    def _read_old_layout(self) -> None:
        """What a report of the earlier layout (real files in the output folder, one
        manifest per case in cases/) left: its files are replaced by links when this
        build publishes, and its bookkeeping is removed then."""
        old_manifests = [
            read_manifest(path) for path in sorted((self.state / "cases").glob("*.json"))
        ]
        self.retired_files = {
            relative
            for manifest in old_manifests
            if manifest is not None
            for relative in manifest.outputs
            if not relative.startswith(STATE_FOLDER)
        }
        if self.retired_files:
            self.retired_files.add(INDEX_PAGE)
        names = {Path(relative).parts[0] for relative in self.retired_files}
        self.retired = {name for name in names if os.path.lexists(self.root / name)}

    def _forget_old_layout(self) -> None:
        for leftover in ("staging", "backup", "commit.json"):
            _remove(self.state / leftover)
        for path in (self.state / "cases").glob("*.json"):
            _remove(path)
        self.retired, self.retired_files = set(), set()

    def _retire(self, path: Path) -> None:
        """Remove a file or folder of the earlier layout so that a link can take its
        place: only if it holds nothing but files a build of ours wrote there."""
        if path.is_symlink() or not _plain(path):
            raise OutputLinkRefused(_foreign_link(path))
        found = (
            [path] if path.is_file() else [item for item in path.rglob("*") if not item.is_dir()]
        )
        ours = {self.root / relative for relative in self.retired_files}
        if any(item not in ours for item in found):
            raise OutputLinkRefused(_in_the_way(path))
        trash = self.state / f".retired.{path.name}.tmp"
        _remove(trash)
        path.rename(trash)
        _remove(trash)


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _remove(path: Path) -> None:
    """Remove a file, a link or a folder (never what a link points to)."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _is_file(path: Path) -> bool:
    """A regular file, not a link to one (nor a pipe, which would hang a read)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _same_file(path: Path, content: bytes) -> bool:
    try:
        return (
            path.lstat().st_size == len(content) and _is_file(path) and path.read_bytes() == content
        )
    except OSError:
        return False


def _our_link(path: Path, name: str) -> bool:
    return path.is_symlink() and os.readlink(path) == f"{STATE_FOLDER}/{CURRENT}/{name}"


def _published_build(state: Path) -> int | None:
    """The number of the published build, or None before the first one."""
    current = state / CURRENT
    if not current.is_symlink():
        return None
    target = os.readlink(current)
    name = target.removeprefix("builds/")
    if not target.startswith("builds/") or not _BUILD_NAME.fullmatch(name):
        raise OutputLinkRefused(_foreign_link(current))
    return int(name) if (state / "builds" / name).is_dir() else None


def _case_links(build: Path) -> dict[str, str]:
    """The version of each case a build shows, from its links."""
    versions = {}
    for link in _children(build):
        if link.name == INDEX_PAGE:
            continue
        target = os.readlink(link) if link.is_symlink() else ""
        version = target.removeprefix(f"../../cases/{link.name}/")
        if not _BUILD_NAME.fullmatch(version) or target == version:
            raise OutputLinkRefused(_foreign_link(link))
        versions[link.name] = version
    return versions


# --- links the build did not make ----------------------------------------------------


def _refuse_links(root: Path) -> None:
    """Refuse to build where a folder or file the build writes or removes is a link it
    did not make: it would write or delete wherever that points."""
    state = root / STATE_FOLDER
    for path in (state, state / "lock", *(state / name for name in ("svg", "builds", "cases"))):
        if path.is_symlink():
            raise OutputLinkRefused(_foreign_link(path))
    for folder in (state / "builds", state / "cases", state / "svg"):
        for item in _children(folder):
            if item.is_symlink() or (folder.name != "svg" and not _plain(item)):
                raise OutputLinkRefused(_foreign_link(item))
            if folder.name == "cases":
                _refuse_links_in(item)


def _refuse_links_in(case_folder: Path) -> None:
    for item in _children(case_folder):
        if item.is_symlink():
            raise OutputLinkRefused(_foreign_link(item))


def _plain(path: Path) -> bool:
    """A real folder or file, not a link, a pipe or a device."""
    mode = path.lstat().st_mode
    return stat.S_ISDIR(mode) or stat.S_ISREG(mode)


def _refuse_foreign_top_links(root: Path, names: set[str]) -> None:
    for name in sorted(names):
        path = root / name
        if path.is_symlink() and not _our_link(path, name):
            raise OutputLinkRefused(_foreign_link(path))


def _foreign_link(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        return _in_the_way(path)
    return (
        f"{path} is a link (to {target}) that provenance did not make, and a build writes "
        f"only inside its output folder: remove the link (rm {path}) and build again"
    )


def _in_the_way(path: Path) -> str:
    return (
        f"{path} is in the way of the report, and provenance did not write it: move it "
        "out of the output folder, or build into another folder with -o"
    )


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the output folder's lock, or raise BuildLocked at once if another build has it."""
    state = root / STATE_FOLDER
    for path in (state, state / "lock"):
        if path.is_symlink():
            raise OutputLinkRefused(_foreign_link(path))
    if fcntl is None:
        raise ProvenanceError("provenance builds on Linux and macOS only (POSIX locks and links)")
    state.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(state / "lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BuildLocked(
                f"another build is writing to {root} right now; wait for it to finish, "
                "or build into another folder with -o"
            ) from error
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


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
