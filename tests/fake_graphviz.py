"""A stand-in for Graphviz's programs that hangs, for tests of time limits and of
Graphviz runs outliving a build.

`install` writes a `dot` script into a folder to put first on PATH. It answers `dot -V`
as Graphviz does, hangs (as `sleep`, in its own process) when asked for one of the
engines named in FAKE_DOT_HANGS ("dot", "sfdp" or "dot sfdp"), after creating the file
FAKE_DOT_STARTED names, fails as Graphviz does on a bad graph for those named in
FAKE_DOT_FAILS, and passes anything else to the real Graphviz.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SCRIPT = """\
#!/bin/sh
case "$*" in *-V*) echo "dot - graphviz version 2.43.0 (0)" >&2; exit 0;; esac
for engine in $FAKE_DOT_HANGS; do
  case "$*" in *-K$engine*) : > "$FAKE_DOT_STARTED"; exec sleep 600;; esac
done
for engine in $FAKE_DOT_FAILS; do
  case "$*" in *-K$engine*) echo "Error: <stdin>: syntax error in line 1" >&2; exit 1;; esac
done
exec {real} "$@"
"""


def install(folder: Path, hangs: str, started: Path, fails: str = "") -> dict[str, str]:
    """Write the stand-in into `folder`; returns the environment that puts it first."""
    real = shutil.which("dot") or "/usr/bin/dot"
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "dot"
    script.write_text(SCRIPT.format(real=real))
    script.chmod(0o755)
    return {
        "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}",
        "FAKE_DOT_HANGS": hangs,
        "FAKE_DOT_STARTED": str(started),
        "FAKE_DOT_FAILS": fails,
    }
