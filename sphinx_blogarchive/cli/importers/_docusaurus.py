"""Reading the posts of a Docusaurus blog (``@docusaurus/plugin-content-blog``).

Layout (Docusaurus, "Blog" guide and the blog plugin's front matter
reference): the ``blog/`` folder of the site holds one ``.md`` or ``.mdx``
file per post, named ``YYYY-MM-DD-<name>.md`` or in a folder
``YYYY-MM-DD-<name>/index.md`` (images beside it), or under date folders
``YYYY/MM/DD/<name>.md``; ``authors.yml`` maps author keys to ``name``,
``title``, ``url``, ``image_url``; ``tags.yml`` maps tag keys to a
``label``. Front matter: ``title``, ``description``, ``slug``, ``date``
(else the file name's date), ``authors`` (keys, or inline mappings with
``name``...; also the older ``author``, ``author_url``...), ``tags``
(keys of ``tags.yml``, or mappings with ``label``), ``draft``,
``unlisted``, ``image``, ``last_update.date``. ``<!-- truncate -->`` (or
``{/* truncate */}`` in MDX) ends the excerpt. A post's URL is
``/blog/<slug>``, the slug by default ``YYYY/MM/DD/<name>``; an image link
starting with ``/`` is a file in the site's ``static/`` folder.
"""

from __future__ import annotations

import datetime as dt
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
    build_post,
    markdown_files,
    read_yaml,
    sources,
)
from sphinx_blogarchive.model._post_metadata import clean_name
from sphinx_blogarchive.model._slugs import slugify

_DATED = re.compile(r"(?:^|/)(\d{4})[-/](\d{2})[-/](\d{2})[-/](.+?)(?:/index)?$")


def _authors(fields: Fields, registry: dict[str, Any], authors: dict[str, Author]) -> list[str]:
    """The author keys of a post; inline authors are added to *authors* under a new key."""
    meta = fields.meta
    raw = meta.get("authors")
    items = raw if isinstance(raw, list) else [raw] if raw else []
    if not items and isinstance(meta.get("author"), str):  # the older, single-author fields
        legacy = {"url": "author_url", "image_url": "author_image_url", "title": "author_title"}
        items = [{"name": meta["author"], **{k: meta.get(v, "") for k, v in legacy.items()}}]
    keys: list[str] = []
    for item in items:
        if isinstance(item, str):
            key = clean_name(item)
            if key not in registry:
                fields.notes.append(f"author {key!r} is not in authors.yml")
        elif isinstance(item, dict) and isinstance(item.get("key"), str):
            key = clean_name(item["key"])
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            key = slugify(item["name"])
            authors.setdefault(key, author_entry(key, item))
        else:
            fields.notes.append(f"author {item!r} is neither a key nor a mapping; ignored")
            continue
        if key and key not in keys:
            keys.append(key)
    return keys


def _tags(raw: Any, registry: dict[str, Any]) -> list[str]:
    """The labels of a post's *raw* ``tags``: keys of ``tags.yml``, texts, or mappings."""
    labels: list[str] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            label = str(item.get("label") or "")
        else:
            entry = registry.get(str(item))
            label = str(entry.get("label") or item) if isinstance(entry, dict) else str(item)
        if label := clean_name(label):
            labels.append(label)
    return labels


def read(source: Path, tz: dt.tzinfo) -> Reading:
    """The posts of the Docusaurus blog folder *source* (``blog/``; or the site holding it).

    Raises :class:`~._markdown.SourceError` when *source* is not a
    folder or holds no post. Problems are per file; a post that cannot be
    read is left out, the others are not.
    """
    if not source.is_dir():
        raise SourceError(f"{source}: no such folder (the site's blog folder)")
    blog = source / "blog" if (source / "blog").is_dir() else source
    site = blog.parent
    files = markdown_files(blog, (".md", ".mdx"))
    if not files:
        raise SourceError(f"{source}: no .md or .mdx posts in this folder")
    reading = Reading()
    author_registry = read_yaml(blog / "authors.yml", reading.problems)
    tag_registry = read_yaml(blog / "tags.yml", reading.problems)
    authors = {k: author_entry(k, v, site / "static") for k, v in author_registry.items()}
    for file, rel, text in sources(files, blog, reading.problems, f"{blog.name}/"):
        meta = dict(text.meta)
        meta["tags"] = _tags(meta.get("tags"), tag_registry)
        if isinstance(meta.get("last_update"), dict):
            meta["updated"] = meta["last_update"].get("date")
        name = file.relative_to(blog).with_suffix("").as_posix()
        dated = _DATED.search(name)
        if not meta.get("date") and dated:
            meta["date"] = f"{dated[1]}-{dated[2]}-{dated[3]}"
        fields = Fields(meta, tz)
        base = dated[4] if dated else name.removesuffix("/index")
        given = fields.text("slug")
        if given:
            old = given.strip("/")
        else:
            old = f"{dated[1]}/{dated[2]}/{dated[3]}/{base}" if dated else base
        post = Post(
            source=f"docusaurus:{rel}",
            path=file,
            rel=rel,
            slug=slugify(given.rsplit("/", 1)[-1] if given else base.rsplit("/", 1)[-1]),
            old_urls=[f"blog/{old}/"],
            authors=tuple(_authors(fields, author_registry, authors)),
        )
        images = Images(file, [site / "static"], site)
        reading.posts.append(build_post(post, text, fields, images, reading.problems))
    reading.authors = list(authors.values())
    return reading
