"""The words that make a sentence cite someone: attribution verbs ("wrote", "reported"),
"according to", crediting phrases ("told Reuters", "data from"), citing words ("study",
"tweet"), and what the sentence calls the thing it cites ("a tweet" -> social-post).

Word lists and the patterns built from them, for the finder (`candidates`): which name
a sentence credits, by which rule and with which words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from provenance.extract.names import Name
from provenance.model import SourceKind

_VERBS = (
    r"said|says|told|tells|wrote|writes|reported|reports|noted|notes|tweeted|posted|"
    r"stated|states|claimed|claims|argued|argues|explained|explains|concluded|concludes|"
    r"acknowledged|acknowledges|observed|observes|found|finds|shows|showed|revealed|"
    r"reveals|concurs|concurred|responded|responds|warned|warns|suggested|suggests|"
    r"insisted|insists|announced|announces|confirmed|confirms|estimated|estimates|"
    r"alleged|alleges|put it|pointed out|points out|has (?:a|an) (?:new )?"
    r"(?:article|piece|report|story|study|post)|published|publishes"
)
_BETWEEN = (
    r"(?:\s*,[^,]{1,100},)?\s+"
    r"(?:(?:has|have|had|also|recently|previously|first|later|then|just|already|once)\s+){0,3}"
)
_AFTER_SUBJECT = re.compile(_BETWEEN + r"(?P<cue>" + _VERBS + r")\b")
PRONOUN_CUE = re.compile(r"\b(?:he|she|they)" + _BETWEEN + r"(?P<cue>" + _VERBS + r")\b", re.I)
_ACCORDING = re.compile(r"\b(?P<cue>according to)\s+(?:the\s+|a\s+|an\s+)?", re.I)
_CREDITING = re.compile(
    r"\b(?P<cue>told|tells|(?:writes|wrote|writing|reports|reported|reporting) (?:at|for|in)|"
    r"cites|cited|citing|quotes|quoted|quoting|via|data from|(?:report|study|analysis|"
    r"tracking|research|data) by|(?:reported|published) (?:by|in)|in an interview with|"
    r"speaking (?:to|with))\s+(?:the\s+|a\s+)?",
    re.I,
)
CITING_WORDS = re.compile(
    r"\b(?:according|article|report|reported|piece|study|data|tweet|tweeted|wrote|writes|"
    r"published|titled|headline|interview|analysis|column|blog|post|posted|says|said)\b",
    re.I,
)
_KIND_HINTS = (
    (re.compile(r"\b(?:tweet|tweeted|retweet\w*|twitter post)\b", re.I), SourceKind.SOCIAL_POST),
    (re.compile(r"\b(?:study|paper|researchers?)\b", re.I), SourceKind.STUDY),
    (re.compile(r"\b(?:dashboard|tracker|tracking)\b", re.I), SourceKind.DASHBOARD),
    (re.compile(r"\b(?:op-ed|column|opinion)\b", re.I), SourceKind.OPINION),
    (re.compile(r"\b(?:blog|blogger)\b", re.I), SourceKind.BLOG_POST),
    (re.compile(r"\b(?:press release)\b", re.I), SourceKind.PRESS_RELEASE),
    (re.compile(r"\b(?:broadcast|segment|aired|on air)\b", re.I), SourceKind.BROADCAST),
)


def kind_hint(sentence: str) -> SourceKind | None:
    """What the sentence says the cited thing is, when it says."""
    return next((kind for pattern, kind in _KIND_HINTS if pattern.search(sentence)), None)


@dataclass(frozen=True)
class Credit:
    """A name a sentence credits, by which rule and with which words."""

    name: Name
    cue: str
    reason: str


def find_credits(sentence: str, names: Sequence[Name]) -> list[Credit]:
    """The names of a sentence it credits: followed by an attribution verb ("X wrote"),
    or after "according to" or a crediting phrase ("told X", "data from X")."""
    by_start = {name.start: name for name in names}
    found = [
        Credit(name, match.group("cue"), "attribution")
        for name in names
        if (match := _AFTER_SUBJECT.match(sentence, name.end))
    ]
    for pattern, reason in ((_ACCORDING, "attribution"), (_CREDITING, "credited as a source")):
        for match in pattern.finditer(sentence):
            if match.end() in by_start:
                found.append(Credit(by_start[match.end()], match.group("cue").lower(), reason))
    return found
