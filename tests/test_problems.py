"""Problems: their order, and the did-you-mean hint, each fast and the same as the plain
way of computing them."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.codes import Code
from provenance.model import Location
from provenance.problems import Problem, did_you_mean, problem, sorted_problems

FIELDS = ["kind", "title", "outlet", "authors", "url", "published", "citations", "wording"]
words = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12))


def plain_did_you_mean(word: str, choices: list[str]) -> str:
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


@settings(max_examples=300, derandomize=True, database=None)
@given(word=words, choices=st.lists(words, max_size=8))
def test_did_you_mean_suggests_what_difflib_suggests(word: str, choices: list[str]) -> None:
    assert did_you_mean(word, choices) == plain_did_you_mean(word, choices)


def test_did_you_mean_names_the_close_word() -> None:
    assert did_you_mean("titel", FIELDS) == " (did you mean 'title'?)"
    assert did_you_mean("key12345", FIELDS) == ""
    assert did_you_mean("anything", []) == ""


locations = st.builds(
    Location, st.sampled_from(["a.yaml", "b.yaml"]), st.integers(1, 3), st.integers(1, 3)
)
problems = st.builds(
    problem, locations, st.sampled_from(list(Code)), st.sampled_from(["x", "y", ""])
)


@settings(max_examples=100, derandomize=True, database=None)
@given(found=st.lists(problems, max_size=20))
def test_problems_are_sorted_as_the_dataclass_orders_them(found: list[Problem]) -> None:
    assert sorted_problems(found) == sorted(found)
