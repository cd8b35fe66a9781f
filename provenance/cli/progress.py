"""The build's progress bar on a terminal (used by the CLI only).

Quiet when output is piped or with --quiet: `progress_bar(enabled=False)` hands back a
callback that does nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from provenance.build import BuildProgress


@contextlib.contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Callable[[BuildProgress], None] | None]:
    """A callback for `build(progress=...)` that draws a bar on standard error."""
    if not enabled:
        yield None
        return
    columns = (
        TextColumn("cases"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("· {task.fields[graphs]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("build", total=None, graphs="")

        def show(state: BuildProgress) -> None:
            bar.update(
                task,
                completed=state.cases_done,
                total=state.cases_total or None,
                graphs=f"{state.rendered} graphs drawn, {state.reused} reused",
            )

        yield show
