"""Feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the blog and for each term.

Feeds are on when ``html_baseurl`` is an absolute URL (``blogarchive_feeds
= None``, the default), off with ``False``; ``True`` without such a base URL
gives one ``blogarchive.feed`` warning and no feed. They are written at
``build-finished``, only when the build succeeded and only by the builders
of ``blogarchive_page_builders`` that write HTML (never epub or
singlehtml), from the domain's data, which is complete after reading: so
incremental and parallel builds give the same files as a fresh serial one.

* What feeds exist and where: :mod:`sphinx_blogarchive.pages._feed_plan` (the blog's in the
  archive folder, a term's next to its page).
* Each entry's id is the post's absolute URL; ``published`` is its date,
  ``updated`` its ``updated`` date (when later), both aware; the feed's
  ``updated`` is its newest entry's, or ``SOURCE_DATE_EPOCH`` (else the
  Unix epoch) for a feed without entries, never the build's clock.
* Content: the excerpt (else the subtitle), or with
  ``blogarchive_feed_content = "full"`` also the whole body; links and
  images in it are absolute (:mod:`._html`).
* A file is written only when its bytes change, and serialised only when
  its key (:class:`FeedFile`) changed or it is missing. The files written
  and their keys are recorded in ``.blogarchive-feeds.json`` in the output
  folder; a feed written before and not now (a tag that lost its last post)
  is deleted.
* Each HTML page links the blog's feeds in its ``<head>``
  (``<link rel="alternate">``), a term page its own feeds first; the
  archive and term pages also show them (see
  :func:`sphinx_blogarchive.pages._feed_plan.links_data`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import html
import json
import mimetypes
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, urljoin, urlsplit

from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.config._config import base_url
from sphinx_blogarchive.feeds._formats import (
    SERIALISERS,
    Category,
    Enclosure,
    EntryData,
    FeedData,
    Person,
)
from sphinx_blogarchive.feeds._html import absolutize, render_body
from sphinx_blogarchive.model._slugs import term_key
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _feed_plan
from sphinx_blogarchive.pages._links import excerpt_for
from sphinx_blogarchive.pages._output import (
    image_output_path,
    image_source,
    refused_link,
    remove_output_file,
    write_if_changed,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder

    from sphinx_blogarchive.config._config import BlogConfig
    from sphinx_blogarchive.model._post import Post
    from sphinx_blogarchive.pages._site import Site

logger = logging.getLogger(__name__)
#: The types of enclosures by file name: Python's own table, the same on every machine.
_MIME_TYPES = mimetypes.MimeTypes()
__ = get_translation("sphinx_blogarchive", "console")

#: The feeds written by the last successful build: ``{path: sha256}``.
MANIFEST = ".blogarchive-feeds.json"
#: Key of the manifest holding the build's input digest (no feed path looks like it).
INPUTS_KEY = "<inputs>"
#: The feeds' XSLT stylesheet in the output folder (from ``blogarchive/feed.xsl``).
STYLESHEET = "_static/blogarchive-feed.xsl"
#: The formats that can reference it (XML ones).
_STYLED = frozenset({"atom", "rss"})
#: Placeholder values of Sphinx's ``author`` (Sphinx 8+, Sphinx 7): not a name.
_UNSET_AUTHORS = frozenset({"", "Author name not set", "unknown"})
_URL_SAFE = "/#%?=&:;@+,~"


# --------------------------------------------------------------------------
# Who writes feeds


def builder_writes_feeds(builder: Builder, site: Site) -> bool:
    """True when *builder* is an allowed HTML builder and feeds are on."""
    return allowed(builder, config=site.config) and bool(_feed_plan.formats(site))


def allowed(builder: Builder, config: BlogConfig) -> bool:
    """True when *builder* may write feeds: an HTML builder of ``blogarchive_page_builders``."""
    # epub and singlehtml subclass the HTML builder: the name decides.
    return builder.format == "html" and builder.name in config.page_builders


# --------------------------------------------------------------------------
# URLs


class Urls:
    """Absolute URLs of pages and files for one builder.

    *base* is ``html_baseurl`` ending in ``/``. A page's URL follows the
    builder (``posts/a.html`` for html, ``posts/a/`` for dirhtml);
    non-ASCII characters are percent-encoded as UTF-8.
    """

    def __init__(self, builder: Builder, base: str) -> None:
        self.builder = builder
        self.base = base

    def page(self, pagename: str) -> str:
        """The absolute URL of page (or document) *pagename*."""
        return self.base + quote(self.builder.get_target_uri(pagename), safe=_URL_SAFE)

    def file(self, path: str) -> str:
        """The absolute URL of the output file *path* (``/``-separated)."""
        return self.base + quote(path, safe=_URL_SAFE)


def _language(app: Sphinx) -> str:
    """The feeds' language: Sphinx's ``language`` as a BCP 47 tag (``pt_BR`` -> ``pt-BR``)."""
    return str(app.config.language or "en").replace("_", "-")


def _feed_author(app: Sphinx, site: Site) -> Person:
    author = str(app.config.author or "").strip()
    return Person(author if author not in _UNSET_AUTHORS else site.config.title)


def _fallback_updated() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when valid, else the Unix epoch (for feeds without entries)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return dt.datetime.fromtimestamp(float(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return dt.datetime.fromtimestamp(0, tz=dt.UTC)


# --------------------------------------------------------------------------
# Building the data


class _Entries:
    """Builds each post's :class:`EntryData` once per build."""

    def __init__(self, app: Sphinx, site: Site, urls: Urls) -> None:
        self.app = app
        self.site = site
        self.urls = urls
        self.full = site.config.feed_content == "full"
        self._done: dict[str, EntryData] = {}
        self._text: dict[str, str] = {}

    def __call__(self, docname: str) -> EntryData:
        if docname not in self._done:
            self._done[docname] = self._entry(self.site.archive.posts[docname])
        return self._done[docname]

    def text(self, docname: str) -> str:
        """``repr()`` of the post's entry, for the feeds' keys (made once per build)."""
        if docname not in self._text:
            self._text[docname] = repr(self(docname))
        return self._text[docname]

    def _names(self, kind: str, names: tuple[str, ...]) -> list[str]:
        terms = self.site.archive.terms[kind]
        return [t.name if (t := terms.get(term_key(n))) is not None else n for n in names]

    def _image(self, post: Post, url: str) -> Enclosure | None:
        """*post*'s ``image`` as a file: absolute URL, size and type; None when there is none.

        A local image is the copy the listings use (``_images/blogarchive/...``,
        copied at the end of the build), of the size of its source; a web
        address has length 0 (unknown). The type comes from the file name
        (Python's own table, not the machine's), else
        ``application/octet-stream``. None for no image, a missing file or
        an address that is not ``http(s)``.
        """
        if not post.image:
            return None
        image = self.site.image_url(post)
        length = 0
        if image == image_output_path(post):
            srcdir = Path(self.app.srcdir).resolve()
            source = (srcdir / image_source(post)).resolve()
            if srcdir not in source.parents or not source.is_file():
                return None
            image, length = self.urls.file(image), source.stat().st_size
        else:
            image = urljoin(url, image)
            if urlsplit(image).scheme not in ("http", "https"):
                return None
        kind = _MIME_TYPES.guess_type(urlsplit(image).path, strict=False)[0]
        return Enclosure(image, length, kind or "application/octet-stream")

    def _entry(self, post: Post) -> EntryData:
        assert post.date is not None  # fed posts are listed, so dated
        url = self.urls.page(post.docname)
        published = post.date.value
        updated = max(published, post.updated.value) if post.updated else published
        # Links made relative to the post's page, then absolute (below).
        summary_html = excerpt_for(post.excerpt_html, self.app.builder, post.docname, self.site)
        if not summary_html and post.subtitle:
            summary_html = f"<p>{html.escape(post.subtitle, quote=False)}</p>"
        content_html = render_body(self.app, post.docname) if self.full else ""
        authors = []
        for name in self._names("author", post.authors):
            page = self.site.term_page("author", name)
            authors.append(Person(name, self.urls.page(page) if page else ""))
        categories = [
            Category(name, self.urls.file(f"{self.site.config.paths[kind]}/"))
            for kind, attr in (("tag", "tags"), ("category", "categories"))
            for name in self._names(kind, getattr(post, attr))
        ]
        enclosure = self._image(post, url)
        return EntryData(
            id=url,
            url=url,
            title=post.title,
            published=published,
            updated=updated,
            summary_html=absolutize(summary_html, url),
            content_html=absolutize(content_html, url),
            summary_text=post.excerpt or post.subtitle,
            authors=tuple(authors),
            categories=tuple(categories),
            image=enclosure.url if enclosure is not None else "",
            enclosure=enclosure,
        )


@dataclasses.dataclass(frozen=True)
class FeedFile:
    """One feed file of the build, not yet serialised.

    *path* is its output path (from the output root, ``/``-separated);
    *fmt* a key of :data:`~._formats.SERIALISERS` (``"atom"``,
    ``"rss"``, ``"json"``); *data* what it shows; *key* the hex SHA-256 of
    the *base* key given to :func:`feed_files`, *fmt* and *data*: equal keys
    give equal bytes, so a file whose key is the one recorded for it need
    not be serialised again.
    """

    path: str
    fmt: str
    key: str
    data: FeedData

    def render(self) -> bytes:
        """The file's bytes (Atom 1.0, RSS 2.0 or JSON Feed 1.1, UTF-8)."""
        return SERIALISERS[self.fmt](self.data)


def feed_files(app: Sphinx, site: Site, base: str = "") -> list[FeedFile]:
    """Every feed file of this build, in every format, as :class:`FeedFile`.

    *base* (:func:`sphinx_blogarchive.pages._generated.global_key`: versions, configuration,
    templates)
    joins each file's key. Empty when feeds are off or *app*'s builder does
    not write them.
    """
    root_url = base_url(app.config)
    if not root_url or not builder_writes_feeds(app.builder, site):
        return []
    from sphinx_blogarchive._version import __version__

    urls = Urls(app.builder, root_url)
    entries = _Entries(app, site, urls)
    language = _language(app)
    author = _feed_author(app, site)
    root = app.config.root_doc
    files: list[FeedFile] = []
    for feed in _feed_plan.plan(site):
        items = tuple(entries(docname) for docname in feed.posts)
        shown = "".join(entries.text(docname) for docname in feed.posts)
        updated = max((e.updated for e in items), default=None) or _fallback_updated()
        home = urls.page(feed.page if feed.page is not None else root)
        for fmt in _feed_plan.formats(site):
            data = FeedData(
                title=feed.title,
                subtitle=site.config.description,
                self_url=urls.file(feed.path(fmt)),
                home_url=home,
                language=language,
                updated=updated,
                author=author,
                generator=("sphinx-blogarchive", __version__),
                entries=items,
                stylesheet=_stylesheet_href(site, feed.path(fmt), fmt),
                # ABlog's id of every feed, kept in its layout (readers know the feed by it).
                feed_id=root_url if site.config.url_layout == "ablog" else "",
            )
            # repr() of these frozen dataclasses of str, tuples and aware
            # datetimes is stable; the entries' are made once per post.
            head = repr(dataclasses.replace(data, entries=()))
            key = hashlib.sha256(f"{base}\0{fmt}\0{head}\0{shown}".encode()).hexdigest()
            files.append(FeedFile(feed.path(fmt), fmt, key, data))
    return files


def _stylesheet_href(site: Site, path: str, fmt: str) -> str:
    """The URL of :data:`STYLESHEET` relative to the feed file *path*, or "" (none)."""
    if not site.config.feed_stylesheet or fmt not in _STYLED:
        return ""
    return posixpath.relpath(STYLESHEET, posixpath.dirname(path) or ".")


def write_stylesheet(app: Sphinx, site: Site) -> None:
    """Write :data:`STYLESHEET` from the template ``blogarchive/feed.xsl`` (when changed).

    Rendered with the builder's templates, so a project overrides it by file
    name, with the translated words of :func:`sphinx_blogarchive.pages._labels.labels`. Nothing when
    the stylesheet is off or no Atom or RSS feed is written.
    """
    if not site.config.feed_stylesheet or not _STYLED & set(_feed_plan.formats(site)):
        return
    from sphinx_blogarchive.pages._labels import site_labels

    templates = cast("StandaloneHTMLBuilder", app.builder).templates
    text = templates.render("blogarchive/feed.xsl", {"labels": site_labels(site)})
    write_if_changed(Path(app.outdir, STYLESHEET), text.strip().encode("utf-8") + b"\n")


# --------------------------------------------------------------------------
# Writing


def read_manifest(outdir: Path) -> dict[str, str]:
    """``{path: key}`` of the feeds of the last successful build, or {} (see :class:`FeedFile`).

    The build's input digest, under :data:`INPUTS_KEY`, is left out (see
    :func:`read_inputs`).
    """
    data = _read_manifest_file(outdir)
    return {k: v for k, v in data.items() if k != INPUTS_KEY}


def read_inputs(outdir: Path) -> str:
    """The input digest recorded with the feeds of the last successful build, or ""."""
    return _read_manifest_file(outdir).get(INPUTS_KEY, "")


def _read_manifest_file(outdir: Path) -> dict[str, str]:
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def extra_files(app: Sphinx) -> set[str]:
    """Output paths of the files ``html_extra_path`` copies (the user's, never ours)."""
    found: set[str] = set()
    for extra in getattr(app.config, "html_extra_path", []) or []:
        root = Path(app.srcdir, extra)
        if root.is_dir():
            found |= {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        elif root.is_file():
            found.add(root.name)
    return found


def write_feeds(app: Sphinx, files: list[FeedFile]) -> dict[str, str]:
    """Write *files* under the output folder, each only when it changed.

    A file whose key is the one the last manifest records, and which is
    there, is neither serialised nor read; another is serialised and
    written only when its bytes differ from the file's. Deletes the feeds of
    the previous manifest that are not in *files*, and returns the new
    manifest ``{path: key}``. A path that a file of ``html_extra_path``
    holds is left to it, with a ``blogarchive.collision`` warning.
    """
    outdir = Path(app.outdir).resolve()
    old = read_manifest(outdir)
    extra = extra_files(app)
    manifest: dict[str, str] = {}
    folders: dict[Path, Path | None] = {}  # output folders checked for links
    for feed in sorted(files, key=lambda f: f.path):
        path = feed.path
        if refused_link(outdir, outdir / path, folders):
            continue
        target = (outdir / path).resolve()
        if outdir not in target.parents:
            continue
        if path in extra:
            logger.warning(
                __("the feed %r is not written: a file of html_extra_path has that name"),
                path,
                type=WARNING_TYPE,
                subtype=Subtype.COLLISION,
            )
            continue
        manifest[path] = feed.key
        if old.get(path) == feed.key and target.is_file():
            continue
        data = feed.render()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    suffixes = tuple(info.filename for info in _feed_plan.FORMATS.values())
    for path in sorted(set(old) - set(manifest) - extra):
        if path.endswith(suffixes):  # only a feed: a record may have been changed by hand
            remove_output_file(outdir, outdir / path)
    return manifest


def write_manifest(outdir: Path, manifest: dict[str, str]) -> None:
    """Write the feeds' *manifest* ``{path: key}`` (see :func:`read_manifest`); none: remove it.

    A manifest that cannot be written (a folder of its name) gives one
    ``blogarchive.collision`` warning.
    """
    path = outdir / MANIFEST
    if not manifest:
        if path.is_file():
            path.unlink()
        return
    text = json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False)
    try:
        write_if_changed(path, text.encode("utf-8"), root=outdir)
    except OSError as error:
        logger.warning(
            __("the record of the feeds is not written: %s"),
            error,
            type=WARNING_TYPE,
            subtype=Subtype.COLLISION,
        )


# --------------------------------------------------------------------------
# Links in pages


def page_links(app: Sphinx, site: Site, pagename: str, context: dict[str, Any]) -> None:
    """Add ``<link rel="alternate">`` for the page's own feeds and the blog's.

    To the ``metatags`` of *context*, the template context of *pagename*
    (``html-page-context``); nothing when feeds are off or *app*'s builder
    does not write them.
    """
    base = base_url(app.config)
    if not base or not builder_writes_feeds(app.builder, site):
        return
    feeds = _feed_plan.feeds_of_page(site, pagename)
    blog = _feed_plan.blog_feed(site)
    if blog is not None and blog not in feeds:
        feeds.append(blog)
    urls = Urls(app.builder, base)
    tags = []
    for feed in feeds:
        for fmt in _feed_plan.formats(site):
            info = _feed_plan.FORMATS[fmt]
            title = f"{feed.title} ({info.label})"
            tags.append(
                f'<link rel="alternate" type="{info.media_type}" '
                f'title="{html.escape(title, quote=True)}" '
                f'href="{html.escape(urls.file(feed.path(fmt)), quote=True)}" />'
            )
    context["metatags"] = str(context.get("metatags", "")) + "".join(f"\n    {tag}" for tag in tags)
