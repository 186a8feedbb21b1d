"""The ``blog`` domain: post records, listings, roles and their resolution.

Posts are collected at read time into the domain's data, so parallel reads
merge them and incremental builds purge them per document. Everything
derived (the :class:`~sphinx_blogarchive.model._archive.Archive`, the
:class:`~sphinx_blogarchive.pages._site.Site`) is computed
from that data once per build and cached on the domain instance. What
changed since the last build is :mod:`sphinx_blogarchive.record._changes`'s;
the state one build carries, ``domain.build``
(:class:`~sphinx_blogarchive.record._state.BuildState`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.errors import NoUri
from sphinx.locale import get_translation
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from sphinx_blogarchive.config._config import BlogConfig
from sphinx_blogarchive.extension import _consistency, _derived
from sphinx_blogarchive.extension._derived import build_now
from sphinx_blogarchive.extension._roles import ROLE_DOCS, ROLE_KINDS
from sphinx_blogarchive.model._archive import Archive
from sphinx_blogarchive.model._listing import INDEX_KINDS, BookSpec, ListingSpec, book_entries
from sphinx_blogarchive.model._post import Post, Status
from sphinx_blogarchive.model._slugs import ablog_slugify, slugify
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages import _links
from sphinx_blogarchive.pages._output import reached_by_toctrees, taken_names
from sphinx_blogarchive.pages._page import at_index_name
from sphinx_blogarchive.pages._site import Site
from sphinx_blogarchive.record._state import BuildState

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import RoleFunction

    from sphinx_blogarchive.config._reference import RoleDoc

logger = logging.getLogger(__name__)
_ = get_translation("sphinx_blogarchive")
__ = get_translation("sphinx_blogarchive", "console")


class BlogDomain(Domain):
    """Domain ``blog``: holds the posts and the listings of the project.

    Data (all keyed by docname, all plain picklable values):

    * ``posts``: ``{docname: Post}``;
    * ``listings``: ``{docname: (ListingSpec, ...)}``, the directives of a page;
    * ``books``: ``{docname: (BookSpec, ...)}``, its ``blog:book`` directives;

    What each page showed when last written is kept in the output folder
    (see :class:`~sphinx_blogarchive.record._record.Record`), not here; what
    changed since is :class:`~sphinx_blogarchive.record._changes.Changes`'s.
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
    role_docs: ClassVar[dict[str, RoleDoc]] = ROLE_DOCS
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
        #: The state this build carries between events: an empty one until
        #: ``builder-inited`` makes this build's (see :func:`._events.new_build_state`).
        self.build = BuildState()

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
        if not self.build.book_builder:
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
            archive = self.site.archive
            shared = archive.shared_slug(target, fromdocname=fromdocname)
            return [post.docname, post.title, archive.is_listed(post.docname), list(shared)]
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
        """:attr:`posts` as shown (see :func:`._derived.shown_posts`), once per build."""
        if "shown_posts" not in self._cache:
            self._cache["shown_posts"] = _derived.shown_posts(self)
        return cast("dict[str, Post]", self._cache["shown_posts"])

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
                taken=taken_names(self.env, folder_aliases=self.build.folder_aliases),
                in_toctree=reached_by_toctrees(self.env),
                registry=self.build.registry,
                folder_aliases=self.build.folder_aliases,
            )
        return cast("Site", self._cache["site"])

    # -- blog content of documents -------------------------------------------

    def page_data(self, docname: str) -> dict[str, Any]:
        """All blog content shown on document *docname* (see :func:`._derived.page_data`).

        Computed once per build (the signatures of ``env-updated`` and the
        writing of the page share it); the dict returned is not to be changed.
        """
        computed: dict[str, dict[str, Any]] = self._cache.setdefault("page_data", {})
        if docname not in computed:
            computed[docname] = _derived.page_data(self, docname)
        return computed[docname]

    def release_page_data(self, docnames: Iterable[str]) -> None:
        """Forget the :meth:`page_data` of *docnames* (written, or not to be written).

        Only memory: it is computed again if asked for.
        """
        computed: dict[str, Any] = self._cache.get("page_data", {})
        for docname in docnames:
            computed.pop(docname, None)

    # -- consistency -----------------------------------------------------------

    def check_consistency(self) -> None:
        """Warn about a second archive or index document, and a second book.

        See :func:`._consistency.check_consistency`.
        """
        _consistency.check_consistency(self)

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
        ``blogarchive.ref`` warning at the reference and renders as text. A
        file name that several posts share (and none declares as its slug)
        links to the first docname, with a ``blogarchive.ref`` warning.
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
            if shared := site.archive.shared_slug(target, fromdocname=fromdocname):
                logger.warning(
                    __(
                        "{blog:post} target %r is the file name of %s; linked to %r: "
                        "refer to the post by its docname or by a slug of its own"
                    ),
                    target,
                    ", ".join(repr(d) for d in shared),
                    post.docname,
                    type=WARNING_TYPE,
                    subtype=Subtype.REF,
                    location=node,
                )
            if not site.links_to(builder, post.docname):
                return text(post.title)
            try:
                return make_refnode(builder, fromdocname, post.docname, None, text(post.title))
            except NoUri:
                return text(post.title)

        page, label = self._page_target(typ, target)
        if page is None:
            return None
        if page not in env.found_docs and not _links.links_pages(builder, site):
            return text(label)
        try:
            uri = _links.relative_uri(builder, fromdocname, page)
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
            target = self.build.registry.name_of(target)
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
