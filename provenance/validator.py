"""Plain data -> model objects, by the model's own type hints: the loader's validator.

It reads each model class's fields and their hints once, when the class is first
validated, and makes one small function per field: text, a whole number, true or
false, a value of a closed vocabulary (those four read by `values.py`), a list, a
nested object, or nothing; the markers of `constraints.py` add limits and functions.
It collects **every** error, each a dict in the shape pydantic gives its errors
(`type`, `loc`, `msg`, `input` and, where pydantic has one, `ctx`), with pydantic's
codes and wording, which is what `diagnostics` words as problems and `validation`
salvages around.

pydantic validated the files before (issue 16): importing it and building its
validators cost every `provenance check` 0.15 to 0.2 s before the first file was read.
It remains the reference: tests/test_validator.py validates every YAML file the
repository holds, and many generated variants, with pydantic and with this, and
expects the same objects and the same errors. What pydantic accepts in its lax mode
(`'yes'` for true, `'3'` or `3.0` for 3) is accepted here too, for that reason.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

from provenance.constraints import Check, Constraints, InvalidValue, Parse
from provenance.values import (
    INVALID,
    Error,
    Loc,
    Validate,
    choice_reader,
    new_error,
    plural,
    read_boolean,
    read_integer,
    read_text,
)

T = TypeVar("T")


def validate_data(model: type[T], data: Any) -> tuple[T | None, list[Error]]:
    """The object of class `model` that `data` makes, or None and every error found."""
    errors: list[Error] = []
    loaded = _class_validator(model)(data, (), errors)
    if errors:
        return None, errors
    return loaded, []


# --- building the functions from the hints ---------------------------------------------


def _validator(hint: Any) -> Validate:
    """The function that reads a value of type `hint`."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        return _annotated(hint.__origin__, hint.__metadata__)
    if origin in (typing.Union, types.UnionType):
        return _nullable(hint)
    if origin is tuple:
        return _sequence(hint)
    if hint is str:
        return read_text
    if hint is bool:
        return read_boolean
    if hint is int:
        return read_integer
    if isinstance(hint, type) and issubclass(hint, Enum):
        return choice_reader(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _class_validator(hint)
    raise TypeError(f"the loader's validator does not read {hint!r}; add it to validator.py")


def _annotated(base: Any, markers: tuple[Any, ...]) -> Validate:
    """A type with its markers applied in order, the first innermost (as pydantic does)."""
    limits = _limits_of(base, markers)
    if typing.get_origin(base) is tuple:
        validate = _sequence(base, limits.min_length if limits else None)
    elif base is str and limits is not None:
        validate = _limited_text(limits)
    elif limits is not None:
        validate = _limited(_validator(base), limits)
    else:
        validate = _validator(base)
    for marker in markers:
        if isinstance(marker, Check):
            validate = _checked(validate, marker.function)
        elif isinstance(marker, Parse):
            validate = _parsed(validate, marker.function)
    return validate


# The limits each type can have (what the model uses, and what pydantic would apply the
# same way); any other is refused when the model is read, not ignored.
_LIMITS = {str: ("pattern", "min_length", "max_length"), int: ("ge", "le"), tuple: ("min_length",)}


def _limits_of(base: Any, markers: tuple[Any, ...]) -> Constraints | None:
    """The type's Constraints, which must come first (constraints.py applies them
    innermost for pydantic) and hold only limits `_LIMITS` allows for the type."""
    found = [index for index, marker in enumerate(markers) if isinstance(marker, Constraints)]
    if not found:
        return None
    limits: Constraints = markers[found[0]]
    allowed = _LIMITS.get(typing.get_origin(base) or base, ())
    names = ("pattern", "min_length", "max_length", "ge", "le")
    given = {name for name in names if getattr(limits, name) is not None}
    if found != [0] or not given <= set(allowed):
        raise TypeError(f"the loader's validator cannot apply {limits!r} to {base!r}")
    return limits


def _nullable(hint: Any) -> Validate:
    arguments = [argument for argument in typing.get_args(hint) if argument is not type(None)]
    if len(arguments) != 1 or len(typing.get_args(hint)) != 2:
        raise TypeError(f"the loader's validator reads only `X | None` unions, not {hint!r}")
    inner = _validator(arguments[0])

    def validate(value: Any, loc: Loc, errors: list[Error]) -> Any:
        return None if value is None else inner(value, loc, errors)

    return validate


# --- limits and functions -------------------------------------------------------------


def _limited(inner: Validate, limits: Constraints) -> Validate:
    """`inner`, then the limits on the text or number it read (the first one broken)."""

    def validate(value: Any, loc: Loc, errors: list[Error]) -> Any:
        read = inner(value, loc, errors)
        if read is INVALID:
            return read
        broken = _broken_limit(read, value, limits, loc)
        if broken is not None:
            errors.append(broken)
            return INVALID
        return read

    return validate


def _limited_text(limits: Constraints) -> Validate:
    """Text within the limits: `_limited(read_text, limits)`, in one step (the loader reads
    every id and every text through this)."""
    shortest = limits.min_length or 0
    longest = limits.max_length if limits.max_length is not None else math.inf
    pattern = limits.compiled

    def validate(value: Any, loc: Loc, errors: list[Error]) -> Any:
        if (
            isinstance(value, str)
            and shortest <= len(value) <= longest
            and (pattern is None or pattern.search(value))
        ):
            return value
        if not isinstance(value, str):
            return read_text(value, loc, errors)
        broken = _broken_limit(value, value, limits, loc)
        assert broken is not None  # the test above failed for one of the limits
        errors.append(broken)
        return INVALID

    return validate


def _broken_limit(value: Any, written: Any, limits: Constraints, loc: Loc) -> Error | None:
    """The error for the first limit `value` breaks (`written` is the value as written)."""
    if isinstance(value, str):
        if limits.min_length is not None and len(value) < limits.min_length:
            count = plural(limits.min_length, "character")
            message = f"String should have at least {count}"
            return new_error(
                "string_too_short", loc, message, value, {"min_length": limits.min_length}
            )
        if limits.max_length is not None and len(value) > limits.max_length:
            message = f"String should have at most {plural(limits.max_length, 'character')}"
            return new_error(
                "string_too_long", loc, message, value, {"max_length": limits.max_length}
            )
        if limits.compiled is not None and not limits.compiled.search(value):
            message = f"String should match pattern '{limits.pattern}'"
            return new_error(
                "string_pattern_mismatch", loc, message, value, {"pattern": limits.pattern}
            )
        return None
    if limits.le is not None and value > limits.le:
        message = f"Input should be less than or equal to {limits.le}"
        return new_error("less_than_equal", loc, message, written, {"le": limits.le})
    if limits.ge is not None and value < limits.ge:
        message = f"Input should be greater than or equal to {limits.ge}"
        return new_error("greater_than_equal", loc, message, written, {"ge": limits.ge})
    return None


def _checked(inner: Validate, function: Callable[[Any], Any]) -> Validate:
    """`inner`, then `function` on what it read."""

    def validate(value: Any, loc: Loc, errors: list[Error]) -> Any:
        read = inner(value, loc, errors)
        if read is INVALID:
            return read
        return _call(function, read, value, loc, errors)

    return validate


def _parsed(inner: Validate, function: Callable[[Any], Any]) -> Validate:
    """`function` on the value as written, then `inner` on what it made."""

    def validate(value: Any, loc: Loc, errors: list[Error]) -> Any:
        read = _call(function, value, value, loc, errors)
        return read if read is INVALID else inner(read, loc, errors)

    return validate


def _call(
    function: Callable[[Any], Any], value: Any, written: Any, loc: Loc, errors: list[Error]
) -> Any:
    try:
        return function(value)
    except InvalidValue as refusal:
        errors.append(new_error(refusal.type, loc, refusal.message(), written, refusal.context))
    except ValueError as error:  # a function's slip, still a problem at its place
        errors.append(
            new_error("value_error", loc, f"Value error, {error}", written, {"error": error})
        )
    return INVALID


# --- lists and objects ------------------------------------------------------------------


def _sequence(hint: Any, min_length: int | None = None) -> Validate:
    """A `tuple[X, ...]`: a YAML list, every item read; with at least `min_length` items
    read (pydantic counts the items that validated, and says so even when some failed)."""
    arguments = typing.get_args(hint)
    if len(arguments) != 2 or arguments[1] is not Ellipsis:
        raise TypeError(f"the loader's validator reads only `tuple[X, ...]`, not {hint!r}")
    item = _validator(arguments[0])

    def validate(value: Any, loc: Loc, errors: list[Error]) -> Any:
        if not isinstance(value, list | tuple):
            errors.append(new_error("tuple_type", loc, "Input should be a valid tuple", value))
            return INVALID
        read = [item(entry, (*loc, index), errors) for index, entry in enumerate(value)]
        kept = tuple(entry for entry in read if entry is not INVALID)
        if min_length is not None and len(kept) < min_length:
            context = {"field_type": "Tuple", "min_length": min_length, "actual_length": len(kept)}
            message = (
                f"Tuple should have at least {plural(min_length, 'item')} after validation, "
                f"not {len(kept)}"
            )
            errors.append(new_error("too_short", loc, message, value, context))
            return INVALID
        return kept if len(kept) == len(read) else INVALID

    return validate


_CLASS_VALIDATORS: dict[type, Validate] = {}
_UNKNOWN = "unexpected_keyword_argument"


def _class_validator(model: type) -> Validate:
    """One function per model class, made on first use and kept for the process."""
    validate = _CLASS_VALIDATORS.get(model)
    if validate is None:
        validate = _CLASS_VALIDATORS[model] = _ObjectReader(model)
    return validate


class _ObjectReader:
    """Reads a mapping into one model class: its fields by name, unknown keys refused.

    The fields' functions are made when the first mapping is read, not before: a class
    only ever given as an object already made (a PublicationDate from its parser) is
    never taken apart.
    """

    def __init__(self, model: type) -> None:
        self.model = model
        self.fields: list[tuple[str, Validate, bool]] | None = None
        self.by_name: dict[str, Validate] = {}
        self.required: frozenset[str] = frozenset()
        self.not_a_mapping = f"Input should be a dictionary or an instance of {model.__name__}"

    def __call__(self, value: Any, loc: Loc, errors: list[Error]) -> Any:
        if not isinstance(value, dict):
            return self._not_a_dict(value, loc, errors)
        if self.fields is None:
            self._read_fields()
        # Most mappings are valid: read them in their own order, and only when something
        # is wrong read them again in the order of the fields, which is pydantic's order
        # of errors (a field's, then the unknown keys).
        before, by_name, found = len(errors), self.by_name, {}
        for key, item in value.items():
            validate = by_name.get(key)
            if validate is None:
                break
            found[key] = validate(item, (*loc, key), errors)
        else:
            if len(errors) == before and self.required <= found.keys():
                return self.model(**found)
        del errors[before:]
        self._errors_in_order(value, loc, errors)
        return INVALID

    def _not_a_dict(self, value: Any, loc: Loc, errors: list[Error]) -> Any:
        if isinstance(value, self.model):
            return value
        context = {"class_name": self.model.__name__}
        errors.append(new_error("dataclass_type", loc, self.not_a_mapping, value, context))
        return INVALID

    def _errors_in_order(self, value: dict[str, Any], loc: Loc, errors: list[Error]) -> None:
        assert self.fields is not None
        for name, validate, required in self.fields:
            if name in value:
                validate(value[name], (*loc, name), errors)
            elif required:
                errors.append(new_error("missing", (*loc, name), "Field required", value))
        for key in value:
            if key not in self.by_name:
                errors.append(
                    new_error(_UNKNOWN, (*loc, key), "Unexpected keyword argument", value[key])
                )

    def _read_fields(self) -> list[tuple[str, Validate, bool]]:
        hints = typing.get_type_hints(self.model, include_extras=True)
        self.fields = [
            (item.name, _validator(hints[item.name]), _required(item))
            for item in dataclasses.fields(self.model)
            if item.init
        ]
        self.by_name = {name: validate for name, validate, _ in self.fields}
        self.required = frozenset(name for name, _, required in self.fields if required)
        return self.fields


def _required(item: dataclasses.Field[Any]) -> bool:
    return item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
