"""Migrating from ABlog: the root ``test-ablog`` is an ABlog project.

The migrated copy gets the migration guide's edits (the ``extensions`` line,
``import ablog`` deleted). Its URLs are compared with :data:`ABLOG_HTML`, what
ABlog 0.11.13 writes for the root, on every run; the comparison with ABlog
itself (which also checks that record) runs only when ABlog is installed
(``pip install '.[ecosystem]'``), in a separate process.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import (
    Built,
    broken_links,
    build,
    copy_root,
    entries,
    index_items,
    year_groups,
)
from helpers import migrate_ablog as migrate

from sphinx_blogarchive.ablog._project import ablog_date

POSTS = {"articles/first-post.html", "articles/second-post.html", "articles/third-post.html"}

#: The post and blog pages ABlog 0.11.13 writes for the root with the html
#: builder (checked against ABlog itself by test_same_urls_as_ablog).
ABLOG_HTML = POSTS | {
    "blog.html",
    "blog/archive.html",
    "blog/2024.html",
    "blog/2025.html",
    "blog/tag.html",
    "blog/tag/python.html",
    "blog/tag/sphinx.html",
    "blog/tag/web.html",
    "blog/category.html",
    "blog/category/essays.html",
    "blog/category/notes.html",
    "blog/author.html",
    "blog/author/ada-lovelace.html",
    "blog/author/grace-hopper.html",
    "blog/drafts.html",
    "blog/location.html",
    "blog/location/london.html",
    "blog/language.html",
    "blog/language/en.html",
}
#: ABlog's feed of the root (without blog_feed_archives, the blog's only).
ABLOG_FEEDS = {"blog/atom.xml"}
#: ABlog pages with no counterpart here: drafts (never on a generated page
#: here), locations and languages (no such taxonomies).
ABLOG_ONLY_PREFIXES = ("blog/drafts", "blog/location", "blog/language")


def as_dirhtml(page: str) -> str:
    """Where the dirhtml builder writes the html builder's *page*."""
    stem = page.removesuffix(".html")
    return "index.html" if stem == "index" else f"{stem}/index.html"


def ablog_pages(buildername: str) -> set[str]:
    """ABlog's post and blog pages of the root that have a counterpart here."""
    pages = {p for p in ABLOG_HTML if not p.startswith(ABLOG_ONLY_PREFIXES)}
    return pages if buildername == "html" else {as_dirhtml(p) for p in pages}


def post_and_blog_pages(outdir: Path) -> set[str]:
    """The pages of posts (``articles/``) and of the blog (``blog``, ``blog/``) in *outdir*."""
    return {p for p in html_pages(outdir) if p.startswith(("articles/", "blog/", "blog.html"))}


def feed_files(outdir: Path) -> set[str]:
    return {
        p.relative_to(outdir).as_posix()
        for p in (outdir / "blog").rglob("*")
        if p.suffix in (".xml", ".json") and p.name != "posts.json"
    }


DEPRECATIONS = [
    f"WARNING: {old} is an ABlog setting, read for now; use {new} [blogarchive.config]"
    for old, new in (
        ("blog_title", "blogarchive_title"),
        ("blog_path", "blogarchive_paths and blogarchive_url_layout"),
        ("post_date_format", "blogarchive_date_format"),
        ("blog_baseurl", "html_baseurl"),
        ("blog_authors", "author names in each post (read for ABlog's post directive)"),
    )
]


def html_pages(outdir: Path) -> set[str]:
    return {
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*.html")
        if not p.relative_to(outdir).as_posix().startswith(("_", "genindex", "search"))
    }


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Built:
    dest = tmp_path_factory.mktemp("ablog-migrated")
    src = copy_root("ablog", dest / "src")
    migrate(src)
    return build(src, builddir=dest / "_build")


def test_migrated_project_builds(migrated: Built) -> None:
    assert migrated.warnings() == DEPRECATIONS
    pages = html_pages(migrated.outdir)
    assert pages >= POSTS
    # The postlist with ABlog's options: a length argument, :excerpts:.
    listed = entries(migrated.soup("index"))
    assert [e.title for e in listed] == ["Third post", "Second post", "First post"]
    assert "The third post, in MyST Markdown." in migrated.soup("index").get_text()


def test_directive_and_blogpost_metadata(migrated: Built) -> None:
    posts = json.loads((migrated.outdir / "blog" / "posts.json").read_text(encoding="utf-8"))
    by_title = {p["title"]: p for p in posts}
    first = by_title["First post"]
    assert first["date"] == "2024-01-15"
    assert [t["name"] for t in first["tags"]] == ["python", "sphinx"]
    assert [c["name"] for c in first["categories"]] == ["Notes"]
    # Author labels through blog_authors.
    assert [a["name"] for a in first["authors"]] == ["Ada Lovelace"]
    second = by_title["Second post"]
    assert [a["name"] for a in second["authors"]] == ["Grace Hopper"]
    # blogpost: true outside blogarchive_post_pattern, a date in post_date_format.
    third = by_title["Third post"]
    assert third["date"] == "2025-05-10"
    assert [a["name"] for a in third["authors"]] == ["Ada Lovelace"]
    # The directive leaves nothing behind on the page.
    assert "post::" not in migrated.soup("articles/first-post").get_text()


def test_update_directive(migrated: Built) -> None:
    soup = migrated.soup("articles/second-post")
    (update,) = soup.select("div.admonition.update")
    assert update.select_one(".admonition-title").get_text() == "Updated on 10 March 2024"
    assert "A correction, a week later." in update.get_text()
    # The last update is the post's updated date.
    (ld,) = soup.select('script[type="application/ld+json"]')
    assert json.loads(ld.string)["dateModified"] == "2024-03-10"


def test_postlist_sort_flag(migrated: Built) -> None:
    listed = entries(migrated.soup("oldest"))
    assert [e.title for e in listed] == ["First post", "Second post", "Third post"]


@pytest.fixture(scope="module")
def migrated_dirhtml(tmp_path_factory: pytest.TempPathFactory) -> Built:
    dest = tmp_path_factory.mktemp("ablog-migrated-dirhtml")
    src = copy_root("ablog", dest / "src")
    migrate(src)
    return build(src, builddir=dest / "_build", buildername="dirhtml")


def test_ablog_layout_kept(migrated: Built, migrated_dirhtml: Built) -> None:
    """ABlog's URLs of posts and blog pages, exactly: no page more, none missing."""
    assert post_and_blog_pages(migrated.outdir) == ablog_pages("html")
    assert migrated_dirhtml.warnings() == DEPRECATIONS
    assert post_and_blog_pages(migrated_dirhtml.outdir) == ablog_pages("dirhtml")
    for built in (migrated, migrated_dirhtml):
        # The blog's feed at ABlog's URL; the other formats and the terms' feeds besides.
        assert feed_files(built.outdir) >= ABLOG_FEEDS
        assert broken_links(built.outdir) == []
    assert migrated.app.config.blogarchive_url_layout == "ablog"


def test_ablog_pages_show_what_ablog_shows(migrated: Built) -> None:
    # blog.html: the archive, every post grouped by year.
    everything = [("2025", ["Third post"]), ("2024", ["Second post", "First post"])]
    assert year_groups(migrated.soup("blog")) == everything
    # blog/archive.html: the same, always on one page (ABlog's "all posts by year").
    assert year_groups(migrated.soup("blog/archive")) == everything
    # blog/tag.html, blog/category.html, blog/author.html: the indexes.
    assert index_items(migrated.soup("blog/tag")) == {
        "python": (2, "tag/python.html"),
        "sphinx": (2, "tag/sphinx.html"),
        "web": (1, "tag/web.html"),
    }
    assert set(index_items(migrated.soup("blog/category"))) == {"Essays", "Notes"}
    assert set(index_items(migrated.soup("blog/author"))) == {"Ada Lovelace", "Grace Hopper"}
    # No years index: the archive, grouped by year, is it (as in ABlog).
    assert not (migrated.outdir / "blog" / "year").exists()


@pytest.mark.parametrize(
    ("overrides", "extra", "first"),
    [
        # newest first: blog/page/2 holds the oldest
        ({"blogarchive_pagination": "newest"}, {"blog/page/2.html"}, ["Third post", "Second post"]),
        # stable (the default), one post a block: page 1 the oldest, page 2 the next
        (
            {"blogarchive_posts_per_page": 1},
            {"blog/page/1.html", "blog/page/2.html"},
            ["Third post"],
        ),
    ],
)
def test_ablog_layout_with_pagination(
    tmp_path: Path, overrides: dict[str, object], extra: set[str], first: list[str]
) -> None:
    """Paginated, the archive goes on at blog/page/<n>; blog/archive keeps every post.

    ABlog has no pagination: its pages are the same either way.
    """
    src = copy_root("ablog", tmp_path / "src")
    migrate(src)
    built = build(src, confoverrides={"blogarchive_posts_per_page": 2, **overrides})
    assert all(line.endswith("[blogarchive.config]") for line in built.warnings())
    pages = post_and_blog_pages(built.outdir)
    added = pages - ablog_pages("html")  # further pages only, the archive's in blog/page
    assert all("/page/" in page for page in added)
    assert {page for page in added if page.startswith("blog/page/")} == extra
    assert ablog_pages("html") <= pages
    assert [t for _, ts in year_groups(built.soup("blog")) for t in ts] == first
    assert len([t for _, ts in year_groups(built.soup("blog/archive")) for t in ts]) == 3
    assert broken_links(built.outdir) == []


@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_switching_layouts_keeps_no_stale_page(tmp_path: Path, buildername: str) -> None:
    """From the folders layout to ABlog's and back in one output folder.

    dirhtml writes ``blog`` and ``blog/index`` to the same file: the page
    renamed must not be removed as stale after its new name wrote it.
    """
    src = copy_root("ablog", tmp_path / "src")
    migrate(src)
    out = tmp_path / "_build"
    folders = {"blogarchive_url_layout": "folders"}
    layouts = [folders, {}, folders]
    for overrides in layouts:
        built = build(src, builddir=out, buildername=buildername, confoverrides=overrides)
        pages = post_and_blog_pages(built.outdir)
        if overrides:
            expected = {"blog/index.html", "blog/tag/index.html", "blog/category/index.html"}
            assert expected <= pages
            assert "blog/archive.html" not in pages
            assert "blog/archive/index.html" not in pages
            assert (
                "WARNING: blog_path is an ABlog setting, read for now; use blogarchive_paths "
                "and blogarchive_url_layout (which the project sets; blog_path not read for it) "
                "[blogarchive.config]"
            ) in built.warnings()
        else:
            assert pages == ablog_pages(buildername)
        assert broken_links(built.outdir) == []


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("15 January 2024", None, "2024-01-15"),
        ("Jan 15, 2024", None, "2024-01-15"),
        ("2024-01-15", None, "2024-01-15"),
        ("15/01/2024", "%d/%m/%Y", "2024-01-15"),
        ("15/01/2024 09:30", "%d/%m/%Y %H:%M", "2024-01-15T09:30"),
        ("someday", None, "someday"),
        # Read by dateutil, ABlog's fallback (issue 17, item 4).
        ("3rd November 2021", None, "2021-11-03"),
        ("29th October 2021", "%b %d, %Y", "2021-10-29"),
        ("Jan 8th, 2024", None, "2024-01-08"),
        ("2024-01-15 09:30 +02:00", None, "2024-01-15T09:30+02:00"),
    ],
)
def test_ablog_dates(text: str, fmt: str | None, expected: str) -> None:
    assert ablog_date(text, fmt) == expected


@pytest.mark.skipif(
    importlib.util.find_spec("ablog") is None,
    reason="ABlog is not installed (pip install '.[ecosystem]')",
)
@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_same_urls_as_ablog(
    migrated: Built, migrated_dirhtml: Built, tmp_path: Path, buildername: str
) -> None:
    """ABlog's own build of the root: its URLs are the record's, and ours are ABlog's."""
    src = copy_root("ablog", tmp_path / "src")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", buildername, str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    theirs = post_and_blog_pages(out)
    every = ABLOG_HTML if buildername == "html" else {as_dirhtml(p) for p in ABLOG_HTML}
    assert theirs == every
    ours = migrated if buildername == "html" else migrated_dirhtml
    assert post_and_blog_pages(ours.outdir) == {
        p for p in theirs if not p.startswith(ABLOG_ONLY_PREFIXES)
    }
    assert feed_files(out) == ABLOG_FEEDS
    assert feed_files(ours.outdir) >= feed_files(out)


def test_ablog_layout_incremental(tmp_path: Path) -> None:
    """A tag added, then removed: its page and its index entry come and go."""
    src = copy_root("ablog", tmp_path / "src")
    migrate(src)
    out = tmp_path / "_build"
    build(src, builddir=out)
    third = src / "articles" / "third-post.md"
    text = third.read_text(encoding="utf-8")
    third.write_text(text.replace("tags: sphinx, web", "tags: sphinx, web, news"), "utf-8")
    added = build(src, builddir=out)
    assert "1 changed" in added.status
    assert (added.outdir / "blog/tag/news.html").is_file()
    assert "news" in index_items(added.soup("blog/tag"))
    third.write_text(text, "utf-8")
    removed = build(src, builddir=out)
    assert not (removed.outdir / "blog/tag/news.html").exists()
    assert post_and_blog_pages(removed.outdir) == ablog_pages("html")
    assert "news" not in index_items(removed.soup("blog/tag"))


def test_ablog_layout_collisions(tmp_path: Path) -> None:
    """A document at an ABlog page name keeps it; a document at blog/tag/index does too.

    With the html builder, ``blog/tag.html`` is still made beside the user's
    ``blog/tag/index.html``, as ABlog makes it (dirhtml writes both names to
    one file: there the user's page wins, see test_ablog_sites.py).
    """
    src = copy_root("ablog", tmp_path / "src")
    migrate(src)
    (src / "blog").mkdir()
    (src / "blog" / "archive.rst").write_text("Mine\n====\n\nMy archive.\n", "utf-8")
    (src / "blog" / "tag").mkdir()
    (src / "blog" / "tag" / "index.rst").write_text("Tags\n====\n\nMy tags.\n", "utf-8")
    with (src / "index.rst").open("a", encoding="utf-8") as f:
        f.write("   blog/archive\n   blog/tag/index\n")
    built = build(src)
    assert built.warnings() == [
        *DEPRECATIONS,
        "blog/archive.rst: WARNING: the archive on one page is not generated at "
        "'blog/archive': 'blog/archive' already uses that name [blogarchive.collision]",
    ]
    assert "My archive." in built.soup("blog/archive").get_text()
    assert "python" in index_items(built.soup("blog/tag"))
    assert "My tags." in built.soup("blog/tag/index").get_text()


ODD_NAMES_POST = """\
Fourth post
===========

.. post:: 5 March 2021
   :tags: C#, node.js, AI/ML, Ünïcode, Über, a_b, --x--, Ça va
   :category: Ünïcode Cat
   :author: José

A post whose names ABlog slugifies its own way.
"""

#: ABlog 0.11.13's pages for the names of ODD_NAMES_POST (its ``slugify``:
#: NFKD, non-word characters dropped, spaces and dashes made one dash).
ODD_NAMES_PAGES = {
    "blog/tag/c.html",
    "blog/tag/nodejs.html",
    "blog/tag/aiml.html",
    "blog/tag/unicode.html",
    "blog/tag/uber.html",
    "blog/tag/a_b.html",
    "blog/tag/-x-.html",
    "blog/tag/ca-va.html",
    "blog/category/unicode-cat.html",
    "blog/author/jose.html",
}


def _odd_names_root(dest: Path) -> Path:
    src = copy_root("ablog", dest)
    (src / "articles" / "fourth-post.rst").write_text(ODD_NAMES_POST, encoding="utf-8")
    return src


def test_ablog_slugs_of_odd_names_are_kept(tmp_path: Path) -> None:
    src = _odd_names_root(tmp_path / "src")
    migrate(src)
    built = build(src, builddir=tmp_path / "_build")
    assert built.warnings() == DEPRECATIONS
    assert html_pages(built.outdir) >= ODD_NAMES_PAGES
    assert broken_links(built.outdir) == []


@pytest.mark.skipif(
    importlib.util.find_spec("ablog") is None,
    reason="ABlog is not installed (pip install '.[ecosystem]')",
)
def test_ablog_itself_makes_those_pages(tmp_path: Path) -> None:
    src = _odd_names_root(tmp_path / "src")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert html_pages(out) >= ODD_NAMES_PAGES
