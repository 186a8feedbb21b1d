"""The ``blog:book`` directive: the posts as the chapters of a book.

A toctree must be in the doctree before Sphinx assembles a book from it, so
unlike the listing directives this one writes the toctree of the posts
itself, and :mod:`._book` reads its document after every other one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from sphinx_blogarchive.config._reference import OptionDoc
from sphinx_blogarchive.extension._listing_directives import choice
from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.model._listing import BOOK_SORTS, BookSpec


class BookDirective(SphinxDirective):
    """``blog:book``: the published posts as a hidden toctree, for builders that make a book.

    On the builders of ``blogarchive_book_builders`` (singlehtml, epub,
    latex, man, texinfo) the directive is a hidden toctree of every published
    post, oldest first (``:sort: newest`` for newest first), so the posts are
    chapters of the book; on the others (html, dirhtml, ...) it is nothing,
    and no post enters the HTML navigation. The posts are known only once
    every document is read; :mod:`._book` sees to it that this document is
    read after them, and again when they change.
    """

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "sort": choice(BOOK_SORTS),
        "caption": directives.unchanged_required,
    }
    #: Each option in the reference (docs/guide/directives-and-roles.md).
    option_docs: ClassVar[dict[str, OptionDoc]] = {
        "sort": OptionDoc(
            "the order of the posts: `oldest` is the archive's order reversed (the order of "
            "the posts' previous and next links), `newest` the archive's",
            "`oldest` or `newest`",
            "`oldest`",
        ),
        "caption": OptionDoc(
            "the toctree's caption, shown above the posts in the navigation of the single page",
            "text",
            "none",
        ),
    }

    def run(self) -> list[nodes.Node]:
        """Record the book and place its toctree (on a book builder)."""
        docname = self.env.docname
        domain = get_domain(self.env)
        sort = self.options.get("sort", "oldest")
        caption = self.options.get("caption", "")
        entries = domain.book_entries(docname, sort)
        domain.note_book(docname, BookSpec(sort=sort, caption=caption, entries=entries))
        if not entries:
            return []
        toctree = addnodes.toctree()
        toctree["parent"] = docname
        toctree["entries"] = [(None, entry) for entry in entries]
        toctree["includefiles"] = list(entries)
        toctree["maxdepth"] = -1
        toctree["caption"] = caption or None
        if caption:
            toctree["rawcaption"] = caption
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = False
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper", "blogarchive-book"])
        wrapper += toctree
        return [wrapper]
