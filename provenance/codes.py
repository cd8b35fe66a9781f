"""Every code a problem or a trace finding can carry, with its severity, meaning and fix.

This is the one registry of codes, as yamllint's rules are its one list of what it
checks: the loader and the checks name a code from here (`Code.UNKNOWN_SOURCE`), never
write it as text, and the severity a problem gets is the one its code has here.
`provenance explain CODE` prints an entry, and docs/codes.md is generated from this
module (`markdown_page`; a test keeps it in step). A `Code` is a string enum, so a
problem's code prints and serialises as its name (`unknown-source`).
"""

from __future__ import annotations

import textwrap
from enum import StrEnum


class Severity(StrEnum):
    """Errors stop a build; warnings are worth a look but do not."""

    ERROR = "error"
    WARNING = "warning"


class Stage(StrEnum):
    """Which part of the work finds a code: the sections of the registry."""

    FILE = "reading a file"
    FORMAT = "checking a file against the format"
    CASE = "checking the case as a whole"
    TRACE = "tracing a claim"


class Code(StrEnum):
    """A problem's or a finding's code, with what it means and how to fix it."""

    severity: Severity
    stage: Stage
    meaning: str
    """What the code says is wrong, in a sentence or two."""
    fix: str
    """What a fact-checker does about it."""

    def __new__(cls, name: str, severity: Severity, stage: Stage, meaning: str, fix: str) -> Code:
        code = str.__new__(cls, name)
        code._value_ = name
        code.severity, code.stage, code.meaning, code.fix = severity, stage, meaning, fix
        return code

    # --- reading a file ---------------------------------------------------------------

    UNREADABLE_FILE = (
        "unreadable-file",
        Severity.ERROR,
        Stage.FILE,
        "A file or folder of the case cannot be read: no permission, a named pipe or a "
        "device named like a case file, a link in a loop of links. Nothing in it is checked.",
        "Make it readable (`chmod u+r`), or replace it with the regular file or folder "
        "it should be.",
    )
    FILE_TOO_LARGE = (
        "file-too-large",
        Severity.ERROR,
        Stage.FILE,
        "The file is over 1 MB; a case file quotes passages, not whole articles, so it "
        "is refused unread.",
        "Quote the passage that carries the claim, not the whole text.",
    )
    NOT_UTF8 = (
        "not-utf8",
        Severity.ERROR,
        Stage.FILE,
        "The file is not UTF-8 text; the position is that of the first byte that is not.",
        "Save the file as UTF-8 in your editor.",
    )
    EMPTY_FILE = (
        "empty-file",
        Severity.ERROR,
        Stage.FILE,
        "The file holds nothing but blank lines and comments.",
        "Fill it in, or delete it.",
    )
    YAML_SYNTAX = (
        "yaml-syntax",
        Severity.ERROR,
        Stage.FILE,
        "The file is not valid YAML; often a tab used for indenting, a missing space "
        "after ':', an unclosed bracket or quote, a second document ('---'), or a control "
        "character.",
        "Correct the text at the position shown (indent with spaces; quote a value that "
        "holds ': ' or starts with a special character).",
    )
    YAML_TAG = (
        "yaml-tag",
        Severity.ERROR,
        Stage.FILE,
        "A YAML tag such as `!!python/object` or `!custom`: case files never need one, "
        "and some construct objects.",
        "Remove the tag; write the value as plain text.",
    )
    YAML_ALIAS = (
        "yaml-alias",
        Severity.ERROR,
        Stage.FILE,
        "An anchor and alias (`&name`, `*name`): case files never need them, and they can "
        "blow a small file up into a huge one.",
        "Write the value out in full where the alias stands.",
    )
    YAML_MERGE = (
        "yaml-merge",
        Severity.ERROR,
        Stage.FILE,
        "A merge key (`<<`): case files never need one.",
        "Write the keys out in the mapping.",
    )
    TOO_DEEP = (
        "too-deep",
        Severity.ERROR,
        Stage.FILE,
        "Values nested more than 32 levels deep; case files are flatter than that.",
        "Flatten the structure at the position shown.",
    )
    DUPLICATE_KEY = (
        "duplicate-key",
        Severity.ERROR,
        Stage.FILE,
        "The same key twice in one mapping; YAML would silently keep only the last.",
        "Keep one of the two (the message names the line of the first).",
    )
    NOT_A_MAPPING = (
        "not-a-mapping",
        Severity.ERROR,
        Stage.FILE,
        "The file holds a list or a single value, not `key: value` lines.",
        "Write the file as keys and values, as docs/format.md shows.",
    )

    COMMENT_IN_VALUE = (
        "comment-in-value",
        Severity.WARNING,
        Stage.FILE,
        "A '#' after a space starts a YAML comment, so an unquoted value with a hashtag or "
        "a number sign in it (`title: The #WalkAway campaign`) is cut short there without "
        "a word. Warned where a comment whose '#' has no space after it follows a value.",
        'Put the whole value in quotes (`title: "The #WalkAway campaign"`); write a '
        "comment meant as one with a space after its '#'.",
    )
    INEFFECTIVE_DIRECTIVE = (
        "ineffective-directive",
        Severity.WARNING,
        Stage.FILE,
        "A `# provenance: ignore[...]` comment names a code it cannot acknowledge: one "
        "that does not exist (often misspelt) or an error's. The comment does nothing.",
        "Correct the code's name (the message suggests the closest; `provenance explain` "
        "lists them), or fix the error instead.",
    )

    # --- the format of a file ----------------------------------------------------------

    MISSING_FIELD = (
        "missing-field",
        Severity.ERROR,
        Stage.FORMAT,
        "A required key is missing, or a list that needs an entry is empty.",
        "Add the key the message names (docs/format.md lists the required ones).",
    )
    UNKNOWN_FIELD = (
        "unknown-field",
        Severity.ERROR,
        Stage.FORMAT,
        "A key the format does not have, often a misspelt one (the message suggests the closest).",
        "Correct the key's spelling, or remove it.",
    )
    WRONG_TYPE = (
        "wrong-type",
        Severity.ERROR,
        Stage.FORMAT,
        "A value of the wrong type: a list where text belongs, a number or a boolean "
        "where text belongs, a key that is not a plain name.",
        "Write the value as the message says; put text that YAML reads as a number or a "
        "boolean (`yes`, `1.0`) in quotes.",
    )
    EMPTY_VALUE = (
        "empty-value",
        Severity.ERROR,
        Stage.FORMAT,
        "A text value that is empty.",
        "Fill it in, or remove the line.",
    )
    UNKNOWN_VALUE = (
        "unknown-value",
        Severity.ERROR,
        Stage.FORMAT,
        "A value outside its list: a `kind`, `relation`, `stance` or `certainty` the "
        "format does not have (the message suggests the closest).",
        "Use one of the values the message lists.",
    )
    INVALID_ID = (
        "invalid-id",
        Severity.ERROR,
        Stage.FORMAT,
        "An id (of a claim, outlet or source; a source file's or a case folder's name) "
        "that is not lowercase letters and digits joined by single '-', '_' or '.', or "
        "is over 100 characters. A look-alike letter from another script is named.",
        "Use the id the message suggests, or rename the file or folder.",
    )
    RESERVED_ID = (
        "reserved-id",
        Severity.ERROR,
        Stage.FORMAT,
        "An id the report uses for a file of its own (a case folder named `index.html` "
        "would be the report's front page): every build would fail.",
        "Rename the case folder.",
    )
    INVALID_DATE = (
        "invalid-date",
        Severity.ERROR,
        Stage.FORMAT,
        "A date that cannot be read: not a date, a day that does not exist, an empty "
        "date, or a date mapping with an unknown key.",
        "Write 2018-07-09, 2018-07, 2018 or an ISO date-time; for an estimate, "
        "`{date: 2018-07-09, approximate: true, note: ...}`; leave the key out when no "
        "record tells.",
    )
    INVALID_URL = (
        "invalid-url",
        Severity.ERROR,
        Stage.FORMAT,
        "A web address that is not one: not starting with http:// or https://, or with "
        "a host that cannot be read (`https://[abc/x`).",
        "Copy the address in full from the browser's address bar.",
    )
    INVALID_VALUE = (
        "invalid-value",
        Severity.ERROR,
        Stage.FORMAT,
        "Any other value the format does not allow: an outlet domain written as an "
        "address, a rating outside 1 to 5.",
        "Write the value as the message says.",
    )

    # --- the case as a whole -----------------------------------------------------------

    MISSING_CASE_FILE = (
        "missing-case-file",
        Severity.ERROR,
        Stage.CASE,
        "A case folder without its case.yaml (or case.yml).",
        "Add one (`provenance new case NAME` writes a start).",
    )
    NO_CASE = (
        "no-case",
        Severity.ERROR,
        Stage.CASE,
        "The folder named holds no case, and no folder of cases.",
        "Name a case folder (one with a case.yaml), or the folder that holds them.",
    )
    DUPLICATE_CASE = (
        "duplicate-case",
        Severity.ERROR,
        Stage.CASE,
        "Two case folders of one run share a name; the report would give them one place.",
        "Rename one of the folders.",
    )
    OUTSIDE_CASE = (
        "outside-case",
        Severity.ERROR,
        Stage.CASE,
        "A file, or the sources/ folder, is a link to a place outside the case folder; "
        "it is not read.",
        "Copy the file or folder into the case instead of linking to it.",
    )
    STRAY_FILE = (
        "stray-file",
        Severity.ERROR,
        Stage.CASE,
        "A file or folder of a case named almost like one provenance reads (`outlet.yaml` "
        "for `outlets.yaml`, `source/` for `sources/`, a source saved as `salon.yaml.txt`), "
        "or a second spelling of a case file beside the first (`case.yml` beside "
        "`case.yaml`): nothing in it is read.",
        "Rename it as the message says, or merge it into the file that is read.",
    )
    DUPLICATE_ID = (
        "duplicate-id",
        Severity.ERROR,
        Stage.CASE,
        "Two claims, outlets or sources share an id.",
        "Give one of them another id.",
    )
    UNKNOWN_SOURCE = (
        "unknown-source",
        Severity.ERROR,
        Stage.CASE,
        "A citation names a source the case does not have (sources are the files under sources/).",
        "Correct the id (the message suggests the closest), or record the source.",
    )
    UNKNOWN_CLAIM = (
        "unknown-claim",
        Severity.ERROR,
        Stage.CASE,
        "A citation, statement or amendment names a claim case.yaml does not list.",
        "Correct the id, or add the claim to case.yaml.",
    )
    UNKNOWN_OUTLET = (
        "unknown-outlet",
        Severity.ERROR,
        Stage.CASE,
        "A source names an outlet outlets.yaml does not list.",
        "Correct the id, or add the outlet to outlets.yaml.",
    )
    SELF_CITATION = (
        "self-citation",
        Severity.ERROR,
        Stage.CASE,
        "A source cites itself.",
        "Cite the source it relies on instead.",
    )
    CITES_LATER_SOURCE = (
        "cites-later-source",
        Severity.ERROR,
        Stage.CASE,
        "A source cites one published after it, and both dates are firm.",
        "Check both dates; if one is an estimate, mark it `approximate: true`.",
    )
    UNKNOWN_PERSON = (
        "unknown-person",
        Severity.ERROR,
        Stage.CASE,
        "A claim's `subjects` or a statement's `speaker` names no person of people.yaml "
        "and no outlet of outlets.yaml.",
        "Correct the id (the message suggests the closest), or add the person to people.yaml.",
    )
    PART_OF_LOOP = (
        "part-of-loop",
        Severity.ERROR,
        Stage.CASE,
        "Outlets' `part_of` links run in a loop: a group that is part of its own member.",
        "Remove `part_of` from the outlet that is the group.",
    )
    REVISION_LOOP = (
        "revision-loop",
        Severity.ERROR,
        Stage.CASE,
        "Sources' `revision_of` links run in a loop.",
        "Remove `revision_of` from the first version of the page.",
    )
    REVISION_BEFORE_ORIGINAL = (
        "revision-before-original",
        Severity.ERROR,
        Stage.CASE,
        "A source recorded as a later version of a page is dated before that page, both "
        "dates firm.",
        "Check both dates, and which version `revision_of` points at.",
    )
    OMITS_CARRIED_CLAIM = (
        "omits-carried-claim",
        Severity.ERROR,
        Stage.CASE,
        "A source is recorded both as leaving a claim out (`omits`) and as stating it.",
        "Keep the one the source bears out.",
    )
    UNKNOWN_AUTHOR_ID = (
        "unknown-author-id",
        Severity.WARNING,
        Stage.CASE,
        "An author written like an id, close to a person's id in people.yaml but not one: "
        "it is read as a name as bylined, and the person is not recognised.",
        "Use the person's id (the message suggests it), or write the name as bylined.",
    )
    UNUSED_PERSON = (
        "unused-person",
        Severity.WARNING,
        Stage.CASE,
        "A person of people.yaml no source, statement or claim refers to.",
        "Use the id in `authors:`, a statement's `speaker:` or a claim's `subjects:`, or "
        "remove the entry.",
    )
    UNUSED_CLAIM = (
        "unused-claim",
        Severity.WARNING,
        Stage.CASE,
        "A claim that no source states or cites.",
        "Record who makes the claim, or remove it from case.yaml.",
    )
    ISOLATED_SOURCE = (
        "isolated-source",
        Severity.WARNING,
        Stage.CASE,
        "A source that nothing cites and that cites nothing.",
        "Link it to the case (a citation either way), or remove it.",
    )
    MISSING_WORDING = (
        "missing-wording",
        Severity.WARNING,
        Stage.CASE,
        "A citation without the cited wording.",
        "Quote how the citing source words it; where no text survives, acknowledge the "
        "warning with `# provenance: ignore[missing-wording]`.",
    )
    REPEATED_CITATION = (
        "repeated-citation",
        Severity.WARNING,
        Stage.CASE,
        "The same citation (source, claim and relation) recorded twice in one source.",
        "Merge the two entries.",
    )
    URL_OUTLET_MISMATCH = (
        "url-outlet-mismatch",
        Severity.WARNING,
        Stage.CASE,
        "A source's address is not on any of its outlet's domains.",
        "Check the source's outlet, or add the domain to the outlet.",
    )
    UNUSED_OUTLET = (
        "unused-outlet",
        Severity.WARNING,
        Stage.CASE,
        "An outlet no source is published by.",
        "Remove it, or set `outlet:` on the source it publishes.",
    )

    # --- tracing a claim ---------------------------------------------------------------

    NO_ORIGIN = (
        "no-origin",
        Severity.WARNING,
        Stage.TRACE,
        "No source originates the claim: every source that carries it cites another for it.",
        "Find and record where the claim first appeared, or check the citations for a loop.",
    )
    SINGLE_ORIGIN = (
        "single-origin",
        Severity.WARNING,
        Stage.TRACE,
        "Several outlets repeat the claim, and every chain leads back to one source.",
        "Nothing to fix in the files: the claim has one independent origin, however many "
        "repeat it. Look for independent confirmation.",
    )
    ORIGIN_UNDETERMINED = (
        "origin-undetermined",
        Severity.WARNING,
        Stage.TRACE,
        "The dates cannot decide where a root's claim first entered the record; the "
        "candidates are listed.",
        "A firm date on each candidate decides it.",
    )
    UNGROUNDED = (
        "ungrounded",
        Severity.WARNING,
        Stage.TRACE,
        "A chain ends at a secondary source that cites nothing for the claim.",
        "Find what that source relied on, or record that it gives nothing.",
    )
    CIRCULAR = (
        "circular",
        Severity.WARNING,
        Stage.TRACE,
        "Citations for the claim run in a loop (circular reporting).",
        "Check the loop's citations; often one of them points the wrong way.",
    )
    TEMPORAL = (
        "temporal",
        Severity.WARNING,
        Stage.TRACE,
        "A source cites one dated later, where one of the dates is approximate.",
        "Check the dates, and the estimate above all.",
    )
    INFERRED_COPY = (
        "inferred-copy",
        Severity.WARNING,
        Stage.TRACE,
        "A later source reproduces an earlier one's words without citing it.",
        "Record the citation if it took the claim from there; otherwise acknowledge it "
        "with `# provenance: ignore[inferred-copy]` on the statement.",
    )
    MISQUOTE = (
        "misquote",
        Severity.WARNING,
        Stage.TRACE,
        "A quotation of a source with words changed (the word diff is shown).",
        "Nothing to fix if the record is right: the citing source changed the words.",
    )
    MISATTRIBUTED = (
        "misattributed",
        Severity.WARNING,
        Stage.TRACE,
        "A source is cited for the claim that the record says left it out (`omits`).",
        "Check the citation and the omission; the citation does not support the claim.",
    )
    UNCHECKED_QUOTE = (
        "unchecked-quote",
        Severity.WARNING,
        Stage.TRACE,
        "A quotation that the cited source's recorded words do not hold, so it cannot be "
        "checked (a note, not a problem).",
        "Record more of the cited source's words if the quotation should be checked.",
    )
    ESCALATION = (
        "escalation",
        Severity.WARNING,
        Stage.TRACE,
        "A source states the claim more certainly than the source it relies on.",
        "Nothing to fix in the files: the wording hardened along the way.",
    )
    SOFTENING = (
        "softening",
        Severity.WARNING,
        Stage.TRACE,
        "A source states the claim less certainly than the source it relies on (a note, "
        "not a problem).",
        "Nothing to fix in the files.",
    )
    DENIED_BY_SUBJECT = (
        "denied-by-subject",
        Severity.WARNING,
        Stage.TRACE,
        "Someone the claim is about (`subjects:`) disputes it.",
        "Nothing to fix in the files: weigh the denial.",
    )
    DISPUTED_BY_ORIGIN = (
        "disputed-by-origin",
        Severity.WARNING,
        Stage.TRACE,
        "The author or publisher of where the claim started disputes it.",
        "Nothing to fix in the files: weigh the dispute.",
    )
    RETRACTED = (
        "retracted",
        Severity.WARNING,
        Stage.TRACE,
        "A source the claim relies on was retracted.",
        "Weigh everything that relies on it accordingly.",
    )
    CORRECTED = (
        "corrected",
        Severity.WARNING,
        Stage.TRACE,
        "A source the claim relies on was corrected.",
        "Check whether the correction touches the claim.",
    )


def find_code(name: str) -> Code | None:
    """The code of this name (`unknown-source`), or None."""
    return _BY_NAME.get(name)


_BY_NAME = {code.value: code for code in Code}


def explain_code(code: Code) -> str:
    """One code's entry as a terminal shows it (`provenance explain CODE`)."""
    heading = f"{code.value} ({code.severity.value}; found when {code.stage.value})"
    meaning, fix = textwrap.fill(code.meaning, 88), textwrap.fill(f"Fix: {code.fix}", 88)
    return f"{heading}\n\n{meaning}\n\n{fix}\n"


def summary(code: Code) -> str:
    """The first sentence of a code's meaning, for a list of codes."""
    return code.meaning.split(". ", 1)[0].removesuffix(".") + "."


def markdown_page() -> str:
    """docs/codes.md: every code, a section per stage."""
    lines = [
        "# Problem and finding codes",
        "",
        "<!-- Generated from provenance/codes.py; tests/test_codes.py keeps it in step",
        "     (PROVENANCE_UPDATE_EXPECTED=1 pytest tests/test_codes.py rewrites it). -->",
        "",
        "Every problem `provenance check` reports and every finding `provenance trace` "
        "draws carries one of these codes. `provenance explain CODE` prints an entry. "
        "Errors stop a build; warnings do not, and a warning can be acknowledged with a "
        "`# provenance: ignore[CODE]` comment on its line or the line above.",
    ]
    for stage in Stage:
        lines += ["", f"## Found when {stage.value}", ""]
        lines += ["| code | severity | what it means | what to do |", "|---|---|---|---|"]
        lines += [
            f"| `{code.value}` | {code.severity.value} | {code.meaning} | {code.fix} |"
            for code in Code
            if code.stage is stage
        ]
    return "\n".join(lines) + "\n"
