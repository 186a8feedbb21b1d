"""Warning type and subtypes of sphinx-blogarchive.

Every user error is logged as a Sphinx warning with ``type=WARNING_TYPE`` and
one of the :class:`Subtype` values, so a project can silence one kind with
``suppress_warnings = ["blogarchive.date"]`` (or all with ``"blogarchive"``).
"""

from __future__ import annotations

import enum

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
    """Two posts claim the same slug; the later docname loses it."""
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
