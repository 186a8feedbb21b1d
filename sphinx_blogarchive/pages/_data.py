"""Rendering's first step: the data of listings, indexes and post headers and footers.

Plain, JSON-able dicts that name their targets by docname or page name (the
URLs are filled in for each page by :mod:`._links`). They are hashed
(:func:`signature`) into the keys that decide which pages to rewrite, so
they hold exactly what a page shows.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sphinx_blogarchive.model._listing import FIELDS, group
from sphinx_blogarchive.model._slugs import term_key
from sphinx_blogarchive.pages._labels import date_text

if TYPE_CHECKING:
    from sphinx_blogarchive.model._archive import Term
    from sphinx_blogarchive.model._dates import PostDate
    from sphinx_blogarchive.model._post import Post
    from sphinx_blogarchive.pages._site import Site


def signature(data: Any) -> str:
    """A stable hash of JSON-able *data* (hex SHA-256)."""
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _date_data(value: PostDate | None, site: Site) -> dict[str, str] | None:
    if value is None:
        return None
    return {
        "iso": value.iso(),
        "text": site.date_text(value),
    }


def _names_data(kind: str, names: tuple[str, ...], site: Site) -> list[dict[str, Any]]:
    """Each name with its term's one display name (when listed) and page."""
    terms = site.archive.terms[kind]
    result = []
    for name in names:
        term = terms.get(term_key(name))
        shown = term.name if term is not None else name
        result.append({"name": shown, "page": site.term_page(kind, name)})
    return result


def entry_data(
    post: Post, site: Site, fields: tuple[str, ...] = FIELDS, *, image: bool = False
) -> dict[str, Any]:
    """One post in a listing: its docname, title, and the *fields* shown.

    Only shown fields are in the data, so a page is rewritten exactly when
    something it shows changes. *image* adds the post's image (cards).
    Computed once per build for each post, fields and image (a post shows
    the same on every listing page): the dict returned is shared, so callers
    copy it before changing it.
    """
    fields = tuple(fields)
    cache_key = (post.docname, fields, image)
    cached = site.entry_cache.get(cache_key)
    if cached is not None:
        return cached
    data: dict[str, Any] = {"docname": post.docname, "title": post.title, "draft": post.draft}
    if post.language:
        data["lang"] = post.language
    for name in fields:
        if name == "date":
            data["date"] = _date_data(post.date, site)
        elif name == "updated":
            data["updated"] = _date_data(post.updated, site)
        elif name == "subtitle":
            data["subtitle"] = post.subtitle
        elif name == "tags":
            data["tags"] = _names_data("tag", post.tags, site)
        elif name == "category":
            data["categories"] = _names_data("category", post.categories, site)
        elif name == "author":
            data["authors"] = _names_data("author", post.authors, site)
        elif name == "excerpt":
            data["excerpt"] = post.excerpt_html
        elif name == "reading-time":
            data["minutes"] = post.minutes(
                site.config.words_per_minute, site.config.characters_per_minute
            )
    if image and post.image:
        data["image"] = site.image_url(post)
    site.entry_cache[cache_key] = data
    return data


def listing_data(
    posts: list[Post],
    group_by: str,
    site: Site,
    *,
    archive: bool = False,
    layout: str = "list",
    fields: tuple[str, ...] | None = None,
    pinned: list[Post] | None = None,
    ordered: bool = False,
    date_format: str = "",
    list_style: str = "",
) -> dict[str, Any]:
    """Posts grouped for a listing: ``{"groups": [{"heading", "entries"}], ...}``.

    *archive* marks the archive itself, whose year headings are ``<h2>``
    sections with ids; other listings use rubric-styled paragraphs. *layout*
    is ``list``, ``table`` or ``cards``; *fields* the shown fields (default:
    ``blogarchive_listing_fields``). *pinned* posts are shown first, marked,
    under ``"pinned"`` (entries); *ordered* numbers the entries (a series'
    parts). *date_format* (strftime) shows the dates of this listing in
    another format than the blog's; *list_style* is the list's CSS
    ``list-style-type`` (both from ABlog's ``postlist``).
    """
    shown = tuple(site.config.listing_fields) if fields is None else fields
    groups = []
    for key, group_posts in group(posts, group_by):
        if len(key) == 4:
            heading, page = key, site.year_page(int(key))
        elif len(key) == 7:
            heading, page = site.month_text(key), site.month_page(key)
        else:
            heading, page = "", None
        groups.append(
            {
                "key": key,
                "heading": heading,
                "page": page,
                "entries": [
                    _dated(
                        entry_data(p, site, shown, image=layout == "cards"), p, site, date_format
                    )
                    for p in group_posts
                ],
            }
        )
    data = {"archive": archive, "layout": layout, "fields": list(shown), "groups": groups}
    if pinned:
        data["pinned"] = [_dated(entry_data(p, site, shown), p, site, date_format) for p in pinned]
    if ordered:
        data["ordered"] = True
    if list_style:
        data["list_style"] = list_style
    return data


def _dated(entry: dict[str, Any], post: Post, site: Site, date_format: str) -> dict[str, Any]:
    """*entry* with its date shown in *date_format* (a copy), or *entry* itself."""
    if not date_format or not entry.get("date") or post.date is None:
        return entry
    text = date_text(post.date, date_format, site.language)
    return {**entry, "date": {"iso": post.date.iso(), "text": text}}


def index_data(which: str, site: Site) -> dict[str, Any]:
    """An index of *which* (tags, categories, authors, years, series): name, page, count."""
    archive = site.archive
    if which == "years":
        items = [
            {"name": str(year), "page": site.year_page(year), "count": len(docs)}
            for year, docs in archive.years.items()
        ]
    else:
        kind = {"tags": "tag", "categories": "category", "authors": "author", "series": "series"}[
            which
        ]
        items = [
            {"name": term.name, "page": site.term_page(kind, term.name), "count": len(term.posts)}
            for term in archive.terms[kind].values()
        ]
    return {"which": which, "items": items}


def author_data(name: str, site: Site) -> dict[str, str] | None:
    """The registry entry of the author shown as *name*: ``{name, avatar, url, bio}``, or None.

    *avatar* is an ``http(s)`` URL or an output path (made relative to the
    page by the renderer); *url* the author's own site; *bio* plain text.
    """
    author = site.registry.entry(name)
    if author is None:
        return None
    return {
        "name": author.name,
        "avatar": author.shown_avatar(),
        "url": author.url,
        "bio": author.bio,
    }


def footer_data(post: Post, site: Site) -> dict[str, Any]:
    """A post's footer: its related posts (title, date)."""
    config = site.config
    related = site.archive.related(post.docname, config.related_posts, newer=config.related_newer)
    return {
        "related": [entry_data(p, site, ("date",)) for p in related],
        "labels_lang": _labels_lang(post, site),
    }


def _labels_lang(post: Post, site: Site) -> str:
    """The project's language tag, for the labels around a post in another language; else ""."""
    if not post.language:
        return ""
    return (site.language or "en").replace("_", "-")


def _series_data(term: Term, index: int, site: Site) -> dict[str, Any]:
    """A post's place in its series *term* (0-based *index*), and its neighbours there."""
    posts = site.archive.posts

    def part(at: int) -> dict[str, str] | None:
        if not 0 <= at < len(term.posts):
            return None
        return {"docname": term.posts[at], "title": posts[term.posts[at]].title}

    return {
        "name": term.name,
        "page": site.term_page("series", term.name),
        "part": index + 1,
        "of": len(term.posts),
        "previous": part(index - 1),
        "next": part(index + 1),
    }


def header_data(post: Post, site: Site) -> dict[str, Any]:
    """A post's own header: its entry, status, older/newer neighbours, place in its series."""
    archive = site.archive
    older, newer = archive.neighbours(post.docname)
    listed = archive.is_listed(post.docname)
    status = post.status(site.now, include_drafts=site.config.include_drafts).value
    if post.draft and post.date is not None:
        status = "draft"  # listed or not, a draft is shown as one
    fields = ("date", "updated", "subtitle", "tags", "category", "author")
    data = dict(entry_data(post, site, fields))  # a copy: changed below
    if not listed and status != "unlisted":
        for key in ("tags", "categories", "authors"):
            data[key] = [{"name": item["name"], "page": None} for item in data[key]]
    if (place := archive.series_place(post.docname)) is not None:
        data["series"] = _series_data(*place, site)
    if site.registry.authors:
        authors = []
        for item in data["authors"]:
            profile = author_data(item["name"], site)
            avatar = profile["avatar"] if profile is not None else ""
            authors.append({**item, "avatar": avatar} if avatar else item)
        data["authors"] = authors
    data.update(
        {
            "status": status,
            "labels_lang": _labels_lang(post, site),
            "older": {"docname": older.docname, "title": older.title} if older else None,
            "newer": {"docname": newer.docname, "title": newer.title} if newer else None,
        }
    )
    return data
