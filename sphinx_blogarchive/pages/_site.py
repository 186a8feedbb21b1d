"""Where every blog page lives in one build (:class:`Site`), and what it shows.

Part of :mod:`._generated`, which re-exports these names.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.i18n import format_date

from sphinx_blogarchive.config._config import DEFAULT_DATE_FORMAT
from sphinx_blogarchive.model._authors import Registry
from sphinx_blogarchive.model._control import clean_data
from sphinx_blogarchive.model._listing import INDEX_KINDS, ListingSpec, select
from sphinx_blogarchive.model.metadata import PostDate, is_url, term_key
from sphinx_blogarchive.pages import _feed_plan, _redirects, _render
from sphinx_blogarchive.pages._output import image_output_path

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from sphinx_blogarchive.config._config import BlogConfig
    from sphinx_blogarchive.model._archive import Archive, Post

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


#: Family of an index page -> (taxonomy kind, family of its term pages).
_INDEXES = {"tags": "tag", "categories": "category", "authors": "author", "years": "year"}

#: The key of ABlog's ``<archive folder>/archive`` page (``blogarchive_url_layout
#: = "ablog"``): the archive again, on one page, grouped by year.
ONE_PAGE = "one-page"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the extension makes: *pagename*, *family* and the term *key*.

    *family* is ``archive``, an index (``tags``, ``categories``, ``authors``,
    ``years``) or a term page (``tag``, ``category``, ``author``, ``year``,
    ``month``, ``series``); *key* is the term key, the year or ``YYYY-MM``,
    empty for index pages (the index of the series is family ``series``
    without a key) and the archive (:data:`ONE_PAGE` for ABlog's one-page
    archive). A paginated listing is pages *number* 1..*of*; all but the
    first (:attr:`first`) are named ``<base>/page/<number>``. With *stable*
    pagination (``blogarchive_pagination = "stable"``) the numbers count
    blocks from the oldest post and the first page is number *of*, the
    newest block with the posts that do not fill a block yet; else
    (``"newest"``) they count from the newest post and the first page is 1.
    """

    pagename: str
    family: str
    key: str = ""
    number: int = 1
    of: int = 1
    stable: bool = False

    @property
    def first(self) -> bool:
        """True for the listing's first page (its own name, the newest posts)."""
        return self.number == (self.of if self.stable else 1)

    def describe(self) -> str:
        """The page in words, for messages: ``the archive``, ``the page of tag 'x'``."""
        if self.family == _redirects.FAMILY:
            return f"the redirect from {self.pagename!r} to {self.key!r}"
        if self.family == "archive":
            return "the archive on one page" if self.key == ONE_PAGE else "the archive"
        if self.family in INDEX_KINDS or (self.family == "series" and not self.key):
            return f"the {self.family} index"
        what = f"the page of {self.family} {self.key!r}"
        return what if self.first else f"page {self.number} of {what}"


def index_name(config: BlogConfig, kind: str) -> str:
    """The generated page of the archive (*kind* ``"archive"``) or of *kind*'s index.

    See :meth:`Site.index_name`.
    """
    folder = config.paths[kind]
    return folder if config.url_layout == "ablog" else f"{folder}/index"


def at_index_name(config: BlogConfig, which: str, docname: str) -> bool:
    """True when *docname* is at the name of the generated page of *which*.

    *which* is ``"archive"`` or a key of :data:`INDEX_KINDS` (``"tags"``...);
    ``x`` and ``x/index`` count as one name, compared without regard to case.
    """
    kind = "archive" if which == "archive" else _INDEXES[which]
    name = index_name(config, kind).casefold().removesuffix("/index")
    return docname.casefold().removesuffix("/index") == name


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
        #: ``{(docname, fields, image): entry}`` of :func:`._render.entry_data`.
        self.entry_cache: dict[tuple[str, tuple[str, ...], bool], dict[str, Any]] = {}
        #: The templates' translated words (:func:`._render.site_labels`), once per build.
        self.labels: dict[str, str] | None = None
        #: ``{docname or page: percent-encoded target URI, or None}`` (see ``_render._Links``).
        self.uri_cache: dict[str, str | None] = {}
        self._plan(dict(taken))

    def _add(self, page: GeneratedPage, taken: dict[str, str]) -> str | None:
        """Plan *page* unless its name is the user's or another generated page's."""
        name = page.pagename
        folded = name.casefold()
        owner = self._owner(folded, taken)
        if owner is not None:
            self.collisions.append((page, owner))
            return None
        self.pages[name] = page
        # Later generated pages may not take this name either (dirhtml aliases).
        generated = page.describe()
        taken[folded] = generated
        taken.setdefault(f"{folded}/index", generated)
        return name

    def _owner(self, folded: str, taken: dict[str, str]) -> str | None:
        """Who holds the casefolded page name *folded* (or its dirhtml alias), or None."""
        owner = taken.get(folded)
        if owner is not None or not self.folder_aliases:
            return owner
        owner = taken.get(f"{folded}/index")
        if owner is None and folded.endswith("/index"):
            owner = taken.get(folded[: -len("/index")])
        return owner

    def index_name(self, kind: str) -> str:
        """The name of the archive's first page (*kind* ``"archive"``) or of *kind*'s index.

        *kind* is a key of ``blogarchive_paths``. In the ``folders`` layout
        the page is ``<folder>/index`` (``blog/index``, ``blog/tag/index``); in
        the ``ablog`` layout it is the folder's own name (``blog``,
        ``blog/tag``), so the html builder writes ``blog.html`` and
        ``blog/tag.html`` as ABlog does.
        """
        return index_name(self.config, kind)

    def _plan(self, taken: dict[str, str]) -> None:
        cfg, paths = self.config, self.config.paths
        archive_name = self.index_name("archive")
        if "archive" in cfg.pages and "archive" not in self.index_docs:
            self._add_listing(archive_name, "archive", "", len(self.archive.listed), taken)
        if "archive" in cfg.pages and cfg.url_layout == "ablog":
            # ABlog's blog/archive: every post, grouped by year, on one page.
            self._add(GeneratedPage(f"{paths['archive']}/archive", "archive", ONE_PAGE), taken)
        for which, kind in _INDEXES.items():
            if which not in cfg.pages:
                continue
            empty = not (self.archive.years if kind == "year" else self.archive.terms[kind])
            # Years in the archive's folder (ABlog's layout): the archive is their index.
            shared = (
                kind == "year" and self.index_name(kind) == archive_name and "archive" in cfg.pages
            )
            if which not in self.index_docs and not empty and not shared:
                self._add(GeneratedPage(self.index_name(kind), which), taken)
            if kind == "year":
                for year, docnames in self.archive.years.items():
                    base = f"{paths[kind]}/{year}"
                    self._add_listing(base, kind, str(year), len(docnames), taken)
                if cfg.archive_by_month:
                    for month, count in self._months().items():
                        base = f"{paths[kind]}/{month.replace('-', '/')}"
                        self._add_listing(base, "month", month, count, taken)
                continue
            for term in self.archive.terms[kind].values():
                base = f"{paths[kind]}/{term.slug}"
                self._add_listing(base, kind, term.key, len(term.posts), taken)
        if "series" in cfg.pages and self.archive.terms["series"]:
            # The index of the series (key ""); a series is shown whole, in
            # its order, on one page.
            self._add(GeneratedPage(self.index_name("series"), "series"), taken)
            for term in self.archive.terms["series"].values():
                page = GeneratedPage(f"{paths['series']}/{term.slug}", "series", term.key)
                if (name := self._add(page, taken)) is not None:
                    self._term_pages[("series", term.key)] = name
        self._plan_redirects(taken)

    def _plan_redirects(self, taken: dict[str, str]) -> None:
        """Plan a redirect page for each former name no page holds (see :mod:`._redirects`)."""
        for claim in _redirects.claims(self):
            folded = claim.pagename.casefold()
            owner = self._owner(folded, taken)
            if owner is not None:
                self.redirect_collisions.append((claim, owner))
                continue
            self.pages[claim.pagename] = GeneratedPage(
                claim.pagename, _redirects.FAMILY, claim.target
            )
            taken[folded] = _redirects.describe(claim)
            taken.setdefault(f"{folded}/index", taken[folded])

    def _months(self) -> dict[str, int]:
        months: dict[str, int] = {}
        for post in self.archive.listed:
            if post.date is not None:
                month = post.date.value.date().isoformat()[:7]
                months[month] = months.get(month, 0) + 1
        return months

    def per_page(self, family: str) -> int:
        """Posts per page of a *family*'s listing pages; 0 = all on one page."""
        if family == "archive" and self.config.archive_on_one_page:
            return 0
        return self.config.posts_per_page

    def _add_listing(
        self, base: str, family: str, key: str, count: int, taken: dict[str, str]
    ) -> None:
        """Plan the pages of one listing of *count* posts (several when paginated).

        The first page is the listing's name *base*; the others are
        ``<base>/page/<number>``, numbered as :func:`page_count` says.
        """
        per_page = self.per_page(family)
        stable = self.config.pagination == "stable"
        pages = page_count(count, per_page, stable=stable)
        numbers = range(1, pages) if stable else range(2, pages + 1)
        top = pages if stable else 1
        first = self._add(GeneratedPage(base, family, key, top, pages, stable), taken)
        if first is None:
            return
        if family != "archive":
            self._term_pages[(family, key)] = first
        for number in numbers:
            self._add(
                GeneratedPage(page_name(base, number), family, key, number, pages, stable), taken
            )

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

        def names(kind: str, values: tuple[str, ...]) -> list[dict[str, str]]:
            result = []
            for value in values:
                page = self.term_page(kind, value)
                term = self.archive.terms[kind].get(term_key(value))
                result.append(
                    {"name": term.name if term else value, "url": url(page) if page else ""}
                )
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
        kind = "archive" if which == "archive" else _INDEXES[which]
        name = self.index_name(kind)
        return name if name in self.pages else None

    def date_text(self, value: PostDate) -> str:
        """The display text of *value* (cached for the build)."""
        if value not in self._date_texts:
            self._date_texts[value] = _render.date_text(
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
            data["index"] = _render.index_data(page.family, self)
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
        data["listing"] = _render.listing_data(
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
            if (profile := _render.author_data(name, self)) is not None:
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
        """The links of a paginated page: its number, its neighbours, numbered pages.

        With stable pagination, only what no new post changes: the newest
        (first) page, the next newer page (the first page from the newest
        block below it), and the page numbers from this one down to the
        oldest page, within :data:`PAGE_WINDOW` (never the newer numbers,
        which grow as posts come); the first page shows its own number too.
        """
        base = self._term_pages.get((page.family, page.key)) or self.index_name("archive")
        if page.stable:
            return self._stable_pagination(page, base)

        def name(number: int) -> str:
            return base if number == 1 else page_name(base, number)

        return {
            "number": page.number,
            "of": page.of,
            "pages": [
                {"number": n, "page": name(n), "rel": _REL.get(n - page.number)}
                if n
                else {"gap": True}
                for n in page_window(page.number, page.of)
            ],
            "newer": {"page": name(page.number - 1)} if page.number > 1 else None,
            "older": {"page": name(page.number + 1)} if page.number < page.of else None,
        }

    def _stable_pagination(self, page: GeneratedPage, base: str) -> dict[str, Any]:
        def name(number: int) -> str:
            return base if number == page.of else page_name(base, number)

        def item(number: int) -> dict[str, Any]:
            if not number:
                return {"gap": True}
            rel = "next" if number == page.number - 1 else None
            return {"number": number, "page": name(number), "rel": rel}

        newer = page.number + 1
        return {
            "number": page.number,
            "stable": True,
            "newest": None if page.first else {"page": base},
            "pages": [item(n) for n in reversed(page_window(page.number, page.number))],
            "newer": {"page": name(newer)} if not page.first else None,
            "older": {"page": name(page.number - 1)} if page.number > 1 else None,
        }


def is_series_index(page: GeneratedPage) -> bool:
    """True for the index of the series (family ``series``, no key)."""
    return page.family == "series" and not page.key


#: How many page numbers on each side of the current one a pagination links.
PAGE_WINDOW = 4

#: Newest-first: the ``rel`` of the page links one before and one after.
_REL = {-1: "prev", 1: "next"}


def page_count(count: int, per_page: int, *, stable: bool) -> int:
    """How many pages a listing of *count* posts has, *per_page* a page (0: one page).

    Newest-first: ``ceil(count / per_page)``, the last page holding the
    rest. *stable*: ``count // per_page`` (at least 1), the first page
    holding the newest block and the rest, from *per_page* to
    ``2 * per_page - 1`` posts (fewer only when the listing has fewer).
    """
    if not per_page:
        return 1
    return max(1, count // per_page if stable else -(-count // per_page))


def page_slice(page: GeneratedPage, count: int, per_page: int) -> tuple[int, int]:
    """``(start, stop)`` of *page*'s posts in its listing of *count* posts, newest first.

    Stable page *k* holds the *k*-th block of *per_page* posts counted from
    the oldest; the first page holds the posts newer than page ``of - 1``.
    """
    if not page.stable:
        return (page.number - 1) * per_page, page.number * per_page
    if page.first:
        return 0, count - (page.of - 1) * per_page
    return count - page.number * per_page, count - (page.number - 1) * per_page


def page_window(number: int, of: int) -> list[int]:
    """The page numbers a pagination of *of* pages shows on page *number*.

    The first and last pages, and :data:`PAGE_WINDOW` pages around the
    current one; a 0 stands for a gap. So the links of one page stay few
    however long the blog grows.
    """
    shown = {1, of, *range(max(1, number - PAGE_WINDOW), min(of, number + PAGE_WINDOW) + 1)}
    result: list[int] = []
    for n in sorted(shown):
        if result and n > result[-1] + 1:
            result.append(0)
        result.append(n)
    return result


def page_name(base: str, number: int) -> str:
    """The name of page *number* (>= 2) of the listing whose first page is *base*."""
    folder = base.removesuffix("/index") if base.endswith("/index") else base
    return f"{folder}/page/{number}"
