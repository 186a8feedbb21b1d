"""Reading the posts of a Material for MkDocs blog (the ``blog`` plugin).

Layout (Material for MkDocs, "Setting up a blog" and the blog plugin's
reference): the blog folder ``docs/blog/`` holds ``posts/`` (one Markdown
file per post, in any sub-folders) and ``.authors.yml``::

    authors:
      squidfunk:
        name: Martin Donath
        description: Creator
        avatar: https://github.com/squidfunk.png
        url: https://github.com/squidfunk

A post's front matter: ``date`` (a date, or a mapping with ``created`` and
``updated``), ``draft``, ``authors`` (keys of ``.authors.yml``),
``categories``, ``tags``, ``slug``, ``pin``, ``readtime`` (minutes),
``links`` (related links), ``description``; its title is ``title`` or the
first ``#`` heading, and ``<!-- more -->`` ends the excerpt. A post's URL
is ``<blog_dir>/<post_url_format>``, by default
``blog/yyyy/MM/dd/<slug>/``, the slug made from the title; the blog
plugin's settings in ``mkdocs.yml`` (``blog_dir``, ``post_url_format``,
``post_url_date_format``) are read when the file is found above SOURCE.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from sphinx_blogarchive.cli.importers._common import Reading
from sphinx_blogarchive.cli.importers._images import Images
from sphinx_blogarchive.cli.importers._markdown import (
    Fields,
    Post,
    SourceError,
    author_entry,
    build_post,
    markdown_files,
    read_yaml,
    sources,
)
from sphinx_blogarchive.model._slugs import slugify

#: The blog plugin's defaults (``mkdocs.yml`` may change them).
DEFAULTS = {"blog_dir": "blog", "post_url_format": "{date}/{slug}", "post_url_date_format": ""}


class _Lenient(yaml.SafeLoader):
    """Reads ``mkdocs.yml``, whose ``!!python/name:`` and ``!ENV`` tags become None."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
_Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config(start: Path) -> tuple[dict[str, Any], Path | None]:
    """The blog plugin's settings from the ``mkdocs.yml`` above *start*, and its docs folder."""
    for folder in [start, *start.parents]:
        file = folder / "mkdocs.yml"
        if not file.is_file():
            continue
        try:
            loaded = yaml.load(file.read_text("utf-8"), Loader=_Lenient)
        except (yaml.YAMLError, UnicodeDecodeError, OSError):
            return dict(DEFAULTS), None
        loaded = loaded if isinstance(loaded, dict) else {}
        settings = dict(DEFAULTS)
        for plugin in loaded.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("blog"), dict):
                settings.update({k: v for k, v in plugin["blog"].items() if isinstance(v, str)})
        docs = folder / str(loaded.get("docs_dir") or "docs")
        return settings, docs
    return dict(DEFAULTS), None


def _old_url(settings: dict[str, Any], date: dt.datetime | None, slug: str, cats: list[str]) -> str:
    if date is None:
        return ""
    formats = {"yyyy/MM/dd": "%Y/%m/%d", "yyyy/MM": "%Y/%m", "yyyy": "%Y", "": "%Y/%m/%d"}
    shown = date.strftime(formats.get(settings["post_url_date_format"], "%Y/%m/%d"))
    path = settings["post_url_format"].format(
        date=shown, slug=slug, categories="/".join(slugify(c) for c in cats), file=slug
    )
    return f"{settings['blog_dir'].strip('/')}/{path.strip('/')}/"


def read(source: Path, tz: dt.tzinfo) -> Reading:
    """The posts of the Material blog whose ``posts/`` folder (or blog folder) is *source*.

    Raises :class:`~._markdown.SourceError` when *source* is not a
    folder or holds no Markdown file. Problems (a post that cannot be read,
    an unknown author, what the body converter could not convert) are per
    file; a post that cannot be read is left out, the others are not.
    """
    if not source.is_dir():
        raise SourceError(f"{source}: no such folder (the blog's posts folder)")
    posts_dir = source / "posts" if (source / "posts").is_dir() else source
    blog_dir = posts_dir.parent
    settings, docs = _config(blog_dir)
    docs = docs if docs is not None and blog_dir.resolve().is_relative_to(docs.resolve()) else None
    files = markdown_files(posts_dir)
    if not files:
        raise SourceError(f"{source}: no Markdown posts in this folder")
    reading = Reading()
    authors_file = read_yaml(blog_dir / ".authors.yml", reading.problems).get("authors")
    registry = authors_file if isinstance(authors_file, dict) else {}
    reading.authors = [author_entry(k, v, docs or blog_dir) for k, v in registry.items()]
    for file, rel, text in sources(files, posts_dir, reading.problems, f"{posts_dir.name}/"):
        meta = dict(text.meta)
        meta["reading_time"] = meta.pop("readtime", None)
        if isinstance(meta.get("date"), dict):
            when = meta.pop("date")
            meta["date"], meta["updated"] = when.get("created"), when.get("updated")
        fields = Fields(meta, tz)
        title = fields.text("title")
        if not title:
            heading = next((ln for ln in text.body.splitlines() if ln.startswith("# ")), "")
            title = heading[2:].strip()
        slug = slugify(fields.text("slug") or title or file.stem)
        date, _ = fields.date("date")
        authors = fields.names("authors")
        for key in authors:
            if registry and key not in registry:
                fields.notes.append(f"author {key!r} is not in .authors.yml")
        if meta.get("links"):
            fields.notes.append("related links ('links') are not converted")
        post = Post(
            source=f"mkdocs-material:{rel}",
            path=file,
            rel=rel,
            slug=slug,
            old_urls=[_old_url(settings, date, slug, list(fields.names("categories")))],
            authors=authors,
        )
        images = Images(file, [docs] if docs else [blog_dir.parent], docs or blog_dir.parent)
        reading.posts.append(build_post(post, text, fields, images, reading.problems))
    return reading
