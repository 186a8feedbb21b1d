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
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.errors import NoUri

from sphinx_blogarchive.pages import _data, _labels, _links

if TYPE_CHECKING:
    from sphinx.builders import Builder

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


def page_context(
    builder: Builder,
    site: Site,
    pagename: str,
    context: dict[str, Any],
    *,
    document: bool,
) -> None:
    """The widgets' URLs and words in the template *context* of *pagename*, on every page.

    Nothing unless *builder* links the generated pages. *document*: the page
    is a document (not a generated page); a post's page then also gets its
    post card (``blogarchive_post``).
    """
    if not _links.links_pages(builder, site):
        return
    index = _links.root_relative(builder, pagename) + quote(site.index_json_path())
    context["blogarchive_index_url"] = index
    context["blogarchive_links"] = {
        key: _uri(builder, pagename, target) for key, target in widget_targets(site).items()
    }
    context["blogarchive_labels"] = _labels.site_labels(site)
    post = site.archive.posts.get(pagename) if document else None
    if post is not None:
        # The post card (ABlog's ablog/postcard.html): the post's header data,
        # which the page's own signature covers already.
        links = _links.page_links(builder, pagename, site)
        context["blogarchive_post"] = links(_data.header_data(post, site))


def targets_key(site: Site) -> str:
    """Hash of the widgets' link targets (:func:`widget_targets`), hex SHA-256.

    Kept in the output folder's record of documents under :data:`RECORD_KEY`:
    when it differs from the last successful build's, every page is written
    again (see :func:`sphinx_blogarchive.extension._events.on_env_updated_widgets`).
    """
    return _data.signature(widget_targets(site))
