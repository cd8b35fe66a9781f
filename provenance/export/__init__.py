"""Interchange exports: a checked case -> the bytes of a format another tool reads.

One module per format family: `prov` (W3C PROV-JSON, PROV-N, PROV-XML, for provenance
stores), `claimreview` (schema.org ClaimReview JSON-LD, for fact-check publishing),
`network` (GraphML, GEXF and node-link JSON, for Gephi, Cytoscape and scripts) and `dot`
(the renderers' Graphviz text). Each exporter is a function `(case, claim_id or None) ->
bytes` that reads the analysis (the citation graph and claim traces), never YAML, and
returns the same bytes for the same case. EXPORTERS maps format names to them;
`export_paths` checks a case folder first and exports nothing from a case with errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from provenance.checks import CheckedCase, Report, check_paths
from provenance.export.claimreview import export_claimreview
from provenance.export.dot import export_dot
from provenance.export.network import export_gexf, export_graphml, export_node_link_json
from provenance.export.prov import export_prov_json, export_prov_n, export_prov_xml
from provenance.load import to_case
from provenance.lookup import case_with_claim
from provenance.model import Case
from provenance.problems import AmbiguousCase

Exporter = Callable[[Case, str | None], bytes]

EXPORTERS: Mapping[str, Exporter] = {
    "prov-json": export_prov_json,
    "prov-n": export_prov_n,
    "prov-xml": export_prov_xml,
    "claimreview": export_claimreview,
    "graphml": export_graphml,
    "gexf": export_gexf,
    "json": export_node_link_json,
    "dot": export_dot,
}


def export_case(case: Case, format_name: str, claim_id: str | None = None) -> bytes:
    """One case (or one claim of it) in a format named in EXPORTERS."""
    return EXPORTERS[format_name](case, claim_id)


def export_paths(
    paths: Sequence[Path],
    format_name: str,
    claim_id: str | None = None,
    elsewhere: Sequence[Path] = (),
) -> bytes | Report:
    """Check the case at `paths` and export it; the Report instead if it has errors.

    With `claim_id`, the case is whichever one has that claim (ClaimNotFound if none,
    naming the case beside them or under `elsewhere` that has it);
    without, `paths` must hold exactly one case (AmbiguousCase if more). A format that
    needs what the case lacks raises ExportError.
    """
    report = check_paths(paths)
    if not report.cases:
        return report
    checked = (
        case_with_claim(report, claim_id, elsewhere)
        if claim_id is not None
        else _only_case(report, format_name)
    )
    if checked.has_errors:
        return Report((checked,), checked.problems)
    return export_case(to_case(checked.loaded), format_name, claim_id)


def _only_case(report: Report, format_name: str) -> CheckedCase:
    """The one case checked; AmbiguousCase when there are several."""
    if len(report.cases) > 1:
        roots = [case.loaded.root for case in report.cases]
        raise AmbiguousCase(
            f"{len(roots)} cases here ({', '.join(roots)}); export one at a time, e.g. "
            f"`provenance export {format_name} {roots[0]}`, or name a claim with --claim"
        )
    return report.cases[0]
