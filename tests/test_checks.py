"""The checks, mostly through the case folders under tests/cases.

Each folder under cases/invalid/ is a complete case with one kind of problem in it and an
`expected.txt` holding the problem lines exactly as `provenance check` prints them, with
paths relative to the folder. Run with PROVENANCE_UPDATE_EXPECTED=1 to rewrite the
expected files from what the checks say now, then read the diff before committing.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASES, MakeCase, codes, relative_lines

from provenance.checks import check_case, check_paths, cites_later_source
from provenance.codes import Code, Stage
from provenance.load import load_case
from provenance.model import PublicationDate, Source, SourceKind, parse_publication_date
from provenance.problems import Severity

UPDATE = os.environ.get("PROVENANCE_UPDATE_EXPECTED") == "1"
INVALID = sorted(path for path in (CASES / "invalid").iterdir() if path.is_dir())
VALID = sorted(path for path in (CASES / "valid").iterdir() if path.is_dir())

# The problem codes the case folders show between them: every code the loader and the
# checks report but four.
MADE_AT_TEST_TIME = {
    "outside-case",  # a symbolic link (test_load, test_hostile)
    "too-deep",  # a generated file (test_yamlfile, test_hostile)
    "no-case",  # a folder that is not a case (below)
    "duplicate-case",  # two folders of one name (test_hostile)
    "unreadable-file",  # a file or folder that cannot be read (test_yamlfile, test_hostile)
    "file-too-large",  # a 50 MB file (test_hostile)
    "reserved-id",  # a case folder's own name (hostile/index.html, test_ids)
}
CODES_IN_CASE_FOLDERS = {
    code.value for code in Code if code.stage is not Stage.TRACE
} - MADE_AT_TEST_TIME
"""Every code of the checks (from the registry) has a folder of its own under
cases/invalid/, but those whose input cannot live there."""


def expected_lines(folder: Path, actual: list[str]) -> list[str]:
    expected_file = folder / "expected.txt"
    if UPDATE:
        expected_file.write_text("".join(line + "\n" for line in actual), encoding="utf-8")
    if not expected_file.exists():
        pytest.fail(f"{expected_file} is missing; PROVENANCE_UPDATE_EXPECTED=1 writes it")
    return expected_file.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("folder", INVALID, ids=lambda path: path.name)
def test_invalid_case_reports_the_expected_problems(folder: Path) -> None:
    actual = relative_lines(check_paths([folder]).problems, folder)
    expected = expected_lines(folder, actual)
    diff = "\n".join(difflib.unified_diff(expected, actual, "expected.txt", "actual", lineterm=""))
    assert actual == expected, f"\n{diff}\n(PROVENANCE_UPDATE_EXPECTED=1 rewrites expected.txt)"


@pytest.mark.parametrize("folder", INVALID, ids=lambda path: path.name)
def test_invalid_case_holds_one_kind_of_problem_named_by_its_folder(folder: Path) -> None:
    lines = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    found = {line.rsplit("[", 1)[-1].rstrip("]") for line in lines}
    assert found, f"{folder.name} has no problem: move it to cases/valid/"
    assert len(found) == 1, f"{folder.name} mixes {sorted(found)}"
    for code in found:
        assert folder.name.startswith(code), f"{folder.name} holds {code}: rename it"


def test_case_folders_cover_every_problem_code() -> None:
    found = set()
    for folder in INVALID:
        for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines():
            found.add(line.rsplit("[", 1)[-1].rstrip("]"))
    assert found == CODES_IN_CASE_FOLDERS


def test_there_are_valid_cases() -> None:
    assert VALID


@pytest.mark.parametrize("folder", VALID, ids=lambda path: path.name)
def test_valid_case_checks_clean(folder: Path) -> None:
    report = check_paths([folder])
    assert relative_lines(report.problems, folder) == []
    assert len(report.cases) == 1
    assert report.cases[0].loaded.case_file is not None


# --- the report ----------------------------------------------------------------------


def test_report_counts_errors_warnings_and_sources(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "sources/echo.yaml": """\
                kind: article
                citations:
                  - cites: orign
                    claim: rank
                    relation: quotes
                """,
        }
    )
    report = check_paths([folder])
    # origin states the claim, so it belongs to the case though nothing cites it now.
    assert codes(report.problems) == ["missing-wording", "unknown-source"]
    assert (report.error_count, report.warning_count, report.source_count) == (1, 1, 2)


def test_problems_are_sorted_by_file_and_position(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "sources/a.yaml": "kind: nope\n",
            "sources/echo.yaml": "kind: article\ntitle: ''\nurl: nope\n",
        }
    )
    problems = check_paths([folder]).problems
    assert [(p.location.path, p.location.line) for p in problems] == [
        (str(folder / "sources/a.yaml"), 1),
        (str(folder / "sources/echo.yaml"), 2),
        (str(folder / "sources/echo.yaml"), 3),
    ]


def test_a_folder_of_cases_checks_each_case(make_case: MakeCase, tmp_path: Path) -> None:
    make_case(name="claims/first")
    make_case({"sources/echo.yaml": "kind: article\n"}, name="claims/second")
    report = check_paths([tmp_path / "claims"])
    assert [Path(case.loaded.root).name for case in report.cases] == ["first", "second"]
    assert relative_lines(report.problems, tmp_path / "claims") == [
        "second/sources/echo.yaml:1:1: warning: nothing cites 'echo' and it cites "
        "nothing; link it to the case or remove it [isolated-source]"
    ]


def test_a_folder_without_cases_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    report = check_paths([tmp_path])
    assert report.cases == ()
    assert [str(problem) for problem in report.problems] == [
        f"{tmp_path}:1:1: error: no case here: a case folder holds a case.yaml (start one "
        "with `provenance new case NAME`) [no-case]"
    ]


def test_a_case_missing_its_case_file_is_not_skipped(make_case: MakeCase, tmp_path: Path) -> None:
    make_case(name="claims/good")
    make_case({"case.yaml": None}, name="claims/no-case-file")
    report = check_paths([tmp_path / "claims"])
    assert len(report.cases) == 2
    assert codes(report.problems) == ["missing-case-file"]


# --- no problems piled on top of a broken file ------------------------------------------


def test_a_broken_source_hides_nothing_it_might_cite(make_case: MakeCase) -> None:
    # echo.yaml, which cites origin, does not load: origin is not called isolated.
    folder = make_case({"sources/echo.yaml": "kind: article\ntitle: [\n"})
    assert codes(check_paths([folder]).problems) == ["yaml-syntax"]


def test_citing_a_broken_source_is_not_an_unknown_source(make_case: MakeCase) -> None:
    folder = make_case({"sources/origin.yaml": "kind: artcle\n"})
    assert codes(check_paths([folder]).problems) == ["unknown-value"]


def test_a_claim_dropped_from_a_broken_case_file_is_not_unknown(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "case.yaml": """\
                title: A small case
                claims:
                  - id: rank
                    statement: The bot ranked first.
                  - id: share
                    statement: ""
                """,
            "sources/origin.yaml": """\
                kind: article
                statements:
                  - claim: rank
                    wording: It ranked first.
                  - claim: share
                    wording: A fifth were bots.
                """,
        }
    )
    assert codes(check_paths([folder]).problems) == ["empty-value"]


def test_an_outlet_dropped_from_a_broken_outlets_file_is_not_unknown(
    make_case: MakeCase,
) -> None:
    folder = make_case(
        {
            "outlets.yaml": "outlets:\n  - id: huffpost\n",
            "sources/origin.yaml": """\
                kind: article
                outlet: huffpost
                statements:
                  - claim: rank
                    wording: It ranked first.
                """,
        }
    )
    assert codes(check_paths([folder]).problems) == ["missing-field"]


def test_a_misspelt_wording_key_is_not_also_missing_wording(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "sources/echo.yaml": """\
                kind: article
                citations:
                  - cites: origin
                    claim: rank
                    relation: quotes
                    wordin: it ranked first
                """,
        }
    )
    assert codes(check_paths([folder]).problems) == ["unknown-field"]


def test_without_a_case_file_claims_are_not_checked(make_case: MakeCase) -> None:
    folder = make_case({"case.yaml": "title: [\n"})
    assert codes(check_paths([folder]).problems) == ["yaml-syntax"]


# --- single checks -------------------------------------------------------------------


def dated_source(source_id: str, published: PublicationDate | None) -> Source:
    return Source(kind=SourceKind.ARTICLE, id=source_id, published=published)


def date(value: object) -> PublicationDate:
    parsed = parse_publication_date(value)
    assert isinstance(parsed, PublicationDate)
    return parsed


@pytest.mark.parametrize(
    ("citing", "cited", "later"),
    [
        ("2018-07-09", "2018-07-10", True),
        ("2018-07-10", "2018-07-09", False),
        ("2018-07-09", "2018-07-09", False),
        ("2018-07", "2018-07-20", False),  # both may be the same day
        ("2018-07-31", "2018-08", True),
        ("2018-07-09T10:00:00Z", "2018-07-09T11:00:00Z", True),
        ("2018-07-09T10:00:00-04:00", "2018-07-09T11:00:00Z", False),  # 14:00 UTC
        ("2018-07-09", None, False),
        (None, "2018-07-10", False),
    ],
)
def test_cites_later_source(citing: str | None, cited: str | None, later: bool) -> None:
    citing_source = dated_source("a", date(citing) if citing else None)
    cited_source = dated_source("b", date(cited) if cited else None)
    assert cites_later_source(citing_source, cited_source, firm_only=True) is later


def test_cites_later_source_counts_approximate_dates_only_when_asked() -> None:
    citing = dated_source("a", date({"date": "2018-07-01", "approximate": True}))
    cited = dated_source("b", date("2018-07-10"))
    assert cites_later_source(citing, cited, firm_only=True) is False
    assert cites_later_source(citing, cited, firm_only=False) is True


HUFFPOST_OUTLET = "outlets:\n  - id: hp\n    name: HuffPost\n    domains: [huffpost.com]\n"


def test_url_on_a_subdomain_of_the_outlet_is_fine(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "outlets.yaml": HUFFPOST_OUTLET,
            "sources/origin.yaml": """\
                kind: article
                outlet: hp
                url: https://WWW.HuffPost.com/entry/x
                statements:
                  - claim: rank
                    wording: It ranked first.
                """,
        }
    )
    assert check_paths([folder]).problems == ()


def test_url_on_a_look_alike_domain_is_a_mismatch(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "outlets.yaml": HUFFPOST_OUTLET,
            "sources/origin.yaml": """\
                kind: article
                outlet: hp
                url: https://nothuffpost.com/entry/x
                statements:
                  - claim: rank
                    wording: It ranked first.
                """,
        }
    )
    assert codes(check_paths([folder]).problems) == ["url-outlet-mismatch"]


def test_repeated_citation_is_reported_once_at_the_first_repeat(make_case: MakeCase) -> None:
    entry = "  - cites: origin\n    claim: rank\n    relation: quotes\n    wording: first\n"
    folder = make_case({"sources/echo.yaml": "kind: article\ncitations:\n" + entry * 3})
    problems = check_paths([folder]).problems
    assert [(p.code, p.location.line) for p in problems] == [("repeated-citation", 7)]


def test_citing_with_another_relation_is_not_a_repeat(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "sources/echo.yaml": """\
                kind: article
                citations:
                  - cites: origin
                    claim: rank
                    relation: quotes
                    wording: it ranked first
                  - cites: origin
                    claim: rank
                    relation: disputes
                    wording: but we doubt it
                """,
        }
    )
    assert check_paths([folder]).problems == ()


def test_unknown_claim_in_an_amendment(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "sources/origin.yaml": """\
                kind: article
                corrected:
                  note: Fixed.
                  claims: [rnak]
                statements:
                  - claim: rank
                    wording: It ranked first.
                """,
        }
    )
    assert relative_lines(check_paths([folder]).problems, folder) == [
        "sources/origin.yaml:4:11: error: unknown claim 'rnak' (did you mean 'rank'?); "
        "claims are listed in case.yaml [unknown-claim]"
    ]


def test_check_case_returns_only_cross_file_problems(make_case: MakeCase) -> None:
    folder = make_case({"sources/echo.yaml": "kind: article\ntitle: [\n"})
    loaded = load_case(folder)
    assert codes(loaded.problems) == ["yaml-syntax"]
    assert check_case(loaded) == []
    assert all(problem.severity is Severity.ERROR for problem in loaded.problems)


@pytest.mark.slow
def test_check_on_several_cores_reports_what_one_core_does(make_case: MakeCase) -> None:
    # A fresh process, as a user runs it: its workers are forked from it (no other
    # thread runs there), where inside pytest the forkserver's are used.
    folders = [make_case(name="a"), make_case({"sources/echo.yaml": "kind: nonsense\n"}, name="b")]
    runs = [
        subprocess.run(
            [sys.executable, "-m", "provenance", "check", "-j", jobs, *map(str, folders)],
            capture_output=True,
            text=True,
            check=False,
        )
        for jobs in ("1", "2")
    ]
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[0].stdout == runs[1].stdout
    assert "unknown-value" in runs[1].stdout
    assert "Traceback" not in runs[1].stderr
