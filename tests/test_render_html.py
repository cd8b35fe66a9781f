"""The HTML report: view-models, escaping, links, the security policy, determinism, as-of."""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from conftest import WALKAWAY, MakeCase, needs_graphviz
from reports import report_paths

from provenance.build import build
from provenance.cli import main
from provenance.load import load_case, to_case
from provenance.model import Case, Source, SourceKind
from provenance.render.html import (
    CaseReport,
    assets,
    claim_row,
    inline_svg,
    relative_href,
    render_report,
    source_links,
    source_rows,
)
from provenance.timeline import appearance_days
from provenance.trace import Trace, trace_case

CLAIM_PAGE = "walkaway/claims/bots-drive-walkaway.html"


def fake_svg(dot: str, engine: str) -> bytes:
    return b'<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg><g id="node1" class="node"/></svg>\n'


@pytest.fixture(scope="module")
def walkaway() -> Case:
    return to_case(load_case(WALKAWAY))


@pytest.fixture(scope="module")
def traces(walkaway: Case) -> dict[str, Trace]:
    return {trace.claim.id: trace for trace in trace_case(walkaway)}


@pytest.fixture(scope="module")
def pages(walkaway: Case, traces: dict[str, Trace]) -> dict[str, str]:
    report = CaseReport(walkaway, tuple(traces.values()), (), {})
    return {path: html.decode() for path, html in render_report([report]).items()}


class Page(HTMLParser):
    """A page parsed the way a browser's tokenizer sees it: elements, text, scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.inside = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.inside = tag if tag in ("script", "style") else ""

    def handle_endtag(self, tag: str) -> None:
        self.inside = ""

    def handle_data(self, data: str) -> None:
        {"script": self.scripts, "style": self.styles}.get(self.inside, self.text).append(data)

    def attributes(self, tag: str, name: str) -> list[str]:
        return [
            value
            for element, attrs in self.elements
            if element == tag and (value := attrs.get(name)) is not None
        ]

    def ids(self) -> set[str]:
        return {value for _, attrs in self.elements if (value := attrs.get("id"))}


# --- view-models ---------------------------------------------------------------------


def test_a_claim_at_a_glance(walkaway: Case, traces: dict[str, Trace]) -> None:
    row = claim_row(walkaway, traces["bots-drive-walkaway"], "index.html")
    assert (row.sources, row.outlets, row.independent_origins, row.longest_chain) == (11, 10, 4, 2)
    assert row.chain == "huffpost-papenfuss → salon-cesca → digby-bots-back"
    assert (row.first_seen.text, row.last_seen.text) == ("≈ 2018-07-08", "2018-07-09")
    assert [(badge.code, badge.count) for badge in row.warnings] == [
        ("ungrounded", 1),
        ("escalation", 1),
    ]
    assert row.href == CLAIM_PAGE
    assert row.verdict == "Unproven"


def test_chain_rows_tie_each_source_to_its_node_and_path(
    walkaway: Case, traces: dict[str, Trace]
) -> None:
    trace = traces["bots-drive-walkaway"]
    rows = {row.id: row for row in source_rows(trace, appearance_days(walkaway))}
    digby = rows["digby-bots-back"]
    assert digby.node_id == "source-digby-bots-back"
    assert digby.distance == "2"
    # One step back: the script follows `via` from row to row to the origins.
    assert digby.via.split() == ["salon-cesca"]
    assert digby.via_edges.split() == ["citation-salon-cesca-digby-bots-back-quotes"]
    salon = rows["salon-cesca"]
    assert set(salon.via.split()) == {"huffpost-papenfuss", "arc-digital"}
    assert "citation-arc-digital-salon-cesca-paraphrases" in salon.via_edges.split()
    assert [drift.cited for drift in digby.drifts] == ["salon-cesca"]
    assert rows["huffpost-papenfuss"].origin
    assert rows["huffpost-papenfuss"].date.text == "≈ 2018-07-08"
    assert rows["salon-cesca"].appeared == "2018-07-09"
    assert [own.certainty for own in rows["salon-cesca"].statements] == ["likely", "certain"]


def test_undated_sources_say_what_bounds_them(walkaway: Case, traces: dict[str, Trace]) -> None:
    trace = traces["bots-drive-walkaway"]
    rows = {row.id: row for row in source_rows(trace, appearance_days(walkaway))}
    assert rows["digby-bots-back"].date.text == "date unknown"
    assert rows["digby-bots-back"].date_note == (
        "not before 2018-07-09: it cites a source of that day"
    )
    assert rows["arc-digital"].appeared == ""


def test_only_web_addresses_become_links() -> None:
    source = Source(
        kind=SourceKind.ARTICLE,
        id="x",
        url="javascript:alert(1)",
        archived_url="https://web.archive.org/web/2018/https://example.org/",
    )
    assert [(link.text, link.href) for link in source_links(source)] == [
        ("archived copy", "https://web.archive.org/web/2018/https://example.org/")
    ]


def test_links_between_pages_are_relative() -> None:
    assert relative_href("walkaway/index.html", "index.html") == "walkaway/index.html"
    assert relative_href("index.html", CLAIM_PAGE) == "../../index.html"
    assert relative_href("walkaway/claims/a b.html", "walkaway/index.html") == "claims/a%20b.html"


def test_inline_svg_drops_the_prologue_and_keeps_ids() -> None:
    svg = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "x"\n'
        b' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Title: g -->\n'
        b'<svg><!-- a --><g id="source&#45;a"><a xlink:href="https://example.org/" '
        b'target="_blank"><text>a</text></a></g></svg>\n'
    )
    inlined = str(inline_svg(svg))
    assert inlined.startswith("<svg>")
    assert "<!--" not in inlined
    assert "DOCTYPE" not in inlined
    assert '<a rel="noopener noreferrer" xlink:href="https://example.org/"' in inlined
    assert 'id="source&#45;a"' in inlined
    assert 'id="outlets-source&#45;a"' in str(inline_svg(svg, id_prefix="outlets-"))


# --- pages ---------------------------------------------------------------------------


def test_the_report_has_an_index_a_page_per_case_and_per_claim(pages: dict[str, str]) -> None:
    assert "index.html" in pages
    assert "walkaway/index.html" in pages
    assert CLAIM_PAGE in pages
    assert len(pages) == 2 + 8


def test_the_index_lists_every_claim_with_its_numbers(pages: dict[str, str]) -> None:
    index = Page(pages["index.html"])
    links = index.attributes("a", "href")
    assert CLAIM_PAGE in links
    assert "walkaway/index.html" in links
    rows = [attrs for tag, attrs in index.elements if tag == "tr" and "data-warnings" in attrs]
    assert len(rows) == 8
    assert any(row["data-warnings"] == "ungrounded escalation" for row in rows)


def test_the_claim_page_has_a_row_per_source_linked_to_the_graph(pages: dict[str, str]) -> None:
    page = Page(pages[CLAIM_PAGE])
    rows = [attrs for tag, attrs in page.elements if tag == "tr" and "data-source" in attrs]
    assert len(rows) == 11
    assert rows[0]["id"] == "row-huffpost-papenfuss"
    assert rows[0]["data-node"] == "source-huffpost-papenfuss"
    control = [attrs for tag, attrs in page.elements if attrs.get("class") == "as-of-control"]
    # Only the sources' own dates: the astroturf post cites a piece of 2 July, but the
    # record does not date it, so it marks no day on the control.
    assert control[0]["data-days"] == "2018-07-08 2018-07-09"
    assert "https://www.salon.com/2018/07/09/" in " ".join(page.attributes("a", "href"))


def test_every_outbound_link_is_web_only_and_opens_without_referrer(
    pages: dict[str, str],
) -> None:
    for html in pages.values():
        page = Page(html)
        for tag, attrs in page.elements:
            href = attrs.get("href") or attrs.get("xlink:href") or ""
            if tag == "a" and urlsplit(href).scheme:
                assert urlsplit(href).scheme in ("http", "https"), href
                assert attrs.get("rel") == "noopener noreferrer", href


def test_the_policy_allows_exactly_the_inline_style_and_script(pages: dict[str, str]) -> None:
    for html in pages.values():
        page = Page(html)
        policy = page.attributes("meta", "content")[0]
        assert policy.startswith("default-src 'none';")
        assert "unsafe" not in policy
        assert page.scripts == [str(assets().script)]
        assert page.styles == [str(assets().style)]
        for text in (*page.scripts, *page.styles):
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy


def test_rendering_is_deterministic(walkaway: Case) -> None:
    def render() -> dict[str, bytes]:
        report = CaseReport(walkaway, tuple(trace_case(walkaway)), (), {})
        return render_report([report])

    assert render() == render()


@needs_graphviz
def test_built_pages_link_only_to_files_that_exist(tmp_path: Path) -> None:
    output = tmp_path / "moved"
    build([WALKAWAY], tmp_path / "out")  # real drawings: their links are checked too
    (tmp_path / "out").rename(output)  # relative links survive a move
    filter_links = 0
    for path in report_paths(output, ".html"):
        page = Page(path.read_text())
        in_drawings = [
            ref for ref in page.attributes("a", "xlink:href") if not urlsplit(ref).scheme
        ]
        assert not in_drawings  # drawings link only out, to the sources
        in_filter = page.attributes("option", "data-href")  # a claim chosen in a case page
        filter_links += len(in_filter)
        for href in page.attributes("a", "href") + in_filter:
            parts = urlsplit(href)
            if parts.scheme:
                continue
            assert not parts.path.startswith("/"), href
            if parts.path:
                target = posixpath.join(path.parent.as_posix(), unquote(parts.path))
                assert Path(posixpath.normpath(target)).is_file(), (path, href)
            if parts.fragment:
                linked = output / (posixpath.normpath(target) if parts.path else path)
                assert parts.fragment in Page(Path(linked).read_text()).ids(), (path, href)
    assert filter_links == len(to_case(load_case(WALKAWAY)).claims)


# --- escaping ------------------------------------------------------------------------

EVIL = '<script>alert(1)</script> "quoted" & {{ 7*7 }} {% if %}'


def evil_case() -> dict[str, str]:
    text = json.dumps(EVIL)  # a JSON string is a valid YAML double-quoted string
    return {
        "case.yaml": f"""\
            title: {text}
            summary: {text}
            fact_checker: {{name: {text}, url: "https://example.org/?a=1&b=2"}}
            claims:
              - id: rank
                statement: {text}
                notes: {text}
                verdict: {{rating: {text}, rationale: {text}}}
            """,
        "outlets.yaml": f"outlets:\n  - {{id: evil, name: {text}}}\n",
        "sources/origin.yaml": f"""\
            kind: article
            outlet: evil
            title: {text}
            authors: [{text}]
            url: https://example.org/a?b=1&c="2"
            published: {{date: 2018-07-09, note: {text}}}
            statements:
              - {{claim: rank, wording: {text}}}
            """,
        "sources/echo.yaml": f"""\
            kind: article
            title: {text}
            published: 2018-07-10
            citations:
              - {{cites: origin, claim: rank, relation: quotes, wording: {text}}}
            statements:
              - {{claim: rank, wording: {json.dumps(EVIL + " clearly")}}}
            """,
    }


@needs_graphviz
def test_markup_in_case_files_shows_as_text(make_case: MakeCase, tmp_path: Path) -> None:
    result = build([make_case(evil_case())], tmp_path / "out")
    assert result.built, result.problems
    pages = report_paths(tmp_path / "out", ".html")
    assert len(pages) == 3
    for path in pages:
        page = Page(path.read_text())
        assert page.scripts == [str(assets().script)], path
        assert [tag for tag, _ in page.elements].count("script") == 1
        assert not [name for _, attrs in page.elements for name in attrs if name.startswith("on")]
        assert EVIL in "".join(page.text), path
    claim = Page((tmp_path / "out" / "case" / "claims" / "rank.html").read_text())
    assert 'https://example.org/a?b=1&c="2"' in claim.attributes("a", "href")


# --- as of a date --------------------------------------------------------------------


def test_a_build_as_of_a_day_says_so_and_leaves_later_sources_out(tmp_path: Path) -> None:
    build([WALKAWAY], tmp_path / "out", renderer=fake_svg, as_of=date(2018, 7, 8))
    html = (tmp_path / "out" / CLAIM_PAGE).read_text()
    assert "As of 2018-07-08." in html
    assert 'id="row-huffpost-papenfuss"' in html
    assert 'id="row-salon-cesca"' not in html  # published 9 July
    assert 'id="row-digby-bots-back"' not in html  # undated, but cites Salon
    assert 'id="row-arc-digital"' in html  # undated, cites nothing dated
    full = render_report([CaseReport(to_case(load_case(WALKAWAY)), (), (), {})])
    assert b"As of" not in full["index.html"]


@needs_graphviz
def test_the_build_command_takes_a_day(tmp_path: Path) -> None:
    arguments = ["build", str(WALKAWAY), "-o", str(tmp_path / "out"), "--as-of", "2018-07-08"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert "as the record stood on 2018-07-08" in result.stderr
    assert "As of 2018-07-08." in (tmp_path / "out" / "index.html").read_text()


def test_the_build_command_refuses_a_day_that_is_not_one(tmp_path: Path) -> None:
    arguments = ["build", str(WALKAWAY), "-o", str(tmp_path / "out"), "--as-of", "2018-02-30"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    assert "--as-of" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_claim_page_shows_the_trace_findings_in_its_body(tmp_path: Path) -> None:
    # Inferred copies, omissions and notes, each in its own section of the page's main
    # content (once, a template change put them into the <body> tag's class attribute).
    from casebuilder import case, cites, says, source

    words = "My life itself has been one long soundtrack of music and film, he said."
    built = case(
        tmp_path,
        {
            "edit": source("other", published="2009-03-30", statements=[says(words)]),
            "copy": source(published="2009-03-31", statements=[says(words)]),
            "skip": source(published="2009-04-01", omits=[{"claim": "c", "note": "Not printed."}]),
            "tempered": source(
                published="2009-04-02",
                statements=[says("It may be that he said it.")],
                citations=[cites("copy")],
            ),
        },
    )
    report = CaseReport(built, tuple(trace_case(built)), (), {})
    html = render_report([report])[f"{built.id}/claims/c.html"].decode()
    page = Page(html)
    assert [attrs.get("class") for tag, attrs in page.elements if tag == "body"] == ["page-claim"]
    assert {"copies", "omissions", "notes"} <= page.ids()
    text = " ".join(page.text)
    assert "seems to copy" in text
    assert "Not printed." in text
    assert "the wording suggests 1" in text


def test_the_date_control_starts_when_the_claim_first_appears(tmp_path: Path) -> None:
    # A denial dated only by its month ("≈ 2009-02" counts from 1 February) must not
    # make the control open on a day before anyone had made the claim; the denial stays
    # visible at every step instead.
    from casebuilder import case, cites, says, source

    built = case(
        tmp_path,
        {
            "edit": source("other", published="2009-02-09", statements=[says("He is called W.")]),
            "copy": source(
                published="2009-02-10",
                statements=[says("He is called W.")],
                citations=[cites("edit")],
            ),
            "denial": source(
                published={"date": "2009-02", "approximate": True},
                statements=[says("He is not called W.", stance="disputes")],
            ),
        },
    )
    report = CaseReport(built, tuple(trace_case(built)), (), {})
    html = render_report([report])[f"{built.id}/claims/c.html"].decode()
    control = [attrs for tag, attrs in Page(html).elements if attrs.get("data-days")]
    assert control[0]["data-days"] == "2009-02-09 2009-02-10"
    rows = {
        attrs["data-source"]: attrs
        for tag, attrs in Page(html).elements
        if tag == "tr" and "data-source" in attrs
    }
    assert rows["denial"]["data-appeared"] == "2009-02-01"
