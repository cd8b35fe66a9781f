"""Reading one YAML file safely: plain data, positions, and what is refused."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from provenance.yamlfile import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    YamlDocument,
    child_node,
    read_yaml_file,
)


def read(tmp_path: Path, content: str | bytes) -> YamlDocument:
    file = tmp_path / "file.yaml"
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_bytes(textwrap.dedent(content).encode("utf-8"))
    return read_yaml_file(file, "file.yaml")


def found(document: YamlDocument) -> list[tuple[int, int, str]]:
    return [(p.location.line, p.location.column, p.code) for p in document.problems]


# --- plain data ----------------------------------------------------------------------


def test_scalars_mean_what_yaml_says(tmp_path: Path) -> None:
    document = read(
        tmp_path,
        """\
        whole: 42
        negative: -7
        hex: 0x1F
        real: 2.5
        exponent: 1.0e+3
        yes_: true
        no_: false
        nothing: null
        tilde: ~
        empty:
        quoted_number: "42"
        quoted_bool: 'true'
        text: plain words
        """,
    )
    assert document.problems == []
    assert document.data == {
        "whole": 42,
        "negative": -7,
        "hex": 31,
        "real": 2.5,
        "exponent": 1000.0,
        "yes_": True,
        "no_": False,
        "nothing": None,
        "tilde": None,
        "empty": None,
        "quoted_number": "42",
        "quoted_bool": "true",
        "text": "plain words",
    }
    assert type(document.data["whole"]) is int
    assert type(document.data["yes_"]) is bool


def test_dates_stay_text(tmp_path: Path) -> None:
    document = read(
        tmp_path,
        """\
        day: 2018-07-09
        moment: 2018-07-09T14:30:00Z
        spaced: 2018-07-09 14:30:00
        month: 2018-07
        year: 2018
        """,
    )
    assert document.problems == []
    assert document.data == {
        "day": "2018-07-09",
        "moment": "2018-07-09T14:30:00Z",
        "spaced": "2018-07-09 14:30:00",
        "month": "2018-07",
        "year": 2018,  # a number, which the model reads as a year
    }


def test_nested_lists_and_mappings(tmp_path: Path) -> None:
    document = read(tmp_path, "a:\n  - b: 1\n    c: [x, y]\n  - {d: e}\n")
    assert document.data == {"a": [{"b": 1, "c": ["x", "y"]}, {"d": "e"}]}


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    document = read(tmp_path, b"\xef\xbb\xbfkind: article\ntitle: x\n")
    assert document.problems == []
    assert document.data == {"kind": "article", "title": "x"}


def test_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    document = read(tmp_path, b"kind: article\r\ntitle: x\r\nkind: again\r\n")
    assert document.data == {"kind": "again", "title": "x"}
    assert found(document) == [(3, 1, "duplicate-key")]  # lines still count right


def test_marks_are_one_based(tmp_path: Path) -> None:
    document = read(tmp_path, "first: 1\nsecond:\n  nested: 2\n")
    assert document.root is not None
    value, key = child_node(document.root, "second")
    assert key is not None
    assert value is not None
    assert (key.start_mark.line, key.start_mark.column) == (1, 0)  # PyYAML counts from 0
    document = read(tmp_path, "first: 1\nfirst: 2\n")
    assert found(document) == [(2, 1, "duplicate-key")]


# --- what a case file may not hold ---------------------------------------------------


def test_duplicate_key_is_flagged_at_the_second_key(tmp_path: Path) -> None:
    document = read(
        tmp_path,
        """\
        title: first
        kind: article
        nested:
          a: 1
          a: 2
        title: second
        """,
    )
    assert found(document) == [(5, 3, "duplicate-key"), (6, 1, "duplicate-key")]
    assert document.problems[1].message == (
        "'title' appears twice in this mapping (first on line 1); keep one"
    )
    assert document.data["title"] == "second"  # the last one wins, as in PyYAML


def test_aliases_are_refused_where_they_are_written(tmp_path: Path) -> None:
    document = read(tmp_path, "a: &name value\nb: *name\nc: [*name, x]\n")
    assert found(document) == [(2, 4, "yaml-alias"), (3, 5, "yaml-alias")]
    assert document.data == {"a": "value", "b": None, "c": [None, "x"]}


def test_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    document = read(tmp_path, "\n".join(lines) + "\n")
    assert {code for _, _, code in found(document)} == {"yaml-alias"}
    assert len(document.problems) == 90
    assert document.data["j"] == [None] * 10


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    document = read(tmp_path, "a:\n  <<: {b: 1}\n  c: 2\n")
    assert found(document) == [(2, 3, "yaml-merge")]
    assert document.data == {"a": {"c": 2}}
    assert document.problems[0].message == (
        "merge keys ('<<') are not allowed in case files; write the keys out"
    )


@pytest.mark.parametrize(
    ("content", "tag"),
    [
        ("a: !!python/object:os.system {}\n", "!!python/object:os.system"),
        ("a: !!python/name:os.system ''\n", "!!python/name:os.system"),
        ("a: !custom value\n", "!custom"),
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !!set {x, y}\n", "!!set"),
    ],
)
def test_tags_are_refused(tmp_path: Path, content: str, tag: str) -> None:
    document = read(tmp_path, content)
    assert found(document) == [(1, 4, "yaml-tag")]
    assert f"'{tag}'" in document.problems[0].message
    assert document.data == {"a": None}


def test_standard_tags_are_read(tmp_path: Path) -> None:
    document = read(tmp_path, "a: !!str 2018\nb: !!int '5'\n")
    assert document.problems == []
    assert document.data == {"a": "2018", "b": 5}


@pytest.mark.parametrize(
    ("content", "shown"),
    [("1: x\n", "not 1;"), ("true: x\n", "not true;"), ("? [a, b]\n: x\n", "not a collection;")],
)
def test_keys_must_be_names(tmp_path: Path, content: str, shown: str) -> None:
    document = read(tmp_path, "ok: 1\n" + content)
    assert [code for _, _, code in found(document)] == ["wrong-type"]
    assert document.problems[0].location.line == 2
    assert shown in document.problems[0].message
    assert document.data == {"ok": 1}


def test_nesting_deeper_than_the_cap_is_refused(tmp_path: Path) -> None:
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    document = read(tmp_path, f"a: {deep}\nb: 2\n")
    assert [code for _, _, code in found(document)] == ["too-deep"]
    assert document.data["b"] == 2


def test_nesting_at_the_cap_is_accepted(tmp_path: Path) -> None:
    deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH  # the value of `a` is at depth 1
    assert read(tmp_path, f"a: {deep}\n").problems == []


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 100_000, "- " * 100_000 + "x", "a: " + "{a: " * 100_000],
    ids=["flow-sequences", "block-sequences", "flow-mappings"],
)
def test_absurd_nesting_does_not_crash_the_parser(tmp_path: Path, text: str) -> None:
    # PyYAML's C composer recursed itself into a segmentation fault on these, so they
    # run in a child process: a crash fails this test instead of the whole run.
    file = tmp_path / "deep.yaml"
    file.write_text(text + "\n", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from provenance.yamlfile import read_yaml_file;"
        "print(*[p.code for p in read_yaml_file(Path(sys.argv[1]), 'x').problems])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(file)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["too-deep"]


def test_absurd_nesting_is_reported_where_it_first_goes_too_deep(tmp_path: Path) -> None:
    # The same place whichever limit stops the parse: ours, or PyYAML's own (6.0.4 on).
    deep = read(tmp_path, "- " * 5000 + "x\n")
    shallow = read(tmp_path, "- " * (MAX_DEPTH + 5) + "x\n")
    assert [code for _, _, code in found(deep)] == ["too-deep"]
    assert deep.problems[0].location == shallow.problems[0].location
    assert found(deep) == [(1, 1 + 2 * (MAX_DEPTH + 1), "too-deep")]


# --- files that are not YAML mappings ------------------------------------------------


def test_second_document_is_refused(tmp_path: Path) -> None:
    document = read(tmp_path, "a: 1\n---\nb: 2\n")
    assert found(document) == [(2, 1, "yaml-syntax")]
    assert "remove the extra '---'" in document.problems[0].message
    assert document.root is None


def test_explicit_single_document_is_fine(tmp_path: Path) -> None:
    document = read(tmp_path, "---\na: 1\n...\n")
    assert document.problems == []
    assert document.data == {"a": 1}


@pytest.mark.parametrize(
    "content", ["a:\n\tb: 1\n", "a:\n  b: 1\n\tc: 2\n", "a: 1\n \tb: 2\n"], ids=repr
)
def test_tab_indentation_gets_a_hint(tmp_path: Path, content: str) -> None:
    document = read(tmp_path, content)
    assert [code for _, _, code in found(document)] == ["yaml-syntax"]
    assert "indented with a tab" in document.problems[0].message


def test_tab_after_a_colon_is_fine(tmp_path: Path) -> None:
    assert read(tmp_path, "a:\tb\n").data == {"a": "b"}


def test_syntax_error_without_tabs_gets_no_tab_hint(tmp_path: Path) -> None:
    document = read(tmp_path, "a: b: c\n")
    assert [str(problem) for problem in document.problems] == [
        "file.yaml:1:4: error: YAML syntax: the value of 'a' holds a colon and a space "
        "(': '), which YAML reads as the start of another key: put the whole value in "
        'quotes: a: "b: c" [yaml-syntax]'
    ]


def test_a_syntax_error_no_slip_explains_keeps_the_parsers_words(tmp_path: Path) -> None:
    document = read(tmp_path, "a: [b, c\n]]\n")
    assert [str(problem) for problem in document.problems] == [
        "file.yaml:2:2: error: YAML syntax: did not find expected key [yaml-syntax]"
    ]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "  # indented\n\n#\n"])
def test_empty_files(tmp_path: Path, content: str) -> None:
    document = read(tmp_path, content)
    assert found(document) == [(1, 1, "empty-file")]
    assert document.root is None


def test_document_with_only_markers_is_an_empty_value(tmp_path: Path) -> None:
    # Not an empty file as far as YAML goes; the loader says it is not a mapping.
    document = read(tmp_path, "---\n...\n")
    assert (document.problems, document.data) == ([], None)
    assert isinstance(document.root, yaml.ScalarNode)


def test_not_utf8_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    document = read(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert [str(problem) for problem in document.problems] == [
        "file.yaml:2:7: error: the file is not UTF-8 text (byte 0xe9); save it as UTF-8 in "
        "your editor [not-utf8]"
    ]
    assert document.root is None


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "case.yaml"
    folder.mkdir()
    document = read_yaml_file(folder, "case.yaml")
    assert found(document) == [(1, 1, "unreadable-file")]
    assert document.problems[0].message.startswith("cannot read the file: ")


def test_data_and_root_agree(tmp_path: Path) -> None:
    document = read(tmp_path, "a: [x, y]\n")
    assert isinstance(document.root, yaml.MappingNode)
    value, _ = child_node(document.root, "a")
    item, _ = child_node(value, 1) if value is not None else (None, None)
    assert isinstance(item, yaml.ScalarNode)
    assert (item.value, item.start_mark.line, item.start_mark.column) == ("y", 0, 7)
    assert child_node(document.root, "missing") == (None, None)


@pytest.mark.parametrize(
    ("content", "position"),
    [
        (b"a: 1\rb: caf\xe9\r", (2, 7)),  # old Mac line ends: YAML counts them as lines
        (b"a: 1\r\nb: caf\xe9\r\n", (2, 7)),
        (b"a: \xc3\xa9t\xc3\xa9 \xff\n", (1, 8)),  # columns count characters, not bytes
        (b"\xef\xbb\xbfa: \xff\n", (1, 4)),  # the byte order mark is not a column
    ],
    ids=["cr", "crlf", "multibyte", "bom"],
)
def test_not_utf8_positions_count_as_yaml_does(
    tmp_path: Path, content: bytes, position: tuple[int, int]
) -> None:
    document = read(tmp_path, content)
    assert [(p.location.line, p.location.column) for p in document.problems] == [position]


@pytest.mark.parametrize(
    ("content", "position"), [("a: 1\r\nb: x\x00\n", (2, 5)), ("a: 1\rb: \x1b\n", (2, 4))]
)
def test_a_control_character_is_pointed_at(
    tmp_path: Path, content: str, position: tuple[int, int]
) -> None:
    document = read(tmp_path, content.encode())
    assert [(p.location.line, p.location.column, p.code) for p in document.problems] == [
        (*position, "yaml-syntax")
    ]
    assert "control character YAML does not allow" in document.problems[0].message
    assert "position" not in document.problems[0].message  # nothing of libyaml's internals


def test_a_file_past_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES)
    document = read_yaml_file(big, "big.yaml")
    assert found(document) == [(1, 1, "file-too-large")]
    assert document.root is None
    big.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n")  # just under it: read
    assert read_yaml_file(big, "big.yaml").problems == []


def test_a_named_pipe_does_not_block(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    document = read_yaml_file(pipe, "pipe.yaml")
    assert [str(problem) for problem in document.problems] == [
        "pipe.yaml:1:1: error: cannot read the file: it is not a regular file [unreadable-file]"
    ]
