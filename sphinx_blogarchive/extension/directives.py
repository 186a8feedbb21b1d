"""Blog directives and placeholder nodes, and filling them at write time.

``blog:archive`` makes its page the archive, ``blog:index`` makes its page
the index of tags, categories, authors or years, and ``postlist`` (also
``blog:postlist``) lists a selection of posts anywhere. Each leaves a
:class:`listing_placeholder` in the doctree and records its
:class:`~sphinx_blogarchive.model._listing.ListingSpec` in the domain; post pages get a
:class:`post_header`. A ``doctree-resolved`` handler replaces them from the
domain's data, so what they show is always that of the current build.

``blog:book`` is the exception: a toctree must be in the doctree before
Sphinx assembles a book from it, so the directive writes the toctree of the
posts itself, and :mod:`._book` reads its document after every other one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote, unquote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_blogarchive.config._reference import OptionDoc
from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.model._listing import (
    BOOK_SORTS,
    CONTENTS,
    DEFAULT_FIELDS,
    FIELDS,
    GROUPINGS,
    INDEX_KINDS,
    LAYOUTS,
    SORTS,
    BookSpec,
    ListingSpec,
)
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _render
from sphinx_blogarchive.pages._nodes import listing_placeholder, post_footer, post_header

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A ``{name}`` placeholder of ABlog's ``:format:``.
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: A CSS keyword (``circle``, ``lower-roman``).
_CSS_WORD = re.compile(r"^[a-z][a-z-]*$")


def _names(argument: str | None) -> tuple[str, ...]:
    if not argument:
        return ()
    return tuple(part.strip() for part in argument.split(",") if part.strip())


def _years(argument: str | None) -> tuple[int, ...]:
    return tuple(int(year) for year in _names(argument))


class _BlogDirective(SphinxDirective):
    """Common part: record a spec, leave a placeholder."""

    def place(self, spec: ListingSpec) -> list[nodes.Node]:
        index = get_domain(self.env).note_listing(self.env.docname, spec)
        node = listing_placeholder("", index=index, docname=self.env.docname)
        self.set_source_info(node)
        return [node]

    def problem(self, message: str) -> list[nodes.Node]:
        logger.warning(
            message,
            type=WARNING_TYPE,
            subtype=Subtype.DIRECTIVE,
            location=self.get_location(),
        )
        return []


#: The ``:replace:`` option of ``blog:archive`` and ``blog:index``.
_REPLACE_DOC = OptionDoc(
    "this document replaces the generated page, and links to the archive or index lead "
    "here; without it, only a document at the generated page's own name does (see "
    "{doc}`pages`), and elsewhere the directive only lists",
    "no value",
    "off",
)


class ArchiveDirective(_BlogDirective):
    """``blog:archive``: every post, by year; the archive page itself (see ``:replace:``)."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"replace": directives.flag}
    option_docs: ClassVar[dict[str, OptionDoc]] = {"replace": _REPLACE_DOC}

    def run(self) -> list[nodes.Node]:
        """Record the archive on this page."""
        replace = "replace" in self.options
        return self.place(ListingSpec(kind="archive", group_by="year", replace=replace))


class IndexDirective(_BlogDirective):
    """``blog:index tags|categories|authors|years``: that index (the page itself: ``:replace:``)."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"replace": directives.flag}
    option_docs: ClassVar[dict[str, OptionDoc]] = {"replace": _REPLACE_DOC}

    def run(self) -> list[nodes.Node]:
        """Record the index on this page."""
        which = self.arguments[0].strip().lower()
        if which not in INDEX_KINDS:
            return self.problem(f"blog:index takes one of {', '.join(INDEX_KINDS)}, not {which!r}")
        replace = "replace" in self.options
        return self.place(ListingSpec(kind="index", index_of=which, replace=replace))


def _choice(values: tuple[str, ...]) -> Callable[[str], str]:
    def convert(argument: str) -> str:
        return str(directives.choice(argument, values))

    return convert


def _sort(argument: str | None) -> str:
    # ABlog's ``:sort:`` is a flag: oldest first.
    return "oldest" if not (argument or "").strip() else _choice(SORTS)(argument or "")


class PostListDirective(_BlogDirective):
    """``postlist``: a selection of published posts, newest first by default.

    ABlog's form is accepted too: an optional number of posts (``:limit:``),
    ``:sort:`` as a flag (oldest first), ``:excerpts:`` (show excerpts),
    ``:format:`` (its ``{date}``, ``{author}``, ``{category}``, ``{tags}``
    choose the fields shown, unless ``:fields:`` does), ``:date:`` (the
    dates' strftime format) and ``:list-style:`` (the list's CSS
    ``list-style-type``); ``:expand:``, ``:location:`` and ``:language:``
    are accepted and ignored.
    """

    optional_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "tags": directives.unchanged,
        "match": _choice(("any", "all")),
        "category": directives.unchanged,
        "author": directives.unchanged,
        "year": directives.unchanged,
        "sort": _sort,
        "group-by": _choice(GROUPINGS),
        "limit": directives.nonnegative_int,
        "exclude-current": directives.flag,
        "from": directives.unchanged,
        "to": directives.unchanged,
        "layout": _choice(LAYOUTS),
        "fields": directives.unchanged,
        "content": _choice(CONTENTS),
        # ABlog's options (see the class docstring).
        "excerpts": directives.flag,
        **dict.fromkeys(
            ("list-style", "format", "date", "expand", "location", "language"),
            directives.unchanged,
        ),
    }
    #: ABlog's ``:format:`` placeholders and the field each shows (None: always shown).
    ABLOG_FORMAT_FIELDS: ClassVar[dict[str, str | None]] = {
        "title": None,
        "date": "date",
        "author": "author",
        "category": "category",
        "tags": "tags",
    }
    #: Each option in the reference (docs/guide/directives-and-roles.md).
    option_docs: ClassVar[dict[str, OptionDoc]] = {
        "tags": OptionDoc(
            "only posts with these tags (any spelling, see {doc}`taxonomies`)",
            "tag names, separated by commas",
            "all posts",
        ),
        "match": OptionDoc(
            "with `:tags:`: posts with at least one of the tags, or with all of them",
            "`any` or `all`",
            "`any`",
        ),
        "category": OptionDoc(
            "only posts in one of these categories", "category names, separated by commas", "all"
        ),
        "author": OptionDoc(
            "only posts by one of these authors", "author names, separated by commas", "all"
        ),
        "year": OptionDoc("only posts of these years", "years, separated by commas", "all"),
        "sort": OptionDoc(
            "the order; `title` is alphabetical, without regard to case; `updated` puts the "
            "most recently updated first (a post's `updated` date, else its date)",
            "`newest`, `oldest`, `title` or `updated`",
            "`newest`",
        ),
        "group-by": OptionDoc(
            "`year` puts the posts under year headings that link to the year pages; "
            "`month` under month headings",
            "`none`, `year` or `month`",
            "`none`",
        ),
        "limit": OptionDoc("show at most this many posts (after sorting)", "a number", "`0` (all)"),
        "exclude-current": OptionDoc(
            'on a post\'s page, leave that post out ("more on this topic")', "no value", "off"
        ),
        **dict.fromkeys(
            ("from", "to"),
            OptionDoc(
                "only posts whose shown date is on or after `:from:` and on or before `:to:`",
                "a date, `YYYY-MM-DD`",
                "none",
            ),
        ),
        "layout": OptionDoc(
            "`list`: a title, then the fields, per row (as the archive); `table`: one row per "
            "post, a column per field; `cards`: a sphinx-design grid of cards, with the post's "
            "`image` on top when it has one (needs `sphinx_design` in `extensions`; without "
            "it, a list and a `blogarchive.directive` warning)",
            "`list`, `table` or `cards`",
            "`list`",
        ),
        "fields": OptionDoc(
            "what each entry shows besides its title: `date`, `updated`, `subtitle`, `tags`, "
            "`category`, `author`, `excerpt`, `reading-time`",
            "field names, separated by commas",
            "`date, subtitle`",
        ),
        "content": OptionDoc(
            "`full` shows each post whole (as its page does, without its title and header) "
            "under its fields, instead of the excerpt: on HTML builders, with the `list` or "
            "`cards` layout; elsewhere the listing shows its fields only",
            "`excerpt` or `full`",
            "`excerpt`",
        ),
        "excerpts": OptionDoc(
            "ABlog's spelling: show each post's excerpt (as `:fields: date, subtitle, excerpt`)",
            "no value",
            "off",
        ),
        "format": OptionDoc(
            "ABlog's spelling of `:fields:`: its placeholders `{date}`, `{author}`, "
            "`{category}`, `{tags}` choose the fields shown (the title always is; the text "
            "between them is not shown); `:fields:`, when given, wins",
            'a format string, `"{title} by {author}"`',
            "none",
        ),
        "date": OptionDoc(
            "ABlog's option: the dates of this listing in this strftime format",
            'a strftime format, `"%Y-%m-%d"`',
            "`blogarchive_date_format`",
        ),
        "list-style": OptionDoc(
            "ABlog's option: the list's CSS `list-style-type` (the `list` layout)",
            "`circle`, `disc`, `square`, `none`...",
            "the theme's",
        ),
        **dict.fromkeys(
            ("expand", "location", "language"),
            OptionDoc(
                "ABlog's options, accepted and ignored so an ABlog page builds "
                "(see {doc}`migrating-from-ablog`)",
                "anything",
                "none",
            ),
        ),
    }

    def run(self) -> list[nodes.Node]:
        """Record the selection on this page."""
        try:
            years = _years(self.options.get("year"))
        except ValueError:
            return self.problem(f"postlist :year: takes years, not {self.options['year']!r}")
        bounds = {}
        for option in ("from", "to"):
            value = self.options.get(option, "").strip()
            if value and not _ISO_DATE.match(value):
                return self.problem(f"postlist :{option}: takes a YYYY-MM-DD date, not {value!r}")
            bounds[option] = value
        fields = _names(self.options.get("fields")) if "fields" in self.options else DEFAULT_FIELDS
        if "format" in self.options and "fields" not in self.options:
            fields = self._format_fields(self.options["format"])
        if "excerpts" in self.options and "excerpt" not in fields:
            fields = (*fields, "excerpt")
        limit = self.options.get("limit", 0)
        if self.arguments:
            try:
                limit = directives.nonnegative_int(self.arguments[0])
            except ValueError:
                return self.problem(f"postlist takes a number of posts, not {self.arguments[0]!r}")
        unknown = [f for f in fields if f not in FIELDS]
        if unknown:
            return self.problem(
                f"postlist :fields: takes {', '.join(FIELDS)}; not {', '.join(map(repr, unknown))}"
            )
        layout = self.options.get("layout", "list")
        if layout == "cards" and "sphinx_design" not in self.config.extensions:
            self.problem("postlist :layout: cards needs the sphinx_design extension; using a list")
            layout = "list"
        content = self.options.get("content", "excerpt")
        if content == "full" and layout == "table":
            self.problem("postlist :content: full cannot go into a table; using a list")
            layout = "list"
        list_style = self.options.get("list-style", "").strip().strip("\"'")
        if list_style and not _CSS_WORD.match(list_style):
            self.problem(f"postlist :list-style: takes a CSS list-style-type, not {list_style!r}")
            list_style = ""
        spec = ListingSpec(
            kind="postlist",
            tags=_names(self.options.get("tags")),
            match=self.options.get("match", "any"),
            categories=_names(self.options.get("category")),
            authors=_names(self.options.get("author")),
            years=years,
            exclude_current="exclude-current" in self.options,
            sort=self.options.get("sort", "newest"),
            group_by=self.options.get("group-by", "none"),
            limit=limit,
            start=bounds["from"],
            end=bounds["to"],
            layout=layout,
            fields=fields,
            content=content,
            date_format=self.options.get("date", "").strip().strip("\"'"),
            list_style=list_style,
        )
        return self.place(spec)

    def _format_fields(self, text: str) -> tuple[str, ...]:
        """The fields ABlog's ``:format:`` *text* shows, in its order (a warning for others)."""
        text = text.strip().strip("\"'")
        fields: list[str] = []
        for name in _PLACEHOLDER.findall(text):
            if name not in self.ABLOG_FORMAT_FIELDS:
                self.problem(f"postlist :format: {{{name}}} has no counterpart here; left out")
            elif (field := self.ABLOG_FORMAT_FIELDS[name]) is not None and field not in fields:
                fields.append(field)
        return tuple(fields)


class BookDirective(SphinxDirective):
    """``blog:book``: the published posts as a hidden toctree, for builders that make a book.

    On the builders of ``blogarchive_book_builders`` (singlehtml, epub,
    latex, man, texinfo) the directive is a hidden toctree of every published
    post, oldest first (``:sort: newest`` for newest first), so the posts are
    chapters of the book; on the others (html, dirhtml, ...) it is nothing,
    and no post enters the HTML navigation. The posts are known only once
    every document is read; :mod:`._book` sees to it that this document is
    read after them, and again when they change.
    """

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "sort": _choice(BOOK_SORTS),
        "caption": directives.unchanged_required,
    }
    #: Each option in the reference (docs/guide/directives-and-roles.md).
    option_docs: ClassVar[dict[str, OptionDoc]] = {
        "sort": OptionDoc(
            "the order of the posts: `oldest` is the archive's order reversed (the order of "
            "the posts' previous and next links), `newest` the archive's",
            "`oldest` or `newest`",
            "`oldest`",
        ),
        "caption": OptionDoc(
            "the toctree's caption, shown above the posts in the navigation of the single page",
            "text",
            "none",
        ),
    }

    def run(self) -> list[nodes.Node]:
        """Record the book and place its toctree (on a book builder)."""
        docname = self.env.docname
        domain = get_domain(self.env)
        sort = self.options.get("sort", "oldest")
        caption = self.options.get("caption", "")
        entries = domain.book_entries(docname, sort)
        domain.note_book(docname, BookSpec(sort=sort, caption=caption, entries=entries))
        if not entries:
            return []
        toctree = addnodes.toctree()
        toctree["parent"] = docname
        toctree["entries"] = [(None, entry) for entry in entries]
        toctree["includefiles"] = list(entries)
        toctree["maxdepth"] = -1
        toctree["caption"] = caption or None
        if caption:
            toctree["rawcaption"] = caption
        toctree["glob"] = False
        toctree["hidden"] = True
        toctree["includehidden"] = False
        toctree["numbered"] = 0
        toctree["titlesonly"] = False
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper", "blogarchive-book"])
        wrapper += toctree
        return [wrapper]


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the placeholders of *docname* from the domain (every builder)."""
    placeholders = list(doctree.findall(listing_placeholder))
    headers = list(doctree.findall(post_header))
    footers = list(doctree.findall(post_footer))
    if not placeholders and not headers and not footers:
        return
    domain = get_domain(app.env)
    builder = app.builder
    html = _render.can_render_html(builder)
    site = domain.site
    page_data: dict[str, dict[str, object]] = {}

    def data_of(node: nodes.Element) -> dict[str, object]:
        # singlehtml resolves one assembled tree: each node knows its own page.
        owner = node.get("docname") or docname
        if owner not in page_data:
            page_data[owner] = domain.page_data(owner)
        return page_data[owner]

    for header_node in headers:
        header = data_of(header_node).get("header")
        if not isinstance(header, dict):
            header_node.parent.remove(header_node)
            continue
        if html:
            out = _render.render_html(
                builder, "blogarchive/post_header.html", header, docname, site
            )
            header_node.replace_self(nodes.raw("", out, format="html"))
        else:
            header_node.replace_self(_render.header_nodes(header))
    for footer_node in footers:
        footer = data_of(footer_node).get("footer")
        if not isinstance(footer, dict) or not html:
            footer_node.parent.remove(footer_node)  # related posts: HTML only
            continue
        out = _render.render_html(builder, "blogarchive/post_footer.html", footer, docname, site)
        # Related posts and neighbours are other posts' words: "no-search"
        # keeps them out of Sphinx's search index (Sphinx 9 honours it; 7.4 does not).
        if out.strip():
            footer_node.replace_self(nodes.raw("", out, format="html", classes=["no-search"]))
        else:
            footer_node.parent.remove(footer_node)
    for node in placeholders:
        listings = data_of(node).get("listings", [])
        assert isinstance(listings, list)
        index = node["index"]
        listing = listings[index] if index < len(listings) else None
        if listing is None:
            node.parent.remove(node)
            continue
        template = "blogarchive/index.html" if "items" in listing else "blogarchive/postlist.html"
        if html and listing.get("content") == "full":
            listing = _with_bodies(app, listing)
        if html:
            out = _render.render_html(builder, template, listing, docname, site)
            node.replace_self(nodes.raw("", out, format="html"))
        elif "items" in listing:
            node.replace_self(_render.index_nodes(listing))
        else:
            node.replace_self(_render.listing_nodes(builder, listing, docname, site))
    # A document is resolved once per build: its blog content is not needed again.
    domain.release_page_data(page_data)


#: Stands for a post's body in a full-content listing until its page is
#: written (:func:`fill_bodies`): ``<!--blogarchive-body:<docname>-->``.
_BODY = re.compile(r"<!--blogarchive-body:([^<>]*?)-->")


def _with_bodies(app: Sphinx, listing: dict[str, Any]) -> dict[str, Any]:
    """A copy of a full-content *listing* whose entries hold a ``body`` marker.

    The marker is replaced by the post's body when the page is written (see
    :func:`fill_bodies`). A full-content listing met while rendering a body
    (a post that lists posts in full) shows excerpts: it would never end.
    """
    if get_domain(app.env).rendering_bodies:
        return listing
    groups = [
        {
            **group,
            "entries": [
                {**entry, "body": f"<!--blogarchive-body:{quote(entry['docname'])}-->"}
                for entry in group["entries"]
            ],
        }
        for group in listing["groups"]
    ]
    return {**listing, "groups": groups}


def fill_bodies(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """``html-page-context``: put each post's body where a full-content listing marks it.

    The body is rendered as its post's page shows it
    (:func:`sphinx_blogarchive.feeds._html.render_body`, without title, header and footer), then
    rewritten for *pagename* (:func:`sphinx_blogarchive.feeds._html.relocate`): its links reach the
    same
    files from there, its fragment links go to the post's page, and it adds
    no ``id`` that could clash with the page's own.
    """
    body = context.get("body")
    if not isinstance(body, str) or "<!--blogarchive-body:" not in body:
        return
    from sphinx_blogarchive.feeds._html import relocate, render_body

    domain = get_domain(app.env)
    builder = app.builder
    page = builder.get_target_uri(pagename)

    def replace(match: re.Match[str]) -> str:
        docname = unquote(match[1])
        if docname not in domain.posts:
            return ""
        source = builder.get_target_uri(docname)
        return relocate(render_body(app, docname), source, page)

    domain.rendering_bodies = True
    try:
        context["body"] = _BODY.sub(replace, body)
    finally:
        domain.rendering_bodies = False


def setup_directives(app: Sphinx) -> None:
    """Register the nodes, the directives and the resolver."""
    for node in (post_header, post_footer, listing_placeholder):
        app.add_node(node)
    app.add_directive("postlist", PostListDirective)
    app.add_directive_to_domain("blog", "archive", ArchiveDirective)
    app.add_directive_to_domain("blog", "index", IndexDirective)
    app.add_directive_to_domain("blog", "postlist", PostListDirective)
    app.add_directive_to_domain("blog", "book", BookDirective)
    app.connect("doctree-resolved", on_doctree_resolved)
    # fill_bodies runs from the html-page-context handler of ._page_context.
