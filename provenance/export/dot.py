"""DOT export: the renderers' own Graphviz text, for `dot` and other Graphviz tools.

No second DOT generator: the whole case is the overview drawing of render/dot.py and one
claim is its claim timeline, in the detail `provenance build` chooses for them
(render/layout.py), so the exported text is what the build renders to SVG. A graph the
build can draw only in part is exported whole.
"""

from __future__ import annotations

from provenance.export.scope import find_claim
from provenance.model import Case
from provenance.render.dot import claim_dot, overview_dot, overview_size
from provenance.render.layout import layout_for
from provenance.trace import trace_claim


def export_dot(case: Case, claim_id: str | None) -> bytes:
    """The case overview as DOT text, or one claim's timeline."""
    if claim_id is None:
        detailed = layout_for(*overview_size(case)).detailed
        return overview_dot(case, large=not detailed).encode("utf-8")
    trace = trace_claim(case, find_claim(case, claim_id).id)
    detailed = layout_for(len(trace.sources), len(trace.citations)).detailed
    return claim_dot(trace, large=not detailed).encode("utf-8")
