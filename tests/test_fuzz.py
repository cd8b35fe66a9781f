"""Property-based fuzzing: for any bytes, any YAML-ish text and any case folder, valid
or broken, `check` and `build` end in problems that point inside the offending file, or
in a build, and never raise.

Two hypothesis profiles: `ci` (the default) is derandomized, so every run tries the same
examples, and sized to keep this file well under half a minute; `deep` tries fifty times
as many, freshly drawn each run and remembered in .hypothesis/ when one fails:

    PROVENANCE_FUZZ=deep pytest tests/test_fuzz.py --hypothesis-show-statistics

tests/README.md has the figures, and fuzz/fuzz_loader.py a coverage-guided fuzzer of the
loader to run on demand.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from conftest import CLEAN_CASE, needs_graphviz
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.core import given
from invariants import assert_no_live_markup, assert_problems_point_inside, assert_svg_well_formed
from reports import report_paths

from provenance.build import build
from provenance.checks import check_paths, lint_paths
from provenance.cli import main
from provenance.render.html import assets

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep",
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("PROVENANCE_FUZZ", "ci")
settings.load_profile(PROFILE)
SCALE = {"ci": 1, "deep": 50}.get(PROFILE, 1)


def examples(count: int) -> Callable[[Any], Any]:
    """This many examples under the ci profile, SCALE times as many under deep."""
    return settings(max_examples=count * SCALE)


def fake_svg(dot: str, engine: str) -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"><g id="graph0"></g></svg>'


@contextmanager
def case_folder(files: Mapping[str, str | bytes]) -> Iterator[Path]:
    """A case folder holding `files` (paths relative to it), removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        folder = root / "case"
        folder.mkdir()
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(
                content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
            )
        yield folder
    finally:
        shutil.rmtree(root, ignore_errors=True)


def checked(folder: Path) -> None:
    """check and lint agree, and every problem points inside the folder and its files."""
    report = check_paths([folder])
    assert_problems_point_inside(report.problems, folder)
    assert lint_paths([folder], jobs=1).problems == report.problems


def built(folder: Path, renderer: Callable[[str, str], bytes] = fake_svg) -> None:
    """A build either writes a report whose pages hold no live markup, or writes nothing
    and says why; the CLI says the same without a traceback."""
    out = folder.parent / "out"
    result = build([folder], out, renderer=renderer, jobs=1)
    assert_problems_point_inside(result.problems, folder)
    if not result.built:
        assert result.error_count > 0
        assert not out.exists()
        return
    for page in report_paths(out, ".html"):
        assert_no_live_markup(page.read_text("utf-8"), str(assets().script))
    cli = CliRunner().invoke(main, ["check", str(folder), "--all"])
    assert cli.exception is None or isinstance(cli.exception, SystemExit), cli.exception
    shutil.rmtree(out)


CLEAN = {name: text.replace("        ", "") for name, text in CLEAN_CASE.items()}
FILE_NAMES = st.sampled_from(["case.yaml", "outlets.yaml", "sources/echo.yaml", "sources/new.yaml"])


# --- bytes and YAML-ish text -----------------------------------------------------------


@examples(150)
@given(name=FILE_NAMES, content=st.binary(max_size=600))
def test_any_bytes_in_any_file(name: str, content: bytes) -> None:
    with case_folder({**CLEAN, name: content}) as folder:
        checked(folder)


YAML_TOKENS = [
    "\n",
    "\r\n",
    "\r",
    "  ",
    "    ",
    "\t",
    "- ",
    ": ",
    ":",
    "? ",
    ", ",
    "{",
    "}",
    "[",
    "]",
    "'",
    '"',
    "#",
    " # provenance: ignore[missing-wording, isolated-source]",
    "#provenance: ignore[",
    "|",
    ">",
    "---",
    "...",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "&a ",
    "*a",
    "<<: ",
    "!!python/object/apply:os.system ",
    "!custom ",
    "!!binary ",
    "!!str ",
    "\\",
    '"\\x00"',
    '"\\ud800"',
    '"\\u202e"',
    "\ufeff",
    "\x00",
    "\x1b",
    "~",
    "null",
    "true",
    "0x1F",
    "1e400",
    ".inf",
    "2018-07-09",
    "2018-02-30",
    "9999-12-31T23:59:59-01:00",
    "0000",
    "kind",
    "article",
    "dataset",
    "id",
    "title",
    "outlet",
    "authors",
    "url",
    "https://x.org/",
    "javascript:alert(1)",
    "published",
    "date",
    "approximate",
    "note",
    "notes",
    "citations",
    "cites",
    "claim",
    "claims",
    "rank",
    "origin",
    "echo",
    "relation",
    "quotes",
    "disputes",
    "wording",
    "statements",
    "statement",
    "stance",
    "certainty",
    "retracted",
    "verdict",
    "rating",
    "outlets",
    "name",
    "domains",
    "<script>",
    "../",
    "\u043e",
]
yaml_ish = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=4)), max_size=60).map(
    "".join
)


@examples(200)
@given(name=FILE_NAMES, content=yaml_ish)
def test_yaml_ish_text_in_any_file(name: str, content: str) -> None:
    with case_folder({**CLEAN, name: content}) as folder:
        checked(folder)


@examples(100)
@given(changes=st.dictionaries(FILE_NAMES, yaml_ish, min_size=2, max_size=4))
def test_yaml_ish_text_in_several_files_at_once(changes: dict[str, str]) -> None:
    # Some failures need two files to go wrong together: an address that no one can
    # read only reached the code that crashed on it when its outlet listed domains.
    with case_folder({**CLEAN, **changes}) as folder:
        checked(folder)


# --- structured case folders, valid and broken ----------------------------------------

IDS = ["rank", "origin", "echo", "third", "huffpost", "Rank", "../x", "a/b", "huffp\u043est", ""]
text = st.text(max_size=30)
ids = st.one_of(st.sampled_from(IDS[:5]), st.sampled_from(IDS))
odd = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.lists(text, max_size=2))


def maybe_wrong(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly `value`, sometimes something of the wrong type."""
    return st.one_of(value, value, value, odd)


DATE_TEXTS = ["2018", "2018-07", "2018-07-09T14:30:00Z", "2018-02-30", "0", "9998-12-31", "", " "]
date_texts = st.one_of(st.dates().map(str), st.sampled_from(DATE_TEXTS), text)
dates = st.one_of(
    st.fixed_dictionaries(  # first: the mapping form holds the most ways to go wrong
        {"date": st.one_of(st.none(), date_texts, odd, st.dictionaries(text, text, max_size=1))},
        optional={"approximate": maybe_wrong(st.booleans()), "note": maybe_wrong(text)},
    ),
    date_texts,
    st.dictionaries(st.sampled_from(["approximate", "note", "when"]), odd, max_size=2),
    odd,
)
# Web addresses from parts, so that hosts and ports of every shape meet the code that
# reads them (urlsplit raises on some): brackets, IPv6, user info, ports, nothing.
HOSTS = ["a.example", "www.a.example", "A.EXAMPLE", "[abc", "[notip]", "[::1]", "[::1", "x]", ""]
HOST_PARTS = st.one_of(st.sampled_from(HOSTS), st.text(max_size=8))
urls = st.one_of(
    st.builds(
        "{}{}{}{}{}".format,
        st.sampled_from(["https://", "http://", "javascript:", "", "https:/"]),
        st.sampled_from(["", "user:pass@", "@"]),
        HOST_PARTS,
        st.sampled_from(["", ":80", ":99999", ":port", ":"]),
        st.sampled_from(["", "/", "/x", '/"<x>', "/[a/", "?q=\x01"]),
    ),
    st.sampled_from(["https://a.example/x", 'https://a.example/"<x>', "javascript:x", "x"]),
)
citation = st.fixed_dictionaries(
    {
        "cites": maybe_wrong(ids),
        "claim": maybe_wrong(ids),
        "relation": st.sampled_from(
            ["quotes", "paraphrases", "links", "uses-data", "disputes", "quote"]
        ),
    },
    optional={"wording": maybe_wrong(text), "note": text},
)
statement = st.fixed_dictionaries(
    {"claim": maybe_wrong(ids), "wording": maybe_wrong(text)},
    optional={
        "stance": st.sampled_from(["supports", "disputes", "neutral", "maybe"]),
        "certainty": st.sampled_from(["disputed", "possible", "likely", "certain", "sure"]),
    },
)
amendment = st.fixed_dictionaries(
    {"note": maybe_wrong(text)},
    optional={"date": dates, "url": urls, "claims": st.lists(ids, max_size=2)},
)
source = st.fixed_dictionaries(
    {"kind": st.sampled_from(["article", "opinion", "dataset", "social-post", "blog", "other"])},
    optional={
        "title": maybe_wrong(text),
        "outlet": st.one_of(st.just("huffpost"), maybe_wrong(ids)),
        "authors": maybe_wrong(st.lists(text, max_size=3)),
        "url": urls,
        "archived_url": urls,
        "published": dates,
        "primary": maybe_wrong(st.booleans()),
        "retracted": amendment,
        "corrected": amendment,
        "citations": maybe_wrong(st.lists(citation, max_size=4)),
        "statements": maybe_wrong(st.lists(statement, max_size=3)),
        "unknown_key": text,
    },
)
verdict = st.fixed_dictionaries({"rating": text}, optional={"reviewed": dates})
claim = st.fixed_dictionaries(
    {"id": maybe_wrong(ids), "statement": maybe_wrong(text)},
    optional={"verdict": verdict, "notes": text},
)
case_file = st.fixed_dictionaries(
    {"title": maybe_wrong(text), "claims": maybe_wrong(st.lists(claim, min_size=1, max_size=3))},
    optional={
        "summary": text,
        "fact_checker": st.fixed_dictionaries({"name": text}, optional={"url": urls}),
    },
)
outlet = st.fixed_dictionaries(
    # Mostly the outlet the sources name, so that an address meets its outlet's domains.
    {"id": st.one_of(st.just("huffpost"), maybe_wrong(ids)), "name": maybe_wrong(text)},
    optional={
        "domains": st.lists(
            st.sampled_from(["a.example", "A.EXAMPLE", "x"]), min_size=1, max_size=2
        )
    },
)


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def case_folders(draw: st.DrawFn) -> dict[str, str]:
    """A case folder as file contents: drawn from the model, dumped as YAML, and now
    and then cut short or with a YAML token spliced in."""
    files = {"case.yaml": dumped(draw(case_file))}
    if draw(st.integers(0, 3)):
        files["outlets.yaml"] = dumped({"outlets": draw(st.lists(outlet, max_size=3))})
    for index in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(["origin", "echo", "third", f"s{index}", "Bad Name"]))
        files[f"sources/{name}.yaml"] = dumped(draw(source))
    if draw(st.integers(0, 4)) == 0:
        name = draw(st.sampled_from(sorted(files)))
        cut = draw(st.integers(0, len(files[name])))
        files[name] = files[name][:cut] + draw(st.sampled_from(YAML_TOKENS)) + files[name][cut:]
    return files


@examples(120)
@given(files=case_folders())
def test_any_case_folder_builds_or_says_why(files: dict[str, str]) -> None:
    with case_folder(files) as folder:
        checked(folder)
        built(folder)


@examples(60)
@given(url=urls, domains=st.lists(st.sampled_from(["a.example", "x.example"]), min_size=1))
def test_any_address_beside_an_outlet_with_domains(url: str, domains: list[str]) -> None:
    # Issue 16: an address whose host urlsplit cannot read crashed the check of outlet
    # domains, which runs only when the source's outlet lists domains: a pair of files.
    files = {
        **CLEAN,
        "outlets.yaml": dumped({"outlets": [{"id": "huffpost", "name": "H", "domains": domains}]}),
        "sources/echo.yaml": CLEAN["sources/echo.yaml"]
        + dumped({"outlet": "huffpost", "url": url}),
    }
    with case_folder(files) as folder:
        checked(folder)


@examples(60)
@given(published=dates, retracted=dates, reviewed=dates)
def test_any_date_in_every_place_a_date_goes(published: Any, retracted: Any, reviewed: Any) -> None:
    # Issue 16: an empty date in a mapping (`{date: null}`) crashed the date parser.
    claim = {"id": "rank", "statement": "S.", "verdict": {"rating": "R", "reviewed": reviewed}}
    amendment = {"note": "Withdrawn.", "date": retracted}
    files = {
        **CLEAN,
        "case.yaml": dumped({"title": "T", "claims": [claim]}),
        "sources/echo.yaml": CLEAN["sources/echo.yaml"].replace("published: 2018-07-10\n", "")
        + dumped({"published": published, "retracted": amendment}),
    }
    with case_folder(files) as folder:
        checked(folder)


words = st.text(min_size=1, max_size=60)


@st.composite
def valid_cases(draw: st.DrawFn) -> dict[str, str]:
    """A case that loads without errors, with any text at all where text goes."""
    claims = [{"id": "rank", "statement": draw(words), "notes": draw(words)}]
    outlets = {"outlets": [{"id": "outlet", "name": draw(words), "aliases": [draw(words)]}]}
    origin = {
        "kind": draw(st.sampled_from(["article", "dataset", "social-post"])),
        "outlet": "outlet",
        "title": draw(words),
        "authors": draw(st.lists(words, min_size=1, max_size=2)),
        "url": draw(st.sampled_from(["https://a.example/x", 'https://a.example/?q="<x>\x01'])),
        "published": {"date": "2018-07-09", "note": draw(words)},
        "statements": [{"claim": "rank", "wording": draw(words)}],
    }
    echo = {
        "kind": "article",
        "title": draw(words),
        "authors": [draw(words)],
        "published": "2018-07-10",
        "citations": [
            {"cites": "origin", "claim": "rank", "relation": "quotes", "wording": draw(words)}
        ],
        "statements": [{"claim": "rank", "wording": draw(words)}],
    }
    return {
        "case.yaml": dumped({"title": draw(words), "summary": draw(words), "claims": claims}),
        "outlets.yaml": dumped(outlets),
        "sources/origin.yaml": dumped(origin),
        "sources/echo.yaml": dumped(echo),
    }


@needs_graphviz
@examples(10)
@given(files=valid_cases())
def test_any_text_draws_with_graphviz(files: dict[str, str]) -> None:
    from provenance.render.svg import render_svg

    drawn: list[bytes] = []

    def graphviz(dot: str, engine: str) -> bytes:
        drawn.append(render_svg(dot, engine))
        return drawn[-1]

    with case_folder(files) as folder:
        assert check_paths([folder]).error_count == 0
        built(folder, graphviz)
    assert len(drawn) == 3
    for svg in drawn:
        assert_svg_well_formed(svg)
