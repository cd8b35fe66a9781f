"""Compare sentence splitters on the texts extract reads: the project's test articles and
the five #WalkAway seed texts.

Every splitter reads the same blocks of text `read_article` makes of each article, and
is measured four ways:

  breaks        sentence breaks every splitter agrees on, and those it gets wrong of the
                breaks on which they disagree, judged by hand (JUDGED below);
  in quotes     breaks it makes between the sentences of one quotation (a convention,
                not an error: pysbd and sentencex keep a quotation whole);
  drafts        the seed benchmark's totals (benchmarks/extract_seeds.py: found, + passage,
                proposed, noise) with the splitter put in extract's place;
  speed         seconds to split 1 MB of these blocks (best of 3; the machine is shared).

The splitters: sentencex (what extract uses), the splitter extract used before it
(copied below), and pysbd, syntok, nupunkt and sentence-splitter where installed:

    pip install pysbd syntok nupunkt sentence-splitter
    python benchmarks/sentence_splitters.py [--seeds DIR] [--no-drafts]
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import extract_seeds

from provenance.extract import candidates, matcher, sentences
from provenance.extract.article import Article, BlockRole
from provenance.extract.read import read_article

REPOSITORY = Path(__file__).resolve().parent.parent
Spans = list[tuple[int, int]]
Splitter = Callable[[str, int, int], Spans]

# The breaks the splitters disagree on, judged by hand: (text before, text after) ->
# whether a sentence ends there. None: inside a quotation of several sentences.
JUDGED: dict[tuple[str, str], bool | None] = {
    ("was not consulted.", "@skeptic_sam said"): True,
    ("/08/bots/?", "utm_source=feed"): False,
    ("checked their first tweets.", "Two clearly"): None,
    ("predictive tweet: “Get ready.", "A year from"): None,
    ("aimed at the midterms.", "Pinning this.”"): None,
    ("Russian influence operations.", "#WalkAway has obvious"): True,
    ("in reply to Tom Servo.", "| July 10"): True,
    ("Boney M video. #WalkAway.", "#StayAway."): True,
    ("#WalkAway. #StayAway.", "#unPlanned."): True,
    ("foreign policy back …", "Obama should"): True,
    ("do the dems have?", "#WalkAway has to be"): True,
    ("in reply to Fen.", "| July 10"): True,
    ("physical intimidation, etc.", "I am very surprised"): True,
    ("gained momentum when Rep.", "Maxine Waters"): False,
    ("since Straka\u2019s video.", "Instead, the #WalkAway"): None,
    ("a Great Awakening of sorts.", "And the thing about"): None,
    ("explode late last month.", "To be clear:"): True,
    ("honesty is often low.", "Despite that"): True,
}


# --- the splitters -------------------------------------------------------------------------


def _by_finding(text: str, start: int, end: int, found: list[str]) -> Spans:
    """Spans of the sentences a splitter returns as strings, found in order."""
    spans, cursor = [], start
    for sentence in (s.strip() for s in found):
        at = text.find(sentence, cursor, end) if sentence else -1
        if at >= 0:
            spans.append((at, at + len(sentence)))
            cursor = at + len(sentence)
    return spans


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def splitters() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {
        "sentencex (extract)": lambda text, start, end: sentences.split_sentences(text, start, end),
        "hand-made (before)": hand_made,
    }
    if pysbd := _optional("pysbd"):
        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = lambda t, s, e: _by_finding(t, s, e, segmenter.segment(t[s:e]))
    if syntok := _optional("syntok.segmenter"):
        found["syntok"] = lambda t, s, e: [
            (s + sent[0].offset, s + sent[-1].offset + len(sent[-1].value))
            for paragraph in syntok.analyze(t[s:e])
            for sent in paragraph
        ]
    if nupunkt := _optional("nupunkt"):
        found["nupunkt"] = lambda t, s, e: [(s + a, s + b) for a, b in nupunkt.sent_spans(t[s:e])]
    if splitter := _optional("sentence_splitter"):
        moses = splitter.SentenceSplitter(language="en")
        found["sentence-splitter"] = lambda t, s, e: _by_finding(t, s, e, moses.split(t[s:e]))
    return found


# The splitter extract used before sentencex, as it was.
_ABBREVIATIONS = frozenset(
    re.split(
        r"\s+",
        "mr mrs ms dr prof sen rep gov gen lt col sgt st jr sr inc co corp ltd no vs etc e.g "
        "i.e u.s u.k u.n a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec fig al "
        "approx dept est ft mt",
    )
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*")  # noqa: RUF001 - typographic marks meant


def hand_made(text: str, start: int, end: int) -> Spans:
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
    return [span for span in spans if span[1] > span[0]]


def _opens_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "\"“‘'([#@¿¡"  # noqa: RUF001 - typographic marks meant


def _after_abbreviation(before: str, terminator: str) -> bool:
    if not terminator.startswith(".") or len(terminator.rstrip("\"”’')]")) > 1:  # noqa: RUF001 - typographic marks meant
        return False
    word = before.rsplit(None, 1)[-1] if before.split() else ""
    return word.lower().lstrip('("“') in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


# --- measuring -----------------------------------------------------------------------------


def articles(seeds: Path) -> list[Article]:
    sys.path.insert(0, str(REPOSITORY / "tests"))
    stories = importlib.import_module("articles")
    read = []
    with tempfile.TemporaryDirectory(prefix="splitters-") as folder:
        for name, text in (("story.txt", "TEXT"), ("story.md", "MARKDOWN"), ("story.html", "HTML")):
            path = Path(folder) / name
            path.write_text(getattr(stories, text), encoding="utf-8")
            read.append(read_article(path))
    return read + [read_article(path) for path in sorted(seeds.glob("*.txt"))]


def blocks(texts: list[Article]) -> Iterator[tuple[str, int, int]]:
    for article in texts:
        for block in article.blocks:
            if block.role is not BlockRole.META:
                yield article.text, block.start, block.end


def breaks(split: Splitter, text: str, start: int, end: int) -> set[int]:
    """Where sentences after the first start, past any spaces."""
    found = set()
    for begin, _ in split(text, start, end)[1:]:
        while begin < end and text[begin].isspace():
            begin += 1
        found.add(begin)
    return found


def judged_at(text: str, position: int) -> bool | str | None:
    before = " ".join(text[max(0, position - 60) : position].split())
    after = " ".join(text[position : position + 40].split())
    for (left, right), verdict in JUDGED.items():
        if before.endswith(left) and after.startswith(right):
            return verdict
    return "unjudged"


def score_breaks(all_splitters: dict[str, Splitter], texts: list[Article]) -> dict[str, str]:
    found = {name: set[tuple[int, int]]() for name in all_splitters}
    ids = {}
    for number, (text, start, end) in enumerate(blocks(texts)):
        ids[number] = text
        for name, split in all_splitters.items():
            found[name] |= {(number, at) for at in breaks(split, text, start, end)}
    every = set.intersection(*found.values())
    disputed = set.union(*found.values()) - every
    rows = {}
    for name, have in found.items():
        wrong = in_quotes = 0
        for number, at in disputed:
            verdict = judged_at(ids[number], at)
            if verdict == "unjudged":
                raise SystemExit(f"a break no one has judged: {ids[number][at - 60 : at + 40]!r}")
            if verdict is None:
                in_quotes += (number, at) in have
            elif verdict != ((number, at) in have):
                wrong += 1
        quoted = sum(1 for n, at in disputed if judged_at(ids[n], at) is None)
        judged = len(disputed) - quoted
        agreed = f"{len(every)} agreed; {wrong} of {judged} disputed wrong"
        rows[name] = f"{agreed} | {in_quotes} of {quoted}"
    return rows


def score_drafts(split: Splitter, seeds: Path) -> str:
    def swapped(text: str, start: int = 0, end: int | None = None) -> Spans:
        end = len(text) if end is None else end
        return [p for s in split(text, start, end) if s[1] > s[0] for p in sentences.capped(s)]

    totals = []
    with (
        mock.patch.object(candidates, "split_sentences", swapped),
        mock.patch.object(matcher, "split_sentences", swapped),
    ):
        for wordings in (True, False):
            total = [0, 0, 0, 0]
            for seed in sorted(seeds.glob("*.txt")):
                source = extract_seeds.SEED_SOURCES[seed.name[:3]]
                case = REPOSITORY / "claims" / "walkaway"
                s = extract_seeds.score_seed(seed, source, case, wordings=wordings, floor=0.0)
                for index, value in enumerate((s.found, s.found_passage, s.proposed, s.noise)):
                    total[index] += value
            totals.append("/".join(map(str, total)))
    return " | ".join(totals)


def score_speed(split: Splitter, texts: list[Article]) -> str:
    work = list(blocks(texts))
    size = sum(end - start for _, start, end in work)
    rounds = max(1, 1_000_000 // size)
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        for _ in range(rounds):
            for text, start, end in work:
                split(text, start, end)
        best = min(best, time.perf_counter() - began)
    return f"{best * 1_000_000 / (rounds * size):.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=REPOSITORY.parent / "shared" / "seeds")
    parser.add_argument("--no-drafts", action="store_true", help="leave out the seed drafts")
    args = parser.parse_args(argv)
    texts = articles(args.seeds)
    all_splitters = splitters()
    rows = score_breaks(all_splitters, texts)
    print("| splitter | breaks | in quotes | drafts: all matchers | without wordings | 1 MB |")
    print("|---|---|--:|--:|--:|--:|")
    for name, split in all_splitters.items():
        drafts = "- | -" if args.no_drafts else score_drafts(split, args.seeds)
        print(f"| {name} | {rows[name]} | {drafts} | {score_speed(split, texts)} |")
    print("\ndrafts: found / + passage / proposed / noise, totals of the five seeds")


if __name__ == "__main__":
    main()
