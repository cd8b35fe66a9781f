"""A built report read as its readers read it: through the links a build publishes
(`output/index.html` and each `output/<case>` lead into `.provenance/current`)."""

from __future__ import annotations

import os
from pathlib import Path

from provenance.outputs import STATE_FOLDER


def report_files(folder: Path) -> dict[str, bytes]:
    """Every file a reader of the report can open, by its path in the output folder
    (the build's own bookkeeping left out; a link that leads nowhere is no file)."""
    files = {}
    for root, folders, names in os.walk(folder, followlinks=True):
        here = Path(root).relative_to(folder)
        if here == Path():
            folders[:] = [name for name in folders if name != STATE_FOLDER]
        folders.sort()
        for name in sorted(names):
            path = Path(root, name)
            if path.is_file():
                files[(here / name).as_posix()] = path.read_bytes()
    return files


def report_paths(folder: Path, suffix: str) -> list[Path]:
    """The files of the report whose names end with `suffix`, as paths a reader opens."""
    return [folder / relative for relative in report_files(folder) if relative.endswith(suffix)]
