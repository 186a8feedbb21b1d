"""Reading the posts of a Quarto blog (a website whose listing lists ``posts/``).

Layout (Quarto, "Creating a Blog" and the HTML front matter reference):
the project root holds ``_quarto.yml``; its listing page (``index.qmd``,
``listing: contents: posts``) lists the ``.qmd`` and ``.md`` files under
``posts/``, usually one folder per post (``posts/<name>/index.qmd``, its
images beside it); ``posts/_metadata.yml`` gives options shared by every
post (a post's own front matter wins). Front matter: ``title``,
``subtitle``, ``description``, ``date``, ``date-modified``,
``categories``, ``image``, ``draft``, ``aliases`` (former URLs, relative
to the post's folder), and ``author``: a name, a list of names, or
mappings with ``name`` and ``url`` (their ``email`` and ``orcid`` are not
read). Dates (Quarto, "Dates and Date Formatting") are ISO, ``MM/dd/yyyy``,
``MM-dd-yyyy``, ``MM/dd/yy``, ``MM-dd-yy``, ``dd MM yyyy``, ``MMMM d, yyyy``
or ``MMM d, yyyy``, or the keywords ``today``, ``now`` and ``last-modified``
(the file's modification time), which are resolved on import and reported.
A post's URL is its path with ``.html``: ``posts/<name>/`` for an
``index.qmd``. Callouts (``::: {.callout-note}``) become admonitions;
executable code cells are kept as plain code, and reported.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import Any

from sphinx_blogarchive.cli.importers._common import Author, Reading
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
from sphinx_blogarchive.model._post_metadata import clean_name
from sphinx_blogarchive.model._slugs import slugify

#: Quarto's numeric dates: month first (``/`` or ``-``), or ``dd MM yyyy``.
_MONTH_FIRST = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s+(\d{1,2})\s+(\d{4})$")


def _date(key: str, value: Any, file: Path, tz: dt.tzinfo, notes: list[str]) -> Any:
    """The front matter date *value* of *key*, with Quarto's own forms made a date.

    ``today`` is the day of the import, ``now`` its time, ``last-modified``
    the modification time of *file* (each said in *notes*); ``MM/dd/yyyy``
    and its kin become a :class:`datetime.date` (a two-digit year is 1969
    to 2068, as Quarto reads it). Anything else is returned as it is, for
    :meth:`~._markdown.Fields.date` to read; an impossible day
    (``2/30/2024``) too, so it is reported there.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    keyword = text.lower()
    if keyword in ("today", "now", "last-modified"):
        if keyword == "last-modified":
            when = dt.datetime.fromtimestamp(file.stat().st_mtime, tz)
            notes.append(
                f"{key!r} is last-modified: the file's modification time, {when:%Y-%m-%d %H:%M}"
            )
            return when
        when = dt.datetime.now(tz)
        notes.append(
            f"{key!r} is {keyword}: the {'day' if keyword == 'today' else 'time'} of the import"
        )
        return when.date() if keyword == "today" else when
    if m := _MONTH_FIRST.match(text):
        month, day, year_text = int(m[1]), int(m[3]), m[4]
    elif m := _DAY_FIRST.match(text):
        day, month, year_text = int(m[1]), int(m[2]), m[3]
    else:
        return value
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year > 68 else 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return value


def _authors(fields: Fields, authors: dict[str, Author]) -> tuple[str, ...]:
    raw = fields.meta.get("author", fields.meta.get("authors"))
    items = raw if isinstance(raw, list) else [raw] if raw else []
    keys: list[str] = []
    for item in items:
        if isinstance(item, str) and clean_name(item):
            key = author_keys((clean_name(item),), authors)[0]
        elif isinstance(item, dict) and isinstance(item.get("name"), str | dict):
            name = item["name"]
            if isinstance(name, dict):  # {given: ..., family: ...}
                name = " ".join(str(name.get(p, "")) for p in ("given", "family"))
            key = slugify(str(name))
            authors.setdefault(key, author_entry(key, {**item, "name": str(name)}))
        else:
            fields.notes.append(f"author {item!r} is neither a name nor a mapping; ignored")
            continue
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def read(source: Path, tz: dt.tzinfo) -> Reading:
    """The posts of the Quarto listing folder *source* (``posts/``; or the project root).

    Raises :class:`~._markdown.SourceError` when *source* is not a
    folder or holds no post. Problems are per file; a post that cannot be
    read is left out, the others are not.
    """
    if not source.is_dir():
        raise SourceError(f"{source}: no such folder (the listing's posts folder)")
    posts = source / "posts" if (source / "_quarto.yml").is_file() else source
    root = next((f for f in [posts, *posts.parents] if (f / "_quarto.yml").is_file()), posts.parent)
    files = [f for f in markdown_files(posts, (".qmd", ".md")) if f.name != "_metadata.yml"]
    if not files:
        raise SourceError(f"{source}: no .qmd or .md posts in this folder")
    reading = Reading()
    shared = read_yaml(posts / "_metadata.yml", reading.problems)
    authors: dict[str, Author] = {}
    for file, rel, text in sources(files, root, reading.problems):
        meta = {**shared, **text.meta}
        fields = Fields(meta, tz)
        meta["date"] = _date("date", meta.get("date"), file, tz, fields.notes)
        meta["updated"] = _date("date-modified", meta.get("date-modified"), file, tz, fields.notes)
        page = rel.rsplit(".", 1)[0]
        old = page.removesuffix("index") if page.endswith("/index") else page + ".html"
        aliases = [
            a.lstrip("/") if a.startswith("/") else posixpath.join(posixpath.dirname(page), a)
            for a in fields.names("aliases")
        ]
        name = file.parent.name if file.stem == "index" else file.stem
        post = Post(
            source=f"quarto:{rel}",
            path=file,
            rel=rel,
            slug=slugify(fields.text("slug") or name),
            old_urls=[old, *aliases],
            authors=_authors(fields, authors),
        )
        images = Images(file, [root], root)
        reading.posts.append(build_post(post, text, fields, images, reading.problems))
    reading.authors = list(authors.values())
    return reading
