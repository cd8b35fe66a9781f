"""Finding names in a sentence: runs of capitalised words and @handles that may be an
outlet, a person or a title, and telling a person's name from an organisation's.

Rules, not a model: a name is a run of capitalised words (with "of", "for", "the" and
the like inside it), less the words that open sentences and the words the article also
writes in lower case. Whether a name is one the case knows is decided when candidates
are matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

WORD = re.compile(r"[@#]?\w+(?:[’'.&-]\w+)*")  # noqa: RUF001 - typographic marks meant
_CONNECTORS = frozenset({"of", "for", "the", "de", "del", "van", "von", "al", "&", "la", "le"})
_POSSESSIVE = re.compile(r"[’']s$")  # noqa: RUF001 - typographic marks meant


@dataclass(frozen=True)
class Name:
    """A run of capitalised words in a sentence: a possible outlet, person or title."""

    text: str
    start: int
    end: int


def find_names(sentence: str, common_words: frozenset[str] = frozenset()) -> list[Name]:
    """Capitalised runs ("Mary Papenfuss", "Alliance for Securing Democracy",
    "Hamilton 68"), without a leading word the article also writes in lower case (so
    "The" and "Bots" at the start of a sentence are not names), and @handles."""
    names: list[Name] = []
    run: list[re.Match[str]] = []
    words = list(WORD.finditer(sentence))
    opening = words[0].start() if words else 0
    for match in [*words, None]:
        if match is not None and _continues(sentence, run, match):
            run.append(match)
            continue
        leading = _LEADING_WORDS | (common_words if run and run[0].start() == opening else set())
        names.extend(_name_from_run(sentence, run, leading))
        run = []
        if match is not None and match.group().startswith("@"):
            names.append(Name(match.group(), match.start(), match.end()))
        elif match is not None and _capitalised(match.group()):
            run = [match]
    return names


def _capitalised(word: str) -> bool:
    return word[0].isupper() and word[0] not in "@#"


def _continues(sentence: str, run: list[re.Match[str]], match: re.Match[str]) -> bool:
    if not run or not sentence[run[-1].end() : match.start()].isspace():
        return False
    word = match.group()
    return _capitalised(word) or word.isdigit() or word in _CONNECTORS


def _name_from_run(
    sentence: str, run: list[re.Match[str]], leading: frozenset[str] | set[str]
) -> Iterator[Name]:
    """The name in a run of words, less connectors at its end and `leading` words at its
    start (words the article also writes in lower case, when the run opens a sentence)."""
    while run and (run[-1].group() in _CONNECTORS):
        run = run[:-1]
    while run and run[0].group().lower() in leading:
        run = run[1:]
    while run and not _capitalised(run[0].group()):
        run = run[1:]
    if run:
        start, end = run[0].start(), run[-1].end()
        text = _POSSESSIVE.sub("", sentence[start:end])
        yield Name(text, start, start + len(text))


# Words that open a sentence and are never names, whatever the article does with them.
_LEADING_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "but",
        "and",
        "so",
        "as",
        "if",
        "when",
        "while",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "according",
        "after",
        "before",
        "since",
        "for",
        "of",
        "to",
        "with",
        "from",
        "by",
        "despite",
        "however",
        "also",
        "then",
        "now",
        "here",
        "there",
        "what",
        "why",
        "how",
        "who",
        "where",
        "yet",
        "or",
        "nor",
    ]
)


_ORGANISATION_WORDS = frozenset(
    [
        "post",
        "times",
        "news",
        "journal",
        "daily",
        "dot",
        "herald",
        "tribune",
        "gazette",
        "guardian",
        "magazine",
        "review",
        "press",
        "media",
        "network",
        "party",
        "alliance",
        "university",
        "institute",
        "center",
        "centre",
        "foundation",
        "council",
        "committee",
        "agency",
        "department",
        "ministry",
        "association",
        "society",
        "group",
        "company",
        "inc",
        "corp",
        "wire",
        "monitor",
        "observer",
        "telegraph",
        "chronicle",
        "radio",
        "tv",
        "channel",
        "project",
        "lab",
        "office",
        "house",
        "senate",
        "congress",
        "court",
        "bureau",
        "service",
        "commission",
        "union",
        "organization",
        "organisation",
        "digital",
        "nation",
        "democrats",
        "republicans",
        "twitter",
        "facebook",
        "dashboard",
        "site",
        "report",
        "study",
    ]
)


def looks_like_person(name: str) -> bool:
    """Two to four capitalised words, none of them a word organisations use."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(
        word[0].isupper()
        and not any(char.isdigit() for char in word)
        and word.lower().strip(".") not in _ORGANISATION_WORDS
        for word in words
    )
