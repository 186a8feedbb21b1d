"""``html-page-context``: what the blog adds to each page's template context.

One handler, :func:`on_page_context` (default priority, 500), calls in turn
what five handlers of that priority did, in the order they were connected:

1. the bodies of full-content listings
   (:func:`sphinx_blogarchive.extension._placeholders.fill_bodies`);
2. previous/next in date order and ``noindex`` on post pages, newer/older
   on the pages of a paginated listing (:func:`post_links`);
3. the sidebar widgets' URLs and words
   (:func:`sphinx_blogarchive.pages._widgets.page_context`);
4. JSON-LD and OpenGraph tags (:func:`sphinx_blogarchive.pages._seo.page_context`);
5. the ``<link rel="alternate">`` of the feeds
   (:func:`sphinx_blogarchive.feeds._write.page_links`).

:func:`on_page_math` stays a handler of its own, at priority 400: it must
come before ``sphinx.ext.mathjax``'s (500), whichever extension is loaded
first, and it reads the body before the full-content bodies are filled in,
as it always did.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation

from sphinx_blogarchive.extension import _placeholders
from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.feeds import _write as feeds
from sphinx_blogarchive.model._excerpt import MATH_CLASS
from sphinx_blogarchive.pages import _seo, _widgets

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_blogarchive.extension.domain import BlogDomain
    from sphinx_blogarchive.pages._page import GeneratedPage

_ = get_translation("sphinx_blogarchive")


def on_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """``html-page-context``: every addition of the blog but MathJax's, in order."""
    _placeholders.fill_bodies(app, pagename, templatename, context, doctree)
    domain = get_domain(app.env)
    post_links(app, domain, pagename, context)
    site = domain.site
    _widgets.page_context(
        app.builder, site, pagename, context, document=isinstance(doctree, nodes.document)
    )
    _seo.page_context(app, site, pagename, context)
    feeds.page_links(app, site, pagename, context)


def post_links(app: Sphinx, domain: BlogDomain, pagename: str, context: dict[str, Any]) -> None:
    """On post pages: previous/next in date order; ``noindex`` when not listed."""
    page = domain.site.pages.get(pagename)
    if page is not None and page.of > 1:
        _pagination_links(app, page, context)
    if pagename not in domain.posts:
        return
    archive = domain.archive
    post = domain.posts[pagename]
    if post.draft or not archive.is_listed(pagename):
        metatags = str(context.get("metatags", ""))
        context["metatags"] = metatags + '\n    <meta name="robots" content="noindex" />'
    if archive.is_listed(pagename):
        older, newer = archive.neighbours(pagename)
        for key, other in (("prev", older), ("next", newer)):
            if other is None:
                context[key] = None
            else:
                link = app.builder.get_relative_uri(pagename, other.docname)
                context[key] = {"link": link, "title": html.escape(other.title)}
    else:
        context["prev"] = context["next"] = None


def _pagination_links(app: Sphinx, page: GeneratedPage, context: dict[str, Any]) -> None:
    """Newer/older pages of a paginated listing as the theme's prev/next links."""
    data = context.get("blogarchive")
    pagination = data.get("pagination") if isinstance(data, dict) else None
    if not pagination:
        return
    for key, side, label in (
        ("prev", "newer", _("Newer posts")),
        ("next", "older", _("Older posts")),
    ):
        target = pagination.get(side)
        if target:
            link = app.builder.get_relative_uri(page.pagename, target["page"])
            context[key] = {"link": link, "title": html.escape(label)}
        else:
            context[key] = None


def on_page_math(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """``html-page-context`` (before ``sphinx.ext.mathjax``): MathJax where an excerpt has math.

    A listing shows the math of its posts' excerpts (MathJax's markup, see
    :data:`sphinx_blogarchive.model._excerpt.MATH_CLASS`); the page holding
    it has no math node of its own, so Sphinx would not load MathJax there.
    The page is marked as having math the way Sphinx reads it:
    ``has_maths_elements`` in the context (Sphinx 8.1 and later), the math
    domain's ``has_equations`` (before).
    """
    body = context.get("body")
    if not isinstance(body, str) or f'class="{MATH_CLASS}"' not in body:
        return
    context["has_maths_elements"] = True
    try:
        data = getattr(app.env.get_domain("math"), "data", None)
    except ExtensionError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("has_equations"), dict):
        data["has_equations"][pagename] = True


def setup_page_context(app: Sphinx) -> None:
    """Connect the two ``html-page-context`` handlers."""
    app.connect("html-page-context", on_page_context)
    app.connect("html-page-context", on_page_math, priority=400)
