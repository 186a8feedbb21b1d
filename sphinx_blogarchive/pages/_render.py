"""Rendering of listings, indexes and post headers.

Every listing goes through two steps: *data* (plain, JSON-able dicts that
name targets by docname or page name; hashed into the signatures that decide
what to rewrite) and *output*. For HTML builders the output is the package's
Jinja templates (``blogarchive/*.html``, overridable by file name) with
relative URLs filled in; for other builders it is docutils nodes, where
links to generated pages become plain text.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

from docutils import nodes
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.util import osutil
from sphinx.util.i18n import format_date

from sphinx_blogarchive.model._dates import date_only_format
from sphinx_blogarchive.model._excerpt import LINK, resolve_links
from sphinx_blogarchive.model._listing import FIELDS, group
from sphinx_blogarchive.model._slugs import term_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.builders.html import StandaloneHTMLBuilder

    from sphinx_blogarchive.model._archive import Term
    from sphinx_blogarchive.model._dates import PostDate
    from sphinx_blogarchive.model._post import Post
    from sphinx_blogarchive.pages._generated import Site

_ = get_translation("sphinx_blogarchive")

#: Characters a percent-encoded URI keeps as they are.
URI_SAFE = "/#%?=&:;@+,~"


def date_text(value: PostDate, fmt: str, language: str | None) -> str:
    """*value* formatted for display with the strftime-style *fmt* in *language*.

    A date-only value never shows an invented time: time directives are
    dropped from *fmt*. Dates show in their own offset, as written.
    """
    if not value.has_time:
        fmt = date_only_format(fmt)
    return format_date(fmt, date=value.value, language=language or "en")


def signature(data: Any) -> str:
    """A stable hash of JSON-able *data* (hex SHA-256)."""
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


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


# --------------------------------------------------------------------------
# Data


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
    related = site.archive.related(post.docname, site.config.related_posts)
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


# --------------------------------------------------------------------------
# Output


def links_pages(builder: Builder, site: Site) -> bool:
    """True when *builder* gets generated pages (it is on the allow-list)."""
    return builder.name in site.config.page_builders and builder.format == "html"


def relative_uri(builder: Builder, fromname: str, target: str) -> str:
    """The relative URI from *fromname* to *target*, percent-encoded (UTF-8).

    Raises :class:`sphinx.errors.NoUri` when the builder has no URI for
    *target* (a post outside a LaTeX document, say).
    """
    return quote(builder.get_relative_uri(fromname, target), safe=URI_SAFE)


def _root_relative(builder: Builder, fromname: str) -> str:
    """The relative path from page *fromname*'s output file to the output root."""
    depth = builder.get_target_uri(fromname).count("/")
    return "../" * depth


def _uri_or_empty(builder: Builder, fromname: str, target: str) -> str:
    try:
        return relative_uri(builder, fromname, target)
    except NoUri:
        return ""


class _Links:
    """Relative, percent-encoded URLs from one page *fromname* of *site*.

    With a builder whose relative URIs are Sphinx's default (html, dirhtml:
    the relative path between two target URIs), each target's encoded URI
    is computed once per build (``site.uri_cache``) and the relative path
    taken between encoded URIs, which equals encoding the relative path (the
    encoding keeps ``/`` and ``#`` and maps segment to segment). Other
    builders (singlehtml) are asked each time.
    """

    def __init__(self, builder: Builder, fromname: str, site: Site) -> None:
        self.builder = builder
        self.fromname = fromname
        self.site = site
        self.fast = type(builder).get_relative_uri is Builder.get_relative_uri
        self.root = _root_relative(builder, fromname)
        self.base = self._target(fromname) if self.fast else None

    def _target(self, docname: str) -> str | None:
        """*docname*'s encoded target URI, or None (no URI for it)."""
        cache = self.site.uri_cache
        if docname not in cache:
            try:
                cache[docname] = quote(self.builder.get_target_uri(docname), safe=URI_SAFE)
            except NoUri:
                cache[docname] = None
        return cache[docname]

    def to(self, target: str) -> str:
        """The URL of document or page *target*, or "" where the output has none."""
        if self.base is None:
            return _uri_or_empty(self.builder, self.fromname, target)
        uri = self._target(target)
        return "" if uri is None else osutil.relative_uri(self.base, uri)


def excerpt_url(links: _Links, kind: str, a: str, b: str) -> str:
    """The URL, from the page of *links*, of an excerpt's link token.

    See :data:`sphinx_blogarchive.model._excerpt.LINK`.

    "" where there is none (an unknown label or document, an image Sphinx
    did not copy, a builder without pages).
    """
    builder = links.builder
    env = builder.env
    if kind == "doc":
        uri = links.to(a) if a in env.all_docs else ""
        if uri and a == links.fromname and b:
            return f"#{quote(b, safe=URI_SAFE)}"
        if not uri and a == links.fromname:
            uri = quote(posixpath.basename(builder.get_target_uri(a)), safe=URI_SAFE) or "./"
        return f"{uri}#{quote(b, safe=URI_SAFE)}" if uri and b else uri
    if kind == "ref":
        std = env.domaindata.get("std", {})
        found = std.get("labels", {}).get(a) or std.get("anonlabels", {}).get(a)
        if not found or not found[0]:
            return ""
        return excerpt_url(links, "doc", found[0], found[1] or "")
    if kind == "file":
        return links.root + quote(a, safe=URI_SAFE)
    if kind == "download":
        # Keys are paths from the source folder: str, or Path in Sphinx 8.2+.
        files = getattr(env, "dlfiles", {})
        copied = files.get(a) or files.get(Path(a))
        return links.root + quote(f"_downloads/{copied[1]}", safe=URI_SAFE) if copied else ""
    if kind == "image":
        copied = getattr(env, "images", {}).get(a)
        return links.root + quote(f"_images/{copied[1]}", safe=URI_SAFE) if copied else ""
    if kind == "rel" and a in env.all_docs:
        here = posixpath.dirname(builder.get_target_uri(a))
        target = posixpath.normpath(posixpath.join(here, b))
        if target.startswith("../") or target == "..":
            return ""
        return links.root + quote(target, safe=URI_SAFE)
    return ""


def excerpt_for(text: str, builder: Builder, fromname: str, site: Site) -> str:
    """An excerpt's HTML *text* with its links made relative to page *fromname*."""
    if LINK not in text:
        return text
    return resolve_links(text, functools.partial(excerpt_url, _Links(builder, fromname, site)))


def _with_urls(data: Any, links: _Links, pages_ok: bool) -> Any:
    """A copy of *data* where each ``docname``/``page`` gets a relative ``url``.

    The URL is empty where the output has no such page.
    """
    if isinstance(data, list):
        return [_with_urls(item, links, pages_ok) for item in data]
    if not isinstance(data, dict):
        return data
    # Leaves are kept without a call: this runs for every value of every page.
    result = {
        k: _with_urls(v, links, pages_ok) if isinstance(v, (dict, list)) else v
        for k, v in data.items()
    }
    if "groups" in data and pages_ok:
        result["index_url"] = links.root + quote(links.site.index_json_path())
    for key in ("image", "avatar"):
        image = data.get(key)
        if isinstance(image, str) and image and "://" not in image and not image.startswith("//"):
            result[key] = links.root + quote(image)
    excerpt = data.get("excerpt")
    if isinstance(excerpt, str) and LINK in excerpt:
        result["excerpt"] = resolve_links(excerpt, functools.partial(excerpt_url, links))
    if data.get("docname"):
        docname = data["docname"]
        linked = links.site.links_to(links.builder, docname)
        result["url"] = links.to(docname) if linked else ""
    elif "page" in data:
        page = data["page"]
        result["url"] = links.to(page) if page and pages_ok else ""
    elif "file" in data:
        # An output file of the extension's (a feed): only where pages are.
        result["url"] = _file_uri(links.builder, links.fromname, data["file"]) if pages_ok else ""
    return result


def _file_uri(builder: Builder, fromname: str, path: str) -> str:
    """The relative URI from page *fromname* to the output file *path*, percent-encoded."""
    from sphinx.util.osutil import relative_uri as relative

    return quote(relative(builder.get_target_uri(fromname), path), safe=URI_SAFE)


def page_links(builder: Builder, fromname: str, site: Site) -> Callable[[Any], Any]:
    """A function giving a copy of listing data with relative ``url`` keys for page *fromname*."""
    links = _Links(builder, fromname, site)
    pages_ok = links_pages(builder, site)
    return lambda data: _with_urls(data, links, pages_ok)


def render_html(
    builder: Builder, template: str, data: dict[str, Any], fromname: str, site: Site
) -> str:
    """Render *data* with the package template *template* for page *fromname*."""
    context = _with_urls(data, _Links(builder, fromname, site), links_pages(builder, site))
    templates = cast("StandaloneHTMLBuilder", builder).templates
    return str(templates.render(template, {"blog": context, "labels": site_labels(site)}))


def can_render_html(builder: Builder) -> bool:
    """True when *builder* writes HTML through a Jinja template bridge."""
    return builder.format == "html" and hasattr(builder, "templates")


def _ref(builder: Builder, fromname: str, target: str, text: str) -> nodes.Element:
    """A link to document *target*, or its text where the builder has no URI for it."""
    uri = _uri_or_empty(builder, fromname, target)
    if not uri:
        return nodes.inline(text, text)
    ref = nodes.reference("", "", internal=True)
    ref["refuri"] = uri
    ref += nodes.inline(text, text)
    return ref


def listing_nodes(
    builder: Builder, data: dict[str, Any], fromname: str, site: Site
) -> list[nodes.Element]:
    """A listing as docutils nodes (for builders without HTML templates)."""
    result: list[nodes.Element] = []
    ordered = bool(data.get("ordered"))
    if data.get("pinned"):
        text = labels()["pinned_posts"]
        result.append(nodes.rubric(text, text, classes=["blogarchive-pinned"]))
        result.append(_entry_list(builder, data["pinned"], fromname, site))
    for grp in data["groups"]:
        if grp["heading"]:
            result.append(nodes.rubric(grp["heading"], grp["heading"]))
        result.append(_entry_list(builder, grp["entries"], fromname, site, ordered))
    return result


def _entry_list(
    builder: Builder,
    entries: list[dict[str, Any]],
    fromname: str,
    site: Site,
    ordered: bool = False,
) -> nodes.Element:
    """Listing *entries* as a bullet list (an enumerated one when *ordered*)."""
    items: nodes.Element = (
        nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        if ordered
        else nodes.bullet_list()
    )
    items["classes"].append("blogarchive-postlist")
    for entry in entries:
        para = nodes.paragraph()
        if site.links_to(builder, entry["docname"]):
            para += _ref(builder, fromname, entry["docname"], entry["title"])
        else:
            para += nodes.inline(entry["title"], entry["title"])
        if entry.get("subtitle"):
            para += nodes.Text(" \N{EM DASH} " + entry["subtitle"])
        if entry.get("date"):
            para += nodes.Text(f" ({entry['date']['text']})")
        if entry.get("authors"):
            para += nodes.Text(", ".join(f" {a['name']}" for a in entry["authors"]))
        items += nodes.list_item("", para)
    return items


def index_nodes(data: dict[str, Any]) -> list[nodes.Element]:
    """An index (tags, years, ...) as docutils nodes: names and counts, no links."""
    items = nodes.bullet_list(classes=["blogarchive-index"])
    for item in data["items"]:
        items += nodes.list_item("", nodes.paragraph(text=f"{item['name']} ({item['count']})"))
    return [items]


def header_nodes(data: dict[str, Any]) -> list[nodes.Element]:
    """A post header as docutils nodes: subtitle, dates and names as text."""
    result: list[nodes.Element] = []
    if data["status"] in ("draft", "future"):
        label = labels()["draft" if data["status"] == "draft" else "scheduled"]
        result.append(nodes.paragraph(text=f"[{label}]", classes=["blogarchive-status"]))
    if data["subtitle"]:
        result.append(nodes.paragraph(text=data["subtitle"], classes=["blogarchive-subtitle"]))
    parts = []
    if data["date"]:
        parts.append(data["date"]["text"])
    if data["updated"]:
        parts.append(f"{labels()['updated']} {data['updated']['text']}")
    for key in ("authors", "categories", "tags"):
        if data[key]:
            parts.append(", ".join(item["name"] for item in data[key]))
    if parts:
        result.append(nodes.paragraph(text=" · ".join(parts), classes=["blogarchive-meta"]))
    if series := data.get("series"):
        words = labels()
        part = words["series_part"] % {"part": series["part"], "of": series["of"]}
        text = f"{words['series']} {series['name']} · {part}"
        result.append(nodes.paragraph(text=text, classes=["blogarchive-series"]))
    return result
