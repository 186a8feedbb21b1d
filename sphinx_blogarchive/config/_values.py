"""The settings' fixed values: defaults, allowed values, and each field's metadata.

The names here are what :class:`~._config.BlogConfig` takes its defaults
from and what :mod:`._validation` checks values against; :func:`_meta` is
the shape of the metadata every field carries, for Sphinx (``types``,
``help``) and for the configuration reference (see :mod:`._reference`).
"""

from __future__ import annotations

from typing import Any

#: Families of generated pages, by the name used in ``blogarchive_pages``.
PAGE_FAMILIES = ("archive", "tags", "categories", "authors", "years", "series")

#: The default of ``blogarchive_date_format``. Left at this value, the pattern
#: itself goes through the catalog (see
#:func:`sphinx_blogarchive.pages._site.display_date_format`), so
#: a translation gives each language its own order ("9. März 2026").
DEFAULT_DATE_FORMAT = "%b %-d, %Y"

#: The default of ``blogarchive_book_builders``: the builders that assemble
#: one book from the toctree.
BOOK_BUILDERS = ("singlehtml", "epub", "latex", "man", "texinfo")

#: Feed formats, by the name used in ``blogarchive_feed_formats``.
FEED_FORMATS = ("atom", "rss", "json")

#: Taxonomies that may get a feed per term (``blogarchive_feed_taxonomies``).
FEED_TAXONOMIES = ("tag", "category", "author")
#: Kinds that may get feeds: the taxonomies, and years (ABlog's ``blog_feed_archives``).
FEED_KINDS = (*FEED_TAXONOMIES, "year")

#: Values of ``blogarchive_feed_content``.
FEED_CONTENTS = ("excerpt", "full")

#: Keys of ``blogarchive_paths``: where each family's pages go in the output.
DEFAULT_PATHS: dict[str, str] = {
    "archive": "blog",
    "tag": "blog/tag",
    "category": "blog/category",
    "author": "blog/author",
    "year": "blog/year",
    "series": "blog/series",
}

#: Values of ``blogarchive_url_layout``: where the archive and the index pages
#: go. ``folders``: ``<folder>/index`` (``blog/index``, ``blog/tag/index``);
#: ``ablog``: ABlog's names (``blog``, ``blog/tag``, and ``blog/archive`` for
#: the archive on one page).
URL_LAYOUTS = ("folders", "ablog")

#: Values of ``blogarchive_pagination``: ``stable``, fixed blocks counted from
#: the oldest post; ``newest``, pages counted from the newest post.
PAGINATIONS = ("stable", "newest")


def _meta(
    types: tuple[type, ...],
    help_text: str,
    *,
    doc: str,
    shown_type: str = "",
    default_note: str = "",
) -> dict[str, Any]:
    """A field's metadata: Sphinx's *types* and one-line *help*; the reference's *doc*.

    *doc* is the field's description in the configuration reference, in MyST
    Markdown (the docs' syntax; links relative to ``docs/guide``);
    *shown_type* replaces the type named from *types*, and *default_note*
    follows the default (see :func:`._reference.reference_rows`).
    """
    return {
        "types": types,
        "help": help_text,
        "doc": doc,
        "shown_type": shown_type,
        "default_note": default_note,
    }
