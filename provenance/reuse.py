"""Copying that names no source: shared wording between sources of one claim.

Most real copying cites nothing: an article reproduces an earlier sentence word for word.
A careful fact-checker who sees two sources share a long run of words, or a sentence with
only a word or two changed, suspects that one took it from the other, even where neither
says so. `find_reuse` finds such pairs among the statements of one claim:

- a run of at least `MIN_SHARED_WORDS` words in common (found through an index of
  word shingles, so the work grows with the number of words, not with pairs of sources),
- or two wordings of at least `MIN_WORDS` words that are at least `NEAR_IDENTICAL` alike
  as wholes (compared pairwise while a claim has at most `MAX_PAIRWISE` statements).

Whether a pair is a copy, and in which direction, is the trace's to judge: it knows the
dates, the voices and the recorded citations. This module only says which wordings are
shared, and how much.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel
from rapidfuzz.process import extract

from provenance.wording import comparable, words

MIN_SHARED_WORDS = 8
"""A run of this many words in common is rarely chance (a news sentence averages about 20
words; two reporters of one fact seldom share eight in a row)."""
MIN_WORDS = 6
"""Wordings shorter than this are not compared as wholes: short phrases recur by chance."""
NEAR_IDENTICAL = 0.9
"""Two wordings this alike as wholes are one wording with a word or two changed."""
MAX_PAIRWISE = 1000
"""Above this many statements of one claim, only shared runs are looked for."""
MAX_HOLDERS = 40
"""A run shared by more wordings than this (one passage everybody quotes) pairs each of
them with the first only, so that the pairs stay linear in the number of wordings."""


@dataclass(frozen=True)
class Wording:
    """One statement's words, and whose they are."""

    source: str
    text: str
    index: int = 0
    """Which of the source's statements of the claim (0 for the first)."""


@dataclass(frozen=True)
class SharedWording:
    """Two wordings that share words: the evidence for an inferred copy."""

    first: Wording
    second: Wording
    passage: str
    """The longest run of words they share, as `first` writes it."""
    shared_words: int
    similarity: float
    """How alike the two wordings are as wholes, 0 to 1."""


def find_reuse(wordings: Sequence[Wording]) -> list[SharedWording]:
    """Every pair of wordings from different sources that share a long run of words or
    are near-identical, strongest evidence first."""
    folded = [_compared_words(wording.text) for wording in wordings]
    found: dict[tuple[int, int], SharedWording] = {}
    for first, second in sorted(_shingle_pairs(wordings, folded) | _near_pairs(folded)):
        if wordings[first].source == wordings[second].source:
            continue
        shared = _shared(wordings[first], wordings[second], folded[first], folded[second])
        if shared is not None:
            found[first, second] = shared
    return sorted(
        found.values(),
        key=lambda item: (
            -item.shared_words,
            -item.similarity,
            item.first.source,
            item.second.source,
        ),
    )


class _Words(list[str]):
    """A wording's words as compared, remembering where each stands among the words as
    written (words that are only punctuation are not compared)."""

    positions: list[int]


def _compared_words(text: str) -> _Words:
    compared = _Words()
    compared.positions = []
    for position, word in enumerate(words(text)):
        if folded := comparable(word):
            compared.append(folded)
            compared.positions.append(position)
    return compared


def _shingle_pairs(
    wordings: Sequence[Wording], folded: Sequence[list[str]]
) -> set[tuple[int, int]]:
    """Pairs of wordings that share at least one run of MIN_SHARED_WORDS words."""
    holders: defaultdict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, words_of in enumerate(folded):
        runs = zip(*(words_of[offset:] for offset in range(MIN_SHARED_WORDS)), strict=False)
        for run in runs:
            holders[run].add(index)
    pairs: set[tuple[int, int]] = set()
    for indexes in holders.values():
        if len(indexes) < 2:
            continue
        ordered = sorted(indexes)
        if len({wordings[index].source for index in ordered}) < 2:
            continue
        if len(ordered) > MAX_HOLDERS:
            pairs.update((ordered[0], other) for other in ordered[1:])
            continue
        pairs.update(
            (first, second)
            for position, first in enumerate(ordered)
            for second in ordered[position + 1 :]
        )
    return pairs


def _near_pairs(folded: Sequence[list[str]]) -> set[tuple[int, int]]:
    """Pairs of wordings of MIN_WORDS words or more that are NEAR_IDENTICAL as wholes."""
    long_enough = [index for index, words_of in enumerate(folded) if len(words_of) >= MIN_WORDS]
    if len(long_enough) < 2 or len(long_enough) > MAX_PAIRWISE:
        return set()
    texts = [folded[index] for index in long_enough]
    pairs: set[tuple[int, int]] = set()
    for row, text in enumerate(texts[:-1]):
        # Each row against the rows after it, the loop run by rapidfuzz in C++.
        matches = extract(
            text,
            texts[row + 1 :],
            scorer=Indel.normalized_similarity,
            score_cutoff=NEAR_IDENTICAL,
            limit=None,
        )
        pairs.update((long_enough[row], long_enough[row + 1 + column]) for _, _, column in matches)
    return pairs


def _shared(
    first: Wording, second: Wording, first_words: _Words, second_words: _Words
) -> SharedWording | None:
    matcher = SequenceMatcher(a=first_words, b=second_words, autojunk=False)
    match = matcher.find_longest_match(0, len(first_words), 0, len(second_words))
    alike = round(Indel.normalized_similarity(first_words, second_words), 3)
    near = min(len(first_words), len(second_words)) >= MIN_WORDS and alike >= NEAR_IDENTICAL
    if match.size < MIN_SHARED_WORDS and not near:
        return None
    if match.size == 0:
        return SharedWording(first, second, first.text, 0, alike)
    start, end = first_words.positions[match.a], first_words.positions[match.a + match.size - 1]
    passage = " ".join(words(first.text)[start : end + 1])
    return SharedWording(first, second, passage, match.size, alike)
