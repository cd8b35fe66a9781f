"""Measure `provenance extract` on the five seed texts against the hand-made #WalkAway case.

claims/walkaway/ was recorded by hand from the seed texts (seeds 000 to 004), one source
file per seed. For each seed this script drafts that source with `extract` as if it were
not recorded yet (it is left out of matching, so the draft can neither match itself nor
use its own recorded words) and compares the draft's proposed citations with the
citations the hand-made file records:

  recorded     citations in the hand-made file (entries under `citations:`)
  found        recorded citations whose cited source is the id of at least one proposed
               citation ("a candidate matched to the same cited source id")
  + passage    of those, the ones where such a proposed citation also points at the same
               passage: its wording or one of its sentences and the recorded wording
               overlap (rapidfuzz partial_ratio >= 80 on normalised text)
  proposed     proposed citations in the draft
  noise        proposed citations whose id is none of the recorded cited ids, including
               those the draft leaves as TODO

Two tables: with every matcher, and without matching quotations against the wordings
the case records for other sources. The second shows how much of the first rests on
the case having been recorded from these very texts.

Usage:  python benchmarks/extract_seeds.py [--seeds DIR] [--case DIR] [--min-confidence X]
The seeds default to ../shared/seeds beside the repository.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from provenance.extract import Draft, extract_source
from provenance.extract.similarity import normalise
from provenance.load import load_case
from provenance.model import Citation

REPOSITORY = Path(__file__).resolve().parent.parent
SEED_SOURCES = {
    "000": "liberty-nation-charles",
    "001": "progressive-outlets-claim",
    "002": "astroturf-made-in-russia",
    "003": "digby-bots-back",
    "004": "levesque-russian-ops",
}
PASSAGE_CUTOFF = 80


@dataclass(frozen=True)
class Score:
    """One seed's draft against its hand-made source file."""

    seed: str
    source: str
    recorded: int
    found: int
    found_passage: int
    proposed: int
    noise: int


def score_seed(seed: Path, source_id: str, case: Path, *, wordings: bool, floor: float) -> Score:
    recorded = _recorded_citations(case, source_id)
    draft = extract_source(
        seed, case, exclude={source_id}, match_wordings=wordings, min_confidence=floor
    )
    cited = {citation.cites for citation in recorded}
    proposed = [c for c in draft.citations if c.match.source]
    found = [c for c in recorded if any(p.match.source == c.cites for p in proposed)]
    return Score(
        seed=seed.name[:3],
        source=source_id,
        recorded=len(recorded),
        found=len(found),
        found_passage=sum(1 for c in found if _same_passage(c, draft)),
        proposed=len(draft.citations),
        noise=sum(1 for c in draft.citations if c.match.source not in cited),
    )


def _recorded_citations(case: Path, source_id: str) -> tuple[Citation, ...]:
    loaded = load_case(case)
    source = next(s for s in loaded.sources if s.id == source_id)
    return source.citations


def _same_passage(recorded: Citation, draft: Draft) -> bool:
    if recorded.wording is None:
        return True
    wanted = normalise(recorded.wording)
    for proposed in draft.citations:
        if proposed.match.source != recorded.cites:
            continue
        texts = [proposed.wording, *(candidate.sentence for candidate in proposed.evidence)]
        if any(fuzz.partial_ratio(wanted, normalise(text)) >= PASSAGE_CUTOFF for text in texts):
            return True
    return False


def table(scores: Sequence[Score]) -> str:
    lines = [
        "| seed | hand-made source | recorded | found | + passage | proposed | noise |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.seed} | `{s.source}` | {s.recorded} | {s.found} | {s.found_passage} "
            f"| {s.proposed} | {s.noise} |"
        )
    total = Score("all", "", *(sum(getattr(s, name) for s in scores) for name in _COUNTS))
    lines.append(
        f"| **all** | | {total.recorded} | {total.found} | {total.found_passage} "
        f"| {total.proposed} | {total.noise} |"
    )
    recall = total.found / total.recorded if total.recorded else 0.0
    precision = 1 - total.noise / total.proposed if total.proposed else 0.0
    lines.append("")
    lines.append(
        f"Found {recall:.0%} of the recorded citations by id; "
        f"{precision:.0%} of the proposed citations are not noise."
    )
    return "\n".join(lines)


_COUNTS = ("recorded", "found", "found_passage", "proposed", "noise")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=REPOSITORY.parent / "shared" / "seeds")
    parser.add_argument("--case", type=Path, default=REPOSITORY / "claims" / "walkaway")
    parser.add_argument("--min-confidence", type=float, default=0.0)
    args = parser.parse_args(argv)
    seeds = {path.name[:3]: path for path in sorted(args.seeds.glob("*.txt"))}
    missing = sorted(set(SEED_SOURCES) - set(seeds))
    if missing:
        print(f"no seed text for {', '.join(missing)} in {args.seeds}", file=sys.stderr)
        return 2
    for title, wordings in (("Every matcher", True), ("Without recorded wordings", False)):
        scores = [
            score_seed(seeds[seed], source, args.case, wordings=wordings, floor=args.min_confidence)
            for seed, source in SEED_SOURCES.items()
        ]
        print(f"### {title} (min confidence {args.min_confidence})\n")
        print(table(scores))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
