"""What must hold for any input, however hostile: shared by the corpus and the fuzz tests.

A problem points inside the case folder, at a line and column the file has; a built
report is well-formed HTML and SVG in which nothing from a case file became live markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from provenance.problems import Problem


def assert_problems_point_inside(problems: Iterable[Problem], folder: Path) -> None:
    """Every problem names the folder or a path below it, at a place the file has."""
    extents: dict[Path, tuple[int, int]] = {}
    for problem in problems:
        path = Path(problem.location.path)
        assert path == folder or path.is_relative_to(folder), problem
        line, column = problem.location.line, problem.location.column
        assert line >= 1, problem
        assert column >= 1, problem
        if path.is_symlink() or not path.is_file():
            assert (line, column) == (1, 1), problem  # a folder, a link, a pipe
            continue
        if path not in extents:
            extents[path] = _extent(path.read_bytes())
        lines, width = extents[path]
        assert line <= lines, (problem, lines)
        assert column <= width, (problem, width)


def _extent(raw: bytes) -> tuple[int, int]:
    """How many lines a file has (as YAML counts them, at most) and one more than its
    longest line in bytes: no mark or byte offset can lie beyond either."""
    text = raw.decode("utf-8", "replace")
    lines = len(text.splitlines()) + 1
    width = max((len(line) for line in re.split(rb"\r\n|\r|\n", raw)), default=0) + 1
    return lines, width


# --- the report ----------------------------------------------------------------------


VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)


class Page(HTMLParser):
    """An HTML page as a browser's tokenizer sees it: its elements and attributes, its
    text, the text inside <script> elements, and every end tag that did not close the
    element open at that point (none, in a well-formed page)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.unbalanced: list[tuple[str, tuple[int, int]]] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()
        self.unbalanced += [(tag, (0, 0)) for tag in self._open]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag not in VOID_ELEMENTS:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        else:
            self.unbalanced.append((tag, self.getpos()))

    def handle_data(self, data: str) -> None:
        (self.scripts if self._open and self._open[-1] == "script" else self.text).append(data)


LINK_ATTRIBUTES = ("href", "xlink:href", "src", "action", "formaction")


def assert_no_live_markup(html: str, own_script: str) -> None:
    """The page has exactly our one script, no event handler, and links only to web
    addresses or to the report's own files."""
    page = Page(html)
    assert page.unbalanced == []
    policies = [
        attributes["content"]
        for tag, attributes in page.elements
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(policies) == 1
    assert policies[0].startswith("default-src 'none'; ")
    assert "unsafe" not in policies[0]
    assert page.scripts == [own_script]
    assert [tag for tag, _ in page.elements].count("script") == 1
    for tag, attributes in page.elements:
        assert tag not in ("iframe", "object", "embed", "img", "foreignobject"), tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in LINK_ATTRIBUTES:
                assert_safe_link(value)


def assert_safe_link(value: str) -> None:
    scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    assert scheme is None or scheme.group(1).lower() in ("http", "https"), value


def assert_svg_well_formed(svg: bytes) -> ElementTree.Element:
    """The SVG parses as XML, and nothing in it runs or links anywhere but the web."""
    root = ElementTree.fromstring(svg)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        assert tag not in ("script", "foreignobject", "iframe"), tag
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), (tag, name, value)
            if local == "href":
                assert_safe_link(value)
    return root
