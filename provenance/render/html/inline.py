"""Drawings placed in a page. Pages are made before their drawings (often in another
process), so each drawing's place is held by a slot that the build fills with the SVG,
made ready to sit inside the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_ID = re.compile(r'\bid="')


# Pages are made before their drawings are rendered (in parallel, often in another
# process), so each drawing's place is held by a comment that `fill_svg_slots` replaces.
# Its name is a path made of ids, which cannot contain "-->" or ":".
_SLOT = re.compile(rb"<!--provenance-svg:([^:>]+):([^:>]*)-->")


def svg_slot(name: str, *, id_prefix: str = "") -> Markup:
    """Where the drawing `name` (e.g. claims/<id>.svg) goes in a page."""
    return Markup(f"<!--provenance-svg:{name}:{id_prefix}-->")


def fill_svg_slots(page: bytes, drawings: Mapping[str, bytes]) -> bytes:
    """The page with each slot replaced by its drawing, inlined (or nothing if missing)."""

    def drawing(match: re.Match[bytes]) -> bytes:
        name, prefix = match.group(1).decode(), match.group(2).decode()
        return str(inline_svg(drawings.get(name, b""), id_prefix=prefix)).encode()

    return _SLOT.sub(drawing, page)


def inline_svg(svg: bytes, *, id_prefix: str = "") -> Markup:
    """Graphviz's SVG ready to sit inside a page: the XML declaration, DOCTYPE and
    comments go, outbound links get rel="noopener noreferrer", and `id_prefix` keeps two
    drawings on one page from sharing ids.

    It is marked safe because Graphviz escapes every string it writes, and render/dot.py
    quotes every string it gives Graphviz; a test checks that markup in a case file
    arrives in the page as text.
    """
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start < 0:
        return Markup("")
    text = _COMMENT.sub("", text[start:])
    text = text.replace("<a xlink:href=", '<a rel="noopener noreferrer" xlink:href=')
    if id_prefix:
        text = _ID.sub(f'id="{id_prefix}', text)
    return Markup(text)
