"""`provenance extract` end to end: drafts in three formats, the TODOs, and the command."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
import yaml
from articles import HTML, MARKDOWN, STORY_CASE, TEXT, fill_todos
from click.testing import CliRunner, Result
from conftest import TESTS, WALKAWAY, MakeCase

from provenance.build import build
from provenance.checks import check_paths
from provenance.cli import main
from provenance.extract import Draft, extract_source
from provenance.extract.article import Article, ArticleFormat, Fact, Metadata
from provenance.extract.draft import draft_slug
from provenance.extract.match import Matching
from provenance.problems import Severity
from provenance.scaffold import write_new_file
from provenance.yamlfile import read_yaml_file

FORMATS = {"story.txt": TEXT, "story.md": MARKDOWN, "story.html": HTML}
FILLED = {
    "kind": "article",
    "claim": "hashtag-rank",
    "cites": "hashtag-tracker",
    "outlet": "daily-news",
}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="provenance")


@pytest.fixture
def case(make_case: MakeCase) -> Path:
    return make_case(STORY_CASE, clean=False)


def article(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(FORMATS[name], encoding="utf-8")
    return path


def errors(case: Path) -> list[str]:
    report = check_paths([case])
    return [str(p) for p in report.problems if p.severity is Severity.ERROR]


# --- drafts ------------------------------------------------------------------------------


def fake_svg(dot: str, engine: str) -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_fresh_draft_stops_nothing_and_fails_check_in_sources_until_filled(
    tmp_path: Path, case: Path, name: str
) -> None:
    draft = extract_source(article(tmp_path, name), case)
    assert draft.path is not None
    assert draft.path.parent == case / "drafts"
    write_new_file(draft.path, draft.text)
    # In drafts/, the unfinished draft is no part of the case: it checks and builds.
    assert errors(case) == []
    assert build([case], tmp_path / "out", renderer=fake_svg, jobs=1).built
    # Moved into sources/ unfinished, every TODO is an error, where the command said.
    assert draft.todos
    moved = case / "sources" / draft.path.name
    draft.path.rename(moved)
    todo_lines = {(moved.name, todo.line) for todo in draft.todos}
    problem_lines = {
        (Path(p.location.path).name, p.location.line)
        for p in check_paths([case]).problems
        if p.severity is Severity.ERROR
    }
    assert problem_lines == todo_lines
    moved.write_text(fill_todos(draft.text, draft.todos, FILLED), encoding="utf-8")
    assert errors(case) == []


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_draft_cites_known_sources_by_id(tmp_path: Path, case: Path, name: str) -> None:
    draft = extract_source(article(tmp_path, name), case)
    cited = {citation.match.source for citation in draft.citations}
    assert {"daily-news-bots", "hashtag-tracker", "ledger-writer"} <= cited
    data = yaml.safe_load(draft.text)
    assert {entry["cites"] for entry in data["citations"]} >= {"daily-news-bots", "ledger-writer"}
    assert all(entry["claim"] == "TODO" for entry in data["citations"])


def test_draft_metadata_from_html(tmp_path: Path, case: Path) -> None:
    draft = extract_source(article(tmp_path, "story.html"), case)
    data = yaml.safe_load(draft.text)
    assert data["kind"] == "opinion"
    assert data["title"] == "Bots, again: how one dashboard became a story"
    assert data["authors"] == ["Jane Critic"]
    assert data["url"] == "https://critic.example/bots-again"
    assert str(data["published"]) == "2018-07-12"
    assert data["outlet"] == "TODO"  # Critic Weekly is not an outlet of the case
    assert "# title: Bots, again: how one dashboard became a story  # from og:title" not in (
        draft.text
    )
    assert "title: 'Bots, again: how one dashboard became a story'  # from og:title" in draft.text


def test_draft_comments_say_why_and_how_sure(tmp_path: Path, case: Path) -> None:
    text = extract_source(article(tmp_path, "story.md"), case).text
    assert "  # 1. a hyperlink on “The Daily News reported” to" in text
    assert "confidence 0.98." in text
    assert "    claim: TODO  # TODO: the claim it carries, an id from case.yaml; closest" in text
    assert "relation: links  # guessed from the link" in text


def test_draft_without_a_case_goes_to_standard_output(tmp_path: Path) -> None:
    draft = extract_source(article(tmp_path, "story.txt"))
    assert draft.path is None
    assert draft.text.startswith(
        "# yaml-language-server: $schema=../../../schemas/source.schema.json\n"
    )
    data = yaml.safe_load(draft.text)
    assert {entry["cites"] for entry in data["citations"]} == {"TODO"}


def test_modeline_is_relative_to_where_the_draft_goes(tmp_path: Path, case: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "source.schema.json").write_text("{}", encoding="utf-8")
    output = tmp_path / "drafts" / "deep" / "x.yaml"
    output.parent.mkdir(parents=True)
    draft = extract_source(article(tmp_path, "story.txt"), case, output=output)
    assert draft.text.splitlines()[0] == (
        "# yaml-language-server: $schema=../../schemas/source.schema.json"
    )


def test_the_repository_schema_is_found_from_a_case_in_it() -> None:
    # The frozen case sits one folder deeper than claims/NAME, so the line found differs
    # from the one assumed when no schemas/ folder is found.
    seed = TESTS / "articles.py"  # any text will do
    draft = extract_source(seed, WALKAWAY, article_format=ArticleFormat.TEXT)
    assert draft.text.splitlines()[0] == (
        "# yaml-language-server: $schema=../../../../schemas/source.schema.json"
    )


HOSTILE = [
    "Line one\nline two",
    "key: value # not a comment",
    "- not a list",
    "&anchor *alias !!python/object:os.system",
    "'single' \"double\" `back`",
    "null",
    "2018-07-09",
    "yes",
    "---",
    "...",
    "%YAML 1.1",
    "trailing space ",
    "\u2028 line separator \x85 next line \u2029",
    "bell \x07 and escape \x1b",
    "{flow: [mapping]}",
    "#hashtag at the start",
    "@handle at the start",
    "a" * 300,
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_cannot_change_the_yaml(tmp_path: Path, value: str) -> None:
    title = f"Title {value}"
    page = f"""<html><head><meta property="og:title" content="{escape(title)}">
        <meta property="og:site_name" content="{escape(value)}"></head><body>
        <p>According to Ann Reporter, “{escape(value)} and then some more words here”.</p>
        </body></html>"""
    path = tmp_path / "hostile.html"
    path.write_text(page, encoding="utf-8")
    draft = extract_source(path)
    output = tmp_path / "draft.yaml"
    output.write_text(draft.text, encoding="utf-8")
    document = read_yaml_file(output, str(output))
    assert document.problems == []
    data = document.data
    assert isinstance(data, dict)
    assert set(data) <= {"kind", "title", "outlet", "citations"}
    assert data["title"] == " ".join(title.split())


def test_slug_follows_the_case_style(tmp_path: Path) -> None:
    def slug(**metadata: object) -> str:
        fields = {"title": None, "authors": (), "site_name": None} | metadata
        made = Article(str(tmp_path / "Some Article.txt"), ArticleFormat.TEXT, "", (), (),
                       Metadata(**fields))  # type: ignore[arg-type]  # fmt: skip
        return draft_slug(made, Matching(()))

    assert slug() == "some-article"
    assert slug(title=Fact("Bots Are Back!", "x")) == "bots-are-back"
    assert slug(title=Fact("Bots", "x"), authors=(Fact("Ann Reporter", "x"),)) == "reporter-bots"
    assert slug(site_name=Fact("Salon", "x"), authors=(Fact("Bob Cesca", "x"),)) == "salon-cesca"


# --- the command -------------------------------------------------------------------------


def test_extract_writes_a_draft_into_the_case_and_lists_the_todos(
    tmp_path: Path, case: Path
) -> None:
    result = invoke("extract", article(tmp_path, "story.html"), "--case", case)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    written = case / "drafts" / "critic-weekly-critic.yaml"
    assert written.is_file()
    todo_lines = [line for line in result.stderr.splitlines() if ": todo: " in line]
    assert todo_lines[0].startswith(f"{written}:")
    assert any(": todo: outlet: “Critic Weekly” (og:site_name)" in line for line in todo_lines)
    assert result.stderr.splitlines()[-2:] == [
        f"note: {written} is a draft: check and build do not read drafts/, so it stops "
        f"nothing while you finish it; then move it into {case / 'sources'}/",
        f"wrote {written}: 4 proposed citations (3 of a known source); fill in the "
        f"{len(todo_lines)} values marked TODO, move it into {case / 'sources'}/, then run "
        f"`provenance check {case}`.",
    ]
    again = invoke("extract", article(tmp_path, "story.html"), "--case", case)
    assert again.exit_code == 1
    assert again.stderr.startswith(f"error: {written} already exists")


CRITIC_SAME_ADDRESS = """\
    kind: opinion
    title: A title of its own
    url: https://critic.example/bots-again/?utm_source=feed
    """
CRITIC_SAME_TITLE = """\
    kind: opinion
    title: "Bots, again: how one dashboard became a story"
    """


@pytest.mark.parametrize(
    ("recorded", "name", "how"),
    [
        (CRITIC_SAME_ADDRESS, "story.html", "the same address"),
        (CRITIC_SAME_TITLE, "story.txt", "the same title"),
        (CRITIC_SAME_TITLE, "story.md", "the same title"),
    ],
)
def test_extract_says_when_the_case_already_records_the_article(
    tmp_path: Path, make_case: MakeCase, recorded: str, name: str, how: str
) -> None:
    case = make_case({**STORY_CASE, "sources/critic.yaml": recorded}, clean=False)
    result = invoke("extract", article(tmp_path, name), "--case", case)
    assert result.exit_code == 0, result.stderr
    assert (
        f"note: the article is already in the case: {case / 'sources' / 'critic.yaml'} has "
        f"{how} (source 'critic'); check that you are not recording it twice\n"
    ) in result.stderr


def test_extract_says_nothing_of_the_kind_for_a_new_article(tmp_path: Path, case: Path) -> None:
    result = invoke("extract", article(tmp_path, "story.html"), "--case", case)
    assert "already in the case" not in result.stderr


def test_a_draft_named_like_a_recorded_source_is_told_to_take_another_name(
    tmp_path: Path, make_case: MakeCase
) -> None:
    case = make_case({**STORY_CASE, "sources/critic-weekly-critic.yaml": "kind: other\n"})
    result = invoke("extract", article(tmp_path, "story.html"), "--case", case)
    assert result.exit_code == 0, result.stderr
    taken = case / "sources" / "critic-weekly-critic.yaml"
    assert f"note: {taken} already exists: give the draft another name when you move it" in (
        result.stderr
    )


def test_a_draft_written_into_sources_is_said_to_count_at_once(tmp_path: Path, case: Path) -> None:
    output = case / "sources" / "critic.yaml"
    result = invoke("extract", article(tmp_path, "story.txt"), "--case", case, "-o", output)
    assert result.exit_code == 0, result.stderr
    assert (
        f"note: {output} is in sources/, so check and build read it now: its case has errors "
        "until every value marked TODO is filled in"
    ) in result.stderr
    assert result.stderr.splitlines()[-1].endswith(f"then run `provenance check {case}`.")


def test_extract_to_standard_output(tmp_path: Path) -> None:
    result = invoke("extract", article(tmp_path, "story.md"), "--min-confidence", "1")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    assert "<stdout>:" in result.stderr
    assert "No candidate citations were found." in result.stdout


def test_extract_never_overwrites(tmp_path: Path, case: Path) -> None:
    output = tmp_path / "draft.yaml"
    output.write_text("precious\n", encoding="utf-8")
    result = invoke("extract", article(tmp_path, "story.txt"), "--case", case, "-o", output)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {output} already exists; provenance never overwrites a file: delete it "
        "first or choose another name\n"
    )
    assert output.read_text(encoding="utf-8") == "precious\n"


def test_extract_refuses_a_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    result = invoke("extract", binary)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: this looks like a binary file")


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "missing.txt"],
        ["extract"],
        ["extract", "{article}", "--format", "pdf"],
        ["extract", "{article}", "--min-confidence", "2"],
        ["extract", "{article}", "--case", "no-such-case"],
    ],
)
def test_extract_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    path = article(tmp_path, "story.txt")
    monkeypatch.chdir(tmp_path)
    result = invoke(*[arg.format(article=path) for arg in args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: provenance extract" in result.stderr


def test_extract_help_has_examples() -> None:
    result = invoke("extract", "-h")
    assert result.exit_code == 0
    assert "provenance extract saved/salon.html --case claims/walkaway" in result.stdout


def test_draft_is_a_value(tmp_path: Path) -> None:
    draft = extract_source(article(tmp_path, "story.txt"))
    assert isinstance(draft, Draft)
    assert draft.article.format is ArticleFormat.TEXT
