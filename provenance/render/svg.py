"""DOT text -> SVG bytes: the only place that runs Graphviz.

How each graph is laid out (engine and detail) is decided beforehand, in render/layout.py.

**The budget**: every Graphviz run has a time limit (TIME_LIMIT), and raises
DrawingTimedOut when it runs out; drawings.py then draws the graph in part, and if even
that runs out, puts a plain note made here without Graphviz (`note_svg`) in its place.

**The processes**: each run is a child of the thread that starts it. On Linux it is
killed by the kernel if that thread's process dies, however it dies (SIGKILL, the
out-of-memory killer); and `stop_drawing` kills every run still going when a build is
cancelled (Ctrl-C, SIGTERM, an error), so a build never leaves Graphviz behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import cache

import graphviz

from provenance.problems import GraphvizNotFound, ProvenanceError
from provenance.render.stack import stack_drawings
from provenance.text import clean_text

TIME_LIMIT = 28.0
"""Seconds one Graphviz run may take before it is stopped and the graph drawn in part."""

Renderer = Callable[[str, str], bytes]

INSTALL_HINT = (
    "Graphviz's 'dot' program is not installed, and provenance needs it to draw graphs: "
    "install it (Debian/Ubuntu: 'sudo apt-get install graphviz'; macOS: 'brew install "
    "graphviz'), or run 'make build', which installs it for you."
)


class DrawingTimedOut(ProvenanceError):
    """Graphviz took longer than its time limit on a graph."""


@cache
def renderer_version() -> str:
    """The Graphviz version, part of the key under which drawings are cached; 'unknown'
    when Graphviz is missing (a build then fails at its first drawing, not here)."""
    try:
        return ".".join(str(part) for part in graphviz.version())
    except (graphviz.ExecutableNotFound, RuntimeError, OSError):
        return "unknown"


def note_svg(title: str, note: str) -> bytes:
    """A small SVG that stands where a drawing could not be made: the graph's title and
    why it is missing. Made without Graphviz, so it cannot fail or run out of time."""
    lines = [clean_text(title)[:200], clean_text(note)[:200]]
    rows = "".join(
        f'<text x="12" y="{28 + 22 * index}" font-size="{14 - 2 * index}">{_xml(line)}</text>'
        for index, line in enumerate(lines)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="760pt" height="70pt" '
        'viewBox="0 0 760 70" font-family="Helvetica,Arial,sans-serif">\n'
        f"<title>{_xml(lines[0])}</title>\n"
        '<rect x="1" y="1" width="758" height="68" fill="#fff7bc" stroke="#b8a200"/>\n'
        f"{rows}\n</svg>\n"
    ).encode()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- running Graphviz ----------------------------------------------------------------


def render_svg(dot_text: str, engine: str = "dot", *, time_limit: float | None = None) -> bytes:
    """Lay out and draw a graph; raises GraphvizNotFound, DrawingTimedOut (after
    `time_limit` seconds, TIME_LIMIT by default) or ProvenanceError on failure."""
    limit = TIME_LIMIT if time_limit is None else time_limit
    with _running(["dot", f"-K{engine}", "-Tsvg"]) as process:
        try:
            svg, errors = process.communicate(dot_text.encode("utf-8"), timeout=limit)
        except subprocess.TimeoutExpired as error:
            raise DrawingTimedOut(f"{engine} took more than {limit:.0f} s") from error
    if process.returncode != 0:
        detail = errors.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"it stopped with status {process.returncode}"
        raise ProvenanceError(f"Graphviz could not draw the graph ({engine}): {reason}")
    return stack_drawings(_strip_volatile(svg))


_processes: set[subprocess.Popen[bytes]] = set()
_processes_lock = threading.Lock()


@contextlib.contextmanager
def _running(command: list[str]) -> Iterator[subprocess.Popen[bytes]]:
    """A Graphviz process, killed and reaped however the block is left."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_die_with_parent(),  # safe with threads: see _die_with_parent
        )
    except FileNotFoundError as error:
        raise GraphvizNotFound(INSTALL_HINT) from error
    with _processes_lock:
        _processes.add(process)
    try:
        yield process
    finally:
        with _processes_lock:
            _processes.discard(process)
        if process.poll() is None:
            process.kill()
        process.communicate()


def stop_drawing() -> None:
    """Kill every Graphviz run still going (a build that is being cancelled)."""
    with _processes_lock:
        running = list(_processes)
    for process in running:
        with contextlib.suppress(OSError):
            process.kill()


@contextlib.contextmanager
def drawing_stopped_on_error() -> Iterator[None]:
    """Left by an exception (Ctrl-C above all), kill the Graphviz runs still going, so
    that nobody waits for a drawing that is no longer wanted."""
    try:
        yield
    except BaseException:
        stop_drawing()
        raise


PR_SET_PDEATHSIG = 1


@cache
def _prctl() -> Callable[..., int] | None:
    """libc's prctl on Linux, looked up once, before any fork; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    function: Callable[..., int] = libc.prctl
    return function


def _die_with_parent() -> Callable[[], None] | None:
    """What the child runs between fork and exec: ask the kernel to kill it when the
    thread that started it dies (PR_SET_PDEATHSIG), and give up at once if that happened
    before the request. It touches only what was prepared before the fork: no import,
    no lock, so it is safe in a process with threads."""
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()
    kill = int(signal.SIGKILL)

    def request() -> None:
        prctl(PR_SET_PDEATHSIG, kill)
        if os.getppid() != parent:
            os._exit(1)

    return request


_VERSION_COMMENT = re.compile(rb"<!-- Generated by graphviz version [^>]*-->\n")


def _strip_volatile(svg: bytes) -> bytes:
    """Remove the Graphviz version comment, so output does not change with an upgrade."""
    return _VERSION_COMMENT.sub(b"", svg, count=1)
