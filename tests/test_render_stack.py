"""A drawing and its key stacked in one SVG file, and taken apart again for a page."""

from __future__ import annotations

import re

from conftest import WALKAWAY, needs_graphviz
from invariants import assert_svg_well_formed

from provenance.load import load_case, to_case
from provenance.render.dot import claim_dot
from provenance.render.html import inline_svg
from provenance.render.html.inline import inline_key
from provenance.render.stack import KEY_ID_PREFIX, STACK_CLASS, stack_drawings, unstack_drawing
from provenance.render.svg import render_svg
from provenance.trace import trace_claim


def document(width: int, height: int, body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg>\n'
        f'<svg width="{width}pt" height="{height}pt" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">\n{body}\n</svg>\n'
    ).encode()


DRAWING = document(300, 200, '<g id="graph0" class="graph"><g id="node1" class="node"/></g>')
KEY = document(400, 50, '<g id="graph0" class="graph"><g id="node1" class="node"/></g>')


def test_a_drawing_and_its_key_become_one_svg_and_two_again() -> None:
    stacked = stack_drawings(DRAWING + KEY)
    assert_svg_well_formed(stacked)
    # As wide as the wider, as tall as both; measured in pixels, so that each keeps
    # its size in points, the key below the drawing.
    assert f'<svg class="{STACK_CLASS}" width="400pt" height="250pt"'.encode() in stacked
    assert b'viewBox="0 0 533.33 333.33"' in stacked
    assert b'<svg y="266.67" width="400pt"' in stacked
    # The key's ids no longer repeat the drawing's.
    ids = re.findall(rb'id="([^"]+)"', stacked)
    assert len(ids) == len(set(ids))
    drawing, key = unstack_drawing(stacked)
    assert drawing.startswith(b'<svg width="300pt"')
    assert b'id="node1"' in drawing
    assert key.startswith(b'<svg width="400pt"')
    assert b'id="key-node1"' in key


def test_anything_else_is_left_as_it_is() -> None:
    assert stack_drawings(DRAWING) == DRAWING
    assert stack_drawings(DRAWING + KEY + KEY) == DRAWING + KEY + KEY
    assert unstack_drawing(DRAWING) == (DRAWING, b"")
    assert inline_key(DRAWING) == ""


def test_a_page_shows_the_drawing_and_its_key_apart() -> None:
    stacked = stack_drawings(DRAWING + KEY)
    drawing, key = inline_svg(stacked), inline_key(stacked, id_prefix="x-")
    assert drawing.startswith('<svg width="300pt"')
    assert "key-" not in drawing
    assert key.startswith(
        '<details class="graph-key" open><summary>Key</summary><svg width="400pt"'
    )
    assert f'id="x-{KEY_ID_PREFIX}node1"' in key


@needs_graphviz
def test_graphviz_draws_a_claim_and_its_key_as_one_file() -> None:
    trace = trace_claim(to_case(load_case(WALKAWAY)), "bots-drive-walkaway")
    svg = render_svg(claim_dot(trace, key=True))
    root = assert_svg_well_formed(svg)
    assert root.get("class") == STACK_CLASS
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    drawing, key = (assert_svg_well_formed(part) for part in unstack_drawing(svg))
    assert "source-huffpost-papenfuss" in {element.get("id") for element in drawing.iter()}
    words = "".join(key.itertext())
    assert "each arrow runs from a source to the source that took the claim from it" in words
