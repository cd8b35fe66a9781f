"""DOT syntax: strings quoted so that nothing in a case file can escape them, attribute
lists, node and edge lines, links, and the HTML-like labels the drawings use for their
nodes (bold names, banners, smaller detail lines).

Every string from a case file goes through `quote` (a DOT string) or `html_text` (text
inside an HTML-like label); nothing else reaches the DOT text unescaped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote as percent_encode

from provenance.model import Source
from provenance.render.common import safe_url
from provenance.text import clean_text

FONT = "Helvetica,Arial,sans-serif"

STRING_LIMIT = 16_000
"""Bytes a quoted DOT string may hold. Graphviz's scanner refuses a quoted string of
about 16,384 bytes (measured with 2.43: 16,381 ASCII bytes pass, 3,277 '&amp;' do
not), and the whole build would fail; anything longer is shortened to fit."""

_ESCAPES = {"\\": "\\\\", '"': '\\"', "&": "&amp;", "\n": "\\n"}


def quote(text: str) -> str:
    """A DOT double-quoted string that shows `text` literally.

    Backslashes are doubled so that Graphviz's own escapes (\\N, \\G, \\l) cannot be
    triggered from a case file, quotes are escaped, line ends become DOT line breaks,
    characters the SVG could not carry are dropped (`clean_text`), and '&' is written
    as an entity because Graphviz passes entity-like text through to SVG unchanged.
    Text that would not fit in STRING_LIMIT bytes once escaped is cut, with an ellipsis.
    """
    text = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    escaped = _escape(text)
    if len(escaped.encode()) > STRING_LIMIT:
        escaped = _escape(_fitted(text)) + "…"
    return f'"{escaped}"'


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("&", "&amp;").replace("\n", "\\n")


def _fitted(text: str) -> str:
    """The longest start of `text` that fits in STRING_LIMIT, escaped, with room for an
    ellipsis after it."""
    room = STRING_LIMIT - len("…".encode())
    for index, character in enumerate(text):
        room -= len(_ESCAPES.get(character, character).encode())
        if room < 0:
            return text[:index]
    return text


class HtmlLabel(str):
    """An HTML-like Graphviz label (`label=<...>`), made only by `html_label` and the
    key from our own markup and `html_text`, never from a case file's text as it is."""


def attributes(values: dict[str, str | float | None]) -> str:
    """`[key="value", ...]` with every value quoted (an HtmlLabel between angle brackets);
    None values are left out."""
    parts = [
        f"{key}=<{value}>" if isinstance(value, HtmlLabel) else f"{key}={quote(str(value))}"
        for key, value in values.items()
        if value is not None
    ]
    return f"[{', '.join(parts)}]"


def node_line(node_id: str, **values: str | float | None) -> str:
    return f"  {quote(node_id)} {attributes(values)};"


def edge_line(tail: str, head: str, **values: str | float | None) -> str:
    return f"  {quote(tail)} -> {quote(head)} {attributes(values)};"


def graph_attributes(title: str, large: bool) -> dict[str, str | float | None]:
    common: dict[str, str | float | None] = {
        "label": title,
        "labelloc": "t",
        "fontname": FONT,
        "fontsize": 13,
        "tooltip": title,
        "bgcolor": "white",
        "pad": 0.3,
    }
    if large:
        return {**common, "overlap": "scale", "splines": "false", "outputorder": "edgesfirst"}
    return {**common, "rankdir": "LR", "newrank": "true", "nodesep": 0.3, "ranksep": 0.55}


# --- text in HTML-like labels ----------------------------------------------------------


def html_text(text: str) -> str:
    """`text` for an HTML-like label: on one line, without what XML cannot carry, and
    with '&', '<', '>' and '"' as entities, so it shows literally and cannot end the
    label or open an element."""
    text = " ".join(clean_text(text).split())
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


WRAP = 24
"""Characters per line of a node's name: long names wrap instead of being cut."""
WRAP_LINES = 6
"""Lines a name may take; only a name longer than that (a title pasted whole) is cut."""


def wrapped(text: str, width: int = WRAP, lines: int = WRAP_LINES) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words where it can;
    beyond `lines` lines the last one ends in an ellipsis."""
    parts = textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False) or [""]
    if len(parts) > lines:
        rest = textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")
        parts = [*parts[: lines - 1], rest if rest.endswith("…") else rest[: width - 1] + "…"]
    return parts


@dataclass(frozen=True)
class Banner:
    """A strip across the top of a node that says what it is: ORIGIN, PRIMARY SOURCE."""

    text: str
    colour: str


def html_label(
    name: str, details: Sequence[str] = (), banners: Sequence[Banner] = (), *, muted: bool = False
) -> HtmlLabel:
    """A node's label: banners, its name in bold (wrapped), and smaller detail lines."""
    rows = [f"<TR><TD>{_banner_row(banners)}</TD></TR>"] if banners else []
    colour = "#555555" if muted else "#111111"
    rows.append(f'<TR><TD><FONT COLOR="{colour}"><B>{_lines(name)}</B></FONT></TD></TR>')
    rows += [
        f'<TR><TD><FONT POINT-SIZE="10" COLOR="#333333">{_lines(line, 30, 3)}</FONT></TD></TR>'
        for line in details
        if html_text(line)
    ]
    return HtmlLabel(f"{_TABLE}{''.join(rows)}</TABLE>")


_TABLE = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'


def _lines(text: str, width: int = WRAP, lines: int = WRAP_LINES) -> str:
    """Wrapped text for a label; Graphviz refuses an empty <B> or <FONT>, so text with
    nothing left to show is a no-break space."""
    shown = [html_text(line) for line in wrapped(clean_text(text), width, lines)]
    return "<BR/>".join(line for line in shown if line) or "&#160;"


def _banner_row(banners: Sequence[Banner]) -> str:
    cells = "".join(
        f'<TD BGCOLOR="{banner.colour}"><FONT COLOR="#ffffff" POINT-SIZE="9"><B> '
        f"{html_text(banner.text)} </B></FONT></TD>"
        for banner in banners
    )
    return f"{_TABLE}<TR>{cells}</TR></TABLE>"


# --- links -----------------------------------------------------------------------------

# What an address may hold as it is: RFC 3986's reserved characters and '%'. Letters,
# digits and '-._~' are never encoded.
_URL_SYNTAX = ":/?#[]@!$&()*+,;=%"


def safe_link(source: Source) -> str | None:
    """The link a node opens: the archived copy where given; only http(s) addresses.

    Everything else in the address is percent-encoded (a quote, '<', a space, a control
    character, non-ASCII letters): Graphviz copies a URL into the SVG's href escaping
    only '&', so a '"' in a case file would end the attribute and start markup.
    """
    link = safe_url(source.archived_url) or safe_url(source.url)
    if link is None:
        return None
    encoded = percent_encode(link, safe=_URL_SYNTAX)
    # A cut address would lead somewhere else: one too long for Graphviz is no link.
    return encoded if len(_escape(encoded)) <= STRING_LIMIT else None
