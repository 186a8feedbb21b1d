"""Listings (issue 3): postlist options, layouts, fields, excerpts, reading
time, pagination, month pages and related posts (root ``listings``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import (
    ROOT_DOC_ALWAYS_WRITTEN,
    Built,
    build,
    build_root,
    main_of,
    resolve_href,
    soup_of,
    text_of,
    titles,
)

# Archive order of the root: newest first, same day by docname (c before g).
ARCHIVE = ["Gamma", "Eta", "Beta", "Alpha", "Epsilon", "Delta", "Zeta"]


@pytest.fixture(scope="module")
def listings(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("listings", tmp_path_factory.mktemp("listings"))


def section(built: Built, anchor: str):
    # The label's id is the section's own (myst-parser 5), or a <span> at its
    # start when the section's first id is its title's slug (myst-parser 4).
    found = main_of(built.soup("index")).find(id=anchor)
    if found is not None and found.name != "section":
        found = found.find_parent("section")
    assert found is not None, anchor
    return found


def listed(built: Built, anchor: str) -> list[str]:
    return [
        text_of(t)
        for t in section(built, anchor).select(".blogarchive-entry .blogarchive-entry-title")
    ]


def test_no_warnings(listings: Built) -> None:
    assert listings.warnings() == []


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("any-tag", ["Gamma", "Eta", "Alpha", "Epsilon", "Delta"]),
        ("all-tags", ["Epsilon"]),
        ("by-category", ["Zeta"]),
        ("by-author", ["Epsilon", "Delta"]),
        ("by-year", ["Epsilon", "Delta"]),
        ("date-range", ["Alpha", "Epsilon", "Delta"]),
        ("oldest", ["Zeta", "Delta", "Epsilon"]),
        ("by-title", ["Alpha", "Beta", "Delta", "Epsilon", "Eta", "Gamma", "Zeta"]),
        ("grouped", ["Gamma", "Eta", "Beta", "Alpha"]),
        ("table", ["Gamma", "Eta"]),
        ("cards", ["Epsilon", "Delta"]),
        ("excerpts", ARCHIVE),
    ],
)
def test_postlist_selects_and_orders(listings: Built, anchor: str, expected: list[str]) -> None:
    assert listed(listings, anchor) == expected


def test_grouped_listing_has_year_rubrics(listings: Built) -> None:
    listing = section(listings, "grouped")
    assert [text_of(r) for r in listing.select("p.rubric.blogarchive-group")] == ["2024"]
    assert listing.find("h2", class_="blogarchive-group") is None  # h2 only on the archive


def test_default_fields_are_date_and_subtitle(listings: Built) -> None:
    entry = section(listings, "any-tag").select_one(".blogarchive-entry")
    assert entry.find("time")["datetime"] == "2024-03-05"
    assert entry.select_one(".blogarchive-tags") is None
    assert entry.select_one(".blogarchive-entry-excerpt") is None


def test_table_layout_shows_the_chosen_fields(listings: Built) -> None:
    table = section(listings, "table").find("table", class_="blogarchive-table")
    assert [text_of(th) for th in table.select("thead th")] == [
        "Title",
        "Date",
        "Tags",
        "Author",
        "Reading time",
    ]
    rows = [[text_of(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["Gamma", "Mar 5, 2024", "web", "", "1 min read"],
        ["Eta", "Mar 5, 2024", "web , python", "", "1 min read"],
    ]


def test_cards_layout_uses_sphinx_design_and_the_image(listings: Built) -> None:
    cards = section(listings, "cards").select(".sd-card")
    assert len(cards) == 2
    assert cards[0].find("img") is None
    img = cards[1].find("img", class_="sd-card-img-top")
    assert img is not None
    image = resolve_href(listings.path("index"), img["src"])
    assert image.is_file()
    assert image.read_bytes() == (listings.srcdir / "posts/cover.png").read_bytes()
    link = cards[1].select_one("a.sd-stretched-link")
    assert resolve_href(listings.path("index"), link["href"]) == listings.path("posts/d")


def test_cards_without_sphinx_design_fall_back_to_a_list(tmp_path: Path) -> None:
    built = build_root(
        "listings",
        tmp_path / "l",
        confoverrides={"extensions": ["myst_parser", "sphinx_blogarchive"]},
    )
    assert built.warnings() == [
        "index.md:82: WARNING: postlist :layout: cards needs the sphinx_design extension; "
        "using a list [blogarchive.directive]"
    ]
    listing = section(built, "cards")
    assert listing.select_one(".sd-card") is None
    assert [text_of(a) for a in listing.select("li.blogarchive-entry > a")] == ["Epsilon", "Delta"]


def excerpt(built: Built, title: str):
    for entry in section(built, "excerpts").select(".blogarchive-entry"):
        if text_of(entry.select_one(".blogarchive-entry-title")) == title:
            return entry.select_one(".blogarchive-entry-excerpt")
    raise AssertionError(title)


def test_excerpt_first_paragraph_keeps_inline_markup(listings: Built) -> None:
    html = excerpt(listings, "Alpha")
    assert [text_of(e) for e in html.find_all("em")] == ["first"]
    assert [text_of(c) for c in html.find_all("code")] == ["code"]
    [link] = html.find_all("a")
    assert (link["href"], text_of(link)) == ("https://example.org/a", "link")
    # the cross-reference is flattened to its text; raw HTML is dropped
    assert "cross-reference" in text_of(html)
    assert html.find("b") is None and "raw markup" in text_of(html)
    # written text that looks like a tag stays text, escaped once
    assert html.find("script") is None
    assert "<script>alert(1)</script>" in text_of(html)
    assert "&lt;script&gt;" in str(html) and "&amp;lt;" not in str(html)
    assert "second paragraph" not in text_of(html)


def test_excerpt_ends_at_the_more_marker(listings: Built) -> None:
    html = excerpt(listings, "Beta")
    assert [text_of(p) for p in html.find_all("p")] == [
        "Before the marker, one.",
        "Before the marker, two .",
    ]
    assert "After the marker" not in text_of(html)


def test_excerpt_resolves_post_titles_and_drops_footnote_marks(listings: Built) -> None:
    # The implicit-title reference shows the post's title (known only after
    # reading every post), not its docname; the footnote mark is left out.
    html = excerpt(listings, "Eta")
    assert text_of(html) == "Eta text with four hundred words? No: a handful, after Beta."
    assert html.find("a") is None and "posts/b" not in str(html)


def test_excerpt_field_wins(listings: Built) -> None:
    assert text_of(excerpt(listings, "Gamma")) == "The excerpt field wins."


def test_reading_time(listings: Built) -> None:
    minutes = {
        text_of(e.select_one(".blogarchive-entry-title")): text_of(
            e.select_one(".blogarchive-entry-minutes")
        )
        for e in section(listings, "excerpts").select(".blogarchive-entry")
    }
    assert minutes["Epsilon"] == "7 min read"  # the post's reading_time
    assert minutes["Alpha"] == "1 min read"  # from the word count, at least 1


def test_reading_time_speed_is_configurable(tmp_path: Path) -> None:
    built = build_root(
        "listings", tmp_path / "l", confoverrides={"blogarchive_words_per_minute": 5}
    )
    posts = built.app.env.get_domain("blog").posts
    words = posts["posts/a"].words
    assert words > 20
    entry = next(
        e
        for e in section(built, "excerpts").select(".blogarchive-entry")
        if text_of(e.select_one(".blogarchive-entry-title")) == "Alpha"
    )
    assert text_of(entry.select_one(".blogarchive-entry-minutes")) == f"{round(words / 5)} min read"


def related_titles(built: Built, page: str) -> list[str]:
    aside = main_of(built.soup(page)).select_one("aside.blogarchive-related")
    return [text_of(a) for a in aside.find_all("a")] if aside else []


def test_related_posts_are_older_by_default(listings: Built) -> None:
    # Epsilon (2023-12-24) shares python with Eta, Beta, Alpha and data with
    # Delta, but only Delta is older: a new post never changes an old one.
    assert related_titles(listings, "posts/e") == ["Delta"]
    # Alpha (2024-01-10) shares two tags with Eta, which is newer; of the
    # older posts only Epsilon shares a tag.
    assert related_titles(listings, "posts/a") == ["Epsilon"]
    assert related_titles(listings, "posts/d") == []  # the oldest with its tags
    assert related_titles(listings, "posts/f") == []  # its only tag is its own


def test_related_posts_may_include_newer_ones(tmp_path: Path) -> None:
    built = build_root(
        "listings", tmp_path / "l", confoverrides={"blogarchive_related_newer": True}
    )
    # Epsilon shares one tag each: the closest in time win, either side:
    # Alpha (17 days), Beta (39), Eta (72); Delta (206) does not.
    assert related_titles(built, "posts/e") == ["Alpha", "Beta", "Eta"]
    # Alpha shares two tags (python, web) with Eta, one with the rest:
    # Epsilon (17 days) and Beta (22) beat Gamma (55).
    assert related_titles(built, "posts/a") == ["Eta", "Epsilon", "Beta"]
    assert related_titles(built, "posts/d") == ["Epsilon"]
    assert related_titles(built, "posts/f") == []


def test_related_count_is_configurable(tmp_path: Path) -> None:
    built = build_root("listings", tmp_path / "l", confoverrides={"blogarchive_related_posts": 0})
    assert main_of(built.soup("posts/a")).select_one("aside.blogarchive-related") is None


# -- pagination ---------------------------------------------------------------


def archive_pages(built: Built) -> list[list[str]]:
    """The titles of each page of the archive, following the "older" links."""
    pages = []
    path = built.path("blog/index")
    while True:
        soup = soup_of(path)
        pages.append(titles(soup))
        older = main_of(soup).select_one("a.blogarchive-older")
        if older is None:
            return pages
        path = resolve_href(path, older["href"])


@pytest.mark.parametrize(
    ("per_page", "expected"),
    [
        (0, [ARCHIVE]),
        (1, [[t] for t in ARCHIVE]),
        (7, [ARCHIVE]),  # exactly one page: no empty second page
        (6, [ARCHIVE[:6], ARCHIVE[6:]]),  # one more than a page
    ],
)
def test_newest_first_pagination(tmp_path: Path, per_page: int, expected: list[list[str]]) -> None:
    """``blogarchive_pagination = "newest"``: page 1 the newest posts, page 2 the next..."""
    overrides = {"blogarchive_posts_per_page": per_page, "blogarchive_pagination": "newest"}
    built = build_root("listings", tmp_path / "l", confoverrides=overrides)
    assert built.warnings() == []
    assert archive_pages(built) == expected
    page_files = sorted(
        p.relative_to(built.outdir).as_posix() for p in built.outdir.glob("blog/page/*.html")
    )
    assert page_files == [f"blog/page/{n}.html" for n in range(2, len(expected) + 1)]
    if len(expected) > 1:
        second = built.soup("blog/page/2")
        nav = main_of(second).select_one("nav.blogarchive-pagination")
        assert [text_of(li) for li in nav.select("ol li")] == [
            str(n) for n in range(1, len(expected) + 1)
        ]
        assert nav.select_one('[aria-current="page"]').get_text() == "2"
        newer = nav.select_one('a.blogarchive-newer[rel="prev"]')
        assert resolve_href(built.path("blog/page/2"), newer["href"]) == built.path("blog/index")
        # the theme's own prev/next links follow the pagination
        head_prev = second.find("link", rel="prev")
        assert head_prev is not None
        assert resolve_href(built.path("blog/page/2"), head_prev["href"]) == built.path(
            "blog/index"
        )
        assert "(page 2 of" in second.title.get_text()
    else:
        assert main_of(built.soup("blog/index")).select_one("nav.blogarchive-pagination") is None


def test_pagination_of_tag_pages_and_archive_on_one_page(tmp_path: Path) -> None:
    built = build_root(
        "listings",
        tmp_path / "l",
        confoverrides={"blogarchive_posts_per_page": 2, "blogarchive_archive_on_one_page": True},
    )
    assert titles(built.soup("blog/index")) == ARCHIVE
    assert not (built.outdir / "blog/page").exists()
    # python: Eta, Beta, Alpha, Epsilon -> two blocks: page 1 the oldest, the first page the newest
    assert titles(built.soup("blog/tag/python")) == ["Eta", "Beta"]
    assert titles(built.soup("blog/tag/python/page/1")) == ["Alpha", "Epsilon"]
    assert not built.path("blog/tag/python/page/2").exists()


@pytest.mark.parametrize("pagination", ["stable", "newest"])
def test_pages_shrink_after_a_delete(tmp_path: Path, pagination: str) -> None:
    overrides = {"blogarchive_posts_per_page": 2, "blogarchive_pagination": pagination}
    built = build_root("listings", tmp_path / "l", confoverrides=overrides)
    srcdir = built.srcdir
    last = "blog/page/4" if pagination == "newest" else "blog/page/2"  # 7 posts
    assert built.path(last).exists()
    (srcdir / "posts/f.md").unlink()
    (srcdir / "posts/g.md").unlink()
    again = build(srcdir, builddir=tmp_path / "l/_build", confoverrides=overrides)
    assert again.warnings() == []
    assert not again.path(last).exists()  # stale page removed
    shown = [t for t in ARCHIVE if t not in {"Zeta", "Eta"}]
    if pagination == "newest":
        assert titles(again.soup("blog/page/3")) == shown[4:]
    else:  # 5 posts: page 1 the two oldest, the first page the three newest
        assert titles(again.soup("blog/page/1")) == shown[3:]
        assert titles(again.soup("blog/index")) == shown[:3]


def test_month_pages(tmp_path: Path) -> None:
    built = build_root(
        "listings", tmp_path / "l", confoverrides={"blogarchive_archive_by_month": True}
    )
    assert built.warnings() == []
    assert titles(built.soup("blog/year/2024/03")) == ["Gamma", "Eta"]
    assert "March 2024" in built.soup("blog/year/2024/03").title.get_text()
    year = main_of(built.soup("blog/year/2024"))
    rubrics = year.select("p.rubric.blogarchive-group")
    assert [text_of(r) for r in rubrics] == ["March 2024", "February 2024", "January 2024"]
    link = rubrics[0].find("a")
    assert resolve_href(built.path("blog/year/2024"), link["href"]) == built.path(
        "blog/year/2024/03"
    )


# -- incremental exactness ------------------------------------------------------


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stamp = time.time_ns()
    os.utime(path, ns=(stamp, stamp))


def test_listing_pages_are_rewritten_exactly_when_what_they_show_changes(tmp_path: Path) -> None:
    built = build_root("listings", tmp_path / "l")
    srcdir, builddir = built.srcdir, tmp_path / "l/_build"
    pages = ["index.html", "posts/a.html", "posts/e.html", "posts/f.html", "blog/index.html"]

    def stamps(b: Built) -> dict[str, int]:
        return {p: (b.outdir / p).stat().st_mtime_ns for p in pages}

    before = stamps(built)
    # A no-change build rewrites none of them.
    again = build(srcdir, builddir=builddir)
    assert stamps(again) == before
    # Zeta gets a second tag that no other post has: no listing on the index
    # shows Zeta's tags and no related list changes, so only Zeta is rewritten.
    time.sleep(0.01)
    _rewrite(srcdir / "posts/f.md", "tags: [misc]", "tags: [misc, solo]")
    step = build(srcdir, builddir=builddir)
    assert step.warnings() == []
    after = stamps(step)
    expected = ["index.html", "posts/f.html"] if ROOT_DOC_ALWAYS_WRITTEN else ["posts/f.html"]
    assert [p for p in pages if after[p] != before[p]] == expected
    # Zeta's category changes: the index's category listing changes with it.
    before = after
    time.sleep(0.01)
    _rewrite(srcdir / "posts/f.md", "category: notes", "category: essay")
    step = build(srcdir, builddir=builddir)
    after = stamps(step)
    assert [p for p in pages if after[p] != before[p]] == ["index.html", "posts/f.html"]
    assert listed(step, "by-category") == []
    # Zeta now shares two tags with Alpha (python, web) and with Epsilon
    # (python, data), and Zeta is older than both: their related lists change
    # and they are rewritten; the index's any-tag listing now holds Zeta; the
    # archive shows no tags.
    before = after
    time.sleep(0.01)
    _rewrite(srcdir / "posts/f.md", "tags: [misc, solo]", "tags: [python, web, data]")
    step = build(srcdir, builddir=builddir)
    after = stamps(step)
    changed = [p for p in pages if after[p] != before[p]]
    assert changed == ["index.html", "posts/a.html", "posts/e.html", "posts/f.html"]
    aside = main_of(step.soup("posts/e")).select_one("aside.blogarchive-related")
    assert [text_of(a) for a in aside.find_all("a")] == ["Zeta", "Delta"]
    fresh = build_root("listings", tmp_path / "fresh")
    (fresh.srcdir / "posts/f.md").write_text(
        (srcdir / "posts/f.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    fresh = build(fresh.srcdir, builddir=tmp_path / "fresh/_build2")
    for page in pages:
        a = main_of(soup_of(step.outdir / page))
        b = main_of(soup_of(fresh.outdir / page))
        assert str(a) == str(b), page


def test_page_window_keeps_pagination_small() -> None:
    from sphinx_blogarchive.pages._page import page_window

    assert page_window(1, 1) == [1]
    assert page_window(2, 7) == [1, 2, 3, 4, 5, 6, 7]
    assert page_window(100, 200) == [1, 0, *range(96, 105), 0, 200]
    # however many pages, a page links at most 2 + 2 * 4 + 1 numbers
    assert max(len([n for n in page_window(k, 5000) if n]) for k in range(1, 5001)) == 11


def test_pagination_shows_a_gap_on_long_listings(tmp_path: Path) -> None:
    overrides = {"blogarchive_posts_per_page": 1, "blogarchive_pagination": "newest"}
    built = build_root("listings", tmp_path / "l", confoverrides=overrides)
    nav = main_of(built.soup("blog/page/7")).select_one("nav.blogarchive-pagination")
    assert [text_of(li) for li in nav.select("ol li")] == ["1", "…", "3", "4", "5", "6", "7"]
