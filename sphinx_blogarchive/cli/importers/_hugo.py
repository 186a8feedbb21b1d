"""Reading the posts of a Hugo site: ``content/posts/``.

Layout (Hugo's documentation, "Content organization", "Front matter",
"URL management", "Content summaries"): a post is
``content/posts/<name>.md``, or a page bundle
``content/posts/<name>/index.md`` with its images beside it
(``_index.md`` is the section's own page, not a post). Front matter is
YAML between ``---`` lines or TOML between ``+++`` lines: ``title``,
``date``, ``lastmod``, ``publishDate``, ``draft``, ``tags``,
``categories``, ``series``, ``authors``/``author``, ``description``,
``summary``, ``slug``, ``url``, ``aliases`` (former URLs) and ``images``
(the first is the post's image). ``<!--more-->`` ends the summary. A post's
URL is ``/posts/<slug or name>/``, or its ``url``; an image link starting
with ``/`` is a file in the site's ``static/`` folder. The ``figure``
shortcode becomes a MyST figure; other shortcodes are reported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sphinx_blogarchive.cli.importers._common import Author, Reading
from sphinx_blogarchive.cli.importers._images import Images
from sphinx_blogarchive.cli.importers._markdown import (
    Fields,
    Post,
    SourceError,
    author_keys,
    build_post,
    markdown_files,
    sources,
)
from sphinx_blogarchive.model._slugs import slugify


def read(source: Path, tz: dt.tzinfo) -> Reading:
    """The posts of the Hugo site *source* (its folder, or its ``content/posts/`` folder).

    Raises :class:`~._markdown.SourceError` when *source* is not a
    folder or holds no post. Problems are per file; a post that cannot be
    read is left out, the others are not.
    """
    if not source.is_dir():
        raise SourceError(f"{source}: no such folder (the Hugo site)")
    posts = source / "content" / "posts" if (source / "content").is_dir() else source
    site = posts.parent.parent if posts.parent.name == "content" else posts.parent
    section = posts.name
    files = [f for f in markdown_files(posts) if f.name != "_index.md"]
    if not files:
        raise SourceError(f"{source}: no posts in this folder")
    reading = Reading()
    authors: dict[str, Author] = {}
    for file, rel, text in sources(files, site, reading.problems):
        meta = dict(text.meta)
        if not meta.get("date") and meta.get("publishDate"):
            meta["date"] = meta["publishDate"]
        images_list = meta.get("images")
        if not meta.get("image") and isinstance(images_list, list) and images_list:
            meta["image"] = images_list[0]
        fields = Fields(meta, tz)
        name = file.parent.name if file.stem == "index" else file.stem
        slug = fields.text("slug") or name
        url = fields.text("url")
        sub = file.relative_to(posts).parent.as_posix() if file.stem != "index" else ""
        sub = "" if sub in (".", "") else sub + "/"
        if file.stem == "index":
            parent = file.parent.relative_to(posts).parent.as_posix()
            sub = "" if parent == "." else parent + "/"
        old = url.strip("/") + "/" if url else f"{section}/{sub}{slug}/"
        post = Post(
            source=f"hugo:{rel}",
            path=file,
            rel=rel,
            slug=slugify(slug),
            old_urls=[old, *(_page(alias) for alias in fields.names("aliases"))],
            authors=author_keys(fields.names("authors", "author"), authors),
        )
        images = Images(file, [site / "static"], site)
        reading.posts.append(build_post(post, text, fields, images, reading.problems))
    reading.authors = list(authors.values())
    return reading


def _page(alias: str) -> str:
    """An alias as a former URL: ``/old/`` and ``/old`` are folders, ``/old.html`` a page."""
    alias = alias.strip("/")
    return alias if alias.endswith((".html", ".htm")) else alias + "/"
