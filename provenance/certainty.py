"""How sure a statement sounds: certainty estimated from hedges, boosters and negation.

Fact-checkers watch claims harden as they are retold ("may be" becomes "likely", then
"clearly", then "definitely") and soften too. When a statement's certainty is not
annotated in its case file, it is estimated here from the words it uses, and marked as
estimated, with the words it was read from, so that nobody mistakes the guess for a
reading. docs/analysis.md gives the rules and their sources.

The levels and the words that signal them:

- the likelihood terms of ICD 203 (US Intelligence Community Directive 203, "Analytic
  Standards", 2015) and Sherman Kent's "Words of Estimative Probability" (1964): remote,
  very unlikely and unlikely read as *unlikely*; an even chance as *possible*; likely,
  probable, very likely and almost certainly as *likely* (hedged, however slightly);
- the hedges and boosters of Ken Hyland's "Metadiscourse" (2005), the usual words of
  news writing: may, might, could, appears, reportedly... read as *possible*; clearly,
  definitely, undoubtedly, in fact... as *certain*;
- negation in the manner of NegEx (Chapman et al., 2001): a negation word shortly before
  a cue, in the same clause, or right after a modal ("may not", "probably not") turns
  the cue around: "not likely" is unlikely, "may not" is unlikely, "not clear" commits
  to nothing (*unknown*), "certainly not" disputes;
- phrases that deny evidence ("no evidence that", "little evidence") read as unlikely,
  phrases that call the claim false ("not true", "baseless", "debunked") as disputed,
  and phrases that decline to judge ("it is not clear whether", "could not verify") as
  unknown. A statement that is only a question is unknown too.

A bare assertion with no cue reads as certain: it is stated as fact. Where several cues
occur, the weakest ranked one wins ("may clearly be" is still a maybe); `unknown` wins
only when no ranked cue is present. A negation on its own ("this isn't being circulated
by voters") changes nothing: it negates something, not necessarily the claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from provenance.model import Certainty, Stance, Statement

# Each cue: the words, and the level they signal when nothing negates them.
CUES: dict[Certainty, tuple[str, ...]] = {
    Certainty.DISPUTED: (
        "not true",
        "untrue",
        "no truth",
        "baseless",
        "unfounded",
        "debunked",
        "fabricated",
        "impossible",
    ),
    Certainty.UNLIKELY: (
        "unlikely",
        "very unlikely",
        "highly unlikely",
        "improbable",
        "highly improbable",
        "almost no chance",
        "remote chance",
        "doubtful",
        "no evidence",
        "little evidence",
        "scant evidence",
        "no sign",
        "no indication",
    ),
    Certainty.POSSIBLE: (
        "may",
        "might",
        "could",
        "maybe",
        "perhaps",
        "possibly",
        "possible",
        "even chance",
        "roughly even chance",
        "appear",
        "appears",
        "appeared",
        "seem",
        "seems",
        "seemed",
        "seemingly",
        "apparently",
        "reportedly",
        "allegedly",
        "alleged",
        "suggest",
        "suggests",
        "suggested",
        "suspected",
        "suspicions",
        "unconfirmed",
        "if true",
        "if confirmed",
    ),
    Certainty.LIKELY: (
        "likely",
        "very likely",
        "highly likely",
        "most likely",
        "probably",
        "probable",
        "highly probable",
        "almost certainly",
        "almost certain",
        "nearly certain",
        "strongly suggests",
    ),
    Certainty.CERTAIN: (
        "clearly",
        "clear",
        "definitely",
        "certainly",
        "certain",
        "undoubtedly",
        "obviously",
        "without doubt",
        "no doubt",
        "beyond doubt",
        "proven",
        "confirmed",
        "in fact",
        "surely",
        "sure",
    ),
    Certainty.UNKNOWN: (
        "unclear",
        "unknown whether",
        "not known whether",
        "remains to be seen",
        "open question",
        "could not verify",
        "could not confirm",
        "could not independently verify",
        "could not independently confirm",
        "cannot verify",
        "cannot confirm",
        "unable to verify",
        "unable to confirm",
        "unverified",
    ),
}

NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "hardly", "cannot", "without"})
"""Words that negate a cue shortly after them (words ending in n't count as well)."""

NEGATION_WINDOW = 4
"""How many words before a cue a negation reaches (NegEx uses five; news sentences are
denser)."""

# What a negated cue reads as: "not likely" is unlikely, "not clear" commits to nothing.
NEGATED: dict[Certainty, Certainty] = {
    Certainty.CERTAIN: Certainty.UNKNOWN,
    Certainty.LIKELY: Certainty.UNLIKELY,
    Certainty.POSSIBLE: Certainty.UNLIKELY,
    Certainty.UNLIKELY: Certainty.POSSIBLE,
    Certainty.DISPUTED: Certainty.POSSIBLE,
    Certainty.UNKNOWN: Certainty.UNKNOWN,
}

# A booster followed by a negation ("certainly not", "clearly not") disputes; a modal or
# likelihood word followed by one ("may not", "probably not") leans against.
_NEGATED_AFTER: dict[Certainty, Certainty] = {
    Certainty.CERTAIN: Certainty.DISPUTED,
    Certainty.LIKELY: Certainty.UNLIKELY,
    Certainty.POSSIBLE: Certainty.UNLIKELY,
}


@dataclass(frozen=True)
class CertaintyReading:
    """A statement's certainty, with the words it was read from."""

    level: Certainty
    estimated: bool
    """True when read from the wording rather than annotated in the case file."""
    cues: tuple[str, ...] = ()
    """The words it was read from, in the order they appear ("not likely" when negated)."""


@dataclass(frozen=True)
class _Cue:
    text: str
    level: Certainty


_PHRASES = sorted(
    ((words, level) for level, phrases in CUES.items() for words in phrases),
    key=lambda item: -len(item[0]),
)
_LEVEL_OF = dict(_PHRASES)
# Longest phrases first, so "no evidence" is one cue rather than a negation and a word.
_CUE = re.compile(
    r"\b(" + "|".join(re.escape(words).replace(r"\ ", r"\s+") for words, _ in _PHRASES) + r")\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[\w'’]+|[.,;:!?()\"“”]")  # noqa: RUF001 - typographic marks meant
_CLAUSE_BREAKS = frozenset('.,;:!?()"“”') | {"but", "although", "though", "however", "while"}


def estimate_certainty(wording: str) -> CertaintyReading:
    """Certainty from the wording alone (see the module's docstring for the rules)."""
    cues = list(_cues(wording))
    ranked = [cue for cue in cues if cue.level.ranked]
    if ranked:
        level = min((cue.level for cue in ranked), key=lambda found: found.rank)
    elif cues or _only_questions(wording):
        level = Certainty.UNKNOWN
    else:
        level = Certainty.CERTAIN
    return CertaintyReading(level, True, tuple(cue.text for cue in cues))


def statement_certainty(statement: Statement) -> CertaintyReading:
    """The annotated certainty, or an estimate from the wording.

    A disputing statement reads as disputed and a neutral one (it reports the claim
    without taking it up) as unknown, whatever its words. The cue words are read either
    way, so a reader sees what an annotation rests on.
    """
    estimate = estimate_certainty(statement.wording)
    if statement.certainty is not None:
        return CertaintyReading(statement.certainty, False, estimate.cues)
    if statement.stance is Stance.DISPUTES:
        return CertaintyReading(Certainty.DISPUTED, True, estimate.cues)
    if statement.stance is Stance.NEUTRAL:
        return CertaintyReading(Certainty.UNKNOWN, True, estimate.cues)
    return estimate


def _cues(wording: str) -> Iterator[_Cue]:
    taken = 0  # where the last cue, with a negation it took after it, ended
    for match in _CUE.finditer(wording):
        if match.start() < taken or _is_month(wording, match):
            continue
        words = " ".join(match.group(1).lower().split())
        level = _LEVEL_OF[words]
        # The few words before the cue are all a negation can reach: look no further.
        window = wording[max(0, match.start() - 12 * NEGATION_WINDOW) : match.start()]
        before = _clause_words(window)[-NEGATION_WINDOW:]
        after = _TOKEN.search(wording, match.end())
        taken = match.end()
        if any(_negates(word) for word in before):
            yield _Cue(f"not {words}", NEGATED[level])
        elif after is not None and _negates(after.group(0).lower()) and level in _NEGATED_AFTER:
            taken = after.end()  # "probably not true" is one judgement, not two
            yield _Cue(f"{words} not", _NEGATED_AFTER[level])
        else:
            yield _Cue(words, level)


_MONTH_CONTEXT = re.compile(r"(?:\b(?:in|of|on|since|until|early|late|mid|by)\s+$)|(?:^\W*\d)")


def _is_month(wording: str, match: re.Match[str]) -> bool:
    """ "May" the month ("in May", "May 2018", "May 9"), not the modal."""
    if match.group(1) != "May":
        return False
    before, after = wording[max(0, match.start() - 8) : match.start()], wording[match.end() :]
    return bool(_MONTH_CONTEXT.search(before.lower()) or re.match(r"\W*\d", after))


def _clause_words(text: str) -> list[str]:
    """The words of the clause that `text` ends in (back to the last comma, full stop,
    "but"...): a negation does not reach across a clause."""
    words: list[str] = []
    for token in reversed(_TOKEN.findall(text.lower())):
        if token in _CLAUSE_BREAKS:
            break
        words.append(token)
    return words[::-1]


def _negates(word: str) -> bool:
    return word in NEGATIONS or word.endswith(("n't", "n’t"))  # noqa: RUF001 - the typographic apostrophe is meant


def _only_questions(wording: str) -> bool:
    sentences = [part.strip() for part in re.split(r"(?<=[.!?])\s+", wording.strip()) if part]
    return bool(sentences) and all(sentence.endswith("?") for sentence in sentences)
