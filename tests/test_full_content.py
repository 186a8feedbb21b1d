"""Full-content listings: ``postlist`` with ``:content: full``.

Root ``test-full-content``: the root document lists every post whole, a
page in another folder (``notes/all``) the newest two, and the post
``gamma`` lists the others whole itself. What a reader sees: each post's
body instead of its excerpt, with links and images that reach their files
from the listing's page, fragment links that go to the post's page, no id
of a body on the page, and no listing without end.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import (
    Built,
    build,
    build_root,
    copy_root,
    main_of,
    normalised_page,
    resolve_href,
    soup_of,
    text_of,
    write,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = build_root("full-content", tmp_path_factory.mktemp("full"))
    assert result.warnings() == []
    return result


def bodies(page: Path) -> dict[str, object]:
    """``{title: body}`` of the entries of the page's first listing (not those inside bodies)."""
    listing = main_of(soup_of(page)).select_one(".blogarchive-listing")
    result = {}
    for entry in listing.select(":scope > ul > li.blogarchive-entry"):
        title = text_of(entry.select_one(".blogarchive-entry-title"))
        result[title] = entry.select_one(":scope > .blogarchive-entry-body")
    return result


@pytest.mark.parametrize("page", ["index", "notes/all"])
def test_whole_posts_instead_of_excerpts(built: Built, page: str) -> None:
    found = bodies(built.path(page))
    assert list(found) == (["Gamma", "Beta", "Alpha"] if page == "index" else ["Gamma", "Beta"])
    beta = found["Beta"]
    assert beta is not None
    assert "After the marker: only in the full post." in text_of(beta)
    assert beta.select_one("pre") is not None  # the code block, highlighted as on its page
    main = main_of(built.soup(page))
    assert main.select(".blogarchive-entry-excerpt") == []
    # neither the post's title nor its header nor its related posts
    assert (
        main.select(".blogarchive-entry-body h1, .blogarchive-post-header, .blogarchive-related")
        == []
    )


@pytest.mark.parametrize("page", ["index", "notes/all", "posts/gamma"])
def test_links_and_images_reach_their_files(built: Built, page: str) -> None:
    path = built.path(page)
    main = main_of(soup_of(path))
    for body in main.select(".blogarchive-entry-body"):
        for node in body.select("[href], [src]"):
            url = node.get("href") or node.get("src")
            assert "://" not in url
            target, _, anchor = url.partition("#")
            assert resolve_href(path, target).is_file(), (page, url)
            if anchor:  # a fragment of a post: on the post's page, where the id is
                assert resolve_href(path, target) == built.path("posts/alpha"), url
                assert soup_of(resolve_href(path, target)).find(id=anchor) is not None, url
    if page == "index":
        alpha = bodies(path)["Alpha"]
        assert [a["href"] for a in alpha.select("a")] == [
            "posts/beta.html",
            "posts/alpha.html#details",
            "posts/alpha.html#note",
            "posts/alpha.html#id1",  # the footnote's link back to its mark
        ]
        assert alpha.select_one("img")["src"] == "_images/pic.svg"


def test_no_id_of_a_body_and_no_duplicate(built: Built) -> None:
    soup = built.soup("index")
    assert main_of(soup).select(".blogarchive-entry-body [id]") == []
    ids = Counter(node["id"] for node in soup.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_a_post_listing_posts_in_full_is_listed_with_excerpts_inside(built: Built) -> None:
    gamma = bodies(built.path("index"))["Gamma"]
    assert gamma is not None
    inner = gamma.select("li.blogarchive-entry")
    assert [text_of(e.select_one(".blogarchive-entry-title")) for e in inner] == ["Beta", "Alpha"]
    assert gamma.select(".blogarchive-entry-body") == []  # no body in a body
    # the inner listing's JSON index is reached from this page
    listing = gamma.select_one(".blogarchive-listing")
    assert listing["data-blogarchive-index"] == "blog/posts.json"
    # on its own page, gamma lists the others whole
    own = bodies(built.path("posts/gamma"))
    assert list(own) == ["Beta", "Alpha"]
    assert "After the marker" in text_of(own["Beta"])


def test_default_is_unchanged(tmp_path: Path) -> None:
    src = copy_root("full-content", tmp_path / "src")
    write(src / "index.md", "# Full content\n\n```{postlist}\n:fields: date, excerpt\n```\n")
    result = build(src, builddir=tmp_path / "out")
    assert result.warnings() == []
    main = main_of(result.soup("index"))
    assert main.select(".blogarchive-entry-body") == []
    assert "After the marker" not in text_of(main)
    assert len(main.select(".blogarchive-entry-excerpt")) == 3


def test_table_layout_warns(tmp_path: Path) -> None:
    src = copy_root("full-content", tmp_path / "src")
    write(
        src / "index.md", "# Full content\n\n```{postlist}\n:content: full\n:layout: table\n```\n"
    )
    result = build(src, builddir=tmp_path / "out")
    assert result.warnings() == [
        "index.md:3: WARNING: postlist :content: full cannot go into a table; using a list "
        "[blogarchive.directive]"
    ]
    assert len(main_of(result.soup("index")).select(".blogarchive-entry-body")) == 3


def _same(one: Built, other: Built) -> None:
    for page in ("index", "notes/all", "posts/gamma", "posts/alpha"):
        assert normalised_page(one.path(page)) == normalised_page(other.path(page)), page


def test_editing_a_post_rewrites_the_listings_showing_it(tmp_path: Path) -> None:
    src = copy_root("full-content", tmp_path / "src")
    out = tmp_path / "out"
    assert build(src, builddir=out).warnings() == []
    beta = src / "posts/beta.md"
    write(beta, beta.read_text(encoding="utf-8").replace("only in the full post", "edited"))
    step = build(src, builddir=out)
    assert "After the marker: edited." in text_of(bodies(step.path("index"))["Beta"])
    assert "After the marker: edited." in text_of(bodies(step.path("notes/all"))["Beta"])
    fresh = build(src, builddir=tmp_path / "fresh", freshenv=True)
    assert step.warnings() == fresh.warnings() == []
    _same(step, fresh)


def test_parallel_equals_serial(tmp_path: Path) -> None:
    src = copy_root("full-content", tmp_path / "src")
    serial = build(src, builddir=tmp_path / "serial")
    parallel = build(src, builddir=tmp_path / "parallel", parallel=2)
    assert serial.warnings() == parallel.warnings() == []
    _same(serial, parallel)


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "latex", "epub"])
def test_other_builders(tmp_path: Path, builder: str) -> None:
    src = copy_root("full-content", tmp_path / "src")
    result = build(src, builddir=tmp_path / "out", buildername=builder)
    assert result.warnings() == []
    if builder == "dirhtml":
        page = result.outdir / "index.html"
        alpha = bodies(page)["Alpha"]
        assert [a["href"] for a in alpha.select("a")] == [
            "posts/beta/",
            "posts/alpha/#details",
            "posts/alpha/#note",
            "posts/alpha/#id1",
        ]
        assert resolve_href(page, alpha.select_one("img")["src"]).is_file()
        folder = result.outdir / "notes/all/index.html"
        beta = bodies(folder)["Beta"]
        assert "After the marker" in text_of(beta)
    if builder == "singlehtml":
        html = (result.outdir / "index.html").read_text(encoding="utf-8")
        assert "blogarchive-body:" not in html
