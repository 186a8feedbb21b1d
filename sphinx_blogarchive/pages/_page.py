"""The generated pages' model: :class:`GeneratedPage`, page names, pagination.

What a generated page is (family, term key, number), the names of the archive
and the indexes (:func:`index_name`) and of a listing's further pages
(:func:`page_name`), and the arithmetic of paginated listings: how many pages
(:func:`page_count`), which posts a page holds (:func:`page_slice`), which
page numbers it links (:func:`page_window`, :func:`pagination_data`), with
stable pagination (blocks counted from the oldest post) or newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx_blogarchive.model._listing import INDEX_KINDS
from sphinx_blogarchive.pages import _redirects

if TYPE_CHECKING:
    from sphinx_blogarchive.config._config import BlogConfig

#: Family of an index page -> (taxonomy kind, family of its term pages).
INDEXES = {"tags": "tag", "categories": "category", "authors": "author", "years": "year"}

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
    kind = "archive" if which == "archive" else INDEXES[which]
    name = index_name(config, kind).casefold().removesuffix("/index")
    return docname.casefold().removesuffix("/index") == name


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


def pagination_data(page: GeneratedPage, base: str) -> dict[str, Any]:
    """The links of paginated *page*: its number, its neighbours, numbered pages.

    *base* is the name of the listing's first page. Returns ``{"number",
    "of", "pages", "newer", "older"}``; *pages* is a list of ``{"number",
    "page", "rel"}`` and ``{"gap": True}``, *newer* and *older* are
    ``{"page"}`` or None. With stable pagination, ``{"number", "stable",
    "newest", "pages", "newer", "older"}``, only what no new post changes:
    the newest (first) page, the next newer page (the first page from the newest
    block below it), and the page numbers from this one down to the
    oldest page, within :data:`PAGE_WINDOW` (never the newer numbers,
    which grow as posts come); the first page shows its own number too.
    """
    if page.stable:
        return _stable_pagination(page, base)

    def name(number: int) -> str:
        return base if number == 1 else page_name(base, number)

    return {
        "number": page.number,
        "of": page.of,
        "pages": [
            {"number": n, "page": name(n), "rel": _REL.get(n - page.number)} if n else {"gap": True}
            for n in page_window(page.number, page.of)
        ],
        "newer": {"page": name(page.number - 1)} if page.number > 1 else None,
        "older": {"page": name(page.number + 1)} if page.number < page.of else None,
    }


def _stable_pagination(page: GeneratedPage, base: str) -> dict[str, Any]:
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
