"""Splitting an article's text into sentences: the unit every candidate citation keeps.

The splitting is sentencex's (Wikimedia's rule-based segmenter): abbreviations, initials,
numbers and addresses do not end a sentence, and a quotation of several sentences stays
in the sentence that quotes it. It was chosen over the splitter this module used to hold
by measurement on the seed texts and the test articles (docs/extract.md, "Sentences").

This module keeps what extract needs around it: spans of the article's text rather than
strings, with the spaces between sentences left out; a bound on the work (sentencex
takes time quadratic in the quotation marks a paragraph leaves open, so a long block is
read in windows); text no encoder can take (a lone surrogate) read as a replacement
character; and runaway "sentences" (lists, tables without punctuation) cut to a readable
size.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import sentencex

LANGUAGE = "en"
"""The rules sentencex applies; extract's other rules (attribution verbs, names) are
English too."""

MAX_SENTENCE = 1500
_WINDOW = 6000
"""Characters given to sentencex at once: a window holds many sentences (they are cut at
MAX_SENTENCE), and the time one takes stays small whatever is in it."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of `text[start:end]`, in order, without the spaces around them."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for raw in _windows(text, start, end):
        trimmed = _trimmed(text, *raw)
        if trimmed is not None:
            spans.extend(capped(trimmed))
    return spans


def _windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """sentencex's sentences of text[start:end], read a window at a time. The last
    sentence of a window may run on past it, so it is read again at the start of the
    next; a window with a single sentence is taken whole (it is cut to size anyway)."""
    position = start
    while position < end:
        window_end = min(end, position + _WINDOW)
        pieces = _segment(text, position, window_end)
        if window_end < end and len(pieces) > 1:
            pieces = pieces[:-1]
        yield from pieces
        position = pieces[-1][1]


def _segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] in contiguous pieces, one per sentence sentencex finds."""
    piece = _SURROGATE.sub("\ufffd", text[start:end])
    ends = {
        boundary["end_index"]
        for boundary in sentencex.get_sentence_boundaries(LANGUAGE, piece)
        if 0 < boundary["end_index"] < len(piece)
    }
    cuts = [start, *(start + at for at in sorted(ends)), end]
    return list(itertools.pairwise(cuts))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def capped(span: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """Runaway "sentences" (lists, tables without punctuation) cut to a readable size."""
    start, end = span
    while end - start > MAX_SENTENCE:
        yield start, start + MAX_SENTENCE
        start += MAX_SENTENCE
    yield start, end
