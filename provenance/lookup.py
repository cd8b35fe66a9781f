"""Finding a claim among checked cases: which case holds it, and its trace there.

`trace` and `export --claim` name a claim, not a case; this module finds the one case
that has it. It sits just above the trace, below the builder and the exporters, so that
an export does not pull in the report renderer, the output folder and its lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from provenance.checks import CheckedCase, Report, check_paths
from provenance.load import to_case
from provenance.problems import ClaimNotFound, did_you_mean
from provenance.trace import Trace, trace_claim


def trace_claim_in(paths: Sequence[Path], claim_id: str) -> Trace | Report:
    """Trace a claim in whichever checked case has it; the Report if that case has errors.

    Raises ClaimNotFound when no case, or more than one, has the claim.
    """
    holder = case_with_claim(check_paths(paths), claim_id)
    if holder.has_errors:
        return Report((holder,), holder.problems)
    return trace_claim(to_case(holder.loaded), claim_id)


def case_with_claim(report: Report, claim_id: str) -> CheckedCase:
    """The one checked case that has the claim; ClaimNotFound when none or several do."""
    claims = {
        checked: [claim.id for claim in checked.loaded.case_file.claims]
        for checked in report.cases
        if checked.loaded.case_file
    }
    holders = [checked for checked, ids in claims.items() if claim_id in ids]
    if len(holders) != 1:
        known = [known_id for ids in claims.values() for known_id in ids]
        if holders:
            raise ClaimNotFound(
                f"claim '{claim_id}' is in {len(holders)} cases; name the "
                "case folder after the claim id"
            )
        raise ClaimNotFound(f"no case has a claim '{claim_id}'{did_you_mean(claim_id, known)}")
    return holders[0]
