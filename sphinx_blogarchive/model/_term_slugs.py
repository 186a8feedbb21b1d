"""Slug assignment: a unique slug for each tag, category, author or series of a kind.

:func:`assign_slugs` gives each term its slug from its own name only (or the
one configured for it), so a page's URL never depends on which other names
exist; names of one kind that come to one slug are a :class:`SlugCollision`,
settled by :func:`slug_rank`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sphinx_blogarchive.model._slugs import RESERVED_SLUGS, name_hash, slugify


@dataclass(frozen=True)
class SlugCollision:
    """Names of one *kind* whose slugs are the same *slug* (compared case-insensitively).

    *keys* are the term keys, the one keeping *slug* first; the others got
    ``<slug>-<hash of the key>`` (:func:`~._slugs.name_hash`).
    """

    kind: str
    slug: str
    keys: tuple[str, ...]


def assign_slugs(
    names: Mapping[str, str],
    slugger: Callable[[str], str] = slugify,
    fixed: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], list[SlugCollision]]:
    """Unique slugs for ``{key: display name}``, each from its own name only.

    A key's slug is its *fixed* one (``blogarchive_term_slugs``, by key), or
    *slugger* of its name; a reserved slug (``index``, ``con``...) gets
    ``-2``. When several keys come to one slug (compared case-insensitively,
    so no two pages differ only in case), the first by :func:`slug_rank`
    keeps it, and each other gets ``-`` and eight hex digits of its own key's
    hash, the same whatever else exists. Which posts carry the names, and
    their dates, play no part. Returns ``({key: slug}, collisions)``.
    """
    fixed = fixed or {}
    wanted: dict[str, str] = {}
    for key, name in names.items():
        slug = fixed.get(key) or slugger(name)
        wanted[key] = f"{slug}-2" if slug.casefold() in RESERVED_SLUGS else slug
    groups: dict[str, list[str]] = {}
    for key in names:
        groups.setdefault(wanted[key].casefold(), []).append(key)
    result: dict[str, str] = {}
    clashes: list[SlugCollision] = []
    for group in groups.values():
        group.sort(key=lambda k: slug_rank(k, wanted[k], k in fixed))
        result[group[0]] = wanted[group[0]]
        for key in group[1:]:
            result[key] = f"{wanted[key]}-{name_hash(key)}"
        if len(group) > 1:
            clashes.append(SlugCollision("", wanted[group[0]], tuple(group)))
    return result, sorted(clashes, key=lambda c: c.slug)


def slug_rank(key: str, slug: str, fixed: bool = False) -> tuple[int, str]:
    """Which of the names sharing *slug* keeps it: the smallest rank.

    A name whose slug is configured first; then a name already written as
    its slug (``open-source``); then one that differs from it only by spaces
    (``open source``); then the rest. Ties go to the key first in code-point
    order. Only the names count, never the posts.
    """
    if fixed:
        return (0, key)
    folded = slug.casefold()
    if key == folded:
        return (1, key)
    if "-".join(key.split()) == folded:
        return (2, key)
    return (3, key)
