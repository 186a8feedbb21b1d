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
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.config._config import base_url
from sphinx_blogarchive.model._listing import INDEX_KINDS
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _data, _redirects, _render
from sphinx_blogarchive.pages._output import refused_link, remove_output_file, taken_names
from sphinx_blogarchive.pages._page import GeneratedPage, is_series_index
from sphinx_blogarchive.pages._site import Site

if TYPE_CHECKING:
    from sphinx.application import Sphinx


logger = logging.getLogger(__name__)
_ = get_translation("sphinx_blogarchive")
__ = get_translation("sphinx_blogarchive", "console")

TEMPLATE = "blogarchive/page.html"
#: Fewer changed generated pages than this are written serially (forking
#: worker processes would cost more than it saves).
MIN_PARALLEL_PAGES = 100
#: The fewest pages a worker process writes.
CHUNK_PAGES = 40


# --------------------------------------------------------------------------
# html-collect-pages


def global_key(app: Sphinx) -> str:
    """Hash what every generated page depends on besides its data.

    That is: versions, the configuration, the builder, the template files
    (:func:`_templates_key`), and the site navigation the theme shows (the
    toctrees, the titles of the documents they include, and the tables of
    contents of those and of the documents holding toctrees: section titles
    and anchors, captions, entry titles), so a generated page never keeps a
    sidebar that links a removed or renamed document or section.
    """
    from sphinx_blogarchive._version import __version__

    builder = app.builder
    config_items = sorted(
        (item.name, _stable(item.value)) for item in app.config.filter(frozenset({"html", "env"}))
    )
    templates = _templates_key(builder)
    env = app.env
    toctrees = sorted((doc, list(children)) for doc, children in env.toctree_includes.items())
    in_toctrees = sorted({child for _, children in toctrees for child in children})
    titles = [(doc, env.titles[doc].astext()) for doc in in_toctrees if doc in env.titles]
    # Each document's table of contents as the theme shows it: section titles
    # and anchors, toctree captions and entry titles.
    navigation = sorted(set(in_toctrees) | env.toctree_includes.keys())
    tocs = [(doc, env.tocs[doc].pformat()) for doc in navigation if doc in env.tocs]
    return _data.signature(
        [
            __version__,
            sphinx.__version__,
            builder.name,
            config_items,
            templates,
            toctrees,
            titles,
            tocs,
        ]
    )


def _templates_key(builder: Any) -> list[Any]:
    """Every template file the builder can load: folder, name, size, mtime (ns).

    The newest modification time alone (what Sphinx compares for its own
    pages) misses an override deleted or renamed while a newer one stays,
    or one copied in with an old time. The template folders are the
    loader's ``pathchain`` (the user's ``templates_path`` first, then the
    theme's); no public API lists them, so it is read defensively, with
    Sphinx's ``newest_template_mtime`` as the fallback.
    """
    templates = getattr(builder, "templates", None)
    folders = getattr(templates, "pathchain", None)
    if not isinstance(folders, list | tuple):
        newest = getattr(templates, "newest_template_mtime", None)
        return [newest()] if callable(newest) else []
    found: list[Any] = []
    for index, folder in enumerate(folders):
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                rel = path.relative_to(root).as_posix()
                found.append([index, rel, stat.st_size, stat.st_mtime_ns])
    return found


def _stable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = [_stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    return type(value).__qualname__


@dataclass(frozen=True)
class PageJob:
    """A generated page to write, made into a page by :func:`render`.

    *pagename* and *page* name it; *data* is :meth:`Site.data_of` (for a
    redirect, its redirect data) and *context*, for a redirect only, its
    finished template context.
    """

    pagename: str
    page: GeneratedPage
    data: dict[str, Any]
    context: dict[str, Any] | None = None


def generate(
    app: Sphinx,
    site: Site,
    old: dict[str, str],
    base: str,
    *,
    unchanged: bool = False,
    touched: set[tuple[str, str]] | None = None,
    kept: Set[str] = frozenset(),
) -> Iterator[PageJob | dict[str, str]]:
    """Yield a :class:`PageJob` for each changed generated page.

    A page's key hashes *base* (:func:`global_key`, computed once per build)
    and its data. A page is yielded when its key differs from the manifest
    *old* or its file is missing. With *unchanged* (the build's inputs equal the last
    successful build's, see :attr:`sphinx_blogarchive.record._changes.Changes.digest`), a
    page
    in *old* keeps its key without computing it; so does a listing page not
    in *touched* (``{(family, key)}``, see
    :meth:`sphinx_blogarchive.record._changes.Changes.touched_listings`; None: all are), and a
    page
    of *kept* (see :meth:`sphinx_blogarchive.record._changes.Changes.kept_pages`). Index pages
    and redirects are always keyed. Collisions are warned about,
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
    manifest: dict[str, str] = {}
    site_url = base_url(app.config)
    outdir = Path(app.outdir)
    folders: dict[Path, Path | None] = {}  # output folders checked for links
    for pagename, page in sorted(site.pages.items()):
        outfile = Path(builder.get_outfilename(pagename))  # type: ignore[attr-defined]
        if refused_link(outdir, outfile, folders):
            if pagename in old:  # kept in the record: not removed through the link either
                manifest[pagename] = old[pagename]
            continue
        exists = outfile.exists()
        if (
            pagename in old
            and exists
            and (unchanged or pagename in kept or _untouched(page, touched))
        ):
            manifest[pagename] = old[pagename]
            continue
        if page.family == _redirects.FAMILY:
            data = _redirects.data_of(site, page.key)
            key = _data.signature([base, data])
            manifest[pagename] = key
            if old.get(pagename) != key or not exists:
                context = _redirects.context_of(builder, pagename, data, site_url)
                yield PageJob(pagename, page, data, context)
            continue
        data = site.data_of(page)
        key = _data.signature([base, data])
        manifest[pagename] = key
        if old.get(pagename) == key and exists:
            continue
        yield PageJob(pagename, page, data)
    remove_stale(app, set(old) - set(manifest), current=set(manifest))
    yield manifest


def _untouched(page: GeneratedPage, touched: set[tuple[str, str]] | None) -> bool:
    """True when listing *page* is in none of the *touched* listings."""
    if touched is None or page.family in INDEX_KINDS or page.family == _redirects.FAMILY:
        return False
    if is_series_index(page):  # every series' name and count
        return not any(family == "series" for family, _ in touched)
    if page.family == "archive":  # the archive, paginated or on one page
        return ("archive", "") not in touched
    return (page.family, page.key) not in touched


def render(app: Sphinx, site: Site, job: PageJob) -> tuple[str, dict[str, Any], str]:
    """``(pagename, context, template)`` of *job*, for ``html-collect-pages``."""
    if job.context is not None:
        return job.pagename, job.context, _redirects.TEMPLATE
    template = f"blogarchive/{_template_of(job.page)}"
    body = _render.render_html(app.builder, template, job.data, job.pagename, site)
    context = {"title": _escape(job.data["title"]), "body": body, "blogarchive": job.data}
    return job.pagename, context, TEMPLATE


def write_in_parallel(app: Sphinx, site: Site, jobs: list[PageJob]) -> bool:
    """Render and write *jobs* in forked processes, as Sphinx writes documents with ``-j``.

    Sphinx renders the pages of ``html-collect-pages`` one by one in the main
    process after the parallel write, so with many generated pages they are
    the serial tail of a ``-j N`` build. When the builder writes in parallel
    (``builder.parallel_ok``: ``-j N`` and every extension parallel-write
    safe), the pages are split into chunks, each written by a forked process
    through the builder's own ``handle_page`` (warnings come back to the main
    process). Returns False, having written nothing, when the builder does not
    write in parallel; the caller then yields the pages to Sphinx.
    """
    # Builder.parallel_ok and sphinx.util.parallel are what Sphinx's own
    # parallel write uses; there is no documented API for writing extra pages
    # in parallel, so both are read defensively and any doubt means serial.
    builder = app.builder
    nproc = int(getattr(app, "parallel", 1) or 1)
    if not getattr(builder, "parallel_ok", False) or nproc < 2 or len(jobs) < MIN_PARALLEL_PAGES:
        return False
    try:
        from sphinx.util.parallel import ParallelTasks, parallel_available
    except ImportError:
        return False
    if not parallel_available:
        return False

    def write_chunk(chunk: list[PageJob]) -> None:
        for job in chunk:
            builder.handle_page(*render(app, site, job))  # type: ignore[attr-defined]

    tasks = ParallelTasks(nproc)
    # Up to four chunks per process (an even load), none under CHUNK_PAGES
    # pages (a fork of a large process costs about as much as a few pages).
    size = max(CHUNK_PAGES, -(-len(jobs) // (nproc * 4)))
    for start in range(0, len(jobs), size):
        tasks.add_task(write_chunk, jobs[start : start + size])
    tasks.join()
    return True


def _template_of(page: GeneratedPage) -> str:
    if page.family == "archive":
        return "archive.html"
    index = page.family in INDEX_KINDS or is_series_index(page)
    return "index_page.html" if index else "term.html"


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
    if not stale:
        return
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
