"""The common YAML slips, each found where it is and worded with its fix.

tests/cases/invalid/yaml-syntax-* hold one case of each as a whole case folder; these are
the variants: where in a file the slip is, which quotation mark, which line ends.
"""

from __future__ import annotations

import pytest
import yaml

from provenance.yamlfile import parse_yaml_bytes
from provenance.yamlslips import diagnose, quote_value


def problem_at(text: str) -> tuple[int, int, str]:
    """The one problem of a text, as (line, column, message)."""
    document = parse_yaml_bytes(text.encode("utf-8"), "file.yaml")
    assert len(document.problems) == 1, document.problems
    found = document.problems[0]
    return found.location.line, found.location.column, found.message


@pytest.mark.parametrize(
    ("text", "line", "column", "fix"),
    [
        # The parser stops a line later, or where the next key's colon is.
        ("kind: article\npublished:2018-07-10\ntitle: x\n", 2, 11, "write published: 2018-07-10"),
        ("kind:article\ntitle: x\n", 1, 6, "write kind: article"),
        ("a:\n  - claim:rank\n    wording: x\n", 2, 11, "write - claim: rank"),
        ("a:\n  - claim: rank\n    wording:x\nb: 1\n", 3, 13, "write wording: x"),
        ("kind: article\r\npublished:2018-07-10\r\ntitle: x\r\n", 2, 11, "published: 2018-07-10"),
        ("kind: a\rpublished:2018-07-10\rtitle: x\r", 2, 11, "write published: 2018-07-10"),
    ],
    ids=repr,
)
def test_a_missing_space_after_a_colon_is_found_on_its_line(
    text: str, line: int, column: int, fix: str
) -> None:
    at_line, at_column, message = problem_at(text)
    assert (at_line, at_column) == (line, column)
    assert "no space after the colon" in message
    assert message.endswith(fix)


def test_an_address_is_not_taken_for_a_missing_space() -> None:
    # `url:https://...` has no space either; the slip named is the key's, not the URL's.
    _, _, message = problem_at("kind: a\nurl:https://example.com/x\ntitle: t\n")
    assert "colon of 'url'" in message


def test_a_long_line_is_not_repeated_in_the_message() -> None:
    long = "word " * 30
    _, _, message = problem_at(f"kind: a\nwording:{long}\ntitle: t\n")
    assert message.endswith("put a space after wording:")


@pytest.mark.parametrize(
    ("text", "line", "column", "closed_on"),
    [
        ('title: "Bots\nkind: article\nwording: "x"\n', 1, 8, "on line 3"),
        ("title: 'Bots\nkind: article\nwording: 'x'\n", 1, 8, "on line 3"),
        ('a:\n  - title: "Bots\n    kind: x\n  - wording: "y"\n', 2, 12, "on line 4"),
        ('kind: article\ntitle: "Bots\n', 2, 8, "never closed"),
    ],
    ids=repr,
)
def test_a_quote_left_open_is_found_where_it_opens(
    text: str, line: int, column: int, closed_on: str
) -> None:
    at_line, at_column, message = problem_at(text)
    assert (at_line, at_column) == (line, column)
    assert closed_on in message
    assert "close it at the end of the value" in message


def test_a_quoted_value_over_several_lines_is_no_slip() -> None:
    document = parse_yaml_bytes(b'wording: "It ranked\n  first."\nkind: a\n', "file.yaml")
    assert document.problems == []
    assert document.data == {"wording": "It ranked first.", "kind": "a"}


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("title: 'it's here'\n", 'put the value in double quotes: title: "it\'s here"'),
        ('title: "he said "no" today"\n', "single quotes: title: 'he said \"no\" today'"),
    ],
    ids=repr,
)
def test_a_quote_inside_a_quoted_value_ends_it_early(text: str, fix: str) -> None:
    line, column, message = problem_at(text)
    assert (line, column) == (1, 8)
    assert "ends it early" in message
    assert message.endswith(fix)


@pytest.mark.parametrize(
    ("text", "line", "fix"),
    [
        ("title: Bots: a campaign\n", 1, 'title: "Bots: a campaign"'),
        ('a: 1\nwording: He said: "no"\n', 2, "wording: 'He said: \"no\"'"),
        ("a:\n  - wording: He said: no\n", 2, 'wording: "He said: no"'),
    ],
    ids=repr,
)
def test_a_colon_in_a_value_asks_for_quotes(text: str, line: int, fix: str) -> None:
    at_line, _, message = problem_at(text)
    assert at_line == line
    assert "put the whole value in quotes" in message
    assert message.endswith(fix)


@pytest.mark.parametrize("marks", ["\u201c\u201d", "\u2018\u2019", "\u201e\u201c"])
def test_curly_quotes_are_named(marks: str) -> None:
    line, column, message = problem_at(f"title: {marks[0]}Bots: a campaign{marks[1]}\n")
    assert (line, column) == (1, 8)
    assert "curly quotation marks" in message
    assert message.endswith('type straight quotes instead: title: "Bots: a campaign"')


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a:\n\t- x\n", 2, 1),
        ("a:\n  -\tx: 1\n  - y\n", 2, 4),
        ("a: 1\n \tb: 2\n", 2, 2),
    ],
    ids=repr,
)
def test_a_tab_in_the_indentation_is_named(text: str, line: int, column: int) -> None:
    at_line, at_column, message = problem_at(text)
    assert (at_line, at_column) == (line, column)
    assert "indented with a tab" in message


@pytest.mark.parametrize(
    ("text", "line", "how"),
    [
        ("c:\n  - cites: a\n    claim: b\n     relation: c\n", 4, "more"),
        ("c:\n  - cites: a\n    claim: b\n   relation: c\n", 4, "less"),
        ("kind: article\n  title: x\n", 2, "more"),
    ],
    ids=repr,
)
def test_a_key_out_of_step_with_the_one_above(text: str, line: int, how: str) -> None:
    at_line, _, message = problem_at(text)
    assert at_line == line
    assert f"is indented {how} than" in message


def test_a_bracket_left_open() -> None:
    line, column, message = problem_at("authors: [Jane Doe, John Roe\npublished: 2018\n")
    assert (line, column) == (1, 10)
    assert message.endswith("(authors: [Jane Doe, John Roe])")


def test_a_slip_without_a_mark_is_not_diagnosed() -> None:
    assert diagnose("a: b", yaml.MarkedYAMLError(problem="odd")) is None


@pytest.mark.parametrize(
    ("value", "quoted"),
    [("plain", '"plain"'), ('say "no"', "'say \"no\"'"), ('it\'s "x"', "'it''s \"x\"'")],
)
def test_quote_value_needs_no_escapes(value: str, quoted: str) -> None:
    assert quote_value(value) == quoted
    assert yaml.safe_load(f"k: {quoted}") == {"k": value}


# --- comments that cut a value short -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "ending"),
    [
        (
            "title: The #WalkAway campaign\n",
            1,
            12,
            "'title' is 'The': if the '#' belongs to the value, put the whole value in "
            'quotes: title: "The #WalkAway campaign"',
        ),
        ("wording: #WalkAway ranked\n", 1, 10, "'wording' is empty: if the '#' belongs"),
        ("aliases:\n  - #walkaway\n", 2, 5, "this entry is empty: if the '#' belongs"),
        ("title: Episode #5\n", 1, 16, 'title: "Episode #5"'),
    ],
    ids=repr,
)
def test_a_hashtag_that_starts_a_comment_is_warned(
    text: str, line: int, column: int, ending: str
) -> None:
    at_line, at_column, message = problem_at(text)
    assert (at_line, at_column) == (line, column)
    assert ending in message


@pytest.mark.parametrize(
    "text",
    [
        "title: The campaign  # a comment\n",
        'title: "The #WalkAway campaign"\n',
        "title: The #WalkAway campaign\n".replace(" #", "#"),
        "url: https://example.com/#top\n",
        "# a comment\ntitle: x\n",
        "title: x ## ruler\n",
        "wording: >\n  The #WalkAway campaign\n",
    ],
    ids=repr,
)
def test_a_comment_meant_as_one_is_not_warned(text: str) -> None:
    assert parse_yaml_bytes(text.encode(), "file.yaml").problems == []
