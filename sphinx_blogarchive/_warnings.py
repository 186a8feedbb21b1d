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
            "neither true nor false, a local `image` is not a file in the source folder, or a "
            "post has neither a `title` field nor a heading."
        ),
        fallback=(
            "The field is ignored (a post with a missing image is shown without it); an unclear "
            "`draft` counts as a draft; a post without a title gets its file name."
        ),
        fix=(
            "Give the field text (or a list, for names); write `draft: true` or `draft: false`; "
            "correct the image's path; give the post a title."
        ),
    ),
    Subtype.SLUG: SubtypeDoc(
        means=(
            "Two posts claim the same slug; or two names of tags (categories, authors) make one "
            "slug, so their pages would have one URL (`AC/DC` and `ac dc`; see {doc}`taxonomies`)."
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
            "post."
        ),
        fallback=("The reference shows as plain text."),
        fix=(
            "Correct the target (document name, slug or name); publish the post; or keep the "
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
