"""schema.org ClaimReview exports: the JSON-LD that publishes a fact-check.

One ClaimReview per claim with a verdict, as Google's fact-check documentation describes
it: `claimReviewed` (the claim in under 75 characters), `reviewRating` (the verdict's
rating as `alternateName`, and its 1-5 value when the case gives one), `url`, the
fact-checker as `author`, and `itemReviewed`, a `Claim` whose `firstAppearance` is the
earliest origin of the claim and whose `appearance` lists every source that carries it,
as the claim's trace finds them. A case without a fact-checker, or a claim without a
verdict, is refused with a message that says what to add to case.yaml: a ClaimReview
without them would be invalid.

Dates are written only when the case gives the exact day: schema.org dates are full
ISO 8601 dates, and an estimate should not be published as a fact.
"""

from __future__ import annotations

import json
from typing import Any

from provenance.export.scope import find_claim
from provenance.graph import citation_graph, outlet_name
from provenance.model import (
    Case,
    Claim,
    FactChecker,
    Precision,
    PublicationDate,
    Source,
    SourceKind,
    Verdict,
)
from provenance.problems import ExportError
from provenance.trace import Trace, trace_claim

CONTEXT = "https://schema.org"
CLAIM_REVIEWED_LIMIT = 74
"""Google asks for fewer than 75 characters, so the claim does not wrap on a phone."""
BEST_RATING, WORST_RATING = 5, 1

SCHEMA_TYPES: dict[SourceKind, str] = {
    SourceKind.ARTICLE: "Article",
    SourceKind.OPINION: "OpinionNewsArticle",
    SourceKind.BLOG_POST: "BlogPosting",
    SourceKind.SOCIAL_POST: "SocialMediaPosting",
    SourceKind.DATASET: "Dataset",
    SourceKind.DASHBOARD: "WebPage",
    SourceKind.STUDY: "ScholarlyArticle",
    SourceKind.BROADCAST: "CreativeWork",
    SourceKind.PRESS_RELEASE: "Article",
    SourceKind.OFFICIAL_RECORD: "Report",
    SourceKind.OTHER: "CreativeWork",
}
"""The schema.org type of each kind of source, for the claim's appearances."""

JsonObject = dict[str, Any]


def claim_reviews(case: Case, claim_id: str | None = None) -> list[JsonObject]:
    """A ClaimReview for each claim with a verdict, or for the one claim asked for."""
    fact_checker = _fact_checker(case)
    graph = citation_graph(case)
    return [
        claim_review(case, trace_claim(case, claim.id, graph), fact_checker)
        for claim in _reviewed_claims(case, claim_id)
    ]


def _reviewed_claims(case: Case, claim_id: str | None) -> list[Claim]:
    """The claims to publish: the one asked for, or every claim with a verdict."""
    if claim_id is not None:
        claim = find_claim(case, claim_id)
        if claim.verdict is None:
            raise ExportError(
                f"claim '{claim_id}' has no verdict yet, and a ClaimReview publishes one: "
                f"add `verdict:` with a `rating` to it in {_case_file(case)}"
            )
        return [claim]
    claims = [claim for claim in case.claims if claim.verdict is not None]
    if not claims:
        raise ExportError(
            f"no claim in {_case_file(case)} has a verdict, and a ClaimReview publishes "
            "one: add `verdict:` with a `rating` to the claims you have reviewed"
        )
    return claims


def _case_file(case: Case) -> str:
    return case.case_file.location.path or f"{case.root}/case.yaml"


def _fact_checker(case: Case) -> FactChecker:
    """The case's fact-checker, who must have a web address: ClaimReview requires `url`."""
    fact_checker = case.case_file.fact_checker
    if fact_checker is None or fact_checker.url is None:
        missing = "no fact_checker" if fact_checker is None else "a fact_checker without a url"
        raise ExportError(
            f"{_case_file(case)} has {missing}; a ClaimReview names the fact-checker as its "
            "author and needs their web address as its url. Add to case.yaml:\n\n"
            "  fact_checker:\n    name: Your organisation\n    url: https://your-site.example/"
        )
    return fact_checker


def claim_review(case: Case, trace: Trace, fact_checker: FactChecker) -> JsonObject:
    """The ClaimReview of one traced claim that has a verdict."""
    verdict = trace.claim.verdict
    assert verdict is not None
    review: JsonObject = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": fact_checker.url,
        "claimReviewed": short_claim(trace.claim.statement),
        "author": _organization(fact_checker.name, fact_checker.url),
        "reviewRating": _rating(verdict),
        "itemReviewed": _item_reviewed(case, trace),
    }
    reviewed = schema_date(verdict.reviewed)
    if reviewed:
        review["datePublished"] = reviewed
    if verdict.rationale:
        review["reviewBody"] = verdict.rationale
    return review


def short_claim(statement: str, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The statement in at most `limit` characters, cut between words."""
    text = " ".join(statement.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _rating(verdict: Verdict) -> JsonObject:
    rating: JsonObject = {"@type": "Rating", "alternateName": verdict.rating}
    if verdict.rating_value is not None:
        rating |= {
            "ratingValue": verdict.rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
        }
    return rating


def _item_reviewed(case: Case, trace: Trace) -> JsonObject:
    """The claim as it appeared: where it started (when the record decides it), then
    every source that carries it, in order of first appearance."""
    carriers = [item.source for item in trace.sources if item.carries]
    claim: JsonObject = {"@type": "Claim", "text": " ".join(trace.claim.statement.split())}
    if len(trace.first_appearance) == 1:
        started = trace.source(trace.first_appearance[0])
        first = schema_date(started.first_seen)
        if first:
            claim["datePublished"] = first
        claim["firstAppearance"] = appearance(case, started.source)
    if carriers:
        claim["appearance"] = [appearance(case, source) for source in carriers]
    return claim


def appearance(case: Case, source: Source) -> JsonObject:
    """A source as a schema.org creative work: headline, date, author and publisher."""
    work: JsonObject = {"@type": SCHEMA_TYPES[source.kind]}
    optional = {
        "url": source.url,
        "archivedAt": source.archived_url,
        "headline": source.title,
        "datePublished": schema_date(source.published),
    }
    work |= {key: value for key, value in optional.items() if value}
    authors = [{"@type": "Person", "name": name} for name in source.authors]
    if authors:
        work["author"] = authors[0] if len(authors) == 1 else authors
    if source.outlet:
        work["publisher"] = _organization(outlet_name(case, source))
    return work


def _organization(name: str, url: str | None = None) -> JsonObject:
    organization: JsonObject = {"@type": "Organization", "name": name}
    if url:
        organization["url"] = url
    return organization


def schema_date(published: PublicationDate | None) -> str | None:
    """An exact date (2018-07-09) or moment in ISO 8601; None for estimates, for dates
    known only to the month or year, and for no date."""
    if published is None or published.approximate:
        return None
    if published.precision is Precision.DAY:
        return published.text
    if published.precision is Precision.TIME:
        return published.earliest.isoformat().replace("+00:00", "Z")
    return None


def export_claimreview(case: Case, claim_id: str | None) -> bytes:
    """ClaimReview JSON-LD: one object for `--claim`, else a list with one per verdict."""
    reviews = claim_reviews(case, claim_id)
    data: JsonObject | list[JsonObject] = reviews[0] if claim_id is not None else reviews
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
