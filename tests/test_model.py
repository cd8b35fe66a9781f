"""The model: publication dates, ids, and the few properties with logic in them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from provenance.constraints import InvalidValue
from provenance.model import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    Certainty,
    Claim,
    Identifier,
    Precision,
    PublicationDate,
    Source,
    SourceKind,
    check_url,
    parse_publication_date,
)
from provenance.validator import validate_data

END_OF_DAY = timedelta(days=1, microseconds=-1)


def parse(value: Any) -> PublicationDate:
    parsed = parse_publication_date(value)
    assert isinstance(parsed, PublicationDate)
    return parsed


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- publication dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision", "earliest", "latest"),
    [
        ("2018-07-09", Precision.DAY, utc(2018, 7, 9), utc(2018, 7, 9) + END_OF_DAY),
        (date(2018, 7, 9), Precision.DAY, utc(2018, 7, 9), utc(2018, 7, 9) + END_OF_DAY),
        ("2018-07", Precision.MONTH, utc(2018, 7, 1), utc(2018, 7, 31) + END_OF_DAY),
        ("2018-12", Precision.MONTH, utc(2018, 12, 1), utc(2018, 12, 31) + END_OF_DAY),
        ("2018-02", Precision.MONTH, utc(2018, 2, 1), utc(2018, 2, 28) + END_OF_DAY),
        ("2020-02", Precision.MONTH, utc(2020, 2, 1), utc(2020, 2, 29) + END_OF_DAY),
        ("2018", Precision.YEAR, utc(2018, 1, 1), utc(2018, 12, 31) + END_OF_DAY),
        (2018, Precision.YEAR, utc(2018, 1, 1), utc(2018, 12, 31) + END_OF_DAY),
        ("2018-07-09T14:30:00Z", Precision.TIME, utc(2018, 7, 9, 14, 30), utc(2018, 7, 9, 14, 30)),
        ("2018-07-09T14:30:00", Precision.TIME, utc(2018, 7, 9, 14, 30), utc(2018, 7, 9, 14, 30)),
        (
            "2018-07-09T14:30:00+02:00",
            Precision.TIME,
            utc(2018, 7, 9, 12, 30),
            utc(2018, 7, 9, 12, 30),
        ),
        (
            "2018-07-09T22:30:00-04:00",  # the next day in UTC
            Precision.TIME,
            utc(2018, 7, 10, 2, 30),
            utc(2018, 7, 10, 2, 30),
        ),
        ("2020-02-29", Precision.DAY, utc(2020, 2, 29), utc(2020, 2, 29) + END_OF_DAY),
    ],
)
def test_publication_date_bounds(
    value: Any, precision: Precision, earliest: datetime, latest: datetime
) -> None:
    parsed = parse(value)
    assert (parsed.precision, parsed.earliest, parsed.latest) == (precision, earliest, latest)
    assert parsed.text == (value.isoformat() if isinstance(value, date) else str(value))
    assert parsed.approximate is False


def test_publication_date_text_is_stripped() -> None:
    assert parse(" 2018-07-09 ").text == "2018-07-09"


def test_publication_date_mapping_form() -> None:
    parsed = parse({"date": "2018-07", "approximate": True, "note": "over the weekend"})
    assert (parsed.text, parsed.precision) == ("2018-07", Precision.MONTH)
    assert (parsed.approximate, parsed.note) == (True, "over the weekend")
    assert parsed.earliest == utc(2018, 7, 1)


def test_publication_date_mapping_form_defaults_to_exact() -> None:
    parsed = parse({"date": "2018-07-09"})
    assert (parsed.approximate, parsed.note) == (False, None)


def test_nothing_stays_nothing() -> None:
    assert parse_publication_date(None) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2018-13", "month must be in 1..12"),
        ("2018-02-30", "day is out of range for month"),
        ("2019-02-29", "day is out of range for month"),
        ("2018-7-9", "not in a date format provenance reads"),
        ("09/07/2018", "not in a date format provenance reads"),
        ("July 9, 2018", "not in a date format provenance reads"),
        ("", "the date is empty"),
        ("  ", "the date is empty"),
        (True, "not as bool"),
        (9.5, "not as float"),
        (["2018"], "not as list"),
        ({"approximate": True}, "needs 'date'"),
        ({"date": None}, "needs 'date'"),
        ({"date": None, "approximate": True}, "needs 'date'"),
        ({"date": "2018", "aproximate": True}, "unknown key 'aproximate'"),
        ({"date": "2018", "approximate": "yes"}, "'approximate' should be true or false"),
        ({"date": "2018", "note": 5}, "'note' should be text"),
        ({"date": "2018-13"}, "month must be in 1..12"),
    ],
)
def test_invalid_publication_dates(value: Any, message: str) -> None:
    with pytest.raises(InvalidValue, match=re.escape(message)) as caught:
        parse_publication_date(value)
    assert caught.value.type == "invalid-date"


def test_invalid_date_message_shows_the_formats_that_work() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_publication_date("2018-13")
    assert str(caught.value) == (
        "'2018-13' is not a valid date: month must be in 1..12; write 2018-07-09, 2018-07, "
        "2018 or an ISO date-time such as 2018-07-09T14:30:00Z"
    )


@pytest.mark.parametrize("value", ["2018-00", "2018-07-00", "2018-00-05", "9999", "0000"])
def test_month_or_day_zero_is_invalid(value: str) -> None:
    with pytest.raises(InvalidValue):
        parse_publication_date(value)


# --- may_precede ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "may"),
    [
        ("2018-07-09", "2018-07-10", True),
        ("2018-07-10", "2018-07-09", False),
        ("2018-07-09", "2018-07-09", True),  # the same day, either order
        ("2018-07", "2018-07-01", True),  # overlapping spans
        ("2018-07-31", "2018-07", True),
        ("2018-08-01", "2018-07", False),
        ("2018", "2018-12-31", True),
        ("2019-01-01", "2018", False),
        ("2018-07-09T14:30:00Z", "2018-07-09T14:30:00Z", True),
        ("2018-07-09T14:31:00Z", "2018-07-09T14:30:00Z", False),
        ("2018-07-09T23:00:00Z", "2018-07-09", True),
        ("2018-07-10T00:00:00Z", "2018-07-09", False),
        ("2018-07-09T22:00:00-04:00", "2018-07-09", False),  # 02:00 on the 10th, UTC
    ],
)
def test_may_precede(first: str, second: str, may: bool) -> None:
    assert parse(first).may_precede(parse(second)) is may


def test_may_precede_ignores_approximate() -> None:
    # Whether an estimate counts is the caller's decision (see checks.cites_later_source).
    estimate = parse({"date": "2018-07-12", "approximate": True})
    assert estimate.may_precede(parse("2018-07-10")) is False


# --- sources and certainty -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "primary", "is_primary"),
    [
        (SourceKind.DATASET, None, True),
        (SourceKind.DASHBOARD, None, True),
        (SourceKind.STUDY, None, True),
        (SourceKind.OFFICIAL_RECORD, None, True),
        (SourceKind.ARTICLE, None, False),
        (SourceKind.SOCIAL_POST, None, False),
        (SourceKind.SOCIAL_POST, True, True),
        (SourceKind.DATASET, False, False),
    ],
)
def test_source_is_primary(kind: SourceKind, primary: bool | None, is_primary: bool) -> None:
    assert Source(kind=kind, id="s", primary=primary).is_primary is is_primary


def test_certainty_ranks_from_weakest_to_strongest() -> None:
    ranked = [certainty for certainty in Certainty if certainty.ranked]
    assert [certainty.rank for certainty in ranked] == [0, 1, 2, 3, 4]
    assert sorted(ranked, key=lambda certainty: certainty.rank) == [
        Certainty.DISPUTED,
        Certainty.UNLIKELY,
        Certainty.POSSIBLE,
        Certainty.LIKELY,
        Certainty.CERTAIN,
    ]
    assert Certainty.LIKELY.rank < Certainty.CERTAIN.rank
    # `unknown` commits to nothing: it has no place in the order.
    assert not Certainty.UNKNOWN.ranked
    assert not Certainty.UNKNOWN < Certainty.LIKELY
    assert not Certainty.UNKNOWN >= Certainty.DISPUTED


# --- ids -----------------------------------------------------------------------------

IDS = TypeAdapter(Identifier)  # pydantic, the reference the loader's validator follows


def loader_reads_id(value: str) -> bool:
    loaded, _ = validate_data(Claim, {"id": value, "statement": "s"})
    return loaded is not None and loaded.id == value


@pytest.mark.parametrize(
    "value",
    ["huffpost-papenfuss", "a.b_c", "a", "hamilton68-rank", "2018", "x" * ID_MAX_LENGTH],
)
def test_valid_ids(value: str) -> None:
    assert re.fullmatch(ID_PATTERN, value)
    assert IDS.validate_python(value) == value
    assert loader_reads_id(value)


@pytest.mark.parametrize(
    "value",
    [
        "../x",
        "a/b",
        "a\\b",
        "A",
        "HuffPost",
        "a..b",
        "a--b",
        "-a",
        "a-",
        ".a",
        "",
        "a b",
        "a\x00b",
        "\u0430bc",  # Cyrillic a
        "huffpost\n",
        "x" * (ID_MAX_LENGTH + 1),
    ],
)
def test_invalid_ids(value: str) -> None:
    with pytest.raises(ValidationError):
        IDS.validate_python(value)
    assert not loader_reads_id(value)


def test_certainty_compares_by_strength_not_alphabet() -> None:
    assert Certainty.DISPUTED < Certainty.POSSIBLE < Certainty.LIKELY < Certainty.CERTAIN
    assert Certainty.CERTAIN >= Certainty.LIKELY
    assert max(Certainty.POSSIBLE, Certainty.CERTAIN, Certainty.LIKELY) is Certainty.CERTAIN


@pytest.mark.parametrize(
    "url",
    [
        "https://www.salon.com/2018/07/09/russian-bots-are-back/",
        "http://a.example:8080/x?q=1#top",
        "https://user@a.example/x",
        "https://[::1]:8080/",
        "https://a.example:65535/",
    ],
)
def test_web_addresses_whose_host_can_be_read_are_kept(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://[abc/x", "Invalid IPv6 URL"),
        ("https://[notip]/", "does not appear to be an IPv4 or IPv6 address"),
        ("https://a.example:99999/", "Port out of range"),
        ("https://a.example:port/", "Port could not be cast"),
        ("https://:80/", "it names no host"),
    ],
)
def test_web_addresses_whose_host_cannot_be_read_are_invalid_urls(url: str, reason: str) -> None:
    with pytest.raises(InvalidValue, match=re.escape(reason)) as caught:
        check_url(url)
    assert caught.value.type == "invalid-url"
