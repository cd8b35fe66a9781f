"""Injection: strings made to break out of DOT, SVG, HTML, JSON and the exports reach
every one of them as text only.

One case carries each hostile string in every text field of its own claim, outlet and
two sources (the case's title, summary and fact-checker get all of them at once), so
that a single build with the real Graphviz draws each string into node labels, tooltips
and page text without being cut short by a label's length limit. Then: every page and
every SVG is well-formed, nothing from the case became an element, an attribute or a
link other than a web address, JSON gives each string back exactly, the XML exports
parse, and the terminal sees no control character.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from conftest import needs_graphviz, write_files
from invariants import Page, assert_no_live_markup, assert_svg_well_formed
from reports import report_paths

from provenance.build import build
from provenance.checks import check_paths
from provenance.cli import main
from provenance.export import EXPORTERS, export_case
from provenance.load import load_case, to_case
from provenance.render.html import assets
from provenance.text import clean_text

HOSTILE_STRINGS = (
    '"',
    "\\",
    "\\N \\G \\E \\T \\H \\L \\l \\n \\r trailing \\",
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</title></style></textarea><script>alert(1)</script>",
    "]]>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "-->",
    "<!-- a comment --> --!>",
    "<!--provenance-svg:claims/claim-0.svg:-->",
    "{{ 7*7 }} {% if true %}x{% endif %} {# c #} ${7*7}",
    "line one\nline two",
    "crlf\r\nline and a lone\rcr",
    "tab\there",
    "".join(chr(code) for code in range(0x20)),
    "delete\x7f and C1 \x80\x85\x9b\x9f",
    "noncharacters \ufffe \uffff \ufdd0 \U0001fffe",
    "bidi \u202eevil\u202c and \u2066isolate\u2069",
    "separators \u2028 and \u2029",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><a xlink:href=javascript:alert(1)>x</a></svg>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "&amp; &lt;script&gt; &#60;script&#62; &#x3C; &unknown;",
    '"; x -> y; ["',
    "] ; } digraph evil { a -> b",
    "emoji \U0001f642, \U0001d54f and a combining e\u0301",
    "a" * 3000,
)
FIELDS_PER_STRING = 21
"""Text fields each string fills on its own: claim 4, outlet 3, each of two sources 7; the
case's title, summary and fact-checker name hold all the strings at once."""
HOSTILE_URL = 'https://example.org/a?b=1&c="2"<script>alert(1)</script>&d=\x01'


def yaml_string(text: str) -> str:
    """A YAML double-quoted string holding exactly `text`; escapes where YAML needs them
    (json.dumps would not do: YAML takes no surrogate pairs)."""
    return '"' + "".join(_yaml_character(character) for character in text) + '"'


def _yaml_character(character: str) -> str:
    code = ord(character)
    if character in '"\\':
        return "\\" + character
    if (character.isprintable() and code < 0xFFFE) or character == " ":
        return character
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


def injection_case(folder: Path) -> Path:
    everything = yaml_string(" ".join(HOSTILE_STRINGS))
    claims, outlets, files = [], [], {}
    for index, text in enumerate(HOSTILE_STRINGS):
        value, hardened = yaml_string(text), yaml_string(text + " clearly")
        claims.append(
            f"  - {{id: claim-{index}, statement: {value}, notes: {value}, "
            f"verdict: {{rating: {value}, rationale: {value}}}}}\n"
        )
        outlets.append(
            f"  - {{id: outlet-{index}, name: {value}, aliases: [{value}], notes: {value}}}\n"
        )
        files[f"sources/origin-{index}.yaml"] = (
            f"kind: article\noutlet: outlet-{index}\ntitle: {value}\nauthors: [{value}]\n"
            f"url: {yaml_string(HOSTILE_URL)}\narchived_url: {yaml_string(HOSTILE_URL)}\n"
            f"published: {{date: 2018-07-09, note: {value}}}\nnotes: {value}\n"
            f"statements:\n  - {{claim: claim-{index}, wording: {value}, note: {value}}}\n"
            f"retracted: {{note: {value}, claims: [claim-{index}]}}\n"
        )
        files[f"sources/echo-{index}.yaml"] = (
            f"kind: opinion\ntitle: {value}\nauthors: [{value}, {value}]\n"
            f"published: 2018-07-10\nnotes: {value}\n"
            f"citations:\n  - {{cites: origin-{index}, claim: claim-{index}, relation: quotes, "
            f"wording: {value}, note: {value}}}\n"
            f"statements:\n  - {{claim: claim-{index}, wording: {hardened}}}\n"
            f"corrected: {{note: {value}}}\n"
        )
    files["case.yaml"] = (
        f"title: {everything}\nsummary: {everything}\n"
        f"fact_checker: {{name: {everything}, url: {yaml_string(HOSTILE_URL)}}}\n"
        f"claims:\n{''.join(claims)}"
    )
    files["outlets.yaml"] = f"outlets:\n{''.join(outlets)}"
    return write_files(folder, files)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("injection")
    folder = injection_case(root / "case")
    result = build([folder], root / "out", jobs=2)
    assert result.built, result.problems
    return folder, root / "out"


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_case_loads_with_every_string_intact() -> None:
    folder = injection_case(Path(tempfile.mkdtemp()) / "case")
    loaded = load_case(folder)
    shutil.rmtree(folder.parent)
    assert loaded.problems == ()
    case = to_case(loaded)
    assert [claim.statement for claim in case.claims] == list(HOSTILE_STRINGS)


@needs_graphviz
def test_every_page_is_well_formed_and_runs_only_its_own_script(built: tuple[Path, Path]) -> None:
    _, out = built
    pages = report_paths(out, ".html")
    assert len(pages) == 2 + len(HOSTILE_STRINGS)
    for path in pages:
        assert_no_live_markup(path.read_text("utf-8"), str(assets().script))


@needs_graphviz
def test_each_string_shows_as_text_on_its_claim_page(built: tuple[Path, Path]) -> None:
    _, out = built
    for index, text in enumerate(HOSTILE_STRINGS):
        page = Page((out / "case" / "claims" / f"claim-{index}.html").read_text("utf-8"))
        shown = words("".join(page.text))
        assert words(clean_text(text)) in shown, (index, text)


@needs_graphviz
def test_every_drawing_is_well_formed_xml_and_links_only_to_the_web(
    built: tuple[Path, Path],
) -> None:
    _, out = built
    drawings = report_paths(out / "case", ".svg")
    assert len(drawings) == 2 + len(HOSTILE_STRINGS)
    web = set()
    for path in drawings:
        root = assert_svg_well_formed(path.read_bytes())
        for element in root.iter():
            for name, value in element.attrib.items():
                if name.endswith("href"):
                    assert urlsplit(value).scheme, (path, value)  # links lead out only
                    web.add(value)
    assert web == {  # every source's address, percent-encoded where it must be
        "https://example.org/a?b=1&c=%222%22%3Cscript%3Ealert(1)%3C/script%3E&d=%01"
    }


@needs_graphviz
def test_trace_json_gives_every_string_back_exactly(built: tuple[Path, Path]) -> None:
    _, out = built
    for index, text in enumerate(HOSTILE_STRINGS):
        data = json.loads((out / "case" / "claims" / f"claim-{index}.json").read_text("utf-8"))
        assert data["claim"]["statement"] == text
        assert {source["title"] for source in data["sources"]} == {text}


@pytest.mark.parametrize("format_name", sorted(EXPORTERS))
def test_every_export_carries_the_strings_as_text(format_name: str, tmp_path: Path) -> None:
    case = to_case(load_case(injection_case(tmp_path / "case")))
    exported = export_case(case, format_name)
    if format_name in ("graphml", "gexf", "prov-xml"):
        root = ElementTree.fromstring(exported)  # XML 1.0 cannot carry control characters
        texts = {
            value
            for element in root.iter()
            for value in [element.text or "", *element.attrib.values()]
        }
        assert clean_text(HOSTILE_STRINGS[3]) in texts or any(
            clean_text(HOSTILE_STRINGS[3]) in value for value in texts
        )
    elif format_name in ("prov-json", "claimreview", "json"):
        json.loads(exported)
    else:
        assert b"\x1b" not in exported  # prov-n and dot are text for tools and terminals


@needs_graphviz
def test_the_dot_export_draws(tmp_path: Path) -> None:
    from provenance.render.svg import render_svg

    case = to_case(load_case(injection_case(tmp_path / "case")))
    assert_svg_well_formed(render_svg(export_case(case, "dot").decode(), "dot"))


def test_only_web_addresses_are_accepted(tmp_path: Path) -> None:
    folder = injection_case(tmp_path / "case")
    addresses = [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        " https://example.org/",
        "//example.org/",
    ]
    for index, address in enumerate(addresses):
        source = folder / "sources" / f"origin-{index}.yaml"
        text = source.read_text().replace(yaml_string(HOSTILE_URL), yaml_string(address), 1)
        source.write_text(text)
    problems = [
        problem for problem in check_paths([folder]).problems if problem.code == "invalid-url"
    ]
    assert len(problems) == len(addresses)


def test_the_terminal_sees_no_control_character(tmp_path: Path) -> None:
    folder = injection_case(tmp_path / "case")
    trace = CliRunner().invoke(main, ["trace", "claim-15", str(folder)])  # every C0 control
    assert trace.exit_code == 0, trace.output
    assert not [char for char in trace.stdout if ord(char) < 0x20 and char != "\n"]
    source = folder / "sources" / "origin-20.yaml"  # the escape sequences
    source.write_text(
        source.read_text().replace("kind: article", f"kind: {yaml_string(HOSTILE_STRINGS[20])}")
    )
    check = CliRunner().invoke(main, ["check", str(folder)])
    assert check.exit_code == 1
    assert "\x1b" not in check.output
    assert "\\x1b[31mred" in check.stdout
    assert len(check.stdout.splitlines()) == 1  # one problem, one line
