"""Loading case folders: model objects with locations, salvage, and finding cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import MakeCase, codes, relative_lines

from provenance.checks import check_paths
from provenance.load import find_case_folders, is_case_folder, load_case
from provenance.model import Location, Relation, Source

SOURCE_WITH_A_BAD_CITATION = """\
    kind: article
    title: A follow-up
    published: 2018-07-10
    citations:
      - cites: origin
        claim: rank
        relation: quotes
        wording: it ranked first
      - cites: origin
        claim: rank
        relation: quotez
      - cites: orign
        claim: rank
        relation: links
        wording: see
    statements:
      - claim: rank
        wording: It ranked first.
    """

CASE_WITH_A_VERDICT = """\
    title: A small case
    claims:
      - id: rank
        statement: The bot ranked first.
        verdict:
          rating: "False"
          rating_value: 1
    """


def only_source(folder: Path, source_id: str) -> Source:
    matches = [source for source in load_case(folder).sources if source.id == source_id]
    assert len(matches) == 1
    return matches[0]


def at(folder: Path, name: str, line: int, column: int) -> Location:
    return Location(str(folder / name), line, column)


# --- locations -----------------------------------------------------------------------


def test_every_object_knows_where_it_was_written(make_case: MakeCase) -> None:
    folder = make_case({"case.yaml": CASE_WITH_A_VERDICT})
    loaded = load_case(folder)
    assert loaded.case_file is not None
    assert loaded.case_file.location == at(folder, "case.yaml", 1, 1)
    claim = loaded.case_file.claims[0]
    assert claim.location == at(folder, "case.yaml", 3, 5)
    assert claim.where("statement") == at(folder, "case.yaml", 4, 16)
    assert claim.verdict is not None
    assert claim.verdict.location == at(folder, "case.yaml", 6, 7)
    assert claim.verdict.where("rating_value") == at(folder, "case.yaml", 7, 21)

    echo = only_source(folder, "echo")
    assert echo.location == at(folder, "sources/echo.yaml", 1, 1)
    assert echo.where("published") == at(folder, "sources/echo.yaml", 3, 12)
    citation = echo.citations[0]
    assert citation.location == at(folder, "sources/echo.yaml", 5, 5)
    assert citation.where("cites") == at(folder, "sources/echo.yaml", 5, 12)
    assert citation.where("wording") == at(folder, "sources/echo.yaml", 8, 14)

    statement = only_source(folder, "origin").statements[0]
    assert statement.location == at(folder, "sources/origin.yaml", 5, 5)
    assert statement.where("wording") == at(folder, "sources/origin.yaml", 6, 14)


def test_outlets_and_amendments_know_where_they_were_written(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "outlets.yaml": "outlets:\n  - id: huffpost\n    name: HuffPost\n",
            "sources/origin.yaml": """\
                kind: article
                outlet: huffpost
                corrected:
                  note: Fixed a name.
                statements:
                  - claim: rank
                    wording: It ranked first.
                """,
        }
    )
    loaded = load_case(folder)
    assert loaded.outlets[0].location == at(folder, "outlets.yaml", 2, 5)
    assert loaded.outlets[0].where("name") == at(folder, "outlets.yaml", 3, 11)
    corrected = only_source(folder, "origin").corrected
    assert corrected is not None
    assert corrected.location == at(folder, "sources/origin.yaml", 4, 3)


def test_where_falls_back_to_the_object_for_fields_not_written(make_case: MakeCase) -> None:
    folder = make_case()
    echo = only_source(folder, "echo")
    assert echo.where("id") == echo.location  # the id comes from the file name
    assert echo.where("url") == echo.location


def test_positions_count_from_one_after_a_byte_order_mark(make_case: MakeCase) -> None:
    origin = "\ufeffkind: article\nstatements:\n  - claim: rank\n    wording: It ranked first.\n"
    folder = make_case({"sources/origin.yaml": origin.encode("utf-8")})
    statement = only_source(folder, "origin").statements[0]
    assert statement.location == at(folder, "sources/origin.yaml", 3, 5)


# --- ids -----------------------------------------------------------------------------


def test_source_id_defaults_to_the_file_name(make_case: MakeCase) -> None:
    folder = make_case({"sources/deeper/huffpost-papenfuss.yml": "kind: dataset\n"})
    loaded = load_case(folder)
    assert sorted(source.id for source in loaded.sources) == [
        "echo",
        "huffpost-papenfuss",
        "origin",
    ]


def test_explicit_source_id_wins_over_the_file_name(make_case: MakeCase) -> None:
    folder = make_case({"sources/a file name.yaml": "id: dataset\nkind: dataset\n"})
    assert only_source(folder, "dataset").where("id") == at(
        folder, "sources/a file name.yaml", 1, 5
    )


def test_only_yaml_files_are_sources(make_case: MakeCase) -> None:
    folder = make_case({"sources/README.md": "notes\n", "sources/draft.yaml~": "kind: x\n"})
    loaded = load_case(folder)
    assert sorted(source.id for source in loaded.sources) == ["echo", "origin"]
    assert loaded.problems == ()


# --- salvage -------------------------------------------------------------------------


def test_a_bad_citation_leaves_the_rest_of_the_source(make_case: MakeCase) -> None:
    folder = make_case({"sources/echo.yaml": SOURCE_WITH_A_BAD_CITATION})
    loaded = load_case(folder)
    assert codes(loaded.problems) == ["unknown-value"]
    assert loaded.problems[0].location == at(folder, "sources/echo.yaml", 11, 15)
    assert "echo" not in loaded.broken_source_ids
    echo = only_source(folder, "echo")
    assert [citation.relation for citation in echo.citations] == [
        Relation.QUOTES,
        Relation.LINKS,
    ]
    # The third citation is now the second, and still knows it was on line 12.
    assert echo.citations[1].location == at(folder, "sources/echo.yaml", 12, 5)
    assert echo.citations[1].where("relation") == at(folder, "sources/echo.yaml", 14, 15)
    assert echo.statements[0].location == at(folder, "sources/echo.yaml", 17, 5)


def test_cross_file_checks_still_see_a_salvaged_source(make_case: MakeCase) -> None:
    folder = make_case({"sources/echo.yaml": SOURCE_WITH_A_BAD_CITATION})
    assert relative_lines(check_paths([folder]).problems, folder) == [
        "sources/echo.yaml:11:15: error: 'quotez' is not a known relation (did you mean "
        "'quotes'?); use one of: quotes, paraphrases, links, uses-data, disputes [unknown-value]",
        "sources/echo.yaml:12:12: error: unknown source 'orign' (did you mean 'origin'?); "
        "sources are the files under sources/ [unknown-source]",
    ]


def test_an_unknown_field_is_dropped_and_the_rest_kept(make_case: MakeCase) -> None:
    folder = make_case({"sources/origin.yaml": "kind: article\nheadline: x\ntitle: y\n"})
    origin = only_source(folder, "origin")
    assert origin.title == "y"
    assert origin.where("title") == at(folder, "sources/origin.yaml", 3, 8)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("id: Bad\nkind: article\n", "invalid-id"),
        ("title: no kind\n", "missing-field"),
        ("kind: artcle\n", "unknown-value"),
        ("- kind: article\n", "not-a-mapping"),
        ("---\n...\n", "not-a-mapping"),
        ("kind: [\n", "yaml-syntax"),
    ],
)
def test_a_source_that_cannot_load_yields_nothing(
    make_case: MakeCase, content: str, code: str
) -> None:
    folder = make_case({"sources/echo.yaml": content})
    loaded = load_case(folder)
    assert codes(loaded.problems) == [code]
    assert [source.id for source in loaded.sources] == ["origin"]
    assert loaded.broken_source_ids == {"echo"}


def test_a_file_name_that_is_no_id_yields_nothing(make_case: MakeCase) -> None:
    folder = make_case({"sources/Big Story.yaml": "kind: article\n"})
    loaded = load_case(folder)
    assert relative_lines(loaded.problems, folder) == [
        "sources/Big Story.yaml:1:1: error: the file name 'Big Story' does not make a valid "
        "id: ids are lowercase, and it holds 'B' (did you mean 'big-story'?); use lowercase "
        "letters and digits joined by single '-', '_' or '.'; rename the file or add an "
        "`id:` [invalid-id]"
    ]
    assert loaded.broken_source_ids == {"Big Story"}


def test_a_claim_without_statement_is_left_out(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "case.yaml": """\
                title: Two claims
                claims:
                  - id: rank
                    statement: The bot ranked first.
                  - id: share
                """,
        }
    )
    loaded = load_case(folder)
    assert codes(loaded.problems) == ["missing-field"]
    assert loaded.problems[0].location == at(folder, "case.yaml", 5, 5)
    assert loaded.case_file is not None
    assert [claim.id for claim in loaded.case_file.claims] == ["rank"]


def test_a_case_file_without_claims_yields_nothing(make_case: MakeCase) -> None:
    folder = make_case({"case.yaml": "title: No claims yet\nclaims: []\n"})
    loaded = load_case(folder)
    assert relative_lines(loaded.problems, folder) == [
        "case.yaml:2:9: error: 'claims' needs at least one entry [missing-field]"
    ]
    assert loaded.case_file is None


def test_a_broken_outlets_file_is_remembered(make_case: MakeCase) -> None:
    folder = make_case({"outlets.yaml": "outlets: huffpost\n"})
    loaded = load_case(folder)
    assert codes(loaded.problems) == ["wrong-type"]
    assert loaded.outlets_broken is True


# --- messages ------------------------------------------------------------------------


def test_unknown_field_in_a_nested_object_suggests_from_that_object(
    make_case: MakeCase,
) -> None:
    folder = make_case({"case.yaml": CASE_WITH_A_VERDICT.replace("rating_value", "ratng_value")})
    assert relative_lines(load_case(folder).problems, folder) == [
        "case.yaml:7:7: error: unknown field 'ratng_value' (did you mean 'rating_value'?); "
        "expected one of: rating, rationale, rating_value, reviewed [unknown-field]"
    ]


@pytest.mark.parametrize(
    ("content", "found"),
    [
        # One slip, one problem: the unknown key's message names the field it meant.
        ("knd: article\n", ["unknown-field"]),
        # A key that is no slip of the missing field leaves both to say.
        ("type: article\n", ["missing-field", "unknown-field"]),
        # Two slips of one field: the field is still meant, once.
        ("knd: article\nkidn: article\n", ["unknown-field", "unknown-field"]),
    ],
)
def test_a_misspelt_required_field_is_one_problem(
    make_case: MakeCase, content: str, found: list[str]
) -> None:
    folder = make_case({"sources/echo.yaml": content})
    assert sorted(codes(load_case(folder).problems)) == found


def test_a_misspelt_required_field_of_a_nested_object_is_one_problem(
    make_case: MakeCase,
) -> None:
    folder = make_case({"case.yaml": CASE_WITH_A_VERDICT.replace("rating:", "ratin:")})
    lines = relative_lines(load_case(folder).problems, folder)
    assert len(lines) == 1, lines
    assert "unknown field 'ratin' (did you mean 'rating'?)" in lines[0]


def test_a_refused_value_is_reported_once(make_case: MakeCase) -> None:
    # The tag makes the value empty; 'kind' is then missing, but that only echoes the tag.
    folder = make_case({"sources/origin.yaml": "kind: !!python/name:os.system ''\n"})
    assert codes(load_case(folder).problems) == ["yaml-tag"]


def test_bad_domain_says_what_a_domain_looks_like(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "outlets.yaml": """\
                outlets:
                  - id: huffpost
                    name: HuffPost
                    domains: [https://huffpost.com]
                """
        }
    )
    assert relative_lines(load_case(folder).problems, folder) == [
        "outlets.yaml:4:15: error: 'https://huffpost.com' is not a web domain; write it in "
        "lowercase without https:// or a path, e.g. huffpost.com [invalid-value]"
    ]


# --- the case folder -----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_source_linked_from_outside_the_case_is_refused(
    make_case: MakeCase, tmp_path: Path
) -> None:
    folder = make_case({"sources/origin.yaml": None})
    outside = tmp_path / "elsewhere" / "origin.yaml"
    outside.parent.mkdir()
    outside.write_text("kind: article\nstatements:\n  - claim: rank\n    wording: first\n")
    (folder / "sources" / "origin.yaml").symlink_to(outside)
    loaded = load_case(folder)
    assert relative_lines(loaded.problems, folder) == [
        "sources/origin.yaml:1:1: error: this file is a link to a place outside the case "
        "folder; copy the file in instead [outside-case]"
    ]
    assert [source.id for source in loaded.sources] == ["echo"]
    # echo cites origin: the file is there, so that is not also an unknown source.
    assert codes(check_paths([folder]).problems) == ["outside-case"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_source_linked_from_inside_the_case_is_fine(make_case: MakeCase) -> None:
    folder = make_case()
    (folder / "sources" / "origin.yaml").rename(folder / "origin-file.yaml")
    (folder / "sources" / "origin.yaml").symlink_to(Path("..", "origin-file.yaml"))
    assert check_paths([folder]).problems == ()


def test_case_id_is_the_folder_name(make_case: MakeCase, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_case(name="walkaway")
    monkeypatch.chdir(folder)
    loaded = load_case(Path("."))
    assert (loaded.id, loaded.root) == ("walkaway", ".")
    assert loaded.sources[0].location.path == os.path.join("sources", "echo.yaml")


def test_find_case_folders_given_a_case(make_case: MakeCase) -> None:
    folder = make_case()
    assert find_case_folders(folder) == [folder]


def test_find_case_folders_given_a_folder_of_cases(make_case: MakeCase, tmp_path: Path) -> None:
    second = make_case(name="claims/second")
    first = make_case(name="claims/first")
    (tmp_path / "claims" / "notes").mkdir()
    (tmp_path / "claims" / "README.md").write_text("not a case\n")
    assert find_case_folders(tmp_path / "claims") == [first, second]


def test_find_case_folders_looks_one_level_down_only(make_case: MakeCase, tmp_path: Path) -> None:
    make_case(name="projects/claims/walkaway")
    assert find_case_folders(tmp_path / "projects") == []


def test_find_case_folders_given_nothing_useful(tmp_path: Path) -> None:
    (tmp_path / "file.yaml").write_text("title: x\n")
    assert find_case_folders(tmp_path / "file.yaml") == []
    assert find_case_folders(tmp_path / "missing") == []
    assert find_case_folders(tmp_path) == []


def test_a_folder_with_sources_but_no_case_file_is_a_case(make_case: MakeCase) -> None:
    folder = make_case({"case.yaml": None})
    assert is_case_folder(folder)
    loaded = load_case(folder)
    assert loaded.case_file is None
    assert [str(problem) for problem in loaded.problems] == [
        f"{folder}:1:1: error: no case.yaml here; every case folder needs one (see "
        "`provenance new case`) [missing-case-file]"
    ]
    assert sorted(source.id for source in loaded.sources) == ["echo", "origin"]


def test_a_list_written_twice_is_located_by_its_last_value(make_case: MakeCase) -> None:
    # Found by fuzz/fuzz_loader.py: locations were stamped from the first of the two
    # lists, which was shorter, and the loader crashed once salvage kicked in.
    folder = make_case(
        {
            "sources/echo.yaml": """\
                kind: article
                typo: x
                citations:
                  - {cites: origin, claim: rank, relation: quotes}
                citations:
                  - {cites: origin, claim: rank, relation: quotes, wording: a}
                  - {cites: origin, claim: rank, relation: links, wording: b}
                """
        }
    )
    loaded = load_case(folder)
    assert [problem.code for problem in loaded.problems] == ["duplicate-key", "unknown-field"]
    (echo,) = [source for source in loaded.sources if source.id == "echo"]
    assert [citation.location.line for citation in echo.citations] == [6, 7]


# --- file names: .yml, and names almost like the ones read -------------------------------

OUTLETS = """\
    outlets:
      - id: huffpost
        name: HuffPost
    """
PEOPLE = """\
    people:
      - id: jane
        name: Jane Doe
    """


def test_every_case_file_may_end_in_yml(make_case: MakeCase) -> None:
    folder = make_case(
        {
            "case.yaml": None,
            "case.yml": "title: T\nclaims:\n  - id: rank\n    statement: S.\n",
            "outlets.yml": OUTLETS,
            "people.yml": PEOPLE,
            "sources/origin.yaml": None,
            "sources/origin.yml": (
                "kind: article\noutlet: huffpost\nauthors: [jane]\n"
                "statements:\n  - claim: rank\n    wording: It ranked first.\n"
            ),
        }
    )
    loaded = load_case(folder)
    assert loaded.case_file is not None
    assert [outlet.id for outlet in loaded.outlets] == ["huffpost"]
    assert [person.id for person in loaded.people] == ["jane"]
    assert sorted(source.id for source in loaded.sources) == ["echo", "origin"]
    assert check_paths([folder]).problems == ()
    assert is_case_folder(folder)


def test_a_folder_with_only_case_yml_is_a_case(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "case.yml").write_text("title: T\n", "utf-8")
    assert find_case_folders(tmp_path) == [tmp_path / "a"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("outlet.yaml", "outlet.yaml is not read: rename it to outlets.yaml"),
        ("Outlets.YML", "Outlets.YML is not read: rename it to outlets.yml"),
        ("outlets.yaml.txt", "outlets.yaml.txt is not read: rename it to outlets.yaml"),
        ("persons.yaml", "persons.yaml is not read: rename it to people.yaml"),
        ("poeple.yaml", "poeple.yaml is not read: rename it to people.yaml"),
    ],
)
def test_a_case_file_under_a_slip_of_its_name_is_named(
    make_case: MakeCase, name: str, message: str
) -> None:
    folder = make_case({name: OUTLETS if "out" in name.lower() else PEOPLE})
    problems = load_case(folder).problems
    assert relative_lines(problems, folder) == [f"{name}:1:1: error: {message} [stray-file]"]


def test_a_slip_beside_the_file_it_stands_for_is_to_be_merged(make_case: MakeCase) -> None:
    folder = make_case({"outlets.yaml": OUTLETS, "outlet.yaml": OUTLETS})
    assert relative_lines(load_case(folder).problems, folder) == [
        "outlet.yaml:1:1: error: outlet.yaml is not read, and outlets.yaml is: merge what it "
        "holds into outlets.yaml and delete it [stray-file]"
    ]


def test_sources_under_another_name_are_named(make_case: MakeCase) -> None:
    folder = make_case({"Sources/extra.yaml": "kind: dataset\n", "sources.yaml": "kind: x\n"})
    assert relative_lines(load_case(folder).problems, folder) == [
        "Sources:1:1: error: the folder Sources/ is not read: move its files into sources/ "
        "[stray-file]",
        "sources.yaml:1:1: error: sources.yaml is not read: source files go into the sources/ "
        "folder, one file per source, named by its id [stray-file]",
    ]


def test_a_slip_of_outlets_keeps_unknown_outlets_quiet(make_case: MakeCase) -> None:
    """The outlets are in the file not read: one problem says so, not one per source."""
    folder = make_case({"outlet.yaml": OUTLETS, "sources/origin.yaml": "kind: x\noutlet: a\n"})
    assert "unknown-outlet" not in codes(check_paths([folder]).problems)


def test_a_source_under_a_slip_of_its_name_is_not_an_unknown_source(
    make_case: MakeCase,
) -> None:
    folder = make_case({"sources/origin.yaml": None, "sources/origin.YML": "kind: dataset\n"})
    assert relative_lines(check_paths([folder]).problems, folder) == [
        "sources/origin.YML:1:1: error: origin.YML is not read: rename it to origin.yml "
        "[stray-file]"
    ]


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "expected.yaml",
        "notes.txt",
        "case.yaml~",
        ".case.yaml.swp",
        "outlets.yaml.bak",
        "drafts/outlet.yaml",
        "sources/notes.txt",
        "sources/echo.yaml.orig",
    ],
)
def test_names_that_look_like_nothing_read_are_left_alone(make_case: MakeCase, name: str) -> None:
    folder = make_case({name: "kind: article\n"})
    assert load_case(folder).problems == ()
