"""Where every blog page lives in one build (:class:`Site`), and what it shows.

The :class:`Site` knows the generated pages (planned by :mod:`._plan`), the
pages of terms, years and months, the JSON index of the posts, and the data
each generated page shows (its title, posts and pagination); the page model
and the pagination arithmetic are :mod:`._page`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.i18n import format_date

from sphinx_blogarchive.config._values import DEFAULT_DATE_FORMAT
from sphinx_blogarchive.model._authors import Registry
from sphinx_blogarchive.model._control import clean_data
from sphinx_blogarchive.model._dates import PostDate
from sphinx_blogarchive.model._listing import INDEX_KINDS, ListingSpec, select
from sphinx_blogarchive.model._post_metadata import is_url
from sphinx_blogarchive.model._slugs import term_key
from sphinx_blogarchive.pages import _data, _feed_plan, _labels, _redirects
from sphinx_blogarchive.pages._output import image_output_path
from sphinx_blogarchive.pages._page import (
    INDEXES,
    GeneratedPage,
    index_name,
    is_series_index,
    page_slice,
    pagination_data,
)
from sphinx_blogarchive.pages._plan import plan

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from sphinx_blogarchive.config._config import BlogConfig
    from sphinx_blogarchive.model._archive import Archive
    from sphinx_blogarchive.model._post import Post

logger = logging.getLogger(__name__)
_ = get_translation("sphinx_blogarchive")
__ = get_translation("sphinx_blogarchive", "console")


def display_date_format(fmt: str) -> str:
    """The date pattern to show dates with: *fmt*, or, when it is the default, its translation.

    The default ``blogarchive_date_format`` is the English pattern
    ``"%b %-d, %Y"``; a catalog of the project's language gives its own
    (German: ``"%-d. %B %Y"`` -> "9. März 2026"). A pattern the user sets is
    used as it is.
    """
    if fmt != DEFAULT_DATE_FORMAT:
        return fmt
    # Translators: the strftime pattern of dates ("Mar 9, 2026"): %b is the
    # month's short name, %B its full name, %-d the day without a leading zero,
    # %Y the year. Put them in your language's order.
    return _("%b %-d, %Y")


class Site:
    """Where every blog page lives in one build, and what it shows.

    Built from the :class:`~sphinx_blogarchive.model._archive.Archive`, the
    :class:`~sphinx_blogarchive.config._config.BlogConfig`,
    the documents that hold an archive or index directive (*index_docs*:
    ``{"archive" | "tags" | ...: docname}``), *taken*, the casefolded names
    of pages the user wrote, and *in_toctree*, the documents the root
    document's toctrees reach (the content of a single-page build), and the
    authors *registry*. A
    generated page whose name is taken is not made (the user's page wins)
    and is listed in :attr:`collisions` as ``(page, owner)``. An index whose
    family has no terms is not made. With *folder_aliases* (the default),
    ``a`` and ``a/index`` are one name (dirhtml writes both to
    ``a/index.html``); without, they are two (the html builder in ABlog's
    layout).
    """

    def __init__(
        self,
        archive: Archive,
        config: BlogConfig,
        *,
        now: dt.datetime,
        language: str | None,
        index_docs: dict[str, str],
        taken: dict[str, str],
        in_toctree: frozenset[str] = frozenset(),
        registry: Registry | None = None,
        folder_aliases: bool = True,
    ) -> None:
        self.archive = archive
        #: The authors registry (:class:`~sphinx_blogarchive.model._authors.Registry`).
        self.registry = registry if registry is not None else Registry({})
        self.folder_aliases = folder_aliases
        self.config = config
        self.now = now
        self.language = language
        self.index_docs = index_docs
        self.in_toctree = in_toctree
        self.pages: dict[str, GeneratedPage] = {}
        self.collisions: list[tuple[GeneratedPage, str]] = []
        #: Redirects not made: ``(claim, owner of the name)``.
        self.redirect_collisions: list[tuple[_redirects.Claim, str]] = []
        self._term_pages: dict[tuple[str, str], str] = {}
        self._date_texts: dict[PostDate, str] = {}
        self._listing_posts: dict[tuple[str, str], list[Post]] = {}
        #: ``{(docname, fields, image): entry}`` of :func:`._data.entry_data`.
        self.entry_cache: dict[tuple[str, tuple[str, ...], bool], dict[str, Any]] = {}
        #: The templates' translated words (:func:`._labels.site_labels`), once per build.
        self.labels: dict[str, str] | None = None
        #: ``{docname or page: percent-encoded target URI, or None}`` (see ``_links._Links``).
        self.uri_cache: dict[str, str | None] = {}
        plan(self, dict(taken))

    def index_name(self, kind: str) -> str:
        """The name of the archive's first page (*kind* ``"archive"``) or of *kind*'s index.

        *kind* is a key of ``blogarchive_paths``. In the ``folders`` layout
        the page is ``<folder>/index`` (``blog/index``, ``blog/tag/index``); in
        the ``ablog`` layout it is the folder's own name (``blog``,
        ``blog/tag``), so the html builder writes ``blog.html`` and
        ``blog/tag.html`` as ABlog does.
        """
        return index_name(self.config, kind)

    def per_page(self, family: str) -> int:
        """Posts per page of a *family*'s listing pages; 0 = all on one page."""
        if family == "archive" and self.config.archive_on_one_page:
            return 0
        return self.config.posts_per_page

    # -- lookups -------------------------------------------------------------

    def links_to(self, builder: Builder, docname: str) -> bool:
        """True when *builder*'s output has a page for document *docname*.

        Only singlehtml lacks some: it holds just the documents the root
        toctree reaches.
        """
        return builder.name != "singlehtml" or docname in self.in_toctree

    @property
    def term_pages(self) -> dict[tuple[str, str], str]:
        """``{(family, term key): first page's name}`` of every term, year and month page."""
        return self._term_pages

    def term_page(self, kind: str, name: str) -> str | None:
        """The page of the tag/category/author *name* (any spelling), or None."""
        return self._term_pages.get((kind, term_key(name)))

    def year_page(self, year: int) -> str | None:
        """The page of *year*, or None."""
        return self._term_pages.get(("year", str(year)))

    def index_json_path(self) -> str:
        """Output path (from the output root) of the JSON index of the posts."""
        return f"{self.config.paths['archive']}/posts.json"

    def index_script_path(self) -> str:
        """Output path of the script form of the JSON index: ``posts.js`` beside ``posts.json``.

        A page opened from the disk (``file://``) cannot fetch the JSON file,
        but it can load a script: ``blogarchive.js`` loads this one, only when
        a widget or a filter needs the data, and only where the fetch fails.
        Pages name the JSON file only, so a new post rewrites these two files
        and no page.
        """
        return posixpath.splitext(self.index_json_path())[0] + ".js"

    def index_json(self, builder: Builder) -> str:
        """The JSON index of the listed posts that the browser tools read.

        A list, newest first, of ``{"title", "subtitle", "url", "date",
        "date_text", "tags": [{"name", "url"}], "authors", "categories",
        "excerpt"}`` (and ``"series"``, its name, for a post in one); URLs
        are relative to the JSON file, text is plain (the browser inserts it
        as text). Sorted keys, so equal data gives equal bytes;
        one post a line (each line encoded by :mod:`json`'s C encoder, which
        an *indent* would turn off: a third of the time at 2000 posts).
        """
        folder = posixpath.dirname(self.index_json_path())
        depth = len(folder.split("/")) if folder else 0
        up = "../" * depth

        def url(target: str) -> str:
            return up + quote(builder.get_target_uri(target), safe="/#%?=&:;@+,~")

        # A term's entry is the same in every post naming it (one spelling):
        # made once (a popular tag is named by a post in two).
        entries: dict[tuple[str, str], dict[str, str]] = {}

        def names(kind: str, values: tuple[str, ...]) -> list[dict[str, str]]:
            result = []
            for value in values:
                if (entry := entries.get((kind, value))) is None:
                    page = self.term_page(kind, value)
                    term = self.archive.terms[kind].get(term_key(value))
                    entry = {"name": term.name if term else value, "url": url(page) if page else ""}
                    entries[kind, value] = entry
                result.append(entry)
            return result

        items = (
            {
                "title": post.title,
                "subtitle": post.subtitle,
                "url": url(post.docname),
                "date": post.date.iso() if post.date else "",
                "date_text": self.date_text(post.date) if post.date else "",
                "tags": names("tag", post.tags),
                "categories": names("category", post.categories),
                "authors": names("author", post.authors),
                "excerpt": post.excerpt,
                **({"series": self.series_name(post)} if post.series else {}),
            }
            for post in self.archive.listed
        )
        lines = ",\n".join(
            json.dumps(clean_data(item), ensure_ascii=False, sort_keys=True) for item in items
        )
        return f"[\n{lines}\n]\n" if lines else "[]\n"

    @staticmethod
    def index_script(index_json: str) -> str:
        """The script form of *index_json* (the text of :meth:`index_json`).

        It sets ``window.blogarchivePosts`` to the same list (JSON is a
        JavaScript expression), which ``blogarchive.js`` reads once loaded.
        """
        return f"window.blogarchivePosts = {index_json.rstrip()};\n"

    def series_name(self, post: Post) -> str:
        """The display name of *post*'s series (its one spelling across the series)."""
        term = self.archive.terms["series"].get(term_key(post.series))
        return term.name if term is not None else post.series

    def month_page(self, month: str) -> str | None:
        """The page of *month* (``YYYY-MM``), or None."""
        return self._term_pages.get(("month", month))

    def month_text(self, month: str) -> str:
        """*month* (``YYYY-MM``) for display, e.g. ``March 2024`` (in the language)."""
        year, number = (int(part) for part in month.split("-"))
        value = dt.datetime(year, number, 1, tzinfo=dt.UTC)
        # Translators: a strftime pattern for a month heading ("March 2024");
        # %B is the month's name, %Y the year.
        pattern = _("%B %Y")
        return format_date(pattern, date=value, language=self.language or "en")

    def image_url(self, post: Post) -> str:
        """The image of *post*: a URL as given, or its output path.

        A local image's output path is relative to the output root (see
        :func:`image_output_path`).
        """
        image = post.image
        if is_url(image):
            return image
        return image_output_path(post)

    def index_page(self, which: str) -> str | None:
        """The page of the archive (``"archive"``) or of an index (``"tags"``, ...).

        A document holding its directive, else the generated page, else None.
        """
        if which in self.index_docs:
            return self.index_docs[which]
        kind = "archive" if which == "archive" else INDEXES[which]
        name = self.index_name(kind)
        return name if name in self.pages else None

    def date_text(self, value: PostDate) -> str:
        """The display text of *value* (cached for the build)."""
        if value not in self._date_texts:
            self._date_texts[value] = _labels.date_text(
                value, display_date_format(self.config.date_format), self.language
            )
        return self._date_texts[value]

    # -- page data -----------------------------------------------------------

    def title_of_index(self, which: str) -> str:
        """The title of the archive (``"archive"``) or of an index (``"tags"``, ...)."""
        if which == "archive":
            return self.config.title or _("Archive")
        return {
            "tags": _("Tags"),
            "categories": _("Categories"),
            "authors": _("Authors"),
            "years": _("Years"),
        }[which]

    def title_of(self, page: GeneratedPage) -> str:
        """The (plain text) title of a generated page (with its number when paginated)."""
        title = self._base_title(page)
        if page.stable and not page.first:
            # Not "of": a stable page shows nothing that a new post changes.
            title = _("%(title)s (page %(number)d)") % {"title": title, "number": page.number}
        elif not page.stable and page.number > 1:
            title = _("%(title)s (page %(number)d of %(of)d)") % {
                "title": title,
                "number": page.number,
                "of": page.of,
            }
        return title

    def _base_title(self, page: GeneratedPage) -> str:
        if page.family == "archive" or page.family in INDEX_KINDS:
            return self.title_of_index(page.family)
        if page.family == "year":
            return _("Posts from %s") % page.key
        if page.family == "month":
            return _("Posts from %s") % self.month_text(page.key)
        if page.family == "series" and not page.key:
            return _("Series")
        term = self.archive.terms.get(page.family, {}).get(page.key)
        if term is None:  # a redirect: its title is its target's (see _redirects.data_of)
            return page.key
        return {
            "tag": _("Posts tagged “%s”"),
            "category": _("Posts in category “%s”"),
            "author": _("Posts by %s"),
            "series": _("Series “%s”"),
        }[page.family] % term.name

    def posts_of_page(self, page: GeneratedPage) -> list[Post]:
        """All posts of *page*'s listing (every page of it), in archive order.

        Computed once per listing and build: every page of a paginated
        listing asks for the same list (else N/10 archive pages would each
        select from all N posts, O(N²) per build).
        """
        # The one-page archive lists what the archive does.
        key = (page.family, "" if page.family == "archive" else page.key)
        if key not in self._listing_posts:
            self._listing_posts[key] = self._select_posts(page)
        return self._listing_posts[key]

    def shown_on(self, page: GeneratedPage) -> list[Post]:
        """The posts *page* itself shows (its slice of a paginated listing), in order."""
        posts = self.posts_of_page(page)
        if page.of > 1:
            start, stop = page_slice(page, len(posts), self.per_page(page.family))
            return posts[start:stop]
        return posts

    def pinned_on(self, page: GeneratedPage) -> list[Post]:
        """The pinned posts *page* shows first: on the archive's and a tag's first page.

        In archive order. They keep their date place in the listing too, so
        pinning a post changes no page but the first.
        """
        if not page.first or page.family not in ("archive", "tag"):
            return []
        pinned = self.archive.pinned
        if page.family == "tag":
            members = {post.docname for post in self.posts_of_page(page)}
            pinned = tuple(name for name in pinned if name in members)
        return self.archive.posts_of(pinned)

    def _select_posts(self, page: GeneratedPage) -> list[Post]:
        if page.family == "archive":
            return select(self.archive, ListingSpec(kind="archive"))
        if page.family == "year":
            docnames: tuple[str, ...] = self.archive.years[int(page.key)]
        elif page.family == "month":
            docnames = tuple(
                p.docname
                for p in self.archive.listed
                if p.date is not None and p.date.value.date().isoformat()[:7] == page.key
            )
        else:
            docnames = self.archive.terms[page.family][page.key].posts
        return self.archive.posts_of(docnames)

    def data_of(self, page: GeneratedPage) -> dict[str, Any]:
        """The JSON-able data a generated page shows."""
        data: dict[str, Any] = {"family": page.family, "title": self.title_of(page)}
        if page.family in INDEX_KINDS or is_series_index(page):
            data["index"] = _data.index_data(page.family, self)
            data["archive_page"] = self.index_page("archive")
            return data
        if page.first:  # how many posts: a stable page's key leaves it out
            data["count"] = len(self.posts_of_page(page))
        posts = self.shown_on(page)
        if page.of > 1:
            data["pagination"] = self._pagination(page)
        if page.family == "archive":
            data["description"] = self.config.description
            group_by = "year"
        elif page.family == "year" and self.config.archive_by_month:
            group_by = "month"
        else:
            group_by = "none"
        data["listing"] = _data.listing_data(
            posts,
            group_by,
            self,
            archive=page.family == "archive",
            pinned=self.pinned_on(page),
            ordered=page.family == "series",
        )
        if page.family != "archive":
            data["listing"]["scope"] = self.scope_of(page)
        if page.family == "author" and page.first:
            name = self.archive.terms["author"][page.key].name
            if (profile := _data.author_data(name, self)) is not None:
                data["author"] = profile
        data["archive_page"] = self.index_page("archive")
        # Visible links to the page's feeds (the archive's, a term's).
        if "listing" in data and (feeds := _feed_plan.links_data(self, page.pagename)):
            data["listing"]["feeds"] = feeds
        return data

    def scope_of(self, page: GeneratedPage) -> dict[str, str]:
        """What a term page lists, for the browser tools: ``{"kind", "name"}``.

        *kind* is the family (``tag``, ``category``, ``author``, ``series``,
        ``year``, ``month``) and *name* the term's display name as the JSON index
        writes it, or the year (``2024``) or month (``2024-03``).
        """
        if page.family in ("year", "month"):
            return {"kind": page.family, "name": page.key}
        return {"kind": page.family, "name": self.archive.terms[page.family][page.key].name}

    def _pagination(self, page: GeneratedPage) -> dict[str, Any]:
        """The links of paginated *page* (see :func:`._page.pagination_data`)."""
        base = self._term_pages.get((page.family, page.key)) or self.index_name("archive")
        return pagination_data(page, base)
