"""Plain data of one file -> a model object, stamped with where each part was written.

The data is validated against the model by `validator` (which reports errors as
pydantic did, and is tested against it). When parts of a file are broken,
the rest is still loaded (`_salvage`: the failing keys and list items are left out and
the remainder validated again), so the cross-file checks can look at what is there.
Every object then gets its position, the positions of its fields, and the codes its
comments acknowledge (`_stamp`), read from the node tree the data was built from.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import yaml

from provenance.acknowledge import Directives, acknowledged_codes
from provenance.diagnostics import Loc, loc_of, problems_from_errors, relevant_errors
from provenance.model import Located, Location
from provenance.problems import Problem
from provenance.validator import validate_data
from provenance.yamlfile import YamlDocument, mark_location

T = TypeVar("T")


def validate(
    data: dict[str, Any], model: type[T], document: YamlDocument, default_id: str | None
) -> tuple[T | None, list[Problem]]:
    """The object `data` makes (or as much of it as validates, or None when nothing
    usable is left), and the problems found on the way."""
    assert document.root is not None
    loaded, errors = validate_data(model, data)
    if loaded is None:
        details = relevant_errors(errors)
        problems = problems_from_errors(details, model, document, default_id)
        return _salvage(data, details, model, document), problems
    _stamp(loaded, document.root, _Stamping(document.path, document.directives, {}), ())
    return loaded, []


def _salvage(
    data: dict[str, Any],
    details: list[dict[str, Any]],
    model: type[T],
    document: YamlDocument,
) -> T | None:
    """What still validates once the failing parts are left out, or None."""
    trimmed = _trim(data, details)
    if trimmed is None:
        return None
    salvaged, kept = trimmed
    loaded, _ = validate_data(model, salvaged)
    if loaded is None:
        return None
    assert document.root is not None
    _stamp(loaded, document.root, _Stamping(document.path, document.directives, kept), ())
    return loaded


def _trim(
    data: dict[str, Any], details: list[dict[str, Any]]
) -> tuple[dict[str, Any], dict[Loc, list[int]]] | None:
    """Data without the keys and list items that failed; and, for every list touched,
    which of its original items were kept (so locations stay right)."""
    drop_keys: set[Loc] = set()
    drop_items: dict[Loc, set[int]] = {}
    for detail in details:
        loc = loc_of(detail)
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


# --- locations -----------------------------------------------------------------------


class _Stamping:
    """What stamping one file needs: its path, its directives, and the lists that lost
    failing items, mapped to the original positions of the items that remain."""

    def __init__(self, path: str, directives: Directives, kept: Mapping[Loc, list[int]]) -> None:
        self.path, self.directives, self.kept = path, directives, kept


def _stamp(obj: Any, node: yaml.Node, stamping: _Stamping, loc: Loc) -> None:
    """Record on each model object where it and its fields were written, and which
    codes the comments on its first line (or the line above) acknowledge.

    The model is frozen so that nothing downstream changes it by accident; the loader is
    the one place that fills these in, right after the object is made. This runs for
    every object of every file, so it reads node marks directly.
    """
    if not isinstance(obj, Located):
        return
    location = mark_location(stamping.path, node)
    object.__setattr__(obj, "location", location)
    if stamping.directives:
        acknowledged = acknowledged_codes(stamping.directives, location.line)
        object.__setattr__(obj, "acknowledged", acknowledged)
    positions: dict[str, tuple[int, int]] = {}
    object.__setattr__(obj, "field_locations", FieldLocations(stamping.path, positions))
    if not isinstance(node, yaml.MappingNode):
        return
    # Of a key written twice (an error already), the last value is the one in the data.
    last = {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    for name, value_node in last.items():
        mark = value_node.start_mark
        positions[name] = (mark.line + 1, mark.column + 1)
        value = getattr(obj, name, None)
        if isinstance(value, Located):
            _stamp(value, value_node, stamping, (*loc, name))
        elif value and isinstance(value, tuple) and isinstance(value[0], Located):
            items = value_node.value if isinstance(value_node, yaml.SequenceNode) else []
            positions_kept = stamping.kept.get((*loc, name), range(len(items)))
            for item, position in zip(value, positions_kept, strict=False):
                _stamp(item, items[position], stamping, (*loc, name, position))


class FieldLocations(Mapping[str, Location]):
    """Where each field of one object was written, by field name.

    Kept as (line, column) pairs and made into Locations when asked for: every field
    of every object is stamped, few are ever pointed at. A plain class with plain
    data, so that loaded cases pickle to and from worker processes.
    """

    __slots__ = ("path", "positions")

    def __init__(self, path: str, positions: dict[str, tuple[int, int]]) -> None:
        self.path, self.positions = path, positions

    def __getitem__(self, name: str) -> Location:
        line, column = self.positions[name]
        return Location(self.path, line, column)

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)
