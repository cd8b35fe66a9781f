"""Reading an article: plain text, Markdown or HTML -> its text, links and metadata.

The first stage of `provenance extract`. The article is untrusted input, so nothing in it
is run or fetched: HTML goes through lxml's parser with the network off, and scripts,
styles, forms and navigation are dropped before any text is read; Markdown goes through
markdown-it with raw HTML off; the bytes are decoded as UTF-8 or, failing that, as the
encoding charset-normalizer finds (the draft then says so). A file over `MAX_BYTES` or
one that looks binary is refused with an `ArticleError`.

Every format ends up as the same `Article`: blocks of plain text (paragraphs, headings,
block quotes) joined by blank lines, each hyperlink as a span of that text, and whatever
metadata the file gives (Open Graph and schema.org JSON-LD in HTML, front matter in
Markdown, a title and byline at the top of plain text), each value with where it came
from.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import lxml.etree
import lxml.html
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic_core import PydanticCustomError

from provenance.model import SourceKind, parse_publication_date
from provenance.problems import ArticleError

MAX_BYTES = 10 * 1024 * 1024
"""Articles are a few hundred kilobytes at most, even with their HTML; anything bigger
is refused rather than parsed."""


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


def read_article(path: Path, article_format: ArticleFormat | None = None) -> Article:
    """Read one saved article; `article_format` is guessed from the name and content
    when not given. Raises ArticleError when the file cannot be read as an article."""
    raw = _read_bytes(path)
    chosen = article_format or guess_format(path, raw)
    text, notes = decode(raw, declared_charset(raw) if chosen is ArticleFormat.HTML else None)
    if not text.strip():
        raise ArticleError(f"{path} is empty: there is no article to read")
    return _READERS[chosen](str(path), text, tuple(notes))


# --- bytes -> text -------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ArticleError(f"{path} is a folder; name the article's file")
        if size > MAX_BYTES:
            raise ArticleError(
                f"{path} is {size // (1024 * 1024)} MiB; articles over "
                f"{MAX_BYTES // (1024 * 1024)} MiB are not read (save only the article)"
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ArticleError(f"{path} does not exist") from exc
    except OSError as exc:
        raise ArticleError(f"cannot read {path}: {exc.strerror or exc}") from exc


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """The text of `raw` and notes on how it was decoded.

    UTF-8 (or a byte-order mark) first; then the charset the HTML declares; then
    charset-normalizer's best guess, which the notes mention. Raises ArticleError for
    what looks like a binary file.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _checked(_decode_strictly(raw, encoding)), []
    if b"\x00" in raw[:8192]:
        raise _binary()
    try:
        return _checked(raw.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    if declared is not None:
        try:
            return _checked(raw.decode(declared)), [f"decoded as {declared}, as the page declares"]
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise _binary()
    notes = [f"the file is not UTF-8: decoded as {best.encoding} (a guess; check the wording)"]
    return _checked(str(best)), notes


def _decode_strictly(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"the file starts like {encoding} text but is not: {exc.reason}"
        ) from exc


def _checked(text: str) -> str:
    """Text with more than one control character in a hundred (and more than a few) is
    binary, whatever the decoder made of it."""
    sample = text[:65536]
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"
    )
    if controls > max(16, len(sample) / 100):
        raise _binary()
    return text


def _binary() -> ArticleError:
    return ArticleError(
        "this looks like a binary file, not an article: save the article as plain text, "
        "Markdown or HTML"
    )


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes, if any."""
    match = _CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


# --- which format ----------------------------------------------------------------------

_SUFFIXES = {
    ".html": ArticleFormat.HTML,
    ".htm": ArticleFormat.HTML,
    ".xhtml": ArticleFormat.HTML,
    ".md": ArticleFormat.MARKDOWN,
    ".markdown": ArticleFormat.MARKDOWN,
    ".mdown": ArticleFormat.MARKDOWN,
    ".txt": ArticleFormat.TEXT,
    ".text": ArticleFormat.TEXT,
}
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)
_MARKDOWN_SIGNS = re.compile(rb"\]\(https?://|^---\r?\n|^#{1,6} \S|^> ", re.M)


def guess_format(path: Path, raw: bytes) -> ArticleFormat:
    """The format the file name says, or failing that the one its first bytes show.

    A `.txt` file may hold Markdown (saved blog posts often do): Markdown syntax in its
    first kilobytes makes it Markdown.
    """
    by_name = _SUFFIXES.get(path.suffix.lower())
    head = raw[:4096].lstrip(codecs.BOM_UTF8)
    if by_name is not None and by_name is not ArticleFormat.TEXT:
        return by_name
    if _HTML_START.match(head):
        return ArticleFormat.HTML
    if _MARKDOWN_SIGNS.search(head):
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT


# --- assembling text -----------------------------------------------------------------


class _TextBuilder:
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
        links = [*self._links, *_bare_links(text, self._links)]
        return text, tuple(self._blocks), tuple(sorted(links, key=lambda link: link.start))


_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"“”‘’()\[\]{}]{3,2000}")  # noqa: RUF001 - typographic marks meant


def _bare_links(text: str, links: list[Link]) -> Iterator[Link]:
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
    except PydanticCustomError:
        return _written_date(text)
    return text


def _written_date(text: str) -> str | None:
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


def web_address(value: object, base: str | None = None) -> str | None:
    """An absolute http(s) address, resolved against `base`; None for anything else
    (mailto:, javascript:, a bare fragment, an unresolvable relative address)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or text.startswith("#") or len(text) > 2000 or any(c.isspace() for c in text):
        return None
    if base is not None:
        text = urljoin(base, text)
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


_BYLINE = re.compile(r"^(?:by|written by)\s+(.{2,80})$", re.I)


def _byline(text: str) -> list[str]:
    """The names in a byline such as "By Jane Doe and John Roe", or []."""
    match = _BYLINE.match(text.strip())
    if match is None or len(match.group(1).split()) > 8:
        return []
    names = re.split(r",\s*|\s+(?:and|&)\s+", match.group(1).strip().rstrip("."))
    return [name for name in names if name]


# --- plain text ------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+")
_URL_LINE = re.compile(
    r"^(?:(?:url|source|link|canonical|originally published at)\s*:?\s*)?(\S+)$", re.I
)


def _read_text(path: str, text: str, notes: tuple[str, ...]) -> Article:
    builder = _TextBuilder()
    paragraphs = [
        part for part in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")) if part.strip()
    ]
    header = _text_header(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        builder.open_block(BlockRole.META if index in header.lines else BlockRole.PARAGRAPH)
        builder.add(paragraph)
    body, blocks, links = builder.build()
    return Article(path, ArticleFormat.TEXT, body, blocks, links, header.metadata, notes)


@dataclass
class _Header:
    """What the first paragraphs of a plain-text article say about it."""

    lines: set[int] = field(default_factory=set)
    metadata: Metadata = Metadata()


def _text_header(paragraphs: list[str]) -> _Header:
    """Title, byline, date and address from the first few short paragraphs.

    A first paragraph of one short line, with more after it, is the title; "By ..." is a
    byline; a short paragraph with a date is the publication date; a line holding only an
    address (or "URL: ...") is the article's address.
    """
    header = _Header()
    title = authors = published = url = None
    for index, paragraph in enumerate(paragraphs[:6]):
        line = " ".join(paragraph.split())
        if len(line.split()) > 20:
            continue
        if authors is None and (names := _byline(line)):
            authors = tuple(Fact(name, "the byline") for name in names)
        elif published is None and len(line.split()) <= 10 and (day := _written_date(line)):
            published = Fact(day, "a date line at the top")
        elif url is None and (match := _URL_LINE.match(line)) and web_address(match.group(1)):
            url = Fact(match.group(1), "an address line at the top")
        elif (
            index == 0
            and len(paragraphs) > 1
            and "\n" not in paragraph.strip()
            and not line.endswith(":")
        ):
            title = Fact(line, "the first line")
        else:
            continue
        header.lines.add(index)
    header.metadata = Metadata(title=title, authors=authors or (), published=published, url=url)
    return header


# --- Markdown --------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_MAX_FRONT_MATTER = 64 * 1024


def _read_markdown(path: str, text: str, notes: tuple[str, ...]) -> Article:
    front, body_text, front_notes = _front_matter(text)
    builder = _TextBuilder()
    first_heading = _markdown_blocks(builder, body_text)
    body, blocks, links = builder.build()
    metadata = _front_matter_metadata(front)
    if metadata.title is None and first_heading is not None:
        metadata = _with(metadata, title=Fact(first_heading, "the first heading"))
    return Article(path, ArticleFormat.MARKDOWN, body, blocks, links, metadata, notes + front_notes)


def _front_matter(text: str) -> tuple[Mapping[str, Any], str, tuple[str, ...]]:
    """YAML front matter (read with the safe loader, as plain data) and the rest."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text, ()
    rest = text[match.end() :]
    if len(match.group(1)) > _MAX_FRONT_MATTER:
        return {}, rest, ("the front matter is too long to read; it was skipped",)
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, RecursionError):
        return {}, rest, ("the front matter is not valid YAML; it was skipped",)
    return (data if isinstance(data, dict) else {}), rest, ()


def _front_matter_metadata(front: Mapping[str, Any]) -> Metadata:
    origin = "the front matter"
    title = _first_text(front, "title", "headline")
    authors = _names(_first_value(front, "authors", "author", "byline"))
    published = normalise_date(_first_value(front, "date", "published", "pubdate", "publishDate"))
    url = web_address(_first_value(front, "canonical_url", "canonical", "url", "permalink", "link"))
    site = _first_text(front, "site_name", "site", "publisher", "outlet")
    return Metadata(
        title=Fact(title, origin) if title else None,
        authors=tuple(Fact(name, origin) for name in authors),
        published=Fact(published, origin) if published else None,
        url=Fact(url, origin) if url else None,
        site_name=Fact(site, origin) if site else None,
    )


def _markdown_blocks(builder: _TextBuilder, text: str) -> str | None:
    """Fill the builder from Markdown; returns the first heading's text."""
    parser = MarkdownIt("commonmark", {"html": False})
    quote_depth, role, first_heading = 0, BlockRole.PARAGRAPH, None
    for token in parser.parse(text):
        if token.type in ("blockquote_open", "blockquote_close"):
            quote_depth += token.nesting
        elif token.type == "heading_open":
            role = BlockRole.HEADING
        elif token.type == "inline":
            builder.open_block(BlockRole.QUOTE if quote_depth else role)
            _markdown_inline(builder, token.children or [])
            builder.close_block()
            if role is BlockRole.HEADING and first_heading is None:
                first_heading = " ".join(token.content.split())
            role = BlockRole.PARAGRAPH
    return first_heading


def _markdown_inline(builder: _TextBuilder, children: list[Token]) -> None:
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            builder.add(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            builder.add(" ")
        elif child.type == "link_open":
            builder.open_link(web_address(child.attrs.get("href")))
        elif child.type == "link_close":
            builder.close_link()


# --- HTML ------------------------------------------------------------------------------

_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "select",
    "textarea",
    "nav",
    "aside",
    "footer",
    "head",
)
_DROPPED_ROLES = ("navigation", "complementary", "contentinfo", "search")
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "hr",
    ]
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _read_html(path: str, text: str, notes: tuple[str, ...]) -> Article:
    root = _parse_html(text)
    metadata = _html_metadata(root)
    base = _base_address(root, metadata)
    for element in [*root.iter(*_DROPPED), *_by_role(root)]:
        if element.getparent() is not None:
            element.drop_tree()
    builder = _TextBuilder()
    _html_blocks(builder, _content_root(root), base)
    body, blocks, links = builder.build()
    if metadata.title is None:
        heading = next((" ".join(h.text_content().split()) for h in root.iter("h1")), "")
        metadata = _with(metadata, title=Fact(heading, "the first heading") if heading else None)
    return Article(path, ArticleFormat.HTML, body, blocks, links, metadata, notes)


def _parse_html(text: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        return lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ArticleError(f"the HTML cannot be read: {exc}") from exc


def _by_role(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [
        el for el in root.iter() if isinstance(el.tag, str) and el.get("role") in _DROPPED_ROLES
    ]


def _content_root(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The article itself where the page marks it, else the page body."""
    for query in ('//*[@itemprop="articleBody"]', "//article", "//main"):
        found = root.xpath(query)
        if found:
            return max(found, key=lambda element: len(element.text_content()))
    body = root.find("body")
    return body if body is not None else root


def _html_blocks(builder: _TextBuilder, root: lxml.html.HtmlElement, base: str | None) -> None:
    quote_depth = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        role = BlockRole.QUOTE if quote_depth else BlockRole.PARAGRAPH
        if event == "start":
            quote_depth += tag == "blockquote"
            _html_open(builder, element, tag, BlockRole.QUOTE if quote_depth else role, base)
        else:
            quote_depth -= tag == "blockquote"
            _html_close(builder, tag)
            if element is not root:
                builder.add(element.tail, BlockRole.QUOTE if quote_depth else BlockRole.PARAGRAPH)


def _html_open(
    builder: _TextBuilder, element: Any, tag: str, role: BlockRole, base: str | None
) -> None:
    if tag in _BLOCKS:
        builder.open_block(BlockRole.HEADING if tag in _HEADINGS else role)
    elif tag == "a":
        builder.open_link(web_address(element.get("href"), base))
    elif tag == "q":
        builder.add("“", role)
    elif tag == "br":
        builder.add(" ", role)
    builder.add(element.text, role)


def _html_close(builder: _TextBuilder, tag: str) -> None:
    if tag in _BLOCKS:
        builder.close_block()
    elif tag == "a":
        builder.close_link()
    elif tag == "q":
        builder.add("”")


def _base_address(root: lxml.html.HtmlElement, metadata: Metadata) -> str | None:
    """What relative links are relative to: <base href>, else the page's own address."""
    for base in root.iter("base"):
        address = web_address(base.get("href"))
        if address:
            return address
    return metadata.url.value if metadata.url else None


# --- HTML metadata ---------------------------------------------------------------------

_ARTICLE_KINDS = {
    "newsarticle": SourceKind.ARTICLE,
    "reportagenewsarticle": SourceKind.ARTICLE,
    "analysisnewsarticle": SourceKind.ARTICLE,
    "backgroundnewsarticle": SourceKind.ARTICLE,
    "reviewnewsarticle": SourceKind.ARTICLE,
    "article": SourceKind.ARTICLE,
    "opinionnewsarticle": SourceKind.OPINION,
    "blogposting": SourceKind.BLOG_POST,
    "liveblogposting": SourceKind.BLOG_POST,
    "socialmediaposting": SourceKind.SOCIAL_POST,
    "discussionforumposting": SourceKind.SOCIAL_POST,
    "scholarlyarticle": SourceKind.STUDY,
    "dataset": SourceKind.DATASET,
}


def _html_metadata(root: lxml.html.HtmlElement) -> Metadata:
    meta = _meta_tags(root)
    ld = _json_ld_article(root)
    ld_origin = f"schema.org {ld.get('@type', 'Article')}" if ld else ""
    ld_type = _types(ld)
    return Metadata(
        title=_fact(
            (meta.get("og:title"), "og:title"),
            (_text_of(ld.get("headline") or ld.get("name")), ld_origin),
            (meta.get("twitter:title"), "twitter:title"),
            (_title_element(root), "the <title> element"),
        ),
        authors=_html_authors(ld, ld_origin, meta),
        published=_fact(
            (normalise_date(ld.get("datePublished")), ld_origin),
            (normalise_date(meta.get("article:published_time")), "article:published_time"),
            (normalise_date(meta.get("date") or meta.get("dc.date")), "a date <meta> tag"),
        ),
        url=_fact(
            (web_address(_canonical(root)), 'the rel="canonical" link'),
            (web_address(meta.get("og:url")), "og:url"),
            (web_address(_ld_address(ld)), ld_origin),
        ),
        site_name=_fact(
            (meta.get("og:site_name"), "og:site_name"),
            (_text_of(_ld_name(ld.get("publisher"))), f"{ld_origin} publisher"),
        ),
        kind=_fact(
            (next((_ARTICLE_KINDS[t] for t in ld_type if t in _ARTICLE_KINDS), None), ld_origin),
            ("article" if meta.get("og:type") == "article" else None, 'og:type "article"'),
        ),
        citations=tuple(_ld_citations(ld)),
    )


def _meta_tags(root: lxml.html.HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if key and content and key not in tags:
            tags[key] = content
    return tags


def _title_element(root: lxml.html.HtmlElement) -> str | None:
    element = root.find(".//title")
    return " ".join(element.text_content().split()) if element is not None else None


def _canonical(root: lxml.html.HtmlElement) -> str | None:
    for element in root.iter("link"):
        href = element.get("href")
        if "canonical" in (element.get("rel") or "").lower().split() and href:
            return str(href)
    return None


def _fact(*choices: tuple[str | None, str]) -> Fact | None:
    for value, origin in choices:
        if value and value.strip():
            return Fact(" ".join(value.split()), origin)
    return None


def _html_authors(
    ld: Mapping[str, Any], ld_origin: str, meta: Mapping[str, str]
) -> tuple[Fact, ...]:
    names = _names(ld.get("author"))
    if names:
        return tuple(Fact(name, ld_origin) for name in names)
    author = meta.get("author") or meta.get("article:author") or meta.get("dc.creator")
    if author and not web_address(author):
        names = _byline(author) or [author]
        return tuple(Fact(name, "the author <meta> tag") for name in names)
    return ()


# --- schema.org JSON-LD ------------------------------------------------------------------

_MAX_LD_NODES = 500


def _json_ld_article(root: lxml.html.HtmlElement) -> Mapping[str, Any]:
    """The first schema.org article-like object in the page's JSON-LD, or {}."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for node in _ld_nodes(data):
            if any(kind in _ARTICLE_KINDS for kind in _types(node)):
                return node
    return {}


def _ld_nodes(data: Any) -> Iterator[Mapping[str, Any]]:
    """The objects of a JSON-LD document, breadth first, up to a bound."""
    queue, seen = [data], 0
    while queue and seen < _MAX_LD_NODES:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            queue.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])


def _types(node: Mapping[str, Any]) -> list[str]:
    kinds = node.get("@type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    return [kind.rsplit("/", 1)[-1].lower() for kind in kinds if isinstance(kind, str)]


def _text_of(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _ld_name(value: Any) -> Any:
    return value.get("name") if isinstance(value, dict) else value


def _ld_address(ld: Mapping[str, Any]) -> Any:
    page = ld.get("mainEntityOfPage")
    return ld.get("url") or (page.get("@id") if isinstance(page, dict) else page)


def _ld_citations(ld: Mapping[str, Any]) -> Iterator[str]:
    cited = ld.get("citation", [])
    for item in cited if isinstance(cited, list) else [cited]:
        address = web_address(
            item.get("url") or item.get("@id") if isinstance(item, dict) else item
        )
        if address:
            yield address


# --- shared helpers ------------------------------------------------------------------


def _first_value(data: Mapping[str, Any], *keys: str) -> Any:
    lowered = {str(key).lower(): value for key, value in data.items()}
    return next((lowered[key.lower()] for key in keys if lowered.get(key.lower())), None)


def _first_text(data: Mapping[str, Any], *keys: str) -> str | None:
    value = _ld_name(_first_value(data, *keys))
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _names(value: Any) -> list[str]:
    """Author names from a string, a list, or schema.org Person/Organization objects."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        name = _ld_name(item)
        if isinstance(name, str) and name.strip() and not web_address(name):
            names.append(" ".join(name.split()))
    return names


def _with(metadata: Metadata, **changes: Any) -> Metadata:
    return dataclasses.replace(metadata, **changes)


_READERS: dict[ArticleFormat, Callable[[str, str, tuple[str, ...]], Article]] = {
    ArticleFormat.TEXT: _read_text,
    ArticleFormat.MARKDOWN: _read_markdown,
    ArticleFormat.HTML: _read_html,
}
