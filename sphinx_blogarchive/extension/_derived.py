"""What the ``blog`` domain shows of its data: the build's "now", posts as shown, pages' content.

Plain functions of the domain (:class:`~.domain.BlogDomain` keeps what they
compute for the build): the posts with the titles their excerpts refer to,
and each document's blog content (its post header and footer, its listings,
what its ``{blog:...}`` references show).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from typing import TYPE_CHECKING, Any, cast

from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.nodes import clean_astext

from sphinx_blogarchive.model._excerpt import DOC_REF, resolve_doc_titles
from sphinx_blogarchive.model._listing import select
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _data, _feed_plan

if TYPE_CHECKING:
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment

    from sphinx_blogarchive.extension.domain import BlogDomain
    from sphinx_blogarchive.model._post import Post

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_blogarchive", "console")


def build_now() -> dt.datetime:
    """Return the build's "now", which decides which posts are in the future.

    ``SOURCE_DATE_EPOCH`` (seconds since the epoch) when set and valid, else
    the current time; aware, in UTC.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(float(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            logger.warning(
                __("SOURCE_DATE_EPOCH=%r is not a usable time; using the current time"),
                epoch,
                type=WARNING_TYPE,
                subtype=Subtype.CONFIG,
            )
    return dt.datetime.now(tz=dt.UTC)


def shown_posts(domain: BlogDomain) -> dict[str, Post]:
    """The domain's posts as shown: the titles of referenced documents in their excerpts.

    A ``{doc}`` or ``{ref}`` reference without text in an excerpt is a
    token until every document is read (see :mod:`sphinx_blogarchive.model._excerpt`); here it
    becomes the document's title, or the title of the section its label
    names, from the environment as it is now. (References to posts stay
    tokens, for the :class:`Archive` to resolve.)
    """
    shown = dict(domain.posts)
    registry = domain.build.registry
    title_of = functools.partial(_title_of, domain.env)
    for name, post in shown.items():
        if registry.authors and post.authors:
            authors = registry.names(post.authors)
            if authors != post.authors:
                post = shown[name] = dataclasses.replace(post, authors=authors)
        if DOC_REF in post.excerpt or DOC_REF in post.excerpt_html:
            shown[name] = dataclasses.replace(
                post,
                excerpt=resolve_doc_titles(post.excerpt, title_of, escape=False),
                excerpt_html=resolve_doc_titles(post.excerpt_html, title_of, escape=True),
            )
    return shown


def _title_of(env: BuildEnvironment, kind: str, target: str) -> str | None:
    """The title a ``{doc}`` (*kind* ``doc``) or ``{ref}`` reference shows, or None.

    As Sphinx's standard domain resolves them: a document's first title;
    a label's section title (None for a label without one).
    """
    if kind == "doc":
        title = env.titles.get(target) if target in env.all_docs else None
        return clean_astext(title) if title is not None else None
    if kind == "ref":
        std = cast("StandardDomain", env.get_domain("std"))
        found = std.labels.get(target)
        # str(): Sphinx's own labels (genindex, search) have lazy translations.
        return str(found[2]) if found is not None and found[2] else None
    return None


def page_data(domain: BlogDomain, docname: str) -> dict[str, Any]:
    """All blog content shown on document *docname* (header and listings).

    Computed anew (:meth:`.BlogDomain.page_data` keeps it for the build).
    """
    site = domain.site
    data: dict[str, Any] = {}
    if (post := domain.archive.posts.get(docname)) is not None:
        data["header"] = _data.header_data(post, site)
        data["footer"] = _data.footer_data(post, site)
    listings = []
    for spec in domain.listings.get(docname, ()):
        if spec.kind == "index":
            listings.append(_data.index_data(spec.index_of, site))
        else:
            group_by = "year" if spec.kind == "archive" else spec.group_by
            posts = select(site.archive, spec, docname)
            archive = spec.kind == "archive"
            listings.append(
                _data.listing_data(
                    posts,
                    group_by,
                    site,
                    archive=archive,
                    layout=spec.layout,
                    fields=None if archive else spec.fields,
                    pinned=site.archive.posts_of(site.archive.pinned) if archive else None,
                    date_format=spec.date_format,
                    list_style=spec.list_style,
                )
            )
            if spec.content == "full":
                listings[-1]["content"] = "full"
            # The document holding the archive shows the blog's feeds.
            if spec.kind == "archive" and (feeds := _feed_plan.links_data(site, docname)):
                listings[-1]["feeds"] = feeds
    if listings:
        data["listings"] = listings
    if refs := domain.refs.get(docname):
        data["refs"] = [domain.ref_state(typ, target, docname) for typ, target in refs]
    return data
