"""DOT export: the renderers' own Graphviz text, for `dot` and other Graphviz tools.

No second DOT generator: the whole case is the overview drawing of render/dot.py and one
claim is its claim timeline, sized as `provenance build` sizes them, so the exported text
is exactly what the build renders to SVG.
"""

from __future__ import annotations

from provenance.export.scope import find_claim
from provenance.model import Case
from provenance.render.dot import claim_dot, overview_dot
from provenance.render.svg import is_large
from provenance.trace import trace_claim


def export_dot(case: Case, claim_id: str | None) -> bytes:
    """The case overview as DOT text, or one claim's timeline."""
    if claim_id is None:
        size = len(case.sources) + len(case.claims)
        return overview_dot(case, large=is_large(size)).encode("utf-8")
    trace = trace_claim(case, find_claim(case, claim_id).id)
    return claim_dot(trace, large=is_large(len(trace.sources))).encode("utf-8")
