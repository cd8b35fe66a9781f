"""The casebook: real, documented cases under examples/, each with the conclusions a careful
fact-checker draws from its record (examples/<case>/expected.yaml). The trace must reach
them: where the claim started, the roots as recorded and as the wording suggests, the
independent voices both ways, loops and returns, inferred copies, misquotes and
misattributions, disputes, denials by the subject, disputes by the origin's author or
publisher, retractions. These cases were recorded from public reporting by people who had
not seen the rules, and the rules were not tuned to them: a failure here is a finding
about the analysis (or about a correction of the record, which then updates expected.yaml
with its reasons).

A claim whose expected.yaml entry has `known_wrong` is one where the trace is known to
reach a wrong conclusion (what it concludes, why that is wrong, which rule is at fault):
its expected conclusions stay the correct ones, and its test is expected to fail, strictly,
so that it fails loudly the day the trace starts agreeing (then remove `known_wrong`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPOSITORY

from provenance.checks import check_paths
from provenance.load import load_case, to_case
from provenance.problems import Severity
from provenance.trace import Trace, trace_case
from provenance.traced import InferredCopy

EXAMPLES = sorted(path for path in (REPOSITORY / "examples").iterdir() if path.is_dir())
CLAIMS = [
    (folder, claim_id)
    for folder in EXAMPLES
    for claim_id in yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))["claims"]
]


def known_wrong(folder: Path, claim_id: str) -> str | None:
    reason = expected(folder, claim_id).get("known_wrong")
    return None if reason is None else str(reason)


def claim_param(folder: Path, claim_id: str) -> Any:
    """The claim as a test parameter: strictly expected to fail when it is known wrong."""
    reason = known_wrong(folder, claim_id)
    if reason is None:
        return pytest.param(folder, claim_id, id=f"{folder.name}/{claim_id}")
    marks = pytest.mark.xfail(raises=AssertionError, strict=True, reason=reason)
    return pytest.param(folder, claim_id, marks=marks, id=f"{folder.name}/{claim_id}")


def expected(folder: Path, claim_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))
    return data["claims"][claim_id]  # type: ignore[no-any-return]


def traced(folder: Path, claim_id: str) -> Trace:
    return next(
        trace for trace in trace_case(to_case(load_case(folder))) if trace.claim.id == claim_id
    )


def concluded(trace: Trace) -> dict[str, Any]:
    """What the trace concludes, in the shape of expected.yaml."""
    assert trace.independence is not None
    return {
        "first_appearance": sorted(trace.first_appearance),
        "origins_recorded": sorted(node for root in trace.roots for node in root.candidates),
        "origins_suggested": sorted(trace.suggested_origins),
        "primary_reached": any(root.primary for root in trace.roots),
        "independent_recorded": trace.independence.recorded,
        "independent_with_copies": trace.independence.with_copies,
        "circular": sorted(
            sorted(set(path))
            for path in (*trace.cycles, *trace.returns, *trace.returns_with_copies)
        ),
        "misquotes": sorted([hop.citing, hop.cited] for hop in trace.citations if hop.misquotes),
        "misattributed": sorted(
            [hop.citing, hop.cited] for hop in trace.citations if hop.misattributed
        ),
        "disputed_by": sorted(dispute.source for dispute in trace.disputes),
        "denied_by_subject": sorted(d.source for d in trace.disputes if d.by_subject),
        "disputed_by_origin": sorted(d.source for d in trace.disputes if d.by_origin_author),
        "retracted_or_corrected": sorted(item.id for item in trace.sources if item.retracted),
    }


def matches(copy: InferredCopy, later: str, earlier: str) -> bool:
    if (copy.later, copy.earlier) == (later, earlier):
        return True
    if not copy.direction_known and {copy.later, copy.earlier} == {later, earlier}:
        return True
    return copy.later == later and earlier in copy.alternatives


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda path: path.name)
def test_the_example_checks_without_errors_or_warnings(folder: Path) -> None:
    problems = check_paths([folder]).problems
    assert [str(p) for p in problems if p.severity is Severity.ERROR] == []
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize(
    ("folder", "claim_id"), [claim_param(folder, claim) for folder, claim in CLAIMS]
)
def test_the_trace_reaches_the_fact_checkers_conclusions(folder: Path, claim_id: str) -> None:
    want = expected(folder, claim_id)
    trace = traced(folder, claim_id)
    got = concluded(trace)
    for key, value in got.items():
        wanted = want[key]
        if key == "circular":
            wanted = sorted(sorted(set(path)) for path in wanted)
        elif isinstance(wanted, list):
            wanted = sorted(wanted)
        assert value == wanted, f"{key}: the trace concludes {value}, the casebook {wanted}"
    copies = [list(pair) for pair in want["inferred_copies"]]
    assert len(trace.inferred_copies) == len(copies), trace.inferred_copies
    for later, earlier in copies:
        assert any(matches(copy, later, earlier) for copy in trace.inferred_copies), (
            later,
            earlier,
        )


def test_the_casebook_covers_what_the_issue_asks_for() -> None:
    """A loop through a wiki, uncredited copying, one story printed by several outlets of
    one owner or wire, and a denial by the subject or a dispute by the origin's author."""
    traces = [traced(folder, claim) for folder, claim in CLAIMS]
    assert any(trace.returns_with_copies or trace.cycles for trace in traces)
    assert any(trace.inferred_copies for trace in traces)
    assert any(
        trace.independence is not None
        and trace.independence.recorded
        < len({item.outlet for item in trace.sources if item.carries})
        for trace in traces
    )
    assert any(dispute.by_subject for trace in traces for dispute in trace.disputes)
    assert any(dispute.by_origin_author for trace in traces for dispute in trace.disputes)
