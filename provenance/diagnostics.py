"""Validation errors -> Problems: what the validator says of a file, said to a fact-checker.

The errors come from `validator.py` in pydantic's shape and with pydantic's codes
(`string_type`, `enum`, `unexpected_keyword_argument`...): this module was written when
pydantic validated the files, and the tests hold the validator to pydantic's errors.
Each error names a path into the data (`citations`, 2, `relation`); this finds the node
written there, to point at its line and column, and words the error with a
did-you-mean hint for misspelt keys and values. Nodes are found through
an index of each mapping built once, so a file with a hundred thousand problems is
located in one pass, not one pass per problem.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import yaml

from provenance.codes import Code
from provenance.ids import id_mistake
from provenance.model import ID_PATTERN, Location
from provenance.problems import Problem, closest, did_you_mean, problem
from provenance.yamlfile import YamlDocument, mark_location

Loc = tuple[str | int, ...]


def loc_of(detail: Mapping[str, Any]) -> Loc:
    """The path of one validation error into the data."""
    return tuple(step for step in detail["loc"] if isinstance(step, int | str))


def relevant_errors(details: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The validation errors minus echoes: a list "too short after validation" because an
    item inside it failed says nothing new."""
    inside_failures = {
        loc[:length]
        for loc in (loc_of(detail) for detail in details if detail["type"] != "too_short")
        for length in range(len(loc))
    }
    return [
        detail
        for detail in details
        if detail["type"] != "too_short" or loc_of(detail) not in inside_failures
    ]


class NodeIndex:
    """The nodes of one document by their path, each mapping indexed on first use."""

    def __init__(self, root: yaml.Node) -> None:
        self.root = root
        self._mappings: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    def child(self, node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
        """The value node (and key node) one step below `node`, or (None, None)."""
        if isinstance(step, int):
            if isinstance(node, yaml.SequenceNode) and 0 <= step < len(node.value):
                return node.value[step], None
            return None, None
        if not isinstance(node, yaml.MappingNode):
            return None, None
        entries = self._mappings.get(id(node))
        if entries is None:
            # Of a key written twice (an error already), the last is the one in the data.
            entries = {
                str(key.value): (value, key)
                for key, value in node.value
                if isinstance(key, yaml.ScalarNode)
            }
            self._mappings[id(node)] = entries
        value_node, key_node = entries.get(step, (None, None))
        return value_node, key_node

    def at(self, loc: Sequence[str | int]) -> tuple[yaml.Node, yaml.Node | None, int]:
        """The deepest node along `loc`, its key node, and how many steps were followed."""
        node, key_node, depth = self.root, None, 0
        for step in loc:
            child, child_key = self.child(node, step)
            if child is None:
                break
            node, key_node, depth = child, child_key, depth + 1
        return node, key_node, depth


_UNKNOWN_KEY = ("unexpected_keyword_argument", "extra_forbidden")
_MISSING = ("missing", "missing_argument")


def problems_from_errors(
    details: Iterable[Mapping[str, Any]],
    model: type,
    document: YamlDocument,
    default_id: str | None,
) -> list[Problem]:
    """The Problems for a file's validation errors, echoes of refused values left out."""
    assert document.root is not None
    index = NodeIndex(document.root)
    details = list(details)
    misspelt = _misspelt_fields(details, model)
    found = (
        problem_from_error(detail, model, document, index, default_id)
        for detail in details
        if not (detail["type"] in _MISSING and loc_of(detail) in misspelt)
    )
    return [item for item in found if item is not None]


def _misspelt_fields(details: list[Mapping[str, Any]], model: type) -> set[Loc]:
    """The required fields that are missing only because they were misspelt: an unknown
    key beside them is a likely typo of their name. One slip is one problem: the unknown
    key's message names the field it meant, so "missing required field" would only
    repeat it."""
    missing = {loc_of(detail) for detail in details if detail["type"] in _MISSING}
    if not missing:
        return set()
    explained: set[Loc] = set()
    for detail in details:
        if detail["type"] not in _UNKNOWN_KEY:
            continue
        loc = loc_of(detail)
        allowed = field_names(model, tuple(step for step in loc[:-1] if isinstance(step, str)))
        meant = closest(str(loc[-1]), allowed)
        if meant is not None and (*loc[:-1], meant) in missing:
            explained.add((*loc[:-1], meant))
    return explained


def problem_from_error(
    detail: Mapping[str, Any],
    model: type,
    document: YamlDocument,
    index: NodeIndex,
    default_id: str | None,
) -> Problem | None:
    """The Problem for one validation error; None when it only echoes a refused value."""
    path, loc = document.path, loc_of(detail)
    node, key_node, depth = index.at(loc)
    kind = detail["type"]
    unknown_key = kind in _UNKNOWN_KEY
    # A refused value was read as empty; what validation says of it only echoes that. An
    # unknown key is another matter, even when its value was refused (aliased, say).
    if id(node) in document.refused_nodes and not (unknown_key and key_node is not None):
        return None
    name = _field_name(loc)
    if unknown_key:
        allowed = field_names(model, tuple(step for step in loc[:-1] if isinstance(step, str)))
        where = key_node if key_node is not None else node
        return problem(
            mark_location(path, where),
            Code.UNKNOWN_FIELD,
            f"unknown field '{shorten(str(loc[-1]))}'{did_you_mean(str(loc[-1]), allowed)}; "
            f"expected one of: {', '.join(allowed)}",
        )
    if kind in _MISSING:
        return problem(
            mark_location(path, node), Code.MISSING_FIELD, f"missing required field '{name}'"
        )
    if name == "id" and depth < len(loc) and default_id is not None:
        return problem(
            Location(path, 1, 1),
            Code.INVALID_ID,
            f"the file name '{default_id}' does not make a valid id: "
            f"{id_mistake(default_id)}; rename the file or add an `id:`",
        )
    code, message = _describe_error(detail, name)
    message += _shape_hint(kind, detail.get("input"), node, name)
    # A date written as a mapping names the key it does not know: point at that key.
    bad_key = detail.get("ctx", {}).get("key") if kind == Code.INVALID_DATE else None
    _, bad_key_node = index.child(node, str(bad_key)) if bad_key is not None else (None, None)
    return problem(mark_location(path, bad_key_node or node), code, message)


def shorten(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: whole when short, its start and a '…' otherwise,
    so that a pasted page does not make a problem line a page long."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list (one '- ' entry per line)",
    "list_type": "a list (one '- ' entry per line)",
    "dataclass_type": "a mapping of keys and values",
    "dataclass_exact_type": "a mapping of keys and values",
    "dict_type": "a mapping of keys and values",
}


_LIST_TYPES = ("tuple_type", "list_type")
_MAPPING_TYPES = ("dataclass_type", "dataclass_exact_type", "dict_type")


def _shape_hint(kind: str, value: Any, node: yaml.Node, name: str) -> str:
    """How to turn a mapping into the list it should be, or a list into a mapping, or
    text into a list: the slips of '- ' that a type error most often stands for."""
    if kind in _LIST_TYPES and isinstance(value, str) and "\n" not in value:
        return f": write {name}: [{shorten(value)}]"
    if kind in _LIST_TYPES and isinstance(node, yaml.MappingNode) and node.value:
        first = node.value[0][0]
        return (
            f": write '- ' before '{shorten(str(first.value), 30)}' on line "
            f"{first.start_mark.line + 1}, and indent the lines below it by two more spaces, "
            "to line up with it"
        )
    if kind in _MAPPING_TYPES and isinstance(node, yaml.SequenceNode) and len(node.value) == 1:
        entry = node.value[0]
        if isinstance(entry, yaml.MappingNode) and entry.value:
            first = entry.value[0][0]
            return (
                f": remove the '- ' before '{shorten(str(first.value), 30)}' on line "
                f"{first.start_mark.line + 1}, and two spaces from the lines below it"
            )
    return ""


def _describe_error(detail: Mapping[str, Any], name: str) -> tuple[Code, str]:
    kind, value = detail["type"], detail.get("input")
    if kind in _TYPE_WORDS:
        return (
            Code.WRONG_TYPE,
            f"'{name}' should be {_TYPE_WORDS[kind]}, not {describe_value(value)}",
        )
    if kind == "enum":
        choices = re.findall(r"'([^']*)'", detail.get("ctx", {}).get("expected", ""))
        return Code.UNKNOWN_VALUE, (
            f"'{shorten(str(value))}' is not a known {name}"
            f"{did_you_mean(str(value), choices)}; use one of: "
            f"{', '.join(choices)}"
        )
    if kind == "string_pattern_mismatch":
        return _pattern_problem(detail, name)
    if kind == "string_too_short":
        return Code.EMPTY_VALUE, f"'{name}' is empty; fill it in or remove the line"
    if kind == "string_too_long":
        return Code.INVALID_ID, f"'{name}' is too long ({len(str(value))} characters)"
    if kind == "too_short":
        return Code.MISSING_FIELD, f"'{name}' needs at least one entry"
    if kind == Code.INVALID_DATE:
        return Code.INVALID_DATE, str(detail["msg"])
    if kind == Code.INVALID_URL:
        return Code.INVALID_URL, str(detail["msg"])
    return Code.INVALID_VALUE, f"'{name}': {detail['msg']}"


def _pattern_problem(detail: Mapping[str, Any], name: str) -> tuple[Code, str]:
    pattern, value = detail.get("ctx", {}).get("pattern", ""), detail.get("input")
    if pattern == ID_PATTERN:
        return Code.INVALID_ID, (
            f"'{shorten(str(value))}' is not a valid id for '{name}': {id_mistake(str(value))}"
        )
    if pattern.startswith("^https?"):
        return Code.INVALID_URL, (
            f"'{shorten(str(value))}' is not a web address; write it in full, starting "
            "with https:// or http://"
        )
    if name == "domains":
        return Code.INVALID_VALUE, (
            f"'{shorten(str(value))}' is not a web domain; write it in lowercase without "
            "https:// or a path, e.g. huffpost.com"
        )
    return Code.INVALID_VALUE, f"'{shorten(str(value))}' is not a valid {name}"


def _field_name(loc: Sequence[str | int]) -> str:
    """The nearest named field along a location, for messages."""
    for step in reversed(loc):
        if isinstance(step, str):
            return step
    return "value"


def describe_value(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (put it in quotes if it is text)"
    if isinstance(value, int | float):
        return f"the number {value} (put it in quotes if it is text)"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@cache
def field_names(model: type, loc: tuple[str, ...]) -> list[str]:
    """The keys allowed at a location (its named steps) in a document of `model`."""
    current: Any = model
    for step in loc:
        hints = _hints(current)
        if step not in hints:
            return []
        current = _innermost_dataclass(hints[step])
        if current is None:
            return []
    return list(_hints(current))


def _hints(model: Any) -> dict[str, Any]:
    if not dataclasses.is_dataclass(model):
        return {}
    names = [item.name for item in dataclasses.fields(model) if item.init]
    hints = typing.get_type_hints(model)
    return {name: hints[name] for name in names}


def _innermost_dataclass(hint: Any) -> Any:
    """The dataclass inside a hint like `tuple[Citation, ...]` or `Verdict | None`."""
    if dataclasses.is_dataclass(hint):
        return hint
    for argument in typing.get_args(hint):
        found = _innermost_dataclass(argument)
        if found is not None:
            return found
    return None
