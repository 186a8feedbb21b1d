"""The archive: every listing of a blog, computed from all its posts at once.

:class:`Archive` is computed from all posts (:class:`~._post.Post`) after
reading and answers every listing query: the published posts in archive
order, tags, categories, authors and series (:class:`Term`), years,
neighbours, related posts, reference lookups. Nothing here needs a Sphinx
application, so it is unit-testable.

The archive order is total: newest date first (a date-only value counts as
00:00 in the blog time zone), then docname ascending. Every listing, page and
neighbour chain uses this one order.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sphinx_blogarchive.model._excerpt import POST_REF, resolve_post_titles
from sphinx_blogarchive.model._post import Post, Status, shared_file_names, slug_owners
from sphinx_blogarchive.model._slugs import slugify, term_key
from sphinx_blogarchive.model._term_slugs import SlugCollision, assign_slugs

#: Taxonomy kinds with a page per term, and the Post attribute holding them.
TAXONOMIES: dict[str, str] = {"tag": "tags", "category": "categories", "author": "authors"}


@dataclass(frozen=True)
class Term:
    """A tag, category or author with a page.

    *kind* is ``"tag"``, ``"category"``, ``"author"`` or ``"series"``; *key*
    its identity (:func:`~._slugs.term_key`); *name* the display spelling
    (the most frequent, ties to the earliest post); *slug* unique within the
    kind; *posts* the docnames of its listed posts in archive order (a
    series': in series order, see :func:`series_order`).
    """

    kind: str
    key: str
    name: str
    slug: str
    posts: tuple[str, ...]


@dataclass
class Archive:
    """All listing data of a blog at one moment, computed from its posts.

    Build with :meth:`build`. *listed* holds the published posts in archive
    order; *hidden* the docnames left out, by :class:`Status`; *terms* maps a
    kind to ``{key: Term}`` ordered by name (kind ``"series"`` too: a
    series' posts are in series order, see :func:`series_order`); *years*
    maps a year (newest first) to its docnames; *pinned* holds the docnames
    of the listed posts with ``pin: true``, in archive order;
    *slug_collisions* the names of one kind that came to one slug (see
    :func:`~._term_slugs.assign_slugs`).
    """

    posts: dict[str, Post]
    listed: tuple[Post, ...]
    hidden: dict[Status, tuple[str, ...]]
    terms: dict[str, dict[str, Term]]
    years: dict[int, tuple[str, ...]]
    pinned: tuple[str, ...] = ()
    slug_collisions: tuple[SlugCollision, ...] = ()
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    _slug_owner: dict[str, str] = field(default_factory=dict, repr=False)
    _shared_slugs: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _tag_members: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _tag_places: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)
    _timestamps: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _series_place: dict[str, tuple[str, int]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(
        cls,
        posts: Mapping[str, Post],
        *,
        now: dt.datetime,
        include_drafts: bool = False,
        slugger: Callable[[str], str] = slugify,
        term_slugs: Mapping[str, str] | None = None,
    ) -> Archive:
        """Compute the archive of *posts* (docname -> Post) at the aware time *now*.

        *slugger* makes the slug of a tag, category or author from its name
        (:func:`~._slugs.slugify`, or ABlog's for its URL layout);
        *term_slugs* maps a name (any spelling) to the slug it must have
        (``blogarchive_term_slugs``).
        """
        ordered = sorted(posts.values(), key=Post.sort_key)
        listed: list[Post] = []
        hidden: dict[Status, list[str]] = {s: [] for s in Status if s is not Status.LISTED}
        for post in ordered:
            status = post.status(now, include_drafts=include_drafts)
            if status is Status.LISTED:
                listed.append(post)
            else:
                hidden[status].append(post.docname)
        fixed = {term_key(name): slug for name, slug in (term_slugs or {}).items()}
        terms: dict[str, dict[str, Term]] = {}
        collisions: list[SlugCollision] = []
        for kind, attr in TAXONOMIES.items():
            terms[kind], found = _terms(kind, attr, listed, slugger, fixed)
            collisions.extend(found)
        series, found = _terms("series", "series_names", listed, slugger, fixed)
        collisions.extend(found)
        terms["series"] = {
            key: dataclasses.replace(term, posts=series_order(term.posts, posts))
            for key, term in series.items()
        }
        years: dict[int, list[str]] = {}
        for post in listed:
            assert post.date is not None
            years.setdefault(post.date.value.year, []).append(post.docname)
        archive = cls(
            posts=dict(posts),
            listed=tuple(listed),
            hidden={s: tuple(d) for s, d in hidden.items()},
            terms=terms,
            years={y: tuple(d) for y, d in sorted(years.items(), reverse=True)},
            pinned=tuple(post.docname for post in listed if post.pin),
            slug_collisions=tuple(collisions),
        )
        archive._position = {p.docname: i for i, p in enumerate(listed)}
        claims = [(p.docname, p.slug) for p in posts.values()]
        archive._slug_owner = slug_owners(claims)
        archive._shared_slugs = shared_file_names(claims)
        archive._resolve_excerpts()
        return archive

    def _resolve_excerpts(self) -> None:
        """Put the titles of referenced posts into excerpts (known only now)."""

        def title_of(fromdocname: str, target: str) -> str:
            found = self.find_post(target, fromdocname=fromdocname)
            return found.title if found is not None else target

        for name, post in list(self.posts.items()):
            if POST_REF in post.excerpt or POST_REF in post.excerpt_html:
                self.posts[name] = dataclasses.replace(
                    post,
                    excerpt=resolve_post_titles(post.excerpt, title_of, escape=False),
                    excerpt_html=resolve_post_titles(post.excerpt_html, title_of, escape=True),
                )
        self.listed = tuple(self.posts[p.docname] for p in self.listed)

    # -- queries -----------------------------------------------------------

    def is_listed(self, docname: str) -> bool:
        """True when *docname* is a published (listed) post."""
        return docname in self._position

    def neighbours(self, docname: str) -> tuple[Post | None, Post | None]:
        """The (older, newer) listed posts next to *docname*; Nones at the ends."""
        index = self._position.get(docname)
        if index is None:
            return None, None
        older = self.listed[index + 1] if index + 1 < len(self.listed) else None
        newer = self.listed[index - 1] if index > 0 else None
        return older, newer

    def series_place(self, docname: str) -> tuple[Term, int] | None:
        """The series *docname* is part of and its 0-based place in it, or None.

        None when the post is in no series or is not listed (a series holds
        listed posts only).
        """
        if not self._series_place:
            for key, term in self.terms["series"].items():
                for index, name in enumerate(term.posts):
                    self._series_place[name] = (key, index)
        found = self._series_place.get(docname)
        if found is None:
            return None
        return self.terms["series"][found[0]], found[1]

    def find_post(self, target: str, *, fromdocname: str = "") -> Post | None:
        """The post a reference *target* names, or None.

        *target* is a docname (relative to *fromdocname*'s folder, or absolute
        with or without a leading ``/``), else a post slug.
        """
        if (post := self._post_by_docname(target, fromdocname)) is not None:
            return post
        owner = self._slug_owner.get(self._slug_key(target))
        return self.posts.get(owner) if owner else None

    def shared_slug(self, target: str, *, fromdocname: str = "") -> tuple[str, ...]:
        """The posts sharing the file name a reference *target* uses as a slug, or ``()``.

        Non-empty (sorted docnames, the first being the one
        :meth:`find_post` returns) when *target* is no docname and names a
        default slug that several posts share and none declares.
        """
        if self._post_by_docname(target, fromdocname) is not None:
            return ()
        return self._shared_slugs.get(self._slug_key(target), ())

    def _slug_key(self, target: str) -> str:
        """The key of :attr:`_slug_owner` a slug *target* names: as written, else slugified."""
        key = target.strip().casefold()
        return key if key in self._slug_owner else slugify(target.strip()).casefold()

    def _post_by_docname(self, target: str, fromdocname: str) -> Post | None:
        target = target.strip()
        candidates = []
        if target.startswith("/"):
            candidates.append(target.lstrip("/"))
        else:
            folder = fromdocname.rpartition("/")[0]
            if folder:
                candidates.append(f"{folder}/{target}")
            candidates.append(target)
        for name in candidates:
            name = _normalise_docname(name)
            if name in self.posts:
                return self.posts[name]
        return None

    def find_term(self, kind: str, target: str) -> Term | None:
        """The term of *kind* named by *target*: any spelling of its name, or its slug."""
        terms = self.terms.get(kind, {})
        if (term := terms.get(term_key(target))) is not None:
            return term
        return next((t for t in terms.values() if t.slug == target.strip()), None)

    def related(self, docname: str, count: int, *, newer: bool = False) -> list[Post]:
        """Up to *count* listed posts sharing the most tags with *docname*.

        Only posts older than *docname* in archive order, unless *newer*
        (``blogarchive_related_newer``): so a new post, the newest, enters
        no other post's list, and adding one rewrites no older post's
        footer (Hugo's ``includeNewer = false``, for the same reason).
        Ties go to the post closest to it in time (then the newer in archive
        order): posts of the same period. Posts sharing no tag are not
        related. Empty when *docname* is not listed.

        Closeness, not recency, breaks ties so that a new post enters the
        related posts of its neighbours in time only: were ties to go to the
        newest, each new post would join the list of every post sharing one
        tag with it, and every build after a new post would rewrite those.
        Closeness in time, not in archive places: a post added or removed
        between two others changes their places' distance, not their dates',
        so the related posts of a post change only with the posts sharing a
        tag with it.

        Called for every post on every build, so it does not walk the
        (long) lists of popular tags: the posts sharing two tags or more
        come from set intersections, and the rest, if needed, are taken
        outwards from the post's place in each tag's list, closest first.
        """
        post = self.posts.get(docname)
        if post is None or count <= 0 or not self.is_listed(docname):
            return []
        tags = self.terms["tag"]
        keys = sorted({term_key(tag) for tag in post.tags} & tags.keys())
        members = [self._members(key) for key in keys]
        shared: dict[str, int] = {}
        for first, second in itertools.combinations(members, 2):
            for other in first & second:
                if other != docname and other not in shared:
                    shared[other] = sum(other in m for m in members)
        position = self._position
        seconds = self._seconds
        here = seconds(docname)
        if not newer:
            place = position[docname]
            shared = {d: n for d, n in shared.items() if position[d] > place}
        ranked = sorted(shared, key=lambda d: (-shared[d], abs(seconds(d) - here), position[d]))[
            :count
        ]
        if len(ranked) < count:
            seen = {docname, *ranked}
            for other in self._closest(keys, docname, newer=newer):
                if other not in seen:
                    seen.add(other)
                    ranked.append(other)
                    if len(ranked) == count:
                        break
        return [self.posts[d] for d in ranked]

    def _closest(self, keys: list[str], docname: str, *, newer: bool) -> Iterable[str]:
        """The posts of tags *keys*, closest in time to *docname* first.

        Only those older in archive order, unless *newer*.

        Ties (as far in time) go to the newer in archive order. Each tag's
        posts are in archive order (newest first), so each list is walked
        outwards from *docname*'s place in it.
        """
        position = self._position
        seconds = self._seconds
        here, place = seconds(docname), position[docname]
        # (distance, archive place, list, index in it, step, where the walk goes on):
        # a run of posts of one date is pushed whole, since walking to newer
        # posts meets them from the older end.
        heap: list[tuple[float, int, int, int, int, int | None]] = []
        lists: list[tuple[str, ...]] = []

        def push_run(index: int, at: int, step: int) -> None:
            posts = lists[index]
            if not 0 <= at < len(posts):
                return
            stamp = seconds(posts[at])
            run = []
            while 0 <= at < len(posts) and seconds(posts[at]) == stamp:
                run.append(at)
                at += step
            for item in run:
                goes_on = at if item == run[-1] else None
                entry = (abs(stamp - here), position[posts[item]], index, item, step, goes_on)
                heapq.heappush(heap, entry)

        for key in keys:
            split = bisect.bisect_left(self._places(key), place)
            lists.append(self.terms["tag"][key].posts)
            if newer:
                push_run(len(lists) - 1, split - 1, -1)  # towards newer posts
            push_run(len(lists) - 1, split, 1)  # towards older posts
        while heap:
            _, _, index, item, step, goes_on = heapq.heappop(heap)
            yield lists[index][item]
            if goes_on is not None:
                push_run(index, goes_on, step)

    def _seconds(self, docname: str) -> float:
        """A listed post's date as a POSIX timestamp (listed posts are dated)."""
        found = self._timestamps.get(docname)
        if found is None:
            date = self.posts[docname].date
            assert date is not None
            found = self._timestamps[docname] = date.value.timestamp()
        return found

    def _places(self, key: str) -> list[int]:
        """The archive positions of tag *key*'s posts, ascending (made once per archive)."""
        if key not in self._tag_places:
            self._tag_places[key] = [self._position[d] for d in self.terms["tag"][key].posts]
        return self._tag_places[key]

    def _members(self, key: str) -> frozenset[str]:
        """The docnames of tag *key*'s posts, as a set (made once per archive)."""
        if key not in self._tag_members:
            self._tag_members[key] = frozenset(self.terms["tag"][key].posts)
        return self._tag_members[key]

    def posts_of(self, docnames: Iterable[str]) -> list[Post]:
        """The :class:`Post` records of *docnames*, in the given order."""
        return [self.posts[d] for d in docnames]

    def slug_owner(self, slug: str) -> str | None:
        """The docname owning post *slug* (compared case-insensitively), or None."""
        return self._slug_owner.get(slug.casefold())


def series_order(docnames: Iterable[str], posts: Mapping[str, Post]) -> tuple[str, ...]:
    """*docnames* (posts of one series) in series order.

    Posts with a ``series_order`` come first, by that number; the others
    follow, oldest first; ties go by date, then docname.
    """

    def key(docname: str) -> tuple[bool, int, float, str]:
        post = posts[docname]
        stamp = post.date.value.timestamp() if post.date is not None else float("-inf")
        order = post.series_order
        return (order is None, order or 0, stamp, docname)

    return tuple(sorted(docnames, key=key))


def _normalise_docname(name: str) -> str:
    parts: list[str] = []
    for part in name.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def _terms(
    kind: str,
    attr: str,
    listed: list[Post],
    slugger: Callable[[str], str] = slugify,
    fixed: Mapping[str, str] | None = None,
) -> tuple[dict[str, Term], list[SlugCollision]]:
    """Group the *attr* names of *listed* posts (archive order) into terms.

    Returns the terms by key, and the slug collisions among them (see
    :func:`~._term_slugs.assign_slugs`; *fixed* maps a term key to its configured slug).
    """
    docnames: dict[str, list[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    first_seen: dict[str, dict[str, int]] = {}
    # Oldest first, so "the earliest post" wins ties between spellings.
    for age, post in enumerate(reversed(listed)):
        for name in getattr(post, attr):
            key = term_key(name)
            spellings.setdefault(key, Counter())[name] += 1
            first_seen.setdefault(key, {}).setdefault(name, age)
    for post in listed:
        for name in getattr(post, attr):
            docnames.setdefault(term_key(name), []).append(post.docname)
    display = {
        key: min(counter, key=lambda n, k=key: (-counter[n], first_seen[k][n]))  # type: ignore[misc]
        for key, counter in spellings.items()
    }
    slugs, clashes = assign_slugs(display, slugger, fixed)
    ordered = sorted(display, key=lambda k: (display[k].casefold(), k))
    terms = {
        key: Term(kind, key, display[key], slugs[key], tuple(docnames[key])) for key in ordered
    }
    return terms, [dataclasses.replace(c, kind=kind) for c in clashes]
