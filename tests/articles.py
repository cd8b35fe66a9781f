"""Articles written for the extract tests, one story in three formats, and the case the
story draws on.

The story is made up: a columnist (Jane Critic) writes about a dashboard figure that the
Daily News reported and the Ledger repeated. Every way of citing that `extract` looks
for appears at least once: links, "according to", "X wrote", "as X noted", quotations
credited to a person and to a pronoun, an excerpt introduced by a colon, an @handle,
named outlets and people, and in HTML Open Graph and schema.org NewsArticle metadata.
`fill_todos` finishes a drafted or scaffolded file the way a person would.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from provenance.scaffold import Todo

STORY_CASE: Mapping[str, str] = {
    "case.yaml": """\
        title: A dashboard figure retold
        claims:
          - id: hashtag-rank
            statement: The hashtag ranked third among Kremlin-linked hashtags on the tracker.
          - id: hashtag-astroturf
            statement: The hashtag campaign is astroturf rather than a real movement.
        """,
    "outlets.yaml": """\
        outlets:
          - id: daily-news
            name: The Daily News
            aliases: [Daily News]
            domains: [dailynews.example]
          - id: the-ledger
            name: The Ledger
            domains: [ledger.example]
          - id: tracker-lab
            name: Tracker Lab
          - id: twitter
            name: Twitter
        """,
    "sources/hashtag-tracker.yaml": """\
        kind: dashboard
        title: Hashtag Tracker
        outlet: tracker-lab
        """,
    "sources/daily-news-bots.yaml": """\
        kind: article
        title: Bots push hashtag up the tracker
        outlet: daily-news
        authors: [Ann Reporter]
        url: https://dailynews.example/2018/07/08/bots
        published: 2018-07-08
        citations:
          - cites: hashtag-tracker
            claim: hashtag-rank
            relation: uses-data
            wording: according to the Hashtag Tracker
        statements:
          - claim: hashtag-rank
            wording: The hashtag may have ranked third among Kremlin-linked hashtags for days.
        """,
    "sources/ledger-writer.yaml": """\
        kind: opinion
        title: The hashtag is astroturf
        outlet: the-ledger
        authors: [Tom Writer]
        published: 2018-07-10
        statements:
          - claim: hashtag-astroturf
            wording: The hashtag is astroturf through and through, and everyone knows it.
        """,
    "sources/writer-tweet.yaml": """\
        kind: social-post
        outlet: twitter
        authors: [Tom Writer]
        """,
    "sources/sam-post.yaml": """\
        kind: social-post
        outlet: twitter
        authors: ["@skeptic_sam"]
        """,
}

TEXT = """\
Bots, again: how one dashboard became a story

By Jane Critic

Published July 12, 2018

According to the Daily News, the hashtag "may have ranked third among Kremlin-linked \
hashtags for days." Ann Reporter wrote that the figure came from the Hashtag Tracker.

As Tom Writer noted in The Ledger, “the hashtag is astroturf through and through, and \
everyone knows it.” He later tweeted the same line.

Dr. Smith of the U.S. Institute of Counting was not consulted. @skeptic_sam said the \
tracker "cannot tell a bot from a fan of the show at all."

The Ledger put it this way:

The hashtag is astroturf through and through, and everyone knows it.

The full report is at https://www.dailynews.example/2018/07/08/bots/?utm_source=feed.
"""

MARKDOWN = """\
---
title: "Bots, again: how one dashboard became a story"
author: Jane Critic
date: 2018-07-12
canonical_url: https://critic.example/bots-again
---

# Bots, again

[The Daily News reported](https://dailynews.example/2018/07/08/bots) that the hashtag \
"may have ranked third among Kremlin-linked hashtags for days." Ann Reporter wrote that \
the figure came from the Hashtag Tracker.

As Tom Writer noted in [The Ledger](https://ledger.example/columns/hashtag-is-astroturf):

> The hashtag is astroturf through and through, and everyone knows it.

A [new study](https://journal.example/papers/42 "A study") disagrees.
"""

HTML = """\
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Bots, again | Critic Weekly</title>
  <meta property="og:title" content="Bots, again: how one dashboard became a story">
  <meta property="og:site_name" content="Critic Weekly">
  <meta property="og:type" content="article">
  <meta property="og:url" content="https://critic.example/bots-again?utm_source=og">
  <meta property="article:published_time" content="2018-07-12T09:30:00Z">
  <link rel="canonical" href="https://critic.example/bots-again">
  <script type="application/ld+json">
  {"@context": "https://schema.org",
   "@graph": [
     {"@type": "WebSite", "name": "Critic Weekly"},
     {"@type": "OpinionNewsArticle",
      "headline": "Bots, again: how one dashboard became a story",
      "author": [{"@type": "Person", "name": "Jane Critic"}],
      "datePublished": "2018-07-12",
      "publisher": {"@type": "Organization", "name": "Critic Weekly"},
      "citation": ["https://ledger.example/columns/hashtag-is-astroturf"]}
   ]}
  </script>
  <script>document.write("according to Evil Source, run me")</script>
  <style>p { color: red }</style>
</head>
<body>
  <nav><a href="/">Home</a> <a href="https://dailynews.example/">According to our sponsor</a></nav>
  <article>
    <h1>Bots, again</h1>
    <p><a href="https://dailynews.example/2018/07/08/bots#top">The Daily News reported</a>
       that the hashtag <q>may have ranked third among Kremlin-linked hashtags for days</q>.
       Ann Reporter wrote that the figure came from the Hashtag Tracker.</p>
    <p>As Tom Writer noted in The Ledger:</p>
    <blockquote><p>The hashtag is astroturf through and through, and everyone knows it.</p>
    </blockquote>
    <p>See <a href="/archive/older-story">our older story</a> and
       <a href="javascript:alert(1)">this</a>.</p>
    <!-- according to a comment nobody should read -->
  </article>
  <footer><a href="https://critic.example/about">About</a></footer>
</body>
</html>
"""


_PLACEHOLDER = re.compile(r"^(\s*(?:- )?)([a-z_]+): (TODO|'')(\s+#.*)?$")


def fill_todos(text: str, todos: Sequence[Todo], values: Mapping[str, str]) -> str:
    """The text with the placeholder on each TODO's line replaced by `values[key]`, as
    a person finishing the file would; fails if a TODO's line holds no placeholder."""
    lines = text.splitlines()
    for todo in todos:
        match = _PLACEHOLDER.match(lines[todo.line - 1])
        assert match is not None, f"line {todo.line} has no placeholder: {lines[todo.line - 1]!r}"
        indent, key = match.group(1), match.group(2)
        lines[todo.line - 1] = f"{indent}{key}: {values[key]}"
    return "\n".join(lines) + "\n"
