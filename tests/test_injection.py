"""Nothing injected: hostile text comes out escaped exactly once in every output.

The root ``test-inject`` puts ``<script>``, quotes, ``&`` and ``]]>`` into
titles, subtitles, tags, authors, categories and excerpts, and hostile slugs
and tag names (``..``, absolute paths, backslashes, Windows device names).
Every HTML page, ``posts.json`` (which the sidebar widgets and the browser
tools read, inserting text only) and every feed is checked; the build runs
with ``socket.connect`` patched to fail, and makes no connection.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from feedcheck import assert_text_escaped_once, check_all
from helpers import (
    Built,
    build_root,
    entries,
    index_items,
    main_of,
    soup_of,
    text_of,
)

from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.model._post import Post

BASE = "https://example.org/"
EVIL_TITLE = "<script>alert(1)</script> \"Q\" & 'S' ]]>"
DOUBLE = re.compile(rb"&amp;(amp|lt|gt|quot|#x?[0-9a-f]+);", re.IGNORECASE)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, list[Any]]:
    attempts: list[Any] = []

    def connect(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("no network in this test")

    root = tmp_path_factory.mktemp("inject")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        patch.setattr(socket.socket, "connect_ex", connect)
        result = build_root("inject", root)
    return result, attempts


@pytest.fixture(scope="module")
def site(built: tuple[Built, list[Any]]) -> Built:
    return built[0]


@pytest.fixture(scope="module")
def posts(site: Built) -> dict[str, Post]:
    return dict(get_domain(site.app.env).posts)


def _pages(site: Built) -> list[Path]:
    return sorted(p for p in site.outdir.rglob("*.html") if "_static" not in p.parts)


def test_the_build_makes_no_connection(built: tuple[Built, list[Any]]) -> None:
    assert built[1] == []


def test_the_hostile_values_are_read_as_written(posts: dict[str, Post]) -> None:
    evil = posts["posts/evil"]
    assert evil.title == EVIL_TITLE
    assert evil.subtitle == '<script>alert(2)</script> & ]]> "sub"'
    assert "<script>alert(3)</script>" in evil.tags
    assert evil.authors == ('<b>Bob</b> & "Al"',)
    assert evil.categories == ("<script>alert(4)</script>",)
    assert evil.excerpt == '<script>alert(5)</script> & ]]> "x"'
    # Sphinx's smartquotes transform has curled the quotes of the rST field list.
    assert posts["posts/evil2"].title == "<script>alert(6)</script> & ]]> \u201crst\u201d"


def test_no_element_is_injected_into_any_page(site: Built) -> None:
    pages = _pages(site)
    assert len(pages) > 10
    for page in pages:
        data = page.read_bytes()
        assert b"<script>alert" not in data, page
        assert b"<b>Bob" not in data, page
        assert b"<img src=x" not in data, page
        assert DOUBLE.search(data) is None, (page, DOUBLE.search(data))
        soup = BeautifulSoup(data, "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # Structured data carries the title as JSON text: every "<",
                # ">" and "&" is a JSON escape, so the element stays inert,
                # and the value reads back as written.
                raw = script.get_text()
                assert "<" not in raw and ">" not in raw and "&" not in raw, page
                # The headline reads back exactly as the page's <h1> shows it.
                heading = soup.find("h1")
                shown = heading.get_text().rstrip("¶").strip() if heading else None
                assert json.loads(raw)["headline"] == shown, page
                continue
            assert "alert" not in script.get_text(), page
        assert soup.find_all(attrs={"onerror": True}) == [], page


def test_page_text_equals_the_original(site: Built, posts: dict[str, Post]) -> None:
    for docname, post in posts.items():
        main = main_of(site.soup(docname))
        assert text_of(main.find("h1")).removesuffix("¶").strip() == " ".join(post.title.split())
        if post.subtitle:
            assert " ".join(post.subtitle.split()) in text_of(main)
    listed = {e.title: e for e in entries(site.soup("blog/index"))}
    for post in posts.values():
        entry = listed[" ".join(post.title.split())]
        assert entry.subtitle == (" ".join(post.subtitle.split()) or None)
    home = {e.title for e in entries(site.soup("index"))}
    assert home == set(listed)
    tags = index_items(site.soup("blog/tag/index"))
    names = {name for post in posts.values() for name in post.tags}
    assert {" ".join(n.split()) for n in names} <= set(tags)


def test_posts_json_is_plain_text_equal_to_the_original(
    site: Built, posts: dict[str, Post]
) -> None:
    items = json.loads((site.outdir / "blog/posts.json").read_text(encoding="utf-8"))
    by_title = {item["title"]: item for item in items}
    assert set(by_title) == {p.title for p in posts.values()}
    for post in posts.values():
        item = by_title[post.title]
        assert item["subtitle"] == post.subtitle
        assert item["excerpt"] == post.excerpt
        assert sorted(t["name"] for t in item["tags"]) == sorted(post.tags)
        assert [a["name"] for a in item["authors"]] == list(post.authors)
        assert [c["name"] for c in item["categories"]] == list(post.categories)


def test_the_script_inserts_text_only() -> None:
    script = Path(__file__).parent.parent / "sphinx_blogarchive/static/blogarchive.js"
    code = script.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in code


def test_feeds_hold_the_original_text(site: Built, posts: dict[str, Post]) -> None:
    parsed = check_all(site.outdir, BASE)
    for rel in parsed:
        assert_text_escaped_once((site.outdir / rel).read_bytes())
    for name in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json"):
        feed = parsed[name]
        by_title = {e.title: e for e in feed.entries}
        assert set(by_title) == {p.title for p in posts.values()}, name
        for post in posts.values():
            entry = by_title[post.title]
            if feed.fmt == "atom":
                assert entry.authors == list(post.authors), name
            assert set(post.tags) <= set(entry.categories), name


def test_every_output_file_stays_inside_the_output_folder(site: Built) -> None:
    root = site.outdir.parents[1]  # <tmp>/_build/html -> <tmp>
    outdir = site.outdir.resolve()
    for path in root.rglob("*"):
        rel = path.relative_to(root).parts[0]
        assert rel in ("src", "_build"), path
        if path.is_file() and rel == "_build" and "html" in path.parts:
            assert outdir in path.resolve().parents, path
    domain = get_domain(site.app.env)
    for term in domain.archive.terms["tag"].values():
        page = domain.site.term_page("tag", term.name)
        assert page is not None and page.startswith("blog/tag/"), term
        assert "/" not in page.removeprefix("blog/tag/"), page
        assert site.path(page).is_file(), page
        assert outdir in site.path(page).resolve().parents
        assert page.rsplit("/", 1)[1].casefold() not in {"con", "nul", "index", ".", ".."}
    listed_tags = {text_of(a) for a in soup_of(site.path("blog/tag/index")).select("a")}
    assert "/etc/passwd" in listed_tags
