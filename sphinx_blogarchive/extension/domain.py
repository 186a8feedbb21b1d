"""The ``blog`` domain: post records, listings, roles and their resolution.

Posts are collected at read time into the domain's data, so parallel reads
merge them and incremental builds purge them per document. Everything
derived (the :class:`~sphinx_blogarchive.model._archive.Archive`, the
:class:`~sphinx_blogarchive.pages._generated.Site`) is computed
from that data once per build and cached on the domain instance.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import clean_astext, make_refnode

from sphinx_blogarchive.config._config import BlogConfig
from sphinx_blogarchive.config._reference import RoleDoc
from sphinx_blogarchive.model._archive import Archive, Post, Status
from sphinx_blogarchive.model._authors import Registry
from sphinx_blogarchive.model._excerpt import DOC_REF, link_targets, resolve_doc_titles
from sphinx_blogarchive.model._listing import (
    INDEX_KINDS,
    BookSpec,
    ListingSpec,
    book_entries,
    select,
)
from sphinx_blogarchive.model._slugs import ablog_slugify, slugify
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.model.metadata import term_key
from sphinx_blogarchive.pages import _feed_plan, _render
from sphinx_blogarchive.pages._generated import (
    PostRecord,
    Record,
    Site,
    image_source,
    page_count,
    page_slice,
    reached_by_toctrees,
    taken_names,
)
from sphinx_blogarchive.pages._site import at_index_name
from sphinx_blogarchive.record._output import join_listings
from sphinx_blogarchive.record._related import related_touched

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import RoleFunction

logger = logging.getLogger(__name__)
_ = get_translation("sphinx_blogarchive")
__ = get_translation("sphinx_blogarchive", "console")

#: The :class:`Post` fields a page, feed or index can show (see
#: :meth:`BlogDomain.input_digest`): all but the metadata's line (for
#: warnings) and the word count (shown as minutes).
_SHOWN_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(Post)
    if f.name not in {"line", "words", "characters", "problems"}
)

#: The archive and the indexes (:meth:`sphinx_blogarchive.pages._generated.Site.index_page`).
INDEX_PAGES = ("archive", "tags", "categories", "authors", "years")


def _plural(kind: str) -> str:
    """A taxonomy *kind* in the plural, for console messages: "tags", "categories", "series"..."""
    if kind == "tag":
        return __("tags")
    if kind == "series":
        return __("series")
    return __("categories") if kind == "category" else __("authors")


#: Roles of the domain: what each one links to.
ROLE_KINDS = ("post", "tag", "category", "author", "year", "page", "series")


def listings_of(post: Post) -> set[tuple[str, str]]:
    """The generated listings *post* belongs to when listed: ``{(family, key)}``.

    Families as :class:`sphinx_blogarchive.pages._generated.GeneratedPage`'s: ``("archive", "")``,
    and
    ``tag``, ``category``, ``author``, ``series`` with the term key, ``year``
    with the year, ``month`` with ``YYYY-MM``.
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


class BlogDomain(Domain):
    """Domain ``blog``: holds the posts and the listings of the project.

    Data (all keyed by docname, all plain picklable values):

    * ``posts``: ``{docname: Post}``;
    * ``listings``: ``{docname: (ListingSpec, ...)}``, the directives of a page;
    * ``books``: ``{docname: (BookSpec, ...)}``, its ``blog:book`` directives;

    What each page showed when last written is kept in the output folder
    (see :class:`~sphinx_blogarchive.pages._generated.Record`), not here.
    """

    name = "blog"
    label = "Blog"
    #: Inventory (``objects.inv``) types, each found by the role of its name;
    #: ``page`` is the archive and the index pages (``archive``, ``tags``, ...).
    object_types: ClassVar[dict[str, ObjType]] = {kind: ObjType(kind, kind) for kind in ROLE_KINDS}
    roles: ClassVar[dict[str, RoleFunction | XRefRole]] = {
        kind: XRefRole(innernodeclass=nodes.inline, warn_dangling=True) for kind in ROLE_KINDS
    }
    #: Each role in the reference (docs/guide/directives-and-roles.md).
    role_docs: ClassVar[dict[str, RoleDoc]] = {
        "post": RoleDoc(
            target="a post's document name, absolute (`posts/2024/hello`, `/posts/2024/hello`) "
            "or relative to the current document's folder (`hello`, `../2023/older`); or its slug",
            links_to="the post",
            text="the post's title",
        ),
        "tag": RoleDoc(
            target="a tag, in any spelling, or its slug",
            links_to="the tag's page",
            text="the tag's display name",
        ),
        "category": RoleDoc(
            target="a category, in any spelling, or its slug",
            links_to="the category's page",
            text="its display name",
        ),
        "author": RoleDoc(
            target="an author, in any spelling, or the slug",
            links_to="the author's page",
            text="their display name",
        ),
        "year": RoleDoc(target="a year: `2024`", links_to="the year's page", text="the year"),
        "page": RoleDoc(
            target="`archive`, `tags`, `categories`, `authors` or `years`",
            links_to="the archive or that index (your document, if one holds the directive)",
            text="the archive's title ([`blogarchive_title`](configuration.md)), "
            '"Tags", "Categories", "Authors" or "Years"',
        ),
        "series": RoleDoc(
            target="a series' name (the posts' `series` field), in any spelling, or its slug",
            links_to="the series' page",
            text="the series' name",
        ),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "posts": {},
        "listings": {},
        "plain": {},
        "books": {},
        "refs": {},
    }
    dangling_warnings = {  # noqa: RUF012
        kind: f"no published {kind} %(target)r" for kind in ROLE_KINDS
    }
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._cache: dict[str, Any] = {}
        self._now: dt.datetime | None = None
        #: The generated pages' keys and the documents' signatures of this
        #: build, recorded in the output folder when it succeeds.
        self.pending_manifest: dict[str, str] | None = None
        self.pending_documents: dict[str, str] | None = None
        #: :func:`sphinx_blogarchive.pages._generated.global_key` of this build (computed on
        #: ``env-updated``).
        self.pending_base: str | None = None
        #: The :meth:`input_digest` of this build, recorded with them.
        self.pending_digest: str | None = None
        #: The :meth:`structure_key` of this build (set by :meth:`input_digest`).
        self.pending_structure: str = ""
        #: True when :attr:`pending_digest` equals the last successful build's:
        #: no generated page, feed or post header/footer can have changed.
        self.inputs_unchanged = False
        #: Documents read in this build (``env-before-read-docs``).
        self.docs_read: frozenset[str] = frozenset()
        #: Whether this build's builder gets the book of ``blog:book`` (set
        #: on ``builder-inited``), and the documents holding one whose
        #: reading waits until every other document is read (see ``_book``).
        self.book_builder = False
        self.deferred_books: set[str] = set()
        #: The authors registry of this build (loaded on ``builder-inited``,
        #: see :func:`._events.load_authors`) and its configuration folder.
        self.registry = Registry({})
        self.registry_dir: str = ""
        #: True while the bodies of a full-content listing are rendered.
        self.rendering_bodies = False
        #: Whether ``a`` and ``a/index`` name the same output file for this
        #: build's builder (set on ``builder-inited``): always, but for the
        #: html builder in ABlog's layout (``blog.html`` beside ``blog/index.html``).
        self.folder_aliases = True

    # -- data ----------------------------------------------------------------

    @property
    def posts(self) -> dict[str, Post]:
        """``{docname: Post}`` of every post read."""
        return cast("dict[str, Post]", self.data.setdefault("posts", {}))

    @property
    def listings(self) -> dict[str, tuple[ListingSpec, ...]]:
        """``{docname: specs}`` of the blog directives on each page."""
        return cast("dict[str, tuple[ListingSpec, ...]]", self.data.setdefault("listings", {}))

    def note_post(self, post: Post) -> None:
        """Record *post* (replacing an earlier record of its docname)."""
        self.posts[post.docname] = post
        self._cache.clear()

    @property
    def plain_pages(self) -> dict[str, bool]:
        """``{docname: True}`` of documents matching the post pattern with no metadata."""
        return cast("dict[str, bool]", self.data.setdefault("plain", {}))

    def note_plain_page(self, docname: str) -> None:
        """Record that *docname* matches the post pattern but carries no metadata."""
        self.plain_pages[docname] = True

    def note_listing(self, docname: str, spec: ListingSpec) -> int:
        """Record a directive's *spec* on *docname*; return its index on the page."""
        specs = self.listings.get(docname, ())
        self.listings[docname] = (*specs, spec)
        self._cache.clear()
        return len(specs)

    @property
    def books(self) -> dict[str, tuple[BookSpec, ...]]:
        """``{docname: specs}`` of the ``blog:book`` directives on each page."""
        return cast("dict[str, tuple[BookSpec, ...]]", self.data.setdefault("books", {}))

    def note_book(self, docname: str, spec: BookSpec) -> None:
        """Record a ``blog:book`` directive of *docname* and the posts it placed."""
        self.books[docname] = (*self.books.get(docname, ()), spec)

    def book_entries(self, docname: str, sort: str) -> tuple[str, ...]:
        """The posts a ``blog:book`` on *docname* holds in this build, in order.

        Empty on a builder that gets no book; else every published post, in
        *sort* order (see :func:`~sphinx_blogarchive.model._listing.book_entries`).
        """
        if not self.book_builder:
            return ()
        return book_entries(self.archive, sort, docname)

    def stale_books(self) -> list[str]:
        """Existing documents whose ``blog:book`` holds other posts than it should now."""
        return sorted(
            docname
            for docname, specs in self.books.items()
            if docname in self.env.found_docs
            and any(spec.entries != self.book_entries(docname, spec.sort) for spec in specs)
        )

    def clear_derived(self) -> None:
        """Forget the archive and site computed so far (the toctrees changed)."""
        self._cache.clear()

    @property
    def refs(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """``{docname: ((role, target), ...)}``: the ``{blog:...}`` references of each document."""
        return cast("dict[str, tuple[tuple[str, str], ...]]", self.data.setdefault("refs", {}))

    def note_refs(self, docname: str, refs: tuple[tuple[str, str], ...]) -> None:
        """Record *docname*'s ``{blog:...}`` references (none: nothing is kept)."""
        if refs:
            self.refs[docname] = refs
        else:
            self.refs.pop(docname, None)

    def ref_state(self, typ: str, target: str, fromdocname: str) -> Any:
        """What a ``{blog:<typ>}`` reference to *target* shows: JSON-able, or None.

        A post's docname, title and whether it is listed; a page's name and
        label. Hashed into the signature of the document holding the
        reference, so that it is written again when this changes.
        """
        if typ == "post":
            post = self.site.archive.find_post(target, fromdocname=fromdocname)
            if post is None:
                return None
            return [post.docname, post.title, self.site.archive.is_listed(post.docname)]
        page, label = self._page_target(typ, target)
        return [page, label]

    def clear_doc(self, docname: str) -> None:
        """Forget what *docname* contributed (it is re-read or was removed)."""
        self.posts.pop(docname, None)
        self.listings.pop(docname, None)
        self.plain_pages.pop(docname, None)
        self.books.pop(docname, None)
        self.refs.pop(docname, None)
        self._cache.clear()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take the entries of *docnames* from a parallel reader's data."""
        for key in ("posts", "listings", "plain", "books", "refs"):
            theirs = otherdata.get(key, {})
            mine = self.data.setdefault(key, {})
            for docname in docnames & theirs.keys():
                mine[docname] = theirs[docname]
        self._cache.clear()

    # -- derived -------------------------------------------------------------

    @property
    def config(self) -> BlogConfig:
        """The validated blog configuration of this build."""
        if "config" not in self._cache:
            self._cache["config"] = BlogConfig.from_sphinx(self.env.config)
        return cast("BlogConfig", self._cache["config"])

    @property
    def now(self) -> dt.datetime:
        """The build's "now" (fixed for the whole build, see :func:`build_now`)."""
        if self._now is None:
            self._now = build_now()
        return self._now

    @property
    def shown_posts(self) -> dict[str, Post]:
        """:attr:`posts` as shown: the titles of referenced documents in their excerpts.

        A ``{doc}`` or ``{ref}`` reference without text in an excerpt is a
        token until every document is read (see :mod:`sphinx_blogarchive.model._excerpt`); here it
        becomes the document's title, or the title of the section its label
        names, from the environment as it is now. (References to posts stay
        tokens, for the :class:`Archive` to resolve.)
        """
        if "shown_posts" not in self._cache:
            shown = dict(self.posts)
            registry = self.registry
            for name, post in shown.items():
                if registry.authors and post.authors:
                    authors = registry.names(post.authors)
                    if authors != post.authors:
                        post = shown[name] = dataclasses.replace(post, authors=authors)
                if DOC_REF in post.excerpt or DOC_REF in post.excerpt_html:
                    shown[name] = dataclasses.replace(
                        post,
                        excerpt=resolve_doc_titles(post.excerpt, self._title_of, escape=False),
                        excerpt_html=resolve_doc_titles(
                            post.excerpt_html, self._title_of, escape=True
                        ),
                    )
            self._cache["shown_posts"] = shown
        return cast("dict[str, Post]", self._cache["shown_posts"])

    def _title_of(self, kind: str, target: str) -> str | None:
        """The title a ``{doc}`` (*kind* ``doc``) or ``{ref}`` reference shows, or None.

        As Sphinx's standard domain resolves them: a document's first title;
        a label's section title (None for a label without one).
        """
        env = self.env
        if kind == "doc":
            title = env.titles.get(target) if target in env.all_docs else None
            return clean_astext(title) if title is not None else None
        if kind == "ref":
            std = cast("StandardDomain", env.get_domain("std"))
            found = std.labels.get(target)
            # str(): Sphinx's own labels (genindex, search) have lazy translations.
            return str(found[2]) if found is not None and found[2] else None
        return None

    @property
    def archive(self) -> Archive:
        """The :class:`Archive` of all posts read (:attr:`shown_posts`), at :attr:`now`."""
        if "archive" not in self._cache:
            config = self.config
            self._cache["archive"] = Archive.build(
                self.shown_posts,
                now=self.now,
                include_drafts=config.include_drafts,
                slugger=ablog_slugify if config.url_layout == "ablog" else slugify,
                term_slugs=config.term_slugs,
            )
        return cast("Archive", self._cache["archive"])

    @property
    def index_docs(self) -> dict[str, str]:
        """``{"archive" | "tags" | ...: docname}``: the documents that are those pages.

        See :meth:`index_claims`; when several documents claim one, the
        first by docname wins.
        """
        if "index_docs" not in self._cache:
            found: dict[str, str] = {}
            for which, docname in self.index_claims():
                found.setdefault(which, docname)
            self._cache["index_docs"] = found
        return cast("dict[str, str]", self._cache["index_docs"])

    def index_claims(self) -> list[tuple[str, str]]:
        """``[(which, docname)]``, by docname: the documents claiming the archive or an index.

        A document claims the archive (*which* ``"archive"``) or an index
        (``"tags"``...) when it holds its directive with ``:replace:``, or
        holds it at the very name of the generated page (``blog/index``,
        ``blog/tag/index``); elsewhere the directive only lists, and the
        generated page is made.
        """
        claims = []
        config = self.config
        for docname in sorted(self.listings):
            if docname not in self.env.found_docs:
                continue
            for spec in self.listings[docname]:
                if spec.kind not in ("archive", "index"):
                    continue
                which = "archive" if spec.kind == "archive" else spec.index_of
                if spec.replace or at_index_name(config, which, docname):
                    claims.append((which, docname))
        return claims

    @property
    def site(self) -> Site:
        """Where every blog page lives in this build (a :class:`.Site`)."""
        if "site" not in self._cache:
            self._cache["site"] = Site(
                self.archive,
                self.config,
                now=self.now,
                language=self.env.config.language,
                index_docs=self.index_docs,
                taken=taken_names(self.env, folder_aliases=self.folder_aliases),
                in_toctree=reached_by_toctrees(self.env),
                registry=self.registry,
                folder_aliases=self.folder_aliases,
            )
        return cast("Site", self._cache["site"])

    # -- incremental writing -------------------------------------------------

    def page_data(self, docname: str) -> dict[str, Any]:
        """All blog content shown on document *docname* (header and listings).

        Computed once per build (the signatures of ``env-updated`` and the
        writing of the page share it); the dict returned is not to be changed.
        """
        computed: dict[str, dict[str, Any]] = self._cache.setdefault("page_data", {})
        if docname in computed:
            return computed[docname]
        site = self.site
        data: dict[str, Any] = {}
        if (post := self.archive.posts.get(docname)) is not None:
            data["header"] = _render.header_data(post, site)
            data["footer"] = _render.footer_data(post, site)
        listings = []
        for spec in self.listings.get(docname, ()):
            if spec.kind == "index":
                listings.append(_render.index_data(spec.index_of, site))
            else:
                group_by = "year" if spec.kind == "archive" else spec.group_by
                posts = select(site.archive, spec, docname)
                archive = spec.kind == "archive"
                listings.append(
                    _render.listing_data(
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
        if refs := self.refs.get(docname):
            data["refs"] = [self.ref_state(typ, target, docname) for typ, target in refs]
        computed[docname] = data
        return data

    def full_content_pages(self) -> list[str]:
        """Existing documents holding a ``postlist`` with ``:content: full``.

        They show posts' bodies, which any document read can change (the
        post, or what its body refers to): each build that reads a document
        writes them again, as it does full-content feeds.
        """
        return sorted(
            docname
            for docname, specs in self.listings.items()
            if docname in self.env.found_docs and any(s.content == "full" for s in specs)
        )

    def release_page_data(self, docnames: Iterable[str]) -> None:
        """Forget the :meth:`page_data` of *docnames* (written, or not to be written).

        Only memory: it is computed again if asked for.
        """
        computed: dict[str, Any] = self._cache.get("page_data", {})
        for docname in docnames:
            computed.pop(docname, None)

    def signatures(self, record: Record | None = None) -> dict[str, str]:
        """``{docname: hash}`` of the blog content each existing document shows now.

        With the *record* of the last successful build, a document that no
        change since can touch (see :meth:`touched`) keeps its recorded hash,
        without computing its blog content.
        """
        pages = (self.posts.keys() | self.listings.keys() | self.refs.keys()) & self.env.found_docs
        touched = self.touched(record) if record is not None else None
        old = record.documents if record is not None else {}
        result = {}
        for docname in sorted(pages):
            if touched is not None and docname not in touched and docname in old:
                result[docname] = old[docname]
            else:
                result[docname] = _render.signature(self.page_data(docname))
        return result

    def touched(self, record: Record) -> set[str] | None:
        """The documents whose blog content may differ from *record*'s, or None (any).

        None when the :meth:`structure_key` differs from the record's. Else
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
        changed = self._changed_posts(record)
        if changed is None:
            return None
        touched = changed | self.listings.keys() | self.refs.keys()
        if not changed:
            return touched
        archive = self.archive
        # The posts sharing a tag with a changed one whose related posts it
        # can enter or leave (those it is related to are among them).
        touched |= related_touched(archive, record, changed, self.config.related_posts)
        old_order = record.listed
        old_position = {docname: i for i, docname in enumerate(old_order)}
        for docname in changed:
            if (i := old_position.get(docname)) is not None:
                touched.update(old_order[max(i - 1, 0) : i + 2])
            touched.update(p.docname for p in archive.neighbours(docname) if p is not None)
            series = {key for family, key in record.listings(docname) if family == "series"}
            if (post := self.posts.get(docname)) is not None:
                series.update(term_key(name) for name in post.series_names)
            # Every part of a series shows its place in it, and its neighbours.
            for key in series:
                if (term := archive.terms["series"].get(key)) is not None:
                    touched.update(term.posts)
        return touched

    def _changed_posts(self, record: Record) -> set[str] | None:
        """Posts whose :meth:`post_tokens` entry differs from *record*'s, or None.

        Added and removed posts included; None when the :meth:`structure_key`
        differs from the record's. Computed once per build (the documents'
        signatures and the generated pages' keys both ask).
        """
        if not record.structure or record.structure != self.pending_structure:
            return None
        if "changed_posts" not in self._cache:
            tokens = self.post_tokens()
            self._cache["changed_posts"] = {
                docname
                for docname in tokens.keys() | record.posts.keys()
                if tokens.get(docname, "") != record.token(docname)
            }
        return cast("set[str]", self._cache["changed_posts"])

    def touched_listings(self, record: Record) -> set[tuple[str, str]] | None:
        """The generated listings that may differ from *record*'s, or None (any).

        ``{(family, key)}`` (see :meth:`listings_of`) of every post whose
        :meth:`post_tokens` entry changed, before and now: the listings a
        change can enter, leave or alter. A generated listing page shows its
        posts' entries, its title, count, pagination and feed links, which
        follow from its posts and the :meth:`structure_key`. None when the
        structure changed.
        """
        changed = self._changed_posts(record)
        if changed is None:
            return None
        found: set[tuple[str, str]] = set()
        for docname in changed:
            found.update(record.listings(docname))
            if (post := self.archive.posts.get(docname)) is not None:
                found.update(listings_of(post))
        return found

    def kept_pages(self, record: Record) -> set[str]:
        """Numbered pages of :meth:`touched_listings` that show what *record*'s build showed.

        With stable pagination, page *k* of a listing shows its block of
        posts and links that only its number and whether it is the top
        numbered page decide. It keeps its key when its block holds the same
        posts as in the last build (recovered from the record's ``listed``
        order and each post's listings), none of them changed, and it is
        the top numbered page now exactly when it was then. Empty when every
        page is to be keyed (the structure changed, newest-first pagination).
        """
        touched = self.touched_listings(record)
        changed = self._changed_posts(record)
        if not touched or changed is None or self.config.pagination != "stable":
            return set()
        old: dict[tuple[str, str], list[str]] = {listing: [] for listing in touched}
        for docname in record.listed:
            for listing in record.listings(docname):  # the archive among them
                if listing in old:
                    old[listing].append(docname)
        site = self.site
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

    def post_tokens(self) -> dict[str, str]:
        """``{docname: hash}`` of each post as shown: what its pages and feeds can show.

        The hash covers every :class:`Post` field but the metadata's *line*,
        the reading time in minutes instead of the word count (the excerpts
        with the titles of the documents, sections and posts they refer to,
        see :attr:`shown_posts` and :class:`Archive`), where the excerpt's
        links lead (:func:`sphinx_blogarchive.model._excerpt.link_targets`), and its
        :class:`Status` at :attr:`now`.
        Computed once per build.
        """
        if "post_tokens" not in self._cache:
            config = self.config
            now = self.now
            tokens = {}
            # The archive's posts: their excerpts show the titles of the
            # posts they refer to ({blog:post}), resolved.
            for docname, post in sorted(self.archive.posts.items()):
                status = post.status(now, include_drafts=config.include_drafts)
                shown = [getattr(post, name) for name in _SHOWN_FIELDS]
                tokens[docname] = _render.signature(
                    [
                        *shown,
                        post.minutes(config.words_per_minute, config.characters_per_minute),
                        str(status),
                        link_targets(self.env, post.excerpt_html),
                    ]
                )
            self._cache["post_tokens"] = tokens
        return cast("dict[str, str]", self._cache["post_tokens"])

    def structure_key(self, base: str) -> str:
        """Hash of the blog's inputs other than the posts' :meth:`post_tokens` (hex SHA-256).

        *base* is :func:`sphinx_blogarchive.pages._generated.global_key` (versions, configuration,
        builder,
        templates, navigation). Added to it: the listing directives of each
        page, the pages with no metadata, the size and modification time of
        posts' local images, the names and pages of every term, year and
        month, the pages of the archive and indexes, the documents the
        root toctree reaches, and the authors registry with its avatars'
        sizes and times: all that a post's header and footer show but
        posts. (Not the names the sources own: a new document changes them,
        and they matter to a post only through the pages above.)
        """
        srcdir = self.env.srcdir
        images = []
        for docname, post in sorted(self.posts.items()):
            if post.image and "://" not in post.image and not post.image.startswith("//"):
                try:
                    stat = os.stat(os.path.join(srcdir, image_source(post)))
                    images.append([docname, stat.st_size, stat.st_mtime_ns])
                except (OSError, ValueError):
                    images.append([docname, None, None])
        listings = [
            [docname, [spec.as_dict() for spec in specs]]
            for docname, specs in sorted(self.listings.items())
        ]
        site = self.site
        terms = [
            [kind, [[key, term.name] for key, term in sorted(found.items())]]
            for kind, found in sorted(self.archive.terms.items())
        ]
        term_pages = sorted([*key, page] for key, page in site.term_pages.items())
        index_pages = [[which, site.index_page(which)] for which in INDEX_PAGES]
        return _render.signature(
            [
                base,
                listings,
                sorted(self.plain_pages),
                images,
                terms,
                term_pages,
                index_pages,
                sorted(site.in_toctree),
                self.registry.state(Path(self.registry_dir or self.env.srcdir)),
            ]
        )

    def input_digest(self, base: str) -> str:
        """Hash of everything the blog's derived output is made from (hex SHA-256).

        The :meth:`structure_key` for *base*, the names the user's sources
        own (which generated pages may not take), and every post's
        :meth:`post_tokens` entry. Two builds with equal digests make the
        same generated pages, feeds (but full-content ones), JSON index and
        post headers and footers, so a build whose digest equals the last
        successful one's skips computing them (see :attr:`inputs_unchanged`).
        Sets :attr:`pending_structure`.
        """
        self.pending_structure = self.structure_key(base)
        taken = sorted(taken_names(self.env, folder_aliases=self.folder_aliases).items())
        tokens = sorted(self.post_tokens().items())
        return _render.signature([self.pending_structure, taken, tokens])

    def record_of_posts(self) -> tuple[dict[str, PostRecord], tuple[str, ...]]:
        """The ``(posts, listed)`` of this build, for the output :class:`.Record`."""
        tokens = self.post_tokens()
        posts = {
            docname: (token, join_listings(listings_of(self.archive.posts[docname])))
            for docname, token in tokens.items()
        }
        return posts, tuple(post.docname for post in self.archive.listed)

    def outdated_pages(self, record: Record) -> list[str]:
        """Documents whose blog content differs from what was last written.

        *record* is the output folder's (its ``documents``: ``{docname:
        hash}``). The new hashes wait in :attr:`pending_documents` until the
        build succeeds. Called on ``env-updated``, after :meth:`input_digest`,
        so Sphinx rewrites exactly these.
        """
        current = self.signatures(record)
        self.pending_documents = current
        outdated = [d for d, sig in current.items() if record.documents.get(d) != sig]
        # The blog content of the documents not written again is not needed.
        self.release_page_data(current.keys() - set(outdated) - self.docs_read)
        return outdated

    # -- consistency -----------------------------------------------------------

    def warn_each_build(self) -> None:
        """Warn about the posts' problems, duplicate post slugs and term slug collisions.

        Called on ``env-updated``, which comes on every build (Sphinx's
        consistency check does not when no document changed), so these
        warnings come on every build until they are fixed, and a ``-W``
        build that failed fails again.
        """
        self._warn_again()
        archive = self.archive
        for post in sorted(self.posts.values(), key=lambda p: p.docname):
            owner = archive.slug_owner(post.slug) if post.slug else None
            if owner is not None and owner != post.docname:
                logger.warning(
                    __("post slug %r is already used by %r; refer to this post by docname"),
                    post.slug,
                    owner,
                    type=WARNING_TYPE,
                    subtype=Subtype.SLUG,
                    location=(post.docname, post.line),
                )
        self._warn_slug_collisions()

    def check_consistency(self) -> None:
        """Warn about a second archive or index document, and a second book."""
        seen: dict[str, str] = {}
        for which, docname in self.index_claims():
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
        books = [docname for docname in sorted(self.books) for _spec in self.books[docname]]
        for docname in books[1:]:
            logger.warning(
                __("%r already holds the blog:book; the posts are in two toctrees"),
                books[0],
                type=WARNING_TYPE,
                subtype=Subtype.DIRECTIVE,
                location=docname,
            )

    def _warn_again(self) -> None:
        """Warn again about the problems of each post not read in this build.

        A post's problems are kept with its record (:attr:`Post.problems`),
        so a build that reads nothing still reports every broken post, as
        the build that read it did.
        """
        for docname, post in sorted(self.posts.items()):
            if docname in self.docs_read:
                continue  # warned about while read
            for problem in post.problems:
                logger.warning(
                    problem.message,
                    type=WARNING_TYPE,
                    subtype=problem.subtype,
                    location=(docname, problem.line),
                )

    def scheduled_posts(self) -> list[Post]:
        """The posts dated after the build's "now" (not drafts), in archive order."""
        future = self.archive.hidden[Status.FUTURE]
        return [self.posts[docname] for docname in future]

    def _warn_slug_collisions(self) -> None:
        """One ``blogarchive.slug`` warning per set of names of one kind sharing a slug.

        Located at the first post of the first name that lost the slug; it
        names every name with the files of its posts, and the fix.
        """
        archive = self.archive
        for clash in archive.slug_collisions:
            terms = [archive.terms[clash.kind][key] for key in clash.keys]
            named = ", ".join(f"{t.name!r} ({self._files_of(t.posts)})" for t in terms)
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
                location=(terms[1].posts[0], self.posts[terms[1].posts[0]].line),
            )

    def _files_of(self, docnames: tuple[str, ...], most: int = 3) -> str:
        """The source files of *docnames*, relative to the source folder: at most *most*."""
        srcdir = self.env.srcdir
        files = [
            os.path.relpath(self.env.doc2path(name), srcdir).replace(os.sep, "/")
            for name in docnames[:most]
        ]
        more = len(docnames) - most
        return __("%s and %d more") % (", ".join(files), more) if more > 0 else ", ".join(files)

    # -- cross-references ------------------------------------------------------

    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        # Sphinx's ReferencesResolver puts any returned node in place of the
        # reference; text nodes are how unresolvable targets render.
        """Resolve ``{blog:post}``, ``{blog:tag}``, ... references.

        An unknown target, or a post that is not published, gives one
        ``blogarchive.ref`` warning at the reference and renders as text.
        Links to generated pages are text on builders not on the allow-list.
        """
        explicit = bool(node.get("refexplicit"))
        site = self.site

        def text(label: str) -> nodes.Element:
            if explicit:
                return contnode
            return nodes.inline(label, label, classes=contnode.get("classes", []))

        if typ == "post":
            post = site.archive.find_post(target, fromdocname=fromdocname)
            status = (
                post.status(self.now, include_drafts=self.config.include_drafts) if post else None
            )
            if post is None or status is None or not status.published:
                return None  # see warn_missing_reference
            if not site.links_to(builder, post.docname):
                return text(post.title)
            try:
                return make_refnode(builder, fromdocname, post.docname, None, text(post.title))
            except NoUri:
                return text(post.title)

        page, label = self._page_target(typ, target)
        if page is None:
            return None
        if page not in env.found_docs and not _render.links_pages(builder, site):
            return text(label)
        try:
            uri = _render.relative_uri(builder, fromdocname, page)
        except NoUri:
            return text(label)
        ref = nodes.reference("", "", internal=True, refuri=uri, reftitle=label)
        ref += text(label)
        return ref

    def unresolved_reason(self, typ: str, target: str, fromdocname: str) -> str:
        """Why a ``{blog:<typ>}`` reference to *target* found nothing, in words."""
        if typ == "post":
            post = self.site.archive.find_post(target, fromdocname=fromdocname)
            if post is None:
                return __("{blog:post} target %r is not a post") % target
            status = post.status(self.now, include_drafts=self.config.include_drafts)
            return __("{blog:post} target %r is not published (%s); linked as text") % (
                target,
                status.value,
            )
        return __("{blog:%s} target %r has no page") % (typ, target)

    def _page_target(self, typ: str, target: str) -> tuple[str | None, str]:
        site = self.site
        if typ == "year":
            try:
                year = int(target.strip())
            except ValueError:
                return None, target
            return site.year_page(year), str(year)
        if typ == "page":
            which = target.strip().lower()
            if which not in ("archive", *INDEX_KINDS):
                return None, target
            page = site.index_page(which)
            if page is not None and page in self.env.titles:
                return page, self.env.titles[page].astext()
            return page, site.title_of_index(which)
        if typ == "author":
            target = self.registry.name_of(target)
        term = site.archive.find_term(typ, target)
        if term is None:
            return None, target
        return site.term_page(typ, term.name), term.name

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """Nothing: posts are documents, which ``:any:`` already finds as ``std:doc``."""
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Published posts and generated pages, for the inventory (``objects.inv``).

        Posts by docname (search finds them too); the first page of each
        tag, category and author by its display name, of each year by the
        year, and the archive and index pages by ``archive``, ``tags``, ...
        (type ``page``), so another project links to them with intersphinx:
        ``{external+blog:blog:tag}`python```. Search leaves out generated
        pages, which are not documents. Pages on disk only for page builders.
        """
        for post in self.archive.listed:
            yield post.docname, post.title, "post", post.docname, "", 1
        # Unlisted posts: linkable from other projects, never a search result.
        for docname in self.archive.hidden[Status.UNLISTED]:
            post = self.archive.posts[docname]
            yield docname, post.title, "post", docname, "", -1
        site = self.site
        terms = site.archive.terms
        for name, page in site.pages.items():
            if not page.first or page.family == "month":
                continue
            if page.family == "archive" or page.family in INDEX_KINDS:
                yield page.family, site.title_of(page), "page", name, "", 1
            elif page.family == "year":
                yield page.key, page.key, "year", name, "", 1
            elif (term := terms.get(page.family, {}).get(page.key)) is not None:
                yield term.name, term.name, page.family, name, "", 1
        for which, docname in self.index_docs.items():
            # Priority -1: in the inventory, but not a search result of its own.
            yield which, site.title_of_index(which), "page", docname, "", -1


def warn_missing_reference(app: object, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: a ``blogarchive.ref`` warning for our roles.

    Unresolved ``blog:`` references reach Sphinx's ``missing-reference``
    event first (so intersphinx may still resolve them), then come here: one
    warning at the reference's file and line, and the reference stays text.
    """
    if not isinstance(domain, BlogDomain):
        return None
    reason = domain.unresolved_reason(node["reftype"], node["reftarget"], node.get("refdoc", ""))
    logger.warning(reason, type=WARNING_TYPE, subtype=Subtype.REF, location=node)
    return True


def get_domain(env: BuildEnvironment) -> BlogDomain:
    """The :class:`BlogDomain` of *env*."""
    return cast("BlogDomain", env.get_domain("blog"))
