"""Analysis results -> Graphviz DOT text.

Pure functions: a trace, a case or an outlet graph goes in, DOT text comes out, so the
drawings can be tested without Graphviz installed. The modules: `syntax` (quoting,
attribute lists, HTML-like labels, links), `styles` (shapes, colours and lines, as
tables), `claim` (a claim's timeline), `overview` (a case's overview and outlet graph)
and `key` (the key drawn beside each, with the drawing's own shapes and lines).
"""

from provenance.render.dot.claim import claim_dot
from provenance.render.dot.key import KEY_NAME
from provenance.render.dot.overview import (
    OUTLET_LIMIT,
    OVERVIEW_LIMIT,
    outlet_dot,
    outlet_nodes,
    outlet_size,
    overview_dot,
    overview_size,
    overview_sources,
)
from provenance.render.dot.syntax import (
    STRING_LIMIT,
    attributes,
    graph_attributes,
    quote,
    safe_link,
)

__all__ = [
    "KEY_NAME",
    "OUTLET_LIMIT",
    "OVERVIEW_LIMIT",
    "STRING_LIMIT",
    "attributes",
    "claim_dot",
    "graph_attributes",
    "outlet_dot",
    "outlet_nodes",
    "outlet_size",
    "overview_dot",
    "overview_size",
    "overview_sources",
    "quote",
    "safe_link",
]
