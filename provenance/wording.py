"""Comparing wordings: word diffs, similarity, the best-matching pair, quotation fidelity.

A retelling is compared with the words it retells, not with whatever its source said
first: of the cited source's statements and the citing source's words for the hop, the
pair that matches best is compared (`best_pair`), so a quotation of a second sentence is
held to that sentence. A quotation (words between quotation marks) is held to the cited
source's recorded wording word for word (`check_quotation`): found as written, found with
words changed (a misquote, with the diff), or not found, which proves nothing because a
case records passages, not whole articles.

Comparisons are made on words, with case, typographic quotes and the punctuation around
words ignored. Long wordings are cut to `MAX_WORDS` words before they are compared, so
the work stays linear in the size of a case file whatever it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

MAX_WORDS = 2000
"""Words of a wording compared at most (a case file quotes passages, not articles)."""


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

    @property
    def changed(self) -> bool:
        return any(part.op is not DiffOp.EQUAL for part in self.parts)


_WORD = re.compile(r"\S+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})  # noqa: RUF001 - typographic marks meant
_EDGE_PUNCTUATION = "\"'.,;:!?()[]{}…-–—"  # noqa: RUF001 - typographic marks meant


def words(text: str) -> list[str]:
    """The words of a wording as written (split at white space), at most MAX_WORDS."""
    return _WORD.findall(text)[:MAX_WORDS]


@lru_cache(maxsize=1 << 16)
def comparable(word: str) -> str:
    """A word as compared: lower case, straight quotes, no punctuation around it."""
    return word.translate(_QUOTES).lower().strip(_EDGE_PUNCTUATION)


@lru_cache(maxsize=1 << 12)
def normalised(text: str) -> tuple[str, ...]:
    """The words of a wording as compared; words that are only punctuation drop out.
    (Cached: a trace compares each wording with several others.)"""
    return tuple(folded for word in words(text) if (folded := comparable(word)))


def similarity(before: str, after: str) -> float:
    """How alike two wordings are, 0 to 1: the share of words they have in common, in
    order (the normalised Indel similarity of their word sequences)."""
    return round(Indel.normalized_similarity(normalised(before), normalised(after)), 3)


def word_drift(before: str, after: str) -> WordingDrift:
    """Compare two wordings word by word (words shown as written, compared as
    `comparable`). Linear-time bit-parallel alignment (rapidfuzz), so two long wordings
    of repeated words cost milliseconds, not minutes."""
    old, new = words(before), words(after)
    old_compared = [comparable(word) for word in old]
    new_compared = [comparable(word) for word in new]
    opcodes = Indel.opcodes(old_compared, new_compared)
    parts: list[DiffPart] = []
    for opcode in opcodes:
        if opcode.tag == "equal":
            parts.append(DiffPart(DiffOp.EQUAL, " ".join(old[opcode.src_start : opcode.src_end])))
        elif opcode.tag == "delete":
            parts.append(DiffPart(DiffOp.DELETE, " ".join(old[opcode.src_start : opcode.src_end])))
        else:
            parts.append(
                DiffPart(DiffOp.INSERT, " ".join(new[opcode.dest_start : opcode.dest_end]))
            )
    score = Indel.normalized_similarity(old_compared, new_compared)
    return WordingDrift(before, after, round(score, 3), _deletions_first(parts))


def _deletions_first(parts: Sequence[DiffPart]) -> tuple[DiffPart, ...]:
    """Within each run of changes, what was removed before what was added, and runs of
    one kind joined: "[-may be-] {+is clearly+}", as a reader expects."""
    ordered: list[DiffPart] = []
    pending: dict[DiffOp, list[str]] = {DiffOp.DELETE: [], DiffOp.INSERT: []}

    def flush() -> None:
        for op in (DiffOp.DELETE, DiffOp.INSERT):
            if pending[op]:
                ordered.append(DiffPart(op, " ".join(pending[op])))
                pending[op] = []

    for part in parts:
        if part.op is DiffOp.EQUAL:
            flush()
            ordered.append(part)
        else:
            pending[part.op].append(part.text)
    flush()
    return tuple(ordered)


def best_pair(befores: Iterable[str], afters: Iterable[str]) -> tuple[str, str] | None:
    """Of every pairing of a `before` wording with an `after` one, the most alike; ties
    go to the earliest listed. None when either side has no wording."""
    pairs = [(before, after) for before in befores for after in afters]
    if not pairs:
        return None
    return max(pairs, key=lambda pair: similarity(*pair))


# --- quotations -----------------------------------------------------------------------


class QuoteStatus(StrEnum):
    FAITHFUL = "faithful"
    """Found word for word in the cited source's recorded wording."""
    MISQUOTE = "misquote"
    """Found with words changed."""
    NOT_FOUND = "not-found"
    """Not in what the case records of the cited source: cannot be checked."""


@dataclass(frozen=True)
class QuoteCheck:
    """One quotation held to the words of the source it quotes."""

    quoted: str
    """The words between the quotation marks (one fragment, where an ellipsis or an
    editor's [bracket] splits a quotation)."""
    status: QuoteStatus
    original: str | None = None
    """The cited source's words it matches best (the passage, as recorded)."""
    similarity: float = 0.0
    diff: WordingDrift | None = None
    """From the original words to the quoted ones, for a misquote."""


MIN_QUOTED_WORDS = 3
"""Shorter quotations ("movement") are too short to tell a misquote from another word."""
MISQUOTE_SCORE = 80
"""A quotation whose best alignment in the cited words scores at least this (0-100, on
characters) but is not exact is a misquote; below it, it is not found."""

_QUOTATION = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|«([^«»]+)»")
_ELISION = re.compile(r"\.\.\.|…|\[[^\]]*\]")


def quoted_passages(text: str) -> list[str]:
    """The quoted fragments of a wording: text between quotation marks, split where an
    ellipsis or a bracketed insertion stands for words left out or added."""
    fragments = []
    for match in _QUOTATION.finditer(text):
        quoted = next(group for group in match.groups() if group is not None)
        for fragment in _ELISION.split(quoted):
            if len(normalised(fragment)) >= MIN_QUOTED_WORDS:
                fragments.append(fragment.strip())
    return fragments


def check_quotation(quoted: str, originals: Iterable[str]) -> QuoteCheck:
    """Hold one quotation to the recorded wordings of the source it quotes."""
    target = " ".join(normalised(quoted))
    best: tuple[float, str, str] | None = None
    for original in originals:
        match = _aligned(target, " ".join(normalised(original)))
        if match is not None and (best is None or match[0] > best[0]):
            best = (match[0], original, match[1])
    if best is None or best[0] < MISQUOTE_SCORE:
        return QuoteCheck(quoted, QuoteStatus.NOT_FOUND)
    score, original, span = best
    if span == target:
        return QuoteCheck(quoted, QuoteStatus.FAITHFUL, original, 1.0)
    drift = word_drift(span, quoted)
    if not drift.changed:
        return QuoteCheck(quoted, QuoteStatus.FAITHFUL, original, 1.0)
    return QuoteCheck(quoted, QuoteStatus.MISQUOTE, original, round(score / 100, 3), drift)


SHORTER_RECORD = 0.75
"""A recorded wording shorter than the quotation is compared whole while it is at least
this share of the quotation's length (the quotation may add or drop a few words); a
shorter record is an excerpt that cannot hold the quotation."""


def _aligned(target: str, text: str) -> tuple[float, str] | None:
    """How well the quotation matches the recorded words (0-100), and the words of the
    record it matches: the best-aligned stretch of a longer record, or a record of about
    the quotation's length as a whole."""
    if not text or not target:
        return None
    if len(text) >= len(target):
        alignment = fuzz.partial_ratio_alignment(target, text)
        if alignment is None:
            return None
        return alignment.score, _whole_words(text, alignment.dest_start, alignment.dest_end)
    if len(text) >= SHORTER_RECORD * len(target):
        return fuzz.ratio(target, text), text
    return None


def _whole_words(text: str, start: int, end: int) -> str:
    """The aligned span widened to whole words."""
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end].strip()
