"""Migrating from ABlog: the root ``test-ablog`` is an ABlog project.

The migrated copy gets the migration guide's edits (the ``extensions`` line,
``import ablog`` deleted); the comparison with ABlog itself runs only when
ABlog is installed (``pip install '.[ecosystem]'``), in a separate process.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Built, build, copy_root, entries

from sphinx_blogarchive._ablog import ablog_date

POSTS = {"articles/first-post.html", "articles/second-post.html", "articles/third-post.html"}

#: ABlog's page -> ours, for the pages whose name differs (html builder).
RENAMED = {
    "blog.html": "blog/index.html",
    "blog/archive.html": "blog/index.html",
    "blog/tag.html": "blog/tag/index.html",
    "blog/category.html": "blog/category/index.html",
    "blog/author.html": "blog/author/index.html",
}
#: ABlog pages with no counterpart (locations, languages, drafts).
ABLOG_ONLY_PREFIXES = ("blog/drafts", "blog/location", "blog/language")

DEPRECATIONS = [
    f"WARNING: {old} is an ABlog setting, read for now; use {new} [blogarchive.config]"
    for old, new in (
        ("blog_title", "blogarchive_title"),
        ("blog_path", "blogarchive_paths"),
        ("post_date_format", "blogarchive_date_format"),
        ("blog_baseurl", "html_baseurl"),
        ("blog_authors", "author names in each post (read for ABlog's post directive)"),
    )
]


def migrate(srcdir: Path) -> None:
    """The migration guide's edits to ``conf.py``."""
    conf = srcdir / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    kept = [
        line.replace('"ablog"]', '"sphinx_blogarchive"]')
        for line in lines
        if not line.startswith("import ablog") and "get_html_templates_path" not in line
    ]
    conf.write_text("\n".join(kept) + "\n", encoding="utf-8")


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


def test_ablog_layout_kept(migrated: Built) -> None:
    pages = html_pages(migrated.outdir)
    assert {
        "blog/2024.html",
        "blog/2025.html",
        "blog/tag/python.html",
        "blog/category/notes.html",
        "blog/author/ada-lovelace.html",
        "blog/index.html",
    } <= pages
    assert "blog/year/index.html" not in pages  # the archive is the years' index


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("15 January 2024", None, "2024-01-15"),
        ("Jan 15, 2024", None, "2024-01-15"),
        ("2024-01-15", None, "2024-01-15"),
        ("15/01/2024", "%d/%m/%Y", "2024-01-15"),
        ("15/01/2024 09:30", "%d/%m/%Y %H:%M", "2024-01-15T09:30"),
        ("someday", None, "someday"),
    ],
)
def test_ablog_dates(text: str, fmt: str | None, expected: str) -> None:
    assert ablog_date(text, fmt) == expected


@pytest.mark.skipif(
    importlib.util.find_spec("ablog") is None,
    reason="ABlog is not installed (pip install '.[ecosystem]')",
)
def test_same_urls_as_ablog(migrated: Built, tmp_path: Path) -> None:
    src = copy_root("ablog", tmp_path / "src")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    theirs = html_pages(out)
    ours = html_pages(migrated.outdir)
    # Posts and tag, category, author and year pages: the same URLs.
    assert {p for p in theirs if p.startswith("articles/")} == POSTS
    terms = {
        p
        for p in theirs
        if p.startswith("blog/") and p not in RENAMED and not p.startswith(ABLOG_ONLY_PREFIXES)
    }
    assert terms == {p for p in ours if p.startswith("blog/") and p.count("/") >= 1} - {
        "blog/index.html",
        "blog/tag/index.html",
        "blog/category/index.html",
        "blog/author/index.html",
    }
    # ABlog's archive and index pages: at the documented new names.
    for theirs_page, ours_page in RENAMED.items():
        assert theirs_page in theirs
        assert ours_page in ours


@pytest.mark.skipif(
    importlib.util.find_spec("ablog") is None,
    reason="ABlog is not installed (pip install '.[ecosystem]')",
)
def test_same_urls_as_ablog_with_dirhtml(tmp_path: Path) -> None:
    """With dirhtml, every ABlog URL is kept but the archive's, drafts, locations, languages."""
    theirs_src = copy_root("ablog", tmp_path / "theirs")
    out = tmp_path / "theirs-out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml", str(theirs_src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    ours_src = copy_root("ablog", tmp_path / "ours")
    migrate(ours_src)
    ours = build(ours_src, builddir=tmp_path / "ours-out", buildername="dirhtml")
    assert ours.warnings() == DEPRECATIONS
    theirs_pages = {p for p in html_pages(out) if not p.startswith(ABLOG_ONLY_PREFIXES)}
    assert theirs_pages - html_pages(ours.outdir) == {"blog/archive/index.html"}
