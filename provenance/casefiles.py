"""The names of a case folder's files, and the near misses that would go unread.

A case folder holds `case.yaml`, `outlets.yaml` and `people.yaml` (each may end in
`.yml` instead) and a `sources/` folder of `.yaml` or `.yml` files. A file or folder
named almost like one of them (`outlet.yaml`, `source/`, `Case.YAML`, a source saved as
`salon.yaml.txt`) would otherwise be passed over without a word, and what it holds be
missing from the checks and the report; this module finds them, so that the loader can
say what to rename. Names that look like nothing the case reads (a README, notes, an
editor's backup) are left alone.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from provenance.codes import Code
from provenance.model import Location
from provenance.problems import Problem, problem

CASE_FILE = "case.yaml"
OUTLETS_FILE = "outlets.yaml"
PEOPLE_FILE = "people.yaml"
SOURCES_FOLDER = "sources"
DRAFTS_FOLDER = "drafts"
YAML_SUFFIXES = (".yaml", ".yml")

_TOP_FILES = (CASE_FILE, OUTLETS_FILE, PEOPLE_FILE)
_FOLDER = SOURCES_FOLDER + "/"

# Names a newcomer might give a file for what it holds, too far from the real name for
# a spelling match to find: a case file named after its claims, people as persons.
_SYNONYMS = {
    "claims": CASE_FILE,
    "person": PEOPLE_FILE,
    "persons": PEOPLE_FILE,
    "publishers": OUTLETS_FILE,
    "source": _FOLDER,
    "sources": _FOLDER,
    "src": _FOLDER,
}
_CLOSE = 0.75
"""How alike (difflib's ratio) a name must be to one the case reads to be taken for a
slip of it: `outlet` and `outlets` are 0.92, `notes` and `outlets` 0.67."""

# A YAML file's name, whatever its case, or with `.txt` added by a word processor.
_YAML_NAME = re.compile(r"(?P<stem>.+?)\.(?:ya?ml)(?:\.txt)?", re.IGNORECASE)
_BACKUP = re.compile(r"(~|\.bak|\.orig|\.swp|\.tmp)$", re.IGNORECASE)


def spellings(name: str) -> tuple[str, str]:
    """The two names a case file may have: `case.yaml` -> (`case.yaml`, `case.yml`)."""
    stem = name.removesuffix(".yaml")
    return f"{stem}.yaml", f"{stem}.yml"


def present_spellings(folder: Path, name: str) -> list[Path]:
    """The spellings of a case file that are in `folder` (`.yaml` first)."""
    return [folder / spelling for spelling in spellings(name) if _exists(folder / spelling)]


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return True


@dataclass(frozen=True)
class Misnamed:
    """A file or folder of a case named almost like one provenance reads."""

    path: Path
    meant: str
    """The name it was most likely meant to have: `outlets.yaml` (`outlets.yml` for a
    slip that ends in .yml), `sources/`, `salon.yaml`."""
    stands_for: str
    """What it stands for, whichever way it is spelt: `case.yaml`, `outlets.yaml`,
    `people.yaml` or `sources/`."""


def misnamed_in_case(folder: Path) -> list[Misnamed]:
    """The files and folders directly in a case folder that look like slips of the names
    it reads; nothing when the folder cannot be listed (the loader reports that)."""
    try:
        with os.scandir(folder) as entries:
            found = [_misnamed_entry(folder, entry) for entry in entries]
    except OSError:
        return []
    return sorted((item for item in found if item is not None), key=lambda item: item.path)


def _misnamed_entry(folder: Path, entry: os.DirEntry[str]) -> Misnamed | None:
    name = entry.name
    if name.startswith(".") or _BACKUP.search(name) or name in _read_names():
        return None
    if _is_folder(entry):
        lowered = name.lower()
        if lowered in _SYNONYMS and _SYNONYMS[lowered] == _FOLDER:
            return Misnamed(folder / name, _FOLDER, _FOLDER)
        close = difflib.get_close_matches(lowered, [SOURCES_FOLDER], n=1, cutoff=_CLOSE)
        return Misnamed(folder / name, _FOLDER, _FOLDER) if close else None
    match = _YAML_NAME.fullmatch(name)
    if match is None:
        return None
    stands_for = _meant_top_file(match["stem"].lower())
    if stands_for is None:
        return None
    meant = stands_for
    if stands_for != _FOLDER and ".yml" in name.lower():
        meant = spellings(stands_for)[1]
    return Misnamed(folder / name, meant, stands_for)


def _read_names() -> frozenset[str]:
    names = {spelling for name in _TOP_FILES for spelling in spellings(name)}
    return frozenset({*names, SOURCES_FOLDER, DRAFTS_FOLDER})


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _meant_top_file(stem: str) -> str | None:
    if stem in _SYNONYMS:
        return _SYNONYMS[stem]
    stems = {name.removesuffix(".yaml"): name for name in _TOP_FILES}
    close = difflib.get_close_matches(stem, list(stems), n=1, cutoff=_CLOSE)
    return stems[close[0]] if close else None


def misnamed_source(path: Path) -> str | None:
    """The name a file under sources/ was meant to have when it is a source file saved
    under a slip of its name (`salon.YAML`, `salon.yaml.txt`); None for a name the
    loader reads, or one that is not a YAML file's at all."""
    name = path.name
    if path.suffix in YAML_SUFFIXES or name.startswith(".") or _BACKUP.search(name):
        return None
    match = _YAML_NAME.fullmatch(name)
    if match is None:
        return None
    return f"{match['stem']}.yml" if ".yml" in name.lower() else f"{match['stem']}.yaml"


# --- what to say about them ----------------------------------------------------------------


def missing_case_file(root: str, misnamed: list[Misnamed]) -> Problem:
    """The problem of a case folder without its case file, naming the file it may have
    been saved as instead (and pointing at it)."""
    slips = [item for item in misnamed if item.stands_for == CASE_FILE]
    if slips:
        return problem(
            Location(str(slips[0].path), 1, 1),
            Code.MISSING_CASE_FILE,
            f"no {CASE_FILE} here, but there is {slips[0].path.name}: rename it to "
            f"{slips[0].meant}",
        )
    return problem(
        Location(root, 1, 1),
        Code.MISSING_CASE_FILE,
        f"no {CASE_FILE} here; every case folder needs one (see `provenance new case`)",
    )


def second_spellings(present: list[Path]) -> list[Problem]:
    """A case file there as both .yaml and .yml: the second is not read."""
    return [
        _stray(
            extra,
            f"{extra.name} is not read, since {present[0].name} is here too: merge what it "
            f"holds into {present[0].name} and delete it",
        )
        for extra in present[1:]
    ]


def misnamed_problems(folder: Path, items: list[Misnamed]) -> list[Problem]:
    """What to rename each of a case folder's near misses to, or merge it into."""
    found = []
    for item in items:
        name = item.path.name
        if item.stands_for == _FOLDER:
            found.append(_stray(item.path, _misplaced_sources(name, item, folder)))
        elif read := present_spellings(folder, item.stands_for):
            found.append(
                _stray(
                    item.path,
                    f"{name} is not read, and {read[0].name} is: merge what it holds into "
                    f"{read[0].name} and delete it",
                )
            )
        else:
            found.append(_stray(item.path, f"{name} is not read: rename it to {item.meant}"))
    return found


def misnamed_source_problem(path: Path, meant: str) -> Problem:
    return _stray(path, f"{path.name} is not read: rename it to {meant}")


def _misplaced_sources(name: str, item: Misnamed, case_folder: Path) -> str:
    """What to do with a file or folder that holds sources but is not sources/."""
    if not item.path.is_dir():
        return (
            f"{name} is not read: source files go into the {SOURCES_FOLDER}/ folder, one "
            "file per source, named by its id"
        )
    if _exists(case_folder / SOURCES_FOLDER):
        return f"the folder {name}/ is not read: move its files into {SOURCES_FOLDER}/"
    return f"the folder {name}/ is not read: rename it to {SOURCES_FOLDER}/"


def _stray(path: Path, message: str) -> Problem:
    return problem(Location(str(path), 1, 1), Code.STRAY_FILE, message)
