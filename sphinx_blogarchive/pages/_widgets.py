"""Sidebar widgets: what their templates read from the page context.

The widgets (``blogarchive/sidebar-recent.html``, ``sidebar-tags.html`` and
``sidebar-years.html``, for ``html_sidebars`` or a theme's own list of sidebar
templates) carry no data about the collection: each is a heading, a plain link
(to the archive or the tags index) and a container that ``blogarchive.js``
fills in the browser from the JSON index of the posts. So what a page holds
depends only on the configuration and on *where* the archive and the indexes
are. When that changes (say the first tag makes a tags index), every page is
rewritten once; otherwise the widgets never make a page outdated.

Context added to every page of a page builder (``blogarchive_page_builders``):

``blogarchive_index_url``
    The relative URL of the JSON index (``<archive path>/posts.json``).
``blogarchive_links``
    Relative URLs ``{"archive", "tags", "years", "year"}``: the archive, the
    tags and years indexes ("" where there is none) and the page of a year,
    with ``__YEAR__`` for the year ("" when no year pages are made).
``blogarchive_labels``
    The reader-facing words of :func:`._labels.labels`, translated.
``blogarchive_post``
    On a post's page, its header data (:func:`._data.header_data`, with
    relative URLs): what ABlog's ``ablog/postcard.html`` shows.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes
from sphinx.errors import NoUri

from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.pages import _data, _labels, _links
from sphinx_blogarchive.pages import _generated as pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_blogarchive.pages._site import Site

#: Stands for the year in ``blogarchive_links["year"]``; blogarchive.js replaces it.
YEAR = "__YEAR__"
#: Key of the hash of the widgets' link targets in the output folder's record
#: of documents (no docname looks like it).
RECORD_KEY = "<sidebar widgets>"


def widget_targets(site: Site) -> dict[str, str]:
    """Page names the widgets link to: ``{"archive", "tags", "categories", "authors", ...}``.

    Also ``years`` and ``year``.

    A page holding the directive, else the generated page, else ""; ``year``
    is the name of a year page with :data:`YEAR` for the year, when year
    pages are made.
    """
    config = site.config
    return {
        "archive": site.index_page("archive") or "",
        "tags": site.index_page("tags") or "",
        "categories": site.index_page("categories") or "",
        "authors": site.index_page("authors") or "",
        "years": site.index_page("years") or "",
        "year": f"{config.paths['year']}/{YEAR}" if "years" in config.pages else "",
    }


def _uri(builder: Builder, pagename: str, target: str) -> str:
    """The relative URL of *target* from *pagename*; a page links to itself by name."""
    if not target:
        return ""
    try:
        uri = _links.relative_uri(builder, pagename, target)
    except NoUri:
        return ""
    if not uri and target == pagename:  # Sphinx gives "" for the page itself
        uri = quote(posixpath.basename(builder.get_target_uri(pagename))) or "./"
    return uri


def on_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """``html-page-context``: the widgets' URLs and words, on every page."""
    site = get_domain(app.env).site
    builder = app.builder
    if not _links.links_pages(builder, site):
        return
    index = _links.root_relative(builder, pagename) + quote(site.index_json_path())
    context["blogarchive_index_url"] = index
    context["blogarchive_links"] = {
        key: _uri(builder, pagename, target) for key, target in widget_targets(site).items()
    }
    context["blogarchive_labels"] = _labels.site_labels(site)
    post = site.archive.posts.get(pagename) if isinstance(doctree, nodes.document) else None
    if post is not None:
        # The post card (ABlog's ablog/postcard.html): the post's header data,
        # which the page's own signature covers already.
        links = _links.page_links(builder, pagename, site)
        context["blogarchive_post"] = links(_data.header_data(post, site))


def _moved(app: Sphinx) -> tuple[bool, str]:
    """(whether the link targets differ from the last successful build's, their key).

    The key is kept in the output folder's record (see :class:`._generated.Record`),
    under :data:`RECORD_KEY`, like the documents' signatures: per builder, and
    written only when a build succeeds. No record (a new output folder): not
    moved, every page is written anyway.
    """
    key = _data.signature(widget_targets(get_domain(app.env).site))
    written = pages.read_record(Path(app.outdir)).documents.get(RECORD_KEY)
    return written is not None and written != key, key


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: every document, when the widgets' link targets moved.

    Runs after the core handler (priority 600), which has set the documents'
    signatures to record at the end of the build; the key joins them.
    """
    domain = get_domain(env)
    if not _links.links_pages(app.builder, domain.site):
        return []
    moved, key = _moved(app)
    if domain.pending_documents is not None:
        domain.pending_documents[RECORD_KEY] = key
    return sorted(env.found_docs) if moved else []


def targets_moved(app: Sphinx) -> bool:
    """True when the widgets' link targets moved since the last successful build.

    Generated pages are then all rendered again (their content keys do not
    hold the widgets' links).
    """
    return _moved(app)[0]


def setup_widgets(app: Sphinx) -> None:
    """Connect the handlers of this module."""
    app.connect("html-page-context", on_page_context)
    app.connect("env-updated", on_env_updated, priority=600)
