"""The feeds in a build: the check of ``builder-inited`` and the writing of ``build-finished``.

Called by the handlers of :mod:`._events` (:func:`._events.on_builder_inited`,
:func:`._events.on_build_finished`); what the feeds are and how they are
written is :mod:`sphinx_blogarchive.feeds._write`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.config._config import base_url
from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.feeds import _write as feeds
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _feed_plan

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_blogarchive.extension.domain import BlogDomain

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_blogarchive", "console")


def check_base_url(app: Sphinx) -> None:
    """Warn once when feeds are asked for (``True``) without an absolute base URL."""
    config = get_domain(app.env).config
    if app.config.blogarchive_feeds is not True or not feeds.allowed(app.builder, config):
        return
    if not base_url(app.config):
        logger.warning(
            __(
                "blogarchive_feeds is True but html_baseurl is not an absolute URL "
                "(such as 'https://example.org/'); no feeds are written"
            ),
            type=WARNING_TYPE,
            subtype=Subtype.FEED,
        )


def write(app: Sphinx) -> None:
    """Write the feeds (and their manifest); called when the build succeeded.

    With feeds on by default (``blogarchive_feeds = None``) and no absolute
    ``html_baseurl``, one info line (not a warning) says that no feed is
    written, and why.
    """
    domain = get_domain(app.env)
    if not feeds.allowed(app.builder, domain.config) or not Path(app.outdir).is_dir():
        return
    if app.config.blogarchive_feeds is None and not base_url(app.config):
        written = str(getattr(app.config, "html_baseurl", "") or "").strip()
        if written:
            logger.info(__("blogarchive: no feeds written: html_baseurl is not an absolute URL"))
        else:
            logger.info(__("blogarchive: no feeds written: html_baseurl is not set"))
    site = domain.site
    outdir = Path(app.outdir)
    state = domain.build
    digest = state.digest or ""
    if base_url(app.config) and feeds.builder_writes_feeds(app.builder, site):
        feeds.write_stylesheet(app, site)
    if _unchanged(app, domain, digest):
        return
    files = feeds.feed_files(app, site, state.base or "")
    manifest = feeds.write_feeds(app, files)
    if manifest and digest:
        manifest[feeds.INPUTS_KEY] = digest
    feeds.write_manifest(outdir, manifest)


def _unchanged(app: Sphinx, domain: BlogDomain, digest: str) -> bool:
    """True when the feeds written by the last successful build are still right.

    That is when the build's inputs are those of the last successful build,
    recorded with the feeds too (see
    :attr:`sphinx_blogarchive.record._changes.Changes.digest`), no
    full-content feed shows a document read in this build, every feed file
    is there, and no file of ``html_extra_path`` takes a feed's name (which
    is warned about, so the feeds are planned again).
    """
    outdir = Path(app.outdir)
    state = domain.build
    if not (digest and state.inputs_unchanged and feeds.read_inputs(outdir) == digest):
        return False
    if domain.config.feed_content == "full" and state.docs_read:
        return False
    if not all((outdir / path).is_file() for path in feeds.read_manifest(outdir)):
        return False
    extra = feeds.extra_files(app)
    if not extra:
        return True
    site = domain.site
    planned = {feed.path(fmt) for feed in _feed_plan.plan(site) for fmt in _feed_plan.formats(site)}
    return not extra & planned
