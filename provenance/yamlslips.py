"""The slips newcomers make in hand-written YAML, found where the parser stopped and said
in plain words with the fix.

The parser reports where it could go no further, which is often not where the slip is: a
missing space after a colon shows on the next line, a quote left open where the next
quote happens to be, eight lines on. Given the text and the parser's error, `diagnose`
looks at the lines around it for the common slips (a tab used for indenting, a quote
left open or ended early, a bracket left open, a colon or curly quotes in an unquoted
value, a missing space after a colon, a line indented out of step) and returns the line
and column of the slip with a sentence that names the cause and the fix. None means no
slip was recognised; the parser's own words are then all there is.

`comment_in_value` words the slip YAML takes without complaint: a `#` after a space
starts a comment, so `title: The #WalkAway campaign` is the title "The".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import yaml

try:  # The C scanner where PyYAML has it, as for parsing (see yamlfile.py).
    from yaml import CSafeLoader as _ScanLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _ScanLoader  # type: ignore[assignment]


@dataclass(frozen=True)
class Slip:
    """Where a slip is (0-based, as the parser's marks) and what to say about it."""

    line: int
    column: int
    message: str


# YAML counts every kind of line break, as the marks do.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# A line that starts with a key: its indentation and list dashes, the key, the colon.
_KEY_LINE = re.compile(r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w-]*):(?=[ \t]|$)")
# A key written with no space after its colon (`published:2018-07-10`); not an address.
_NO_SPACE = re.compile(r"(?P<lead>[ \t]*(?:-[ \t]+)*)(?P<key>[A-Za-z_][\w-]*):(?P<after>[^\s/:])")
# Typographic (curly) quotation marks, as word processors put them in: opening, closing.
_CURLY_OPEN, _CURLY_CLOSE = "\u201c\u2018\u201e", "\u201d\u2019\u201c"
_SHOWN = 100
"""The longest corrected line a message shows; past it the message says what to change."""


def diagnose(text: str, error: yaml.MarkedYAMLError) -> Slip | None:
    """The slip behind a syntax error, or None when none of the common ones fits."""
    if error.problem_mark is None:
        return None
    lines = _LINE_BREAK.split(text)
    finders: Sequence[Callable[[list[str], yaml.MarkedYAMLError, str], Slip | None]] = (
        _tab,
        _quote_left_open,
        _quote_ended_early,
        _bracket_left_open,
        _colon_in_value,
        _missing_space,
        _out_of_step,
    )
    for finder in finders:
        slip = finder(lines, error, text)
        if slip is not None:
            return slip
    return None


def _window(error: yaml.MarkedYAMLError, lines: list[str]) -> range:
    """The lines the slip may be on: from the parser's context (when it is close) or the
    line before, to where it stopped."""
    assert error.problem_mark is not None
    end = min(error.problem_mark.line, len(lines) - 1)
    start = end - 1
    if error.context_mark is not None and 0 <= end - error.context_mark.line <= 3:
        start = error.context_mark.line
    return range(end, max(start, 0) - 1, -1)


# --- the slips ---------------------------------------------------------------------------


def _tab(lines: list[str], error: yaml.MarkedYAMLError, text: str) -> Slip | None:
    for number in _window(error, lines):
        line = lines[number]
        indent = line[: len(line) - len(line.lstrip(" \t-"))]
        if "\t" in indent:
            return Slip(
                number,
                indent.index("\t"),
                "YAML syntax: this line is indented with a tab, and YAML indents with "
                "spaces only: replace the tab with spaces, as many as the lines around it "
                "use (an editor can be set to type spaces for the Tab key)",
            )
    return None


def _quote_left_open(lines: list[str], error: yaml.MarkedYAMLError, text: str) -> Slip | None:
    """A quote opened and not closed on its line: YAML reads on to the next quotation
    mark, or to the end of the file, and the parser stops far from the slip."""
    mark = error.context_mark
    if error.context == "while scanning a quoted scalar" and mark is not None:
        quote = lines[mark.line][mark.column]
        return Slip(
            mark.line,
            mark.column,
            f"YAML syntax: the quotation mark ({quote}) that starts this value is never "
            f"closed, so YAML reads the rest of the file as part of it; "
            f"{_close_it(lines[mark.line], mark.column)}",
        )
    token = _swallowing_quote(text, lines)
    if token is None:
        return None
    start, end = token.start_mark, token.end_mark
    quote = lines[start.line][start.column]
    return Slip(
        start.line,
        start.column,
        f"YAML syntax: the quotation mark ({quote}) that starts this value is not closed "
        f"on its line, so YAML reads on to the next {quote}, on line {end.line + 1}, and "
        f"takes the lines between as part of the value; "
        f"{_close_it(lines[start.line], start.column)}",
    )


def _swallowing_quote(text: str, lines: list[str]) -> yaml.ScalarToken | None:
    """The first quoted value that runs over several lines and holds a line that looks
    like a key of its own: a quote left open, in all likelihood."""
    try:
        for token in yaml.scan(text, Loader=_ScanLoader):
            if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
                continue
            first, last = token.start_mark.line, token.end_mark.line
            if any(_KEY_LINE.match(line) for line in lines[first + 1 : last + 1]):
                return token
    except yaml.YAMLError:
        pass
    return None


def _close_it(line: str, column: int) -> str:
    fixed = line.rstrip() + line[column]
    if len(fixed.strip()) <= _SHOWN:
        return f"close it at the end of the value: {fixed.strip()}"
    return "close it at the end of the value, with the same quotation mark"


def _quote_ended_early(lines: list[str], error: yaml.MarkedYAMLError, text: str) -> Slip | None:
    """`title: 'it's here'`: a quotation mark inside a quoted value ends it."""
    assert error.problem_mark is not None
    number = error.problem_mark.line
    match = _KEY_LINE.match(lines[number]) if number < len(lines) else None
    if match is None:
        return None
    value_at = (
        match.end() + len(lines[number][match.end() :]) - len(lines[number][match.end() :].lstrip())
    )
    value = lines[number][value_at:].rstrip()
    if not value or value[0] not in "\"'" or error.problem_mark.column <= value_at:
        return None
    quote, key = value[0], match["key"]
    closing = value.replace("''", "__").find(quote, 1) if quote == "'" else value.find(quote, 1)
    if closing < 0 or closing == len(value) - 1:
        return None
    inner = value[1:-1] if value[-1] == quote else value[1:]
    if quote == "'":
        how = "write each ' inside the value twice ('') or put the value in double quotes"
    else:
        how = 'write each " inside the value as \\" or put the value in single quotes'
    return Slip(
        number,
        value_at,
        f"YAML syntax: the value of '{key}' starts with {quote}, and the {quote} inside it "
        f"ends it early: {how}{_shown_fix(key, inner, ': ')}",
    )


def _bracket_left_open(lines: list[str], error: yaml.MarkedYAMLError, text: str) -> Slip | None:
    """`authors: [Jane Doe, John Roe`: a bracket opened and not closed on its line."""
    if "flow" not in str(error.context):
        return None
    assert error.problem_mark is not None
    first = error.context_mark.line if error.context_mark else error.problem_mark.line
    for number in range(
        min(first, max(error.problem_mark.line - 3, 0)), error.problem_mark.line + 1
    ):
        column = _unclosed_bracket(lines[number]) if number < len(lines) else None
        if column is None:
            continue
        opening = lines[number][column]
        closing = "]" if opening == "[" else "}"
        what = "list" if opening == "[" else "mapping"
        return Slip(
            number,
            column,
            f"YAML syntax: the {what} that starts with '{opening}' here is not closed: end "
            f"it with '{closing}' on the same line ({lines[number].strip()}{closing})",
        )
    return None


def _unclosed_bracket(line: str) -> int | None:
    """The column of the first bracket or brace a line opens and does not close."""
    opened: list[int] = []
    for column, character in enumerate(line):
        if character in "[{":
            opened.append(column)
        elif character in "]}" and opened:
            opened.pop()
    return opened[0] if opened else None


def _colon_in_value(lines: list[str], error: yaml.MarkedYAMLError, text: str) -> Slip | None:
    """`title: Russian bots: a campaign`: a second ': ' on a line reads as a second key."""
    assert error.problem_mark is not None
    if "mapping values are not allowed" not in str(error.problem):
        return None
    number, column = error.problem_mark.line, error.problem_mark.column
    match = _KEY_LINE.match(lines[number]) if number < len(lines) else None
    if match is None or column <= match.end():
        return None
    rest = lines[number][match.end() :]
    value_at = match.end() + len(rest) - len(rest.lstrip())
    value, key = lines[number][value_at:].rstrip(), match["key"]
    if len(value) > 1 and value[0] in _CURLY_OPEN and value[-1] in _CURLY_CLOSE:
        return Slip(
            number,
            value_at,
            f"YAML syntax: the value of '{key}' is in curly quotation marks "
            f"({value[0]}{value[-1]}, from a word processor), which YAML does not read as "
            "quotes, so the ': ' inside it starts a new key: type straight quotes "
            f"instead{_shown_fix(key, value[1:-1], ': ')}",
        )
    return Slip(
        number,
        value_at,
        f"YAML syntax: the value of '{key}' holds a colon and a space (': '), which YAML "
        f"reads as the start of another key: put the whole value in quotes"
        f"{_shown_fix(key, value, ': ')}",
    )


def _missing_space(lines: list[str], error: yaml.MarkedYAMLError, text: str) -> Slip | None:
    """`published:2018-07-10`: without a space after its colon, a key is not one, and
    the parser stops on a later line."""
    for number in _window(error, lines):
        match = _NO_SPACE.match(lines[number])
        if match is None:
            continue
        key = match["key"]
        fixed = f"{match['lead'].strip()} {key}: {lines[number][match.end('key') + 1 :]}"
        fix = f"write {fixed.strip()}" if len(fixed.strip()) <= _SHOWN else ""
        return Slip(
            number,
            match.end("key") + 1,
            f"YAML syntax: there is no space after the colon of '{key}', so YAML does not "
            f"read it as a key: {fix or f'put a space after {key}:'}",
        )
    return None


def _out_of_step(lines: list[str], error: yaml.MarkedYAMLError, text: str) -> Slip | None:
    """A key indented differently from the key on the line above, which YAML cannot
    place in either entry."""
    assert error.problem_mark is not None
    number = error.problem_mark.line
    match = _KEY_LINE.match(lines[number]) if number < len(lines) else None
    above = _line_above(lines, number)
    if match is None or above is None:
        return None
    above_match = _KEY_LINE.match(lines[above])
    if above_match is None or lines[above].rstrip().endswith(":"):
        return None
    indent, wanted = len(match["lead"]), above_match.end("lead")
    if "-" in match["lead"] or indent == wanted:
        return None
    how = "more" if indent > wanted else "less"
    return Slip(
        number,
        indent,
        f"YAML syntax: '{match['key']}' is indented {how} than '{above_match['key']}' on "
        f"line {above + 1}, so YAML cannot tell which entry it belongs to: to go with "
        f"'{above_match['key']}', indent it by {wanted} spaces, as that line does",
    )


def _line_above(lines: list[str], number: int) -> int | None:
    for above in range(number - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _shown_fix(key: str, value: str, separator: str) -> str:
    """': title: "the value"', the corrected line; where that is too long to show, where
    the quotation marks go."""
    fixed = f"{key}{separator}{quote_value(value)}"
    if len(fixed) <= _SHOWN:
        return f": {fixed}"
    mark = quote_value(value)[0]
    return f" (a {mark} after '{key}{separator}' and another at the end of the line)"


def quote_value(value: str) -> str:
    """A value in the quotes that need no escapes inside it: double, else single (with
    any ' doubled)."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


# --- what parses, but not as meant -------------------------------------------------------


def unlisted_hint(root: yaml.Node) -> str:
    """How to make a file written as a list of `- key: value` entries the mapping it
    should be; '' when it is not one."""
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        return ""
    if not all(isinstance(entry, yaml.MappingNode) for entry in root.value):
        return ""
    lines = [str(entry.start_mark.line + 1) for entry in root.value]
    where = f"line {lines[0]}"
    if len(lines) > 1:
        where = f"lines {', '.join(lines[:-1])} and {lines[-1]}"
    return (
        f": remove the '- ' at the start of {where}, and as many spaces from the lines "
        "below, so that each key starts its line"
    )


def comment_in_value(lines: Sequence[str], node: yaml.ScalarNode, key: str | None) -> Slip | None:
    """A '#' with no space after it that starts a comment right after a plain value
    (`title: The #WalkAway campaign`): a hashtag or a number sign that cut the value
    short, far more often than a comment meant as one. `key` is None for a list entry."""
    end = node.end_mark
    if node.style or end.line >= len(lines):
        return None
    rest = lines[end.line][end.column :]
    comment = rest.lstrip(" \t").rstrip()
    if len(comment) < 2 or comment[0] != "#" or comment[1] in " \t#" or rest[:1] == "#":
        return None
    value = str(node.value)
    what = f"'{key}'" if key is not None else "this entry"
    read = f"'{value}'" if value else "empty"
    fix = f": {key}: {quote_value(f'{value} {comment}'.strip())}" if key is not None else ""
    shown = comment if len(comment) <= 30 else comment[:29] + "…"
    return Slip(
        end.line,
        end.column + len(rest) - len(rest.lstrip(" \t")),
        f"'{shown}' is read as a comment, since a '#' after a space starts one, so {what} "
        f"is {read}: if the '#' belongs to the value, put the whole value in quotes"
        f"{fix if len(fix) <= _SHOWN else ''}",
    )
