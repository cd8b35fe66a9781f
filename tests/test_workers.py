"""The worker pool's helpers: a caller slower than the pool holds only a few results."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from provenance.workers import results_as_completed


def test_results_as_completed_keeps_only_a_few_tasks_ahead_of_a_slow_caller() -> None:
    # The build takes prepared cases more slowly than the workers make them; all of
    # them submitted at once piled up in memory (3.5 GB at the XL benchmark).
    started: list[int] = []
    lock = threading.Lock()

    def square(number: int) -> int:
        with lock:
            started.append(number)
        return number * number

    taken: list[int] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for result in results_as_completed(pool, square, [(n,) for n in range(40)], ahead=4):
            time.sleep(0.01)  # a slow caller: the pool could finish everything meanwhile
            with lock:
                assert len(started) - len(taken) <= 4 + 1  # + the one the caller holds
            taken.append(result)
    assert sorted(taken) == [n * n for n in range(40)]
