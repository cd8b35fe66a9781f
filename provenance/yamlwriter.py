"""Commented YAML files written for people to fill in, safely.

The templates of `provenance new` and the drafts of `provenance extract` are built with
`YamlWriter`: every key explained in a comment, values emitted by PyYAML (never pasted
into the text, so no value, an article's sentence say, can change the file's structure),
and every placeholder the user must replace (`TODO` where an id or a choice goes, ''
where text goes) listed as a `Todo` with its line and column. `write_new_file` never
overwrites a file.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from provenance.problems import OutputExists

TODO = "TODO"
"""The placeholder for an id or a choice: not a valid id (ids are lowercase) nor a
valid choice, so `provenance check` fails until it is replaced."""

EMPTY = ""
"""The placeholder for text: check reports it as empty until it is filled in."""


_CONVENTIONAL_DEPTH = {"case": 2, "outlets": 2, "people": 2, "source": 3}
"""How deep each kind of file sits below the repository (claims/NAME/sources/x.yaml)."""


def schema_modeline(kind: str, directory: Path | None) -> str:
    """The first line that points editors at the schema: relative to `directory` when a
    `schemas/` folder is found above it, else where it is in this repository's layout."""
    name = f"{kind}.schema.json"
    if directory is not None:
        start = directory.resolve()
        for folder in (start, *start.parents):
            if (folder / "schemas" / name).is_file():
                relative = os.path.relpath(folder / "schemas" / name, start)
                return f"# yaml-language-server: $schema={Path(relative).as_posix()}"
    return f"# yaml-language-server: $schema={'../' * _CONVENTIONAL_DEPTH[kind]}schemas/{name}"


def write_new_file(path: Path, text: str) -> None:
    """Write a file that must not exist yet; raise OutputExists if it does. Its folder is
    made when the folder above it exists (a case's drafts/, the first time)."""
    try:
        if path.parent.parent.is_dir():
            path.parent.mkdir(exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except FileExistsError as exc:
        raise OutputExists(
            f"{path} already exists; provenance never overwrites a file: delete it first "
            "or choose another name"
        ) from exc
    except OSError as exc:
        raise OutputExists(f"cannot write {path}: {exc.strerror or exc}") from exc


@dataclass(frozen=True)
class Todo:
    """A value the user has to fill in: where it is and what goes there."""

    line: int
    column: int
    field: str
    """Which value, e.g. "kind" or "citation 2: claim"."""
    hint: str


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


# YAML's printable characters, less line breaks: what a comment may hold.
_NOT_IN_COMMENT = re.compile(
    "[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)


def comment_text(text: str) -> str:
    """Any text made safe for a YAML comment: one line of printable characters."""
    return " ".join(_NOT_IN_COMMENT.sub(" ", text).split())


def yaml_lines(key: str, value: Any, width: int = 88) -> list[str]:
    """`key: value` as YAML lines, the value written by PyYAML's emitter (quoted,
    escaped and folded as YAML needs) and checked to read back unchanged."""
    for allow_unicode in (True, False):
        text = yaml.dump(
            {key: value},
            Dumper=_Dumper,
            allow_unicode=allow_unicode,
            width=width,
            sort_keys=False,
            default_flow_style=False,
        )
        if yaml.safe_load(text) == {key: value}:
            return text.splitlines()
    raise ValueError(f"{key} cannot be written as YAML")  # pragma: no cover - safe_dump round-trips


@dataclass
class YamlWriter:
    """Builds a commented YAML file line by line, keeping track of the TODOs."""

    width: int = 88
    lines: list[str] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)

    def comment(self, text: str = "", indent: int = 0, hang: int = 0) -> None:
        """A comment, wrapped, its later lines indented by `hang`; an empty text gives a
        bare "#" line. Leading spaces of the text are kept."""
        leading = " " * (len(text) - len(text.lstrip(" ")))
        clean = leading + comment_text(text)
        room = max(self.width - indent - 2, 20)
        lines = textwrap.wrap(
            clean,
            room,
            subsequent_indent=" " * hang,
            break_long_words=False,
            break_on_hyphens=False,
            drop_whitespace=True,
            initial_indent="",
        )
        for line in lines or [""]:
            self.lines.append(f"{' ' * indent}# {line}".rstrip())

    def example(self, line: str, indent: int = 0) -> None:
        """A commented-out line of YAML, kept as written (spaces and all)."""
        self.lines.append(f"{' ' * indent}# {_NOT_IN_COMMENT.sub(' ', line)}".rstrip())

    def blank(self) -> None:
        self.lines.append("")

    def key(self, key: str, indent: int = 0, note: str | None = None) -> None:
        """A key whose value follows on the next lines (a list or mapping)."""
        suffix = f"  # {comment_text(note)}" if note else ""
        self.lines.append(f"{' ' * indent}{key}:{suffix}")

    def field(
        self,
        key: str,
        value: Any,
        *,
        indent: int = 0,
        item: bool = False,
        note: str | None = None,
        todo: tuple[str, str] | None = None,
    ) -> None:
        """`key: value`, as a list item when `item`; `note` is a comment on the line,
        `todo` (field name, hint) marks a placeholder the user must replace."""
        prefix = " " * indent + ("- " if item else "")
        dumped = yaml_lines(key, value, self.width - len(prefix))
        comment = f"TODO: {todo[1]}" if todo else note
        inline = f"  # {comment_text(comment)}" if comment else ""
        if comment and (len(dumped) > 1 or len(prefix + dumped[0] + inline) > self.width + 30):
            self.comment(comment, indent)
            inline = ""
        if todo:
            column = len(prefix) + len(key) + 3  # where the value starts, as check reports it
            self.todos.append(Todo(len(self.lines) + 1, column, todo[0], todo[1]))
        self.lines.append(prefix + dumped[0] + inline)
        self.lines.extend(" " * len(prefix) + line for line in dumped[1:])

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"
