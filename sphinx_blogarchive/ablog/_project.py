"""Reading ABlog projects: its ``post`` and ``update`` directives, ``blogpost: true``, settings.

* ``.. post:: 15 January 2024`` (ABlog's signature: an optional date and
  options) marks its document a post wherever it is and carries metadata;
  it leaves an :class:`ablog_post` node that :mod:`sphinx_blogarchive.extension._collect` reads (and
  removes) on ``doctree-read``, merged under the front matter or field list.
* A document whose metadata says ``blogpost: true`` is a post even outside
  ``blogarchive_post_pattern``.
* With ABlog's ``blog_post_pattern`` set, every document it matches is an
  ABlog post too.
* An ABlog post's fields are read as ABlog reads them
  (:func:`fields_adjuster`): dates by ``post_date_format``, else dateutil;
  author labels by ``blog_authors``; ``redirect`` as ``redirect_from``;
  comma lists without their quotes. One without a date is ABlog's draft.
* ABlog's configuration names are read and mapped to ours on
  ``config-inited``, with one ``blogarchive.config`` warning each.

ABlog's site conventions (post labels, its placeholder page, sidebar names)
are in :mod:`sphinx_blogarchive.extension._ablog_site` and ``templates/ablog/``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_blogarchive.config._config import BlogConfig
from sphinx_blogarchive.config._reference import OptionDoc
from sphinx_blogarchive.config._values import DEFAULT_PATHS
from sphinx_blogarchive.model._post_metadata import NOT_LISTED
from sphinx_blogarchive.model._readers import Problem, RawField, RawValue
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)
_ = get_translation("sphinx_blogarchive")
__ = get_translation("sphinx_blogarchive", "console")

#: ABlog's default ``post_date_format``.
ABLOG_DATE_FORMAT = "%d %B %Y"
#: Other date spellings ABlog projects use (ABlog falls back to dateutil).
_DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d", "%Y/%m/%d")

#: ABlog settings we read, mapped on config-inited (default None = not set),
#: each with what it becomes here (the migration guide's reference).
ABLOG_SETTINGS: dict[str, str] = {
    "blog_path": '`blogarchive_paths` and `blogarchive_url_layout = "ablog"`: ABlog\'s URLs '
    "(below)",
    "blog_title": "`blogarchive_title`",
    "blog_baseurl": "Sphinx's `html_baseurl` (set when empty)",
    "blog_post_pattern": "`blogarchive_post_pattern`",
    "post_date_format": "`blogarchive_date_format` (and how directive dates are read)",
    "blog_authors": "read for author labels in posts: `{label: (name, link)}`",
    "blog_default_author": "read for posts without an author",
    "blog_feed_length": "`blogarchive_feed_length` (not set, in ABlog's layout: `0`, every post, "
    "as in ABlog)",
    "blog_feed_archives": '`blogarchive_feed_taxonomies` with `"year"`: a feed for each tag, '
    "category, author and year, at ABlog's URLs (`blog/tag/python/atom.xml`)",
    "blog_feed_fulltext": '`blogarchive_feed_content = "full"`',
}


class ablog_post(nodes.General, nodes.Element):
    """Where an ABlog ``post`` directive stood: its ``fields`` (name -> value) and ``line``."""


#: The quotes ABlog strips from each item of a comma-separated list.
_QUOTES = "\"'"


def _split(argument: str | None) -> list[str]:
    """ABlog's list: comma-separated items, each stripped of spaces and quotes.

    ``cicd, "github actions"`` gives ``["cicd", "github actions"]``, as
    ABlog reads it (its front matter reader strips the quotes; a ``[...]``
    around the whole list goes too).
    """
    text = (argument or "").strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    items = (part.strip().strip(_QUOTES).strip() for part in text.split(","))
    return [item for item in items if item]


def _ignored(argument: str | None) -> str:
    return (argument or "").strip()


def ablog_date(text: str, date_format: str | None) -> str:
    """An ABlog date (written in *date_format*, ABlog's ``post_date_format``) in ISO form.

    As ABlog reads it: *date_format* (and the usual spellings) first, then
    dateutil's parser, which ABlog falls back to (``3rd November 2021``,
    ``Jan 8th, 2024``; a missing day or year is taken from today, as in
    ABlog). Text none of them reads is returned stripped, for the usual date
    parser to accept or report.
    """
    value = text.strip()
    # An ISO date (the common case) reads the same in every format tried
    # below, unless the blog's own format is another order of digits.
    if len(value) == 10 and date_format in (None, ABLOG_DATE_FORMAT, "%Y-%m-%d"):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    for fmt in (date_format or ABLOG_DATE_FORMAT, ABLOG_DATE_FORMAT, *_DATE_FORMATS):
        try:
            parsed = dt.datetime.strptime(value, fmt)  # noqa: DTZ007 (naive: blog time zone)
        except ValueError:
            continue
        return _iso(parsed)
    return _dateutil_date(value) or value


def _iso(parsed: dt.datetime) -> str:
    if parsed.time() == dt.time() and parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="minutes")


def _dateutil_date(value: str) -> str | None:
    """*value* read by dateutil's parser (ABlog's fallback) in ISO form, or None."""
    from dateutil.parser import ParserError, parse

    try:
        return _iso(parse(value))
    except (ParserError, ValueError, OverflowError):
        return None


class PostDirective(SphinxDirective):
    """ABlog's ``post``: ``.. post:: <date>`` with ``:tags:``, ``:category:``, ``:author:``...

    ``:redirect:`` (former page names) becomes ``redirect_from``. Options
    without a counterpart here (``:location:``, ``:language:``, ``:image:``
    as a number, ``:excerpt:`` as a number, ``:nocomments:``,
    ``:external_link:``, ``:canonical_link:``, ``:exclude:``) are accepted
    and ignored. Content, if any, is the excerpt.
    """

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "tags": _split,
        "category": _split,
        "author": _split,
        "title": directives.unchanged,
        "image": _ignored,
        "excerpt": _ignored,
        "draft": directives.flag,
        "redirect": _split,
        # Accepted and ignored.
        "location": _split,
        "language": _split,
        "exclude": directives.flag,
        "nocomments": directives.flag,
        "canonical_link": directives.unchanged,
        "external_link": directives.unchanged,
    }
    #: Each option in the migration guide's reference (what it becomes here).
    option_docs: ClassVar[dict[str, OptionDoc]] = {
        "tags": OptionDoc("`tags`"),
        "category": OptionDoc("`categories`"),
        "author": OptionDoc(
            "`authors`; labels become the names in `blog_authors`; `blog_default_author` "
            "when absent"
        ),
        "title": OptionDoc("`title`"),
        "image": OptionDoc("a path is the post's `image`; ABlog's image number is ignored"),
        "excerpt": OptionDoc(
            "ABlog's paragraph count is ignored; the directive's content, if any, is the excerpt"
        ),
        "draft": OptionDoc("`draft: true`: a draft"),
        "redirect": OptionDoc(
            "`redirect_from`: each former page name gets a redirect page to the post"
        ),
        **dict.fromkeys(
            (
                "location",
                "language",
                "exclude",
                "nocomments",
                "canonical_link",
                "external_link",
            ),
            OptionDoc("accepted and ignored"),
        ),
    }

    def run(self) -> list[nodes.Node]:
        """Leave an :class:`ablog_post` node holding the metadata."""
        fields: dict[str, Any] = {}
        if self.arguments:
            fields["date"] = self.arguments[0].strip()
        for option, name in (("tags", "tags"), ("category", "categories")):
            if self.options.get(option):
                fields[name] = self.options[option]
        if self.options.get("author"):
            fields["authors"] = self.options["author"]
        if self.options.get("title", "").strip():
            fields["title"] = self.options["title"].strip()
        if "draft" in self.options:
            fields["draft"] = "true"
        if self.options.get("redirect"):
            fields["redirect_from"] = self.options["redirect"]
        image = self.options.get("image", "")
        if image and not image.isdigit():
            fields["image"] = image
        if self.content:
            fields["excerpt"] = " ".join(line.strip() for line in self.content if line.strip())
        _, line = self.get_source_info()
        node = ablog_post("", fields=fields, line=line)
        self.set_source_info(node)
        return [node]


class UpdateDirective(SphinxDirective):
    """ABlog's ``update``: ``.. update:: 20 April 2024`` and a note, shown as an admonition.

    On a page with a ``post`` directive, the last update's date is the
    post's ``updated`` date (unless its metadata gives one).
    """

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        """An admonition titled with the date, holding the content."""
        date = self.arguments[0].strip()
        node = nodes.admonition("", classes=["note", "update", "blogarchive-update"])
        node["blogarchive_update"] = date
        node += nodes.title("", _("Updated on %s") % date)
        self.set_source_info(node)
        node.extend(self.parse_content_to_nodes())
        return [node]


def _default_authors(config: Config) -> list[str]:
    default = config.blog_default_author
    if not default:
        return []
    return [default] if isinstance(default, str) else [str(a) for a in default]


def _author_name(names: Any, label: str) -> str:
    """The full name ABlog's ``blog_authors`` gives *label* (``{label: (name, link)}``)."""
    entry = names.get(label) if isinstance(names, dict) else None
    if isinstance(entry, list | tuple) and entry and isinstance(entry[0], str):
        return entry[0]
    return label


def directive_fields(doctree: nodes.document) -> dict[str, RawField] | None:
    """The fields of the document's ABlog ``post`` directive (removed), or None.

    The first directive counts (ABlog's one post per document); all are
    removed from *doctree*.
    """
    found = list(doctree.findall(ablog_post))
    if not found:
        return None
    first = found[0]
    line = first.get("line")
    fields: dict[str, RawField] = {
        name: RawField(value, line) for name, value in first["fields"].items()
    }
    for node in found:
        node.parent.remove(node)
    updates = [node for node in doctree.findall(nodes.admonition) if node.get("blogarchive_update")]
    if updates:
        fields.setdefault("updated", RawField(updates[-1]["blogarchive_update"], updates[-1].line))
    return fields


def is_ablog_project(config: Config) -> bool:
    """True for a project that sets ABlog's ``blog_post_pattern``.

    There, every document the post pattern matches is read as ABlog reads
    its posts (dates, author labels, ``redirect``, undated = draft). Without
    it, ABlog finds posts by their directive or ``blogpost: true`` only, and
    so do we (the pattern's other documents follow this extension's rules).
    """
    return config.blog_post_pattern is not None


def is_no_date(problem: Problem) -> bool:
    """True for the "post has no date" problem (an ABlog draft has none, by design)."""
    return problem.subtype is Subtype.DATE and problem.message.startswith("post has no date")


def draft_problem(line: int | None) -> Problem:
    """The problem of an ABlog post without a date (at *line*): ABlog's draft, not listed."""
    return as_draft(Problem(Subtype.DATE, "post has no date", line))


def as_draft(problem: Problem) -> Problem:
    """The "post has no date" *problem* of an ABlog post, saying it is ABlog's draft."""
    message = f"post has no date: a draft, as ABlog reads it{NOT_LISTED}"
    return dataclasses.replace(problem, message=message)


def marked_post(doctree: nodes.document) -> bool:
    """True when the document's metadata says ``blogpost: true`` (ABlog's marker).

    Both readers leave the metadata block in the ``docinfo`` node at this
    point: the rST field list, and MyST's front matter.
    """
    for field in doctree.findall(nodes.field):
        if not isinstance(field.parent, nodes.docinfo) or len(field) < 2:
            continue
        if field[0].astext().strip().lower() == "blogpost":
            return field[1].astext().strip().lower() in ("true", "yes", "1")
    return False


def fields_adjuster(config: Config) -> Callable[[dict[str, RawField]], dict[str, RawField]]:
    """A function that rewrites an ABlog post's fields the way ABlog reads them.

    Dates in ABlog's ``post_date_format`` (or its usual spellings) become
    ISO dates; author labels become the names ``blog_authors`` gives them,
    and a post without authors gets ``blog_default_author``.
    """
    date_format = config.post_date_format
    names = config.blog_authors or {}
    default = _default_authors(config)

    def adjust(fields: dict[str, RawField]) -> dict[str, RawField]:
        # ABlog's list fields, read as ABlog reads them (quotes stripped).
        for key in ("tags", "tag", "category", "categories"):
            raw = fields.get(key)
            if raw is not None and isinstance(raw.value, str):
                items: list[RawValue] = list(_split(raw.value))
                fields[key] = RawField(items, raw.line)
        redirect = fields.pop("redirect", None)
        if redirect is not None and "redirect_from" not in fields:
            value = redirect.value
            former: RawValue = list(_split(value)) if isinstance(value, str) else value
            fields["redirect_from"] = RawField(former, redirect.line)
        for key in ("date", "updated"):
            raw = fields.get(key)
            if raw is not None and isinstance(raw.value, str):
                fields[key] = RawField(ablog_date(raw.value, date_format), raw.line)
        key = "authors" if "authors" in fields else "author"
        raw = fields.get(key)
        labels: list[str] = []
        if raw is not None and isinstance(raw.value, str):
            labels = _split(raw.value)
        elif raw is not None and isinstance(raw.value, list):
            labels = [str(v) for v in raw.value if isinstance(v, str)]
        if labels:
            authors: list[RawValue] = [_author_name(names, label) for label in labels]
            fields[key] = RawField(authors, raw.line if raw else None)
        elif raw is None and default:
            fields["authors"] = RawField([_author_name(names, a) for a in default], None)
        return fields

    return adjust


def ablog_paths(blog_path: str) -> dict[str, str]:
    """``blogarchive_paths`` for ABlog's layout under *blog_path* (years beside the archive)."""
    base = str(blog_path).strip("/") or DEFAULT_PATHS["archive"]
    return {
        "archive": base,
        "tag": f"{base}/tag",
        "category": f"{base}/category",
        "author": f"{base}/author",
        "year": base,
        "series": f"{base}/series",
    }


def _mapped(config: Config) -> dict[str, list[tuple[str, Any]]]:
    """``{ablog name: [(our name, value), ...]}`` for the ABlog settings *config* sets."""
    out: dict[str, list[tuple[str, Any]]] = {}

    def value(name: str) -> Any:
        return getattr(config, name, None)

    if (title := value("blog_title")) is not None:
        out["blog_title"] = [("blogarchive_title", str(title))]
    if (path := value("blog_path")) is not None:
        # ABlog's URLs: blog.html, blog/archive.html, blog/tag.html, blog/2024.html...
        out["blog_path"] = [
            ("blogarchive_paths", ablog_paths(str(path))),
            ("blogarchive_url_layout", "ablog"),
        ]
    if (pattern := value("blog_post_pattern")) is not None:
        out["blog_post_pattern"] = [("blogarchive_post_pattern", pattern)]
    if (fmt := value("post_date_format")) is not None:
        out["post_date_format"] = [("blogarchive_date_format", str(fmt))]
    if (length := value("blog_feed_length")) is not None:
        out["blog_feed_length"] = [("blogarchive_feed_length", length)]
    if value("blog_feed_archives"):
        kinds = ["tag", "category", "author", "year"]
        out["blog_feed_archives"] = [("blogarchive_feed_taxonomies", kinds)]
    if value("blog_feed_fulltext") is not None:
        content = "full" if value("blog_feed_fulltext") else "excerpt"
        out["blog_feed_fulltext"] = [("blogarchive_feed_content", content)]
    return out


def map_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: map the ABlog settings *config* sets, one warning each.

    A ``blogarchive_*`` value the project sets itself wins. ``blog_path``
    sets both ``blogarchive_paths`` and ``blogarchive_url_layout``.
    ``blog_baseurl`` fills Sphinx's ``html_baseurl`` when that is empty;
    ``blog_authors`` and ``blog_default_author`` are read by the ``post``
    directive.
    """
    defaults = {f.name: f for f in _fields()}
    for old, pairs in _mapped(config).items():
        used: list[str] = []
        for new, value in pairs:
            taken = _set_by_project(config, new, defaults[new.removeprefix("blogarchive_")])
            if not taken:
                setattr(config, new, value)
            used.append(
                new if not taken else f"{new} (which the project sets; {old} not read for it)"
            )
        _deprecated(old, " and ".join(used))
    feed_length = defaults["feed_length"]
    if (
        config.blogarchive_url_layout == "ablog"
        and config.blog_feed_length is None
        and not _set_by_project(config, "blogarchive_feed_length", feed_length)
    ):
        # ABlog's feeds hold every post unless blog_feed_length says otherwise.
        config.blogarchive_feed_length = 0
    if config.blog_baseurl is not None:
        if not getattr(config, "html_baseurl", ""):
            config.html_baseurl = str(config.blog_baseurl)
        _deprecated("blog_baseurl", "html_baseurl")
    for name in ("blog_authors", "blog_default_author"):
        if getattr(config, name) is not None:
            _deprecated(name, "author names in each post (read for ABlog's post directive)")


def _set_by_project(config: Config, name: str, f: Any) -> bool:
    """True when conf.py or an override (``-D``) sets *name* (*f*: its dataclass field).

    Sphinx keeps conf.py's names and the overrides in ``_raw_config`` and
    ``_overrides`` (no public API tells a value set to its default from one
    left alone); read defensively, with the value compared to the default
    when they are missing.
    """
    raw = getattr(config, "_raw_config", None)
    overrides = getattr(config, "_overrides", None)
    if isinstance(raw, dict) and isinstance(overrides, dict):
        return name in raw or name in overrides
    default = f.default_factory() if callable(f.default_factory) else f.default
    return bool(getattr(config, name) != default)


def _fields() -> tuple[Any, ...]:
    return dataclasses.fields(BlogConfig)


def _deprecated(old: str, new: str) -> None:
    logger.warning(
        __("%s is an ABlog setting, read for now; use %s"),
        old,
        new,
        type=WARNING_TYPE,
        subtype=Subtype.CONFIG,
    )


def setup_ablog(app: Sphinx) -> None:
    """Register the ``post`` directive, its node and ABlog's setting names."""
    app.add_node(ablog_post)
    app.add_directive("post", PostDirective)
    app.add_directive("update", UpdateDirective)
    for name in ABLOG_SETTINGS:
        if name not in app.config:
            app.add_config_value(name, None, "env")
    app.connect("config-inited", map_settings, priority=350)
