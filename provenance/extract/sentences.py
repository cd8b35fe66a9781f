"""Splitting an article's text into sentences: the unit every candidate citation keeps.

A break after . ! or ? (and any closing quote) before a capital, a digit or an opening
quote, but not after a common abbreviation or an initial; runaway "sentences" (lists,
tables without punctuation) are cut to a readable size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "st",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "al",
        "approx",
        "dept",
        "est",
        "ft",
        "mt",
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*")  # noqa: RUF001 - typographic marks meant
_MAX_SENTENCE = 1500


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of `text[start:end]`: a break after . ! or ? (and any closing
    quote) before a capital, a digit or an opening quote, but not after an abbreviation
    or an initial."""
    end = len(text) if end is None else end
    spans, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        following = text[match.end() : end]
        rest = following.lstrip()
        if not rest or rest is following or not _opens_sentence(rest[0]):
            continue
        if _after_abbreviation(text[begin : match.start()], match.group()):
            continue
        spans.append((begin, match.end()))
        begin = match.end() + len(following) - len(rest)
    spans.append((begin, end))
    return [piece for span in spans if span[1] > span[0] for piece in capped(span)]


def _opens_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "\"“‘'([#@¿¡"  # noqa: RUF001 - typographic marks meant


def _after_abbreviation(before: str, terminator: str) -> bool:
    if not terminator.startswith(".") or len(terminator.rstrip("\"”’')]")) > 1:  # noqa: RUF001 - typographic marks meant
        return False
    word = before.rsplit(None, 1)[-1] if before.split() else ""
    return word.lower().lstrip('("“') in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def capped(span: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """Runaway "sentences" (lists, tables without punctuation) cut to a readable size."""
    start, end = span
    while end - start > _MAX_SENTENCE:
        yield start, start + _MAX_SENTENCE
        start += _MAX_SENTENCE
    yield start, end
