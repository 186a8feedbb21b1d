"""What changed since the record of the last successful build, and what to rewrite.

A :class:`Changes` is made on ``env-updated`` from the blog's collection (any
:class:`Collection`: the ``blog`` domain is one) and the output folder's
:class:`~sphinx_blogarchive.record._record.Record`. It answers: the build's
input digest and structure key, each post's token, the documents a change
can touch and their signatures, the documents to write again, the generated
listings a change can touch and the numbered pages it cannot, and what the
next record holds of the posts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sphinx_blogarchive.model._excerpt import link_targets
from sphinx_blogarchive.model._post import Post
from sphinx_blogarchive.model._slugs import term_key
from sphinx_blogarchive.pages._data import signature
from sphinx_blogarchive.pages._output import image_source, taken_names
from sphinx_blogarchive.pages._page import page_count, page_slice
from sphinx_blogarchive.record._record import PostRecord, Record, join_listings
from sphinx_blogarchive.record._related import related_touched

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_blogarchive.config._config import BlogConfig
    from sphinx_blogarchive.model._archive import Archive
    from sphinx_blogarchive.model._listing import ListingSpec
    from sphinx_blogarchive.pages._site import Site
    from sphinx_blogarchive.record._state import BuildState

#: The :class:`Post` fields a page, feed or index can show (see
#: :meth:`Changes.post_tokens`): all but the metadata's lines (for
#: warnings) and the word count (shown as minutes).
_SHOWN_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(Post)
    if f.name not in {"line", "slug_line", "words", "characters", "problems"}
)

#: The archive and the indexes (:meth:`sphinx_blogarchive.pages._site.Site.index_page`).
INDEX_PAGES = ("archive", "tags", "categories", "authors", "years")


def listings_of(post: Post) -> set[tuple[str, str]]:
    """The generated listings *post* belongs to when listed: ``{(family, key)}``.

    Families as :class:`sphinx_blogarchive.pages._page.GeneratedPage`'s: ``("archive", "")``,
    and ``tag``, ``category``, ``author``, ``series`` with the term key,
    ``year`` with the year, ``month`` with ``YYYY-MM``.
    """
    found = {("archive", "")}
    for family, names in (
        ("tag", post.tags),
        ("category", post.categories),
        ("author", post.authors),
        ("series", post.series_names),
    ):
        found.update((family, term_key(name)) for name in names)
    if post.date is not None:
        day = post.date.value.date()
        found.add(("year", str(post.date.value.year)))
        found.add(("month", day.isoformat()[:7]))
    return found


class Collection(Protocol):
    """What :class:`Changes` reads of the blog's collection (the ``blog`` domain has it all).

    All keyed by docname, as the domain's data: *posts* ``{docname: Post}``,
    *listings* ``{docname: specs}``, *refs* ``{docname: ((role, target),
    ...)}``, *plain_pages* ``{docname: True}``; *archive* and *site* derived
    from them at *now*; *build* the state of this build.
    """

    @property
    def env(self) -> BuildEnvironment:
        """The build environment."""

    @property
    def posts(self) -> dict[str, Post]:
        """``{docname: Post}`` of every post read."""

    @property
    def listings(self) -> dict[str, tuple[ListingSpec, ...]]:
        """``{docname: specs}`` of the blog directives on each page."""

    @property
    def refs(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """``{docname: ((role, target), ...)}``: each document's ``{blog:...}`` references."""

    @property
    def plain_pages(self) -> dict[str, bool]:
        """``{docname: True}`` of documents matching the post pattern with no metadata."""

    @property
    def config(self) -> BlogConfig:
        """The validated blog configuration of this build."""

    @property
    def now(self) -> dt.datetime:
        """The build's "now", aware."""

    @property
    def archive(self) -> Archive:
        """The archive of the posts as shown, at :attr:`now`."""

    @property
    def site(self) -> Site:
        """Where every blog page lives in this build."""

    @property
    def build(self) -> BuildState:
        """The state of this build."""

    def page_data(self, docname: str) -> dict[str, Any]:
        """All blog content shown on document *docname* (not to be changed)."""

    def release_page_data(self, docnames: Iterable[str]) -> None:
        """Forget the :meth:`page_data` of *docnames* (only memory)."""


class Changes:
    """What changed in *blog* since *record* (the output folder's, of the last successful build).

    *base* is :func:`sphinx_blogarchive.pages._generated.global_key` of this
    build (versions, configuration, builder, templates, navigation). The
    posts' tokens and the posts whose token changed are computed once; the
    collection is not to change while the object is in use (it is made on
    ``env-updated``, when every document is read).
    """

    def __init__(self, blog: Collection, record: Record, base: str) -> None:
        self.blog = blog
        self.record = record
        self.base = base

    # -- digests ---------------------------------------------------------------

    @cached_property
    def structure(self) -> str:
        """Hash of the blog's inputs other than the posts' :meth:`post_tokens` (hex SHA-256).

        Added to :attr:`base`: the listing directives of each page, the
        pages with no metadata, the size and modification time of posts'
        local images, the names and pages of every term, year and month, the
        pages of the archive and indexes, the documents the root toctree
        reaches, and the authors registry with its avatars' sizes and times:
        all that a post's header and footer show but posts. (Not the names
        the sources own: a new document changes them, and they matter to a
        post only through the pages above.)
        """
        blog = self.blog
        srcdir = blog.env.srcdir
        images = []
        for docname, post in sorted(blog.posts.items()):
            if post.image and "://" not in post.image and not post.image.startswith("//"):
                try:
                    stat = os.stat(os.path.join(srcdir, image_source(post)))
                    images.append([docname, stat.st_size, stat.st_mtime_ns])
                except (OSError, ValueError):
                    images.append([docname, None, None])
        listings = [
            [docname, [spec.as_dict() for spec in specs]]
            for docname, specs in sorted(blog.listings.items())
        ]
        site = blog.site
        terms = [
            [kind, [[key, term.name] for key, term in sorted(found.items())]]
            for kind, found in sorted(blog.archive.terms.items())
        ]
        term_pages = sorted([*key, page] for key, page in site.term_pages.items())
        index_pages = [[which, site.index_page(which)] for which in INDEX_PAGES]
        state = blog.build
        return signature(
            [
                self.base,
                listings,
                sorted(blog.plain_pages),
                images,
                terms,
                term_pages,
                index_pages,
                sorted(site.in_toctree),
                state.registry.state(Path(state.registry_dir or srcdir)),
            ]
        )

    @cached_property
    def digest(self) -> str:
        """Hash of everything the blog's derived output is made from (hex SHA-256).

        The :attr:`structure`, the names the user's sources own (which
        generated pages may not take), and every post's :meth:`post_tokens`
        entry. Two builds with equal digests make the same generated pages,
        feeds (but full-content ones), JSON index and post headers and
        footers, so a build whose digest equals the last successful one's
        skips computing them (see
        :attr:`sphinx_blogarchive.record._state.BuildState.inputs_unchanged`).
        """
        blog = self.blog
        taken = sorted(taken_names(blog.env, folder_aliases=blog.build.folder_aliases).items())
        tokens = sorted(self.post_tokens().items())
        return signature([self.structure, taken, tokens])

    def post_tokens(self) -> dict[str, str]:
        """``{docname: hash}`` of each post as shown: what its pages and feeds can show.

        The hash covers every :class:`Post` field but the metadata's *line*,
        the reading time in minutes instead of the word count (the excerpts
        with the titles of the documents, sections and posts they refer to,
        as the collection's archive shows them), where the excerpt's links
        lead (:func:`sphinx_blogarchive.model._excerpt.link_targets`), and
        its :class:`~sphinx_blogarchive.model._archive.Status` at the
        build's "now". Computed once.
        """
        return self._post_tokens

    @cached_property
    def _post_tokens(self) -> dict[str, str]:
        blog = self.blog
        config = blog.config
        now = blog.now
        tokens = {}
        # The archive's posts: their excerpts show the titles of the
        # posts they refer to ({blog:post}), resolved.
        for docname, post in sorted(blog.archive.posts.items()):
            status = post.status(now, include_drafts=config.include_drafts)
            shown = [getattr(post, name) for name in _SHOWN_FIELDS]
            tokens[docname] = signature(
                [
                    *shown,
                    post.minutes(config.words_per_minute, config.characters_per_minute),
                    str(status),
                    link_targets(blog.env, post.excerpt_html),
                ]
            )
        return tokens

    # -- what a change touches -------------------------------------------------

    def changed_posts(self) -> set[str] | None:
        """Posts whose :meth:`post_tokens` entry differs from the record's, or None.

        Added and removed posts included; None when the :attr:`structure`
        differs from the record's. Computed once (the documents'
        signatures and the generated pages' keys both ask).
        """
        if not self.record.structure or self.record.structure != self.structure:
            return None
        return self._changed_posts

    @cached_property
    def _changed_posts(self) -> set[str]:
        tokens = self.post_tokens()
        record = self.record
        return {
            docname
            for docname in tokens.keys() | record.posts.keys()
            if tokens.get(docname, "") != record.token(docname)
        }

    def touched(self) -> set[str] | None:
        """The documents whose blog content may differ from the record's, or None (any).

        None when the :attr:`structure` differs from the record's. Else
        the pages holding listings, and for each post whose
        :meth:`post_tokens` entry changed (added and removed ones included):
        the post, its older and newer neighbours before and now, the posts
        whose related posts it can enter or leave (see
        :func:`~sphinx_blogarchive.record._related.related_touched`), the
        parts of the series it is or was
        part of (each shows "Part n of m"); and the documents holding
        ``{blog:...}`` references. A post's header and footer show nothing
        else that a post can change.
        """
        changed = self.changed_posts()
        if changed is None:
            return None
        blog, record = self.blog, self.record
        touched = changed | blog.listings.keys() | blog.refs.keys()
        if not changed:
            return touched
        archive = blog.archive
        # The posts sharing a tag with a changed one whose related posts it
        # can enter or leave (those it is related to are among them).
        touched |= related_touched(archive, record, changed, blog.config.related_posts)
        old_order = record.listed
        old_position = {docname: i for i, docname in enumerate(old_order)}
        for docname in changed:
            if (i := old_position.get(docname)) is not None:
                touched.update(old_order[max(i - 1, 0) : i + 2])
            touched.update(p.docname for p in archive.neighbours(docname) if p is not None)
            series = {key for family, key in record.listings(docname) if family == "series"}
            if (post := blog.posts.get(docname)) is not None:
                series.update(term_key(name) for name in post.series_names)
            # Every part of a series shows its place in it, and its neighbours.
            for key in series:
                if (term := archive.terms["series"].get(key)) is not None:
                    touched.update(term.posts)
        return touched

    def touched_listings(self) -> set[tuple[str, str]] | None:
        """The generated listings that may differ from the record's, or None (any).

        ``{(family, key)}`` (see :func:`listings_of`) of every post whose
        :meth:`post_tokens` entry changed, before and now: the listings a
        change can enter, leave or alter. A generated listing page shows its
        posts' entries, its title, count, pagination and feed links, which
        follow from its posts and the :attr:`structure`. None when the
        structure changed.
        """
        changed = self.changed_posts()
        if changed is None:
            return None
        found: set[tuple[str, str]] = set()
        for docname in changed:
            found.update(self.record.listings(docname))
            if (post := self.blog.archive.posts.get(docname)) is not None:
                found.update(listings_of(post))
        return found

    def kept_pages(self) -> set[str]:
        """Numbered pages of :meth:`touched_listings` that show what the record's build showed.

        With stable pagination, page *k* of a listing shows its block of
        posts and links that only its number and whether it is the top
        numbered page decide. It keeps its key when its block holds the same
        posts as in the last build (recovered from the record's ``listed``
        order and each post's listings), none of them changed, and it is
        the top numbered page now exactly when it was then. Empty when every
        page is to be keyed (the structure changed, newest-first pagination).
        """
        touched = self.touched_listings()
        changed = self.changed_posts()
        if not touched or changed is None or self.blog.config.pagination != "stable":
            return set()
        record = self.record
        old: dict[tuple[str, str], list[str]] = {listing: [] for listing in touched}
        for docname in record.listed:
            for listing in record.listings(docname):  # the archive among them
                if listing in old:
                    old[listing].append(docname)
        site = self.blog.site
        kept: set[str] = set()
        for name, page in site.pages.items():
            if not page.stable or page.first:
                continue
            listing = ("archive", "") if page.family == "archive" else (page.family, page.key)
            before = old.get(listing)
            if before is None:
                continue
            per_page = site.per_page(page.family)
            old_of = page_count(len(before), per_page, stable=True)
            if page.number >= old_of or (page.number + 1 == old_of) != (page.number + 1 == page.of):
                continue
            start, stop = page_slice(dataclasses.replace(page, of=old_of), len(before), per_page)
            block = before[start:stop]
            if changed.isdisjoint(block) and block == [p.docname for p in site.shown_on(page)]:
                kept.add(name)
        return kept

    # -- documents to write ----------------------------------------------------

    def signatures(self) -> dict[str, str]:
        """``{docname: hash}`` of the blog content each existing document shows now.

        A document that no change since the record can touch (see
        :meth:`touched`) keeps its recorded hash, without computing its blog
        content.
        """
        blog = self.blog
        pages = (blog.posts.keys() | blog.listings.keys() | blog.refs.keys()) & blog.env.found_docs
        touched = self.touched()
        old = self.record.documents
        result = {}
        for docname in sorted(pages):
            if touched is not None and docname not in touched and docname in old:
                result[docname] = old[docname]
            else:
                result[docname] = signature(blog.page_data(docname))
        return result

    def outdated_pages(self) -> tuple[dict[str, str], list[str]]:
        """``(signatures, outdated)``: the :meth:`signatures`, and the documents they changed.

        *outdated* are the documents whose blog content differs from what
        was last written (the record's ``documents``), so Sphinx rewrites
        exactly these; the signatures are to be recorded when the build
        succeeds. The blog content of the other documents, unless read in
        this build, is forgotten (see :meth:`Collection.release_page_data`).
        """
        current = self.signatures()
        documents = self.record.documents
        outdated = [d for d, sig in current.items() if documents.get(d) != sig]
        # The blog content of the documents not written again is not needed.
        self.blog.release_page_data(current.keys() - set(outdated) - self.blog.build.docs_read)
        return current, outdated

    def full_content_pages(self) -> list[str]:
        """Existing documents holding a ``postlist`` with ``:content: full``.

        They show posts' bodies, which any document read can change (the
        post, or what its body refers to): each build that reads a document
        writes them again, as it does full-content feeds.
        """
        blog = self.blog
        return sorted(
            docname
            for docname, specs in blog.listings.items()
            if docname in blog.env.found_docs and any(s.content == "full" for s in specs)
        )

    # -- the next record ---------------------------------------------------------

    def record_of_posts(self) -> tuple[dict[str, PostRecord], tuple[str, ...]]:
        """The ``(posts, listed)`` of this build, for the next :class:`.Record`."""
        archive = self.blog.archive
        posts = {
            docname: (token, join_listings(listings_of(archive.posts[docname])))
            for docname, token in self.post_tokens().items()
        }
        return posts, tuple(post.docname for post in archive.listed)
