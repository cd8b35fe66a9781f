"""A drawing and its key in one SVG file, and taken apart again for a page.

A claim graph's DOT text holds two graphs, the drawing and its key (render/dot/key.py),
and Graphviz writes one SVG document for each, one after the other. `stack_drawings`
(render/svg.py) makes them one SVG, the key below the drawing, so that the file opens
on its own with its key; `unstack_drawing` (the report) takes the two apart again, so
that a page shows the key beside the graph rather than inside it.
"""

from __future__ import annotations

import re

STACK_CLASS = "provenance-stack"
KEY_ID_PREFIX = "key-"
"""What the ids of a key's drawing start with once stacked (Graphviz numbers the nodes
of every graph from 1, so the key's would repeat the drawing's)."""
PX_PER_PT = 4 / 3

_DOCUMENT = re.compile(rb"<svg\b.*?</svg>", re.DOTALL)
_SIZE = re.compile(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')
_ID = re.compile(rb'\bid="')
_OFFSET = re.compile(rb'^<svg y="[0-9.]+" ')


def stack_drawings(svg: bytes) -> bytes:
    """Graphviz's SVG of a drawing and its key (two documents) as one SVG: the drawing,
    with its key below. Each stays a nested <svg> as Graphviz wrote it; the outer one
    measures in pixels so that the inner ones keep their sizes in points. Anything but
    two documents is returned unchanged."""
    documents = _DOCUMENT.findall(svg)
    sizes = [_SIZE.match(document) for document in documents]
    if len(documents) != 2 or sizes[0] is None or sizes[1] is None:
        return svg
    width, height = float(sizes[0].group(1)), float(sizes[0].group(2))
    key_width, key_height = float(sizes[1].group(1)), float(sizes[1].group(2))
    key = _ID.sub(b'id="' + KEY_ID_PREFIX.encode(), documents[1])
    key = key.replace(b"<svg ", f'<svg y="{height * PX_PER_PT:.2f}" '.encode(), 1)
    total_width, total_height = max(width, key_width), height + key_height
    head = (
        f'<svg class="{STACK_CLASS}" width="{total_width:.0f}pt" height="{total_height:.0f}pt" '
        f'viewBox="0 0 {total_width * PX_PER_PT:.2f} {total_height * PX_PER_PT:.2f}" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
    )
    return b"".join(
        [
            b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
            head.encode(),
            documents[0],
            b"\n",
            key,
            b"\n</svg>\n",
        ]
    )


def unstack_drawing(svg: bytes) -> tuple[bytes, bytes]:
    """A stacked SVG's drawing and key, each a document of its own again; any other SVG
    is the drawing, with no key."""
    start = svg.find(b"<svg")
    if start < 0 or not svg.startswith(f'<svg class="{STACK_CLASS}"'.encode(), start):
        return svg, b""
    inner = svg[svg.index(b">", start) + 1 :]
    documents = _DOCUMENT.findall(inner)
    if len(documents) != 2:
        return svg, b""
    return documents[0], _OFFSET.sub(b"<svg ", documents[1])
