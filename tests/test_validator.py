"""The loader's validator against pydantic, its reference.

`provenance/validator.py` replaced pydantic on the path of loading a case (issue 16), and
promises the same result: the same objects for valid data, the same errors (type,
location, message, input and context) for invalid data, since diagnostics.py words
pydantic's errors and validation.py salvages around them. pydantic, validating the same
model classes (it reads the markers of constraints.py as its own annotations), is the
oracle here: every YAML file the repository holds, the salvaged remainder of each, and
many generated variants of them (wrong types, missing and unknown keys, misspelt
values, bad dates and addresses, lists where mappings belong and the other way round)
go through both.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pytest
from conftest import REPOSITORY, schema_kind
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from provenance import model as model_module
from provenance.constraints import Check, Constraints
from provenance.diagnostics import relevant_errors
from provenance.model import CaseFile, OutletsFile, PeopleFile, Source
from provenance.schema import SCHEMA_MODELS
from provenance.validation import _trim
from provenance.validator import validate_data
from provenance.yamlfile import read_yaml_file

# Every YAML file the repository holds, the live claims/ too (tests/README.md): what is
# compared is two validators' reading of whatever the files say, so a correction of the
# record can break this test only where the two disagree, which is a bug.
FOLDERS = (
    REPOSITORY / "claims",
    REPOSITORY / "examples",
    REPOSITORY / "tests" / "cases",
    REPOSITORY / "tests" / "hostile",
    REPOSITORY / "tests" / "data",
    REPOSITORY / "fuzz",
)


def yaml_files() -> list[Path]:
    return sorted(
        path
        for folder in FOLDERS
        for path in folder.rglob("*")
        if path.suffix in (".yaml", ".yml") and path.is_file()
    )


@functools.cache
def oracle(model: type) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def pydantic_result(model: type, data: Any) -> tuple[Any, list[dict[str, Any]]]:
    try:
        return oracle(model).validate_python(data), []
    except ValidationError as exc:
        return None, [_comparable(dict(error)) for error in exc.errors()]


def _comparable(error: dict[str, Any]) -> dict[str, Any]:
    error.pop("url", None)  # pydantic's link to its documentation
    return error


def assert_same(model: type, data: Any) -> list[dict[str, Any]]:
    """Both validators agree on `data`; the errors found, for what a test does next."""
    expected, expected_errors = pydantic_result(model, data)
    loaded, errors = validate_data(model, data)
    assert {(error["type"], error["loc"]) for error in errors} == {
        (error["type"], error["loc"]) for error in expected_errors
    }
    assert errors == expected_errors  # in the same order, with the same words
    assert loaded == expected
    return errors


def assert_same_with_salvage(model: type, data: Any) -> None:
    """Both agree on the data, and on what is left of it once the failing parts are
    left out, as the loader validates it a second time."""
    errors = assert_same(model, data)
    trimmed = _trim(data, relevant_errors(errors)) if errors else None
    if trimmed is not None:
        assert_same(model, trimmed[0])


def loader_data(path: Path) -> tuple[type, Any] | None:
    """The plain data of a file as the loader validates it, and its model."""
    document = read_yaml_file(path, str(path))
    if not isinstance(document.data, dict):
        return None
    kind = schema_kind(path)
    data = document.data
    if kind == "source" and "id" not in data:
        data = {**data, "id": path.stem}
    return SCHEMA_MODELS[kind], data


FILES = yaml_files()


def test_the_repository_holds_files_of_every_kind() -> None:
    kinds = {schema_kind(path) for path in FILES}
    assert kinds == set(SCHEMA_MODELS)
    assert len(FILES) > 400


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(REPOSITORY)))
def test_every_file_of_the_repository_validates_as_pydantic_validates_it(path: Path) -> None:
    found = loader_data(path)
    if found is not None:
        assert_same_with_salvage(*found)


# --- generated variants ------------------------------------------------------------------

BASES: list[tuple[type, Any]] = [
    found
    for path in FILES
    if "hostile" not in path.parts and (found := loader_data(path)) is not None
]
# Parts the repository's files seldom hold, so that variants reach every field.
BASES += [
    (
        CaseFile,
        {
            "title": "t",
            "summary": "s",
            "claims": [
                {
                    "id": "c",
                    "statement": "s",
                    "subjects": ["p"],
                    "notes": "n",
                    "verdict": {
                        "rating": "False",
                        "rationale": "r",
                        "rating_value": 1,
                        "reviewed": {"date": "2018-07", "approximate": True, "note": "n"},
                    },
                }
            ],
            "fact_checker": {"name": "n", "url": "https://checker.example/"},
        },
    ),
    (
        OutletsFile,
        {
            "outlets": [
                {
                    "id": "o",
                    "name": "O",
                    "domains": ["o.example"],
                    "aliases": ["The O"],
                    "platform": True,
                    "part_of": "g",
                    "notes": "n",
                }
            ]
        },
    ),
    (PeopleFile, {"people": [{"id": "p", "name": "P", "aliases": ["@p"], "notes": "n"}]}),
    (
        Source,
        {
            "id": "s",
            "kind": "article",
            "primary": False,
            "published": "2018-07-09T14:30:00Z",
            "retracted": {"note": "n", "date": 2018, "url": "https://a.example/r", "claims": ["c"]},
            "corrected": {"note": "n"},
            "statements": [
                {"claim": "c", "wording": "w", "stance": "disputes", "certainty": "likely"},
            ],
            "omits": [{"claim": "c", "note": "n"}],
        },
    ),
]

FIELD_NAMES = sorted(  # every key of every kind of object, to put where it does not belong
    {
        field.name
        for value in vars(model_module).values()
        if isinstance(value, type) and "__pydantic_config__" in vars(value)
        for field in dataclasses.fields(value)
        if field.init
    }
)

AWKWARD: list[Any] = [
    None,
    "",
    " ",
    "x",
    "A",
    "yes",
    "No",
    "ON",
    "t",
    "maybe",
    "3",
    " 3 ",
    "+3",
    "-1",
    "1_0",
    "1__0",
    "3.0",
    "4.00",
    "3.",
    "3e0",
    "\u0663",
    "9" * 30,
    "2018",
    "2018-07-09",
    "2018-13",
    "2018-07-00",
    "0000",
    "2018-07-09T14:30:00Z",
    "2018-07-09 14:30",
    "July 2018",
    "https://x.example/a",
    "https://[abc/x",
    "https://a.example:99999/",
    "https://:80/",
    "ftp://x.example",
    "https://x.example/\n",
    "huffpost.com",
    "HuffPost.com",
    "quotes",
    "quote",
    "supports",
    "certain",
    "article",
    "blog-post",
    "x" * 101,
    "ok\n",
    "a..b",
    0,
    1,
    2,
    3,
    5,
    6,
    -1,
    2018,
    10**20,
    0.0,
    -0.0,
    1.0,
    2.0,
    2.5,
    3.0,
    1e20,
    math.inf,
    -math.inf,
    math.nan,
    True,
    False,
    [],
    ["x"],
    [None],
    [1, "a"],
    [{}],
    {},
    {"date": "2018"},
    {"date": "2018", "approximate": True},
    {"date": None},
    {"date": "2018", "approximate": "yes"},
    {"date": "2018", "note": 5},
    {"date": "2018", "when": 1},
    {"x": 1},
    {"note": "n"},
    {"id": "a", "statement": "s"},
    {"cites": "a", "claim": "b", "relation": "quotes"},
    {"claim": "c", "wording": "w"},
    {"rating": "False", "rating_value": "4"},
    {"name": "n", "url": "https://x.example"},
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
)
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=6)


def nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3)


values = st.one_of(
    st.sampled_from(AWKWARD).map(copy.deepcopy),
    scalars,
    st.recursive(scalars, nested, max_leaves=6),
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every part of the data, the whole first."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> tuple[type, Any]:
    model, data = draw(st.sampled_from(BASES))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        place = draw(st.sampled_from(list(_places(data))))
        if not place:  # the whole file: a key more or less
            target = data
        else:
            parent, step = _at(data, place[:-1]), place[-1]
            target = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "add", "wrap", "unwrap"]))
        if action == "add" and isinstance(target, dict):
            target[draw(keys)] = draw(values)
        elif not place:
            continue
        elif action == "replace":
            parent[step] = draw(values)
        elif action == "remove" and isinstance(parent, dict):
            del parent[step]
        elif action == "remove" and isinstance(parent, list):
            parent.pop(step)
        elif action == "wrap":
            parent[step] = [target]
        elif action == "unwrap" and isinstance(target, list) and target:
            parent[step] = target[0]
    return model, data


# As test_fuzz.py's profiles: the same examples every run, unless PROVENANCE_FUZZ=deep
# asks for fifty times as many, drawn afresh (20,000 of each kind agreed when written).
DEEP = os.environ.get("PROVENANCE_FUZZ") == "deep"


def examples(count: int) -> settings:
    quiet = [HealthCheck.too_slow, HealthCheck.data_too_large]
    if DEEP:
        return settings(max_examples=count * 50, deadline=None, suppress_health_check=quiet)
    return settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=quiet,
    )


@examples(600)
@given(mutated())
def test_generated_variants_validate_as_pydantic_validates_them(case: tuple[type, Any]) -> None:
    assert_same_with_salvage(*case)


@examples(300)
@given(st.sampled_from(sorted(SCHEMA_MODELS.values(), key=str)), values)
def test_anything_at_all_validates_as_pydantic_validates_it(model: type, data: Any) -> None:
    assert_same(model, data)


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
@pytest.mark.parametrize(
    ("model", "field", "base"),
    [
        (Source, "published", {"kind": "article"}),
        (Source, "url", {"kind": "article"}),
        (Source, "primary", {"kind": "article"}),
        (Source, "kind", {}),
        (Source, "authors", {"kind": "article"}),
        (Source, "retracted", {"kind": "article"}),
        (Source, "citations", {"kind": "article"}),
        (Source, "id", {"kind": "article"}),
        (OutletsFile, "outlets", {}),
        (CaseFile, "claims", {"title": "t"}),
    ],
)
def test_every_awkward_value_in_every_kind_of_field(
    model: type, field: str, base: dict[str, Any], value: Any
) -> None:
    assert_same_with_salvage(model, {**base, field: copy.deepcopy(value)})


@pytest.mark.parametrize("value", AWKWARD, ids=repr)
def test_every_awkward_value_as_a_rating(value: Any) -> None:
    verdict = {"rating": "False", "rating_value": copy.deepcopy(value)}
    claims = [{"id": "c", "statement": "s", "verdict": verdict}]
    assert_same(CaseFile, {"title": "t", "claims": claims})


# --- what the validator refuses to read --------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    value: Annotated[int, Constraints(pattern="^1$")]


@dataclass(frozen=True)
class CheckFirst:
    value: Annotated[str, Check(str.strip), Constraints(min_length=1)]


@dataclass(frozen=True)
class Decimal:
    value: float


@dataclass(frozen=True)
class Either:
    value: int | str


@pytest.mark.parametrize("model", [Pattern, CheckFirst, Decimal, Either])
def test_a_model_the_validator_cannot_read_as_pydantic_would_is_refused(model: type) -> None:
    # Read wrongly, it would accept what pydantic refuses, or the other way round.
    with pytest.raises(TypeError, match="validator"):
        validate_data(model, {"value": 1})
