"""How wording changes: certainty read from hedging words, and word-level diffs.

Fact-checkers watch claims harden as they are retold: "may be" becomes "likely", then
"clearly", then "definitely". When a statement's certainty is not annotated in its case
file, it is estimated here from the hedging and boosting words it uses, and marked as
estimated so that nobody mistakes the guess for a reading.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from provenance.model import Certainty, Stance, Statement

# Words that weaken or strengthen an assertion, by the certainty they signal. The lists
# follow the usual hedges and boosters of news writing; phrases are matched as whole
# words, case-insensitively.
HEDGES: dict[Certainty, tuple[str, ...]] = {
    Certainty.POSSIBLE: (
        "may",
        "might",
        "could",
        "perhaps",
        "possibly",
        "possible",
        "appear",
        "appears",
        "appeared",
        "seem",
        "seems",
        "seemingly",
        "reportedly",
        "allegedly",
        "alleged",
        "suggests",
        "suggest",
        "suspected",
        "suspicions",
        "unconfirmed",
        "apparently",
    ),
    Certainty.LIKELY: (
        "likely",
        "probably",
        "probable",
        "most likely",
        "strongly suggests",
    ),
    Certainty.CERTAIN: (
        "clearly",
        "definitely",
        "certainly",
        "undoubtedly",
        "obviously",
        "without doubt",
        "no doubt",
        "proven",
        "confirmed",
        "in fact",
        "beyond doubt",
        "surely",
    ),
}

_PATTERNS = {
    level: re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)
    for level, words in HEDGES.items()
}


@dataclass(frozen=True)
class CertaintyReading:
    """A statement's certainty, with the words it was read from."""

    level: Certainty
    estimated: bool
    """True when read from the wording rather than annotated in the case file."""
    cues: tuple[str, ...] = ()
    """The hedging or boosting words found, in the order they appear."""


def estimate_certainty(wording: str) -> CertaintyReading:
    """Certainty from hedging words; a bare assertion reads as certain.

    A hedge outweighs a booster in the same sentence ("may clearly be" is still a
    maybe), so the weakest level found wins.
    """
    found = {level: pattern.findall(wording) for level, pattern in _PATTERNS.items()}
    for level in (Certainty.POSSIBLE, Certainty.LIKELY, Certainty.CERTAIN):
        if found[level]:
            return CertaintyReading(level, True, tuple(word.lower() for word in found[level]))
    return CertaintyReading(Certainty.CERTAIN, True)


def statement_certainty(statement: Statement) -> CertaintyReading:
    """The annotated certainty, or an estimate; a disputing statement reads as disputed.

    The cue words are read from the wording either way, so a reader sees what the
    annotation rests on.
    """
    estimate = estimate_certainty(statement.wording)
    if statement.certainty is not None:
        return CertaintyReading(statement.certainty, False, estimate.cues)
    if statement.stance is Stance.DISPUTES:
        return CertaintyReading(Certainty.DISPUTED, True, estimate.cues)
    return estimate


class DiffOp(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class DiffPart:
    """A run of words that is kept, removed or added between two wordings."""

    op: DiffOp
    text: str


@dataclass(frozen=True)
class WordingDrift:
    """How one wording became another: a similarity from 0 to 1 and a word diff."""

    before: str
    after: str
    similarity: float
    parts: tuple[DiffPart, ...]

    def readable(self) -> str:
        """The diff in the style of `git diff --word-diff`: [-removed-] {+added+}."""
        marks = {DiffOp.EQUAL: "{}", DiffOp.DELETE: "[-{}-]", DiffOp.INSERT: "{{+{}+}}"}
        return " ".join(marks[part.op].format(part.text) for part in self.parts)


_WORD = re.compile(r"\S+")


def word_drift(before: str, after: str) -> WordingDrift:
    """Compare two wordings word by word (case and punctuation kept, spacing ignored)."""
    old, new = _WORD.findall(before), _WORD.findall(after)
    matcher = difflib.SequenceMatcher(
        a=[w.lower() for w in old], b=[w.lower() for w in new], autojunk=False
    )
    parts: list[DiffPart] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            parts.append(DiffPart(DiffOp.DELETE, " ".join(old[old_start:old_end])))
        if tag in ("insert", "replace"):
            parts.append(DiffPart(DiffOp.INSERT, " ".join(new[new_start:new_end])))
        if tag == "equal":
            parts.append(DiffPart(DiffOp.EQUAL, " ".join(old[old_start:old_end])))
    return WordingDrift(before, after, round(matcher.ratio(), 3), tuple(parts))
