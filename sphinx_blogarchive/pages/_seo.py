"""Data for search engines and link previews: JSON-LD, OpenGraph, canonical links.

* A post's ``canonical_url`` field (a cross-post's original) replaces the
  canonical link Sphinx writes from ``html_baseurl`` (the ``pageurl`` of the
  page context), so the page has one ``<link rel="canonical">``, the
  original's. Every other page, each page of a paginated listing included,
  keeps Sphinx's: canonical to itself.

* Every listed or previewed post page carries a schema.org ``BlogPosting``
  as JSON-LD in its ``<head>`` (through the ``metatags`` of
  ``html-page-context``).
* With ``sphinxext.opengraph``: post pages get ``og:type`` ``article`` and
  their subtitle as ``og:description`` through that extension's per-page
  fields (``env.metadata``, set at read time, see :func:`opengraph_fields`),
  plus ``article:published_time`` and friends, which it does not make;
  generated pages, which it skips (they have no doctree), get the basic
  ``og:`` tags here.
"""

from __future__ import annotations

import html
import json
import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx_blogarchive.config._config import base_url
from sphinx_blogarchive.model._control import clean_data
from sphinx_blogarchive.pages import _redirects
from sphinx_blogarchive.pages._output import image_output_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_blogarchive.model._dates import PostDate
    from sphinx_blogarchive.model._post import Post
    from sphinx_blogarchive.pages._site import Site

#: The module name of sphinxext-opengraph in ``app.extensions``.
OPENGRAPH = "sphinxext.opengraph"


def opengraph_fields(app: Sphinx, subtitle: str) -> dict[str, str]:
    """Per-page fields a post gives sphinxext-opengraph (empty when it is not loaded).

    sphinxext-opengraph reads ``og:*`` keys of the page's metadata (its
    documented page-level overrides) and puts them in its tags; the post's
    own front matter or field list wins over these.
    """
    if OPENGRAPH not in app.extensions:
        return {}
    fields = {"og:type": "article"}
    if subtitle:
        # sphinxext-opengraph escapes only '"' in tag contents.
        fields["og:description"] = html.escape(subtitle, quote=False)
    return fields


def iso(value: PostDate) -> str:
    """A post date in ISO 8601: ``2024-02-10`` or ``2024-02-10T09:30:00+01:00``."""
    if value.has_time:
        return value.value.isoformat()
    return value.value.date().isoformat()


def json_ld(data: dict[str, Any]) -> str:
    r"""A ``<script type="application/ld+json">`` element holding *data*, safe in HTML.

    ``<``, ``>`` and ``&`` become the JSON escapes ``\u003c``, ``\u003e``
    and ``\u0026``, so no value can close the script element or start a
    comment in it, and the JSON reads back the same.
    """
    text = json.dumps(clean_data(data), ensure_ascii=False, indent=None, sort_keys=False)
    # Inside <script>, no "<", ">" or "&" may reach the HTML parser: JSON's
    # own escapes keep the data equal and the element inert.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def _absolute(app: Sphinx, pagename: str, target: str) -> str:
    """*target* (a path from the output root) as a URL: absolute with a base URL."""
    base = base_url(app.config)
    if base:
        return urljoin(base, target)
    here = posixpath.dirname(app.builder.get_target_uri(pagename))
    return posixpath.relpath(target, here or ".")


def blog_posting(app: Sphinx, pagename: str, post: Post, site: Site) -> dict[str, Any]:
    """The schema.org ``BlogPosting`` of *post*, shown on page *pagename*."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
    }
    if post.date is not None:
        data["datePublished"] = iso(post.date)
        data["dateModified"] = iso(post.updated or post.date)
    if post.subtitle:
        data["description"] = post.subtitle
    if post.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in post.authors]
    if post.language:
        data["inLanguage"] = post.language
    if post.tags:
        data["keywords"] = list(post.tags)
    if post.categories:
        data["articleSection"] = post.categories[0]
    if post.image:
        url = site.image_url(post)
        data["image"] = url if url != image_output_path(post) else _absolute(app, pagename, url)
    base = base_url(app.config)
    if base:
        url = urljoin(base, app.builder.get_target_uri(pagename))
        data["url"] = url
        data["mainEntityOfPage"] = url
    if post.canonical_url:
        data["mainEntityOfPage"] = post.canonical_url
    return data


def _meta(prop: str, content: str) -> str:
    return f'<meta property="{html.escape(prop)}" content="{html.escape(content)}" />'


def _site_url(app: Sphinx) -> str:
    config = app.config
    url = str(getattr(config, "ogp_canonical_url", "") or getattr(config, "ogp_site_url", ""))
    return url


def page_context(app: Sphinx, site: Site, pagename: str, context: dict[str, Any]) -> None:
    """Add JSON-LD to post pages; OpenGraph tags sphinxext-opengraph does not make.

    *context* is the template context of *pagename* (``html-page-context``);
    its ``metatags`` (and ``pageurl``, for a cross-post) change. Nothing for
    a builder that does not write HTML pages, or writes EPUB.
    """
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    extra: list[str] = []
    opengraph = OPENGRAPH in app.extensions
    post = site.archive.posts.get(pagename)
    if post is not None and post.canonical_url:
        # A cross-post: Sphinx's own canonical link (the theme's layout
        # writes ``pageurl``) names the original instead, once.
        context["pageurl"] = post.canonical_url
    if post is not None:
        extra.append(json_ld(blog_posting(app, pagename, post, site)))
        if opengraph:
            if post.date is not None:
                extra.append(_meta("article:published_time", iso(post.date)))
            if post.updated is not None:
                extra.append(_meta("article:modified_time", iso(post.updated)))
            extra.extend(_meta("article:author", name) for name in post.authors)
            extra.extend(_meta("article:tag", name) for name in post.tags)
    elif (
        opengraph
        and (page := site.pages.get(pagename)) is not None
        and page.family != _redirects.FAMILY  # standalone: no theme, no metatags
    ):
        data = context.get("blogarchive")
        title = site.title_of(page)
        description = site.config.description if page.family == "archive" else ""
        if not description and isinstance(data, dict) and "count" in data:
            description = f"{title} ({data['count']})"
        tags = {
            "og:title": title,
            "og:type": "website",
            "og:url": urljoin(_site_url(app), app.builder.get_target_uri(pagename)),
        }
        site_name = getattr(app.config, "ogp_site_name", None)
        if site_name is not False:
            tags["og:site_name"] = str(site_name or app.config.project)
        if description:
            tags["og:description"] = description
        extra.extend(_meta(key, value) for key, value in tags.items())
    if extra:
        context["metatags"] = str(context.get("metatags", "")) + "\n" + "\n".join(extra) + "\n"
