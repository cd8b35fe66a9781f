"""The rules a model field's value must follow, written as plain markers in `Annotated`.

The model (model.py, dates.py) states its constraints with these small frozen classes
rather than with pydantic's, so that loading a case needs no pydantic: `validator.py`
reads the markers when it checks the data. pydantic stays the generator of the JSON
Schemas (schema.py) and the tests' reference validator; for them each marker turns
itself into pydantic's own annotation when pydantic asks (`__get_pydantic_core_schema__`),
importing pydantic only then. The one place that translation is written is here, next
to the markers, so the two readings cannot drift apart.

`InvalidValue` is the error a marker's function raises: a code, a message template and
its values, as pydantic's `PydanticCustomError` carries them (whose import alone cost
every check 0.05 s).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:  # the types of pydantic's hook, for mypy only
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema


class InvalidValue(ValueError):
    """A value a field's function refuses: its error code (`type`, as in pydantic's
    errors) and a message whose `{name}` parts are filled in from `context`."""

    def __init__(
        self, type: str, message_template: str, context: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(type, message_template, context)
        self.type = str(type)
        self.message_template = message_template
        self.context = dict(context) if context else None

    def message(self) -> str:
        """The message, as pydantic words a custom error: each `{key}` replaced."""
        text = self.message_template
        for key, value in (self.context or {}).items():
            text = text.replace(f"{{{key}}}", str(value))
        return text

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class Constraints:
    """Limits on a text or a number, as pydantic's `Field` takes them: the loader and
    the JSON Schema both read them."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None
    description: str | None = None
    compiled: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.pattern is not None:
            # pydantic matches with Rust's regex, where `$` is the end of the text only;
            # Python's `$` also matches before a last line break ("id\n" would pass).
            anchored = re.sub(r"\$$", r"\\Z", self.pattern)
            object.__setattr__(self, "compiled", re.compile(anchored))

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        # Only schema generation and the tests get here. The limits go innermost, onto
        # the type itself, where pydantic puts a Field's (and writes them into the JSON
        # Schema): a model's Constraints come first in its Annotated, before any Check.
        from pydantic import Field

        limits = {
            name: value for name, value in _field_arguments(self).items() if value is not None
        }
        return handler(Annotated[source, Field(**limits)])


def _field_arguments(constraints: Constraints) -> dict[str, Any]:
    return {
        "pattern": constraints.pattern,
        "min_length": constraints.min_length,
        "max_length": constraints.max_length,
        "ge": constraints.ge,
        "le": constraints.le,
        "description": constraints.description,
    }


@dataclass(frozen=True)
class Check:
    """A function the value passes through once its type and limits are right; it
    returns the value or raises `InvalidValue`."""

    function: Callable[[Any], Any]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import AfterValidator

        validator = AfterValidator(_raising_pydantic_errors(self.function))
        return validator.__get_pydantic_core_schema__(source, handler)


@dataclass(frozen=True)
class Parse:
    """A function that reads the value as written, before its type is checked (a date
    written as text or as a mapping becomes a PublicationDate)."""

    function: Callable[[Any], Any]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import BeforeValidator

        validator = BeforeValidator(_raising_pydantic_errors(self.function))
        return validator.__get_pydantic_core_schema__(source, handler)


@dataclass(frozen=True)
class JsonSchema:
    """The JSON Schema of a field whose type (a parsed value) says nothing to an editor."""

    schema: Mapping[str, Any]

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        from pydantic import WithJsonSchema

        return WithJsonSchema(dict(self.schema)).__get_pydantic_json_schema__(schema, handler)


@dataclass(frozen=True)
class Internal:
    """A field the loader fills in, never read from a case file: left out of the schema."""

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        from pydantic_core import PydanticOmit

        raise PydanticOmit  # what pydantic's SkipJsonSchema does: the field is left out


def _raising_pydantic_errors(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`function`, its InvalidValue raised as the PydanticCustomError pydantic reports."""
    from pydantic_core import PydanticCustomError

    def checked(value: Any) -> Any:
        try:
            return function(value)
        except InvalidValue as error:
            raise PydanticCustomError(error.type, error.message_template, error.context) from error

    return checked
