"""Which posts' related posts a change can alter, without computing anyone's related posts.

A post's footer lists up to *count* related posts: those sharing the most
tags with it, ties going to the closest in time
(:meth:`~sphinx_blogarchive.model._archive.Archive.related`). When a post
*p* is added, removed, edited, re-dated or re-tagged, a post *q* sharing a
tag with *p* can show a different list only when *p* is (or was) in it.
That needs fewer than *count* posts to rank before *p* in *q*'s list, and
each post that has every tag *p* and *q* share and lies strictly closer in
time to *q* ranks before *p*. So *q* is untouched when, in the date-ordered
list of the posts having some set of *p*'s tags that *q* has too, at least
*count* posts strictly closer to *q* than *p* lie between them. Walking each
such list outwards from *p*, the posts passed before that count is reached
are the ones that may change: tens of posts, where the tag lists hold
thousands.

The lists of the last build are rebuilt from the output record (its
``listed`` order and each post's listings); dates there are today's for the
posts that did not change (a post's date is part of its token), and a
changed post's old date is unknown, so it never counts as closer.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from sphinx_blogarchive.model._slugs import term_key

if TYPE_CHECKING:
    from sphinx_blogarchive.model._archive import Archive
    from sphinx_blogarchive.record._record import Record

#: The largest set of shared tags whose list is walked; a post sharing more
#: tags than this with the changed post is taken as touched.
_MAX_SET = 2


def related_touched(archive: Archive, record: Record, changed: set[str], count: int) -> set[str]:
    """The posts whose related posts may differ from *record*'s build, for the *changed* posts.

    *archive* is this build's; *changed* holds the docnames whose token
    differs from *record*'s (added and removed ones included); *count* is
    ``blogarchive_related_posts``. The result is a superset of the posts
    (other than the changed ones) whose related posts changed; empty when
    *count* is 0. Raises nothing.
    """
    if count <= 0 or not changed:
        return set()
    found: set[str] = set()
    tags = archive.terms.get("tag", {})
    now_members = {key: frozenset(term.posts) for key, term in tags.items()}
    now_order = {docname: i for i, docname in enumerate(p.docname for p in archive.listed)}

    def now_date(docname: str) -> float | None:
        post = archive.posts.get(docname)
        return post.date.value.timestamp() if post is not None and post.date else None

    def old_date(docname: str) -> float | None:
        return None if docname in changed else now_date(docname)

    old_members: dict[str, set[str]] = {}
    for docname in record.listed:
        for family, key in record.listings(docname):
            if family == "tag":
                old_members.setdefault(key, set()).add(docname)
    old_order = {docname: i for i, docname in enumerate(record.listed)}

    for docname in changed:
        if docname in now_order:
            post = archive.posts[docname]
            keys = sorted({term_key(tag) for tag in post.tags} & now_members.keys())
            found |= _walk_all(docname, keys, now_members, now_order, now_date, count, exact=True)
        if docname in old_order:
            keys = sorted(k for family, k in record.listings(docname) if family == "tag")
            keys = [k for k in keys if docname in old_members.get(k, ())]
            found |= _walk_all(docname, keys, old_members, old_order, old_date, count, exact=False)
    return found - changed


def _walk_all(
    docname: str,
    keys: Sequence[str],
    members: dict[str, frozenset[str]] | dict[str, set[str]],
    order: dict[str, int],
    date: Callable[[str], float | None],
    count: int,
    *,
    exact: bool,
) -> set[str]:
    """The posts near *docname* in the list of each set of up to two of its tags *keys*.

    Besides, every post sharing more than two of them (few: the lists of
    three tags' common posts are short).
    """
    shares = Counter(other for key in keys for other in members[key])
    found = {other for other, shared in shares.items() if shared > _MAX_SET}
    for size in range(1, min(_MAX_SET, len(keys)) + 1):
        for chosen in itertools.combinations(keys, size):
            common = set.intersection(*(set(members[k]) for k in chosen))
            ordered = sorted(common, key=order.__getitem__)
            found.update(_walk(ordered, ordered.index(docname), date, count, exact=exact))
    return found


def _walk(
    ordered: list[str],
    at: int,
    date: Callable[[str], float | None],
    count: int,
    *,
    exact: bool,
) -> Iterable[str]:
    """The posts of *ordered* (date order) outwards from index *at* until *count* lie closer.

    A post passed is strictly closer in time to every post beyond it than
    the post at *at* when its date differs from the reference: the post at
    *at*'s own date when *exact*, else the first known date met (the post at
    *at*'s date is at least as far). Posts of unknown date never count.
    """
    for step in (-1, 1):
        reference = date(ordered[at]) if exact else None
        closer = 0
        i = at + step
        while 0 <= i < len(ordered) and closer < count:
            other = ordered[i]
            yield other
            stamp = date(other)
            if stamp is not None:
                if reference is None:
                    reference = stamp
                elif stamp != reference:
                    closer += 1
            i += step
