"""What the renderers share: the ids that tie a drawing to its page, shortened text, and
the rule for which addresses may become links.

The DOT renderer names nodes and edges with these ids, and the HTML report and its
script find them by the same names; the terminal and the drawings shorten long wordings
the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def cites_edge_id(cited: str, citing: str) -> str:
    """The SVG id of an edge of the overview or the outlet graph, from the node cited to
    the node citing it; the report's filter by claim finds edges by it. (Ids hold no ':',
    so the pair reads back unambiguously.)"""
    return f"cites:{cited}:{citing}"


CHAIN_LIMIT = 12
"""Sources a chain is written out with at most; a longer one shows its two ends."""


def chain_text(chain: Sequence[str], limit: int = CHAIN_LIMIT) -> str:
    """'a → b → c', or for a chain longer than `limit` its ends around a count of the
    rest: a chain of 10,000 citations stays one short line."""
    if len(chain) <= limit:
        return " → ".join(chain)
    head, tail = chain[: limit // 2], chain[-(limit // 2 - 1) :]
    hidden = len(chain) - len(head) - len(tail)
    return " → ".join([*head, f"… {hidden:,} more …", *tail])
