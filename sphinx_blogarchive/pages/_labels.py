"""The words readers see: the templates' translated labels, and dates as text.

:func:`labels` is every reader-facing word of the package's templates (and
of the node output, the feeds' stylesheet and the browser tools), in the
build's language; :func:`date_text` shows a post's date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util.i18n import format_date

from sphinx_blogarchive.model._dates import date_only_format

if TYPE_CHECKING:
    from sphinx_blogarchive.model._dates import PostDate
    from sphinx_blogarchive.pages._site import Site

_ = get_translation("sphinx_blogarchive")


def date_text(value: PostDate, fmt: str, language: str | None) -> str:
    """*value* formatted for display with the strftime-style *fmt* in *language*.

    A date-only value never shows an invented time: time directives are
    dropped from *fmt*. Dates show in their own offset, as written.
    """
    if not value.has_time:
        fmt = date_only_format(fmt)
    return format_date(fmt, date=value.value, language=language or "en")


def labels() -> dict[str, str]:
    """Reader-facing words of the templates, translated."""
    return {
        "draft": _("Draft"),
        "draft_note": _("This post is a draft: unfinished, and not for sharing yet."),
        "scheduled": _("Scheduled"),
        "scheduled_note": _("This post is dated in the future. It is not listed yet."),
        "updated": _("Updated"),
        "tags": _("Tags"),
        "category": _("Category"),
        "author": _("Author"),
        "posts": _("posts"),
        "older": _("Older post"),
        "newer": _("Newer post"),
        "no_posts": _("No posts yet."),
        "title": _("Title"),
        "field_date": _("Date"),
        "field_updated": _("Updated"),
        "field_subtitle": _("Subtitle"),
        "field_tags": _("Tags"),
        "field_category": _("Category"),
        "field_author": _("Author"),
        "field_excerpt": _("Excerpt"),
        "field_reading-time": _("Reading time"),
        "minutes": _("%d min read"),
        "pages": _("Pages"),
        "newest_posts": _("Newest posts"),
        "newer_posts": _("Newer posts"),
        "older_posts": _("Older posts"),
        "related": _("Related posts"),
        "pinned": _("Pinned"),
        "pinned_posts": _("Pinned posts"),
        "series": _("Series"),
        # Translators: a post's place in its series: "Part 2 of 5".
        "series_part": _("Part %(part)d of %(of)d"),
        "series_previous": _("Previous in this series"),
        "series_next": _("Next in this series"),
        # The feeds' stylesheet (blogarchive/feed.xsl).
        "feed": _("Feed"),
        "feed_hint_title": _("This is a web feed."),
        "feed_hint": _(
            "Subscribe by copying the address below into your feed reader: it then shows "
            "each new post."
        ),
        "feed_home": _("Visit the blog"),
        # Reader tools (blogarchive.js) and sidebar widgets.
        "filter": _("Filter"),
        "no_match": _("No matching items"),
        "reset": _("Reset"),
        # {shown} and {total} are replaced by numbers in the browser.
        "shown": _("{shown} of {total} posts"),
        "sort_by": _("Sort by"),
        "newest": _("Newest"),
        "oldest": _("Oldest"),
        "recent_posts": _("Recent posts"),
        "archives": _("Archives"),
        "archive": _("Archive"),
        "all_tags": _("All tags"),
        "category_index": _("All categories"),
        "author_index": _("All authors"),
    }


def site_labels(site: Site) -> dict[str, str]:
    """:func:`labels`, computed once per build (a build has one language)."""
    if site.labels is None:
        site.labels = labels()
    return site.labels
