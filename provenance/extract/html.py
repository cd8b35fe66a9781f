"""Reading an HTML page: its article text, links, Open Graph and schema.org metadata.

Part of `extract`'s reading stage. lxml parses the page with the network off, comments
and processing instructions dropped; scripts, styles, forms, navigation and footers are
removed before any text is read, so nothing a page runs or hides becomes part of the
article. The text comes from the element the page marks as the article (schema.org
articleBody, <article>, <main>), else the body. JSON-LD is parsed with `json` and
walked to a bound, so a hostile page cannot make it recurse or loop.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import lxml.etree
import lxml.html

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
    ld_name,
    normalise_date,
    with_changes,
)
from provenance.model import SourceKind
from provenance.problems import ArticleError

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


def read_html(path: str, text: str, notes: tuple[str, ...]) -> Article:
    root = _parse_html(text)
    metadata = _html_metadata(root)
    base = _base_address(root, metadata)
    for element in [*root.iter(*_DROPPED), *_by_role(root)]:
        if element.getparent() is not None:
            element.drop_tree()
    builder = TextBuilder()
    _html_blocks(builder, _content_root(root), base)
    body, blocks, links = builder.build()
    if metadata.title is None:
        heading = next((" ".join(h.text_content().split()) for h in root.iter("h1")), "")
        metadata = with_changes(
            metadata, title=Fact(heading, "the first heading") if heading else None
        )
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


def _html_blocks(builder: TextBuilder, root: lxml.html.HtmlElement, base: str | None) -> None:
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
    builder: TextBuilder, element: Any, tag: str, role: BlockRole, base: str | None
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


def _html_close(builder: TextBuilder, tag: str) -> None:
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
            (_text_of(ld_name(ld.get("publisher"))), f"{ld_origin} publisher"),
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
    names = author_names(ld.get("author"))
    if names:
        return tuple(Fact(name, ld_origin) for name in names)
    author = meta.get("author") or meta.get("article:author") or meta.get("dc.creator")
    if author and not web_address(author):
        names = byline_names(author) or [author]
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
