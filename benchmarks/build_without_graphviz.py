"""The build's own work, without Graphviz: load, check, trace, DOT text and the report.

A full build at XL takes two hours, nearly all of it in Graphviz, which this project
does not change. To see what a change to the analysis or the report costs at XL, build
the first N cases of a folder with a stand-in that returns a tiny SVG instead of running
`dot`, and compare two checkouts by running this script with each in turn.

Usage:  python benchmarks/build_without_graphviz.py FOLDER N OUT
        (FOLDER: cases written by benchmarks/generate.py; OUT is emptied first)
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from provenance.build import build  # noqa: E402

STAND_IN = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt" '
    b'viewBox="0 0 10 10"><g id="graph0" class="graph"></g></svg>'
)


def stand_in(dot: str, engine: str) -> bytes:
    """What `dot -Tsvg` would return, without the work (module level: workers pickle it)."""
    return STAND_IN


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    folder, count, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    cases = sorted(path for path in folder.iterdir() if path.is_dir())[:count]
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    build(cases, out, renderer=stand_in, jobs=2)
    seconds = time.perf_counter() - start
    counted = f"{len(cases)} case" + ("s" if len(cases) != 1 else "")
    print(f"{counted} in {seconds:.1f} s: {1000 * seconds / len(cases):.0f} ms a case")


if __name__ == "__main__":
    main()
