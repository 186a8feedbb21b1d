"""Generated pages: where they live (:class:`Site`) and writing them.

The archive, the tags, categories, authors and years indexes and one page
per tag, category, author and year are made through ``html-collect-pages``
for the builders of ``blogarchive_page_builders``; nothing is written into
the source folder. A page is rendered only when its content key (a hash of
its data, the configuration and the templates) differs from the one
recorded in the output folder's manifest, or its file is missing. Pages
generated before but not now are deleted. The manifest
(``.blogarchive.json``, ``{"pages": {pagename: key}, ...}``) is written at
``build-finished`` only when the build succeeded.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.locale import get_translation
from sphinx.util import logging

from . import _redirects, _render
from ._config import base_url
from ._listing import INDEX_KINDS
from ._output import MANIFEST as MANIFEST
from ._output import RECORD_VERSION as RECORD_VERSION
from ._output import SPHINX_PAGES as SPHINX_PAGES
from ._output import Record as Record
from ._output import image_output_path as image_output_path
from ._output import image_source as image_source
from ._output import reached_by_toctrees as reached_by_toctrees
from ._output import read_record as read_record
from ._output import remove_output_file as remove_output_file
from ._output import taken_names as taken_names
from ._output import write_if_changed as write_if_changed
from ._output import write_record as write_record
from ._render import links_pages
from ._site import PAGE_WINDOW as PAGE_WINDOW
from ._site import GeneratedPage as GeneratedPage
from ._site import Site as Site
from ._site import display_date_format as display_date_format
from ._site import page_name as page_name
from ._site import page_window as page_window
from ._warnings import WARNING_TYPE, Subtype

__all__ = [
    "GeneratedPage",
    "Record",
    "Site",
    "generate",
    "links_pages",
    "read_record",
    "write_record",
]

if TYPE_CHECKING:
    from sphinx.application import Sphinx


logger = logging.getLogger(__name__)
_ = get_translation("sphinx_blogarchive")
__ = get_translation("sphinx_blogarchive", "console")

TEMPLATE = "blogarchive/page.html"


# --------------------------------------------------------------------------
# html-collect-pages


def global_key(app: Sphinx) -> str:
    """Hash what every generated page depends on besides its data.

    That is: versions, the configuration, the builder, the templates' newest
    modification time, and the site navigation the theme shows (the toctrees
    and the titles of the documents they include), so a generated page never
    keeps a sidebar that links a removed or renamed document.
    """
    from . import __version__

    builder = app.builder
    config_items = sorted(
        (item.name, _stable(item.value)) for item in app.config.filter(frozenset({"html", "env"}))
    )
    newest = 0.0
    # BuiltinTemplateLoader.newest_template_mtime is what Sphinx's own HTML
    # builder compares to decide what is outdated; there is no public hook for
    # "templates changed", so it is read defensively (getattr/hasattr).
    templates = getattr(builder, "templates", None)
    if templates is not None and hasattr(templates, "newest_template_mtime"):
        newest = templates.newest_template_mtime()
    env = app.env
    toctrees = sorted((doc, list(children)) for doc, children in env.toctree_includes.items())
    in_toctrees = sorted({child for _, children in toctrees for child in children})
    titles = [(doc, env.titles[doc].astext()) for doc in in_toctrees if doc in env.titles]
    return _render.signature(
        [__version__, sphinx.__version__, builder.name, config_items, newest, toctrees, titles]
    )


def _stable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = [_stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    return type(value).__qualname__


def generate(
    app: Sphinx, site: Site, old: dict[str, str], *, unchanged: bool = False
) -> Iterator[tuple[str, dict[str, Any], str] | dict[str, str]]:
    """Yield ``(pagename, context, template)`` for each changed generated page.

    A page is yielded when its key differs from the manifest *old* or its file
    is missing. With *unchanged* (the build's inputs equal the last
    successful build's, see :meth:`.domain.BlogDomain.input_digest`), a page
    in *old* keeps its key without computing it. Collisions are warned about,
    stale pages deleted, and the last item yielded is the new manifest
    ``{pagename: key}``.
    """
    builder = app.builder
    for page, owner in site.collisions:
        logger.warning(
            __("%s is not generated at %r: %s already uses that name"),
            page.describe(),
            page.pagename,
            repr(owner) if owner in app.env.found_docs else owner,
            type=WARNING_TYPE,
            subtype=Subtype.COLLISION,
            location=owner if owner in app.env.found_docs else None,
        )
    for claim, owner in site.redirect_collisions:
        logger.warning(
            __("%s is not made: %s already uses that name"),
            _redirects.describe(claim),
            repr(owner) if owner in app.env.found_docs else owner,
            type=WARNING_TYPE,
            subtype=Subtype.COLLISION,
            location=(claim.post.docname, claim.post.line) if claim.post is not None else None,
        )
    base = ""
    manifest: dict[str, str] = {}
    site_url = base_url(app.config)
    for pagename, page in sorted(site.pages.items()):
        exists = Path(builder.get_outfilename(pagename)).exists()  # type: ignore[attr-defined]
        if unchanged and pagename in old and exists:
            manifest[pagename] = old[pagename]
            continue
        base = base or global_key(app)
        if page.family == _redirects.FAMILY:
            data = _redirects.data_of(site, page.key)
            key = _render.signature([base, data])
            manifest[pagename] = key
            if old.get(pagename) != key or not exists:
                context = _redirects.context_of(builder, pagename, data, site_url)
                yield (pagename, context, _redirects.TEMPLATE)
            continue
        data = site.data_of(page)
        key = _render.signature([base, data])
        manifest[pagename] = key
        if old.get(pagename) == key and exists:
            continue
        body = _render.render_html(
            builder, f"blogarchive/{_template_of(page)}", data, pagename, site
        )
        yield (
            pagename,
            {"title": _escape(data["title"]), "body": body, "blogarchive": data},
            TEMPLATE,
        )
    remove_stale(app, set(old) - set(manifest), current=set(manifest))
    yield manifest


def _template_of(page: GeneratedPage) -> str:
    if page.family == "archive":
        return "archive.html"
    return "index_page.html" if page.family in INDEX_KINDS else "term.html"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def remove_stale(app: Sphinx, stale: set[str], current: Iterable[str] = ()) -> None:
    """Delete the output of pages generated before and not now.

    Never a page the user owns now: a document (under either dirhtml name),
    an ``html_additional_pages`` entry, an ``html_extra_path`` file or one of
    Sphinx's own pages; nor the file of a page generated now (*current*):
    dirhtml writes ``blog`` and ``blog/index`` to the same file, so a change
    of ``blogarchive_url_layout`` renames the page but keeps its file.
    """
    builder = app.builder
    outdir = Path(app.outdir).resolve()
    taken = taken_names(app.env)
    # get_outfilename: a method of the HTML builders only (hence the ignores).
    kept = {Path(builder.get_outfilename(name)).resolve() for name in current}  # type: ignore[attr-defined]
    for pagename in sorted(stale):
        folded = pagename.casefold()
        if folded in taken or f"{folded}/index" in taken:
            continue
        if folded.endswith("/index") and folded.removesuffix("/index") in taken:
            continue
        path = Path(builder.get_outfilename(pagename))  # type: ignore[attr-defined]
        if path.resolve() in kept:
            continue
        remove_output_file(outdir, path)
