"""Reading one YAML file safely into plain data, keeping every value's position.

This is the bottom of the loading stage. PyYAML's C composer (pure-Python where the C
extension is missing) turns the text into a node tree that knows the line and column of
everything; we build plain dicts, lists and scalars from that tree ourselves so that we
can refuse what a case file never needs and an attacker might use: tags that construct
objects, anchors and aliases (the "billion laughs"), merge keys, and duplicate keys that
PyYAML would silently overwrite. Nothing here prints or raises for bad input: every
problem comes back as a value.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from provenance.acknowledge import by_line, find_directives, ineffective
from provenance.codes import Code
from provenance.model import Location
from provenance.problems import Problem, problem
from provenance.yamlslips import comment_in_value, diagnose

try:  # The C composer is several times faster; fall back where libyaml is missing.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"

# Case files are small and flat; anything deeper is a mistake or an attack.
MAX_DEPTH = 32
MAX_FILE_BYTES = 1024 * 1024
"""The largest file read. A source file quotes passages, not whole articles, and the
largest real ones are a few kilobytes; parsing takes about a second per megabyte, so a
pasted page or a stray data file is refused unread rather than parsed."""
# Beyond this the composer itself is refused the text (see _scan_events).
_COMPOSER_DEPTH = 1000

# The scalar constructors of PyYAML's safe loader, reused so that numbers and booleans
# mean exactly what YAML 1.1 says they mean.
_SCALARS = yaml.constructor.SafeConstructor()


@dataclass
class YamlDocument:
    """A parsed file: its plain data, the node tree behind it, and what went wrong."""

    path: str
    data: Any = None
    root: yaml.Node | None = None
    problems: list[Problem] = field(default_factory=list)
    refused_nodes: frozenset[int] = frozenset()
    """Nodes whose values were refused (and read as empty): validation errors about
    them only echo a problem already reported."""
    directives: dict[int, frozenset[str]] = field(default_factory=dict)
    """The codes each line's `# provenance: ignore[...]` comment acknowledges."""


def mark_location(path: str, node: yaml.Node) -> Location:
    """The 1-based position where a node starts."""
    return _at_mark(path, node.start_mark)


class _Mark(Protocol):
    """A position as PyYAML gives it (its Python and C loaders have a class each)."""

    line: int
    column: int


def _at_mark(path: str, mark: _Mark | None) -> Location:
    """The 1-based position of a (0-based) mark; the file's start when there is none."""
    return Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)


def read_yaml_file(file: Path, display_path: str) -> YamlDocument:
    """Read and parse one file; the document's problems say what kept it from loading."""
    document = YamlDocument(display_path)
    try:
        raw = _read_bytes(file)
    except OSError as exc:
        document.problems.append(
            problem(
                Location(display_path, 1, 1),
                Code.UNREADABLE_FILE,
                f"cannot read the file: {exc.strerror or exc}",
            )
        )
        return document
    if len(raw) > MAX_FILE_BYTES:
        document.problems.append(
            problem(
                Location(display_path, 1, 1),
                Code.FILE_TOO_LARGE,
                f"the file is larger than {MAX_FILE_BYTES:,} bytes, far more than a case file "
                "needs; quote the passage that carries the claim, not the whole text",
            )
        )
        return document
    return parse_yaml_bytes(raw, display_path)


def _read_bytes(file: Path) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of a regular file. Opened without blocking and
    checked before reading, so a named pipe or a device (/dev/zero) named like a case
    file cannot hang the run or fill the memory."""
    handle = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise OSError(0, f"it is {kind}")
        return stream.read(MAX_FILE_BYTES + 1)


def parse_yaml_bytes(raw: bytes, display_path: str) -> YamlDocument:
    """Parse the bytes of one file; the document's problems say what kept it from loading."""
    document = YamlDocument(display_path)
    text = _decode(raw, document)
    if text is not None:
        _parse(text, document)
    return document


def _decode(raw: bytes, document: YamlDocument) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8").removeprefix("\ufeff")
        document.problems.append(
            problem(
                end_of(document.path, before),
                Code.NOT_UTF8,
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as "
                "UTF-8 in your editor",
            )
        )
        return None
    return text.removeprefix("\ufeff")


def _parse(text: str, document: YamlDocument) -> None:
    if not text.strip() or all(
        line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        document.problems.append(
            problem(
                Location(document.path, 1, 1),
                Code.EMPTY_FILE,
                "the file is empty; fill it in or delete it",
            )
        )
        return
    scanned = _scan_events(text, document.path) if _needs_scan(text) else []
    if any(found.code == Code.TOO_DEEP for found in scanned):
        document.problems.extend(scanned)
        return
    loader = _SafeLoader(text)
    try:
        document.root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        document.problems.append(_syntax_problem(document.path, exc, text))
        return
    except yaml.reader.ReaderError as exc:
        document.problems.append(_character_problem(document.path, exc, text))
        return
    except (yaml.YAMLError, RecursionError) as exc:
        document.problems.append(
            problem(Location(document.path, 1, 1), Code.YAML_SYNTAX, f"YAML syntax: {exc}")
        )
        return
    finally:
        loader.dispose()
    if document.root is None:
        document.problems.append(
            problem(Location(document.path, 1, 1), Code.EMPTY_FILE, "the file has no content")
        )
        return
    directives = find_directives(text)
    document.directives = by_line(directives)
    document.problems.extend(ineffective(document.path, directives))
    builder = _Builder(document.path, text)
    document.data = builder.build(document.root, depth=0)
    document.problems.extend(scanned)
    document.problems.extend(builder.problems)
    document.refused_nodes = frozenset(builder.refused)


# Every level of nesting needs one of these indicators ('[', '{', '-', ':' or '?'), so a
# text with fewer of them than the composer's limit cannot be too deep; and an alias
# needs a '*'. Counting characters is far cheaper than a second parse, which most files
# (ordinary case files, a few dozen indicators each) are spared.
_NESTING_INDICATORS = "[{-:?"


def _needs_scan(text: str) -> bool:
    if "*" in text:
        return True
    return sum(text.count(indicator) for indicator in _NESTING_INDICATORS) > _COMPOSER_DEPTH


def _scan_events(text: str, path: str) -> list[Problem]:
    """What the event stream shows before a node tree is built: aliases, and nesting
    deeper than the composer can take (then that one problem alone).

    PyYAML's C composer recurses once per level and crashes the interpreter (a
    segmentation fault, not an exception) on a few tens of thousands of levels, which
    one line of `[[[[...` or `- - - ...` reaches; the parser reads events without
    recursion. Aliases are found here because in the node tree an alias is the very node
    it names, so where the alias was written is lost. Syntax errors are left to the
    composer.
    """
    problems, depth = [], 0
    # Reported where the nesting first goes too deep, as _Builder would report it (the
    # top collection is depth 1 here, 0 there), whichever limit then stops the scan.
    too_deep_at: Location | None = None
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    problem(_at_mark(path, event.start_mark), Code.YAML_ALIAS, _NO_ALIASES)
                )
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth == MAX_DEPTH + 2 and too_deep_at is None:
                    too_deep_at = _at_mark(path, event.start_mark)
                if depth > _COMPOSER_DEPTH and too_deep_at is not None:
                    return [problem(too_deep_at, Code.TOO_DEEP, _TOO_DEEP)]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # PyYAML 6.0.4 and later stop at 1,000 levels themselves, with this error; in flow
        # collections ([[[...) it comes before any event, so only its own mark is known.
        if "maximum nesting depth" in str(exc.problem):
            where = too_deep_at or _at_mark(path, exc.problem_mark)
            return [problem(where, Code.TOO_DEEP, _TOO_DEEP)]
        return []
    except yaml.YAMLError:
        return []
    return problems


_NO_ALIASES = (
    "anchors and aliases (&name, *name) are not allowed in case files; write the value out"
)
_TOO_DEEP = f"values are nested more than {MAX_DEPTH} levels deep; case files are flatter than this"


# Where YAML starts a new line: the columns of marks count from the last of these.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def end_of(path: str, before: str) -> Location:
    """The 1-based position just after `before`, the text that precedes it in a file,
    counted as YAML counts its marks: every kind of line break ends a line."""
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return Location(path, len(breaks) + 1, len(before) - line_start + 1)


def _character_problem(path: str, exc: yaml.reader.ReaderError, text: str) -> Problem:
    """A character YAML does not allow anywhere (a NUL, most control characters),
    pointed at where it is."""
    character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
    return problem(
        end_of(path, text[: max(exc.position, 0)]),
        Code.YAML_SYNTAX,
        f"YAML syntax: the file holds {character}, a control character YAML does not "
        "allow; remove it (is this a binary file?)",
    )


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """The problem at the slip behind a syntax error where it is a common one (yamlslips),
    else at the parser's mark in the parser's words."""
    slip = diagnose(text, exc)
    if slip is not None:
        where = Location(path, slip.line + 1, slip.column + 1)
        return problem(where, Code.YAML_SYNTAX, slip.message)
    mark = exc.problem_mark or exc.context_mark
    location = _at_mark(path, mark)
    detail = exc.problem or "the text cannot be read as YAML"
    if exc.context and "expected a single document" in exc.context:
        detail = "a file holds one YAML document; remove the extra '---'"
    return problem(location, Code.YAML_SYNTAX, f"YAML syntax: {detail}")


class _Builder:
    """Turns a node tree into plain Python data, reporting what a case file may not hold."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.refused: set[int] = set()
        self._seen: set[int] = set()
        # Only a file with a '#' can have a value cut short by a comment.
        self._lines = _LINE_BREAK.split(text) if "#" in text else None

    def _check_comment_after(self, node: yaml.Node, key: str | None) -> None:
        """Warn of a value cut short by a '#' that starts a comment (yamlslips)."""
        if self._lines is None or not isinstance(node, yaml.ScalarNode):
            return
        slip = comment_in_value(self._lines, node, key)
        if slip is not None:
            where = Location(self.path, slip.line + 1, slip.column + 1)
            self.problems.append(problem(where, Code.COMMENT_IN_VALUE, slip.message))

    def _report(self, node: yaml.Node, code: Code, message: str) -> None:
        self.problems.append(problem(mark_location(self.path, node), code, message))
        self.refused.add(id(node))

    def build(self, node: yaml.Node, depth: int) -> Any:
        if id(node) in self._seen:
            # An alias: already reported where it was written (see _scan_events).
            self.refused.add(id(node))
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._report(node, Code.TOO_DEEP, _TOO_DEEP)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, depth) if node.tag == _MAP else self._bad_tag(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node)
            for item in node.value:
                self._check_comment_after(item, None)
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, yaml.ScalarNode):
            return self._build_scalar(node)
        return self._bad_tag(node)

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace(_TAG, "!!")
        self._report(
            node, Code.YAML_TAG, f"the YAML tag '{tag}' is not allowed in case files; remove it"
        )

    def _build_scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            # Dates stay text: the model reads "2018-07" and "2018-07-09" alike.
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _SCALARS.construct_yaml_bool(node)
        if tag == _INT:
            return _SCALARS.construct_yaml_int(node)
        if tag == _FLOAT:
            return _SCALARS.construct_yaml_float(node)
        return self._bad_tag(node)

    def _build_mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key is None:
                if key_node.tag == _TAG + "merge":
                    # The keys it would have merged are missing; saying so only echoes it.
                    self.refused.add(id(node))
                continue
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self._report(
                    key_node,
                    Code.DUPLICATE_KEY,
                    f"'{key}' appears twice in this mapping (first on line {line}); keep one",
                )
            else:
                first_seen[key] = key_node
            self._check_comment_after(value_node, key)
            result[key] = self.build(value_node, depth + 1)
        return result

    def _key(self, node: yaml.Node) -> str | None:
        if node.tag == _TAG + "merge":
            self._report(
                node,
                Code.YAML_MERGE,
                "merge keys ('<<') are not allowed in case files; write the keys out",
            )
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_STR, _TIMESTAMP):
            shown = node.value if isinstance(node, yaml.ScalarNode) else "a collection"
            self._report(
                node,
                Code.WRONG_TYPE,
                f"a key must be a plain name, not {shown!s:.40}; "
                "put it in quotes if it is meant as text",
            )
            return None
        self._seen.add(id(node))
        return str(node.value)


def iter_mapping(node: yaml.Node) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """(key, key node, value node) for each entry of a mapping node; nothing otherwise."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                yield str(key_node.value), key_node, value_node


def child_node(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The value node (and key node) one step below `node`, or (None, None)."""
    if isinstance(step, int):
        if isinstance(node, yaml.SequenceNode) and 0 <= step < len(node.value):
            return node.value[step], None
        return None, None
    found: tuple[yaml.Node | None, yaml.Node | None] = (None, None)
    for key, key_node, value_node in iter_mapping(node):
        if key == step:
            found = (value_node, key_node)  # the last one wins, as in the built data
    return found
