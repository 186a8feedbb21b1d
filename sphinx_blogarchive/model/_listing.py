"""Listing selections: what a ``postlist`` or archive shows, as plain data.

A :class:`ListingSpec` is the picklable description a directive records in
the domain; :func:`select` applies it to an :class:`~._archive.Archive`. The
same functions give the data of generated pages, so every listing of the
site is selected, ordered and grouped one way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sphinx_blogarchive.model._archive import Archive
from sphinx_blogarchive.model._post import Post
from sphinx_blogarchive.model._slugs import term_key

SORTS = ("newest", "oldest", "title", "updated")
GROUPINGS = ("none", "year", "month")
LAYOUTS = ("list", "table", "cards")
#: What a ``postlist`` shows of each post besides its fields: ``excerpt``
#: (the fields only, the excerpt among them if asked for) or ``full`` (the
#: whole post, instead of the excerpt).
CONTENTS = ("excerpt", "full")
#: Fields a listing may show besides the title, in display order.
FIELDS = ("date", "updated", "subtitle", "tags", "category", "author", "excerpt", "reading-time")
DEFAULT_FIELDS = ("date", "subtitle")
INDEX_KINDS = ("tags", "categories", "authors", "years")
#: Orders of ``blog:book``: oldest first (the default: a book reads forward) or newest.
BOOK_SORTS = ("oldest", "newest")


@dataclass(frozen=True)
class ListingSpec:
    """The selection of a listing.

    *kind* is ``"postlist"`` (a filtered list), ``"archive"`` (this document
    is the archive) or ``"index"`` (this document is the index of
    *index_of*, one of :data:`INDEX_KINDS`). Filters: *tags* (names; with
    *match* ``"any"`` or ``"all"``), *categories*, *authors*, *years*;
    *exclude_current* drops the page's own post; *start* and *end* are
    inclusive ``YYYY-MM-DD`` bounds on the date the post shows. *sort* is one
    of :data:`SORTS` (``"updated"``: the most recently updated first, a post
    without ``updated`` counting by its date), *group_by* one of
    :data:`GROUPINGS`; *limit* 0 means all. *layout* is one of
    :data:`LAYOUTS` and *fields* the shown fields (from :data:`FIELDS`);
    *content* one of :data:`CONTENTS`. ABlog's ``postlist`` options:
    *date_format* (a strftime pattern for the dates shown; "" =
    ``blogarchive_date_format``) and *list_style* (a CSS ``list-style-type``
    for the list layout; "" = the theme's). *replace*: an archive or index
    directive with ``:replace:``, whose document replaces the generated page.
    """

    kind: str = "postlist"
    index_of: str = ""
    tags: tuple[str, ...] = ()
    match: str = "any"
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    exclude_current: bool = False
    sort: str = "newest"
    group_by: str = "none"
    limit: int = 0
    start: str = ""
    end: str = ""
    layout: str = "list"
    fields: tuple[str, ...] = DEFAULT_FIELDS
    content: str = "excerpt"
    date_format: str = ""
    list_style: str = ""
    replace: bool = False

    def as_dict(self) -> dict[str, object]:
        """The spec as JSON-able data."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class BookSpec:
    """A ``blog:book`` directive: its order, its caption, and the posts it placed.

    *sort* is one of :data:`BOOK_SORTS`. *entries* are the docnames the
    directive put into its toctree when its document was read (none on a
    builder that gets no book); the document is read again whenever they
    differ from the build's :func:`book_entries` (see :mod:`sphinx_blogarchive.extension._book`).
    """

    sort: str = "oldest"
    caption: str = ""
    entries: tuple[str, ...] = ()


def book_entries(archive: Archive, sort: str, docname: str) -> tuple[str, ...]:
    """The docnames of the published posts, for a book on *docname*, in *sort* order.

    ``"newest"`` is the archive order; ``"oldest"`` is its exact reverse, the
    order of the posts' previous/next links. *docname* itself is left out.
    """
    names = [post.docname for post in archive.listed if post.docname != docname]
    return tuple(names if sort == "newest" else reversed(names))


def select(archive: Archive, spec: ListingSpec, docname: str = "") -> list[Post]:
    """The listed posts *spec* selects, in its order, for a listing on *docname*."""
    tag_keys = {term_key(t) for t in spec.tags}
    cat_keys = {term_key(c) for c in spec.categories}
    author_keys = {term_key(a) for a in spec.authors}
    years = set(spec.years)
    chosen: list[Post] = []
    for post in archive.listed:
        if spec.exclude_current and post.docname == docname:
            continue
        if tag_keys:
            keys = {term_key(t) for t in post.tags}
            if spec.match == "all" and not tag_keys <= keys:
                continue
            if spec.match != "all" and not tag_keys & keys:
                continue
        if cat_keys and not cat_keys & {term_key(c) for c in post.categories}:
            continue
        if author_keys and not author_keys & {term_key(a) for a in post.authors}:
            continue
        if years and (post.date is None or post.date.value.year not in years):
            continue
        shown = post.date.value.date().isoformat() if post.date is not None else ""
        if (spec.start and shown < spec.start) or (spec.end and shown > spec.end):
            continue
        chosen.append(post)
    if spec.sort == "oldest":
        chosen.reverse()
    elif spec.sort == "title":
        chosen.sort(key=lambda p: (p.title.casefold(), p.docname))
    elif spec.sort == "updated":
        chosen.sort(key=_last_change, reverse=True)
    if spec.limit > 0:
        chosen = chosen[: spec.limit]
    return chosen


def _last_change(post: Post) -> tuple[float, float]:
    """Sort key of ``:sort: updated``: the ``updated`` date, else the date (then the date)."""
    assert post.date is not None  # listed posts are dated
    date = post.date.value.timestamp()
    return (post.updated.value.timestamp() if post.updated else date, date)


def group(posts: list[Post], group_by: str) -> list[tuple[str, list[Post]]]:
    """Split *posts* into ``(heading, posts)`` groups.

    ``"year"`` puts each post under the year of the date it shows (in its own
    offset), one group per year, newest year first; within a group posts keep
    their order. (A post at 23:30 on 31 December at -05:00
    is later than one at 01:00 on 1 January UTC, yet belongs to the old year.)
    ``"month"`` does the same per ``YYYY-MM``. ``"none"`` gives one group with
    an empty heading.
    """
    if group_by not in ("year", "month"):
        return [("", posts)] if posts else []
    width = 4 if group_by == "year" else 7  # "2024" or "2024-03"
    groups: dict[str, list[Post]] = {}
    for post in posts:
        key = post.date.value.date().isoformat()[:width] if post.date is not None else ""
        groups.setdefault(key, []).append(post)
    return sorted(groups.items(), key=lambda item: _group_order(item[0]), reverse=True)


def _group_order(key: str) -> tuple[int, int]:
    """``"2024"`` -> (2024, 0), ``"2024-03"`` -> (2024, 3); "" sorts last."""
    parts = [int(p) for p in key.split("-") if p.isascii() and p.isdigit()]
    return (parts[0] if parts else -1, parts[1] if len(parts) > 1 else 0)
