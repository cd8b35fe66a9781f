"""How the drawings look: shapes by kind of source, fills by stance, line styles by
relation, and the banners and borders that mark origins and primary sources. The claim
graphs, the overview and their keys all draw from these tables, so a key always shows
exactly what the drawing does.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.model import Relation, SourceKind, Stance
from provenance.render.dot.syntax import Banner

KIND_SHAPES: dict[SourceKind, str] = {
    SourceKind.ARTICLE: "box",
    SourceKind.OPINION: "parallelogram",
    SourceKind.BLOG_POST: "note",
    SourceKind.SOCIAL_POST: "ellipse",
    SourceKind.DATASET: "cylinder",
    SourceKind.DASHBOARD: "box3d",
    SourceKind.STUDY: "tab",
    SourceKind.BROADCAST: "hexagon",
    SourceKind.PRESS_RELEASE: "component",
    SourceKind.OFFICIAL_RECORD: "folder",
    SourceKind.OTHER: "octagon",
}

STANCE_COLOURS: dict[Stance | None, str] = {
    Stance.SUPPORTS: "#f4a582",
    Stance.DISPUTES: "#92c5de",
    Stance.NEUTRAL: "#e0e0e0",
    None: "#ffffff",  # cited for the claim but states nothing of its own
}
STANCE_NAMES: dict[Stance | None, str] = {
    Stance.SUPPORTS: "supports it",
    Stance.DISPUTES: "disputes it",
    Stance.NEUTRAL: "reports it, neutral",
    None: "cited, no words of its own",
}


@dataclass(frozen=True)
class EdgeStyle:
    style: str
    colour: str
    arrowhead: str = "normal"
    penwidth: float = 1.2


RELATION_STYLES: dict[Relation, EdgeStyle] = {
    Relation.QUOTES: EdgeStyle("solid", "#333333"),
    Relation.PARAPHRASES: EdgeStyle("dashed", "#333333"),
    Relation.LINKS: EdgeStyle("dotted", "#333333"),
    Relation.USES_DATA: EdgeStyle("solid", "#1b7837", penwidth=2.2),
    Relation.DISPUTES: EdgeStyle("solid", "#2166ac", arrowhead="tee"),
}
RELATION_NAMES: dict[Relation, str] = {
    Relation.QUOTES: "quotes",
    Relation.PARAPHRASES: "paraphrases",
    Relation.LINKS: "links",
    Relation.USES_DATA: "uses data from",
    Relation.DISPUTES: "disputes",
}
ESCALATION = EdgeStyle("solid", "#d7191c", penwidth=3)
"""A hop where the citing source sounds more certain than its source."""
INFERRED_COPY = EdgeStyle("dashed", "#e66101", arrowhead="empty", penwidth=1.6)
"""A copy inferred from the wording: never recorded, so never drawn like a citation."""
REVISION = EdgeStyle("dotted", "#777777", arrowhead="vee")
"""A later version of the same page."""
CITES = EdgeStyle("solid", "#555555")
"""A citation in the overview, whatever its relation."""

BORDER = "#333333"
PRIMARY_BORDER = "#1b7837"
TAINT_COLOUR = "#b2182b"
OMITTED_FILL = "#f0f0f0"
OMITTED_BORDER = "#999999"
ORIGIN_PENWIDTH = 2.5

ORIGIN = Banner("ORIGIN", "#222222")
CANDIDATE = Banner("COULD BE THE ORIGIN", "#666666")
PRIMARY = Banner("PRIMARY SOURCE", PRIMARY_BORDER)

UNDATED_LABEL = "date unknown"
AXIS_FILL = "#eef1f4"
