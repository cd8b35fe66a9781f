"""Drafting a source file from an article's text: `provenance extract`.

Four stages, imports going down the list:

    read.py        the article (plain text, Markdown; html.py for HTML) -> an Article
                   (article.py): text, links, metadata
    candidates.py  text -> candidate citations, each with its sentence and evidence
    match.py       candidates -> the case's known sources and outlets, gathered into
                   proposed citations
    draft.py       proposed citations -> a commented YAML source file with TODOs

and the modules they share, each of one concern: addresses.py (web addresses, read
without raising), sentences.py (sentence splitting), names.py (capitalised names and
@handles), cues.py (the words of attribution), similarity.py (comparing text and names),
matcher.py (one candidate against the case's records) and claims.py (the closest claim).

`extract_source` runs them all. Nothing here fetches or runs anything from the article.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path

from provenance.extract.article import Article, ArticleFormat
from provenance.extract.candidates import Candidate, Evidence, find_candidates
from provenance.extract.draft import Draft, draft_slug, recorded_note, render_draft
from provenance.extract.match import ProposedCitation, match_candidates
from provenance.extract.matcher import Known, Match, known_from_case
from provenance.extract.read import read_article
from provenance.scaffold import draft_notes, draft_path

__all__ = [
    "Article",
    "ArticleFormat",
    "Candidate",
    "Draft",
    "Evidence",
    "Known",
    "Match",
    "ProposedCitation",
    "extract_source",
]


def extract_source(
    article_path: Path,
    case_folder: Path | None = None,
    *,
    output: Path | None = None,
    article_format: ArticleFormat | None = None,
    min_confidence: float = 0.0,
    exclude: Collection[str] = (),
    match_wordings: bool = True,
) -> Draft:
    """Draft a source file from a saved article.

    With a case folder, candidates are matched against its sources and outlets, and the
    draft goes to `<case>/drafts/<slug>.yaml` (which check and build do not read, so an
    unfinished draft stops nothing) unless `output` says otherwise; without one, to
    `output` or (path None) standard output. Nothing is written here: write `draft.text`
    to `draft.path` with `scaffold.write_new_file`, which never overwrites. `draft.notes`
    say where it went and whether the case already records the article.
    `exclude` leaves known sources out of matching (to measure the draft of a source the
    case already records); `match_wordings` turns matching quotations against recorded
    wordings on or off. Raises ArticleError when the article cannot be read.
    """
    article = read_article(article_path, article_format)
    known = (
        known_from_case(case_folder, exclude, wordings=match_wordings) if case_folder else Known()
    )
    matching = match_candidates(article, find_candidates(article), known)
    path = output
    if path is None and case_folder is not None:
        path = draft_path(case_folder, draft_slug(article, matching))
    draft = render_draft(article, matching, known, path, min_confidence)
    recorded = recorded_note(matching, known)
    notes = ((recorded,) if recorded else ()) + draft_notes(path)
    return dataclasses.replace(draft, notes=notes)
