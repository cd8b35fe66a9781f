"""The data model: what a case, its claims, outlets and sources are.

This is the first stage of the pipeline and the single description of the case-file
format. The loader validates YAML against these classes (`validator.py` reads their
type hints and the markers of `constraints.py`), and the JSON Schema that editors use is
generated from them by pydantic (`schema.py`), so the format is written down exactly
once. pydantic is not imported here: loading a case does without it (issue 16); it reads
these classes as they are when it makes the schemas, and the tests check the loader's
validator against it. Every object records where it was written (`location`), so any
later stage can point a fact-checker at the right line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from provenance.codes import Code
from provenance.constraints import Check, Constraints, Internal, InvalidValue
from provenance.dates import (
    Precision,
    PublicationDate,
    PublishedField,
    parse_publication_date,
)

__all__ = [  # the dates are part of the model; they are defined in dates.py
    "Precision",
    "PublicationDate",
    "PublishedField",
    "parse_publication_date",
]

# Ids become file names under output/, so they are restricted to a safe slug alphabet:
# lowercase letters and digits joined by single '-', '_' or '.': no slashes, no "..",
# nothing a file system treats specially, nothing that differs only by case.
ID_PATTERN = r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$"
ID_MAX_LENGTH = 100


@dataclass(frozen=True, order=True)
class Location:
    """Where something was written: a file and a 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


NOWHERE = Location("")


# --- closed vocabularies -------------------------------------------------------------


class SourceKind(StrEnum):
    """What kind of publication a source is."""

    ARTICLE = "article"
    OPINION = "opinion"
    BLOG_POST = "blog-post"
    SOCIAL_POST = "social-post"
    DATASET = "dataset"
    DASHBOARD = "dashboard"
    STUDY = "study"
    BROADCAST = "broadcast"
    PRESS_RELEASE = "press-release"
    OFFICIAL_RECORD = "official-record"
    OTHER = "other"


# Kinds that are first-hand evidence by nature. A social-media post is primary only when
# it is the original post itself, so its file says `primary: true`.
PRIMARY_KINDS = frozenset(
    {SourceKind.DATASET, SourceKind.DASHBOARD, SourceKind.STUDY, SourceKind.OFFICIAL_RECORD}
)


class Relation(StrEnum):
    """How a citing source uses the source it cites."""

    QUOTES = "quotes"
    PARAPHRASES = "paraphrases"
    LINKS = "links"
    USES_DATA = "uses-data"
    DISPUTES = "disputes"


class Stance(StrEnum):
    """A source's position on a claim it states."""

    SUPPORTS = "supports"
    DISPUTES = "disputes"
    NEUTRAL = "neutral"


class Certainty(StrEnum):
    """How sure a statement sounds, from weakest to strongest, or `unknown`.

    The ranked levels follow the estimative language of intelligence analysis (Kent's
    "Words of Estimative Probability", ICD 203): disputed (it is false), unlikely,
    possible, likely, certain (stated as fact). `unknown` is outside the order: the
    words commit to nothing ("it is not clear whether"), so no comparison is made with it.
    """

    DISPUTED = "disputed"
    UNLIKELY = "unlikely"
    POSSIBLE = "possible"
    LIKELY = "likely"
    CERTAIN = "certain"
    UNKNOWN = "unknown"

    @property
    def ranked(self) -> bool:
        """Whether the level has a place in the order (every level but `unknown`)."""
        return self is not Certainty.UNKNOWN

    @property
    def rank(self) -> int:
        """The place in the order, weakest first; -1 for `unknown`, which has none."""
        return _CERTAINTY_ORDER.index(self) if self.ranked else -1

    # A StrEnum compares as text ("certain" < "disputed"); certainty has its own order.
    # Comparisons with `unknown` are always false: it is neither weaker nor stronger.
    def __lt__(self, other: str) -> bool:
        return _comparable(self, other) and self.rank < Certainty(other).rank

    def __le__(self, other: str) -> bool:
        return _comparable(self, other) and self.rank <= Certainty(other).rank

    def __gt__(self, other: str) -> bool:
        return _comparable(self, other) and self.rank > Certainty(other).rank

    def __ge__(self, other: str) -> bool:
        return _comparable(self, other) and self.rank >= Certainty(other).rank


def _comparable(level: Certainty, other: str) -> bool:
    return level.ranked and Certainty(other).ranked


_CERTAINTY_ORDER = tuple(level for level in Certainty if level is not Certainty.UNKNOWN)


# --- shared field types --------------------------------------------------------------

Identifier = Annotated[str, Constraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Text = Annotated[str, Constraints(min_length=1)]


# An address of this plain shape (a host of letters, digits, dots and dashes, a port of
# at most four digits) is one urlsplit reads; only others need the slower full reading.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,4})?(?:[/?#]\S*)?")


def check_url(value: str) -> str:
    """A web address whose host (and port) can be read, as every later stage reads it:
    `https://[abc/x` passes the pattern, but no one can tell where it leads."""
    if _PLAIN_URL.fullmatch(value):
        return value
    try:
        parts = urlsplit(value)
        host, _ = parts.hostname, parts.port
    except ValueError as error:
        raise InvalidValue(
            Code.INVALID_URL,
            "'{url}' is not a web address: its host or port cannot be read ({reason}); copy the "
            "address in full from the browser's address bar",
            {"url": value[:60], "reason": str(error)},
        ) from error
    if not host:
        raise InvalidValue(
            Code.INVALID_URL,
            "'{url}' is not a web address: it names no host; copy the address in full "
            "from the browser's address bar",
            {"url": value[:60]},
        )
    return value


Url = Annotated[
    str,
    Constraints(
        pattern=r"^https?://[^\s/$.?#][^\s]*$",
        description="A web address starting with http:// or https://",
    ),
    Check(check_url),
]

# pydantic's configuration of the classes (a plain dict: pydantic's ConfigDict is one),
# read by the schemas and the tests' reference validator; validator.py forbids unknown
# keys too. Each field's docstring describes it in the JSON Schema: schema.py turns
# pydantic's `use_attribute_docstrings` on while it generates the schemas, and only then,
# because reading the docstrings means reading this module's source again.
_CONFIG: dict[str, Any] = {"extra": "forbid", "frozen": True}


@dataclass(frozen=True)
class Located:
    """Base of model objects: where the object and each of its fields were written.

    These fields are filled in by the loader right after validation and are never read
    from a case file (`init=False` keeps them out of the constructor and the schema).
    """

    location: Annotated[Location, Internal()] = field(
        default=NOWHERE, init=False, compare=False, repr=False
    )
    field_locations: Annotated[Mapping[str, Location], Internal()] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    acknowledged: Annotated[frozenset[str], Internal()] = field(
        default=frozenset(), init=False, compare=False, repr=False
    )
    """The codes a `# provenance: ignore[...]` comment acknowledges for this object: one
    on the line where the object starts, or on the line just above (acknowledge.py)."""

    def where(self, field_name: str) -> Location:
        """The location of one field's value, or of the whole object if unknown."""
        return self.field_locations.get(field_name, self.location)


# --- the case file -------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict(Located):
    """A fact-check verdict on a claim."""

    __pydantic_config__ = _CONFIG
    rating: Text
    """The verdict in words, as the fact-checker publishes it: "False", "Misleading",
    "Unproven"."""
    rationale: Text | None = None
    """Why: a few sentences a reader can follow."""
    rating_value: Annotated[int, Constraints(ge=1, le=5)] | None = None
    """The verdict on a 1 (false) to 5 (true) scale, for ClaimReview."""
    reviewed: PublishedField = None
    """When the verdict was reached."""


@dataclass(frozen=True)
class Claim(Located):
    """A claim under study: one assertion that outlets repeat."""

    __pydantic_config__ = _CONFIG
    id: Identifier
    """A short stable id that sources refer to, e.g. `hamilton68-rank`."""
    statement: Text
    """The claim in neutral, canonical words."""
    verdict: Verdict | None = None
    """The fact-check verdict, once there is one."""
    subjects: tuple[Identifier, ...] = ()
    """Ids of the people (people.yaml) or outlets the claim is about: their dispute of it
    is a denial by its subject."""
    notes: Text | None = None
    """Anything a colleague should know about the claim."""


@dataclass(frozen=True)
class FactChecker(Located):
    """Who reviews the claims (the author of published fact-checks)."""

    __pydantic_config__ = _CONFIG
    name: Text
    """The person or organisation."""
    url: Url | None = None
    """Their web site."""


@dataclass(frozen=True)
class CaseFile(Located):
    """The case file (`case.yaml`): what the investigation is and which claims it studies."""

    __pydantic_config__ = _CONFIG
    title: Text
    """The investigation's title."""
    claims: Annotated[tuple[Claim, ...], Constraints(min_length=1)]
    """The claims under study."""
    summary: Text | None = None
    """A paragraph on what is being checked and why."""
    fact_checker: FactChecker | None = None
    """Who reviews the claims."""


# --- outlets -------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet(Located):
    """A publisher: a news site, a blog, a platform account, a research group."""

    __pydantic_config__ = _CONFIG
    id: Identifier
    """A short stable id that sources refer to, e.g. `huffpost`."""
    name: Text
    """The outlet's name as readers know it."""
    domains: tuple[Annotated[str, Constraints(pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$")], ...] = ()
    """Web domains the outlet publishes under, e.g. `huffpost.com`."""
    aliases: tuple[Text, ...] = ()
    """Other names it goes by, e.g. "The Huffington Post"."""
    platform: bool = False
    """A platform where each account speaks for itself (Twitter, Reddit, YouTube): two
    people posting on it are two voices, not one."""
    part_of: Identifier | None = None
    """The id of another outlet whose newsroom, owner or script it shares (a station of a
    broadcast group, a paper of a chain): outlets of one group count as one voice."""
    notes: Text | None = None
    """Ownership, affiliation, anything relevant to judging independence."""


@dataclass(frozen=True)
class Person(Located):
    """Someone a case names more than once: an author, an account holder, a claim's
    subject. Sources and claims refer to people by id."""

    __pydantic_config__ = _CONFIG
    id: Identifier
    """A short stable id, e.g. `bob-cesca`."""
    name: Text
    """The name as the record gives it (for an account known only by its handle, the
    handle)."""
    aliases: tuple[Text, ...] = ()
    """Other names and account handles."""
    notes: Text | None = None
    """Who they are, as far as the record tells."""


@dataclass(frozen=True)
class PeopleFile(Located):
    """The people file (`people.yaml`): the people a case names."""

    __pydantic_config__ = _CONFIG
    people: tuple[Person, ...]
    """The people."""


@dataclass(frozen=True)
class OutletsFile(Located):
    """The outlets file (`outlets.yaml`): the publishers a case's sources come from."""

    __pydantic_config__ = _CONFIG
    outlets: tuple[Outlet, ...]
    """The outlets."""


# --- sources -------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation(Located):
    """One use of another source for a claim."""

    __pydantic_config__ = _CONFIG
    cites: Identifier
    """The id of the source cited."""
    claim: Identifier
    """The id of the claim the citation carries."""
    relation: Relation
    """How it is used: quotes, paraphrases, links, uses-data or disputes."""
    wording: Text | None = None
    """The cited wording as it appears in the citing source."""
    note: Text | None = None
    """Anything a colleague should know about this citation."""


@dataclass(frozen=True)
class Statement(Located):
    """A source's own wording of a claim."""

    __pydantic_config__ = _CONFIG
    claim: Identifier
    """The id of the claim stated."""
    wording: Text
    """The source's words, quoted exactly."""
    stance: Stance = Stance.SUPPORTS
    """supports, disputes or neutral."""
    certainty: Certainty | None = None
    """How sure the wording sounds (disputed, unlikely, possible, likely, certain, or
    unknown); estimated from hedging words when left out."""
    date: PublishedField = None
    """When the wording appeared or was said, where that differs from the source's own
    date: an edit to a living page, words said before the article that reports them."""
    speaker: Identifier | None = None
    """Who made the statement (a person or outlet id), when not the source's author: a
    denial or a quotation reported inside the source."""
    note: Text | None = None
    """Anything a colleague should know about this statement."""


@dataclass(frozen=True)
class Omission(Located):
    """A claim the source could have carried and did not: it covered the story and left
    the claim out (a paper that checked and did not print it)."""

    __pydantic_config__ = _CONFIG
    claim: Identifier
    """The id of the claim left out."""
    note: Text | None = None
    """What it said instead, or how we know it left the claim out."""


@dataclass(frozen=True)
class Amendment(Located):
    """A retraction or correction the publisher made."""

    __pydantic_config__ = _CONFIG
    note: Text
    """What was retracted or corrected, in the publisher's words where possible."""
    date: PublishedField = None
    """When."""
    url: Url | None = None
    """Where the retraction or correction is published."""
    claims: tuple[Identifier, ...] = ()
    """The claims it affects; all the source's claims when left out."""


def _without_id_default(schema: dict[str, Any]) -> None:
    # The loader fills in the file name when `id` is left out; the "" placeholder is
    # not an id an editor should offer.
    schema["properties"]["id"].pop("default", None)


_SOURCE_CONFIG = {**_CONFIG, "json_schema_extra": _without_id_default}


@dataclass(frozen=True)
class Source(Located):
    """One source file: an article, post, dataset or other publication, and what it says."""

    __pydantic_config__ = _SOURCE_CONFIG
    kind: SourceKind
    """What it is: article, opinion, blog-post, social-post, dataset, dashboard, study,
    broadcast, press-release, official-record or other."""
    id: Identifier = ""
    """A short stable id; defaults to the file name without `.yaml`."""
    title: Text | None = None
    """The headline or title."""
    outlet: Identifier | None = None
    """The id of the outlet (from `outlets.yaml`) that published it."""
    authors: tuple[Text, ...] = ()
    """Who wrote it, as bylined; for a post, the account."""
    url: Url | None = None
    """Where it was published."""
    archived_url: Url | None = None
    """An archived copy (Wayback Machine, archive.today)."""
    published: PublishedField = None
    """When it was published. Leave it out when no record tells."""
    primary: bool | None = None
    """Whether it is first-hand evidence. Defaults to true for datasets, dashboards,
    studies and official records; set it for an original post."""
    wire: Identifier | None = None
    """The outlet id of the wire service or agency whose story this is: the agency
    speaks, not the outlet that printed it."""
    stands_for: Text | None = None
    """The unnamed publications the source stands for ("several regional papers"): how
    many independent voices it holds cannot be counted."""
    revision_of: Identifier | None = None
    """The id of an earlier version of the same page (a wiki article on another date, an
    article updated after publication); `published` is this version's date."""
    retracted: Amendment | None = None
    """The publisher withdrew it."""
    corrected: Amendment | None = None
    """The publisher corrected it."""
    notes: Text | None = None
    """How it was recorded and anything a colleague should know."""
    citations: tuple[Citation, ...] = ()
    """The sources it cites, one entry per claim it takes from them."""
    statements: tuple[Statement, ...] = ()
    """Its own wording of the claims it carries."""
    omits: tuple[Omission, ...] = ()
    """Claims it covered the story without carrying."""

    @property
    def is_primary(self) -> bool:
        """First-hand evidence: by kind unless the file says otherwise."""
        return self.primary if self.primary is not None else self.kind in PRIMARY_KINDS

    def leaves_out(self, claim_id: str) -> bool:
        """The record says the source left the claim out (`omits`) and it states nothing
        in its support: whoever cites it for the claim attributes words it did not say."""
        supporting = any(
            statement.claim == claim_id and statement.stance is not Stance.DISPUTES
            for statement in self.statements
        )
        return not supporting and any(omission.claim == claim_id for omission in self.omits)


# --- a whole case --------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One investigation: its case file, outlets and sources, loaded from one folder."""

    id: str
    """The folder name."""
    root: str
    """The folder, as given."""
    case_file: CaseFile
    outlets: tuple[Outlet, ...] = ()
    sources: tuple[Source, ...] = ()
    people: tuple[Person, ...] = ()

    @property
    def title(self) -> str:
        return self.case_file.title

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.case_file.claims
