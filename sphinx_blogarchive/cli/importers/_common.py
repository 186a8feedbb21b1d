"""What the importers share: the imported post record, its problems, what a reader found.

Every reader (a Substack export, a feed, another blog tool's sources) makes
:class:`ImportedPost` records, the :class:`Author` entries of the registry
and :class:`ImportProblem` reports, gathered in a :class:`Reading`; the
:class:`~._writer.PostWriter` writes them. :meth:`ImportedPost.text` is
the post's file text, its body made inert (:mod:`._inert`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sphinx_blogarchive.cli import _post_file
from sphinx_blogarchive.cli.importers._inert import make_myst_inert
from sphinx_blogarchive.model._post_metadata import clean_name

#: The message of a missing ``import`` extra, as the command prints it.
MISSING_EXTRA = (
    "the import commands need the 'import' extra (markdownify, feedparser, defusedxml): "
    "python -m pip install 'path/to/sphinx-blogarchive[import]'"
)
#: The front matter key of where a post came from (``substack:12345``), which the
#: writer finds it again by.
SOURCE_KEY = "import_source"


#: Stands in a body for the folder of the post's images (see :attr:`ImportedPost.assets`).
ASSETS = "\ue000"


@dataclass(frozen=True)
class Asset:
    """A file copied next to an imported post: *name* (a file name) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ImportedPost:
    """One post read from an export, a feed or another blog tool's sources, ready to be written.

    *source* identifies it in its origin (``substack:<number>``,
    ``feed:<entry id>``, ``jekyll:_posts/<file>``); *date* is aware, or None
    when the origin has none (then the post is written as a draft, and that
    is reported); with *has_time* False only its calendar day is written;
    *body* is MyST Markdown without the title heading, in which
    :data:`ASSETS` stands for the folder of *assets* (``<slug>/`` beside the
    post file). *redirect_from* are former page names (the old URLs);
    *pin*, *unlisted*, *series* and *series_order* are written when set.
    *updated_has_time* is the same for *updated* (None: as *has_time*), so
    a date-only ``lastmod`` stays a date beside a *date* with a time.
    """

    source: str
    title: str
    slug: str
    date: dt.datetime | None
    subtitle: str = ""
    updated: dt.datetime | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    body: str = ""
    has_time: bool = True
    categories: tuple[str, ...] = ()
    image: str = ""
    excerpt: str = ""
    reading_time: int | None = None
    redirect_from: tuple[str, ...] = ()
    pin: bool = False
    unlisted: bool = False
    series: str = ""
    series_order: int | None = None
    assets: tuple[Asset, ...] = ()
    updated_has_time: bool | None = None

    def _when(
        self, value: dt.datetime | None, tz: dt.tzinfo, has_time: bool
    ) -> dt.datetime | dt.date | None:
        if value is None:
            return None
        return value.astimezone(tz) if has_time else value.date()

    def text(self, tz: dt.tzinfo, folder: str = "") -> str:
        """The post's file text with its ``import_hash``; dates shown in *tz*.

        *folder* replaces :data:`ASSETS` in the body (the images' folder,
        relative to the post file).
        """
        date = self._when(self.date, tz, self.has_time)
        updated_has_time = self.has_time if self.updated_has_time is None else self.updated_has_time
        fields: list[tuple[str, _post_file.Value | None]] = [
            ("title", self.title),
            ("subtitle", self.subtitle),
            ("date", date),
            ("updated", self._when(self.updated, tz, updated_has_time)),
            ("slug", self.slug),
            ("tags", list(self.tags)),
            ("category", list(self.categories)),
            ("author", list(self.authors)),
            ("image", self.image.replace(ASSETS, folder)),
            ("excerpt", self.excerpt),
            ("reading_time", self.reading_time),
            ("pin", True if self.pin else None),
            ("unlisted", True if self.unlisted else None),
            ("series", self.series),
            ("series_order", self.series_order),
            ("redirect_from", list(self.redirect_from)),
            ("draft", True if self.draft or date is None else None),
            (SOURCE_KEY, self.source),
        ]
        body = make_myst_inert(self.body.replace(ASSETS, folder))
        return _post_file.with_hash(_post_file.post_text(fields, self.title, body))


@dataclass(frozen=True)
class ImportProblem:
    """A problem of an import: *where* (file and line, or a post id) and *message*."""

    where: str
    message: str

    def text(self) -> str:
        """``where: message``, as the command prints it."""
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Author:
    """An author of the registry ``authors.yml``: *key* (as posts name it) and what is known.

    *avatar* is a URL, or with *avatar_data* (the image's bytes) the name
    of a file copied into ``authors/`` beside the registry; empty texts are
    left out of the file.
    """

    key: str
    name: str = ""
    avatar: str = ""
    url: str = ""
    bio: str = ""
    avatar_data: bytes = b""


@dataclass
class Reading:
    """What a reader of another tool's sources found: *posts*, *problems*, *authors*.

    *authors* are the entries for the ``authors.yml`` registry (the posts
    name them by key); *skipped* counts what was left out on purpose, by
    reason (``"type page"``).
    """

    posts: list[ImportedPost] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


def name_list(value: str) -> tuple[str, ...]:
    """Names from a comma-separated option (``--tags a,b``), cleaned, duplicates dropped."""
    names: dict[str, str] = {}
    for item in value.split(","):
        if cleaned := clean_name(item):
            names.setdefault(cleaned.casefold(), cleaned)
    return tuple(names.values())
