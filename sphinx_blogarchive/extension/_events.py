"""Event handlers that tie the domain, the pages and the builders together."""

from __future__ import annotations

import contextlib
import html
import queue
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.errors import ExtensionError, NoUri
from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.extension.domain import get_domain, warn_missing_reference
from sphinx_blogarchive.model import _authors
from sphinx_blogarchive.model._excerpt import MATH_CLASS
from sphinx_blogarchive.model._post import Status
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _generated as pages
from sphinx_blogarchive.pages import _links, _seo, _widgets

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_blogarchive.pages._page import GeneratedPage
    from sphinx_blogarchive.pages._site import Site

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
    domain.registry = _authors.Registry(authors)
    domain.registry_dir = str(confdir)
    domain.clear_derived()


def on_builder_inited(app: Sphinx) -> None:
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
        pages.write_if_changed(static / name, source, root=Path(app.outdir))


def on_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Note which documents this build reads (full-content feeds depend on them)."""
    get_domain(env).docs_read = frozenset(docnames)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Return the pages whose blog content changed, so Sphinx rewrites them.

    When the build's :meth:`~.domain.BlogDomain.input_digest` equals the
    one recorded by the last successful build, nothing the blog derives can
    have changed and no signature is computed. Also returns the root
    document when a generated page recorded in the output folder has lost
    its file, so that the build goes on to the writing phase (Sphinx 7 stops
    early when no document changed) and the page is made again.
    """
    domain = get_domain(env)
    domain.warn_each_build()
    record = pages.read_record(Path(app.outdir))
    domain.pending_base = pages.global_key(app)
    digest = domain.input_digest(domain.pending_base)
    domain.pending_digest = digest
    domain.inputs_unchanged = record.digest == digest
    if domain.inputs_unchanged:
        domain.pending_documents = dict(record.documents)
        changed = []
    else:
        changed = domain.outdated_pages(record)
        if not changed and not domain.docs_read and sphinx.version_info < (8,):
            # Sphinx 7 skips the writing phase (and html-collect-pages) when
            # no document is outdated, as after a template override is
            # removed; the root document takes the build there.
            changed.append(env.config.root_doc)
    if domain.docs_read:  # the bodies full-content listings show may have changed
        changed.extend(d for d in domain.full_content_pages() if d not in changed)
    # get_outfilename: a method of the HTML builders (not of Builder, hence the
    # ignore), the only way to know where a page lands (html vs dirhtml).
    if _links.links_pages(app.builder, domain.site) and any(
        not Path(app.builder.get_outfilename(name)).exists()  # type: ignore[attr-defined]
        for name in record.pages
        if name in domain.site.pages
    ):
        changed.append(env.config.root_doc)
    return changed


def on_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the generated pages that changed."""
    domain = get_domain(app.env)
    site = domain.site
    if not _links.links_pages(app.builder, site):
        return
    record = pages.read_record(Path(app.outdir))
    old = record.pages
    unchanged = domain.inputs_unchanged
    touched = None if unchanged else domain.touched_listings(record)
    kept = set() if unchanged else domain.kept_pages(record)
    if _widgets.targets_moved(app):  # the sidebar widgets link elsewhere: render all
        old = dict.fromkeys(old, "")
        unchanged = False
        touched = None
        kept = set()
    jobs: list[pages.PageJob] = []
    base = domain.pending_base or pages.global_key(app)
    for item in pages.generate(
        app, site, old, base, unchanged=unchanged, touched=touched, kept=kept
    ):
        if isinstance(item, dict):
            domain.pending_manifest = item
        else:
            jobs.append(item)
    if pages.write_in_parallel(app, site, jobs):
        return
    for job in jobs:
        yield pages.render(app, site, job)


def on_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """On post pages: previous/next in date order; ``noindex`` when not listed."""
    domain = get_domain(app.env)
    page = domain.site.pages.get(pagename)
    if page is not None and page.of > 1:
        _pagination_links(app, page, context)
    if pagename not in domain.posts:
        return
    archive = domain.archive
    post = domain.posts[pagename]
    if post.draft or not archive.is_listed(pagename):
        metatags = str(context.get("metatags", ""))
        context["metatags"] = metatags + '\n    <meta name="robots" content="noindex" />'
    if archive.is_listed(pagename):
        older, newer = archive.neighbours(pagename)
        for key, other in (("prev", older), ("next", newer)):
            if other is None:
                context[key] = None
            else:
                link = app.builder.get_relative_uri(pagename, other.docname)
                context[key] = {"link": link, "title": html.escape(other.title)}
    else:
        context["prev"] = context["next"] = None


def _pagination_links(app: Sphinx, page: GeneratedPage, context: dict[str, Any]) -> None:
    """Newer/older pages of a paginated listing as the theme's prev/next links."""
    data = context.get("blogarchive")
    pagination = data.get("pagination") if isinstance(data, dict) else None
    if not pagination:
        return
    for key, side, label in (
        ("prev", "newer", _("Newer posts")),
        ("next", "older", _("Older posts")),
    ):
        target = pagination.get(side)
        if target:
            link = app.builder.get_relative_uri(page.pagename, target["page"])
            context[key] = {"link": link, "title": html.escape(label)}
        else:
            context[key] = None


def _copy_images(app: Sphinx, site: Site, *, only_missing: bool = False) -> None:
    """Copy the local images of listed posts to where listings point (if changed).

    With *only_missing*, copy only those whose copy is missing.
    """
    srcdir = Path(app.srcdir).resolve()
    outdir = Path(app.outdir)
    for post in site.archive.listed:
        if not post.image or site.image_url(post) != pages.image_output_path(post):
            continue
        target = outdir / pages.image_output_path(post)
        if only_missing and target.is_file():
            continue
        source = (srcdir / pages.image_source(post)).resolve()
        if srcdir not in source.parents or not source.is_file():
            continue  # reported when the post was read
        pages.write_if_changed(target, source.read_bytes(), root=outdir)


def _copy_avatars(app: Sphinx, site: Site, *, only_missing: bool = False) -> None:
    """Copy the local avatars of the authors registry to their output paths (if changed)."""
    domain = get_domain(app.env)
    confdir = Path(domain.registry_dir or app.srcdir)
    outdir = Path(app.outdir)
    for author in site.registry.authors.values():
        if not author.local_avatar:
            continue
        target = outdir / author.avatar_output_path()
        if only_missing and target.is_file():
            continue
        source = confdir / author.avatar
        if source.is_file():  # checked on loading; gone since: nothing to copy
            pages.write_if_changed(target, source.read_bytes())


def keeps_record(app: Sphinx) -> bool:
    """True when the output folder may hold the record of the last build.

    Not the EPUB builder's: it packs every file of its folder into the book
    and warns about one it cannot type, such as ``.blogarchive.json``.
    Without a record, each EPUB build rewrites the pages showing posts
    (it packs every page anew anyway).
    """
    return not isinstance(app.builder, Epub3Builder)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """Write the pages' manifest and one summary line, if the build succeeded."""
    if exception is not None:
        return
    domain = get_domain(app.env)
    outdir = Path(app.outdir)
    if (
        outdir.is_dir()
        and keeps_record(app)
        and (domain.pending_manifest is not None or domain.pending_documents is not None)
    ):
        old = pages.read_record(outdir)
        posts, listed = domain.record_of_posts()
        pages.write_record(
            outdir,
            pages.Record(
                pages=old.pages if domain.pending_manifest is None else domain.pending_manifest,
                documents=(
                    old.documents if domain.pending_documents is None else domain.pending_documents
                ),
                digest=domain.pending_digest or "",
                structure=domain.pending_structure,
                posts=posts,
                listed=listed,
            ),
        )
    site = domain.site
    if _links.links_pages(app.builder, site) and outdir.is_dir():
        unchanged = domain.inputs_unchanged
        index_path = outdir / site.index_json_path()
        script_path = outdir / site.index_script_path()
        if not (unchanged and index_path.is_file() and script_path.is_file()):
            index = site.index_json(app.builder)
            pages.write_if_changed(index_path, index.encode("utf-8", "replace"), root=outdir)
            script = site.index_script(index).encode("utf-8", "replace")
            pages.write_if_changed(script_path, script, root=outdir)
        _copy_images(app, site, only_missing=unchanged)
    if app.builder.format == "html" and outdir.is_dir():
        _copy_avatars(app, site, only_missing=domain.inputs_unchanged)
    archive = domain.archive
    for post in domain.scheduled_posts():
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


def on_page_math(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """``html-page-context`` (before ``sphinx.ext.mathjax``): MathJax where an excerpt has math.

    A listing shows the math of its posts' excerpts (MathJax's markup, see
    :data:`sphinx_blogarchive.model._excerpt.MATH_CLASS`); the page holding it has no math node of
    its
    own, so Sphinx would not load MathJax there. The page is marked as
    having math the way Sphinx reads it: ``has_maths_elements`` in the
    context (Sphinx 8.1 and later), the math domain's ``has_equations``
    (before).
    """
    body = context.get("body")
    if not isinstance(body, str) or f'class="{MATH_CLASS}"' not in body:
        return
    context["has_maths_elements"] = True
    try:
        data = getattr(app.env.get_domain("math"), "data", None)
    except ExtensionError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("has_equations"), dict):
        data["has_equations"][pagename] = True


def setup_events(app: Sphinx) -> None:
    """Connect the handlers of this module."""
    app.connect("builder-inited", load_authors)
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-before-read-docs", on_before_read_docs)
    app.connect("env-updated", on_env_updated)
    app.connect("html-collect-pages", on_collect_pages)
    app.connect("html-page-context", on_page_context)
    app.connect("html-page-context", on_page_math, priority=400)
    app.connect("build-finished", on_build_finished)
    # Before sphinx-sitemap writes sitemap.xml (its handler has the default priority, 500).
    app.connect("build-finished", drop_unlisted_from_sitemap, priority=400)
    app.connect("warn-missing-reference", warn_missing_reference)
    _widgets.setup_widgets(app)
    _seo.setup_seo(app)
