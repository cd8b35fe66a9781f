"""Worker processes and the signals around them, for commands that work on several cores.

`check` and `build` hand cases to a pool of processes started from a clean server
(`process_pool`); these helpers keep that pool well-behaved when the user presses
Ctrl-C or the command is killed: a worker never outlives the command, a half-started
worker never fails on the terminal afterwards, and work not yet started is dropped at
once. Nothing here knows about cases; the module sits below every stage that uses it.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

# multiprocessing and concurrent.futures are imported where a pool is made: a check of
# one case runs in this process and needs neither (they cost it a tenth of its time).
if TYPE_CHECKING:
    from concurrent.futures import Executor, Future, ProcessPoolExecutor


def worker_count(jobs: int | None, tasks: int) -> int:
    """Processes worth starting: one per core (or `jobs`), never more than the tasks."""
    return max(1, min(jobs or os.cpu_count() or 1, tasks))


def process_pool(workers: int, preload: str = "provenance.checks") -> ProcessPoolExecutor:
    """Worker processes started from a clean server process, which is safe alongside the
    threads that run Graphviz (a plain fork of a threaded process is not). The server
    imports `preload` once, so each worker starts with it loaded.

    Ctrl-C reaches every process of the terminal's group, but only this one should act
    on it: a worker interrupted between tasks dies where the pool cannot see it, and the
    pool then waits for it forever. So the server starts with SIGINT blocked, and the
    workers it forks inherit that; this process stops the pool (`cancelled_on_error`).
    Submit tasks inside `interrupts_deferred`: submitting starts the workers.
    """
    import multiprocessing.forkserver
    import multiprocessing.resource_tracker
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([preload])
    # Started first: it unblocks SIGINT on its way out, and the server starts it anyway.
    multiprocessing.resource_tracker.ensure_running()
    with interrupts_deferred():
        multiprocessing.forkserver.ensure_running()
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=exit_with_parent
    )


T = TypeVar("T")


def results_as_completed(
    pool: Executor, function: Callable[..., T], tasks: Iterable[tuple[Any, ...]], *, ahead: int
) -> Iterator[T]:
    """`function(*task)` for each task, run on `pool` and yielded as each finishes, with at
    most `ahead` tasks submitted and not yet taken: a caller slower than the pool (a build
    waiting for Graphviz) then holds a few results at a time, not all of them."""
    from concurrent.futures import FIRST_COMPLETED, wait

    waiting = iter(tasks)
    running: set[Future[T]] = set()

    def submit_next() -> None:
        for task in itertools.islice(waiting, 1):
            with interrupts_deferred():  # submitting may start a worker
                running.add(pool.submit(function, *task))

    for _ in range(ahead):
        submit_next()
    while running:
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            submit_next()
            yield future.result()


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back in this thread, and in the processes and threads it starts
    meanwhile, until the block ends; one pressed meanwhile then arrives. Starting a
    worker must not be cut short: a half-started worker outlives this process and
    fails on the terminal after it."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


PoolT = TypeVar("PoolT", bound="Executor")


@contextlib.contextmanager
def cancelled_on_error(pool: PoolT) -> Iterator[PoolT]:
    """Use a pool; left by an exception (Ctrl-C above all), it drops the work not yet
    started instead of finishing every queued task first, as `with pool:` would."""
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def block_interrupts() -> None:
    """Keep Ctrl-C from this thread and every process it starts (the blocked signal is
    inherited across exec); Python handles it in the main thread only anyway.

    Run in each thread that runs Graphviz: `dot` acts on SIGINT by drawing what it has
    from inside its signal handler, which calls malloc, and deadlocks for ever when the
    signal came while it was in malloc already; a build waiting for it would hang."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def exit_with_parent() -> None:
    """Run in each worker as it starts: ignore Ctrl-C (see `process_pool`), and end as
    soon as the process that started the pool has ended. A pool shuts its workers down
    when it can, but a parent killed outright (SIGKILL, the out-of-memory killer)
    cannot, and its workers, with the forkserver and resource tracker they hold open,
    would wait for work forever."""
    import multiprocessing.connection

    block_interrupts()
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
