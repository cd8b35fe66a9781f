"""Reading an article: plain text, Markdown or HTML -> its text, links and metadata.

The first stage of `provenance extract`. The article is untrusted input, so nothing in it
is run or fetched: the bytes are decoded as UTF-8 or, failing that, as the encoding
charset-normalizer finds (the draft then says so); a file over `MAX_BYTES` or one that
looks binary is refused with an `ArticleError`. Plain text and Markdown are read here
(Markdown by markdown-it, with raw HTML off, and YAML front matter by PyYAML's safe
loader), HTML in `html.py`.

Every format ends up as the same `Article` (`article.py`): blocks of plain text joined by
blank lines, each hyperlink as a span of that text, and whatever metadata the file gives
(front matter in Markdown, a title and byline at the top of plain text, Open Graph and
schema.org JSON-LD in HTML), each value with where it came from.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import charset_normalizer
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from provenance.extract.addresses import web_address
from provenance.extract.article import (
    Article,
    ArticleFormat,
    BlockRole,
    Fact,
    Metadata,
    TextBuilder,
    author_names,
    byline_names,
    first_text,
    first_value,
    normalise_date,
    with_changes,
    written_date,
)
from provenance.extract.html import read_html
from provenance.problems import ArticleError

MAX_BYTES = 10 * 1024 * 1024
"""Articles are a few hundred kilobytes at most, even with their HTML; anything bigger
is refused rather than parsed."""


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


# --- plain text ------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+")
_URL_LINE = re.compile(
    r"^(?:(?:url|source|link|canonical|originally published at)\s*:?\s*)?(\S+)$", re.I
)


def _read_text(path: str, text: str, notes: tuple[str, ...]) -> Article:
    builder = TextBuilder()
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
    metadata: Metadata = field(default_factory=Metadata)


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
        if authors is None and (names := byline_names(line)):
            authors = tuple(Fact(name, "the byline") for name in names)
        elif published is None and len(line.split()) <= 10 and (day := written_date(line)):
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
    builder = TextBuilder()
    first_heading = _markdown_blocks(builder, body_text)
    body, blocks, links = builder.build()
    metadata = _front_matter_metadata(front)
    if metadata.title is None and first_heading is not None:
        metadata = with_changes(metadata, title=Fact(first_heading, "the first heading"))
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
    title = first_text(front, "title", "headline")
    authors = author_names(first_value(front, "authors", "author", "byline"))
    published = normalise_date(first_value(front, "date", "published", "pubdate", "publishDate"))
    url = web_address(first_value(front, "canonical_url", "canonical", "url", "permalink", "link"))
    site = first_text(front, "site_name", "site", "publisher", "outlet")
    return Metadata(
        title=Fact(title, origin) if title else None,
        authors=tuple(Fact(name, origin) for name in authors),
        published=Fact(published, origin) if published else None,
        url=Fact(url, origin) if url else None,
        site_name=Fact(site, origin) if site else None,
    )


def _markdown_blocks(builder: TextBuilder, text: str) -> str | None:
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


def _markdown_inline(builder: TextBuilder, children: list[Token]) -> None:
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            builder.add(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            builder.add(" ")
        elif child.type == "link_open":
            builder.open_link(web_address(child.attrs.get("href")))
        elif child.type == "link_close":
            builder.close_link()


_READERS: dict[ArticleFormat, Callable[[str, str, tuple[str, ...]], Article]] = {
    ArticleFormat.TEXT: _read_text,
    ArticleFormat.MARKDOWN: _read_markdown,
    ArticleFormat.HTML: read_html,
}
