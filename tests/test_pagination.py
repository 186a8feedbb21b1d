"""Stable pagination (the default): fixed blocks counted from the oldest post.

With ``blogarchive_posts_per_page = N`` a listing of M posts has
``max(1, M // N)`` pages. Page *k* (``<page>/page/<k>``) holds the *k*-th
block of N posts counted from the oldest, and the first page (the listing's
own name) the newest block with the posts that do not fill a block yet:
N to 2N - 1 posts (all of them when there are fewer). So a new post rewrites
the first page only, and when its block fills, the new page and the page
below it, whose "Newer posts" link moves from the first page to it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from helpers import (
    Built,
    blog_pages,
    build,
    main_of,
    normalised_page,
    rel_links,
    resolve_href,
    soup_of,
    text_of,
    titles,
    write,
)

PER_PAGE = 3

CONF = f"""\
project = "Pages"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
blogarchive_posts_per_page = {PER_PAGE}
blogarchive_archive_by_month = True
"""

#: Pages written by every build, the extension's or not (search, indexes...).
SPHINX_OWN = {"genindex.html", "search.html", "index.html"}


def post(number: int, date: str, tags: str = "common", *, title: str = "") -> str:
    return (
        f"---\ndate: {date}\ntags: [{tags}]\ncategory: notes\nauthor: Ann\n---\n\n"
        f"# {title or f'Post {number}'}\n\nBody of post {number}.\n"
    )


def day(number: int) -> str:
    """Post *number*'s date: one a week of 2024, so that they are in one year."""
    return (dt.date(2024, 1, 1) + dt.timedelta(days=7 * number)).isoformat()


def make_source(root: Path, count: int) -> Path:
    write(root / "conf.py", CONF)
    write(root / "index.md", "# Pages\n")
    for number in range(1, count + 1):
        write(root / f"posts/p{number:02d}.md", post(number, day(number)))
    return root


def outfile(built: Built, pagename: str, builder: str) -> Path:
    if builder == "dirhtml":
        name = pagename.removesuffix("/index").removesuffix("index")
        return built.outdir / name / "index.html"
    return built.outdir / f"{pagename}.html"


def follow(built: Built, first: Path, selector: str) -> list[tuple[Path, list[str]]]:
    """``(file, titles)`` of each page from *first* following the *selector* link."""
    found = []
    path = first
    while True:
        soup = soup_of(path)
        found.append((path, titles(soup)))
        link = main_of(soup).select_one(selector)
        if link is None:
            return found
        path = resolve_href(path, link["href"])


def expected_pages(count: int) -> list[list[str]]:
    """The titles of each page, newest first, for *count* posts of :data:`PER_PAGE`."""
    newest_first = [f"Post {n}" for n in range(count, 0, -1)]
    blocks = max(1, count // PER_PAGE)
    first = count - (blocks - 1) * PER_PAGE
    pages = [newest_first[:first]]
    for block in range(blocks - 1, 0, -1):  # block k: the k-th counted from the oldest
        pages.append(newest_first[count - block * PER_PAGE : count - (block - 1) * PER_PAGE])
    return pages


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize(
    "count", [0, 1, PER_PAGE - 1, PER_PAGE, PER_PAGE + 1, 2 * PER_PAGE - 1, 2 * PER_PAGE, 7]
)
def test_block_boundaries(tmp_path: Path, count: int, builder: str) -> None:
    src = make_source(tmp_path / "src", count)
    built = build(src, builddir=tmp_path / "out", buildername=builder)
    assert built.warnings() == []
    expected = expected_pages(count)
    if count == 0:  # the archive says so, on one page
        soup = soup_of(outfile(built, "blog/index", builder))
        assert titles(soup) == []
        assert main_of(soup).select_one(".blogarchive-empty") is not None
        assert main_of(soup).select_one("nav.blogarchive-pagination") is None
        assert not (built.outdir / "blog/page").exists()
        return
    for listing in ("blog/index", "blog/tag/common", "blog/year/2024"):
        first = outfile(built, listing, builder)
        older = follow(built, first, "a.blogarchive-older")
        assert [shown for _, shown in older] == expected, listing
        # Page k is the k-th block from the oldest; the first page is the listing's name.
        numbered = [p for p, _ in older[1:]]
        base = listing.removesuffix("/index")
        assert numbered == [
            outfile(built, f"{base}/page/{k}", builder) for k in range(len(expected) - 1, 0, -1)
        ]
        files = sorted(
            p for p in (built.outdir / base / "page").rglob("*.html") if "page" in p.parts
        )
        assert len(files) == len(expected) - 1, listing
        # Newer links go back the same way, to the first page.
        newer = follow(built, older[-1][0], "a.blogarchive-newer")
        assert [shown for _, shown in newer] == list(reversed(expected)), listing
        nav = main_of(soup_of(first)).select_one("nav.blogarchive-pagination")
        if len(expected) == 1:
            assert nav is None
            continue
        assert nav is not None
        numbers = [text_of(li) for li in nav.select("ol li")]
        assert numbers == [str(k) for k in range(len(expected), 0, -1)]
        assert nav.select_one('[aria-current="page"]').get_text() == str(len(expected))
    first_posts = len(expected[0])
    assert PER_PAGE <= first_posts <= 2 * PER_PAGE - 1 or count < PER_PAGE
    assert sum(len(page) for page in expected) == count


def test_a_numbered_page_shows_nothing_a_new_post_changes(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src", 10)  # pages 1, 2 and the first (3)
    built = build(src, builddir=tmp_path / "out")
    assert built.warnings() == []
    soup = built.soup("blog/page/2")
    assert titles(soup) == ["Post 6", "Post 5", "Post 4"]
    assert soup.title is not None
    assert "Pages" in soup.title.get_text()
    assert "(page 2)" in soup.title.get_text() and " of " not in soup.title.get_text()
    nav = main_of(soup).select_one("nav.blogarchive-pagination")
    assert [text_of(li) for li in nav.select("ol li")] == ["2", "1"]  # no newer numbers
    page = built.path("blog/page/2")
    newest = nav.select_one("a.blogarchive-newest")
    assert resolve_href(page, newest["href"]) == built.path("blog/index")
    newer = nav.select_one('a.blogarchive-newer[rel="prev"]')
    assert resolve_href(page, newer["href"]) == built.path("blog/index")
    older = nav.select_one('a.blogarchive-older[rel="next"]')
    assert resolve_href(page, older["href"]) == built.path("blog/page/1")
    # the theme's own previous/next links follow the pagination
    links = rel_links(soup)
    assert links["prev"] is not None and links["next"] is not None
    assert resolve_href(page, links["prev"]) == built.path("blog/index")
    assert resolve_href(page, links["next"]) == built.path("blog/page/1")
    assert main_of(built.soup("blog/page/1")).select_one("a.blogarchive-older") is None
    first = main_of(built.soup("blog/index"))
    assert first.select_one("a.blogarchive-newest") is None
    assert first.select_one("a.blogarchive-newer") is None


def test_a_long_listing_links_a_window_of_older_numbers(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src", 1)
    write(src / "conf.py", CONF.replace(f"= {PER_PAGE}", "= 1"))
    for number in range(2, 13):
        write(src / f"posts/p{number:02d}.md", post(number, day(number)))
    built = build(src, builddir=tmp_path / "out")
    assert built.warnings() == []
    nav = main_of(built.soup("blog/page/9")).select_one("nav.blogarchive-pagination")
    assert [text_of(li) for li in nav.select("ol li")] == ["9", "8", "7", "6", "5", "…", "1"]
    nav = main_of(built.soup("blog/index")).select_one("nav.blogarchive-pagination")
    assert [text_of(li) for li in nav.select("ol li")][:6] == ["12", "11", "10", "9", "8", "…"]


def test_newest_first_is_an_option(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src", 7)
    built = build(
        src, builddir=tmp_path / "out", confoverrides={"blogarchive_pagination": "newest"}
    )
    assert built.warnings() == []
    pages = follow(built, built.path("blog/index"), "a.blogarchive-older")
    assert [shown for _, shown in pages] == [
        ["Post 7", "Post 6", "Post 5"],
        ["Post 4", "Post 3", "Post 2"],
        ["Post 1"],
    ]
    assert [p for p, _ in pages[1:]] == [built.path("blog/page/2"), built.path("blog/page/3")]
    assert "(page 2 of 3)" in built.soup("blog/page/2").title.get_text()  # type: ignore[union-attr]


def test_a_bad_pagination_value_warns_and_keeps_the_default(tmp_path: Path) -> None:
    src = make_source(tmp_path / "src", 7)
    built = build(
        src, builddir=tmp_path / "out", confoverrides={"blogarchive_pagination": "oldest"}
    )
    assert any("blogarchive_pagination" in line for line in built.warnings())
    assert built.path("blog/page/1").exists()  # stable, the default


# -- what a change writes --------------------------------------------------


def mtimes(outdir: Path) -> dict[str, int]:
    return {
        p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns
        for p in outdir.rglob("*.html")
        if "_static" not in p.parts
    }


def written(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """Pages new or with a new modification time, but Sphinx's own."""
    return {p for p, t in after.items() if before.get(p) != t} - SPHINX_OWN


def listing_pages(paths: set[str]) -> set[str]:
    """The generated listing pages among *paths* (not the posts, not the indexes)."""
    indexes = {f"blog/{kind}/index.html" for kind in ("tag", "category", "author", "year")}
    return {p for p in paths if p.startswith("blog/") and p not in indexes}


#: The listings every post of :func:`make_source` is in: first page, numbered page.
LISTINGS = {
    "blog/index.html": "blog/page/{}.html",
    "blog/tag/common.html": "blog/tag/common/page/{}.html",
    "blog/category/notes.html": "blog/category/notes/page/{}.html",
    "blog/author/ann.html": "blog/author/ann/page/{}.html",
    "blog/year/2024.html": "blog/year/2024/page/{}.html",
}


@pytest.mark.parametrize("pagination", ["stable", "newest"])
def test_adding_a_post_writes_only_the_first_pages(tmp_path: Path, pagination: str) -> None:
    """Every post has the same tag, category, author and year: five listings, and a month.

    Stable: each new post rewrites the first page of each; when a block
    fills, also its new page and the page below it (whose newer link moves).
    Newest-first: every page of every listing. Counted from the files'
    modification times.
    """
    src = make_source(tmp_path / "src", 7)  # page 1 and the first page (2), 4 posts on it
    out = tmp_path / "out"
    overrides = {"blogarchive_pagination": pagination}
    assert build(src, builddir=out, confoverrides=overrides).warnings() == []
    months = {8: "blog/year/2024/02.html", 9: "blog/year/2024/03.html"}
    months[10] = months[9]
    for number, fills in ((8, False), (9, True), (10, False)):
        before = mtimes(out / "html")
        write(src / f"posts/p{number:02d}.md", post(number, day(number)))
        built = build(src, builddir=out, confoverrides=overrides)
        assert built.warnings() == []
        changed = written(before, mtimes(built.outdir))
        # the new post, the one before it (its "newer" link), and related posts
        posts = {p for p in changed if p.startswith("posts/")}
        assert f"posts/p{number:02d}.html" in posts
        assert posts <= {f"posts/p{n:02d}.html" for n in range(number - 3, number + 1)}
        shown = listing_pages(changed)
        if pagination == "stable":
            expected = {*LISTINGS, months[number]}
            if fills:  # 9 posts: pages 1, 2 and the first (3)
                expected |= {numbered.format(2) for numbered in LISTINGS.values()}
                expected |= {numbered.format(1) for numbered in LISTINGS.values()}
            assert shown == expected, number
        else:  # every page of each listing shifts by one post
            assert {numbered.format(2) for numbered in LISTINGS.values()} <= shown, number
    # and the output equals a fresh build's
    fresh = build(src, builddir=tmp_path / "fresh", confoverrides=overrides, freshenv=True)
    for page in blog_pages(fresh.outdir):
        assert (out / "html" / page).read_text(encoding="utf-8") == (fresh.outdir / page).read_text(
            encoding="utf-8"
        ), page


def test_unchanged_blocks_are_not_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new post: the numbered pages it cannot reach keep their keys, their data not made."""
    from sphinx_blogarchive.pages._site import Site

    src = make_source(tmp_path / "src", 10)  # pages 1, 2 and the first (3)
    out = tmp_path / "out"
    assert build(src, builddir=out).warnings() == []
    made: list[str] = []
    data_of = Site.data_of

    def counting(self: Site, page: object) -> object:
        made.append(page.pagename)  # type: ignore[attr-defined]
        return data_of(self, page)  # type: ignore[arg-type]

    monkeypatch.setattr(Site, "data_of", counting)
    write(src / "posts/p11.md", post(11, day(11)))
    assert build(src, builddir=out).warnings() == []
    assert made, "the first pages are made"
    assert [name for name in made if "/page/" in name] == []
    # a re-dated post moves between blocks: the pages from its old block up are made
    made.clear()
    write(src / "posts/p02.md", post(2, day(8) + "T12:00:00"))
    assert build(src, builddir=out).warnings() == []
    assert "blog/page/1" in made and "blog/page/2" in made


# -- randomized sequences across block boundaries ---------------------------


def record(outdir: Path) -> dict[str, object]:
    text = (outdir / ".blogarchive.json").read_text(encoding="utf-8")
    return dict(json.loads(text.partition("\n")[2]))


@pytest.mark.parametrize("seed", [5, 23])
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_random_adds_deletes_and_redates_equal_fresh_builds(
    tmp_path: Path, seed: int, builder: str
) -> None:
    """Posts come, go and move in time around the block boundaries of per_page 2.

    After each step the record, every generated page and every post page
    equal a fresh build's.
    """
    rng = random.Random(seed)
    src = tmp_path / "src"
    write(src / "conf.py", CONF.replace(f"= {PER_PAGE}", "= 2"))
    write(src / "index.md", "# Pages\n")
    tags = ["alpha", "beta"]

    def random_post(number: int) -> str:
        when = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300))
        return post(number, when.isoformat(), ", ".join(rng.sample(tags, rng.randint(1, 2))))

    alive: dict[int, Path] = {}
    for number in range(1, 6):
        alive[number] = src / f"posts/p{number:02d}.md"
        write(alive[number], random_post(number))
    out = tmp_path / "inc"
    assert build(src, builddir=out, buildername=builder).warnings() == []
    next_number = 6
    for step in range(9):
        # adds outnumber deletes, so the listings grow across several blocks
        action = rng.choice(["add", "add", "delete", "redate"])
        if action == "add" or len(alive) < 3:
            action = "add"
            alive[next_number] = src / f"posts/p{next_number:02d}.md"
            write(alive[next_number], random_post(next_number))
            next_number += 1
        elif action == "delete":
            alive.pop(rng.choice(sorted(alive))).unlink()
        else:
            number = rng.choice(sorted(alive))
            text = alive[number].read_text(encoding="utf-8")
            when = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(300))
            lines = [f"date: {when}" if x.startswith("date:") else x for x in text.splitlines()]
            write(alive[number], "\n".join(lines) + "\n")
        built = build(src, builddir=out, buildername=builder)
        fresh = build(src, builddir=tmp_path / f"fresh-{step}", buildername=builder, freshenv=True)
        assert built.warnings() == fresh.warnings() == []
        name = f"step {step} ({action}, {len(alive)} posts)"
        mine, theirs = record(built.outdir), record(fresh.outdir)
        for key in ("documents", "pages", "posts", "listed"):
            assert mine[key] == theirs[key], f"{name}: {key}"
        for page in blog_pages(fresh.outdir):
            assert (built.outdir / page).read_text(encoding="utf-8") == (
                fresh.outdir / page
            ).read_text(encoding="utf-8"), f"{name}: {page}"
        assert blog_pages(built.outdir) == blog_pages(fresh.outdir), name  # stale pages gone
        for page in sorted(
            p.relative_to(fresh.outdir) for p in fresh.outdir.glob("posts/**/*.html")
        ):
            assert normalised_page(built.outdir / page) == normalised_page(fresh.outdir / page), (
                f"{name}: {page}"
            )
