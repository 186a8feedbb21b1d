"""Redirect pages: stable URLs for renamed posts and tags.

A post's ``redirect_from`` names the pages it used to be; a
``blogarchive_tag_aliases`` entry names a tag that was renamed. Each former
name gets a small standalone HTML page (meta refresh, canonical link and a
plain link) pointing at the current page, made through ``html-collect-pages``
like the other generated pages, so the output folder's record lists it and a
redirect no longer wanted is removed. A former name that a document, a
generated page or another redirect already holds is not made: a
``blogarchive.collision`` warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.locale import get_translation

from sphinx_blogarchive.model._slugs import slugify

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from sphinx_blogarchive.model._post import Post
    from sphinx_blogarchive.pages._site import Site

FAMILY = "redirect"
_ = get_translation("sphinx_blogarchive")

TEMPLATE = "blogarchive/redirect.html"


@dataclass(frozen=True)
class Claim:
    """A former page name *pagename* claimed for *target* by *post* (None: a tag alias)."""

    pagename: str
    target: str
    post: Post | None


def claims(site: Site) -> list[Claim]:
    """Every redirect asked for, tag aliases first, then posts by docname."""
    from sphinx_blogarchive.model._slugs import RESERVED_SLUGS

    found: list[Claim] = []
    tag_folder = site.config.paths["tag"]
    for old, new in sorted(site.config.tag_aliases.items()):
        target = site.term_page("tag", new)
        slug = slugify(old)
        if target is None or slug.casefold() in RESERVED_SLUGS:
            continue
        found.append(Claim(f"{tag_folder}/{slug}", target, None))
    for post in sorted(site.archive.posts.values(), key=lambda p: p.docname):
        found.extend(Claim(name, post.docname, post) for name in post.redirect_from)
    return found


def describe(claim: Claim) -> str:
    """The redirect in words, for messages."""
    return f"the redirect from {claim.pagename!r} to {claim.target!r}"


def data_of(site: Site, target: str) -> dict[str, Any]:
    """The JSON-able data of a redirect page to *target* (a docname or generated page)."""
    post = site.archive.posts.get(target)
    if post is not None:
        title = post.title
    elif target in site.pages:
        title = site.title_of(site.pages[target])
    else:  # pragma: no cover - planned only for existing targets
        title = target
    return {"family": FAMILY, "target": target, "title": title}


def context_of(
    builder: Builder, pagename: str, data: dict[str, Any], base_url: str
) -> dict[str, Any]:
    """The template context of the redirect page *pagename*."""
    url = quote(builder.get_relative_uri(pagename, data["target"]), safe="/#%?=&:;@+,~")
    target_uri = quote(builder.get_target_uri(data["target"]), safe="/#%?=&:;@+,~")
    return {
        "title": data["title"],
        "blogarchive_redirect": {
            "url": url,
            "canonical": base_url + target_uri if base_url else url,
            "title": data["title"],
            "moved": _("This page has moved to"),
        },
        "blogarchive": data,
    }
