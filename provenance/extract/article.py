"""What an article is once read: blocks of text, links and metadata, in any format.

The readers (`read` for plain text and Markdown, `html` for HTML) all build an `Article`
with the `TextBuilder` below, so the later stages see one shape whatever the format.
The helpers here read the values metadata gives: dates and bylines (web addresses are
read by `addresses`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from provenance.constraints import InvalidValue
from provenance.extract.addresses import web_address
from provenance.model import parse_publication_date


class ArticleFormat(StrEnum):
    """How the article was saved."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class BlockRole(StrEnum):
    """What a block of the article's text is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    QUOTE = "quote"
    """A block quote: the article reproduces someone else's words."""
    META = "meta"
    """A title, byline or date line read as metadata; not searched for citations."""


@dataclass(frozen=True)
class Block:
    """A paragraph-like piece of the text: `text[start:end]`."""

    start: int
    end: int
    role: BlockRole


@dataclass(frozen=True)
class Link:
    """A hyperlink: its address and the span of the text it is anchored to."""

    url: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One metadata value and where in the article it was found."""

    value: str
    origin: str
    """E.g. "og:title", "schema.org NewsArticle", "front matter", "the first line"."""


@dataclass(frozen=True)
class Metadata:
    """What the article says about itself."""

    title: Fact | None = None
    authors: tuple[Fact, ...] = ()
    published: Fact | None = None
    """A date as case files write it: 2018-07-09 or an ISO date-time."""
    url: Fact | None = None
    site_name: Fact | None = None
    kind: Fact | None = None
    """A `SourceKind` value, when the metadata tells (schema.org type, og:type)."""
    citations: tuple[str, ...] = ()
    """Addresses the page's schema.org data lists as its citations."""


@dataclass(frozen=True)
class Article:
    """An article reduced to text, links and metadata, the same for every format."""

    path: str
    format: ArticleFormat
    text: str
    """The blocks' text joined by blank lines; whitespace inside a block is single spaces."""
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    metadata: Metadata
    notes: tuple[str, ...] = ()
    """What a reader of the draft should know about the reading, e.g. a guessed encoding."""


# --- assembling text -----------------------------------------------------------------


class TextBuilder:
    """Collects blocks of whitespace-normalised text and the links inside them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []
        self._links: list[Link] = []
        self._block: tuple[int, BlockRole] | None = None
        self._space = False
        self._open_links: list[tuple[str, int | None]] = []

    def open_block(self, role: BlockRole) -> None:
        self.close_block()
        self._block = (self._length, role)

    def close_block(self) -> None:
        if self._block is None:
            return
        start, role = self._block
        self._block, self._space = None, False
        if self._length > start:
            self._blocks.append(Block(start, self._length, role))
            self._write("\n\n")

    def add(self, text: str | None, role: BlockRole = BlockRole.PARAGRAPH) -> None:
        if not text:
            return
        words = text.split()
        if not words:
            self._space = True
            return
        if self._block is None:
            self.open_block(role)
        assert self._block is not None
        if self._length > self._block[0] and (self._space or text[0].isspace()):
            self._write(" ")
        self._open_links = [
            (url, self._length if at is None else at) for url, at in self._open_links
        ]
        self._write(" ".join(words))
        self._space = text[-1].isspace()

    def open_link(self, url: str | None) -> None:
        self._open_links.append((url or "", None))

    def close_link(self) -> None:
        if not self._open_links:
            return
        url, start = self._open_links.pop()
        if url:
            at = self._length if start is None else start
            self._links.append(Link(url, at, self._length))

    def _write(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, tuple[Block, ...], tuple[Link, ...]]:
        self.close_block()
        text = "".join(self._parts).removesuffix("\n\n")
        links = [*self._links, *bare_links(text, self._links)]
        return text, tuple(self._blocks), tuple(sorted(links, key=lambda link: link.start))


_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"“”‘’()\[\]{}]{3,2000}")  # noqa: RUF001 - typographic marks meant


def bare_links(text: str, links: list[Link]) -> Iterator[Link]:
    """Addresses written out in the text, outside any hyperlink: each is its own link."""
    for match in _BARE_URL.finditer(text):
        address = match.group().rstrip(".,;:!?'")
        end = match.start() + len(address)
        inside = any(link.start < end and match.start() < link.end for link in links)
        if not inside and web_address(address):
            yield Link(address, match.start(), end)


# --- dates, names and addresses --------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WRITTEN_DATES = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<year>\d{4})[-/](?P<num>\d{1,2})[-/](?P<day>\d{1,2})\b"),
)


def normalise_date(value: object) -> str | None:
    """A date as case files write it (2018-07-09, or an ISO date-time), or None."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    try:
        parse_publication_date(text)
    except InvalidValue:
        return written_date(text)
    return text


def written_date(text: str) -> str | None:
    for pattern in _WRITTEN_DATES:
        match = pattern.search(text)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["num"]) if parts.get("num") else _MONTHS.get(parts["month"].lower())
        try:
            return date(int(parts["year"]), month or 0, int(parts["day"])).isoformat()
        except ValueError:
            continue
    return None


_BYLINE = re.compile(r"^(?:by|written by)\s+(.{2,80})$", re.I)


def byline_names(text: str) -> list[str]:
    """The names in a byline such as "By Jane Doe and John Roe", or []."""
    match = _BYLINE.match(text.strip())
    if match is None or len(match.group(1).split()) > 8:
        return []
    names = re.split(r",\s*|\s+(?:and|&)\s+", match.group(1).strip().rstrip("."))
    return [name for name in names if name]


# --- shared helpers ------------------------------------------------------------------


def first_value(data: Mapping[str, Any], *keys: str) -> Any:
    lowered = {str(key).lower(): value for key, value in data.items()}
    return next((lowered[key.lower()] for key in keys if lowered.get(key.lower())), None)


def first_text(data: Mapping[str, Any], *keys: str) -> str | None:
    value = ld_name(first_value(data, *keys))
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def author_names(value: Any) -> list[str]:
    """Author names from a string, a list, or schema.org Person/Organization objects."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        name = ld_name(item)
        if isinstance(name, str) and name.strip() and not web_address(name):
            names.append(" ".join(name.split()))
    return names


def with_changes(metadata: Metadata, **changes: Any) -> Metadata:
    return dataclasses.replace(metadata, **changes)


def ld_name(value: Any) -> Any:
    """The name of a schema.org object, or the value itself."""
    return value.get("name") if isinstance(value, dict) else value
