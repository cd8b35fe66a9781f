"""The parse floor as a process of its own: load every YAML file under each folder given
with PyYAML's C safe loader, and nothing else. run.py times it beside `provenance check`
so that both pay Python's start-up, as a check of one small case mostly does.

Usage:  python benchmarks/floor.py FOLDER ...
"""

import sys
from pathlib import Path

import yaml
from yaml import CSafeLoader


def main() -> None:
    for root in sys.argv[1:]:
        for path in sorted(Path(root).rglob("*.yaml")):
            with path.open("rb") as stream:
                yaml.load(stream, Loader=CSafeLoader)


if __name__ == "__main__":
    main()
