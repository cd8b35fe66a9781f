"""Property-based fuzzing of extract: any article, in any of the three formats, with web
addresses of every shape in every place an address goes, drafted against a case whose
own addresses and domains are odd too, ends in a draft or in an ArticleError, never in
a traceback; the address helpers never raise; sentences are well-formed spans.

The profiles follow tests/test_fuzz.py: derandomized and small by default, fifty times
as many examples, freshly drawn, with PROVENANCE_FUZZ=deep.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from articles import STORY_CASE
from conftest import write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from provenance.extract.sentences import MAX_SENTENCE, split_sentences
from provenance.problems import ArticleError

DEEP = os.environ.get("PROVENANCE_FUZZ", "ci") == "deep"


def examples(count: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=count * (50 if DEEP else 1),
        derandomize=not DEEP,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Web addresses from parts, so that hosts and ports of every shape meet the code that
# reads them: urlsplit raises on some (brackets), others it reads into nonsense.
HOSTS = [
    "a.example",
    "www.twitter.com",
    "[abc",
    "[notip]",
    "[::1]",
    "[::1",
    "x]",
    "[v1.x]",
    "",
    ".",
    "xn--",
    "é.example",
    "%5B",
]
text = st.text(max_size=20)
urls = st.one_of(
    st.builds(
        "{}{}{}{}{}".format,
        st.sampled_from(["https://", "http://", "HTTPS://", "//", "javascript:", "", "https:/"]),
        st.sampled_from(["", "user:pass@", "@"]),
        st.one_of(st.sampled_from(HOSTS), st.text(max_size=8)),
        st.sampled_from(["", ":80", ":99999", ":port", ":", ":-1"]),
        st.one_of(st.sampled_from(["", "/", "/x", "/[a/", "?q=\x01", "#f", "/a b"]), text),
    ),
    st.sampled_from(["https://web.archive.org/web/2018/https://[abc/x", "https://twitter.com/"]),
    text,
)


@examples(300)
@given(address=urls, base=st.one_of(st.none(), urls))
def test_address_helpers_never_raise(address: str, base: str | None) -> None:
    found = web_address(address, base)
    if found is not None:
        parts = split_address(found)
        assert parts is not None
        assert parts.scheme.lower() in ("http", "https")
        assert parts.hostname
    assert isinstance(address_key(address), str)
    assert isinstance(host_of(address), str)
    assert isinstance(path_of(address), str)
    handle = account_of(address)
    assert handle is None or handle.startswith("@")


# --- whole articles -------------------------------------------------------------------------


def _html(address: str, words: str) -> str:
    quoted = address.replace('"', "&quot;")
    return (
        f'<html><head><base href="{quoted}"><link rel="canonical" href="{quoted}">'
        f'<meta property="og:url" content="{quoted}">'
        '<script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "url": {yaml.safe_dump(address).strip()!s}, '
        f'"citation": [{yaml.safe_dump(address).strip()!s}]}}</script></head>'
        f'<body><p>According to <a href="{quoted}">the Daily News</a>, {words}. '
        f'See <a href="/x">this</a> and {address} too.</p></body></html>'
    )


def _markdown(address: str, words: str) -> str:
    return (
        f"---\ntitle: Odd\nurl: {yaml.safe_dump(address).strip()}\n---\n"
        f"According to [the Daily News]({address}), {words}. See <{address}> and "
        f"[that][ref] and {address} too.\n\n[ref]: {address}\n"
    )


def _text(address: str, words: str) -> str:
    return f"Odd\n\n{address}\n\nAccording to the Daily News at {address} {words}.\n"


FORMATS = {"a.html": _html, "a.md": _markdown, "a.txt": _text}

ODD_CASE = {
    **STORY_CASE,
    "outlets.yaml": """\
        outlets:
          - id: daily-news
            name: The Daily News
            domains: [dailynews.example, "[abc", "[notip]", ""]
        """,
    "sources/odd.yaml": """\
        kind: article
        outlet: daily-news
        title: An address no one can read
        url: "https://[abc/x"
        archived_url: "https://[notip]/"
        """,
}


@pytest.fixture(scope="module")
def odd_case() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="fuzz-extract-"))
    try:
        yield write_files(root / "case", ODD_CASE)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@examples(60)
@given(
    name=st.sampled_from(sorted(FORMATS)),
    address=urls,
    words=st.text(max_size=40),
)
def test_any_address_anywhere_in_an_article(
    odd_case: Path, tmp_path_factory: pytest.TempPathFactory, name: str, address: str, words: str
) -> None:
    path = tmp_path_factory.mktemp("article") / name
    path.write_bytes(FORMATS[name](address, words).encode("utf-8", "surrogatepass"))
    try:
        article = read_article(path)
        draft = extract_source(path, odd_case)
    except ArticleError:
        return
    for link in article.links:
        assert web_address(link.url) == link.url
    data = yaml.safe_load(draft.text)
    assert isinstance(data, dict)
    assert "kind" in data
    assert draft.path is not None
    assert draft.path.parent == odd_case / "drafts"


# --- sentences --------------------------------------------------------------------------------

TOKENS = [*". !?“”\"'()[]#@…\n\t", "Dr.", "U.S.", " A", " a", "1", " https://a.example/?q=1."]
sentence_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.characters()), max_size=300).map(
    "".join
)


@examples(200)
@given(text=sentence_text, margin=st.integers(0, 5))
def test_sentences_are_ordered_trimmed_spans_that_lose_no_word(text: str, margin: int) -> None:
    start, end = min(margin, len(text)), max(min(margin, len(text)), len(text) - margin)
    spans = split_sentences(text, start, end)
    assert spans == split_sentences(text, start, end)
    previous = start
    for begin, finish in spans:
        assert previous <= begin < finish <= end
        assert finish - begin <= MAX_SENTENCE
        assert not text[begin].isspace()
        assert not text[finish - 1].isspace()
        assert text[previous:begin].isspace() or previous == begin
        previous = finish
    assert text[previous:end].strip() == ""
