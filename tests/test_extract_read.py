"""Reading articles (read.py, html.py, article.py): the three formats, their metadata,
and files that are not articles."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from articles import HTML, MARKDOWN, TEXT

from provenance.extract.addresses import web_address
from provenance.extract.article import Article, ArticleFormat, BlockRole, normalise_date
from provenance.extract.read import MAX_BYTES, guess_format, read_article
from provenance.problems import ArticleError


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def links(article: Article) -> list[tuple[str, str]]:
    return [(link.url, article.text[link.start : link.end]) for link in article.links]


# --- plain text ----------------------------------------------------------------------------


def test_plain_text_title_byline_and_date(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "story.txt", TEXT))
    metadata = article.metadata
    assert article.format is ArticleFormat.TEXT
    assert metadata.title is not None
    assert metadata.title.value == "Bots, again: how one dashboard became a story"
    assert [fact.value for fact in metadata.authors] == ["Jane Critic"]
    assert metadata.published is not None
    assert metadata.published.value == "2018-07-12"
    assert [block.role for block in article.blocks[:3]] == [BlockRole.META] * 3


def test_plain_text_paragraphs_are_blocks_with_single_spaces(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.txt", "First  line\nsame paragraph.\n\n\nSecond."))
    assert article.text == "First line same paragraph.\n\nSecond."
    assert [article.text[b.start : b.end] for b in article.blocks] == [
        "First line same paragraph.",
        "Second.",
    ]


def test_bare_addresses_become_links_without_trailing_punctuation(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "story.txt", TEXT))
    url = "https://www.dailynews.example/2018/07/08/bots/?utm_source=feed"
    assert links(article) == [(url, url)]


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_front_matter_links_and_block_quotes(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "story.md", MARKDOWN))
    metadata = article.metadata
    assert article.format is ArticleFormat.MARKDOWN
    assert metadata.title is not None
    assert metadata.title.origin == "the front matter"
    assert metadata.url is not None
    assert metadata.url.value == "https://critic.example/bots-again"
    assert metadata.published is not None
    assert metadata.published.value == "2018-07-12"
    assert links(article) == [
        ("https://dailynews.example/2018/07/08/bots", "The Daily News reported"),
        ("https://ledger.example/columns/hashtag-is-astroturf", "The Ledger"),
        ("https://journal.example/papers/42", "new study"),
    ]
    quotes = [article.text[b.start : b.end] for b in article.blocks if b.role is BlockRole.QUOTE]
    assert quotes == ["The hashtag is astroturf through and through, and everyone knows it."]


def test_markdown_raw_html_is_text_not_markup(tmp_path: Path) -> None:
    source = "Hello <script>alert(1)</script> [x](javascript:alert(1)) world.\n"
    article = read_article(write(tmp_path, "a.md", source))
    assert "<script>alert(1)</script>" in article.text
    assert article.links == ()


def test_markdown_with_broken_front_matter_is_still_read(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\nBody text.\n"))
    assert article.text == "Body text."
    assert article.notes == ("the front matter is not valid YAML; it was skipped",)


def test_first_heading_is_the_title_without_front_matter(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", "# The Heading\n\nText.\n"))
    assert article.metadata.title is not None
    assert (article.metadata.title.value, article.metadata.title.origin) == (
        "The Heading",
        "the first heading",
    )


# --- HTML ------------------------------------------------------------------------------------


def test_html_open_graph_and_schema_org_metadata(tmp_path: Path) -> None:
    metadata = read_article(write(tmp_path, "story.html", HTML)).metadata
    assert metadata.title is not None
    assert (metadata.title.value, metadata.title.origin) == (
        "Bots, again: how one dashboard became a story",
        "og:title",
    )
    assert [(f.value, f.origin) for f in metadata.authors] == [
        ("Jane Critic", "schema.org OpinionNewsArticle")
    ]
    assert metadata.published is not None
    assert metadata.published.value == "2018-07-12"
    assert metadata.url is not None
    assert (metadata.url.value, metadata.url.origin) == (
        "https://critic.example/bots-again",
        'the rel="canonical" link',
    )
    assert metadata.site_name is not None
    assert metadata.site_name.value == "Critic Weekly"
    assert metadata.kind is not None
    assert metadata.kind.value == "opinion"
    assert metadata.citations == ("https://ledger.example/columns/hashtag-is-astroturf",)


def test_html_text_leaves_out_scripts_styles_comments_and_navigation(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "story.html", HTML))
    for unwanted in ("Evil Source", "color: red", "comment nobody", "our sponsor", "About"):
        assert unwanted not in article.text
    assert "Ann Reporter wrote that the figure came from the Hashtag Tracker." in article.text
    # <q> keeps its quotation marks; a block quote is a quote block.
    assert "“may have ranked third among Kremlin-linked hashtags for days”" in article.text
    assert any(block.role is BlockRole.QUOTE for block in article.blocks)


def test_html_links_are_resolved_and_only_web_addresses_kept(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "story.html", HTML))
    assert links(article) == [
        ("https://dailynews.example/2018/07/08/bots#top", "The Daily News reported"),
        ("https://critic.example/archive/older-story", "our older story"),
    ]


def test_open_graph_without_json_ld(tmp_path: Path) -> None:
    page = """<html><head>
      <meta property="og:title" content="Plain &amp; simple">
      <meta name="author" content="By Ann Reporter and Tom Writer">
      <meta property="og:url" content="https://x.example/a">
      <meta property="article:published_time" content="2018-07-09T14:30:00-04:00">
    </head><body><p>Text.</p></body></html>"""
    metadata = read_article(write(tmp_path, "a.html", page)).metadata
    assert metadata.title is not None
    assert metadata.title.value == "Plain & simple"
    assert [f.value for f in metadata.authors] == ["Ann Reporter", "Tom Writer"]
    assert metadata.url is not None
    assert metadata.url.value == "https://x.example/a"
    assert metadata.published is not None
    assert metadata.published.value == "2018-07-09T14:30:00-04:00"
    assert metadata.kind is None


def test_broken_json_ld_does_not_stop_reading(tmp_path: Path) -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": [[[[</script>'
        f'<script type="application/ld+json">{"[" * 100000}</script></head>'
        "<body><p>Last.</p></body></html>"
    )
    article = read_article(write(tmp_path, "a.html", page))
    assert article.metadata.title is None
    assert article.text == "Last."


def test_absurdly_deep_html_is_read_without_crashing(tmp_path: Path) -> None:
    # libxml2 stops nesting at 256 levels; what lies deeper is lost, not a crash.
    page = "<html><body><p>First.</p>" + "<div>" * 100000 + "Deep." + "</div>" * 100000
    article = read_article(write(tmp_path, "a.html", page))
    assert article.text.startswith("First.")


def test_html_declared_charset_is_used_when_not_utf8(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>“Café”</p></body></html>'
    article = read_article(write(tmp_path, "a.html", page.encode("cp1252")))
    assert article.text == "“Café”"
    assert article.notes == ("decoded as windows-1252, as the page declares",)


# --- encodings and formats -----------------------------------------------------------------


def test_byte_order_marks(tmp_path: Path) -> None:
    for name, data in (
        ("utf8.txt", codecs.BOM_UTF8 + "Ça va.".encode()),
        ("utf16.txt", "Ça va.".encode("utf-16")),
    ):
        assert read_article(write(tmp_path, name, data)).text == "Ça va."


def test_text_that_is_not_utf8_is_decoded_with_a_note(tmp_path: Path) -> None:
    text = "Der Bericht über die Wahl, sagte Müller, sei „völlig falsch“. " * 20
    article = read_article(write(tmp_path, "a.txt", text.encode("cp1252")))
    assert "über" in article.text
    assert article.notes
    assert "not UTF-8" in article.notes[0]


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.html", b"anything", ArticleFormat.HTML),
        ("a.md", b"anything", ArticleFormat.MARKDOWN),
        ("a.txt", b"<!DOCTYPE html><html>", ArticleFormat.HTML),
        ("a.txt", b"---\ntitle: x\n---\n", ArticleFormat.MARKDOWN),
        ("a.txt", b"See [this](https://x.example).", ArticleFormat.MARKDOWN),
        ("saved", b"Just words.", ArticleFormat.TEXT),
    ],
)
def test_guess_format(name: str, head: bytes, expected: ArticleFormat) -> None:
    assert guess_format(Path(name), head) is expected


# --- files that are not articles ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="does not exist"):
        read_article(tmp_path / "nope.txt")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="is a folder"):
        read_article(tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"%PDF-1.4\n" + bytes(range(1, 32)) * 200,
    ],
    ids=["png", "control-characters"],
)
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ArticleError, match="binary file"):
        read_article(write(tmp_path, "a.txt", data))


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="is empty"):
        read_article(write(tmp_path, "a.txt", "  \n\n"))


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    with pytest.raises(ArticleError, match="MiB"):
        read_article(path)


# --- helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-07-09", "2018-07-09"),
        ("2018-07-09T14:30:00Z", "2018-07-09T14:30:00Z"),
        ("July 9, 2018", "2018-07-09"),
        ("Published 9th July 2018", "2018-07-09"),
        ("Jul. 9 2018", "2018-07-09"),
        ("2018/7/9", "2018-07-09"),
        ("February 30, 2018", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("value", "base", "expected"),
    [
        ("https://x.example/a", None, "https://x.example/a"),
        ("/a", "https://x.example/b/c", "https://x.example/a"),
        ("/a", None, None),
        ("#top", "https://x.example/", None),
        ("mailto:a@x.example", None, None),
        ("javascript:alert(1)", None, None),
        ("https://x.example/a b", None, None),
    ],
)
def test_web_address(value: str, base: str | None, expected: str | None) -> None:
    assert web_address(value, base) == expected
