"""What the renderers share: the ids that tie a drawing to its page, shortened text, and
the rule for which addresses may become links.

The DOT renderer names nodes and edges with these ids, and the HTML report and its
script find them by the same names; the terminal and the drawings shorten long wordings
the same way.
"""

from __future__ import annotations

from provenance.trace import TracedCitation


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut to at most `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """The address if it is a web (http or https) address, else None: nothing else may
    become a link, whatever a case file holds."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def svg_node_id(source_id: str) -> str:
    """The SVG id of a source's node; the HTML report finds nodes by it."""
    return f"source-{source_id}"


def svg_edge_id(hop: TracedCitation) -> str:
    """The SVG id of a citation's edge in a claim graph; the HTML report finds edges by it."""
    return f"citation-{hop.cited}-{hop.citing}-{hop.relation.value}"
