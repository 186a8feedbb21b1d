"""Relative URLs from one page: to documents, generated pages and files.

The data of :mod:`._data` names its targets; :func:`page_links` gives a copy
with a relative, percent-encoded ``url`` beside each, for the page it is
shown on, and :func:`excerpt_for` does the same for the links of an
excerpt. Where the output has no such page (a builder without generated
pages, a document outside a single-page build) the URL is empty.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.util import osutil

from sphinx_blogarchive.model._excerpt import LINK, resolve_links

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx_blogarchive.pages._site import Site

#: Characters a percent-encoded URI keeps as they are.
URI_SAFE = "/#%?=&:;@+,~"


def links_pages(builder: Builder, site: Site) -> bool:
    """True when *builder* gets generated pages (it is on the allow-list)."""
    return builder.name in site.config.page_builders and builder.format == "html"


def relative_uri(builder: Builder, fromname: str, target: str) -> str:
    """The relative URI from *fromname* to *target*, percent-encoded (UTF-8).

    Raises :class:`sphinx.errors.NoUri` when the builder has no URI for
    *target* (a post outside a LaTeX document, say).
    """
    return quote(builder.get_relative_uri(fromname, target), safe=URI_SAFE)


def root_relative(builder: Builder, fromname: str) -> str:
    """The relative path from page *fromname*'s output file to the output root.

    ``"../"`` once per ``/`` in its target URI (``""`` at the root).
    """
    depth = builder.get_target_uri(fromname).count("/")
    return "../" * depth


def uri_or_empty(builder: Builder, fromname: str, target: str) -> str:
    """:func:`relative_uri` from *fromname* to *target*, or "" where the builder has none."""
    try:
        return relative_uri(builder, fromname, target)
    except NoUri:
        return ""


class _Links:
    """Relative, percent-encoded URLs from one page *fromname* of *site*.

    With a builder whose relative URIs are Sphinx's default (html, dirhtml:
    the relative path between two target URIs), each target's encoded URI
    is computed once per build (``site.uri_cache``) and the relative path
    taken between encoded URIs, which equals encoding the relative path (the
    encoding keeps ``/`` and ``#`` and maps segment to segment). Other
    builders (singlehtml) are asked each time.
    """

    def __init__(self, builder: Builder, fromname: str, site: Site) -> None:
        self.builder = builder
        self.fromname = fromname
        self.site = site
        self.fast = type(builder).get_relative_uri is Builder.get_relative_uri
        self.root = root_relative(builder, fromname)
        self.base = self._target(fromname) if self.fast else None

    def _target(self, docname: str) -> str | None:
        """*docname*'s encoded target URI, or None (no URI for it)."""
        cache = self.site.uri_cache
        if docname not in cache:
            try:
                cache[docname] = quote(self.builder.get_target_uri(docname), safe=URI_SAFE)
            except NoUri:
                cache[docname] = None
        return cache[docname]

    def to(self, target: str) -> str:
        """The URL of document or page *target*, or "" where the output has none."""
        if self.base is None:
            return uri_or_empty(self.builder, self.fromname, target)
        uri = self._target(target)
        return "" if uri is None else osutil.relative_uri(self.base, uri)


def excerpt_url(links: _Links, kind: str, a: str, b: str) -> str:
    """The URL, from the page of *links*, of an excerpt's link token.

    See :data:`sphinx_blogarchive.model._excerpt.LINK`.

    "" where there is none (an unknown label or document, an image Sphinx
    did not copy, a builder without pages).
    """
    builder = links.builder
    env = builder.env
    if kind == "doc":
        uri = links.to(a) if a in env.all_docs else ""
        if uri and a == links.fromname and b:
            return f"#{quote(b, safe=URI_SAFE)}"
        if not uri and a == links.fromname:
            uri = quote(posixpath.basename(builder.get_target_uri(a)), safe=URI_SAFE) or "./"
        return f"{uri}#{quote(b, safe=URI_SAFE)}" if uri and b else uri
    if kind == "ref":
        std = env.domaindata.get("std", {})
        found = std.get("labels", {}).get(a) or std.get("anonlabels", {}).get(a)
        if not found or not found[0]:
            return ""
        return excerpt_url(links, "doc", found[0], found[1] or "")
    if kind == "file":
        return links.root + quote(a, safe=URI_SAFE)
    if kind == "download":
        # Keys are paths from the source folder: str, or Path in Sphinx 8.2+.
        files = getattr(env, "dlfiles", {})
        copied = files.get(a) or files.get(Path(a))
        return links.root + quote(f"_downloads/{copied[1]}", safe=URI_SAFE) if copied else ""
    if kind == "image":
        copied = getattr(env, "images", {}).get(a)
        return links.root + quote(f"_images/{copied[1]}", safe=URI_SAFE) if copied else ""
    if kind == "rel" and a in env.all_docs:
        here = posixpath.dirname(builder.get_target_uri(a))
        target = posixpath.normpath(posixpath.join(here, b))
        if target.startswith("../") or target == "..":
            return ""
        return links.root + quote(target, safe=URI_SAFE)
    return ""


def excerpt_for(text: str, builder: Builder, fromname: str, site: Site) -> str:
    """An excerpt's HTML *text* with its links made relative to page *fromname*."""
    if LINK not in text:
        return text
    return resolve_links(text, functools.partial(excerpt_url, _Links(builder, fromname, site)))


def _with_urls(data: Any, links: _Links, pages_ok: bool) -> Any:
    """A copy of *data* where each ``docname``/``page`` gets a relative ``url``.

    The URL is empty where the output has no such page.
    """
    if isinstance(data, list):
        return [_with_urls(item, links, pages_ok) for item in data]
    if not isinstance(data, dict):
        return data
    # Leaves are kept without a call: this runs for every value of every page.
    result = {
        k: _with_urls(v, links, pages_ok) if isinstance(v, (dict, list)) else v
        for k, v in data.items()
    }
    if "groups" in data and pages_ok:
        result["index_url"] = links.root + quote(links.site.index_json_path())
    for key in ("image", "avatar"):
        image = data.get(key)
        if isinstance(image, str) and image and "://" not in image and not image.startswith("//"):
            result[key] = links.root + quote(image)
    excerpt = data.get("excerpt")
    if isinstance(excerpt, str) and LINK in excerpt:
        result["excerpt"] = resolve_links(excerpt, functools.partial(excerpt_url, links))
    if data.get("docname"):
        docname = data["docname"]
        linked = links.site.links_to(links.builder, docname)
        result["url"] = links.to(docname) if linked else ""
    elif "page" in data:
        page = data["page"]
        result["url"] = links.to(page) if page and pages_ok else ""
    elif "file" in data:
        # An output file of the extension's (a feed): only where pages are.
        result["url"] = _file_uri(links.builder, links.fromname, data["file"]) if pages_ok else ""
    return result


def _file_uri(builder: Builder, fromname: str, path: str) -> str:
    """The relative URI from page *fromname* to the output file *path*, percent-encoded."""
    from sphinx.util.osutil import relative_uri as relative

    return quote(relative(builder.get_target_uri(fromname), path), safe=URI_SAFE)


def page_links(builder: Builder, fromname: str, site: Site) -> Callable[[Any], Any]:
    """A function giving a copy of listing data with relative ``url`` keys for page *fromname*."""
    links = _Links(builder, fromname, site)
    pages_ok = links_pages(builder, site)
    return lambda data: _with_urls(data, links, pages_ok)
