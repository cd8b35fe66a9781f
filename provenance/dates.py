"""Dates as the case format writes them: a day, a month, a year or a moment, firm or
approximate, parsed into the interval they stand for.

`PublicationDate` is what every later stage compares (`earliest`, `latest`, whether an
estimate); `PublishedField` is the annotated type the model uses for every date, with its
parser and its JSON Schema. Part of the model (model.py imports it); kept apart because
reading dates is a concern of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

from provenance.codes import Code
from provenance.constraints import InvalidValue, JsonSchema, Parse


class Precision(StrEnum):
    """How much of a publication date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    TIME = "time"


# --- publication dates ---------------------------------------------------------------


@dataclass(frozen=True)
class PublicationDate:
    """When a source was published, as precisely as the record allows.

    `earliest` and `latest` bound the moment in UTC: a day-precision date spans the whole
    day, "2018-07" the whole month. `approximate` marks a date that is an estimate
    (for instance derived from "over the weekend"), which later checks treat as a hint
    rather than a fact.
    """

    text: str
    precision: Precision
    earliest: datetime
    latest: datetime
    approximate: bool = False
    note: str | None = None

    @property
    def label(self) -> str:
        """The date as every output shows it: as written, "≈ " first when approximate."""
        return ("≈ " if self.approximate else "") + self.text

    def may_precede(self, other: PublicationDate) -> bool:
        """False only when this date is certainly later than `other`."""
        return self.earliest <= other.latest


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _invalid_date(text: str, reason: str) -> InvalidValue:
    return InvalidValue(
        Code.INVALID_DATE,
        "'{text}' is not a valid date: {reason}; write 2018-07-09, 2018-07, 2018 "
        "or an ISO date-time such as 2018-07-09T14:30:00Z",
        {"text": text, "reason": reason},
    )


# The last year whose end (1 January of the next year) a datetime can still hold.
_LAST_YEAR = 9998


def _parse_calendar(text: str) -> tuple[Precision, datetime, datetime]:
    match = _DATE_RE.match(text)
    if match is None:
        return _parse_datetime(text)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if not 1 <= year <= _LAST_YEAR:
        raise _invalid_date(text, f"the year must be between 1 and {_LAST_YEAR}")
    if month == 0 or day == 0:
        raise _invalid_date(text, "months and days count from 01")
    try:
        start = datetime(year, month or 1, day or 1, tzinfo=UTC)
    except ValueError as error:
        raise _invalid_date(text, str(error)) from error
    if day is not None:
        end, precision = start + timedelta(days=1), Precision.DAY
    elif month is not None:
        end, precision = (
            datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC),
            Precision.MONTH,
        )
    else:
        end, precision = datetime(year + 1, 1, 1, tzinfo=UTC), Precision.YEAR
    return precision, start, end - timedelta(microseconds=1)


def _parse_datetime(text: str) -> tuple[Precision, datetime, datetime]:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise _invalid_date(text, "it is not in a date format provenance reads") from error
    return Precision.TIME, moment, moment


def parse_publication_date(value: Any) -> Any:
    """Turn what a case file says under `published` into a PublicationDate."""
    if value is None or isinstance(value, PublicationDate):
        return value
    if isinstance(value, Mapping):
        return _parse_date_mapping(value)
    if isinstance(value, bool) or not isinstance(value, str | int | date):
        raise InvalidValue(
            Code.INVALID_DATE,
            "a date should be written like 2018-07-09, not as {kind}",
            {"kind": type(value).__name__},
        )
    text = (value.isoformat() if isinstance(value, date) else str(value)).strip()
    if not text:
        raise InvalidValue(
            Code.INVALID_DATE,
            "the date is empty; write it like 2018-07-09, or leave the key out when no "
            "record tells the date",
        )
    precision, earliest, latest = _parse_calendar(text)
    return PublicationDate(text, precision, earliest, latest)


_DATE_MAPPING_KEYS = frozenset({"date", "approximate", "note"})


def _parse_date_mapping(value: Mapping[Any, Any]) -> PublicationDate:
    unknown = sorted(str(key) for key in value if key not in _DATE_MAPPING_KEYS)
    if unknown:
        raise InvalidValue(
            Code.INVALID_DATE,
            "unknown key '{key}' in a date: use date, approximate and note",
            {"key": unknown[0]},
        )
    if value.get("date") is None:
        # Left out, or written empty (`date:`, `date: ~`): a mapping says "this date is
        # an estimate" or "here is why", which needs a date; no date is no mapping.
        raise InvalidValue(
            Code.INVALID_DATE,
            "a date written as a mapping needs 'date'; when no record tells the date, "
            "leave the whole key out",
        )
    approximate, note = value.get("approximate", False), value.get("note")
    if not isinstance(approximate, bool):
        raise InvalidValue(Code.INVALID_DATE, "'approximate' should be true or false")
    if note is not None and not isinstance(note, str):
        raise InvalidValue(Code.INVALID_DATE, "'note' should be text")
    parsed = parse_publication_date(value["date"])
    return PublicationDate(
        parsed.text, parsed.precision, parsed.earliest, parsed.latest, approximate, note
    )


_DATE_TEXT_SCHEMA: dict[str, Any] = {
    "type": ["string", "integer"],
    "pattern": r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$",
    "examples": ["2018-07-09", "2018-07", "2018-07-09T14:30:00Z"],
}
_DATE_SCHEMA: dict[str, Any] = {
    "description": "Publication date: 2018-07-09, 2018-07 (month only), 2018, an ISO "
    "date-time, or {date, approximate: true, note} for an estimate.",
    "anyOf": [
        {"type": "null"},
        _DATE_TEXT_SCHEMA,
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["date"],
            "properties": {
                "date": _DATE_TEXT_SCHEMA,
                "approximate": {"type": "boolean"},
                "note": {"type": "string", "description": "Why the date is what it is."},
            },
        },
    ],
}

PublishedField = Annotated[
    PublicationDate | None,
    Parse(parse_publication_date),
    JsonSchema(_DATE_SCHEMA),
]
