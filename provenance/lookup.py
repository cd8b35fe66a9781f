"""Finding a claim among cases: which checked case holds it, or which case nearby does.

`trace` and `export --claim` name a claim, not a case; this module finds the one case
that has it, and when the case named does not, the case nearby that does (reading only
their case files). It sits just above the trace, below the builder and the exporters,
so that an export does not pull in the report renderer, the output folder and its lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from provenance.casefiles import CASE_FILE, present_spellings
from provenance.checks import CheckedCase, Report, check_paths
from provenance.load import find_case_folders, is_case_folder, to_case
from provenance.problems import ClaimNotFound, nearest_ids
from provenance.trace import Trace, trace_claim
from provenance.workplace import parent_folder
from provenance.yamlfile import read_yaml_file


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
    places = [parent_folder(folder) for folder in checked if is_case_folder(folder)]
    places += elsewhere
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
