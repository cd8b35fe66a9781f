"""Web addresses in an article and in a case: read, compared and taken apart, never raising.

An article is untrusted input, and so are the addresses a case records: `urlsplit` raises
`ValueError` on a host it cannot read (`https://[abc/x`, `https://[notip]/`), `urljoin`
does the same, and reading a port can fail too. Every function here turns such an
address into "not an address" (None or "") instead, so no later stage of `extract` sees
one it cannot read: the readers drop a link to it (its words stay in the text), and
matching treats an unreadable recorded address as matching nothing.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

MAX_LENGTH = 2000
"""Longer addresses are not read: no article links to one, and they cost time."""

# The shape the case format accepts for `url` (model.Url): the draft only ever writes an
# address that `provenance check` reads back.
_CASE_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")


def split_address(address: str) -> SplitResult | None:
    """The parts of an address whose host and port can be read, or None."""
    try:
        parts = urlsplit(address)
        _ = parts.hostname, parts.port
    except ValueError:
        return None
    return parts


def web_address(value: object, base: str | None = None) -> str | None:
    """An absolute http(s) address, resolved against `base`; None for anything else
    (mailto:, javascript:, a bare fragment, an unresolvable relative address, a host or
    port that cannot be read)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or text.startswith("#") or len(text) > MAX_LENGTH or _has_space(text):
        return None
    if base is not None:
        try:
            text = urljoin(base, text)
        except ValueError:
            return None
    parts = split_address(text)
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text if _CASE_URL.fullmatch(text) else None


def _has_space(text: str) -> bool:
    return any(char.isspace() for char in text)


def host_of(address: str) -> str:
    """The host, without "www.", or "" when there is none to read."""
    parts = split_address(address)
    return (parts.hostname or "").removeprefix("www.") if parts else ""


def path_of(address: str) -> str:
    """The path of an address, or "" when it cannot be read."""
    parts = split_address(address)
    return parts.path if parts else ""


_TRACKING = (
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "fbclid",
    "gclid",
    "mc_cid",
    "mc_eid",
    "smid",
    "cmpid",
    "ref",
    "ref_src",
    "share",
)
_ARCHIVE = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]+/(?P<url>https?://.+)$", re.I)


def address_key(address: str) -> str:
    """An address reduced to what identifies the page: no scheme, "www.", fragment,
    tracking parameters or trailing slash, and unwrapped from a Wayback Machine copy.
    An address that cannot be read is compared as its own text, lowercased."""
    archived = _ARCHIVE.match(address)
    if archived:
        address = archived.group("url")
    try:
        canonical = canonicalize_url(url_query_cleaner(address, _TRACKING, remove=True))
    except ValueError:  # UnicodeError too: a host IDNA cannot encode
        return address.strip().lower()
    parts = split_address(canonical)
    if parts is None:
        return address.strip().lower()
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    return urlunsplit(("", host, parts.path.rstrip("/"), parts.query, "")).removeprefix("//")


_TWITTER_HOSTS = ("twitter.com", "x.com", "mobile.twitter.com")
_NOT_ACCOUNTS = ("i", "intent", "share", "search", "hashtag", "home")


def account_of(address: str) -> str | None:
    """ "@name" for a link to an account or post on Twitter or X."""
    if host_of(address) not in _TWITTER_HOSTS:
        return None
    segments = [segment for segment in path_of(address).split("/") if segment]
    if not segments or segments[0] in _NOT_ACCOUNTS:
        return None
    return "@" + segments[0]
