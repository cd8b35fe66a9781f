"""Loading a case folder: YAML files -> model objects, each knowing where it was written.

A case folder holds `case.yaml`, optionally `outlets.yaml`, and one file per source under
`sources/`. Each file is parsed on its own (`yamlfile`), validated against the model
with pydantic, and stamped with the file, line and column of every object and field.
Validation errors become Problems that point at the offending value, with a
did-you-mean hint for misspelt keys and values. A file that fails to load is remembered
by id, so the cross-file checks do not pile further errors on top of it.
"""

from __future__ import annotations

import dataclasses
import os
import re
import typing
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter, ValidationError

from provenance.model import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    Case,
    CaseFile,
    Located,
    Location,
    Outlet,
    OutletsFile,
    PeopleFile,
    Person,
    Source,
)
from provenance.problems import Problem, did_you_mean, error
from provenance.yamlfile import (
    YamlDocument,
    child_node,
    mark_location,
    read_yaml_file,
)

CASE_FILE = "case.yaml"
OUTLETS_FILE = "outlets.yaml"
PEOPLE_FILE = "people.yaml"
SOURCES_FOLDER = "sources"
YAML_SUFFIXES = (".yaml", ".yml")

T = TypeVar("T")


@dataclass(frozen=True)
class LoadedCase:
    """What could be loaded from one case folder, and what went wrong while loading."""

    id: str
    """The folder name."""
    root: str
    """The folder as the user gave it; problem paths start with it."""
    case_file: CaseFile | None
    """None when case.yaml is missing or broken."""
    outlets: tuple[Outlet, ...] = ()
    sources: tuple[Source, ...] = ()
    problems: tuple[Problem, ...] = ()
    broken_source_ids: frozenset[str] = frozenset()
    """Ids of source files that exist but failed to load."""
    outlets_broken: bool = False
    """True when outlets.yaml exists but failed to load."""
    people: tuple[Person, ...] = ()
    people_broken: bool = False
    """True when people.yaml exists but failed to load."""


# --- finding cases -------------------------------------------------------------------


def is_case_folder(folder: Path) -> bool:
    """A folder with a case file, or with sources or outlets but no case file: that one is
    a case missing its case.yaml, which is reported rather than silently skipped."""
    return any((folder / name).exists() for name in (CASE_FILE, OUTLETS_FILE, SOURCES_FOLDER))


def find_case_folders(path: Path) -> list[Path]:
    """The case folders at or directly below `path` (which may itself be a case)."""
    if is_case_folder(path):
        return [path]
    if not path.is_dir():
        return []
    return sorted(child for child in path.iterdir() if child.is_dir() and is_case_folder(child))


# --- loading one case ----------------------------------------------------------------


def load_case(folder: Path) -> LoadedCase:
    """Load every file of one case folder, collecting all problems instead of stopping."""
    root = str(folder)
    problems: list[Problem] = []
    inside = folder.resolve()
    if not re.fullmatch(ID_PATTERN, inside.name) or len(inside.name) > ID_MAX_LENGTH:
        problems.append(
            error(
                Location(root, 1, 1),
                "invalid-id",
                f"the folder name '{inside.name}' is the case's id, and not a valid one: "
                f"{id_mistake(inside.name)}; rename the folder",
            )
        )
    case_file = _load_document(folder / CASE_FILE, CaseFile, problems, inside, root)
    outlets_path = folder / OUTLETS_FILE
    outlets_present = outlets_path.exists() or outlets_path.is_symlink()
    outlets_file = None
    if outlets_present:
        outlets_file = _load_document(outlets_path, OutletsFile, problems, inside, root)
    people_path = folder / PEOPLE_FILE
    people_present = people_path.exists() or people_path.is_symlink()
    people_file = None
    if people_present:
        people_file = _load_document(people_path, PeopleFile, problems, inside, root)
    sources, broken = _load_sources(folder, inside, problems)
    return LoadedCase(
        id=inside.name,
        root=root,
        case_file=case_file,
        outlets=outlets_file.outlets if outlets_file else (),
        sources=tuple(sources),
        problems=tuple(problems),
        broken_source_ids=frozenset(broken),
        outlets_broken=outlets_present and outlets_file is None,
        people=people_file.people if people_file else (),
        people_broken=people_present and people_file is None,
    )


def refused_link(path: Path, inside: Path) -> Problem | None:
    """The problem with `path` if it is a link that leads out of the case folder `inside`
    (resolved) or round in a loop; None otherwise.

    Only a link can lead outside (folders are walked without following links), so only
    links are resolved: resolving every path costs more than reading it.
    """
    if not path.is_symlink():
        return None
    what = "folder" if path.is_dir() else "file"
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return error(
            Location(str(path), 1, 1),
            "unreadable-file",
            f"cannot read this {what}: it is a link in a loop of links; put the {what} here",
        )
    if target.is_relative_to(inside):
        return None
    return error(
        Location(str(path), 1, 1),
        "outside-case",
        f"this {what} is a link to a place outside the case folder; copy the {what} in instead",
    )


def _source_files(
    folder: Path, inside: Path, problems: list[Problem], refused: set[str]
) -> list[Path]:
    sources_folder = folder / SOURCES_FOLDER
    link = refused_link(sources_folder, inside)
    if link is not None:
        problems.append(link)
        return []
    if not sources_folder.is_dir():
        return []
    files = []
    for file in _walk(sources_folder):
        folder_link = file.is_symlink() and file.is_dir()
        if file.suffix not in YAML_SUFFIXES and not folder_link:
            continue
        link = refused_link(file, inside)
        if link is not None:
            problems.append(link)
            refused.add(file.stem)  # it exists, so citing it is not an unknown source
            continue
        # Anything else named like a source (a named pipe, a dangling link) is read too,
        # so that it is reported as unreadable rather than silently left out.
        if not file.is_dir():
            files.append(file)
    return files


def _walk(folder: Path) -> list[Path]:
    """Every file below `folder`, and every link to a folder, sorted; links to folders
    are listed, not followed."""
    found = []
    for root, folders, names in os.walk(folder):
        folders.sort()
        found += [Path(root, name) for name in names]
        found += [Path(root, name) for name in folders if Path(root, name).is_symlink()]
    return sorted(found)


def _load_sources(
    folder: Path, inside: Path, problems: list[Problem]
) -> tuple[list[Source], set[str]]:
    sources: list[Source] = []
    broken: set[str] = set()
    for file in _source_files(folder, inside, problems, broken):
        source = _load_document(file, Source, problems, inside, str(folder), default_id=file.stem)
        if source is None:
            broken.add(file.stem)
        else:
            sources.append(source)
    return sources, broken


def _load_document(
    file: Path,
    model: type[T],
    problems: list[Problem],
    inside: Path,
    root: str,
    default_id: str | None = None,
) -> T | None:
    """Parse, validate and locate one file of the case folder `inside` (resolved).

    Returns the loaded object, or as much of it as validates when parts are broken (so
    the cross-file checks can still look at the rest), or None when nothing usable is
    left. Every problem found is added to `problems`.
    """
    path = str(file)
    link = refused_link(file, inside)
    if link is not None:
        problems.append(link)
        return None
    if not file.exists() and not file.is_symlink():
        problems.append(
            error(
                Location(root, 1, 1),
                "missing-case-file",
                f"no {file.name} here; every case folder needs one (see `provenance new case`)",
            )
        )
        return None
    document = read_yaml_file(file, path)
    problems.extend(document.problems)
    if document.root is None:
        return None
    if not isinstance(document.data, dict):
        problems.append(
            error(
                mark_location(path, document.root),
                "not-a-mapping",
                f"{file.name} should "
                f"hold keys and values (like `title: ...`), not {_describe(document.data)}",
            )
        )
        return None
    data = document.data
    if default_id is not None and "id" not in data:
        data = {**data, "id": default_id}
    return _validate(data, model, document, problems, default_id)


def _validate(
    data: dict[str, Any],
    model: type[T],
    document: YamlDocument,
    problems: list[Problem],
    default_id: str | None,
) -> T | None:
    assert document.root is not None
    adapter = _adapter(model)
    try:
        loaded = adapter.validate_python(data)
    except ValidationError as exc:
        details = _relevant_errors(exc)
        for detail in details:
            problem = _problem_from_error(detail, model, document, default_id)
            if problem is not None:
                problems.append(problem)
        return _salvage(data, details, adapter, document)
    _stamp_locations(loaded, document.root, document.path, (), {})
    return loaded


def _salvage(
    data: dict[str, Any],
    details: list[dict[str, Any]],
    adapter: TypeAdapter[T],
    document: YamlDocument,
) -> T | None:
    """What still validates once the failing parts are left out, or None."""
    trimmed = _trim(data, [_loc(detail) for detail in details], details)
    if trimmed is None:
        return None
    salvaged, kept = trimmed
    try:
        loaded = adapter.validate_python(salvaged)
    except ValidationError:
        return None
    assert document.root is not None
    _stamp_locations(loaded, document.root, document.path, (), kept)
    return loaded


Loc = tuple[str | int, ...]


def _loc(detail: Mapping[str, Any]) -> Loc:
    return tuple(step for step in detail["loc"] if isinstance(step, int | str))


def _trim(
    data: dict[str, Any], locs: list[Loc], details: list[dict[str, Any]]
) -> tuple[dict[str, Any], dict[Loc, list[int]]] | None:
    """Data without the keys and list items that failed; and, for every list touched,
    which of its original items were kept (so locations stay right)."""
    drop_keys: set[Loc] = set()
    drop_items: dict[Loc, set[int]] = {}
    for loc, detail in zip(locs, details, strict=True):
        unknown_key = detail["type"] in ("unexpected_keyword_argument", "extra_forbidden")
        indexes = [position for position, step in enumerate(loc) if isinstance(step, int)]
        if unknown_key:
            drop_keys.add(loc)
        elif indexes:
            last = indexes[-1]
            drop_items.setdefault(loc[:last], set()).add(int(loc[last]))
        elif detail["type"] in ("missing", "missing_argument") or loc[:1] in ((), ("id",)):
            # Without its required fields or its id the object means nothing to the
            # other checks; leave it out rather than guess.
            return None
        else:
            drop_keys.add(loc[:1])
    kept: dict[Loc, list[int]] = {}
    return _copy_without(data, (), drop_keys, drop_items, kept), kept


def _copy_without(
    value: Any,
    loc: Loc,
    drop_keys: set[Loc],
    drop_items: dict[Loc, set[int]],
    kept: dict[Loc, list[int]],
) -> Any:
    if isinstance(value, dict):
        return {
            key: _copy_without(item, (*loc, key), drop_keys, drop_items, kept)
            for key, item in value.items()
            if (*loc, key) not in drop_keys
        }
    if isinstance(value, list):
        dropped = drop_items.get(loc, set())
        kept[loc] = [index for index in range(len(value)) if index not in dropped]
        return [
            _copy_without(value[index], (*loc, index), drop_keys, drop_items, kept)
            for index in kept[loc]
        ]
    return value


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(model: type[T]) -> TypeAdapter[T]:
    """One validator per model, built on first use (building one takes milliseconds)."""
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


# --- locations -----------------------------------------------------------------------


def _stamp_locations(
    obj: Any, node: yaml.Node, path: str, loc: Loc, kept: Mapping[Loc, list[int]]
) -> None:
    """Record on each model object where it and its fields were written.

    The model is frozen so that nothing downstream changes it by accident; the loader is
    the one place that fills in positions, right after the object is made. `kept` maps
    lists that lost failing items to the original positions of the items that remain.
    This runs for every object of every file, so it reads node marks directly.
    """
    if not isinstance(obj, Located):
        return
    object.__setattr__(obj, "location", mark_location(path, node))
    # A plain dict (read-only by convention, typed as Mapping) so that loaded cases can
    # be pickled to and from worker processes.
    fields: dict[str, Location] = {}
    object.__setattr__(obj, "field_locations", fields)
    if not isinstance(node, yaml.MappingNode):
        return
    # Of a key written twice (an error already), the last value is the one in the data.
    last = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    for name, value_node in last.items():
        mark = value_node.start_mark
        fields[name] = Location(path, mark.line + 1, mark.column + 1)
        value = getattr(obj, name, None)
        if isinstance(value, Located):
            _stamp_locations(value, value_node, path, (*loc, name), kept)
        elif value and isinstance(value, tuple) and isinstance(value[0], Located):
            items = value_node.value if isinstance(value_node, yaml.SequenceNode) else []
            positions = kept.get((*loc, name), range(len(items)))
            for item, position in zip(value, positions, strict=False):
                _stamp_locations(item, items[position], path, (*loc, name, position), kept)


def _node_at(root: yaml.Node, loc: Sequence[str | int]) -> tuple[yaml.Node, yaml.Node | None, int]:
    """The deepest node along `loc`, its key node, and how many steps were followed."""
    node, key_node, depth = root, None, 0
    for step in loc:
        child, child_key = child_node(node, step)
        if child is None:
            break
        node, key_node, depth = child, child_key, depth + 1
    return node, key_node, depth


# --- validation errors -> problems ---------------------------------------------------


def _relevant_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """Pydantic's errors minus echoes: a list "too short after validation" because an
    item inside it failed says nothing new."""
    details: list[dict[str, Any]] = [dict(detail) for detail in exc.errors()]
    failing = [_loc(detail) for detail in details if detail["type"] != "too_short"]

    def echoes(detail: dict[str, Any]) -> bool:
        own = _loc(detail)
        return any(len(loc) > len(own) and loc[: len(own)] == own for loc in failing)

    return [detail for detail in details if detail["type"] != "too_short" or not echoes(detail)]


def _problem_from_error(
    detail: Mapping[str, Any],
    model: type,
    document: YamlDocument,
    default_id: str | None,
) -> Problem | None:
    """The Problem for one validation error; None when it only echoes a refused value."""
    assert document.root is not None
    path, loc = document.path, _loc(detail)
    node, key_node, depth = _node_at(document.root, loc)
    kind = detail["type"]
    unknown_key = kind in ("unexpected_keyword_argument", "extra_forbidden")
    # A refused value was read as empty; what pydantic says of it only echoes that. An
    # unknown key is another matter, even when its value was refused (aliased, say).
    if id(node) in document.refused_nodes and not (unknown_key and key_node is not None):
        return None
    name = _field_name(loc)
    if unknown_key:
        allowed = _field_names(model, loc[:-1])
        where = key_node if key_node is not None else node
        return error(
            mark_location(path, where),
            "unknown-field",
            f"unknown field '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}; "
            f"expected one of: {', '.join(allowed)}",
        )
    if kind in ("missing", "missing_argument"):
        return error(mark_location(path, node), "missing-field", f"missing required field '{name}'")
    if name == "id" and depth < len(loc) and default_id is not None:
        return error(
            Location(path, 1, 1),
            "invalid-id",
            f"the file name '{default_id}' does not make a valid id: "
            f"{id_mistake(default_id)}; rename the file or add an `id:`",
        )
    code, message = _describe_error(detail, name)
    # A date written as a mapping names the key it does not know: point at that key.
    bad_key = detail.get("ctx", {}).get("key") if kind == "invalid-date" else None
    _, bad_key_node = child_node(node, str(bad_key)) if bad_key is not None else (None, None)
    return error(mark_location(path, bad_key_node or node), code, message)


_ID_RULE = "use lowercase letters and digits joined by single '-', '_' or '.'"

# Letters of other scripts that look like ASCII ones, as pasted from a web page or typed
# on another keyboard layout; with NFKC (full-width forms, ligatures) and accents
# stripped, they let a message say which id was meant.
_LOOKALIKES = str.maketrans(
    {
        **dict.fromkeys("\u0430\u03b1", "a"),
        **dict.fromkeys("\u0435\u03b5", "e"),
        **dict.fromkeys("\u043e\u03bf\u03c3", "o"),
        **dict.fromkeys("\u0440\u03c1", "p"),
        **dict.fromkeys("\u0456\u03b9\u0131", "i"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u0441": "c",
        "\u0443": "y",
        "\u0445": "x",
        "\u0458": "j",
        "\u0455": "s",
        "\u04bb": "h",
        "\u0501": "d",
        "\u051b": "q",
        "\u051d": "w",
        "\u03bd": "v",
        "\u03ba": "k",
        "\u03c5": "u",
    }
)


def id_mistake(value: str) -> str:
    """Why `value` is not an id, naming the first character at fault (with its Unicode
    name, since a Cyrillic o (U+043E) looks just like a Latin one), then the rule, and the id it
    probably meant when one can be made from it."""
    reason = _id_reason(value)
    meant = _id_meant(value)
    suggestion = f" (did you mean '{meant}'?)" if meant and meant != value else ""
    return f"{reason}{suggestion}; {_ID_RULE}"


def _id_reason(value: str) -> str:
    if not value:
        return "it is empty"
    for character in value:
        if character in _ID_CHARACTERS:
            continue
        shown = _shown(character)
        if character.isascii() and character.isupper():
            return f"ids are lowercase, and it holds {shown}"
        if character in "/\\":
            return f"it holds {shown}, and an id becomes a file name in the report"
        lookalike = _ascii_lookalike(character)
        if lookalike != character and len(lookalike) == 1 and lookalike in _ID_CHARACTERS:
            return f"it holds {shown}, which looks like '{lookalike}' but is another character"
        return f"it holds {shown}, which an id may not"
    return "it must start and end with a letter or digit, with one '-', '_' or '.' at a time"


_ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _shown(character: str) -> str:
    """A character as a message shows it: 'S'; with its code and name where the eye
    cannot tell it from another (U+043E CYRILLIC SMALL LETTER O); only its code and name
    where it is invisible (U+0000)."""
    if character.isascii() and character.isprintable():
        return f"'{character}'"
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    described = f"{code} {name}" if name else code
    return f"'{character}' ({described})" if character.isprintable() else described


def _ascii_lookalike(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_LOOKALIKES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _id_meant(value: str) -> str | None:
    """The valid id `value` most likely means, or None."""
    text = _ascii_lookalike(value).lower()
    text = re.sub(r"[^a-z0-9._-]+", "-", text)
    text = re.sub(r"[._-]{2,}", lambda match: match.group(0)[0], text).strip("._-")
    if len(text) <= ID_MAX_LENGTH and re.fullmatch(ID_PATTERN, text):
        return text
    return None


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


def _describe_error(detail: Mapping[str, Any], name: str) -> tuple[str, str]:
    kind, value = detail["type"], detail.get("input")
    if kind in _TYPE_WORDS:
        return "wrong-type", f"'{name}' should be {_TYPE_WORDS[kind]}, not {_describe(value)}"
    if kind == "enum":
        choices = re.findall(r"'([^']*)'", detail.get("ctx", {}).get("expected", ""))
        return "unknown-value", (
            f"'{value}' is not a known {name}"
            f"{did_you_mean(str(value), choices)}; use one of: "
            f"{', '.join(choices)}"
        )
    if kind == "string_pattern_mismatch":
        return _pattern_problem(detail, name)
    if kind == "string_too_short":
        return "empty-value", f"'{name}' is empty; fill it in or remove the line"
    if kind == "string_too_long":
        return "invalid-id", f"'{name}' is too long ({len(str(value))} characters)"
    if kind == "too_short":
        return "missing-field", f"'{name}' needs at least one entry"
    if kind == "invalid-date":
        return "invalid-date", str(detail["msg"])
    return "invalid-value", f"'{name}': {detail['msg']}"


def _pattern_problem(detail: Mapping[str, Any], name: str) -> tuple[str, str]:
    pattern, value = detail.get("ctx", {}).get("pattern", ""), detail.get("input")
    if pattern == ID_PATTERN:
        return "invalid-id", f"'{value}' is not a valid id for '{name}': {id_mistake(str(value))}"
    if pattern.startswith("^https?"):
        return "invalid-url", (
            f"'{value}' is not a web address; write it in full, starting with https:// or http://"
        )
    if name == "domains":
        return "invalid-value", (
            f"'{value}' is not a web domain; write it in lowercase without https:// or a "
            "path, e.g. huffpost.com"
        )
    return "invalid-value", f"'{value}' is not a valid {name}"


def _field_name(loc: Sequence[str | int]) -> str:
    """The nearest named field along a location, for messages."""
    for step in reversed(loc):
        if isinstance(step, str):
            return step
    return "value"


def _describe(value: Any) -> str:
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


# --- the model's field names, for did-you-mean ----------------------------------------


def _field_names(model: type, loc: Iterable[str | int]) -> list[str]:
    """The keys allowed at a location in a document of `model`."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        hints = _hints(current)
        if step not in hints:
            return []
        current = _innermost_dataclass(hints[step])
        if current is None:
            return []
    return [name for name in _hints(current) if name not in ("location", "field_locations")]


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


def to_case(loaded: LoadedCase) -> Case:
    """The finished Case of a folder that loaded without errors."""
    if loaded.case_file is None:
        raise ValueError(f"{loaded.root} has no usable case.yaml")
    return Case(
        id=loaded.id,
        root=loaded.root,
        case_file=loaded.case_file,
        outlets=loaded.outlets,
        sources=tuple(sorted(loaded.sources, key=lambda source: source.id)),
        people=loaded.people,
    )
