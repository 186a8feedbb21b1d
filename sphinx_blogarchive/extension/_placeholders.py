"""Filling the blog's placeholder nodes at write time, and full-content listings.

A ``doctree-resolved`` handler (:func:`on_doctree_resolved`) replaces the
post headers, post footers and listing placeholders the directives and the
collector left from the domain's data, so what they show is always that of
the current build: rendered HTML with the package templates, or docutils
nodes for other builders. A full-content listing leaves a marker for each
post's body, which :func:`fill_bodies` (``html-page-context``) replaces.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from docutils import nodes

from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.pages import _render
from sphinx_blogarchive.pages._nodes import listing_placeholder, post_footer, post_header

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the placeholders of *docname* from the domain (every builder)."""
    placeholders = list(doctree.findall(listing_placeholder))
    headers = list(doctree.findall(post_header))
    footers = list(doctree.findall(post_footer))
    if not placeholders and not headers and not footers:
        return
    domain = get_domain(app.env)
    builder = app.builder
    html = _render.can_render_html(builder)
    site = domain.site
    page_data: dict[str, dict[str, object]] = {}

    def data_of(node: nodes.Element) -> dict[str, object]:
        # singlehtml resolves one assembled tree: each node knows its own page.
        owner = node.get("docname") or docname
        if owner not in page_data:
            page_data[owner] = domain.page_data(owner)
        return page_data[owner]

    for header_node in headers:
        header = data_of(header_node).get("header")
        if not isinstance(header, dict):
            header_node.parent.remove(header_node)
            continue
        if html:
            out = _render.render_html(
                builder, "blogarchive/post_header.html", header, docname, site
            )
            header_node.replace_self(nodes.raw("", out, format="html"))
        else:
            header_node.replace_self(_render.header_nodes(header))
    for footer_node in footers:
        footer = data_of(footer_node).get("footer")
        if not isinstance(footer, dict) or not html:
            footer_node.parent.remove(footer_node)  # related posts: HTML only
            continue
        out = _render.render_html(builder, "blogarchive/post_footer.html", footer, docname, site)
        # Related posts and neighbours are other posts' words: "no-search"
        # keeps them out of Sphinx's search index (Sphinx 9 honours it; 7.4 does not).
        if out.strip():
            footer_node.replace_self(nodes.raw("", out, format="html", classes=["no-search"]))
        else:
            footer_node.parent.remove(footer_node)
    for node in placeholders:
        listings = data_of(node).get("listings", [])
        assert isinstance(listings, list)
        index = node["index"]
        listing = listings[index] if index < len(listings) else None
        if listing is None:
            node.parent.remove(node)
            continue
        template = "blogarchive/index.html" if "items" in listing else "blogarchive/postlist.html"
        if html and listing.get("content") == "full":
            listing = _with_bodies(app, listing)
        if html:
            out = _render.render_html(builder, template, listing, docname, site)
            node.replace_self(nodes.raw("", out, format="html"))
        elif "items" in listing:
            node.replace_self(_render.index_nodes(listing))
        else:
            node.replace_self(_render.listing_nodes(builder, listing, docname, site))
    # A document is resolved once per build: its blog content is not needed again.
    domain.release_page_data(page_data)


#: Stands for a post's body in a full-content listing until its page is
#: written (:func:`fill_bodies`): ``<!--blogarchive-body:<docname>-->``.
_BODY = re.compile(r"<!--blogarchive-body:([^<>]*?)-->")


def _with_bodies(app: Sphinx, listing: dict[str, Any]) -> dict[str, Any]:
    """A copy of a full-content *listing* whose entries hold a ``body`` marker.

    The marker is replaced by the post's body when the page is written (see
    :func:`fill_bodies`). A full-content listing met while rendering a body
    (a post that lists posts in full) shows excerpts: it would never end.
    """
    if get_domain(app.env).build.rendering_bodies:
        return listing
    groups = [
        {
            **group,
            "entries": [
                {**entry, "body": f"<!--blogarchive-body:{quote(entry['docname'])}-->"}
                for entry in group["entries"]
            ],
        }
        for group in listing["groups"]
    ]
    return {**listing, "groups": groups}


def fill_bodies(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: put each post's body where a full-content listing marks it.

    The body is rendered as its post's page shows it
    (:func:`sphinx_blogarchive.feeds._html.render_body`, without title, header and footer), then
    rewritten for *pagename* (:func:`sphinx_blogarchive.feeds._html.relocate`): its links reach the
    same
    files from there, its fragment links go to the post's page, and it adds
    no ``id`` that could clash with the page's own.
    """
    body = context.get("body")
    if not isinstance(body, str) or "<!--blogarchive-body:" not in body:
        return
    from sphinx_blogarchive.feeds._html import relocate, render_body

    domain = get_domain(app.env)
    builder = app.builder
    page = builder.get_target_uri(pagename)

    def replace(match: re.Match[str]) -> str:
        docname = unquote(match[1])
        if docname not in domain.posts:
            return ""
        source = builder.get_target_uri(docname)
        return relocate(render_body(app, docname), source, page)

    domain.build.rendering_bodies = True
    try:
        context["body"] = _BODY.sub(replace, body)
    finally:
        domain.build.rendering_bodies = False
