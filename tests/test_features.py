"""Pinned, unlisted, updated and series posts (issue 15, "features their users rely on").

The ``features`` root has seven posts, two per page: a pinned old post
(Welcome), an unlisted one (Hidden offer), one with an ``updated`` date
(Revised) and a three-part series (Install, Configure, Publish; one part
spells the series in lower case). Each test reads what a reader sees: the
HTML pages, the feeds, the JSON index, the search index, the sitemap.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from helpers import (
    Built,
    blog_pages,
    build,
    build_root,
    copy_root,
    main_of,
    normalised_page,
    rel_links,
    searchable,
    text_of,
    write,
)
from test_seo import installed, sitemap_urls

BASE = "https://blog.example.org/"
#: Newest first: the archive's order (Hidden offer, unlisted, is not in it).
ARCHIVE = ["Latest", "Publish", "Configure", "Install", "Welcome", "Revised"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("features", tmp_path_factory.mktemp("features"))


def pinned(built: Built, page: str) -> list[str]:
    """Titles in the pinned block of *page* (which is before the listing)."""
    return [text_of(a) for a in main_of(built.soup(page)).select(".blogarchive-pinned a")]


def listed(built: Built, page: str) -> list[str]:
    """Titles in the listing of *page* (the pinned block left out)."""
    listing = main_of(built.soup(page)).select_one(".blogarchive-listing")
    assert listing is not None
    return [text_of(a) for a in listing.select("a.blogarchive-entry-title")]


def feed_titles(built: Built, path: str) -> list[str]:
    return [e.title for e in feedparser.parse(built.outdir / path).entries]


# --------------------------------------------------------------------------
# Pinned posts


def test_pinned_post_comes_first_on_the_archive_and_keeps_its_date_place(built: Built) -> None:
    assert built.warnings() == []
    assert pinned(built, "blog/index") == ["Welcome"]
    # The listing itself is unchanged: the first page is the two newest posts,
    # and Welcome is on page 1 (the oldest block), where its date puts it.
    assert listed(built, "blog/index") == ARCHIVE[:2]
    assert listed(built, "blog/page/2") == ARCHIVE[2:4]
    assert listed(built, "blog/page/1") == ARCHIVE[4:]
    assert pinned(built, "blog/page/2") == pinned(built, "blog/page/1") == []
    # The block comes before the listing, after the page title.
    body = main_of(built.soup("blog/index"))
    block = body.select_one("section.blogarchive-pinned")
    assert block is not None
    assert block.find_next("div", class_="blogarchive-listing") is not None


def test_pinned_post_is_marked_visibly_and_for_screen_readers(built: Built) -> None:
    block = main_of(built.soup("blog/index")).select_one("section.blogarchive-pinned")
    assert block is not None
    assert block["aria-label"] == "Pinned posts"
    assert text_of(block.select_one("h2")) == "Pinned posts"
    (entry,) = block.select("li.blogarchive-entry")
    assert text_of(entry.select_one(".blogarchive-pin")) == "Pinned"
    assert entry.select_one("a")["href"] == "../posts/welcome.html"
    assert entry.select_one("time")["datetime"] == "2023-12-01"


def test_pinned_post_is_first_on_its_tags_first_page_only(built: Built) -> None:
    assert pinned(built, "blog/tag/news") == ["Welcome"]
    assert listed(built, "blog/tag/news") == ["Latest", "Publish"]
    assert pinned(built, "blog/tag/news/page/1") == []
    assert listed(built, "blog/tag/news/page/1") == ["Welcome", "Revised"]
    # Not on the pages of tags it does not have, nor on year pages.
    assert pinned(built, "blog/tag/guide") == []
    assert pinned(built, "blog/year/2023") == []


def test_feeds_keep_date_order(built: Built) -> None:
    for path in ("blog/atom.xml", "blog/rss.xml"):
        assert feed_titles(built, path) == ARCHIVE
    feed = json.loads((built.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in feed["items"]] == ARCHIVE


def test_pinned_posts_on_an_archive_document(tmp_path: Path) -> None:
    src = copy_root("features", tmp_path / "src")
    write(src / "archive.md", "---\norphan: true\n---\n\n# All posts\n\n```{blog:archive}\n```\n")
    done = build(src, builddir=tmp_path / "_build")
    assert done.warnings() == []
    assert pinned(done, "archive") == ["Welcome"]
    assert listed(done, "archive") == ARCHIVE


def test_pinned_posts_in_a_text_build(tmp_path: Path) -> None:
    src = copy_root("features", tmp_path / "src")
    write(src / "archive.md", "---\norphan: true\n---\n\n# All posts\n\n```{blog:archive}\n```\n")
    done = build(src, builddir=tmp_path / "_build", buildername="text")
    assert done.warnings() == []
    text = (done.outdir / "archive.txt").read_text(encoding="utf-8")
    assert text.index("Pinned posts") < text.index("Welcome") < text.index("2024")


# --------------------------------------------------------------------------
# Unlisted posts


def test_unlisted_post_is_built_linkable_and_noindex(built: Built) -> None:
    soup = built.soup("posts/hidden")
    assert "Only for those with the link." in text_of(main_of(soup))
    robots = soup.find("meta", attrs={"name": "robots"})
    assert robots is not None
    assert robots["content"] == "noindex"
    # {blog:post} links it.
    links = [a["href"] for a in main_of(built.soup("index")).select("a")]
    assert "posts/hidden.html" in links
    # Its tags link to their pages, as on any published post.
    tag = main_of(soup).select_one("a.blogarchive-tag")
    assert tag is not None
    assert tag["href"] == "../blog/tag/news.html"
    assert "[blogarchive" not in built.warning
    assert "unlisted 1" in built.status
    # Listed posts have no robots tag.
    assert built.soup("posts/latest").find("meta", attrs={"name": "robots"}) is None


def test_unlisted_post_is_in_the_inventory_for_links_from_elsewhere(built: Built) -> None:
    from test_intersphinx import _inventory

    posts = _inventory(built.outdir)["blog:post"]
    assert posts["posts/hidden"] == "posts/hidden.html"
    assert posts["posts/latest"] == "posts/latest.html"
    series = _inventory(built.outdir)["blog:series"]
    assert series == {"Sphinx from scratch": "blog/series/sphinx-from-scratch.html"}


def test_unlisted_post_is_in_no_listing_feed_or_index(built: Built) -> None:
    for page in blog_pages(built.outdir):
        assert "Hidden offer" not in (built.outdir / page).read_text(encoding="utf-8"), page
    assert "Hidden offer" not in (built.outdir / "index.html").read_text(encoding="utf-8")
    for path in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json", "blog/tag/news.atom.xml"):
        assert "hidden" not in (built.outdir / path).read_text(encoding="utf-8").lower(), path
    index = json.loads((built.outdir / "blog/posts.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in index] == ARCHIVE
    found = searchable(built.outdir)
    assert "posts/latest" in found
    assert "posts/hidden" not in found


def test_unlisted_post_is_not_a_neighbour_or_related(built: Built) -> None:
    # Hidden offer (Apr 1) lies between Publish (Mar 10) and Latest (Jun 1).
    assert rel_links(built.soup("posts/latest"))["prev"] == "publish.html"
    assert rel_links(built.soup("posts/publish"))["next"] == "latest.html"
    assert rel_links(built.soup("posts/hidden")) == {"prev": None, "next": None}
    # Related posts are older ones: Hidden offer would be Latest's closest.
    for name in ("latest", "publish", "welcome"):
        related = main_of(built.soup(f"posts/{name}")).select(".blogarchive-related a")
        assert related, name
        assert "Hidden offer" not in [text_of(a) for a in related], name
    assert main_of(built.soup("posts/hidden")).select(".blogarchive-related") == []


@pytest.mark.skipif(not installed("sphinx_sitemap"), reason="sphinx-sitemap is not installed")
@pytest.mark.filterwarnings("ignore:.*BuildEnvironment.app.*")
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_unlisted_post_is_not_in_the_sitemap(tmp_path: Path, builder: str) -> None:
    done = build_root(
        "features",
        tmp_path,
        buildername=builder,
        confoverrides={
            "extensions": ["myst_parser", "sphinx_blogarchive", "sphinx_sitemap"],
            "sitemap_url_scheme": "{link}",
        },
    )
    assert done.warnings() == []
    urls = sitemap_urls(done.outdir)
    latest = f"{BASE}posts/latest.html" if builder == "html" else f"{BASE}posts/latest/"
    assert latest in urls
    assert not [url for url in urls if "hidden" in str(url)]


# --------------------------------------------------------------------------
# Updated dates


def test_updated_date_on_the_post(built: Built) -> None:
    header = main_of(built.soup("posts/revised")).select_one(".blogarchive-updated")
    assert header is not None
    assert text_of(header) == "Updated May 1, 2024"
    assert header.select_one("time")["datetime"] == "2024-05-01"
    assert main_of(built.soup("posts/latest")).select_one(".blogarchive-updated") is None


def test_updated_date_in_the_feeds(built: Built) -> None:
    atom = {e.title: e for e in feedparser.parse(built.outdir / "blog/atom.xml").entries}
    assert atom["Revised"].published.startswith("2023-06-01")
    assert atom["Revised"].updated.startswith("2024-05-01")
    assert atom["Latest"].updated.startswith("2024-06-01")
    feed = json.loads((built.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    items = {item["title"]: item for item in feed["items"]}
    assert items["Revised"]["date_published"].startswith("2023-06-01")
    assert items["Revised"]["date_modified"].startswith("2024-05-01")


def test_postlist_sorted_by_updated(built: Built) -> None:
    # Revised (written 2023, updated May 2024) comes after Latest (June 2024)
    # and before Publish (March 2024).
    titles = [text_of(a) for a in main_of(built.soup("index")).select("a.blogarchive-entry-title")]
    assert titles == ["Latest", "Revised", "Publish", "Configure", "Install", "Welcome"]


# --------------------------------------------------------------------------
# Series


def series_box(built: Built, page: str) -> object:
    box = main_of(built.soup(page)).select_one("nav.blogarchive-series")
    assert box is not None, page
    return box


def test_series_page_lists_the_parts_in_order(built: Built) -> None:
    soup = built.soup("blog/series/sphinx-from-scratch")
    body = main_of(soup)
    assert text_of(body.select_one("h1")) == "Series “Sphinx from scratch”"
    parts = body.select("ol.blogarchive-postlist > li a.blogarchive-entry-title")
    assert [text_of(a) for a in parts] == ["Install", "Configure", "Publish"]


def test_series_index_lists_every_series(built: Built) -> None:
    body = main_of(built.soup("blog/series/index"))
    assert text_of(body.select_one("h1")) == "Series"
    items = body.select("ul.blogarchive-index li")
    assert [text_of(li) for li in items] == ["Sphinx from scratch 3"]
    assert items[0].select_one("a")["href"] == "sphinx-from-scratch.html"


def test_each_part_shows_its_place_and_neighbours_in_the_series(built: Built) -> None:
    box = main_of(built.soup("posts/configure")).select_one("nav.blogarchive-series")
    assert box is not None
    assert box["aria-label"] == "Series"
    assert "Part 2 of 3" in text_of(box)
    name = box.select_one("a.blogarchive-series-name")
    assert (text_of(name), name["href"]) == (
        "Sphinx from scratch",
        "../blog/series/sphinx-from-scratch.html",
    )
    previous = box.select_one(".blogarchive-series-previous a")
    following = box.select_one(".blogarchive-series-next a")
    assert (text_of(previous), previous["href"]) == ("Install", "install.html")
    assert (text_of(following), following["href"]) == ("Publish", "publish.html")
    first = main_of(built.soup("posts/install")).select_one("nav.blogarchive-series")
    assert first is not None
    assert "Part 1 of 3" in text_of(first)
    assert first.select_one(".blogarchive-series-previous") is None
    last = main_of(built.soup("posts/publish")).select_one("nav.blogarchive-series")
    assert last is not None
    assert "Part 3 of 3" in text_of(last)
    assert last.select_one(".blogarchive-series-next") is None
    # A post in no series shows no box.
    assert main_of(built.soup("posts/latest")).select_one("nav.blogarchive-series") is None


def test_series_role(built: Built) -> None:
    link = main_of(built.soup("index")).find("a", string=re.compile("Sphinx from scratch"))
    assert link is not None
    assert link["href"] == "blog/series/sphinx-from-scratch.html"


def test_series_order_and_an_unknown_series(tmp_path: Path) -> None:
    src = copy_root("features", tmp_path / "src")
    publish = src / "posts/publish.md"
    text = publish.read_text(encoding="utf-8")
    write(
        publish,
        text.replace(
            "series: sphinx from scratch\n", "series: Sphinx from scratch\nseries_order: 1\n"
        ),
    )
    index = src / "index.md"
    write(index, index.read_text(encoding="utf-8") + "\nSee {blog:series}`No such series`.\n")
    done = build(src, builddir=tmp_path / "_build")
    assert done.warnings() == [
        "index.md:13: WARNING: {blog:series} target 'No such series' has no page [blogarchive.ref]"
    ]
    body = main_of(done.soup("blog/series/sphinx-from-scratch"))
    parts = [text_of(a) for a in body.select("a.blogarchive-entry-title")]
    # The numbered part first, then the others by date.
    assert parts == ["Publish", "Install", "Configure"]
    assert "Part 1 of 3" in text_of(main_of(done.soup("posts/publish")))


def test_series_in_a_text_build(tmp_path: Path) -> None:
    done = build_root("features", tmp_path, buildername="text")
    assert done.warnings() == []
    text = (done.outdir / "posts/configure.txt").read_text(encoding="utf-8")
    assert "Series Sphinx from scratch · Part 2 of 3" in text


# --------------------------------------------------------------------------
# Bad values


def test_bad_values_warn_and_fall_back(tmp_path: Path) -> None:
    src = copy_root("features", tmp_path / "src")
    write(
        src / "posts/odd.md",
        "---\ndate: 2024-05-05\npin: maybe\nunlisted: perhaps\n"
        "series: Odd\nseries_order: first\n---\n\n# Odd\n\nText.\n",
    )
    done = build(src, builddir=tmp_path / "_build")
    assert done.warnings() == [
        "posts/odd.md:4: WARNING: 'unlisted' should be true or false, not 'perhaps'; "
        "treated as unlisted [blogarchive.metadata]",
        "posts/odd.md:3: WARNING: 'pin' should be true or false, not 'maybe'; ignored "
        "[blogarchive.metadata]",
        "posts/odd.md:6: WARNING: 'series_order' should be a whole number, not 'first'; "
        "ignored [blogarchive.metadata]",
    ]
    # Unlisted, so not on the archive (and its series has no listed part: no page).
    assert "Odd" not in listed(done, "blog/index")
    assert not (done.outdir / "blog/series/odd.html").exists()
    assert done.soup("posts/odd").find("meta", attrs={"name": "robots"}) is not None


# --------------------------------------------------------------------------
# Incremental and parallel builds


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    write(path, text.replace(old, new, 1))


def _compared(built: Built) -> list[str]:
    posts = sorted(
        p.relative_to(built.outdir).as_posix() for p in (built.outdir / "posts").glob("*.html")
    )
    return [*posts, "index.html"]


def _outputs(built: Built) -> dict[str, str]:
    """What a reader gets: generated pages whole, documents' content, feeds, JSON index."""
    out = built.outdir
    found = {page: (out / page).read_text(encoding="utf-8") for page in blog_pages(out)}
    found.update({page: normalised_page(out / page) for page in _compared(built)})
    for path in sorted(out.glob("blog/**/*.xml")) + sorted(out.glob("blog/**/*.json")):
        found[path.relative_to(out).as_posix()] = path.read_text(encoding="utf-8")
    return found


def assert_equal_outputs(step: Built, fresh: Built, name: str) -> None:
    assert step.warnings() == fresh.warnings() == [], name
    mine, theirs = _outputs(step), _outputs(fresh)
    # Documents Sphinx wrote before stay on disk: compare those the fresh build has.
    assert set(theirs) <= set(mine), (name, sorted(set(theirs) - set(mine)))
    assert blog_pages(step.outdir) == blog_pages(fresh.outdir), name
    for key, value in theirs.items():
        assert mine[key] == value, f"{name}: {key}"


#: Each step adds, changes or removes one of the four fields.
STEPS = [
    ("pin another", "revised.md", "updated: 2024-05-01\n", "updated: 2024-05-01\npin: true\n"),
    ("unpin", "welcome.md", "pin: true\n", "pin: false\n"),
    ("unlist", "latest.md", "tags: [news]\n", "tags: [news]\nunlisted: true\n"),
    ("list again", "latest.md", "unlisted: true\n", ""),
    ("add updated", "latest.md", "tags: [news]\n", "tags: [news]\nupdated: 2024-07-01\n"),
    ("change updated", "revised.md", "updated: 2024-05-01\n", "updated: 2024-08-01\n"),
    (
        "join a series",
        "welcome.md",
        "tags: [news]\n",
        "tags: [news]\nseries: Sphinx from scratch\n",
    ),
    ("series order", "configure.md", "tags: [guide]\n", "tags: [guide]\nseries_order: 1\n"),
    ("leave the series", "welcome.md", "series: Sphinx from scratch\n", ""),
    ("another series", "publish.md", "series: sphinx from scratch\n", "series: Going live\n"),
    ("unlist a part", "install.md", "tags: [guide]\n", "tags: [guide]\nunlisted: true\n"),
    ("drop updated", "latest.md", "updated: 2024-07-01\n", ""),
    ("drop the pin", "revised.md", "pin: true\n", ""),
]


@pytest.mark.parametrize("parallel", [0, 2])
def test_each_change_equals_a_fresh_build(tmp_path: Path, parallel: int) -> None:
    src = copy_root("features", tmp_path / "src")
    out = tmp_path / "inc"
    first = build(src, builddir=out, parallel=parallel)
    assert first.warnings() == []
    for number, (name, post, old, new) in enumerate(STEPS):
        _edit(src / "posts" / post, old, new)
        step = build(src, builddir=out, parallel=parallel)
        fresh = build(src, builddir=tmp_path / f"fresh-{number}", freshenv=True)
        assert_equal_outputs(step, fresh, name)
    # The end state: what the steps made, as a reader sees it.
    assert pinned(step, "blog/index") == []
    assert "Going live" in text_of(main_of(step.soup("posts/publish")))
    assert main_of(step.soup("posts/install")).select("nav.blogarchive-series") == []
    assert "Part 1 of 1" in text_of(main_of(step.soup("posts/configure")))


def test_parallel_fresh_build_equals_serial(built: Built, tmp_path: Path) -> None:
    parallel = build_root("features", tmp_path, parallel=2)
    assert_equal_outputs(parallel, built, "-j 2")


BUILDERS = ["html", "dirhtml", "singlehtml", "text", "json", "epub", "latex", "man", "texinfo"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder(tmp_path: Path, builder: str) -> None:
    """Each builder makes the root (with an archive document and a book) without a warning."""
    src = copy_root("features", tmp_path / "src")
    write(src / "archive.md", "---\norphan: true\n---\n\n# All posts\n\n```{blog:archive}\n```\n")
    _edit(src / "index.md", "# Features\n", "# Features\n\n```{blog:book}\n```\n")
    done = build(
        src,
        builddir=tmp_path / "_build",
        buildername=builder,
        confoverrides={"version": "1", "copyright": "2024"},
    )
    assert done.warnings() == []
    assert "unlisted 1" in done.status
    found = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in done.outdir.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xhtml", ".txt", ".fjson", ".tex", ".1", ".texi"}
    )
    # The series' place shows on its parts, in every output.
    assert "Part 2 of 3" in found, builder
