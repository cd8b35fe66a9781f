"""Finding one's way among cases: which case holds a claim, and where a command runs.

`trace` and `export --claim` name a claim, not a case; this module finds the one case
that has it, and when the case named does not, the case nearby that does. Commands run
with no folder named work on the case folder they are run in, or on the project's
`claims/` (`Workplace`). It sits just above the trace, below the builder and the
exporters, so that an export does not pull in the report renderer, the output folder and
its lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance.casefiles import CASE_FILE, SOURCES_FOLDER, present_spellings
from provenance.checks import CheckedCase, Report, check_paths
from provenance.load import find_case_folders, is_case_folder, to_case
from provenance.problems import ClaimNotFound, closest, nearest_ids
from provenance.trace import Trace, trace_claim
from provenance.yamlfile import read_yaml_file

DEFAULT_CLAIMS = Path("claims")


def trace_claim_in(
    paths: Sequence[Path], claim_id: str, elsewhere: Sequence[Path] = ()
) -> Trace | Report:
    """Trace a claim in whichever checked case has it; the Report if that case has errors.

    Raises ClaimNotFound when no case, or more than one, has the claim; when a case
    under `elsewhere` (or beside a case named) has it, the exception says which.
    """
    holder = case_with_claim(check_paths(paths), claim_id, elsewhere)
    if holder.has_errors:
        return Report((holder,), holder.problems)
    return trace_claim(to_case(holder.loaded), claim_id)


def case_with_claim(report: Report, claim_id: str, elsewhere: Sequence[Path] = ()) -> CheckedCase:
    """The one checked case that has the claim; ClaimNotFound when none or several do.

    When none does, the case folders beside the ones checked and those at `elsewhere`
    are searched for it (their case files only), so that the message can say where it is.
    """
    claims = {
        checked: [claim.id for claim in checked.loaded.case_file.claims]
        for checked in report.cases
        if checked.loaded.case_file
    }
    holders = [checked for checked, ids in claims.items() if claim_id in ids]
    if len(holders) == 1:
        return holders[0]
    if holders:
        roots = " and ".join(holder.loaded.root for holder in holders)
        raise ClaimNotFound(
            f"claim '{claim_id}' is in {len(holders)} cases ({roots}); name the case folder "
            "after the claim id"
        )
    checked_folders = [Path(checked.loaded.root) for checked in report.cases]
    found = find_claim_elsewhere(claim_id, checked_folders, elsewhere)
    if found:
        named = (
            f"'{report.cases[0].loaded.id}'"
            if len(report.cases) == 1
            else f"any of the {len(report.cases)} cases named"
        )
        where = " and ".join(f"'{folder.resolve().name}' ({folder})" for folder in found)
        raise ClaimNotFound(
            f"claim '{claim_id}' is in case {where}, not in {named}", found_in=tuple(found)
        )
    known = [known_id for ids in claims.values() for known_id in ids]
    if len(report.cases) == 1:
        what = f"case '{report.cases[0].loaded.id}' has no claim"
    else:
        what = "no case has a claim"
    raise ClaimNotFound(f"{what} '{claim_id}'{nearest_ids(claim_id, known)}")


def find_claim_elsewhere(
    claim_id: str, checked: Sequence[Path], elsewhere: Sequence[Path]
) -> list[Path]:
    """The case folders that list the claim, among those beside the `checked` ones and
    at `elsewhere`, the `checked` ones left out. Only their case files are read."""
    seen = {folder.resolve() for folder in checked}
    places = [_parent(folder) for folder in checked if is_case_folder(folder)] + list(elsewhere)
    found = []
    for place in places:
        for folder in find_case_folders(place):
            if folder.resolve() in seen:
                continue
            seen.add(folder.resolve())
            if claim_id in claim_ids(folder):
                found.append(folder)
    return found


def claim_ids(folder: Path) -> list[str]:
    """The ids of the claims a case file lists, read as plainly as can be: nothing when
    it is missing or cannot be read (a check says why)."""
    files = present_spellings(folder, CASE_FILE)
    if not files:
        return []
    data = read_yaml_file(files[0], str(files[0])).data
    claims = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(claims, list):
        return []
    return [str(claim["id"]) for claim in claims if isinstance(claim, dict) and "id" in claim]


# --- where a command runs --------------------------------------------------------------


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
    folder_of_cases = _parent(case) if case is not None else here
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


def _parent(path: Path) -> Path:
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
