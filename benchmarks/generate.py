"""Generate realistic synthetic case folders for benchmarks (seeded, deterministic).

Each case looks like a newsroom investigation: a few claims, each spreading through 2 to
60 sources of many outlets; citations mostly point back in time; a few chains run in a
circle, some end at a secondary source that cites nothing, some sources dispute the
claim; wordings are sentence-length. Sizes (sources / claims in all):

    S     50 sources,      2 claims   (1 case)
    M  2,000 sources,     50 claims   (10 cases)
    L  20,000 sources,   500 claims   (100 cases)
    XL 200,000 sources, 5,000 claims  (1,000 cases)

and two for start-up, where a newsroom checks one small case on every save, or an
archive of many small ones:

    ONE     20 sources,    2 claims   (1 case)
    MANY  6,000 sources,  600 claims  (300 cases of 20 sources)

Usage: python benchmarks/generate.py SIZE OUTPUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SIZES: dict[str, tuple[int, int, int]] = {
    # name: (cases, sources per case, claims per case)
    "S": (1, 50, 2),
    "M": (10, 200, 5),
    "L": (100, 200, 5),
    "XL": (1000, 200, 5),
    "ONE": (1, 20, 2),
    "MANY": (300, 20, 2),
}

KINDS = ["article"] * 10 + ["opinion"] * 3 + ["blog-post"] * 4 + ["social-post"] * 4
PRIMARY_KINDS = ["dataset", "dashboard", "study", "official-record"]
RELATIONS = ["quotes"] * 5 + ["paraphrases"] * 4 + ["links"] * 3 + ["uses-data"]
HEDGES = [
    "may be",
    "appears to be",
    "is reportedly",
    "is likely",
    "is clearly",
    "is definitely",
    "is",
    "could be",
    "seems to be",
    "is probably",
]
VOCABULARY = (
    "bots network hashtag campaign accounts traffic influence operation midterm election "
    "report analysis dashboard tweets share users amplified coordinated trolls grassroots "
    "movement data researchers outlet readers week days"
)
WORDS = VOCABULARY.split()


@dataclass
class Source:
    id: str
    kind: str
    outlet: str
    published: date
    citations: list[tuple[str, str, str]]  # (cited id, claim id, relation)
    statements: list[tuple[str, str, str]]  # (claim id, wording, stance)
    approximate: bool = False


def sentence(rng: random.Random, subject: str, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return f"The {subject} {rng.choice(HEDGES)} {' '.join(words)}."


def spread_claim(rng: random.Random, claim: str, sources: list[Source]) -> None:
    """Pick 2-60 sources in date order; each cites one or two earlier carriers."""
    size = min(len(sources), rng.randint(2, 60))
    chain = sorted(rng.sample(sources, size), key=lambda source: source.published)
    roots = max(1, size // 15)
    for index, source in enumerate(chain):
        if index < roots:
            source.statements.append((claim, sentence(rng, claim, rng.randint(12, 40)), "supports"))
            continue
        for cited in rng.sample(chain[:index], min(index, rng.choice([1, 1, 1, 2]))):
            source.citations.append((cited.id, claim, rng.choice(RELATIONS)))
        roll = rng.random()
        if roll < 0.08:
            source.statements.append((claim, sentence(rng, claim, 20), "disputes"))
        elif roll < 0.7:
            source.statements.append((claim, sentence(rng, claim, rng.randint(12, 40)), "supports"))
    if rng.random() < 0.1 and size >= 3:
        # Circular reporting: the first carrier cites the last one. Such pieces often
        # carry uncertain dates, which is what keeps the loop from being a date error.
        first, last = chain[0], chain[-1]
        first.citations.append((last.id, claim, "quotes"))
        first.approximate = last.approximate = True


def make_case(
    rng: random.Random, index: int, sources_count: int, claims_count: int, outlet_count: int = 40
) -> tuple[list[str], list[Source]]:
    start = date(2018, 1, 1)
    sources = []
    for number in range(sources_count):
        primary = number % 12 == 0
        sources.append(
            Source(
                id=f"src-{index:04d}-{number:05d}",
                kind=rng.choice(PRIMARY_KINDS) if primary else rng.choice(KINDS),
                outlet=f"outlet-{rng.randrange(outlet_count):03d}",
                published=start + timedelta(days=rng.randrange(365)),
                citations=[],
                statements=[],
            )
        )
    claims = [f"claim-{index:04d}-{number:02d}" for number in range(claims_count)]
    for claim in claims:
        spread_claim(rng, claim, sources)
    carriers = sorted(
        (source for source in sources if source.statements), key=lambda source: source.published
    )
    for source in sources:
        if not source.citations and not source.statements:
            # Background coverage: a link to an earlier piece on the case's first claim.
            earlier = [item for item in carriers if item.published <= source.published]
            cited = rng.choice(earlier or carriers)
            source.citations.append((cited.id, cited.statements[0][0], "links"))
            source.published = max(source.published, cited.published)
    return claims, sources


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML scalars


def source_yaml(source: Source) -> str:
    lines = [
        f"kind: {source.kind}",
        f"outlet: {source.outlet}",
        f"title: {yaml_text('Report ' + source.id)}",
        f"url: https://{source.outlet}.example/{source.id}",
        f"published: {source.published.isoformat()}",
    ]
    if source.approximate:
        lines[-1] = f"published: {{date: {source.published.isoformat()}, approximate: true}}"
    if source.citations:
        lines.append("citations:")
        for cited, claim, relation in source.citations:
            lines += [
                f"  - cites: {cited}",
                f"    claim: {claim}",
                f"    relation: {relation}",
                f"    wording: {yaml_text('as ' + cited + ' reported it')}",
            ]
    if source.statements:
        lines.append("statements:")
        for claim, wording, stance in source.statements:
            lines += [
                f"  - claim: {claim}",
                f"    wording: {yaml_text(wording)}",
                f"    stance: {stance}",
            ]
    return "\n".join(lines) + "\n"


def write_case(folder: Path, claims: list[str], sources: list[Source]) -> None:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    claim_lines = "".join(
        f"  - id: {claim}\n    statement: {yaml_text('Synthetic ' + claim)}\n" for claim in claims
    )
    (folder / "case.yaml").write_text(f"title: {yaml_text(folder.name)}\nclaims:\n{claim_lines}")
    outlets = sorted({source.outlet for source in sources})
    (folder / "outlets.yaml").write_text(
        "outlets:\n"
        + "".join(
            f"  - id: {outlet}\n    name: {yaml_text(outlet.title())}\n"
            f"    domains: [{outlet}.example]\n"
            for outlet in outlets
        )
    )
    for source in sources:
        (folder / "sources" / f"{source.id}.yaml").write_text(source_yaml(source))


def generate(size: str, output: Path, seed: int = 2018) -> Path:
    """Write the cases of one size under `output` and return it."""
    cases, sources_per_case, claims_per_case = SIZES[size]
    rng = random.Random(seed)
    for index in range(cases):
        claims, sources = make_case(rng, index, sources_per_case, claims_per_case)
        write_case(output / f"case-{index:04d}", claims, sources)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=2018)
    arguments = parser.parse_args()
    generate(arguments.size, arguments.output, arguments.seed)


if __name__ == "__main__":
    main()
