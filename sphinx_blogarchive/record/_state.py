"""The state one build carries from event to event: one :class:`BuildState`.

Made on ``builder-inited``, before any other handler of that event
(:func:`sphinx_blogarchive.extension._events.new_build_state`, priority
100), and kept as the ``build`` attribute of the ``blog`` domain's instance,
which Sphinx makes anew for each run; the handlers of this and the later
events fill it in and read it.
It is never pickled (Sphinx leaves the domain instances out of the pickled
environment), and parallel readers and writers get a copy with their fork.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx_blogarchive.model._authors import Registry

if TYPE_CHECKING:
    from sphinx_blogarchive.record._changes import Changes


@dataclass
class BuildState:
    """What the handlers of one build share; each field says who sets it, and when.

    Nothing here is written anywhere but the record, at ``build-finished``,
    when the build succeeded (see :mod:`sphinx_blogarchive.record._record`).
    """

    #: The authors registry of this build (``builder-inited``, see
    #: :func:`sphinx_blogarchive.extension._events.load_authors`).
    registry: Registry = field(default_factory=lambda: Registry({}))
    #: The folder the registry's relative paths (avatars) start from: the
    #: configuration folder ("" until the registry is loaded).
    registry_dir: str = ""
    #: Whether ``a`` and ``a/index`` name the same output file for this
    #: build's builder (``builder-inited``, see
    #: :func:`sphinx_blogarchive.extension._ablog_site.on_builder_inited`):
    #: always, but for the html builder in ABlog's layout (``blog.html``
    #: beside ``blog/index.html``).
    folder_aliases: bool = True
    #: Whether this build's builder gets the book of ``blog:book``
    #: (``builder-inited``, see :mod:`sphinx_blogarchive.extension._book`).
    book_builder: bool = False
    #: The documents holding a book whose reading waits until every other
    #: document is read: noted on ``env-before-read-docs``, read (and the
    #: set emptied) on ``env-updated``.
    deferred_books: set[str] = field(default_factory=set)
    #: Documents read in this build (``env-before-read-docs``).
    docs_read: frozenset[str] = frozenset()
    #: True while the bodies of a full-content listing are rendered (see
    #: :func:`sphinx_blogarchive.extension._placeholders.fill_bodies`).
    rendering_bodies: bool = False
    #: :func:`sphinx_blogarchive.pages._generated.global_key` of this build
    #: (``env-updated``); None before.
    base: str | None = None
    #: The :attr:`.Changes.structure` of this build (``env-updated``).
    structure: str = ""
    #: The :attr:`.Changes.digest` of this build (``env-updated``), recorded
    #: with the pages and the feeds; None before.
    digest: str | None = None
    #: True when :attr:`digest` equals the last successful build's: no
    #: generated page, feed or post header/footer can have changed
    #: (``env-updated``).
    inputs_unchanged: bool = False
    #: What changed since the record of the last successful build, made on
    #: ``env-updated`` and asked again on ``html-collect-pages`` and
    #: ``build-finished`` (it keeps the posts' tokens); None before.
    changes: Changes | None = None
    #: ``{docname: signature}`` of the documents with blog content, with the
    #: sidebar widgets' key (``env-updated``); None: keep the record's.
    documents: dict[str, str] | None = None
    #: ``{pagename: key}`` of the generated pages (``html-collect-pages``);
    #: None: keep the record's (no page builder, or no page collected).
    manifest: dict[str, str] | None = None
