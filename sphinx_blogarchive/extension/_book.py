"""The book of the blog: keeping the toctree of ``blog:book`` right.

``blog:book`` (see :class:`~._book_directive.BookDirective`) writes a toctree of
the published posts into its document, for the builders that assemble a
book from the toctree (``blogarchive_book_builders``: singlehtml, epub,
latex, man, texinfo), and nothing for the others, so the posts never enter
the HTML navigation. Which posts are published is known only once every
document is read, and the toctree must be in the document's doctree and in
Sphinx's toctree data (``env.toctree_includes``, ``env.tocs``) before Sphinx
assembles the book. So the document is read after all the others, by
Sphinx's own reader, which files the toctree as it files any other:

* ``env-before-read-docs``: a document known to hold a book (or whose source
  names ``blog:book``) is taken out of the documents to read, and read on
  ``env-updated``, once the posts are read and merged (also after a parallel
  read). Only the root document of a first build stays, last in the list (Sphinx
  needs it read before ``env-updated``); a parallel read may read it early.
* ``env-updated``: every document whose book would now hold other posts than
  it was read with (a post added, removed, re-dated or drafted, a scheduled
  post now due, or another kind of builder on the same doctree folder) is read
  again, and returned so that Sphinx writes it.

The posts a book placed are kept in the domain
(:class:`~sphinx_blogarchive.model._listing.BookSpec`),
so a build that changes nothing reads nothing again, and builders sharing a
doctree folder each get their own toctree.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_blogarchive.extension._collect import is_post
from sphinx_blogarchive.extension.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The directive's name in a source file (MyST or reStructuredText).
_NAMES_BOOK = re.compile(r"\bblog:book\b")

#: Before Sphinx's and other extensions' ``env-updated`` handlers (500), and
#: before the one that works out which pages changed (``_events``).
PRIORITY = 400


def on_builder_inited(app: Sphinx) -> None:
    """Note whether this build's builder gets the book."""
    domain = get_domain(app.env)
    domain.build.book_builder = app.builder.name in domain.config.book_builders


def _names_book(env: BuildEnvironment, docname: str) -> bool:
    """True when the source of *docname* names the directive (a cheap first look)."""
    try:
        path = Path(env.doc2path(docname))
        text = path.read_text(encoding=str(env.config.source_encoding or "utf-8-sig"))
    except (UnicodeError, LookupError):
        return True  # let the fallback (reading it again) decide
    except OSError:
        return False
    return _NAMES_BOOK.search(text) is not None


def on_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Take the documents holding a book out of *docnames*, to read them last."""
    domain = get_domain(env)
    patterns = domain.config.post_pattern
    holders = [
        docname
        for docname in docnames
        if docname in domain.books
        or (not is_post(env, docname, patterns) and _names_book(env, docname))
    ]
    for docname in holders:
        docnames.remove(docname)
        if docname == env.config.root_doc and docname not in env.all_docs:
            docnames.append(docname)  # Sphinx needs the root document read
        else:
            domain.build.deferred_books.add(docname)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Read the deferred and the out-of-date book documents; return them to be written."""
    domain = get_domain(env)
    todo = sorted((domain.build.deferred_books & env.found_docs) | set(domain.stale_books()))
    domain.build.deferred_books.clear()
    for docname in todo:
        logger.verbose("blogarchive: reading %s, which holds the book", docname)
        app.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)
        app.builder.read_doc(docname)
    if todo:
        domain.clear_derived()
    return todo


def setup_book(app: Sphinx) -> None:
    """Connect the handlers of this module."""
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-before-read-docs", on_before_read_docs)
    app.connect("env-updated", on_env_updated, priority=PRIORITY)
