"""New case files from templates, and the helpers that write commented YAML safely.

`provenance new case NAME` and `provenance new source` start from these templates, and
`provenance extract` writes its drafts with the same `YamlWriter`. Every key is
explained in a comment; values the user must supply are placeholders that
`provenance check` rejects (`TODO` where an id or a choice goes, '' where text goes),
each marked `# TODO` and listed as a `Todo` so the command can say where they are.
Values are emitted by PyYAML, never pasted into the text, so no value (an article's
sentence, say) can change the file's structure. Nothing here overwrites a file.

An unfinished source file must never stop a build, so a new source and an extracted
draft go to the case's `drafts/` folder, which neither check nor build reads; the user
moves the file into `sources/` once its TODOs are filled in (`draft_notes` and
`next_step` say so in the terminal), and from there check holds it to every rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance.load import CASE_FILE, OUTLETS_FILE, PEOPLE_FILE, SOURCES_FOLDER, load_case
from provenance.model import ID_MAX_LENGTH, ID_PATTERN
from provenance.problems import InvalidName, OutputExists
from provenance.yamlwriter import (
    EMPTY,
    TODO,
    Todo,
    YamlWriter,
    comment_text,
    schema_modeline,
    write_new_file,
)

__all__ = [  # what the commands and extract use of yamlwriter, through here
    "TODO",
    "Todo",
    "YamlWriter",
    "comment_text",
    "schema_modeline",
    "write_new_file",
]

DRAFTS_FOLDER = "drafts"
"""Where a case's unfinished source files wait: the loader reads only `sources/`."""


# --- ids -------------------------------------------------------------------------------


def slugify(text: str, max_length: int = 60) -> str:
    """A valid id made from any text: "Russian Ops!" -> "russian-ops"; "" when the text
    has no letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > max_length:
            break
        slug = longer
    return slug or (words[0][:max_length] if words else "")


def check_new_id(name: str, what: str) -> None:
    """Raise InvalidName, with a suggestion, unless `name` is a valid id."""
    if re.fullmatch(ID_PATTERN, name) and len(name) <= ID_MAX_LENGTH:
        return
    suggestion = slugify(name)
    hint = f"; try '{suggestion}'" if suggestion else ""
    raise InvalidName(
        f"'{name}' is not a valid {what} name: use lowercase letters and digits joined by "
        f"single '-', '_' or '.'{hint}"
    )


@dataclass(frozen=True)
class NewFile:
    """A file made from a template: where it goes (None: standard output), its text and
    the values left to fill in."""

    path: Path | None
    text: str
    todos: tuple[Todo, ...]
    notes: tuple[str, ...] = ()
    """What the user should know about where it went, for the terminal."""


def _new_file(path: Path | None, writer: YamlWriter, notes: tuple[str, ...] = ()) -> NewFile:
    return NewFile(path, writer.text(), tuple(writer.todos), notes)


# --- drafts ----------------------------------------------------------------------------------


def draft_path(case_folder: Path, name: str) -> Path:
    """Where a new source file of the case waits until it is finished: drafts/NAME.yaml."""
    return case_folder / DRAFTS_FOLDER / f"{name}.yaml"


def is_draft(path: Path) -> bool:
    return path.parent.name == DRAFTS_FOLDER


def draft_notes(path: Path | None) -> tuple[str, ...]:
    """What to say about where a new source file went: a draft waits outside sources/
    (and must not take the name of a file there); one written into sources/ counts at
    once, TODOs and all."""
    if path is None:
        return ()
    if is_draft(path):
        sources = path.parent.parent / SOURCES_FOLDER
        notes = [
            f"{path} is a draft: check and build do not read {DRAFTS_FOLDER}/, so it stops "
            f"nothing while you finish it; then move it into {sources}/"
        ]
        if (sources / path.name).exists():
            notes.append(
                f"{sources / path.name} already exists: give the draft another name when you "
                "move it (the name is the source's id)"
            )
        return tuple(notes)
    if path.parent.name == SOURCES_FOLDER:
        return (
            f"{path} is in {SOURCES_FOLDER}/, so check and build read it now: its case has "
            "errors until every value marked TODO is filled in",
        )
    return ()


def next_step(todos: Sequence[Todo], path: Path | None, case_folder: Path | None) -> str:
    """The sentence that ends the command's report: what to do with the file now."""
    check = f"provenance check {case_folder}" if case_folder else "provenance check"
    fill = f"fill in the {_counted(len(todos), 'value')} marked TODO" if todos else "check it"
    if path is not None and is_draft(path):
        return f"{fill}, move it into {path.parent.parent / SOURCES_FOLDER}/, then run `{check}`."
    return f"{fill}, then run `{check}`."


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count:,} {noun}s"


def _listed(ids: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


# --- new case ------------------------------------------------------------------------------


def new_case(claims_folder: Path, name: str) -> list[NewFile]:
    """Create claims_folder/NAME/ with a case file, an outlets file and sources/.

    Refuses a NAME that is not a valid id (InvalidName) and a folder that exists
    (OutputExists). Returns the files written, with what is left to fill in.
    """
    check_new_id(name, "case")
    folder = claims_folder / name
    try:
        folder.mkdir(parents=True)
    except FileExistsError as exc:
        raise OutputExists(
            f"{folder} already exists; provenance never overwrites a case: choose another name"
        ) from exc
    (folder / SOURCES_FOLDER).mkdir()
    files = [
        _new_file(folder / CASE_FILE, case_template(name, folder)),
        _new_file(folder / OUTLETS_FILE, outlets_template(folder)),
        _new_file(folder / PEOPLE_FILE, people_template(folder)),
    ]
    for new in files:
        assert new.path is not None
        write_new_file(new.path, new.text)
    return files


def case_template(name: str, folder: Path | None) -> YamlWriter:
    writer = YamlWriter()
    writer.lines.append(schema_modeline("case", folder))
    writer.comment()
    writer.comment(
        f"The case file of claims/{name}: what this investigation checks. Fill in every "
        "value marked TODO (`provenance check` fails until you have), then add one file per "
        f"source under sources/: `provenance new source ID --case claims/{name}`, or a draft "
        f"from an article's text with `provenance extract ARTICLE --case claims/{name}` "
        "(both write to drafts/, which check and build do not read, until you move the "
        "finished file into sources/). "
        "docs/format.md describes every key."
    )
    writer.blank()
    writer.comment("The investigation's title, as you would say it to a colleague.")
    writer.field("title", EMPTY, todo=("title", "the investigation's title"))
    writer.comment("Optional: a paragraph on what is being checked and why.")
    writer.example("summary: In July 2018 outlets reported that ...")
    writer.comment("Optional: who reviews the claims (name is required, url optional); used as")
    writer.comment("the author of published fact-checks.")
    writer.example("fact_checker: {name: Your Desk, url: https://example.org}")
    writer.blank()
    _claim_template(writer)
    return writer


def _claim_template(writer: YamlWriter) -> None:
    writer.comment("The claims under study: one entry per assertion that outlets repeat. Copy")
    writer.comment("the entry for each further claim.")
    writer.key("claims")
    writer.comment("A short stable id that sources refer to: lowercase letters and digits", 2)
    writer.comment("joined by single -, _ or ., e.g. bots-drive-hashtag.", 2)
    writer.field("id", TODO, indent=2, item=True, todo=("claim 1: id", "the claim's id"))
    writer.comment("The claim in neutral, canonical words, as no source words it.", 4)
    writer.field("statement", EMPTY, indent=4, todo=("claim 1: statement", "the claim itself"))
    writer.comment("Optional: the verdict, once there is one. rating is required; rating_value", 4)
    writer.comment("runs from 1 (false) to 5 (true); reviewed is a date.", 4)
    writer.example("verdict:", 4)
    writer.example("  rating: Unproven", 4)
    writer.example("  rationale: Every report goes back to one reading of one dashboard.", 4)
    writer.example("  rating_value: 2", 4)
    writer.example("  reviewed: 2018-07-20", 4)
    writer.comment("Optional: the people (people.yaml) or outlets the claim is about; their", 4)
    writer.comment("dispute of it is reported as a denial by its subject.", 4)
    writer.example("subjects: [person-id]", 4)
    writer.comment("Optional: anything a colleague should know about the claim.", 4)
    writer.example("notes: ...", 4)


def outlets_template(folder: Path | None) -> YamlWriter:
    writer = YamlWriter()
    writer.lines.append(schema_modeline("outlets", folder))
    writer.comment()
    writer.comment(
        "The publishers the sources come from: news sites, blogs, platforms, research "
        "groups. Two sources from one outlet are not independent: the trace counts origins "
        "per outlet. Replace [] with one entry per outlet, like the example below, and set "
        "`outlet: ID` on each source. docs/format.md describes every key."
    )
    writer.blank()
    writer.field("outlets", [])
    writer.comment("For example, with one outlet:")
    writer.example("outlets:")
    writer.example("  - id: daily-news              # the id sources use in `outlet:`")
    writer.example("    name: The Daily News        # the name as readers know it")
    writer.example("    domains: [dailynews.example]  # optional: web domains it publishes under")
    writer.example("    aliases: [Daily News]       # optional: other names it goes by")
    writer.example("    notes: Owned by ...         # optional: what matters for independence")
    writer.example("  - id: twitter")
    writer.example("    name: Twitter")
    writer.example("    platform: true              # optional: each account speaks for itself")
    writer.example("  - id: daily-news-sunday")
    writer.example("    name: The Sunday Daily")
    writer.example("    part_of: daily-news         # optional: shares its newsroom or owner:")
    writer.example("                                # counted as one voice with it")
    return writer


def people_template(folder: Path | None) -> YamlWriter:
    writer = YamlWriter()
    writer.lines.append(schema_modeline("people", folder))
    writer.comment()
    writer.comment(
        "The people this case names more than once: authors, account holders, the people "
        "a claim is about. Sources refer to them by id in `authors:` and a statement's "
        "`speaker:`, claims in `subjects:`; the trace then sees that the person who denies "
        "a claim is its subject, or the author of its origin. Replace [] with one entry per "
        "person. docs/format.md describes every key."
    )
    writer.blank()
    writer.field("people", [])
    writer.comment("For example, with one person:")
    writer.example("people:")
    writer.example("  - id: a-reporter              # the id sources use")
    writer.example("    name: A. Reporter           # the name as the record gives it")
    writer.example('    aliases: ["@areporter"]    # optional: other names, account handles')
    writer.example("    notes: Staff writer ...     # optional: who they are")
    return writer


# --- new source ------------------------------------------------------------------------------


def new_source(case_folder: Path | None, source_id: str | None, output: Path | None) -> NewFile:
    """A commented source file: written to `output`, or as a draft to the case's drafts/
    as SOURCE_ID.yaml, or (path None) for standard output. Nothing is written here when
    the path is None; otherwise the file must not exist."""
    if source_id is not None:
        check_new_id(source_id, "source")
    path = output
    if path is None and case_folder is not None and source_id is not None:
        path = draft_path(case_folder, source_id)
    directory = path.parent if path is not None else None
    new = _new_file(path, source_template(directory, case_folder), draft_notes(path))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new_file(path, new.text)
    return new


_KINDS = (
    "article, opinion, blog-post, social-post, dataset, dashboard, study, broadcast, "
    "press-release, official-record or other"
)
RELATIONS = "quotes, paraphrases, links, uses-data or disputes"


def source_template(directory: Path | None, case_folder: Path | None) -> YamlWriter:
    """The commented source template; with a case, the comments list its ids."""
    here = _case_ids(case_folder)
    writer = YamlWriter()
    writer.lines.append(schema_modeline("source", directory))
    writer.comment()
    writer.comment(
        "One source: an article, post, dataset or study; what it claims in its own words, "
        "and whom it cites for it. Its id is the file name without .yaml. Fill in every "
        "value marked TODO, uncomment the optional keys the source itself gives you, and "
        "leave out what no record tells; then move the file into the case's sources/ folder "
        "(check and build do not read drafts/), where `provenance check` fails on any TODO "
        "left. docs/format.md describes every key."
    )
    writer.blank()
    writer.comment(f"What it is: {_KINDS}.")
    writer.field("kind", TODO, todo=("kind", "one of the kinds above"))
    writer.blank()
    _optional_source_keys(writer, here)
    writer.blank()
    _citation_template(writer, here)
    writer.blank()
    _statement_template(writer, here)
    return writer


def _case_ids(case_folder: Path | None) -> dict[str, str]:
    """' (here: a, b)' lists of the case's claims, outlets and sources, for comments."""
    if case_folder is None:
        return {"claims": "", "outlets": "", "sources": ""}
    loaded = load_case(case_folder)
    claims = [claim.id for claim in loaded.case_file.claims] if loaded.case_file else []
    ids = {
        "claims": claims,
        "outlets": [outlet.id for outlet in loaded.outlets],
        "sources": sorted(source.id for source in loaded.sources),
    }
    return {key: f" (here: {_listed(values)})" if values else "" for key, values in ids.items()}


def _optional_source_keys(writer: YamlWriter, here: dict[str, str]) -> None:
    lines = (
        "The headline or title, as published.",
        "title: ...",
        f"The id of its outlet in outlets.yaml{here['outlets']}.",
        "outlet: ...",
        "Who wrote it, as bylined; for a post, the account (@name). A person's id from",
        "people.yaml refers to that person.",
        "authors: [A. Reporter]",
        "Where it was published, and an archived copy (the report links to that first).",
        "url: https://...",
        "archived_url: https://web.archive.org/web/...",
        "When it was published: 2018-07-09, 2018-07 or 2018; for an estimate, write",
        "{date: 2018-07-08, approximate: true, note: why}. Leave it out when no record tells.",
        "published: 2018-07-09",
        "Whether it is first-hand evidence: datasets, dashboards, studies and official",
        "records are by default; set it on an original post.",
        "primary: true",
        "A wire or agency story (the agency speaks, not the paper): the agency's outlet id.",
        "wire: associated-press",
        "A source standing for several unnamed publications: what they are.",
        "stands_for: several regional papers",
        "A later version of the same page (a wiki on another date): the earlier one's id.",
        "revision_of: source-id",
        "When the publisher withdrew or corrected it: note is required; date, url and",
        "claims (the claims affected; all when left out) are optional.",
        "retracted: {note: ..., date: 2018-07-10, url: https://..., claims: [claim-id]}",
        "corrected: {note: ...}",
        "How you recorded it, and anything a colleague should know.",
        "notes: ...",
        "Claims it covered the story without carrying (it checked and left them out).",
        "omits: [{claim: claim-id, note: what it said instead}]",
    )
    for line in lines:
        writer.comment(line)


def _citation_template(writer: YamlWriter, here: dict[str, str]) -> None:
    writer.comment("The sources it cites: one entry per claim it takes from another source.")
    writer.comment("Delete the entry if it cites none; copy it for each further citation.")
    writer.key("citations")
    writer.field(
        "cites",
        TODO,
        indent=2,
        item=True,
        todo=(
            "citation 1: cites",
            f"the cited source's id, its file name under sources/{here['sources']}",
        ),
    )
    writer.field(
        "claim",
        TODO,
        indent=4,
        todo=(
            "citation 1: claim",
            f"the claim it takes from it, an id from case.yaml{here['claims']}",
        ),
    )
    writer.field("relation", TODO, indent=4, todo=("citation 1: relation", RELATIONS))
    writer.field(
        "wording",
        EMPTY,
        indent=4,
        todo=(
            "citation 1: wording",
            "the cited words as they appear in this source, or delete the line",
        ),
    )
    writer.example("note: anything a colleague should know about this citation", 4)


def _statement_template(writer: YamlWriter, here: dict[str, str]) -> None:
    writer.comment("Its own wording of the claims it carries. Delete the entry if it states none.")
    writer.key("statements")
    writer.field(
        "claim",
        TODO,
        indent=2,
        item=True,
        todo=("statement 1: claim", f"the claim it states, an id from case.yaml{here['claims']}"),
    )
    writer.field(
        "wording",
        EMPTY,
        indent=4,
        todo=("statement 1: wording", "the source's words, quoted exactly"),
    )
    writer.example("stance: supports  # supports (the default), disputes or neutral", 4)
    writer.example("certainty: likely  # disputed, unlikely, possible, likely, certain or", 4)
    writer.example("                   # unknown; estimated from the wording when left out", 4)
    writer.example("date: 2018-07-08  # when it was said or appeared, if not the source's date", 4)
    writer.example("speaker: person-id  # who said it, if not the source's author", 4)
    writer.example("note: anything a colleague should know about this statement", 4)
