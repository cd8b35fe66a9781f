"""A coverage-guided fuzzer for the date and web-address parsers, with atheris. Not part
of the test suite, and not a dependency: run it on demand.

    pip install atheris
    python fuzz/fuzz_values.py -atheris_runs=1000000

Each input is one value as a case file could give it: text, a number, or a date mapping
(`{date, approximate, note}`) with any of those inside. Each is read the ways the loader
reads it: as a date (`published`, `retracted.date`, `verdict.reviewed`), as a web
address (`url`, `archived_url`), and inside a whole source validated by the loader.
What must hold: a value is accepted or refused with `invalid-date` or `invalid-url`
(the loader's problems point at it); nothing else is ever raised. A failing input is
written to crash-<hash>; `python fuzz/fuzz_values.py crash-<hash>` replays it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import atheris

with atheris.instrument_imports(include=["provenance"]):
    from provenance.codes import Code
    from provenance.constraints import InvalidValue
    from provenance.model import Source, check_url, parse_publication_date
    from provenance.validation import validate
    from provenance.yamlfile import parse_yaml_bytes


def value_from(data: atheris.FuzzedDataProvider, depth: int = 0) -> Any:
    """Text, a number, a boolean, nothing, or (not too deep) a date mapping."""
    choice = data.ConsumeIntInRange(0, 6 if depth < 2 else 4)
    if choice == 0:
        return data.ConsumeUnicodeNoSurrogates(data.ConsumeIntInRange(0, 40))
    if choice == 1:
        return data.ConsumeInt(8)
    if choice == 2:
        return data.ConsumeFloat()
    if choice == 3:
        return data.ConsumeBool()
    if choice == 4:
        return None
    keys = ["date", "approximate", "note", data.ConsumeUnicodeNoSurrogates(6)]
    return {key: value_from(data, depth + 1) for key in keys if data.ConsumeBool()}


def refused_as(code: Code, read: Any, value: Any) -> None:
    try:
        read(value)
    except InvalidValue as error:
        if error.type != code:
            raise AssertionError(f"{value!r}: refused as {error.type}, not {code}") from error


def test_one_input(raw: bytes) -> None:
    data = atheris.FuzzedDataProvider(raw)
    value = value_from(data)
    refused_as(Code.INVALID_DATE, parse_publication_date, value)
    if isinstance(value, str):
        refused_as(Code.INVALID_URL, check_url, value)
    # The same value through the loader, where every refusal must be a located problem.
    written = json.dumps(value)  # JSON is YAML: the value as a case file can hold it
    source = f"kind: article\npublished: {written}\nurl: {written}\n".encode()
    document = parse_yaml_bytes(source, "source.yaml")
    if isinstance(document.data, dict):
        _, problems = validate(document.data | {"id": "s"}, Source, document, "s")
        for problem in problems:
            assert problem.location.line >= 1, problem


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
