"""Which of the case's claims a passage carries, as a suggestion for the draft's comments:
the claim whose statement shares the most telling words with it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from provenance.extract.similarity import normalise
from provenance.model import Claim

_MIN_CLAIM_SCORE = 2.0


def _content_words(text: str) -> set[str]:
    """Words of four letters or more, cut to six letters (a crude stem: "bots" and
    "bot's", "ranked" and "ranking" meet)."""
    return {word[:6] for word in normalise(text).split() if len(word) > 3}


def closest_claim(text: str, claims: Sequence[Claim]) -> str | None:
    """The claim whose statement shares the most telling words with the text: words
    weighted by how few claims use them (inverse document frequency). None when nothing
    telling is shared."""
    words = {claim.id: _content_words(claim.statement) for claim in claims}
    frequency: dict[str, int] = {}
    for claim_words in words.values():
        for word in claim_words:
            frequency[word] = frequency.get(word, 0) + 1
    written = _content_words(text)
    scores = {
        claim_id: sum(math.log(1 + len(claims) / frequency[word]) for word in written & claim_words)
        for claim_id, claim_words in words.items()
    }
    best = max(scores, key=lambda claim_id: scores[claim_id], default=None)
    return best if best is not None and scores[best] >= _MIN_CLAIM_SCORE else None
