"""The floor flavour: plain Sphinx with the blog's listing pages as ordinary documents.

``write_listings(src, per_page)`` reads the posts under ``src/posts`` (the
corpus's front matter: date, tags, category, author; the title from the
first heading) and writes, under ``src/blog``, one MyST document for each
page sphinx-blogarchive generates with the benchmark's configuration: the
archive, the tags, categories, authors and years indexes, and each tag,
category, author and year page, paginated as the extension paginates them
(stable blocks of *per_page* counted from the oldest post). Each listing
document is a list of the same links the generated page shows: each post's
title linking to it, its date, its tags linking to their pages. Every
document is an orphan, as generated pages are in no toctree.

So the floor is what the blog's pages cost when Sphinx makes them itself,
one document each: a full build of sphinx-blogarchive should cost no more.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    """A post as the listings show it."""

    docname: str
    title: str
    date: dt.date
    tags: tuple[str, ...]
    category: str
    author: str


def slug(name: str) -> str:
    """The extension's slug of a corpus name (``Ada Lovelace`` -> ``ada-lovelace``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def read_posts(src: Path) -> list[Entry]:
    """The posts under ``src/posts``, newest first (ties by docname, as the archive)."""
    entries = []
    for path in sorted((src / "posts").rglob("*.md")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        fields = dict(
            line.split(": ", 1) for line in head.splitlines() if ": " in line and line != "---"
        )
        title = next(line[2:] for line in body.splitlines() if line.startswith("# "))
        entries.append(
            Entry(
                docname=path.relative_to(src).with_suffix("").as_posix(),
                title=title,
                date=dt.date.fromisoformat(fields["date"]),
                tags=tuple(t.strip() for t in fields.get("tags", "").split(",") if t.strip()),
                category=fields.get("category", ""),
                author=fields.get("author", ""),
            )
        )
    entries.sort(key=lambda e: e.docname)
    entries.sort(key=lambda e: e.date, reverse=True)
    return entries


def blocks(posts: list[Entry], per_page: int) -> list[list[Entry]]:
    """The pages of a listing, first page first: stable blocks from the oldest post."""
    count = len(posts)
    pages = max(1, count // per_page) if per_page else 1
    if pages == 1:
        return [posts]
    first = count - (pages - 1) * per_page
    result = [posts[:first]]
    for block in range(pages - 1, 0, -1):
        result.append(posts[count - block * per_page : count - (block - 1) * per_page])
    return result


def _entry(post: Entry) -> str:
    tags = ", ".join(f"{{doc}}`{t} </blog/tag/{slug(t)}>`" for t in post.tags)
    return f"- {{doc}}`{post.title} </{post.docname}>` {post.date:%b %-d, %Y} · {tags}"


def _write(path: Path, title: str, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(["---", "orphan: true", "---", "", f"# {title}", "", *lines, ""])
    path.write_text(text, encoding="utf-8")


def _listing(src: Path, base: str, title: str, posts: list[Entry], per_page: int) -> int:
    """Write the pages of one listing (``base`` and ``base/page/<k>``); return how many."""
    pages = blocks(posts, per_page)
    for index, shown in enumerate(pages):
        number = len(pages) - index
        name = base if index == 0 else f"{base.removesuffix('/index')}/page/{number}"
        lines = [_entry(post) for post in shown]
        links = []
        if index > 0:
            links.append(f"{{doc}}`Newest posts </{base}>`")
        if number < len(pages) and index > 0:
            newer = base if index == 1 else f"{base.removesuffix('/index')}/page/{number + 1}"
            links.append(f"{{doc}}`Newer posts </{newer}>`")
        if index < len(pages) - 1:
            older = f"{base.removesuffix('/index')}/page/{number - 1}"
            links.append(f"{{doc}}`Older posts </{older}>`")
        page_title = title if index == 0 else f"{title} (page {number})"
        _write(src / f"{name}.md", page_title, [*lines, "", " · ".join(links)])
    return len(pages)


def write_listings(src: Path, per_page: int) -> int:
    """Write the floor's listing documents under ``src/blog``; return how many."""
    posts = read_posts(src)
    families: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for post in posts:
        for tag in post.tags:
            families["tag"][tag].append(post)
        families["category"][post.category].append(post)
        families["author"][post.author].append(post)
        families["year"][str(post.date.year)].append(post)
    written = _listing(src, "blog/index", "Bench blog", posts, per_page)
    for kind, title in (
        ("tag", "Tags"),
        ("category", "Categories"),
        ("author", "Authors"),
        ("year", "Years"),
    ):
        terms = families[kind]
        items = [
            f"- {{doc}}`{name} </blog/{kind}/{slug(name)}>` {len(terms[name])}"
            for name in sorted(terms)
        ]
        _write(src / f"blog/{kind}/index.md", title, items)
        written += 1
        for name in sorted(terms):
            heading = f"Posts tagged “{name}”" if kind == "tag" else f"Posts: {name}"
            written += _listing(src, f"blog/{kind}/{slug(name)}", heading, terms[name], per_page)
    return written
