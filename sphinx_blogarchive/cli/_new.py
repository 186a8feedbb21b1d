"""The ``new`` command: a new MyST post, ``<dir>/<year>/<slug>.md``.

The file holds front matter (``title``, ``date``, ``tags`` and, unless asked
otherwise, ``draft: true``) and the title as its heading. It is never
written over an existing file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sphinx_blogarchive.cli import _post_file
from sphinx_blogarchive.model._dates import PostDate, parse_date
from sphinx_blogarchive.model._post_metadata import clean_name
from sphinx_blogarchive.model._slugs import slugify


class NewPostError(Exception):
    """The post cannot be written (the file exists, or a value is unusable)."""


@dataclass(frozen=True)
class NewPost:
    """What ``new`` writes: the file's *path* and its *text*."""

    path: Path
    text: str


def post_date(text: str | None, tz: dt.tzinfo, now: dt.datetime) -> PostDate:
    """The date of a new post: *text* (any form a post's ``date`` accepts), else *now*'s day.

    *now* is aware; without *text* the post is dated today in *tz* (a date
    without a time). Raises :class:`NewPostError` for an unreadable date.
    """
    if text is None:
        day = now.astimezone(tz).date()
        return PostDate(dt.datetime(day.year, day.month, day.day, tzinfo=tz))
    try:
        return parse_date(text, tz)
    except ValueError as exc:
        raise NewPostError(f"invalid date {text!r}: {exc}") from None


def make_post(
    title: str,
    *,
    directory: Path,
    date: PostDate,
    tags: list[str],
    draft: bool = True,
    slug: str | None = None,
) -> NewPost:
    """The new post *title* (not yet written): ``directory/<year>/<slug>.md``.

    The slug is *slug* or the title's, made by :func:`~sphinx_blogarchive.model._slugs.slugify`
    (the rule of tag and post slugs). *tags* are cleaned like a post's tags
    (trimmed, duplicates dropped). Raises :class:`NewPostError` for an
    empty title.
    """
    title = clean_name(title)
    if not title:
        raise NewPostError("the title is empty")
    names: dict[str, str] = {}
    for tag in tags:
        if cleaned := clean_name(tag):
            names.setdefault(cleaned.casefold(), cleaned)
    name = slugify(slug or title)
    when = date.value if date.has_time else date.value.date()
    fields: list[tuple[str, _post_file.Value | None]] = [
        ("title", title),
        ("date", when),
        ("tags", list(names.values())),
        ("draft", True if draft else None),
    ]
    if slug:
        fields.append(("slug", name))
    path = directory / f"{date.value.year:04d}" / f"{name}.md"
    return NewPost(path, _post_file.post_text(fields, title, ""))


def write_new(post: NewPost) -> None:
    """Write *post*, creating its folders; never over an existing file.

    Raises :class:`NewPostError` when the file exists (nothing is changed)
    or cannot be written.
    """
    try:
        post.path.parent.mkdir(parents=True, exist_ok=True)
        with post.path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(post.text)
    except FileExistsError:
        raise NewPostError(f"{post.path} exists; not overwritten") from None
    except OSError as exc:
        raise NewPostError(f"cannot write {post.path}: {exc}") from None
