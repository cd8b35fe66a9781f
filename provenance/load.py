"""Loading a case folder: YAML files -> model objects, each knowing where it was written.

A case folder holds `case.yaml`, optionally `outlets.yaml` and `people.yaml` (any of them
may end in `.yml`), and one file per source under `sources/`. Each file is parsed on its
own (`yamlfile`), validated against the model (`validation`, whose errors `diagnostics`
words as problems), and stamped with the file, line and column of every object and
field. Everything that cannot be read, a file or a folder, is a problem too, and so is a
file named almost like one the case reads (`casefiles`): nothing is left out silently. A
file that fails to load is remembered by id, so the cross-file checks do not pile
further errors on top of it.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from provenance.acknowledge import Directives
from provenance.casefiles import (
    CASE_FILE,
    OUTLETS_FILE,
    PEOPLE_FILE,
    SOURCES_FOLDER,
    YAML_SUFFIXES,
    Misnamed,
    misnamed_in_case,
    misnamed_problems,
    misnamed_source,
    misnamed_source_problem,
    missing_case_file,
    present_spellings,
    second_spellings,
)
from provenance.codes import Code
from provenance.diagnostics import describe_value
from provenance.ids import REPORT_FILE_NAMES, id_mistake, is_valid_id
from provenance.model import (
    Case,
    CaseFile,
    Location,
    Outlet,
    OutletsFile,
    PeopleFile,
    Person,
    Source,
)
from provenance.problems import Problem, problem
from provenance.validation import validate
from provenance.yamlfile import mark_location, read_yaml_file
from provenance.yamlslips import unlisted_hint

__all__ = [
    "CASE_FILE",
    "OUTLETS_FILE",
    "PEOPLE_FILE",
    "SOURCES_FOLDER",
    "LoadedCase",
    "find_case_folders",
    "is_case_folder",
    "list_case_folders",
    "load_case",
    "refused_link",
    "to_case",
]

T = TypeVar("T")


@dataclass(frozen=True)
class LoadedCase:
    """What could be loaded from one case folder, and what went wrong while loading."""

    id: str
    """The folder name."""
    root: str
    """The folder as the user gave it; problem paths start with it."""
    case_file: CaseFile | None
    """None when case.yaml is missing or broken."""
    outlets: tuple[Outlet, ...] = ()
    sources: tuple[Source, ...] = ()
    problems: tuple[Problem, ...] = ()
    broken_source_ids: frozenset[str] = frozenset()
    """Ids of source files that exist but failed to load."""
    outlets_broken: bool = False
    """True when outlets.yaml exists but failed to load."""
    people: tuple[Person, ...] = ()
    people_broken: bool = False
    """True when people.yaml exists but failed to load."""
    misnamed: frozenset[str] = frozenset()
    """The case files and folders (`outlets.yaml`, `sources/`) that are there only under
    a slip of their name, unread: what they hold is unknown, so the checks do not take
    its absence for the record's."""
    acknowledgements: Mapping[str, Directives] = field(default_factory=dict, compare=False)
    """By file path (as in problems), the codes each line's `# provenance: ignore[...]`
    comment acknowledges; only files that have such comments are listed."""


# --- finding cases -------------------------------------------------------------------


def is_case_folder(folder: Path) -> bool:
    """A folder with a case file, or with sources or outlets but no case file (or a case
    file under a slip of its name): that one is a case missing its case.yaml, which is
    reported rather than silently skipped."""
    if _exists(folder / SOURCES_FOLDER):
        return True
    if any(present_spellings(folder, name) for name in (CASE_FILE, OUTLETS_FILE)):
        return True
    return any(item.stands_for == CASE_FILE for item in misnamed_in_case(folder))


def _exists(path: Path) -> bool:
    """Whether something is at `path`; True when it cannot be told (a folder that may
    not be searched), so that reading it reports why."""
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return True


def find_case_folders(path: Path) -> list[Path]:
    """The case folders at or directly below `path` (which may itself be a case)."""
    return list_case_folders(path)[0]


def list_case_folders(path: Path) -> tuple[list[Path], list[Problem]]:
    """The case folders at or directly below `path`, and a problem when `path` cannot
    be listed."""
    if is_case_folder(path):
        return [path], []
    if not path.is_dir():
        return [], []
    try:
        children = sorted(path.iterdir())
    except OSError as exc:
        return [], [_unreadable(path, "folder", exc)]
    return [child for child in children if child.is_dir() and is_case_folder(child)], []


def _unreadable(path: Path, what: str, exc: OSError) -> Problem:
    reason = exc.strerror or str(exc)
    return problem(
        Location(str(path), 1, 1),
        Code.UNREADABLE_FILE,
        f"cannot read this {what}: {reason}; nothing in it is checked",
    )


# --- loading one case ----------------------------------------------------------------


def load_case(folder: Path) -> LoadedCase:
    """Load every file of one case folder, collecting all problems instead of stopping."""
    loading = _Loading(folder)
    loading.check_folder_name()
    try:
        os.listdir(folder)
    except OSError as exc:  # one problem for the folder, not one for each file in it
        loading.problems.append(_unreadable(folder, "folder", exc))
        return LoadedCase(loading.inside.name, loading.root, None, problems=tuple(loading.problems))
    misnamed = misnamed_in_case(folder)
    with _collector_paused():
        case_file = loading.case_document(misnamed)
        outlets_path = loading.spelling(OUTLETS_FILE)
        outlets_file = loading.document(outlets_path, OutletsFile) if outlets_path else None
        people_path = loading.spelling(PEOPLE_FILE)
        people_file = loading.document(people_path, PeopleFile) if people_path else None
        sources, broken = loading.sources()
    others = [item for item in misnamed if item.stands_for != CASE_FILE]
    loading.problems += misnamed_problems(folder, others)
    return LoadedCase(
        id=loading.inside.name,
        root=loading.root,
        case_file=case_file,
        outlets=outlets_file.outlets if outlets_file else (),
        sources=tuple(sources),
        problems=tuple(loading.problems),
        broken_source_ids=frozenset(broken),
        outlets_broken=outlets_path is not None and outlets_file is None,
        people=people_file.people if people_file else (),
        people_broken=people_path is not None and people_file is None,
        misnamed=frozenset(item.stands_for for item in misnamed),
        acknowledgements=loading.acknowledgements,
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold Python's cycle collector off while a case loads. Loading makes many small
    objects (nodes, data, model objects) and no cycles; with the collector on, it
    walks the ever larger heap again and again, and a file of many entries takes time
    that grows with its square (measured: 16,000 citations composed in 1.6 s, 0.4 s
    without the collector). Whatever cycles do arise are collected afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Loading:
    """One case folder being loaded: where it is, and what was found so far."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = str(folder)
        self.inside = folder.resolve()
        self.problems: list[Problem] = []
        self.acknowledgements: dict[str, Directives] = {}
        self.regular_files: set[Path] = set()
        """Files the folder listing showed to be plain files (no links): they need no
        further look before reading, which spares several system calls a file."""

    def check_folder_name(self) -> None:
        name = self.inside.name
        if not is_valid_id(name):
            self.problems.append(
                problem(
                    Location(self.root, 1, 1),
                    Code.INVALID_ID,
                    f"the folder name '{name}' is the case's id, and not a valid one: "
                    f"{id_mistake(name)}; rename the folder",
                )
            )
        elif name in REPORT_FILE_NAMES:
            self.problems.append(
                problem(
                    Location(self.root, 1, 1),
                    Code.RESERVED_ID,
                    f"the folder name '{name}' is the case's id, and the report keeps that "
                    f"name for a file of its own ({name} beside the case folders); "
                    "rename the folder",
                )
            )

    def spelling(self, name: str) -> Path | None:
        """The file read for a case file (`.yaml` before `.yml`), None when neither is
        there; the other spelling, when both are, is a problem: it is not read."""
        present = present_spellings(self.folder, name)
        self.problems += second_spellings(present)
        return present[0] if present else None

    def case_document(self, misnamed: list[Misnamed]) -> CaseFile | None:
        """The case file, or a problem that says it is missing (and what it may have been
        saved as instead)."""
        path = self.spelling(CASE_FILE)
        if path is not None:
            return self.document(path, CaseFile)
        self.problems.append(missing_case_file(self.root, misnamed))
        return None

    def sources(self) -> tuple[list[Source], set[str]]:
        sources: list[Source] = []
        broken: set[str] = set()
        for file in self._source_files(broken):
            source = self.document(file, Source, default_id=file.stem)
            if source is None:
                broken.add(file.stem)
            else:
                sources.append(source)
        return sources, broken

    def _source_files(self, refused: set[str]) -> list[Path]:
        sources_folder = self.folder / SOURCES_FOLDER
        link = refused_link(sources_folder, self.inside)
        if link is not None:
            self.problems.append(link)
            return []
        if not _exists(sources_folder):
            return []
        files = []
        for file in self._walk(sources_folder):
            if file in self.regular_files:
                if file.suffix in YAML_SUFFIXES:
                    files.append(file)
                elif (meant := misnamed_source(file)) is not None:
                    self.problems.append(misnamed_source_problem(file, meant))
                    refused.add(Path(meant).stem)  # citing it is not an unknown source
                continue
            folder_link = file.is_symlink() and file.is_dir()
            if file.suffix not in YAML_SUFFIXES and not folder_link:
                continue
            link = refused_link(file, self.inside)
            if link is not None:
                self.problems.append(link)
                refused.add(file.stem)  # it exists, so citing it is not an unknown source
                continue
            # Anything else named like a source (a named pipe, a dangling link) is read
            # too, so that it is reported as unreadable rather than silently left out.
            if not file.is_dir():
                files.append(file)
        return files

    def _walk(self, top: Path) -> list[Path]:
        """Every file below `top`, and every link to a folder, sorted; links to folders
        are listed, not followed. A folder that cannot be listed (`top` too, or `top`
        not a folder) is a problem: its sources would be missing without a word."""
        found: list[Path] = []
        waiting = [top]
        while waiting:
            folder = waiting.pop()
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        path = Path(entry.path)
                        if entry.is_dir(follow_symlinks=False):
                            waiting.append(path)
                            continue
                        found.append(path)
                        if entry.is_file(follow_symlinks=False):
                            self.regular_files.add(path)
            except OSError as exc:
                self.problems.append(_unreadable(folder, "folder", exc))
        return sorted(found)

    def document(self, file: Path, model: type[T], default_id: str | None = None) -> T | None:
        """Parse, validate and locate one file of the case.

        Returns the loaded object, or as much of it as validates when parts are broken
        (so the cross-file checks can still look at the rest), or None when nothing
        usable is left. Every problem found is kept.
        """
        path = str(file)
        if file not in self.regular_files and not self._present(file):
            return None
        document = read_yaml_file(file, path)
        self.problems.extend(document.problems)
        if document.directives:
            self.acknowledgements[path] = document.directives
        if document.root is None:
            return None
        if not isinstance(document.data, dict):
            self.problems.append(
                problem(
                    mark_location(path, document.root),
                    Code.NOT_A_MAPPING,
                    f"{file.name} should hold keys and values (like `title: ...`), "
                    f"not {describe_value(document.data)}{unlisted_hint(document.root)}",
                )
            )
            return None
        data: dict[str, Any] = document.data
        if default_id is not None and "id" not in data:
            data = {**data, "id": default_id}
        loaded, problems = validate(data, model, document, default_id)
        self.problems.extend(problems)
        return loaded

    def _present(self, file: Path) -> bool:
        """Whether `file` is there to be read: not a link out of the case or in a loop,
        and not missing (a missing case file is a problem; a missing source is not
        asked for)."""
        link = refused_link(file, self.inside)
        if link is not None:
            self.problems.append(link)
            return False
        if not _exists(file):
            self.problems.append(
                problem(
                    Location(self.root, 1, 1),
                    Code.MISSING_CASE_FILE,
                    f"no {file.name} here; every case folder needs one (see `provenance new case`)",
                )
            )
            return False
        return True


def refused_link(path: Path, inside: Path) -> Problem | None:
    """The problem with `path` if it is a link that leads out of the case folder `inside`
    (resolved) or round in a loop; None otherwise.

    Only a link can lead outside (folders are walked without following links), so only
    links are resolved: resolving every path costs more than reading it.
    """
    try:
        if not path.is_symlink():
            return None
    except OSError:  # a folder that may not be searched: reading the path says why
        return None
    what = "folder" if path.is_dir() else "file"
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return problem(
            Location(str(path), 1, 1),
            Code.UNREADABLE_FILE,
            f"cannot read this {what}: it is a link in a loop of links; put the {what} here",
        )
    if target.is_relative_to(inside):
        return None
    return problem(
        Location(str(path), 1, 1),
        Code.OUTSIDE_CASE,
        f"this {what} is a link to a place outside the case folder; copy the {what} in instead",
    )


def to_case(loaded: LoadedCase) -> Case:
    """The finished Case of a folder that loaded without errors."""
    if loaded.case_file is None:
        raise ValueError(f"{loaded.root} has no usable case.yaml")
    return Case(
        id=loaded.id,
        root=loaded.root,
        case_file=loaded.case_file,
        outlets=loaded.outlets,
        sources=tuple(sorted(loaded.sources, key=lambda source: source.id)),
        people=loaded.people,
    )
