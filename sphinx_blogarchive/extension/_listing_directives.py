"""The listing directives: ``blog:archive``, ``blog:index`` and ``postlist``.

``blog:archive`` makes its page the archive, ``blog:index`` makes its page
the index of tags, categories, authors or years, and ``postlist`` (also
``blog:postlist``) lists a selection of posts anywhere. Each checks its
options, records its
:class:`~sphinx_blogarchive.model._listing.ListingSpec` in the domain and
leaves a :class:`~sphinx_blogarchive.pages._nodes.listing_placeholder` in
the doctree, which :mod:`._placeholders` fills at write time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_blogarchive.config._reference import OptionDoc
from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.model._listing import (
    CONTENTS,
    DEFAULT_FIELDS,
    FIELDS,
    GROUPINGS,
    INDEX_KINDS,
    LAYOUTS,
    SORTS,
    ListingSpec,
)
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages._nodes import listing_placeholder

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


def choice(values: tuple[str, ...]) -> Callable[[str], str]:
    """An option converter: the argument when it is one of *values*, else :exc:`ValueError`."""

    def convert(argument: str) -> str:
        return str(directives.choice(argument, values))

    return convert


def _sort(argument: str | None) -> str:
    # ABlog's ``:sort:`` is a flag: oldest first.
    return "oldest" if not (argument or "").strip() else choice(SORTS)(argument or "")


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
        "match": choice(("any", "all")),
        "category": directives.unchanged,
        "author": directives.unchanged,
        "year": directives.unchanged,
        "sort": _sort,
        "group-by": choice(GROUPINGS),
        "limit": directives.nonnegative_int,
        "exclude-current": directives.flag,
        "from": directives.unchanged,
        "to": directives.unchanged,
        "layout": choice(LAYOUTS),
        "fields": directives.unchanged,
        "content": choice(CONTENTS),
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
