"""Reading the posts of a Jekyll site: ``_posts/YYYY-MM-DD-<title>.md`` and ``_drafts/``.

Layout (Jekyll's documentation, "Posts", "Front Matter", "Permalinks"):
the site's folder holds ``_config.yml``, ``_posts/`` (one file per post,
named ``YYYY-MM-DD-<title>.md`` or ``.markdown``, in any sub-folders) and
``_drafts/`` (posts without a date in the name, not published; dated by
the file's modification time, as ``jekyll --drafts`` does). Front
matter: ``title``, ``date`` (``2024-01-31 10:00:00 +0100``, wins over the
file name's), ``categories``/``category`` and ``tags`` (a list, or names
separated by spaces), ``author``, ``description``, ``excerpt``,
``image``, ``published: false``, ``permalink``, ``slug``, and the
``redirect_from`` of the jekyll-redirect-from plugin. The excerpt ends at
``excerpt_separator`` (front matter or ``_config.yml``; ``<!--more-->``
is the usual one). A post's URL follows ``permalink`` (front matter, else
``_config.yml``, else the ``date`` style
``/:categories/:year/:month/:day/:title:output_ext``). Authors are read
from ``_data/authors.yml`` when it exists (key -> ``name``, ``avatar``,
``bio``, ``url``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

from sphinx_blogarchive.cli.importers._common import ImportProblem, Reading
from sphinx_blogarchive.cli.importers._images import Images
from sphinx_blogarchive.cli.importers._markdown import (
    Fields,
    Post,
    SourceError,
    author_entry,
    author_keys,
    build_post,
    markdown_files,
    read_yaml,
    sources,
)
from sphinx_blogarchive.cli.importers._md2myst import MORE_MARKER as _MORE
from sphinx_blogarchive.model._slugs import slugify

#: Jekyll's permalink styles.
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def permalink(pattern: str, date: dt.datetime | None, title: str, categories: list[str]) -> str:
    """The URL path of a post by the Jekyll *pattern* (a style name or a template)."""
    template = STYLES.get(pattern, pattern)
    day = date or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    values = {
        "categories": "/".join(slugify(c) for c in categories),
        "year": f"{day.year:04d}",
        "short_year": f"{day.year % 100:02d}",
        "month": f"{day.month:02d}",
        "i_month": str(day.month),
        "day": f"{day.day:02d}",
        "i_day": str(day.day),
        "y_day": f"{day.timetuple().tm_yday:03d}",
        "title": title,
        "slug": title,
        "output_ext": ".html",
    }
    path = re.sub(r":(\w+)", lambda m: values.get(m[1], m[0]), template)
    return re.sub(r"/{2,}", "/", path)


def _spaced(value: Any) -> Any:
    """Jekyll's names: a text is split on spaces (``tags: data policy``)."""
    return value.split() if isinstance(value, str) else value


def read(source: Path, tz: dt.tzinfo) -> Reading:
    """The posts of the Jekyll site *source* (its folder, or its ``_posts/`` folder).

    Raises :class:`~._markdown.SourceError` when *source* is not a
    folder or holds no post. Problems are per file; a post that cannot be
    read is left out, the others are not.
    """
    if not source.is_dir():
        raise SourceError(f"{source}: no such folder (the Jekyll site)")
    site = source.parent if source.name == "_posts" else source
    folders = [f for f in (site / "_posts", site / "_drafts") if f.is_dir()]
    files = [f for folder in folders for f in markdown_files(folder)]
    if not files:
        raise SourceError(f"{source}: no posts in _posts/ or _drafts/")
    reading = Reading()
    config = read_yaml(site / "_config.yml", reading.problems)
    registry = read_yaml(site / "_data" / "authors.yml", reading.problems)
    authors = {str(k): author_entry(str(k), v, site) for k, v in registry.items()}
    for file, rel, text in sources(files, site, reading.problems):
        folder = file.relative_to(site).parts[0]
        meta = dict(text.meta)
        for key in ("categories", "category", "tags"):
            meta[key] = _spaced(meta.get(key))
        named = _NAME.match(file.stem)
        title_part = named[4] if named else file.stem
        if not meta.get("date") and named:
            meta["date"] = f"{named[1]}-{named[2]}-{named[3]}"
        elif not meta.get("date") and folder == "_drafts":  # as jekyll --drafts does
            changed = dt.datetime.fromtimestamp(file.stat().st_mtime, dt.UTC)
            meta["date"] = changed.replace(microsecond=0).isoformat()
            message = "a draft without a date: dated by its file's modification time"
            reading.problems.append(ImportProblem(rel, message))
        draft = folder == "_drafts" or meta.get("published") is False
        meta["draft"] = draft or meta.get("draft") is True
        fields = Fields(meta, tz)
        date, _ = fields.date("date")
        pattern = str(meta.get("permalink") or config.get("permalink") or "date")
        slug = fields.text("slug") or title_part
        old = permalink(pattern, date, slug, list(fields.names("categories", "category")))
        post = Post(
            source=f"jekyll:{rel}",
            path=file,
            rel=rel,
            slug=slugify(slug),
            old_urls=[] if folder == "_drafts" else [old, *fields.names("redirect_from")],
            authors=author_keys(fields.names("author", "authors"), authors),
        )
        separator = str(meta.get("excerpt_separator") or config.get("excerpt_separator") or "")
        if separator.strip() and not _MORE.match(separator) and separator in text.body:
            body = text.body.replace(separator, "\n<!-- more -->\n", 1)
            text = dataclasses.replace(text, body=body)
        images = Images(file, [site], site)
        reading.posts.append(build_post(post, text, fields, images, reading.problems))
    reading.authors = list(authors.values())
    return reading
