"""Drawings placed in a page. Pages are made before their drawings (often in another
process), so each drawing's place is held by a slot that the build fills with the SVG,
made ready to sit inside the page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup

from provenance.render.stack import unstack_drawing

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_ID = re.compile(r'\bid="')


# Pages are made before their drawings are rendered (in parallel, often in another
# process), so each drawing's place is held by a comment that `fill_svg_slots` replaces:
# one for the drawing, one for its key. Its name is a path made of ids, which cannot
# contain "-->" or ":".
_SLOT = re.compile(rb"<!--provenance-(svg|key):([^:>]+):([^:>]*)-->")


def svg_slot(name: str, *, id_prefix: str = "") -> Markup:
    """Where the drawing `name` (e.g. claims/<id>.svg) goes in a page."""
    return Markup(f"<!--provenance-svg:{name}:{id_prefix}-->")


def key_slot(name: str, *, id_prefix: str = "") -> Markup:
    """Where the key of the drawing `name` goes in a page (nothing, if it has none)."""
    return Markup(f"<!--provenance-key:{name}:{id_prefix}-->")


def fill_svg_slots(page: bytes, drawings: Mapping[str, bytes]) -> bytes:
    """The page with each slot replaced by its drawing or key, inlined (or nothing if
    missing)."""

    def drawing(match: re.Match[bytes]) -> bytes:
        part, name, prefix = (group.decode() for group in match.groups())
        inline = inline_key if part == "key" else inline_svg
        return str(inline(drawings.get(name, b""), id_prefix=prefix)).encode()

    return _SLOT.sub(drawing, page)


def inline_svg(svg: bytes, *, id_prefix: str = "") -> Markup:
    """Graphviz's drawing ready to sit inside a page (its key left out: `inline_key`):
    the XML declaration, DOCTYPE and comments go, outbound links get rel="noopener
    noreferrer", and `id_prefix` keeps two drawings on one page from sharing ids.

    It is marked safe because Graphviz escapes every string it writes, and render/dot
    quotes every string it gives Graphviz; a test checks that markup in a case file
    arrives in the page as text.
    """
    return _inline(unstack_drawing(svg)[0], id_prefix)


def inline_key(svg: bytes, *, id_prefix: str = "") -> Markup:
    """The key of a drawing, ready to sit below its frame in a page (a part that folds
    away); nothing if it has none, as a large graph drawn without one."""
    key = _inline(unstack_drawing(svg)[1], id_prefix)
    if not key:
        return key
    return Markup('<details class="graph-key" open><summary>Key</summary>{}</details>').format(key)


def _inline(svg: bytes, id_prefix: str) -> Markup:
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start < 0:
        return Markup("")
    text = _COMMENT.sub("", text[start:])
    text = text.replace("<a xlink:href=", '<a rel="noopener noreferrer" xlink:href=')
    if id_prefix:
        text = _ID.sub(f'id="{id_prefix}', text)
    return Markup(text)
