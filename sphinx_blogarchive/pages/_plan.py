"""Planning one build's generated pages: which are made, and under which names.

:func:`plan` fills a :class:`~._site.Site`'s :attr:`~._site.Site.pages`: the
archive, the indexes, the (paginated) listing of each term, year and month,
the series, and the redirects from former names. A page whose name a page of
the user's (or an earlier generated page) holds is not made; it is listed in
the site's collisions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_blogarchive.pages import _redirects
from sphinx_blogarchive.pages._page import (
    INDEXES,
    ONE_PAGE,
    GeneratedPage,
    page_count,
    page_name,
)

if TYPE_CHECKING:
    from sphinx_blogarchive.model._archive import Archive
    from sphinx_blogarchive.pages._site import Site


def plan(site: Site, taken: dict[str, str]) -> None:
    """Plan every generated page of *site*: fill its pages, collisions and term pages.

    *taken* is ``{casefolded page name: its owner, in words}`` of the pages
    the user wrote; the planned pages are added to it.
    """
    cfg, paths = site.config, site.config.paths
    archive_name = site.index_name("archive")
    if "archive" in cfg.pages and "archive" not in site.index_docs:
        _add_listing(site, archive_name, "archive", "", len(site.archive.listed), taken)
    if "archive" in cfg.pages and cfg.url_layout == "ablog":
        # ABlog's blog/archive: every post, grouped by year, on one page.
        _add(site, GeneratedPage(f"{paths['archive']}/archive", "archive", ONE_PAGE), taken)
    for which, kind in INDEXES.items():
        if which not in cfg.pages:
            continue
        empty = not (site.archive.years if kind == "year" else site.archive.terms[kind])
        # Years in the archive's folder (ABlog's layout): the archive is their index.
        shared = kind == "year" and site.index_name(kind) == archive_name and "archive" in cfg.pages
        if which not in site.index_docs and not empty and not shared:
            _add(site, GeneratedPage(site.index_name(kind), which), taken)
        if kind == "year":
            for year, docnames in site.archive.years.items():
                base = f"{paths[kind]}/{year}"
                _add_listing(site, base, kind, str(year), len(docnames), taken)
            if cfg.archive_by_month:
                for month, count in _months(site.archive).items():
                    base = f"{paths[kind]}/{month.replace('-', '/')}"
                    _add_listing(site, base, "month", month, count, taken)
            continue
        for term in site.archive.terms[kind].values():
            base = f"{paths[kind]}/{term.slug}"
            _add_listing(site, base, kind, term.key, len(term.posts), taken)
    if "series" in cfg.pages and site.archive.terms["series"]:
        # The index of the series (key ""); a series is shown whole, in
        # its order, on one page.
        _add(site, GeneratedPage(site.index_name("series"), "series"), taken)
        for term in site.archive.terms["series"].values():
            page = GeneratedPage(f"{paths['series']}/{term.slug}", "series", term.key)
            if (name := _add(site, page, taken)) is not None:
                site.term_pages[("series", term.key)] = name
    _plan_redirects(site, taken)


def _add(site: Site, page: GeneratedPage, taken: dict[str, str]) -> str | None:
    """Plan *page* unless its name is the user's or another generated page's."""
    name = page.pagename
    folded = name.casefold()
    owner = _owner(site, folded, taken)
    if owner is not None:
        site.collisions.append((page, owner))
        return None
    site.pages[name] = page
    # Later generated pages may not take this name either (dirhtml aliases).
    generated = page.describe()
    taken[folded] = generated
    taken.setdefault(f"{folded}/index", generated)
    return name


def _owner(site: Site, folded: str, taken: dict[str, str]) -> str | None:
    """Who holds the casefolded page name *folded* (or its dirhtml alias), or None."""
    owner = taken.get(folded)
    if owner is not None or not site.folder_aliases:
        return owner
    owner = taken.get(f"{folded}/index")
    if owner is None and folded.endswith("/index"):
        owner = taken.get(folded[: -len("/index")])
    return owner


def _plan_redirects(site: Site, taken: dict[str, str]) -> None:
    """Plan a redirect page for each former name no page holds (see :mod:`._redirects`)."""
    for claim in _redirects.claims(site):
        folded = claim.pagename.casefold()
        owner = _owner(site, folded, taken)
        if owner is not None:
            site.redirect_collisions.append((claim, owner))
            continue
        site.pages[claim.pagename] = GeneratedPage(claim.pagename, _redirects.FAMILY, claim.target)
        taken[folded] = _redirects.describe(claim)
        taken.setdefault(f"{folded}/index", taken[folded])


def _months(archive: Archive) -> dict[str, int]:
    months: dict[str, int] = {}
    for post in archive.listed:
        if post.date is not None:
            month = post.date.value.date().isoformat()[:7]
            months[month] = months.get(month, 0) + 1
    return months


def _add_listing(
    site: Site, base: str, family: str, key: str, count: int, taken: dict[str, str]
) -> None:
    """Plan the pages of one listing of *count* posts (several when paginated).

    The first page is the listing's name *base*; the others are
    ``<base>/page/<number>``, numbered as :func:`page_count` says.
    """
    per_page = site.per_page(family)
    stable = site.config.pagination == "stable"
    pages = page_count(count, per_page, stable=stable)
    numbers = range(1, pages) if stable else range(2, pages + 1)
    top = pages if stable else 1
    first = _add(site, GeneratedPage(base, family, key, top, pages, stable), taken)
    if first is None:
        return
    if family != "archive":
        site.term_pages[(family, key)] = first
    for number in numbers:
        _add(
            site, GeneratedPage(page_name(base, number), family, key, number, pages, stable), taken
        )
