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
