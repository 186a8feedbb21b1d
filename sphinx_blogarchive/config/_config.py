"""Configuration of sphinx-blogarchive: one dataclass is the single source.

Each field of :class:`BlogConfig` is registered as the Sphinx config value
``blogarchive_<field>`` (see :mod:`._register`), with its default and
metadata from :mod:`._values`; :mod:`._validation` finds the problems of
the values, which are replaced by their defaults on ``config-inited``.
"""

from __future__ import annotations

import dataclasses
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sphinx_blogarchive.config._values import (
    BOOK_BUILDERS,
    DEFAULT_DATE_FORMAT,
    DEFAULT_PATHS,
    FEED_FORMATS,
    FEED_TAXONOMIES,
    PAGE_FAMILIES,
    _meta,
)
from sphinx_blogarchive.model._control import strip_control
from sphinx_blogarchive.model._slugs import term_key

if TYPE_CHECKING:
    from sphinx.config import Config


@dataclass(frozen=True)
class BlogConfig:
    """The validated ``blogarchive_*`` configuration of one build.

    Build it from a Sphinx config with :meth:`from_sphinx`; every value is
    plain data (str, bool, list, dict) so the environment stays picklable.
    """

    post_pattern: list[str] = field(
        default_factory=lambda: ["posts/**"],
        metadata=_meta(
            (list, tuple, str),
            "Glob patterns (Sphinx syntax, relative to the source folder) of the "
            "documents that are posts; matched against the docname and the source path.",
            doc=(
                "Glob patterns of the documents that are posts, in Sphinx's glob syntax, relative "
                "to the source folder. A pattern is matched against the docname "
                "(`posts/2024/hello`) and the source path (`posts/2024/hello.md`), so `posts/**` "
                "and `posts/**.md` both work."
            ),
            shown_type="list of str (one str also works)",
        ),
    )
    timezone: str = field(
        default="",
        metadata=_meta(
            (str,),
            "IANA time zone of the blog's dates (empty: UTC, offsets kept).",
            doc=(
                'The blog\'s time zone, an IANA name such as `"Europe/Berlin"`. A post date written'
                " without an offset is in this zone; a date without a time is midnight (00:00) in "
                "this zone. A date written with an offset is taken into this zone too, so the "
                "post's header, its year and month pages and the feeds all show it there. Empty "
                "(the default): dates without an offset are in UTC, and a date with an offset "
                "keeps it (`2024-12-31T23:30:00-05:00` is in 2024)."
            ),
            default_note="(UTC)",
        ),
    )
    include_drafts: bool = field(
        default=False,
        metadata=_meta(
            (bool,),
            "List drafts like published posts (for live preview).",
            doc=(
                'List drafts like published posts, with a "Draft" badge; for previews (see '
                "{doc}`live-preview`)."
            ),
        ),
    )
    title: str = field(
        default="",
        metadata=_meta(
            (str,),
            "Title of the blog and of its archive page; default: project.",
            doc=(
                "The blog's title: the heading of the generated archive page and the text of a `` "
                "{blog:page}`archive` `` link."
            ),
            default_note=", meaning the value of `project`",
        ),
    )
    description: str = field(
        default="",
        metadata=_meta(
            (str,),
            "A sentence shown under the archive page's title.",
            doc="A sentence shown under the title of the generated archive page.",
        ),
    )
    date_format: str = field(
        default=DEFAULT_DATE_FORMAT,
        metadata=_meta(
            (str,),
            "strftime-style display format (Sphinx's babel-backed format_date). Time "
            "directives are dropped for posts whose date has no time. The default is "
            "translated with the project's language (German: %-d. %B %Y).",
            doc=(
                "How dates are shown, as a `strftime`-style format. Dates go through Sphinx's "
                "babel-backed `format_date`, so month and day names follow the project's "
                '`language`; left at its default, the pattern itself is translated (German: `"%-d.'
                ' %B %Y"`, "9. März 2026"; see {doc}`translations`). For a post whose date has no '
                "time, the time directives (`%H`, `%M`, `%p`...) and their separators are dropped,"
                " so no invented 00:00 is shown."
            ),
        ),
    )
    listing_fields: list[str] = field(
        default_factory=lambda: ["date", "subtitle"],
        metadata=_meta(
            (list, tuple),
            "Fields the generated listings show under each title: date, updated, subtitle, "
            "tags, category, author, excerpt, reading-time.",
            doc=(
                "What the generated listings (archive, tag, category, author, year and month "
                "pages) show under each title, from `date`, `updated`, `subtitle`, `tags`, "
                "`category`, `author`, `excerpt`, `reading-time`. A `postlist` chooses its own "
                "with `:fields:`."
            ),
        ),
    )
    posts_per_page: int = field(
        default=0,
        metadata=_meta(
            (int,),
            "Posts per generated archive, tag, category, author and year page; 0 = no pagination.",
            doc=(
                "Posts per generated archive, tag, category, author, year and month page. `0` "
                "keeps each listing on one page. The first page keeps the listing's URL; page *n* "
                "is `<page>/page/<n>` (the archive's: `blog/page/<n>`), with newer/older and "
                "numbered links, and the theme's previous/next links. How pages are counted: "
                "`blogarchive_pagination`."
            ),
        ),
    )
    pagination: str = field(
        default="stable",
        metadata=_meta(
            (str,),
            "How numbered pages are cut: 'stable' counts fixed blocks from the oldest post "
            "(a new post rewrites the first page only); 'newest' counts from the newest "
            "(every page shifts by one post).",
            doc=(
                'How a paginated listing is cut into pages. `"stable"`: fixed blocks of '
                "`blogarchive_posts_per_page` posts counted from the oldest post; page *k* "
                "(`<page>/page/<k>`) always holds the same posts, and the first page holds the "
                "newest block with the posts that do not fill a block yet (between one and two "
                'pages\' worth), so a new post rewrites the first page only. `"newest"`: page 1 '
                "holds the newest posts, page 2 the next, and so on: every post shifts every "
                "later page (see {doc}`pages`)."
            ),
        ),
    )
    archive_on_one_page: bool = field(
        default=False,
        metadata=_meta(
            (bool,),
            "Keep the archive on one page when paginating the others.",
            doc=(
                "With pagination on, keep the archive itself on one page (as the Data Leverage "
                "archive does) and paginate only the others."
            ),
        ),
    )
    archive_by_month: bool = field(
        default=False,
        metadata=_meta(
            (bool,),
            "Also make one page per month, linked from the year pages.",
            doc=(
                "Also make one page per month (`blog/year/2024/03`); year pages then list their "
                "posts under month headings that link to them."
            ),
        ),
    )
    related_posts: int = field(
        default=3,
        metadata=_meta(
            (int,),
            "How many related posts (sharing most tags) each post shows; 0 = none.",
            doc=(
                "How many related posts each post lists at its end: the posts sharing the most "
                "tags with it, of the posts older than it (see `blogarchive_related_newer`), ties "
                "to the closest in time (then the newer). `0` shows none."
            ),
        ),
    )
    related_newer: bool = field(
        default=False,
        metadata=_meta(
            (bool,),
            "Let newer posts be related posts too (each new post then rewrites older ones).",
            doc=(
                "Let a post's related posts include posts newer than it. Off by default, as "
                "Hugo's `includeNewer`: a new post then enters no older post's related posts, "
                "so publishing one changes no older post's footer (only its older neighbour's "
                '"next" link). On, an old post can point to its '
                "follow-ups, and each new post rewrites the posts that now list it."
            ),
        ),
    )
    words_per_minute: int = field(
        default=200,
        metadata=_meta(
            (int,),
            "Reading speed for reading times (a post's reading_time wins).",
            doc=(
                "Reading speed for reading times (the `reading-time` field); a post's own "
                "`reading_time` field wins."
            ),
        ),
    )
    characters_per_minute: int = field(
        default=500,
        metadata=_meta(
            (int,),
            "Reading speed for Chinese and Japanese characters, which are counted one by one.",
            doc=(
                "Reading speed, in characters a minute, for the Chinese and Japanese characters "
                "of a post (written without spaces, so counted one by one); the rest of the "
                "text counts at `blogarchive_words_per_minute`. A post mixing both adds the two."
            ),
        ),
    )
    pages: list[str] = field(
        default_factory=lambda: list(PAGE_FAMILIES),
        metadata=_meta(
            (list, tuple),
            "Families of generated pages: archive, tags, categories, authors, years, series.",
            doc=(
                'The families of generated pages. `"tags"` stands for the tags index and a page '
                'per tag, and so on for `categories`, `authors` and `years`; `"series"` is a page '
                'per series (see {doc}`posts`); `"archive"` is the '
                "archive page. A family left out is not generated: names in post headers are shown"
                " without a link, and roles that point to those pages warn."
            ),
        ),
    )
    paths: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_PATHS),
        metadata=_meta(
            (dict,),
            "Output folders of the generated pages, by family (archive, tag, category, "
            "author, year, series); missing keys keep their default.",
            doc=(
                "The output folder of each family. The archive is `<archive>/index`, the tags "
                "index `<tag>/index` (`<archive>` and `<tag>` with `blogarchive_url_layout = "
                '"ablog"`), a tag `<tag>/<slug>`, a year `<year>/2024`, a series '
                "`<series>/<slug>`. Keys left out keep their default. A path is relative, uses "
                "`/`, and holds only letters, digits, `_`, `-`, `.` and `/`."
            ),
        ),
    )
    url_layout: str = field(
        default="folders",
        metadata=_meta(
            (str,),
            "Names of the archive and index pages: 'folders' puts each in its folder "
            "(blog/index, blog/tag/index); 'ablog' keeps ABlog's names (blog, blog/tag, "
            "blog/category, blog/author) and adds ABlog's blog/archive, the archive on "
            "one page. Set from blog_path for ABlog projects.",
            doc=(
                'The names of the archive and the index pages. `"folders"`: each in its folder '
                '(`blog/index`, `blog/tag/index`). `"ablog"`: ABlog\'s names (`blog`, `blog/tag`, '
                "`blog/category`, `blog/author`), and ABlog's `blog/archive`, the archive again on"
                " one page (see {doc}`pages` and {doc}`migrating-from-ablog`). An ABlog project's "
                '`blog_path` sets it to `"ablog"`.'
            ),
        ),
    )
    page_builders: list[str] = field(
        default_factory=lambda: ["html", "dirhtml"],
        metadata=_meta(
            (list, tuple),
            "Builders (by name) that get generated pages; elsewhere links to them are text.",
            doc=(
                "The builders, by name, that get the generated pages. Only builders that write "
                "HTML can get them. With every other builder, links to generated pages become "
                "plain text (see {doc}`builders`)."
            ),
        ),
    )
    book_builders: list[str] = field(
        default_factory=lambda: list(BOOK_BUILDERS),
        metadata=_meta(
            (list, tuple),
            "Builders (by name) for which blog:book is a toctree of the published posts, "
            "oldest first; elsewhere it is nothing, so no post enters the HTML navigation.",
            doc=(
                "The builders, by name, for which the `blog:book` directive is a hidden toctree "
                "of the published posts, oldest first, so that the book they assemble from the "
                "toctree holds every post (see {doc}`directives-and-roles` and {doc}`builders`). "
                "With every other builder the directive is nothing, and no post enters the "
                "navigation. Naming `html` or `dirhtml` here puts every post into the navigation "
                "of every page, which grows with the blog (see {doc}`performance`)."
            ),
        ),
    )
    tag_aliases: dict[str, str] = field(
        default_factory=dict,
        metadata=_meta(
            (dict,),
            "Renamed tags: {old name: new name}. Posts tagged with the old name count "
            "under the new one, and the old tag's page redirects to the new one's.",
            doc=(
                "Renamed tags, `{old name: new name}` (names compared as tags are, see "
                "{doc}`taxonomies`). Posts tagged with an old name count under the new one, and "
                "the old tag's page becomes a redirect to the new one's. A new name may not be "
                "an old name; a bad entry (that, or an empty name) is left out with a "
                "`blogarchive.config` warning naming it, and the others are kept."
            ),
        ),
    )
    authors: dict[str, Any] = field(
        default_factory=dict,
        metadata=_meta(
            (dict,),
            "The authors registry: {key: {name, avatar, url, bio}}; entries of authors.yml "
            "beside conf.py with the same key are replaced.",
            doc=(
                'The authors registry, `{key: {"name": ..., "avatar": ..., "url": ..., '
                '"bio": ...}}`, as in an `authors.yml` file beside `conf.py` (see '
                "{doc}`taxonomies`); an entry here replaces the file's entry of the same key. A "
                "post's `author` may name a key. Editing the setting rebuilds every page, as any "
                "change to `conf.py`; editing `authors.yml` only the pages that show what changed."
            ),
        ),
    )
    term_slugs: dict[str, str] = field(
        default_factory=dict,
        metadata=_meta(
            (dict,),
            "Fixed slugs of tags, categories and authors: {name: slug}.",
            doc=(
                "The slug (the last part of the page's URL) of a tag, category or author, "
                '`{name: slug}`: `{"C++": "cpp", "AC/DC": "acdc"}`. Names are compared as tags '
                "are (see {doc}`taxonomies`); an entry applies to a tag, a category and an author "
                "of that name. Use it to choose the URLs of names whose slugs collide (the "
                "`blogarchive.slug` warning names them), or to keep a page where it was. A slug "
                "holds letters, digits, `-` and `_`, starts with a letter or digit and is not "
                "a reserved name (`index`, `con`...); a bad entry is left out with a "
                "`blogarchive.config` warning showing it, and the others are kept."
            ),
        ),
    )
    # -- feeds (see feeds.py) ------------------------------------------------
    feeds: bool | None = field(
        default=None,
        metadata=_meta(
            (bool, type(None)),
            "Write Atom, RSS and JSON feeds: None = when html_baseurl is an absolute URL; "
            "True = ask for them (a warning without a base URL); False = never.",
            doc=(
                "Feeds (see {doc}`feeds`). `None`: on when Sphinx's `html_baseurl` is an absolute "
                "URL, off without a word when not. `True`: on, and a `blogarchive.feed` warning "
                "(and no feed) when `html_baseurl` is not an absolute URL. `False`: off."
            ),
            shown_type="`None`, `True` or `False`",
        ),
    )
    feed_formats: list[str] = field(
        default_factory=lambda: list(FEED_FORMATS),
        metadata=_meta(
            (list, tuple),
            "Feed formats to write: atom, rss, json.",
            doc=(
                'The feed formats to write: `"atom"` (Atom 1.0), `"rss"` (RSS 2.0), `"json"` (JSON'
                " Feed 1.1). An empty list writes none."
            ),
        ),
    )
    feed_length: int = field(
        default=20,
        metadata=_meta(
            (int,),
            "At most this many entries per feed (the newest); 0 = every post.",
            doc=(
                "At most this many entries in each feed: the newest. `0`: every post (what "
                "ABlog does when `blog_feed_length` is not set, and the value an ABlog project "
                "gets in ABlog's layout)."
            ),
        ),
    )
    feed_content: str = field(
        default="excerpt",
        metadata=_meta(
            (str,),
            "What an entry holds: 'excerpt' or 'full' (the whole post).",
            doc=(
                'What an entry holds: `"excerpt"` (the post\'s excerpt, else its subtitle) or '
                '`"full"` (the excerpt and the whole post, rendered as on its page).'
            ),
        ),
    )
    feed_stylesheet: bool = field(
        default=True,
        metadata=_meta(
            (bool,),
            "Give the Atom and RSS feeds an XSLT stylesheet, so a browser shows a page.",
            doc=(
                "Give the Atom and RSS feeds an XSLT stylesheet (`_static/blogarchive-feed.xsl`, "
                "referenced by an `<?xml-stylesheet?>` line), so that a browser opening a feed "
                "shows a page with its posts and a hint on how to subscribe, instead of raw XML."
                " Feed readers ignore it (see {doc}`feeds`)."
            ),
        ),
    )
    feed_taxonomies: list[str] = field(
        default_factory=lambda: list(FEED_TAXONOMIES),
        metadata=_meta(
            (list, tuple),
            "Kinds of terms that get a feed each, next to their page: tag, category, author, year.",
            doc=(
                "The kinds of terms that get a feed each, next to their page; `[]` for the blog's "
                'feed only. `"year"` (not in the default) gives each year page a feed too, as '
                "ABlog's `blog_feed_archives` does."
            ),
        ),
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> BlogConfig:
        """Read the ``blogarchive_*`` values of *config* (validated on ``config-inited``)."""
        values = {f.name: getattr(config, f"blogarchive_{f.name}") for f in dataclasses.fields(cls)}
        values["post_pattern"] = _as_list(values["post_pattern"])
        values["pages"] = list(values["pages"])
        values["page_builders"] = list(values["page_builders"])
        values["book_builders"] = list(values["book_builders"])
        values["listing_fields"] = list(values["listing_fields"])
        values["paths"] = {**DEFAULT_PATHS, **values["paths"]}
        if not values["title"]:
            values["title"] = str(config.project or "")
        # Shown on pages and in feeds: no control character (see _control.py).
        values["title"] = strip_control(str(values["title"]))
        values["description"] = strip_control(str(values["description"]))
        values["feed_formats"] = list(values["feed_formats"])
        values["feed_taxonomies"] = list(values["feed_taxonomies"])
        values["tag_aliases"] = {
            " ".join(str(k).split()): " ".join(str(v).split())
            for k, v in dict(values["tag_aliases"]).items()
        }
        # None (the default) means: on when there is an absolute base URL.
        values["authors"] = dict(values["authors"])
        values["feeds"] = values["feeds"] is not False and bool(base_url(config))
        return cls(**values)

    def aliased_tags(self, tags: tuple[str, ...]) -> tuple[str, ...]:
        """*tags* with each old name of :attr:`tag_aliases` replaced by its new one."""
        if not self.tag_aliases:
            return tags
        aliases = {term_key(old): new for old, new in self.tag_aliases.items()}
        result: dict[str, str] = {}
        for tag in tags:
            name = aliases.get(term_key(tag), tag)
            result.setdefault(term_key(name), name)
        return tuple(result.values())

    def tzinfo(self) -> zoneinfo.ZoneInfo:
        """The blog time zone as a :class:`zoneinfo.ZoneInfo` (validated before use)."""
        return zoneinfo.ZoneInfo(self.timezone or "UTC")


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def base_url(config: Config) -> str:
    """Sphinx's ``html_baseurl`` with a final ``/``, or "" unless it is absolute.

    Absolute means a scheme and a host (``https://example.org/blog/``); feeds
    need one, for their ids and links.
    """
    url = str(getattr(config, "html_baseurl", "") or "").strip()
    parts = urlsplit(url)
    if not (parts.scheme and parts.netloc):
        return ""
    return url if url.endswith("/") else f"{url}/"
