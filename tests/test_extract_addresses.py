"""Web addresses (addresses.py): read, compared and taken apart without ever raising, in
articles and in the case extract matches them against."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MakeCase

from provenance.cli import main
from provenance.extract import extract_source
from provenance.extract.addresses import (
    account_of,
    address_key,
    host_of,
    path_of,
    split_address,
    web_address,
)
from provenance.extract.read import read_article

# Addresses urlsplit cannot read (ValueError), and others no one can tell where they lead.
UNREADABLE = [
    "https://[abc/x",
    "https://[notip]/",
    "https://[notip]/page",
    "http://[::1/x",
    "https://[::1]:99999/x",
    "https://a.example:port/x",
    "https://a.example:-1/",
    "https://x]y/",
    "https://:80/",
    "https://",
    "https:///path",
    "https://./x",
    "https://?q",
]
ODD_BUT_READABLE = [
    "https://[::1]/x",
    "http://[fe80::1]:8080/a?b=c#d",
    "https://[v1.fe80::a+en1]/",  # an IPvFuture literal
    "https://xn--zz/",
]


@pytest.mark.parametrize("address", UNREADABLE)
def test_an_unreadable_address_is_no_address(address: str) -> None:
    assert web_address(address) is None
    assert web_address("/x", address) is None  # nor a base to resolve against
    assert isinstance(host_of(address), str)
    assert isinstance(address_key(address), str)
    assert account_of(address) is None
    assert isinstance(path_of(address), str)


@pytest.mark.parametrize("address", ODD_BUT_READABLE)
def test_odd_but_readable_addresses_are_kept(address: str) -> None:
    assert web_address(address) == address
    parts = split_address(address)
    assert parts is not None
    assert parts.hostname


def test_relative_links_that_resolve_to_an_unreadable_address_are_dropped() -> None:
    assert web_address("//[abc/x", "https://a.example/") is None
    assert web_address("x", "https://a.example/b/") == "https://a.example/b/x"


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("https://www.a.example/x/?utm_source=feed#top", "a.example/x"),
        ("https://web.archive.org/web/2018/https://a.example/x/", "a.example/x"),
        ("HTTPS://[ABC/X", "https://[abc/x"),
        ("https://xn--zz/a", "xn--zz/a"),
    ],
)
def test_address_key(address: str, key: str) -> None:
    assert address_key(address) == key


def test_account_of() -> None:
    assert account_of("https://twitter.com/sofialimited/status/1") == "@sofialimited"
    assert account_of("https://x.com/i/web/status/1") is None
    assert account_of("https://a.example/sofialimited") is None


# --- in articles ---------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html><html><head>
<base href="{address}">
<link rel="canonical" href="{address}">
<meta property="og:url" content="{address}">
<script type="application/ld+json">
{{"@type": "NewsArticle", "headline": "Odd", "url": "{address}", "citation": ["{address}"]}}
</script></head>
<body><article><p>According to <a href="{address}">the Daily News</a>, it ranked
third. See <a href="/relative">this</a> and {address} too.</p></article></body></html>
"""
MARKDOWN_PAGE = """---
title: Odd
url: {address}
---
According to [the Daily News]({address}), it ranked third. See <{address}> and
[that][ref] and {address} too.

[ref]: {address}
"""
TEXT_PAGE = """Odd

{address}

According to the Daily News at {address} it ranked third.
"""


@pytest.mark.parametrize("address", UNREADABLE)
@pytest.mark.parametrize(
    ("name", "page"),
    [("a.html", HTML_PAGE), ("a.md", MARKDOWN_PAGE), ("a.txt", TEXT_PAGE)],
    ids=["html", "markdown", "text"],
)
def test_unreadable_addresses_in_an_article_are_dropped(
    tmp_path: Path, name: str, page: str, address: str
) -> None:
    path = tmp_path / name
    path.write_text(page.format(address=address), encoding="utf-8")
    article = read_article(path)
    for link in article.links:
        assert split_address(link.url) is not None
        assert web_address(link.url) == link.url
    assert article.metadata.url is None or web_address(article.metadata.url.value)
    assert "Daily News" in article.text


ODD_CASE = {
    "outlets.yaml": """\
        outlets:
          - id: daily-news
            name: The Daily News
            domains: [dailynews.example, "[abc", "[notip]"]
        """,
    "sources/odd.yaml": """\
        kind: article
        outlet: daily-news
        title: An address no one can read
        url: "https://[abc/x"
        archived_url: "https://[notip]/"
        """,
    "sources/odder.yaml": """\
        kind: article
        title: Another one
        url: "https://[::1]:99999/x"
        """,
}


@pytest.mark.parametrize("address", UNREADABLE)
def test_extract_with_unreadable_addresses_in_the_article_and_the_case(
    tmp_path: Path, make_case: MakeCase, address: str
) -> None:
    case = make_case(ODD_CASE)
    path = tmp_path / "a.html"
    path.write_text(HTML_PAGE.format(address=address), encoding="utf-8")
    draft = extract_source(path, case)
    assert "kind:" in draft.text


def test_the_command_drafts_an_article_with_unreadable_links(tmp_path: Path) -> None:
    # Reproduces issue 16: a traceback ("Invalid IPv6 URL") from a saved page's links.
    path = tmp_path / "a.html"
    path.write_text(
        '<html><body><p>A <a href="https://[abc/x">link</a> and '
        '<a href="https://[notip]/">two</a>.</p></body></html>',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(path)], prog_name="provenance")
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    assert "Traceback" not in result.output
