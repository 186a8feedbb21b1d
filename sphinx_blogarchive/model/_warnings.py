"""Warning type and subtypes of sphinx-blogarchive.

Every user error is logged as a Sphinx warning with ``type=WARNING_TYPE`` and
one of the :class:`Subtype` values, so a project can silence one kind with
``suppress_warnings = ["blogarchive.date"]`` (or all with ``"blogarchive"``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

WARNING_TYPE = "blogarchive"


class Subtype(enum.StrEnum):
    """The subtypes of ``blogarchive`` warnings; each is documented with its fix."""

    FRONTMATTER = "frontmatter"
    """The YAML front matter of a MyST post cannot be read."""
    DATE = "date"
    """A post's date is missing or cannot be parsed; the post is not listed."""
    METADATA = "metadata"
    """A metadata field has the wrong type or an unusable value; it is ignored."""
    SLUG = "slug"
    """Two posts claim the same slug, or two tag (category, author) names make one slug."""
    COLLISION = "collision"
    """A generated page would replace a page the user wrote; it is not generated."""
    REF = "ref"
    """A cross-reference names no published post, tag, category, author or year."""
    DIRECTIVE = "directive"
    """A blog directive is misused (bad option, or a second archive document)."""
    CONFIG = "config"
    """A ``blogarchive_*`` configuration value is invalid; its default is used."""
    FEED = "feed"
    """Feeds were asked for but cannot be written (no absolute ``html_baseurl``)."""
    NOPOST = "nopost"
    """A file matching the post pattern holds no post metadata; it is a page, not listed."""
    OUTPUT = "output"
    """A file of the output folder is a symbolic link; it is not written through."""
    LIMIT = "limit"
    """A post has more tags, categories or authors than the limit; the extra ones are dropped."""
    AUTHORS = "authors"
    """The authors registry (``authors.yml``, ``blogarchive_authors``) has a bad entry or field."""

    @property
    def qualified(self) -> str:
        """The ``suppress_warnings`` entry for this subtype, e.g. ``"blogarchive.date"``."""
        return f"{WARNING_TYPE}.{self.value}"

    @property
    def doc(self) -> SubtypeDoc:
        """What the warning means, what the build does instead, and the fix."""
        return DOCS[self]


@dataclass(frozen=True)
class SubtypeDoc:
    """A subtype in the warnings reference: *means*, *fallback* and *fix*.

    MyST Markdown (the docs' syntax; links relative to ``docs/guide``).
    """

    means: str
    fallback: str
    fix: str


#: The reference of each subtype (docs/guide/warnings.md renders it as a table).
DOCS: dict[Subtype, SubtypeDoc] = {
    Subtype.FRONTMATTER: SubtypeDoc(
        means=(
            "The front matter of a MyST post cannot be read: not valid YAML, no closing `---` "
            "line, not a mapping of keys, a value too large or too deeply nested, or a value "
            "with a YAML tag that is not a standard one (`!!python/object:...`, a local `!tag`); "
            "or the file is not UTF-8 text (`sphinx-blogarchive check` reports it; see below "
            "for what Sphinx does)."
        ),
        fallback=(
            "The post's metadata is ignored (so it usually has no date, and a `date` warning "
            "follows); a value too large or with an unknown tag is ignored alone, the other "
            "fields are kept."
        ),
        fix=(
            "Fix the YAML; quote values holding `:` or `#`, or starting with `[`, `{`, `*`, `&` "
            "or `!`."
        ),
    ),
    Subtype.DATE: SubtypeDoc(
        means=(
            "A post has no `date`, or its `date` or `updated` is not a recognised date (see "
            "{doc}`posts`)."
        ),
        fallback=(
            "A post without a usable `date` is built but not listed; an unusable `updated` is "
            "ignored."
        ),
        fix=("Write the date in one of the accepted forms, such as `2024-02-13`."),
    ),
    Subtype.METADATA: SubtypeDoc(
        means=(
            "A field has the wrong kind of value (a list where text is expected...), `draft` is "
            "neither true nor false, a local `image` is not a file in the source folder (or an "
            "`image` is a URL whose scheme is not http or https), a key is given twice in the "
            "front matter, or a post has neither a `title` field nor a heading."
        ),
        fallback=(
            "The field is ignored (a post with a missing image is shown without it); an unclear "
            "`draft` counts as a draft; of a key given twice, the last value is used; a post "
            "without a title gets its file name."
        ),
        fix=(
            "Give the field text (or a list, for names); write `draft: true` or `draft: false`; "
            "correct the image's path; give the post a title."
        ),
    ),
    Subtype.SLUG: SubtypeDoc(
        means=(
            "Two posts declare the same `slug`; or two names of tags (categories, authors) make "
            "one slug, so their pages would have one URL (`AC/DC` and `ac dc`; see "
            "{doc}`taxonomies`)."
        ),
        fallback=(
            "The post whose document name sorts first keeps the slug; the other can be referred to"
            " by its document name. Of the names, the one the rule in {doc}`taxonomies` puts first "
            "keeps the slug, and each other gets a suffix made from its own name "
            "(`ac-dc-d65e56f2`)."
        ),
        fix=(
            "Give one of the posts another `slug`; give the names slugs of their own with "
            "[`blogarchive_term_slugs`](configuration.md)."
        ),
    ),
    Subtype.COLLISION: SubtypeDoc(
        means=(
            "A generated page would take the name of a page you wrote (see {doc}`pages`), a "
            "redirect (`redirect_from`, `blogarchive_tag_aliases`) the name of a document, a "
            "generated page or another redirect, or a feed the name of a file of `html_extra_path`"
            " (see {doc}`feeds`)."
        ),
        fallback=("The generated page or feed is not made; yours stays."),
        fix=("Rename or move your page, or change [`blogarchive_paths`](configuration.md)."),
    ),
    Subtype.REF: SubtypeDoc(
        means=(
            "A `` {blog:...} `` role names no published post, no tag, category or author with a "
            "page, a year without posts, or an unknown page; or it names a draft or scheduled "
            "post; or it names a post by a file name that several posts share "
            "(`2023/recap.md`, `2024/recap.md`)."
        ),
        fallback=(
            "The reference shows as plain text; by a shared file name, it links to the post "
            "whose document name sorts first."
        ),
        fix=(
            "Correct the target (document name, slug or name; `2024/recap` for a shared file "
            "name); publish the post; or keep the "
            "family's pages in [`blogarchive_pages`](configuration.md)."
        ),
    ),
    Subtype.DIRECTIVE: SubtypeDoc(
        means=(
            "A blog directive is misused: `blog:index` with an argument other than `tags`, "
            "`categories`, `authors` or `years`, a `:year:` that is not a list of years, or a "
            "second document claiming the archive or the same index (with `:replace:`, or at the "
            "generated page's name), or a second `blog:book`."
        ),
        fallback=(
            "The directive shows nothing, or, for a second archive or index, an ordinary "
            "listing; a second book puts the posts into two toctrees."
        ),
        fix=("Correct the argument or option; keep one archive, one of each index and one book."),
    ),
    Subtype.FEED: SubtypeDoc(
        means=(
            "`blogarchive_feeds = True`, but Sphinx's `html_baseurl` is not set, or not an "
            "absolute URL (with a scheme and a host). Only the builders that write feeds (see "
            "{doc}`feeds`) warn."
        ),
        fallback=("No feed is written; the rest of the site is built."),
        fix=(
            'Set `html_baseurl = "https://your.site/"`, or leave `blogarchive_feeds` at `None` '
            "(feeds only when there is a base URL)."
        ),
    ),
    Subtype.NOPOST: SubtypeDoc(
        means=(
            "A file matches `blogarchive_post_pattern` but has no post metadata: no front "
            "matter on its first line (a MyST post's `---` must be the very first line, with "
            "nothing before it, not even a space), no field list at the top of a "
            "reStructuredText post. The warning names the line of a misplaced `---`."
        ),
        fallback=("The file is built as an ordinary page: not listed, in no feed."),
        fix=(
            "Start the file with its front matter (or field list) and a `date`; or, for a page "
            "that is meant to live among the posts (a folder's index), leave it out of "
            "`blogarchive_post_pattern` or add `blogarchive.nopost` to `suppress_warnings`."
        ),
    ),
    Subtype.OUTPUT: SubtypeDoc(
        means=(
            "A file the extension writes into the output folder (a generated page, a feed, a "
            "redirect, the record, a copied image) is a symbolic link there, or lies under one: "
            "writing it would write through the link, outside the output folder."
        ),
        fallback=("The file is not written; the link is left alone."),
        fix=("Remove the link from the output folder (or build into a fresh folder)."),
    ),
    Subtype.LIMIT: SubtypeDoc(
        means=(
            "A post has more than 100 tags, categories or authors (of one kind): a page and a "
            "feed of each name would list all the others, a cost that grows with the square of "
            "their number."
        ),
        fallback=("The post keeps the first 100 names of that kind, in the order written."),
        fix=("Give the post fewer names (a list of hundreds is usually a mistake in the data)."),
    ),
    Subtype.AUTHORS: SubtypeDoc(
        means=(
            "The authors registry (`authors.yml` beside `conf.py`, or `blogarchive_authors`, see "
            "{doc}`taxonomies`) cannot be read (not valid YAML, not a mapping), or an entry is "
            "not a mapping, or a field is unknown, not text, an `avatar` that is neither an "
            "`http(s)` URL nor a file beside `conf.py`, or a `url` that is not `http(s)` or "
            "`mailto:`."
        ),
        fallback=(
            "A bad field is left out alone (no avatar, no link); a bad entry is left out, and "
            "posts naming its key show the key as written; an unreadable file gives no entries."
        ),
        fix=("Correct the entry: `key: {name: ..., avatar: ..., url: ..., bio: ...}`."),
    ),
    Subtype.CONFIG: SubtypeDoc(
        means=(
            "A `blogarchive_*` setting has a value of the wrong type or an unknown one (a time "
            "zone that does not exist, a page family that does not exist, an unsafe path...), or "
            "`SOURCE_DATE_EPOCH` is not a number."
        ),
        fallback=(
            "The setting's default (a bad entry of `blogarchive_tag_aliases` is left out alone, "
            "the others kept); the current time."
        ),
        fix=("Correct the value (see {doc}`configuration`)."),
    ),
}
