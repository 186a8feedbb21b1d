"""The site's feeds: ``docs/`` as it is (its conf.py, theme and posts), built here.

The site sets ``html_baseurl``, so it publishes the blog's feeds and one per
tag and category; each passes the checks of :mod:`feedcheck`, and the blog
feed holds the newest 20 posts of the vendored seed, in its order.
"""

from __future__ import annotations

import shutil

import pytest
from feedcheck import check_all, feed_paths
from helpers import REPO, Built, build, resolve_href, soup_of, text_of
from test_site import SEED_POSTS

BASE = "https://sphinx-blogarchive.example.org/"


def tag_links(docs: Built) -> dict[str, tuple[int, str]]:
    """``{tag: (count, href)}`` of the site's tags index (pydata-sphinx-theme page)."""
    items = {}
    for li in docs.soup("blog/tag/index").select("ul.blogarchive-index > li"):
        link = li.find("a")
        items[text_of(link)] = (int(text_of(li.select_one(".blogarchive-count"))), link["href"])
    return items


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = tmp_path_factory.mktemp("docs") / "src"
    # docs/posts is a symbolic link to ../posts: copy what it points to.
    shutil.copytree(REPO / "docs", src, symlinks=False, ignore=shutil.ignore_patterns("_build"))
    return build(
        src,
        builddir=src.parent / "_build",
        confoverrides={"html_theme": "pydata_sphinx_theme"},
    )


def test_site_builds_without_warnings(docs: Built) -> None:
    assert docs.warnings() == []


def test_site_feeds_pass_the_checks(docs: Built) -> None:
    parsed = check_all(docs.outdir, BASE)
    blog = parsed["blog/atom.xml"]
    assert blog.title == "Data Leverage Blog"
    assert blog.home_url == f"{BASE}blog/index.html"
    assert [e.title for e in blog.entries] == [p.title for p in SEED_POSTS[:20]]
    for fmt in ("rss.xml", "feed.json"):
        assert [e.title for e in parsed[f"blog/{fmt}"].entries] == [e.title for e in blog.entries]


def test_a_feed_per_tag(docs: Built) -> None:
    tags = tag_links(docs)
    assert len(tags) >= 8
    paths = set(feed_paths(docs.outdir))
    parsed = check_all(docs.outdir, BASE)
    for _name, (count, href) in tags.items():
        page = resolve_href(docs.path("blog/tag/index"), href)
        stem = page.relative_to(docs.outdir).with_suffix("").as_posix()
        for suffix in ("atom.xml", "rss.xml", "feed.json"):
            assert f"{stem}.{suffix}" in paths
        feed = parsed[f"{stem}.atom.xml"]
        assert len(feed.entries) == min(count, 20)


def test_site_pages_link_the_feeds(docs: Built) -> None:
    for page in ("index", "guide/install", "blog/index"):
        head = soup_of(docs.path(page)).find_all("link", rel="alternate")
        assert [link["href"] for link in head] == [
            f"{BASE}blog/atom.xml",
            f"{BASE}blog/rss.xml",
            f"{BASE}blog/feed.json",
        ], page
    # the archive (a document holding blog:archive) shows them too
    archive = docs.path("blog/index")
    block = soup_of(archive).select_one("article .blogarchive-feeds")
    assert block is not None
    targets = [resolve_href(archive, a["href"]) for a in block.find_all("a")]
    assert targets == [
        docs.outdir / f"blog/{name}" for name in ("atom.xml", "rss.xml", "feed.json")
    ]
