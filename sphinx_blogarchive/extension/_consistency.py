"""The warnings each build gives again: posts' problems, slugs, second archives and books.

A build that reads nothing still reports every broken post and every slug
collision, as the build that read them did, so a ``-W`` build that failed
fails again until they are fixed.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.model._post import Status
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx_blogarchive.extension.domain import BlogDomain
    from sphinx_blogarchive.model._post import Post

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_blogarchive", "console")


def _plural(kind: str) -> str:
    """A taxonomy *kind* in the plural, for console messages: "tags", "categories", "series"..."""
    if kind == "tag":
        return __("tags")
    if kind == "series":
        return __("series")
    return __("categories") if kind == "category" else __("authors")


def warn_each_build(domain: BlogDomain) -> None:
    """Warn about the posts' problems, duplicate post slugs and term slug collisions.

    Called on ``env-updated``, which comes on every build (Sphinx's
    consistency check does not when no document changed), so these
    warnings come on every build until they are fixed, and a ``-W``
    build that failed fails again.
    """
    _warn_again(domain)
    archive = domain.archive
    for post in sorted(domain.posts.values(), key=lambda p: p.docname):
        owner = archive.slug_owner(post.slug) if post.slug else None
        if owner is not None and owner != post.docname:
            logger.warning(
                __("post slug %r is already used by %r; refer to this post by docname"),
                post.slug,
                owner,
                type=WARNING_TYPE,
                subtype=Subtype.SLUG,
                location=(post.docname, post.slug_line or post.line),
            )
    _warn_slug_collisions(domain)


def check_consistency(domain: BlogDomain) -> None:
    """Warn about a second archive or index document, and a second book."""
    seen: dict[str, str] = {}
    for which, docname in domain.index_claims():
        if which in seen and seen[which] != docname:
            logger.warning(
                __("%r already holds the %s; this one is an ordinary listing"),
                seen[which],
                which,
                type=WARNING_TYPE,
                subtype=Subtype.DIRECTIVE,
                location=docname,
            )
        seen.setdefault(which, docname)
    books = [docname for docname in sorted(domain.books) for _spec in domain.books[docname]]
    for docname in books[1:]:
        logger.warning(
            __("%r already holds the blog:book; the posts are in two toctrees"),
            books[0],
            type=WARNING_TYPE,
            subtype=Subtype.DIRECTIVE,
            location=docname,
        )


def _warn_again(domain: BlogDomain) -> None:
    """Warn again about the problems of each post not read in this build.

    A post's problems are kept with its record (:attr:`Post.problems`),
    so a build that reads nothing still reports every broken post, as
    the build that read it did.
    """
    for docname, post in sorted(domain.posts.items()):
        if docname in domain.build.docs_read:
            continue  # warned about while read
        for problem in post.problems:
            logger.warning(
                problem.message,
                type=WARNING_TYPE,
                subtype=problem.subtype,
                location=(docname, problem.line),
            )


def scheduled_posts(domain: BlogDomain) -> list[Post]:
    """The posts dated after the build's "now" (not drafts), in archive order."""
    future = domain.archive.hidden[Status.FUTURE]
    return [domain.posts[docname] for docname in future]


def _warn_slug_collisions(domain: BlogDomain) -> None:
    """One ``blogarchive.slug`` warning per set of names of one kind sharing a slug.

    Located at the first post of the first name that lost the slug; it
    names every name with the files of its posts, and the fix.
    """
    archive = domain.archive
    for clash in archive.slug_collisions:
        terms = [archive.terms[clash.kind][key] for key in clash.keys]
        named = ", ".join(f"{t.name!r} ({_files_of(domain, t.posts)})" for t in terms)
        moved = ", ".join(f"{t.name!r} -> {t.slug!r}" for t in terms[1:])
        logger.warning(
            __(
                "%s %s have one slug, %r: %r keeps it, the others get a suffix of their own "
                "(%s); to choose their URLs, set blogarchive_term_slugs = {%r: 'another-slug'} "
                "in conf.py"
            ),
            _plural(clash.kind),
            named,
            clash.slug,
            terms[0].name,
            moved,
            terms[1].name,
            type=WARNING_TYPE,
            subtype=Subtype.SLUG,
            location=(terms[1].posts[0], domain.posts[terms[1].posts[0]].line),
        )


def _files_of(domain: BlogDomain, docnames: tuple[str, ...], most: int = 3) -> str:
    """The source files of *docnames*, relative to the source folder: at most *most*."""
    srcdir = domain.env.srcdir
    files = [
        os.path.relpath(domain.env.doc2path(name), srcdir).replace(os.sep, "/")
        for name in docnames[:most]
    ]
    more = len(docnames) - most
    return __("%s and %d more") % (", ".join(files), more) if more > 0 else ", ".join(files)
