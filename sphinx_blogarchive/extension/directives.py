"""Blog directives and placeholder nodes: registering them and their resolver.

``blog:archive`` makes its page the archive, ``blog:index`` makes its page
the index of tags, categories, authors or years, and ``postlist`` (also
``blog:postlist``) lists a selection of posts anywhere
(:mod:`._listing_directives`). Each leaves a
:class:`~sphinx_blogarchive.pages._nodes.listing_placeholder` in the doctree
and records its :class:`~sphinx_blogarchive.model._listing.ListingSpec` in
the domain; post pages get a
:class:`~sphinx_blogarchive.pages._nodes.post_header`. A
``doctree-resolved`` handler (:mod:`._placeholders`) replaces them from the
domain's data, so what they show is always that of the current build.

``blog:book`` (:mod:`._book_directive`) is the exception: a toctree must be
in the doctree before Sphinx assembles a book from it, so the directive
writes the toctree of the posts itself, and :mod:`._book` reads its document
after every other one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_blogarchive.extension._book_directive import BookDirective
from sphinx_blogarchive.extension._listing_directives import (
    ArchiveDirective,
    IndexDirective,
    PostListDirective,
)
from sphinx_blogarchive.extension._placeholders import on_doctree_resolved
from sphinx_blogarchive.pages._nodes import listing_placeholder, post_footer, post_header

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_directives(app: Sphinx) -> None:
    """Register the nodes, the directives and the resolver."""
    for node in (post_header, post_footer, listing_placeholder):
        app.add_node(node)
    app.add_directive("postlist", PostListDirective)
    app.add_directive_to_domain("blog", "archive", ArchiveDirective)
    app.add_directive_to_domain("blog", "index", IndexDirective)
    app.add_directive_to_domain("blog", "postlist", PostListDirective)
    app.add_directive_to_domain("blog", "book", BookDirective)
    app.connect("doctree-resolved", on_doctree_resolved)
    # fill_bodies runs from the html-page-context handler of ._page_context.
