"""Event handlers that tie the domain, the pages, the feeds and the record together.

The state they share is one :class:`~sphinx_blogarchive.record._state.BuildState`,
made on ``builder-inited`` (:func:`new_build_state`) as ``domain.build``;
what changed since the last successful build is a
:class:`~sphinx_blogarchive.record._changes.Changes`, made on ``env-updated``.
The ``html-page-context`` handlers are in :mod:`._page_context`, the feeds'
in :mod:`._feeds`.
"""

from __future__ import annotations

import contextlib
import os
import queue
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.extension import _consistency, _feeds, _page_context
from sphinx_blogarchive.extension.domain import get_domain, warn_missing_reference
from sphinx_blogarchive.model import _authors
from sphinx_blogarchive.model._post import Status
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _generated as pages
from sphinx_blogarchive.pages import _links, _widgets
from sphinx_blogarchive.pages._output import image_output_path, image_source, write_if_changed
from sphinx_blogarchive.pages._site import Site
from sphinx_blogarchive.record._changes import Changes
from sphinx_blogarchive.record._record import Record, read_record, write_record
from sphinx_blogarchive.record._state import BuildState

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_blogarchive.extension.domain import BlogDomain

logger = logging.getLogger(__name__)
_ = get_translation("sphinx_blogarchive")
__ = get_translation("sphinx_blogarchive", "console")

STATIC_DIR = Path(__file__).parent.parent / "static"
CSS_FILE = "blogarchive.css"
#: The reader tools (filter, order, tag chips, sidebar widgets); no dependencies.
JS_FILE = "blogarchive.js"


def load_authors(app: Sphinx) -> None:
    """Load the authors registry (``authors.yml``, ``blogarchive_authors``), once per build.

    Each problem is a ``blogarchive.authors`` warning, located at its line
    of ``authors.yml`` when it has one; the entry or field is left out.
    """
    domain = get_domain(app.env)
    confdir = Path(app.confdir or app.srcdir)
    authors, problems = _authors.load(confdir, domain.config.authors)
    for problem in problems:
        where = problem.source if problem.line is None else f"{problem.source}:{problem.line}"
        logger.warning(
            __("authors registry: %s"),
            problem.message,
            type=WARNING_TYPE,
            subtype=Subtype.AUTHORS,
            location=where,
        )
    domain.build.registry = _authors.Registry(authors)
    domain.build.registry_dir = str(confdir)
    domain.clear_derived()


def new_build_state(app: Sphinx) -> None:
    """``builder-inited``, before any other handler (priority 100): this build's state.

    The :class:`~sphinx_blogarchive.record._state.BuildState` of the build,
    ``domain.build``, which the handlers of this and the later events fill
    in and read.
    """
    get_domain(app.env).build = BuildState()


def on_builder_inited(app: Sphinx) -> None:
    """``builder-inited``: the authors, the static files, the feeds' check.

    Loads the authors registry (:func:`load_authors`), writes the static
    files (:func:`add_static_files`) and warns when feeds are asked for
    without a base URL (:func:`._feeds.check_base_url`).
    """
    load_authors(app)
    add_static_files(app)
    _feeds.check_base_url(app)


def add_static_files(app: Sphinx) -> None:
    """Add the stylesheet for every builder that writes HTML; the script for page builders."""
    builder = app.builder
    if builder.format != "html":
        return
    app.add_css_file(CSS_FILE)
    files = [CSS_FILE]
    if builder.name in get_domain(app.env).config.page_builders:
        app.add_js_file(JS_FILE, loading_method="defer")
        files.append(JS_FILE)
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    for name in files:
        source = (STATIC_DIR / name).read_bytes()
        write_if_changed(static / name, source, root=Path(app.outdir))


def on_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Note which documents this build reads (full-content feeds depend on them)."""
    get_domain(env).build.docs_read = frozenset(docnames)


#: Set in a scheduled post's metadata next to the ``nosearch`` the extension added.
_SCHEDULED_NOSEARCH = "blogarchive-scheduled-nosearch"


def _hide_scheduled_posts(env: BuildEnvironment, domain: BlogDomain) -> None:
    """Keep scheduled posts out of Sphinx's search index until their date.

    Drafts and unlisted posts get ``nosearch`` when read; a scheduled post's
    status changes with the build's "now" and not with its source, so its
    ``nosearch`` is set and lifted here, on every build. A post that comes
    due is written again (its status is in its token), and Sphinx then
    indexes its words. A ``nosearch`` the author set is left alone.
    """
    now = domain.now
    for docname, post in domain.posts.items():
        metadata = env.metadata.get(docname)
        if metadata is None:
            continue
        if post.date is not None and post.date.value > now:
            if "nosearch" not in metadata:
                metadata["nosearch"] = True
                metadata[_SCHEDULED_NOSEARCH] = True
        elif metadata.pop(_SCHEDULED_NOSEARCH, None):
            metadata.pop("nosearch", None)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Return the pages whose blog content changed, so Sphinx rewrites them.

    When the build's input digest (:attr:`.Changes.digest`) equals the one
    recorded by the last successful build, nothing the blog derives can
    have changed and no signature is computed. Also returns the root
    document when a generated page recorded in the output folder has lost
    its file, so that the build goes on to the writing phase (Sphinx 7 stops
    early when no document changed) and the page is made again.
    """
    domain = get_domain(env)
    _consistency.warn_each_build(domain)
    _hide_scheduled_posts(env, domain)
    state = domain.build
    record = read_record(Path(app.outdir))
    state.base = pages.global_key(app)
    changes = state.changes = Changes(domain, record, state.base)
    state.structure = changes.structure
    digest = state.digest = changes.digest
    state.inputs_unchanged = record.digest == digest
    if state.inputs_unchanged:
        state.documents = dict(record.documents)
        changed: list[str] = []
    else:
        state.documents, changed = changes.outdated_pages()
        if not changed and not state.docs_read and sphinx.version_info < (8,):
            # Sphinx 7 skips the writing phase (and html-collect-pages) when
            # no document is outdated, as after a template override is
            # removed; the root document takes the build there.
            changed.append(env.config.root_doc)
    if state.docs_read:  # the bodies full-content listings show may have changed
        changed.extend(d for d in changes.full_content_pages() if d not in changed)
    # get_outfilename: a method of the HTML builders (not of Builder, hence the
    # ignore), the only way to know where a page lands (html vs dirhtml).
    if _links.links_pages(app.builder, domain.site) and any(
        not os.path.exists(app.builder.get_outfilename(name))  # type: ignore[attr-defined]
        for name in record.pages
        if name in domain.site.pages
    ):
        changed.append(env.config.root_doc)
    return changed


def _widgets_moved(app: Sphinx, site: Site) -> tuple[bool, str]:
    """(whether the widgets' link targets differ from the last successful build's, their key).

    The key is kept in the output folder's record (see :class:`.Record`),
    under :data:`sphinx_blogarchive.pages._widgets.RECORD_KEY`, like the documents' signatures: per
    builder, and written only when a build succeeds. No record (a new output
    folder): not moved, every page is written anyway.
    """
    key = _widgets.targets_key(site)
    written = read_record(Path(app.outdir)).documents.get(_widgets.RECORD_KEY)
    return written is not None and written != key, key


def on_env_updated_widgets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: every document, when the sidebar widgets' link targets moved.

    Runs after :func:`on_env_updated` (priority 600), which has set the
    documents' signatures to record at the end of the build; the key joins them.
    """
    domain = get_domain(env)
    if not _links.links_pages(app.builder, domain.site):
        return []
    moved, key = _widgets_moved(app, domain.site)
    if domain.build.documents is not None:
        domain.build.documents[_widgets.RECORD_KEY] = key
    return sorted(env.found_docs) if moved else []


def on_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the generated pages that changed."""
    domain = get_domain(app.env)
    site = domain.site
    if not _links.links_pages(app.builder, site):
        return
    state = domain.build
    record = read_record(Path(app.outdir))
    old = record.pages
    unchanged = state.inputs_unchanged
    base = state.base or pages.global_key(app)
    changes = state.changes or Changes(domain, record, base)
    touched = None if unchanged else changes.touched_listings()
    kept = set() if unchanged else changes.kept_pages()
    if _widgets_moved(app, site)[0]:  # the sidebar widgets link elsewhere: render all
        old = dict.fromkeys(old, "")
        unchanged = False
        touched = None
        kept = set()
    jobs: list[pages.PageJob] = []
    for item in pages.generate(
        app, site, old, base, unchanged=unchanged, touched=touched, kept=kept
    ):
        if isinstance(item, dict):
            state.manifest = item
        else:
            jobs.append(item)
    if pages.write_in_parallel(app, site, jobs):
        return
    for job in jobs:
        yield pages.render(app, site, job)


def _copy_images(app: Sphinx, site: Site, *, only_missing: bool = False) -> None:
    """Copy the local images of listed posts to where listings point (if changed).

    With *only_missing*, copy only those whose copy is missing.
    """
    srcdir = Path(app.srcdir).resolve()
    outdir = Path(app.outdir)
    for post in site.archive.listed:
        if not post.image or site.image_url(post) != image_output_path(post):
            continue
        target = outdir / image_output_path(post)
        if only_missing and target.is_file():
            continue
        source = (srcdir / image_source(post)).resolve()
        if srcdir not in source.parents or not source.is_file():
            continue  # reported when the post was read
        write_if_changed(target, source.read_bytes(), root=outdir)


def _copy_avatars(app: Sphinx, site: Site, *, only_missing: bool = False) -> None:
    """Copy the local avatars of the authors registry to their output paths (if changed)."""
    domain = get_domain(app.env)
    confdir = Path(domain.build.registry_dir or app.srcdir)
    outdir = Path(app.outdir)
    for author in site.registry.authors.values():
        if not author.local_avatar:
            continue
        target = outdir / author.avatar_output_path()
        if only_missing and target.is_file():
            continue
        source = confdir / author.avatar
        if source.is_file():  # checked on loading; gone since: nothing to copy
            write_if_changed(target, source.read_bytes())


def keeps_record(app: Sphinx) -> bool:
    """True when the output folder may hold the record of the last build.

    Not the EPUB builder's: it packs every file of its folder into the book
    and warns about one it cannot type, such as ``.blogarchive.json``.
    Without a record, each EPUB build rewrites the pages showing posts
    (it packs every page anew anyway).
    """
    return not isinstance(app.builder, Epub3Builder)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, if the build succeeded: the record, the index, images, feeds.

    Writes the output record, the JSON index and the copies of images and
    avatars, gives one summary line (:func:`write_outputs`), then writes the
    feeds (:func:`._feeds.write`).
    """
    if exception is not None:
        return
    write_outputs(app)
    _feeds.write(app)


def write_outputs(app: Sphinx) -> None:
    """Write the pages' record, the JSON index and the images; one summary line."""
    domain = get_domain(app.env)
    state = domain.build
    outdir = Path(app.outdir)
    if (
        outdir.is_dir()
        and keeps_record(app)
        and (state.manifest is not None or state.documents is not None)
    ):
        old = read_record(outdir)
        changes = state.changes or Changes(domain, Record(), "")
        posts, listed = changes.record_of_posts()
        write_record(
            outdir,
            Record(
                pages=old.pages if state.manifest is None else state.manifest,
                documents=old.documents if state.documents is None else state.documents,
                digest=state.digest or "",
                structure=state.structure,
                posts=posts,
                listed=listed,
            ),
        )
    site = domain.site
    if _links.links_pages(app.builder, site) and outdir.is_dir():
        unchanged = state.inputs_unchanged
        index_path = outdir / site.index_json_path()
        script_path = outdir / site.index_script_path()
        if not (unchanged and index_path.is_file() and script_path.is_file()):
            index = site.index_json(app.builder)
            write_if_changed(index_path, index.encode("utf-8", "replace"), root=outdir)
            script = site.index_script(index).encode("utf-8", "replace")
            write_if_changed(script_path, script, root=outdir)
        _copy_images(app, site, only_missing=unchanged)
    if app.builder.format == "html" and outdir.is_dir():
        _copy_avatars(app, site, only_missing=state.inputs_unchanged)
    archive = domain.archive
    for post in _consistency.scheduled_posts(domain):
        assert post.date is not None
        # The words of metadata.scheduled_message, which the check command prints.
        logger.info(
            __("blogarchive: scheduled post, dated %s: not listed until then"),
            post.date.iso(),
            location=(post.docname, post.line),
        )
    hidden = archive.hidden
    summary = __("blogarchive: listed %d; drafts %d, scheduled %d, undated %d; no metadata %d") % (
        len(archive.listed),
        len(hidden[Status.DRAFT]),
        len(hidden[Status.FUTURE]),
        len(hidden[Status.UNDATED]),
        len(domain.plain_pages),
    )
    if unlisted := len(hidden[Status.UNLISTED]):
        summary += __("; unlisted %d") % unlisted
    logger.info(summary)


def drop_unlisted_from_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Take the pages of unlisted posts out of sphinx-sitemap's list (``build-finished``).

    sphinx-sitemap collects every page written, as ``html-page-context``
    passes, into a queue (``app.sitemap_links``: ``(link, last modified)``
    pairs, the link a page's path as its ``sitemap.xml`` shows it) that it
    reads on ``build-finished``. This runs before it and puts back all but
    the links of unlisted posts. No public API names the queue, so it is
    read defensively: without one (another version, or no sphinx-sitemap),
    nothing happens.
    """
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None:
        return
    domain = get_domain(app.env)
    unlisted = domain.archive.hidden[Status.UNLISTED]
    if not unlisted or not hasattr(links, "get_nowait"):
        return
    builder = app.builder
    suffix = app.config.html_file_suffix or ".html"
    hidden: set[str] = set()
    for docname in unlisted:
        hidden.add(f"{docname}{suffix}")
        hidden.add(docname.removesuffix("index") if docname.endswith("/index") else f"{docname}/")
        with contextlib.suppress(NoUri):
            hidden.add(builder.get_target_uri(docname))
    kept = []
    while True:
        try:
            item = links.get_nowait()
        except queue.Empty:
            break
        if not (isinstance(item, tuple) and item and item[0] in hidden):
            kept.append(item)
    for item in kept:
        links.put(item)


def setup_events(app: Sphinx) -> None:
    """Connect the handlers of this module and of :mod:`._page_context`."""
    app.connect("builder-inited", new_build_state, priority=100)
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-before-read-docs", on_before_read_docs)
    app.connect("env-updated", on_env_updated)
    app.connect("env-updated", on_env_updated_widgets, priority=600)
    app.connect("html-collect-pages", on_collect_pages)
    _page_context.setup_page_context(app)
    app.connect("build-finished", on_build_finished)
    # Before sphinx-sitemap writes sitemap.xml (its handler has the default priority, 500).
    app.connect("build-finished", drop_unlisted_from_sitemap, priority=400)
    app.connect("warn-missing-reference", warn_missing_reference)
