"""What the trace's analysis costs, measured side by side in one process.

For every case folder under the folders given, in turn: parse its files with PyYAML's C
safe loader (the parse floor, as for check), load and validate it (`load_case`), and
trace every claim (`trace_case`). The time spent inside the copy inference (comparing
wordings for uncredited copies, issue 13) is measured as part of the trace, by wrapping
the function the trace calls. Each round runs the three steps case by case, so a busy
spell on a shared machine hits all of them; the figures are medians over the rounds.

Usage:  python benchmarks/analysis.py [--repeat 3] FOLDER ...
        (FOLDER: cases written by benchmarks/generate.py, e.g. /tmp/provenance-bench/L)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import yaml  # noqa: E402

import provenance.trace  # noqa: E402
from provenance.checks import find_cases  # noqa: E402
from provenance.copies import ClaimRecord, Inference  # noqa: E402
from provenance.load import load_case, to_case  # noqa: E402

try:
    from yaml import CSafeLoader as FloorLoader
except ImportError:  # pragma: no cover
    sys.exit("PyYAML was built without libyaml: the parse floor needs the C loader")


class _InferenceClock:
    """Wraps the trace's copy inference and adds up the time spent in it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.infer: Callable[[ClaimRecord], Inference] = vars(provenance.trace)["infer_copies"]

    def __call__(self, record: ClaimRecord) -> Inference:
        start = time.perf_counter()
        try:
            return self.infer(record)
        finally:
            self.seconds += time.perf_counter() - start


def one_round(folders: list[Path]) -> dict[str, float]:
    clock = _InferenceClock()
    # The trace imported the function by name: replace it in the trace's namespace.
    vars(provenance.trace)["infer_copies"] = clock
    parse = load = trace = 0.0
    claims = 0
    try:
        for folder in folders:
            start = time.perf_counter()
            for path in sorted(folder.rglob("*.yaml")):
                with path.open("rb") as stream:
                    yaml.load(stream, Loader=FloorLoader)
            parsed = time.perf_counter()
            case = to_case(load_case(folder))
            loaded = time.perf_counter()
            claims += len(provenance.trace.trace_case(case))
            traced = time.perf_counter()
            parse += parsed - start
            load += loaded - parsed
            trace += traced - loaded
    finally:
        vars(provenance.trace)["infer_copies"] = clock.infer
    return {
        "parse": parse,
        "load": load,
        "trace": trace,
        "inference": clock.seconds,
        "claims": claims,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    folders, problems = find_cases(arguments.folders)
    if problems:
        sys.exit("\n".join(str(problem) for problem in problems))
    rounds = [one_round(folders) for _ in range(arguments.repeat)]
    median = {key: statistics.median(run[key] for run in rounds) for key in rounds[0]}
    cases = f"{len(folders)} case" + ("s" if len(folders) != 1 else "")
    print(f"{cases}, {int(median['claims'])} claims, {arguments.repeat} rounds")
    print(f"parse floor {median['parse']:.2f} s, load {median['load']:.2f} s")
    ratio = median["trace"] / median["parse"]
    print(f"trace       {median['trace']:.2f} s = {ratio:.2f}x the parse floor")
    share = median["inference"] / median["trace"] if median["trace"] else 0.0
    print(f"inference   {median['inference']:.2f} s = {share:.0%} of the trace")


if __name__ == "__main__":
    main()
