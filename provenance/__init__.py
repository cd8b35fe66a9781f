"""provenance: trace how a claim moved between outlets.

Record each article and the sources it cites as YAML under `claims/`, check those files
like a linter, build a citation graph, trace a claim from outlet to outlet, and render it.
"""

__version__ = "0.1.0"
