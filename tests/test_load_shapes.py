"""Check stays linear in the size of its input, whatever the shape of a file.

No timings (those belong in benchmarks/): each shape is checked at two sizes, and the
work done, counted as Python function calls, must grow like the input does. A problem
located by scanning its mapping again (issue 16: 20,000 unknown keys took 46 s) makes
the count grow with the square of the size and fails here at once.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from conftest import MakeCase

from provenance.checks import check_folder
from provenance.load import load_case
from provenance.yamlfile import MAX_FILE_BYTES


def calls_made(function: Callable[[], object]) -> int:
    """How many Python and C functions `function` calls, in all."""
    count = 0

    def profile(frame: FrameType, event: str, argument: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        function()
    finally:
        sys.setprofile(None)
    return count


def unknown_keys(size: int) -> str:
    return "kind: article\n" + "".join(f"key{index}: value\n" for index in range(size))


def nested_unknown_keys(size: int) -> str:
    keys = "".join(f"  key{index}: value\n" for index in range(size))
    return "kind: article\nretracted:\n  note: withdrawn\n" + keys


def bad_list_items(size: int) -> str:
    items = "".join(
        f"  - {{cites: origin, claim: rank, relation: quote{index % 7}, wording: w}}\n"
        for index in range(size)
    )
    return "kind: article\ncitations:\n" + items


def good_list_items(size: int) -> str:
    items = "".join(
        f"  - {{cites: origin, claim: rank, relation: quotes, wording: w{index}}}\n"
        for index in range(size)
    )
    return "kind: article\ncitations:\n" + items


def unknown_references(size: int) -> str:
    items = "".join(
        f"  - {{cites: source-{index}, claim: claim-{index}, relation: links}}\n"
        for index in range(size)
    )
    return "kind: article\ncitations:\n" + items


def repeated_keys(size: int) -> str:
    return "kind: article\n" + "notes: again\n" * size


def long_wording(size: int) -> str:
    wording = "bots " * (size * 20)
    return f"kind: article\nstatements:\n  - claim: rank\n    wording: {wording}\n"


def long_bad_value(size: int) -> str:
    value = "quotez" * (size * 20)
    return f"kind: article\ncitations:\n  - {{cites: origin, claim: rank, relation: {value}}}\n"


def long_unknown_key(size: int) -> str:
    return f"kind: article\n{'k' * (size * 100)}: value\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "many unknown keys": unknown_keys,
    "many unknown keys in a nested mapping": nested_unknown_keys,
    "many list items with a bad value": bad_list_items,
    "many good list items": good_list_items,
    "many unknown references": unknown_references,
    "one key written many times": repeated_keys,
    "a long wording": long_wording,
    "a long bad value": long_bad_value,
    "a long unknown key": long_unknown_key,
}
SMALL, LARGE = 600, 2400


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_checking_grows_like_the_input(shape: str, make_case: MakeCase) -> None:
    small = make_case({"sources/shape.yaml": SHAPES[shape](SMALL)}, name="small")
    large = make_case({"sources/shape.yaml": SHAPES[shape](LARGE)}, name="large")
    assert (large / "sources" / "shape.yaml").stat().st_size < MAX_FILE_BYTES
    check_folder(small)  # validators built, modules imported: not part of the count
    work = calls_made(lambda: check_folder(small)), calls_made(lambda: check_folder(large))
    # Four times the input: four times the work, and a margin; a quadratic step is 16x.
    assert work[1] < 5 * work[0], f"{shape}: {work[0]:,} calls, then {work[1]:,}"


def test_the_cycle_collector_does_not_run_while_a_case_loads(make_case: MakeCase) -> None:
    # With the collector on, composing a file of many entries took time that grew with
    # its square: each collection walked the whole (growing) node tree again.
    folder = make_case({"sources/shape.yaml": good_list_items(LARGE)})
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        loaded = load_case(folder)
    finally:
        gc.callbacks.remove(count)
    # Held back while loading; the objects made meanwhile then start one collection.
    assert len(collections) <= 1
    assert gc.isenabled()
    assert len(loaded.problems) == 0


def test_a_large_file_of_problems_reports_each_one_where_it_is(make_case: MakeCase) -> None:
    folder = make_case({"sources/shape.yaml": unknown_keys(LARGE)})
    problems = check_folder(folder).problems
    assert len(problems) == LARGE
    assert [problem.location.line for problem in problems] == list(range(2, LARGE + 2))
