"""What a build remembers of each case: fingerprints that tell whether it changed, and
the manifest of what its last build produced.

A case whose fingerprint (its files' names, sizes and times, the build settings and
provenance's own code) is unchanged is not read again; its manifest gives back its
problems, its index rows and the files it produced. A drawing is kept under the hash of
its DOT text, engine and Graphviz version (`drawing_key`).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from provenance import __version__
from provenance.model import Location
from provenance.problems import Problem, Severity

MANIFEST_VERSION = 2


# --- fingerprints --------------------------------------------------------------------


@cache
def tool_fingerprint() -> str:
    """A hash of provenance's own code and templates: output made by other code is stale."""
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("provenance")
    for path in sorted(_package_files(Path(str(package)))):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js"):
            yield path


def case_fingerprint(folder: Path, settings: str) -> str:
    """A hash of every file in a case folder (name, size, modification time), of the
    build settings and of the tool. Cheap: it reads no file contents."""
    digest = hashlib.sha256(f"{tool_fingerprint()}\0{settings}".encode())
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(root, name)
            try:
                status = path.lstat()
            except OSError:
                continue
            relative = path.relative_to(folder).as_posix()
            digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def drawing_key(dot: str, engine: str, renderer_version: str) -> str:
    return hashlib.sha256(f"{renderer_version}\0{engine}\0{dot}".encode()).hexdigest()


# --- manifests -----------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """What one version of a case holds."""

    case_id: str
    fingerprint: str
    outputs: Mapping[str, int]
    """Files written for the case (paths relative to the output folder), with sizes."""
    problems: tuple[Problem, ...]
    entry: Any
    """The case's index rows, as JSON data (see render/html/views.py's INDEX_ENTRY)."""
    sources: int
    claims: int
    drawings: tuple[str, ...] = ()
    """Keys of the cached drawings it used."""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": MANIFEST_VERSION,
            "case": self.case_id,
            "fingerprint": self.fingerprint,
            "outputs": dict(sorted(self.outputs.items())),
            "problems": [problem.to_json() for problem in self.problems],
            "entry": self.entry,
            "sources": self.sources,
            "claims": self.claims,
            "drawings": list(self.drawings),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Manifest:
        return cls(
            case_id=str(data["case"]),
            fingerprint=str(data["fingerprint"]),
            outputs={str(path): int(size) for path, size in data["outputs"].items()},
            problems=tuple(_problem(item) for item in data["problems"]),
            entry=data["entry"],
            sources=int(data["sources"]),
            claims=int(data["claims"]),
            drawings=tuple(str(key) for key in data.get("drawings", ())),
        )


def _problem(data: Mapping[str, Any]) -> Problem:
    location = Location(str(data["path"]), int(data["line"]), int(data["column"]))
    return Problem(location, Severity(data["severity"]), str(data["code"]), str(data["message"]))


def read_manifest(path: Path) -> Manifest | None:
    """A manifest, or None if it is missing or damaged (that only costs a rebuild)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):  # not through a link, nor from a pipe
            return None
    except OSError:
        return None
    try:
        return Manifest.from_json(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
