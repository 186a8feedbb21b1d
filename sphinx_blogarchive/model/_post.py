"""The post: the small picklable record a post's document contributes to the environment.

:class:`Post` holds what one post's document records; :class:`Status` says
whether it is listed at a given moment, and if not, why. Nothing here
needs a Sphinx application, so it is unit-testable.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from sphinx_blogarchive.model._dates import PostDate
from sphinx_blogarchive.model._readers import Problem
from sphinx_blogarchive.model._slugs import slugify


class Status(enum.StrEnum):
    """Whether a post is listed, and if not, why."""

    LISTED = "listed"
    DRAFT = "draft"
    FUTURE = "future"
    UNDATED = "undated"
    #: Published, linkable, but in no listing, feed or index (``unlisted: true``).
    UNLISTED = "unlisted"

    @property
    def published(self) -> bool:
        """True when the post's page is public and linkable (listed or unlisted)."""
        return self in (Status.LISTED, Status.UNLISTED)


@dataclass(frozen=True)
class Post:
    """What one post's document records in the environment.

    *docname* is the Sphinx docname; *date*/*updated* are timezone-aware
    :class:`PostDate` values (``date`` is None when missing or invalid);
    *tags*, *categories*, *authors* hold display names as written; *slug*
    defaults to the last part of the docname; *line* is the 1-based line of
    the metadata block, for warnings. *slug* is the one the post declares
    ("" for none: see :func:`default_slug`). *excerpt* is plain text and
    *excerpt_html* a safe HTML fragment (see :mod:`._excerpt`); *words* the
    body's word count and *characters* its Chinese/Japanese characters (read
    one by one, see :func:`._excerpt.text_size`); *reading_time* minutes
    set in the metadata, or None;
    *redirect_from* the former page names that redirect to the post;
    *canonical_url* the absolute URL of the post's original, for a
    cross-post ("" for none); *language* the BCP 47 tag of a post written
    in another language than the project's ("" for the project's);
    *problems* what was wrong with its metadata when it was read, warned
    about again on every build until the post is fixed.
    *pin* puts the post first on the archive and its tags' first pages
    (it keeps its date place too); *unlisted* keeps a published post out of
    every listing, feed and index (:attr:`Status.UNLISTED`); *series* is
    the name of the series the post is part of ("" for none), and
    *series_order* its place in it (None: by date, after the numbered parts).
    """

    docname: str
    title: str
    date: PostDate | None
    updated: PostDate | None = None
    subtitle: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: str = ""
    draft: bool = False
    slug: str = ""
    line: int | None = None
    #: The line of the ``slug`` field (None without one), for its warning.
    slug_line: int | None = None
    excerpt: str = ""
    excerpt_html: str = ""
    words: int = 0
    characters: int = 0
    reading_time: int | None = None
    redirect_from: tuple[str, ...] = ()
    canonical_url: str = ""
    language: str = ""
    pin: bool = False
    unlisted: bool = False
    series: str = ""
    series_order: int | None = None
    problems: tuple[Problem, ...] = ()

    def status(self, now: dt.datetime, *, include_drafts: bool = False) -> Status:
        """The post's :class:`Status` at the aware datetime *now*."""
        if self.date is None:
            return Status.UNDATED
        if self.draft and not include_drafts:
            return Status.DRAFT
        if self.date.value > now:
            return Status.FUTURE
        if self.unlisted:
            return Status.UNLISTED
        return Status.LISTED

    def minutes(self, words_per_minute: int, characters_per_minute: int = 500) -> int:
        """Reading time in minutes, at least 1.

        The post's own ``reading_time``, else its words at *words_per_minute*
        plus its CJK characters at *characters_per_minute*.
        """
        if self.reading_time is not None:
            return self.reading_time
        minutes = self.words / max(1, words_per_minute) + self.characters / max(
            1, characters_per_minute
        )
        return max(1, round(minutes))

    @property
    def series_names(self) -> tuple[str, ...]:
        """The post's series as a tuple of names (one, or none), as taxonomies hold theirs."""
        return (self.series,) if self.series else ()

    def sort_key(self) -> tuple[float, str]:
        """Key for the archive order (ascending sort = newest first, then docname)."""
        stamp = self.date.value.timestamp() if self.date is not None else float("-inf")
        return (-stamp, self.docname)


def default_slug(docname: str) -> str:
    """The slug of a post that declares none: its file name, slugified.

    For ``posts/hello/index`` (a folder per post) it is the folder's name.
    """
    parts = docname.split("/")
    name = parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]
    return slugify(name)


def slug_owners(posts: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Which post owns each slug: ``{slug casefolded: docname}``.

    *posts* are ``(docname, declared slug or None)`` pairs. Declared slugs
    come first; then the default slug (file name) of each post that
    declares none; last, as a fallback, the file names of the posts that
    declare a slug of their own. Between posts claiming a slug alike, the
    first docname keeps it. A post that declares a slug another post keeps
    gets a ``blogarchive.slug`` warning (in the build and from ``check``);
    file names shared by posts in different folders (``2023/recap``,
    ``2024/recap``) are not a mistake, and warn only where a reference uses
    one (see :func:`shared_file_names`).
    """
    ordered = sorted(posts)
    owners: dict[str, str] = {}
    for docname, declared in ordered:
        if declared:
            owners.setdefault(declared.casefold(), docname)
    for docname, _ in sorted(ordered, key=lambda pair: bool(pair[1])):
        owners.setdefault(default_slug(docname).casefold(), docname)
    return owners


def shared_file_names(posts: Iterable[tuple[str, str | None]]) -> dict[str, tuple[str, ...]]:
    """File names that a reference cannot tell apart: ``{slug casefolded: docnames}``.

    *posts* as for :func:`slug_owners`. A default slug no post declares is
    ambiguous when two posts or more that declare no slug share it, or,
    when none of its posts is without a slug of its own, when two or more
    that do share it. The docnames are those posts, sorted: the first is
    the one :func:`slug_owners` gives the slug to.
    """
    pairs = sorted(posts)
    declared = {slug.casefold() for _, slug in pairs if slug}
    plain: dict[str, list[str]] = {}  # posts without a slug of their own
    fallback: dict[str, list[str]] = {}  # posts with one
    for docname, slug in pairs:
        (fallback if slug else plain).setdefault(default_slug(docname).casefold(), []).append(
            docname
        )
    shared: dict[str, tuple[str, ...]] = {}
    for name in plain.keys() | fallback.keys():
        if name in declared:
            continue
        rivals = plain.get(name) or fallback.get(name, [])
        if len(rivals) > 1:
            shared[name] = tuple(rivals)
    return shared
