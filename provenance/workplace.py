"""Where a command runs: the case folder, the folder of cases and the project around it.

Commands given no folder work on the case folder they are run in (or in whose sources/
they are run), else on the project's `claims/`; a build goes into the project's
`output/`. A folder typed wrong on the command line is answered with the one it most
likely meant. This reads folder names only, so that every command can ask it before
loading anything heavy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from provenance.casefiles import CASE_FILE, SOURCES_FOLDER, present_spellings
from provenance.load import find_case_folders
from provenance.problems import closest

DEFAULT_CLAIMS = Path("claims")


@dataclass(frozen=True)
class Workplace:
    """Where a command was run from, for commands given no folder: all paths relative to
    the folder it runs in, so that problems name files as the user sees them."""

    case: Path | None = None
    """The case folder it runs in (`.`), or whose sources/ it runs in (`..`)."""
    claims: Path | None = None
    """The folder of cases of the project it runs in: `claims`, or `..` inside a case."""
    project: Path | None = None
    """The folder that holds `claims/`, where the report goes by default."""

    @property
    def cases(self) -> Path | None:
        """What a command checks when given no folder: this case, else every case."""
        return self.case or self.claims


def find_workplace(here: Path = Path()) -> Workplace:
    """The case folder, the folder of cases and the project that `here` is in."""
    if (here / DEFAULT_CLAIMS).is_dir():
        return Workplace(None, here / DEFAULT_CLAIMS, here)
    case = _case_at(here)
    folder_of_cases = parent_folder(case) if case is not None else here
    if case is None and not find_case_folders(here):
        return Workplace()
    project = folder_of_cases / ".."
    if (project / DEFAULT_CLAIMS).resolve() == folder_of_cases.resolve():
        return Workplace(case, _tidy(folder_of_cases), _tidy(project))
    return Workplace(case, _tidy(folder_of_cases) if case is None else None)


def _case_at(here: Path) -> Path | None:
    if here.resolve().name != SOURCES_FOLDER and _has_case_file(here):
        return here
    if here.resolve().name == SOURCES_FOLDER and _has_case_file(here / ".."):
        return here / ".."
    return None


def _has_case_file(folder: Path) -> bool:
    return bool(present_spellings(folder, CASE_FILE))


def parent_folder(path: Path) -> Path:
    """The folder above, `..` for `.` (where Path.parent would give `.` again)."""
    return path.parent if path.name not in ("", "..") else _tidy(path / "..")


def _tidy(path: Path) -> Path:
    """`./..` as `..`, `../../..` kept: the shortest relative spelling of a path."""
    parts = [part for part in path.parts if part != "."]
    return Path(*parts) if parts else Path()


# --- a folder named on the command line --------------------------------------------------


def folder_hint(path: Path, claims: Path | None = None) -> str:
    """What a mistyped folder may have meant: ' (did you mean claims/walkaway?)', or ''.
    Looks beside it for a folder of a close name, and in the project's `claims` for a
    case folder of its name."""
    parent = path.parent
    if parent.is_dir():
        try:
            siblings = [child.name for child in parent.iterdir() if child.is_dir()]
        except OSError:
            siblings = []
        match = closest(path.name, siblings)
        if match is not None:
            return f" (did you mean {parent / match}?)"
    if claims is not None and path.parent == Path() and (claims / path.name).is_dir():
        return f" (did you mean {claims / path.name}?)"
    return ""
