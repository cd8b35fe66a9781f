"""Text from case files made safe for where it goes: a terminal, XML, an HTML page.

Case files come from many hands, and a pasted post or a scraped page can carry control
characters. JSON escapes them by itself; the other targets need help. XML 1.0 (SVG,
GraphML, GEXF, PROV-XML) cannot carry most of them at all, so a single one makes the
whole file unreadable; an HTML page should not hold them; and on a terminal an escape
character can recolour, retitle or rewrite the screen, and a right-to-left override
reverses the rest of the line. So text bound for XML or HTML loses them (`clean_text`),
and text bound for a terminal shows them as visible escapes such as `\\x1b`
(`printable`), which also keeps every problem on one line.
"""

from __future__ import annotations

import re

# Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
"""What XML 1.0 cannot carry or HTML calls a parse error: C0 controls but tab, newline
and carriage return; DEL and the C1 controls; lone surrogates; noncharacters."""

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What a terminal would act on rather than show (control characters; the bidirectional
embeddings, overrides and isolates that reorder the rest of the line), or cannot be
written out at all (lone surrogates)."""


def clean_text(text: str) -> str:
    """`text` without the characters XML cannot carry and HTML should not hold."""
    return _UNSAFE.sub("", text)


def printable(text: str) -> str:
    """`text` for a terminal: control characters (newlines too) as visible escapes."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plural(count: int, word: str) -> str:
    """ "1 source", "2 sources": a count with its noun (one whose plural adds an s)."""
    return f"{count} {word}{'' if count == 1 else 's'}"
