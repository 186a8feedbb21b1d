"""sphinx-blogarchive: a blog archive for Sphinx.

Add ``"sphinx_blogarchive"`` to ``extensions``. Documents matching
``blogarchive_post_pattern`` become posts; the extension generates an
archive, tag, category, author and year pages, and adds the ``blog`` domain's
roles and directives. See the documentation for every option.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

__version__ = "0.1.0"

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
LOCALE_DIR = Path(__file__).parent / "locales"
CSS_FILE = "blogarchive.css"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_blogarchive", "console")


def _on_builder_inited(app: Sphinx) -> None:
    """Add the stylesheet for builders that get generated pages."""
    from .domain import get_domain  # noqa: PLC0415

    builder = app.builder
    if builder.format != "html" or builder.name not in get_domain(app.env).config.page_builders:
        return
    app.add_css_file(CSS_FILE)
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    source = (STATIC_DIR / CSS_FILE).read_bytes()
    target = static / CSS_FILE
    if not target.exists() or target.read_bytes() != source:
        target.write_bytes(source)


def _on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    from .domain import get_domain  # noqa: PLC0415

    return get_domain(env).outdated_pages()


def _on_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, object],
    doctree: object,
) -> None:
    """Previous/next in date order and ``noindex`` for drafts, on post pages."""
    from html import escape  # noqa: PLC0415

    from .domain import get_domain  # noqa: PLC0415

    domain = get_domain(app.env)
    post = domain.posts.get(pagename)
    if post is None:
        return
    archive = domain.archive
    older, newer = archive.neighbours(pagename)
    if archive.is_listed(pagename):
        for key, other in (("prev", older), ("next", newer)):
            if other is None:
                context[key] = None
            else:
                link = app.builder.get_relative_uri(pagename, other.docname)
                context[key] = {"link": link, "title": escape(other.title)}
    else:
        context["prev"] = context["next"] = None
        metatags = str(context.get("metatags", ""))
        context["metatags"] = metatags + '\n    <meta name="robots" content="noindex" />'


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """One summary line: posts listed, and those left out and why."""
    from .domain import get_domain  # noqa: PLC0415
    from .model import Status  # noqa: PLC0415

    if exception is not None:
        return
    archive = get_domain(app.env).archive
    hidden = archive.hidden
    logger.info(
        __("blogarchive: %d posts listed; not listed: %d drafts, %d scheduled, %d undated"),
        len(archive.listed),
        len(hidden[Status.DRAFT]),
        len(hidden[Status.FUTURE]),
        len(hidden[Status.UNDATED]),
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension with Sphinx."""
    from . import _collect, directives, pages  # noqa: PLC0415
    from ._config import setup_config  # noqa: PLC0415
    from .domain import BlogDomain  # noqa: PLC0415

    setup_config(app)
    app.add_message_catalog("sphinx_blogarchive", str(LOCALE_DIR))
    app.add_domain(BlogDomain)
    directives.setup_directives(app)
    app.add_directive_to_domain("blog", "archive", directives.ArchiveDirective)
    app.add_directive_to_domain("blog", "index", directives.IndexDirective)
    app.add_directive_to_domain("blog", "postlist", directives.PostListDirective)
    app.connect("doctree-read", _collect.on_doctree_read, priority=_collect.PRIORITY)
    app.connect("env-updated", _on_env_updated)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-collect-pages", pages.collect_pages)
    app.connect("html-page-context", _on_page_context)
    app.connect("build-finished", pages.on_build_finished)
    app.connect("build-finished", _on_build_finished)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
