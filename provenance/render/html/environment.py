"""The Jinja2 environment, and the stylesheet and script every page carries inline
with the Content-Security-Policy that allows exactly them and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from provenance.text import clean_text


@dataclass(frozen=True)
class Assets:
    """The stylesheet and script every page carries inline, and the policy that allows
    exactly them and nothing else."""

    style: Markup
    script: Markup
    policy: str


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def assets() -> Assets:
    folder = resources.files("provenance") / "templates"
    style = (folder / "report.css").read_text("utf-8")
    script = (folder / "report.js").read_text("utf-8")
    policy = (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    return Assets(Markup(style), Markup(script), policy)


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("provenance", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _finalize(value: object) -> object:
    """Every value a template prints, before it is escaped: text loses the control
    characters a page should not hold; our own markup (drawings, assets) is kept."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


def render_page(template: str, page: object) -> bytes:
    html = environment().get_template(template).render(page=page, assets=assets())
    return html.encode("utf-8")
