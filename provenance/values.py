"""One value as the loader reads it: text, a whole number, true or false, a word of a
closed vocabulary; and the shape of the errors `validator.py` reports.

The rules are pydantic's, in its lax mode, because the loader's validator must read
every value as pydantic did and does in the tests (tests/test_validator.py): `'yes'`,
`'on'` or `1` is true, `'3'`, `' 3 '` or `3.0` is 3, `2.5` is not a whole number. Each
reader returns the value read, or INVALID with an error appended, worded as pydantic
words it (diagnostics.py turns the codes into problems).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from enum import Enum
from typing import Any

Loc = tuple[str | int, ...]
Error = dict[str, Any]


class _Invalid:
    """What a field's function returns for a value it refused (its errors recorded)."""


INVALID: Any = _Invalid()
Validate = Callable[[Any, Loc, list[Error]], Any]
"""One field's function: the value read, or INVALID with the errors appended."""


def new_error(kind: str, loc: Loc, message: str, value: Any, context: Any = None) -> Error:
    """An error as pydantic reports one: its code, where, its message, the value as
    written, and the context its message was made from (when it has one)."""
    error = {"type": kind, "loc": loc, "msg": message, "input": value}
    if context is not None:
        error["ctx"] = context
    return error


def plural(number: int, noun: str) -> str:
    """The count and its noun, as pydantic's messages give them: 1 item, 2 items."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def read_text(value: Any, loc: Loc, errors: list[Error]) -> Any:
    """Text, and only text: a number or a date is not read as its digits."""
    if isinstance(value, str):
        return value
    errors.append(new_error("string_type", loc, "Input should be a valid string", value))
    return INVALID


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def read_boolean(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if isinstance(value, bool):
        return value
    # As pydantic reads them: words, and numbers that are whole (1.0 as 1) within 64 bits;
    # other numbers (0.5, 10**20) are no boolean at all, a bool_type error.
    word: Any = value
    if isinstance(value, float) and value.is_integer():
        word = int(value)
    if (isinstance(word, int) and -_INT_LIMIT <= word < _INT_LIMIT) or isinstance(word, str):
        word = word.lower() if isinstance(word, str) else str(word)
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        message = "Input should be a valid boolean, unable to interpret input"
        errors.append(new_error("bool_parsing", loc, message, value))
        return INVALID
    errors.append(new_error("bool_type", loc, "Input should be a valid boolean", value))
    return INVALID


# Text a whole number is read from: a sign, digits (with single '_' between them, as
# Python writes them), and a decimal point followed by zeros only.
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9](?:_?[0-9])*(?:\.0+)?")
_INT_LIMIT = 2**63  # pydantic reads a float as a whole number only within 64 bits
_MAX_DIGITS = 4300  # and text of at most this many characters, as Python's int() does


def read_integer(value: Any, loc: Loc, errors: list[Error]) -> Any:
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _integer_from_float(value, loc, errors)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > _MAX_DIGITS:
            errors.append(new_error("int_parsing_size", loc, _TOO_LARGE, value))
            return INVALID
        if _WHOLE_NUMBER.fullmatch(text):
            return int(text.partition(".")[0])
        message = "Input should be a valid integer, unable to parse string as an integer"
        errors.append(new_error("int_parsing", loc, message, value))
        return INVALID
    errors.append(new_error("int_type", loc, "Input should be a valid integer", value))
    return INVALID


_TOO_LARGE = "Unable to parse input string as an integer, exceeded maximum size"


def _integer_from_float(value: float, loc: Loc, errors: list[Error]) -> Any:
    if not math.isfinite(value):
        errors.append(new_error("finite_number", loc, "Input should be a finite number", value))
    elif not value.is_integer():
        message = "Input should be a valid integer, got a number with a fractional part"
        errors.append(new_error("int_from_float", loc, message, value))
    elif not -_INT_LIMIT <= value < _INT_LIMIT:
        errors.append(new_error("int_parsing_size", loc, _TOO_LARGE, value))
    else:
        return int(value)
    return INVALID


def choice_reader(vocabulary: type[Enum]) -> Validate:
    members = {member.value: member for member in vocabulary}
    values = [repr(value) for value in members]
    expected = values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"

    def validate(value: Any, loc: Loc, errors: list[Error]) -> Any:
        if isinstance(value, vocabulary):
            return value
        if isinstance(value, str) and value in members:
            return members[value]
        context = {"expected": expected}
        errors.append(new_error("enum", loc, f"Input should be {expected}", value, context))
        return INVALID

    return validate
