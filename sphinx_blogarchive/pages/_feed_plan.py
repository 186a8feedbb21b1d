"""Which feeds a build has, where they live, and which posts each holds.

Pure functions of the :class:`~._site.Site` (no builder, no base URL), so
the generated pages and the ``blog:archive`` listing can show links to the
feeds in their data, and :mod:`sphinx_blogarchive.feeds._write` writes exactly these files.

Layout, with the default ``blogarchive_paths``:

* the whole blog: ``blog/atom.xml``, ``blog/rss.xml``, ``blog/feed.json``
  (in the archive's folder, ``paths["archive"]``);
* a tag, category or author with a page: next to its page, the page's name
  plus ``.atom.xml``, ``.rss.xml``, ``.feed.json``
  (``blog/tag/python.atom.xml`` beside ``blog/tag/python.html``);
* in ABlog's URL layout, where ABlog put them: in a folder of the page's
  name (``blog/tag/python/atom.xml``), titled as ABlog titles them
  (``<blog title> - Posts tagged python``); years get feeds too when
  ``blogarchive_feed_taxonomies`` holds ``"year"`` (ABlog's
  ``blog_feed_archives``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx_blogarchive.model._post import Post
    from sphinx_blogarchive.pages._site import Site

_ = get_translation("sphinx_blogarchive")


@dataclass(frozen=True)
class FeedFormat:
    """A feed format: *name* in the config, *label* for readers, media type, file name.

    Media types: ``application/atom+xml`` (RFC 4287 section 7),
    ``application/rss+xml`` (the type feed readers expect for RSS 2.0, not
    registered with IANA) and ``application/feed+json`` (JSON Feed 1.1).
    """

    name: str
    label: str
    media_type: str
    filename: str


#: The formats, in the order links to them are shown.
FORMATS: dict[str, FeedFormat] = {
    "atom": FeedFormat("atom", "Atom", "application/atom+xml", "atom.xml"),
    "rss": FeedFormat("rss", "RSS", "application/rss+xml", "rss.xml"),
    "json": FeedFormat("json", "JSON Feed", "application/feed+json", "feed.json"),
}


@dataclass(frozen=True)
class Feed:
    """One feed of the blog, written once per configured format.

    *kind* is ``"blog"`` (every post) or a taxonomy kind (``"tag"``,
    ``"category"``, ``"author"``); *key* the term's key (empty for the blog);
    *title* plain text; *page* the page the feed belongs to (its
    ``alternate`` link; None when the blog has no archive page, then the
    root document is used); *stem* the output path before the format's file
    name (``"blog/"`` or ``"blog/tag/python."``); *posts* the docnames of
    its entries, newest first, at most ``blogarchive_feed_length``, never a
    draft, a scheduled or an undated post.
    """

    kind: str
    key: str
    title: str
    page: str | None
    stem: str
    posts: tuple[str, ...]

    def path(self, fmt: str) -> str:
        """Output path (``/``-separated, relative to the output folder) of format *fmt*."""
        return self.stem + FORMATS[fmt].filename


def _entries(site: Site, posts: Iterable[Post]) -> tuple[str, ...]:
    # Listed posts are neither scheduled nor undated; with
    # blogarchive_include_drafts drafts are listed too, but never fed.
    # Lazily: only the newest feed_length posts are looked at, so the blog's
    # feed (asked for on every page's <head>) costs O(feed_length), not O(N).
    fed = (p.docname for p in posts if not p.draft)
    return tuple(itertools.islice(fed, site.config.feed_length or None))


def formats(site: Site) -> list[str]:
    """The configured formats in display order, or [] when feeds are off."""
    if not site.config.feeds:
        return []
    return [name for name in FORMATS if name in site.config.feed_formats]


def blog_feed(site: Site) -> Feed | None:
    """The feed of the whole blog, or None when feeds are off."""
    if not formats(site):
        return None
    return Feed(
        kind="blog",
        key="",
        title=site.config.title,
        page=site.index_page("archive"),
        stem=f"{site.config.paths['archive']}/",
        posts=_entries(site, site.archive.listed),
    )


def term_feed(site: Site, kind: str, key: str) -> Feed | None:
    """The feed of the tag, category, author or year *key*, or None.

    None when feeds are off, *kind* is not in ``blogarchive_feed_taxonomies``,
    the term has no page (its family is not generated, or a page of the
    user's holds its name), or it has no post that is not a draft.
    """
    if not formats(site) or kind not in site.config.feed_taxonomies:
        return None
    if kind == "year":
        docnames = site.archive.years.get(int(key)) if key.isdigit() else None
        name, page = key, site.year_page(int(key)) if docnames else None
    else:
        term = site.archive.terms.get(kind, {}).get(key)
        docnames = term.posts if term is not None else None
        name = term.name if term is not None else ""
        page = site.term_page(kind, name) if term is not None else None
    if docnames is None or page is None or page not in site.pages:
        return None
    posts = _entries(site, (site.archive.posts[d] for d in docnames))
    if not posts:
        return None
    if site.config.url_layout == "ablog":
        title = f"{site.config.title} - {_ABLOG_HEADERS[kind]()} {name}"
        return Feed(kind=kind, key=key, title=title, page=page, stem=f"{page}/", posts=posts)
    title = f"{site.config.title}: {site.title_of(site.pages[page])}"
    return Feed(kind=kind, key=key, title=title, page=page, stem=f"{page}.", posts=posts)


#: ABlog's words before a term's name in its feeds' titles (``Posts tagged python``).
_ABLOG_HEADERS = {
    "tag": lambda: _("Posts tagged"),
    "category": lambda: _("Posts in"),
    "author": lambda: _("Posts by"),
    "year": lambda: _("Posted in"),
}


def plan(site: Site) -> list[Feed]:
    """Every feed of the build: the blog's, then each term's (by kind, then name)."""
    blog = blog_feed(site)
    if blog is None:
        return []
    feeds = [blog]
    for kind in site.config.feed_taxonomies:
        keys = [str(y) for y in site.archive.years] if kind == "year" else site.archive.terms[kind]
        for key in keys:
            if (feed := term_feed(site, kind, key)) is not None:
                feeds.append(feed)
    return feeds


def feeds_of_page(site: Site, pagename: str) -> list[Feed]:
    """The feeds that belong to page *pagename* (the archive's, or a term page's).

    Every page of a paginated listing has its listing's feeds.
    """
    page = site.pages.get(pagename)
    if pagename == site.index_page("archive") or (page is not None and page.family == "archive"):
        blog = blog_feed(site)
        return [blog] if blog is not None else []
    if page is None or page.family not in ("tag", "category", "author", "year"):
        return []
    feed = term_feed(site, page.family, page.key)
    return [feed] if feed is not None else []


def links_data(site: Site, pagename: str) -> dict[str, Any] | None:
    """JSON-able data of the visible feed links of *pagename*, or None.

    ``{"label": ..., "links": [{"name", "type", "title", "file"}]}``: *file*
    is the feed's output path; the renderer turns it into a relative
    ``url`` for builders that get the feeds.
    """
    feeds = feeds_of_page(site, pagename)
    if not feeds:
        return None
    links = [
        {
            "name": FORMATS[fmt].label,
            "type": FORMATS[fmt].media_type,
            "title": feed.title,
            "file": feed.path(fmt),
        }
        for feed in feeds
        for fmt in formats(site)
    ]
    return {"label": _("Subscribe"), "links": links}
