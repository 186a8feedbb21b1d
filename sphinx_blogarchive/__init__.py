"""sphinx-blogarchive: a blog archive for Sphinx.

Add ``"sphinx_blogarchive"`` to ``extensions``. Documents matching
``blogarchive_post_pattern`` become posts; the extension generates an
archive, tag, category, author and year pages, and adds the ``blog`` domain's
roles and directives. See the documentation for every option.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_blogarchive._version import __version__

__all__ = ["__version__", "setup"]

LOCALE_DIR = Path(__file__).parent / "locales"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx: config, domain, directives, events."""
    from sphinx_blogarchive.ablog import _project as _ablog
    from sphinx_blogarchive.config._register import setup_config
    from sphinx_blogarchive.extension import _ablog_site, _book, _collect, _events, directives
    from sphinx_blogarchive.extension.domain import BlogDomain

    setup_config(app)
    app.add_message_catalog("sphinx_blogarchive", str(LOCALE_DIR))
    app.add_domain(BlogDomain)
    directives.setup_directives(app)
    _ablog.setup_ablog(app)
    _ablog_site.setup_ablog_site(app)
    app.connect("doctree-read", _collect.on_doctree_read, priority=_collect.PRIORITY)
    _events.setup_events(app)
    _book.setup_book(app)
    return {
        "version": __version__,
        "env_version": 12,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
