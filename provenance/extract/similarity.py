"""How alike two pieces of text or two names are, for matching an article to a case:
text reduced to what compares (case, accents, punctuation and a leading "the" gone), and
a written name held against a recorded one, a typo or a short first name allowed.
"""

from __future__ import annotations

import functools
import unicodedata

from rapidfuzz.distance import OSA


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Text for comparing: case-folded, accents and punctuation gone, single spaces, no
    leading "the"."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return " ".join(plain.split()).removeprefix("the ")


_ROLES = frozenset(
    [
        "journalist",
        "reporter",
        "author",
        "writer",
        "columnist",
        "editor",
        "president",
        "senator",
        "sen",
        "rep",
        "dr",
        "professor",
        "prof",
        "mr",
        "mrs",
        "ms",
        "analyst",
        "researcher",
        "blogger",
        "host",
        "anchor",
        "correspondent",
        "actor",
        "colleague",
    ]
)


def _person_words(name: str) -> list[str]:
    words = normalise(name).split()
    while len(words) > 1 and words[0] in _ROLES:
        words = words[1:]
    return words


def person_similarity(written: str, recorded: str) -> float:
    """How well a written name fits a recorded one: the surname within a typo, and the
    first name the same or with the same initial ("Dave" for "David"). A surname alone
    fits when it is close enough."""
    have, want = _person_words(written), _person_words(recorded)
    if not have or not want:
        return 0.0
    surname = OSA.normalized_similarity(have[-1], want[-1])
    if surname < 0.8:
        return 0.0
    if len(have) == 1 or len(want) == 1:
        return surname * 0.9 if surname >= 0.85 else 0.0
    first = 1.0 if have[0] == want[0] else 0.9 if have[0][0] == want[0][0] else 0.0
    return surname * first
