"""Ids: what makes one valid, why a given one is not, and which it probably meant.

Ids name claims, outlets and sources in references, and case folders, claims and
sources become file names in the report, so they keep to a safe alphabet (see
`model.ID_PATTERN`). A fact-checker who pastes a name from a web page brings in
capitals, spaces, curly dashes or a Cyrillic letter that looks Latin; the messages here
name the character at fault and the id it probably meant. The ids the report keeps for
its own files are listed here too, so that `check` refuses a case that no build could
write.
"""

from __future__ import annotations

import re
import unicodedata

from provenance.model import ID_MAX_LENGTH, ID_PATTERN

REPORT_FILE_NAMES = frozenset({"index.html"})
"""Names the report writes beside the case folders in the output folder (its front
page); a case folder of that name would collide with it. (Ids cannot start with '.',
so the report's `.provenance` state folder is safe already; claim pages live under
`<case>/claims/` with a suffix each, so no claim or source id can collide.)
tests/test_build.py keeps this in step with what a build writes."""


def is_valid_id(value: str) -> bool:
    return len(value) <= ID_MAX_LENGTH and re.fullmatch(ID_PATTERN, value) is not None


_ID_RULE = "use lowercase letters and digits joined by single '-', '_' or '.'"

# Letters of other scripts that look like ASCII ones, as pasted from a web page or typed
# on another keyboard layout; with NFKC (full-width forms, ligatures) and accents
# stripped, they let a message say which id was meant.
_LOOKALIKES = str.maketrans(
    {
        **dict.fromkeys("\u0430\u03b1", "a"),
        **dict.fromkeys("\u0435\u03b5", "e"),
        **dict.fromkeys("\u043e\u03bf\u03c3", "o"),
        **dict.fromkeys("\u0440\u03c1", "p"),
        **dict.fromkeys("\u0456\u03b9\u0131", "i"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u0441": "c",
        "\u0443": "y",
        "\u0445": "x",
        "\u0458": "j",
        "\u0455": "s",
        "\u04bb": "h",
        "\u0501": "d",
        "\u051b": "q",
        "\u051d": "w",
        "\u03bd": "v",
        "\u03ba": "k",
        "\u03c5": "u",
    }
)


def id_mistake(value: str) -> str:
    """Why `value` is not an id, naming the first character at fault (with its Unicode
    name, since a Cyrillic o (U+043E) looks just like a Latin one), then the rule, and the id it
    probably meant when one can be made from it."""
    reason = _id_reason(value)
    meant = _id_meant(value)
    suggestion = f" (did you mean '{meant}'?)" if meant and meant != value else ""
    return f"{reason}{suggestion}; {_ID_RULE}"


def _id_reason(value: str) -> str:
    if not value:
        return "it is empty"
    for character in value:
        if character in _ID_CHARACTERS:
            continue
        shown = _shown(character)
        if character.isascii() and character.isupper():
            return f"ids are lowercase, and it holds {shown}"
        if character in "/\\":
            return f"it holds {shown}, and an id becomes a file name in the report"
        lookalike = _ascii_lookalike(character)
        if lookalike != character and len(lookalike) == 1 and lookalike in _ID_CHARACTERS:
            return f"it holds {shown}, which looks like '{lookalike}' but is another character"
        return f"it holds {shown}, which an id may not"
    return "it must start and end with a letter or digit, with one '-', '_' or '.' at a time"


_ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _shown(character: str) -> str:
    """A character as a message shows it: 'S'; with its code and name where the eye
    cannot tell it from another (U+043E CYRILLIC SMALL LETTER O); only its code and name
    where it is invisible (U+0000)."""
    if character.isascii() and character.isprintable():
        return f"'{character}'"
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    described = f"{code} {name}" if name else code
    return f"'{character}' ({described})" if character.isprintable() else described


def _ascii_lookalike(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_LOOKALIKES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _id_meant(value: str) -> str | None:
    """The valid id `value` most likely means, or None."""
    text = _ascii_lookalike(value).lower()
    text = re.sub(r"[^a-z0-9._-]+", "-", text)
    text = re.sub(r"[._-]{2,}", lambda match: match.group(0)[0], text).strip("._-")
    return text if is_valid_id(text) else None
