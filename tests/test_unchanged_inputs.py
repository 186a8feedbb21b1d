"""A rebuild whose blog inputs did not change leaves the blog's output alone.

When no post's shown fields, no listing, no configuration, template or
navigation changed since the last successful build, the build skips
computing generated pages, feeds and the JSON index (the record's input
digest). What a reader sees must not depend on that shortcut: a body edit
that changes nothing shown rewrites the post alone; a full-content feed
still follows a body edit; a deleted feed or page comes back; a changed
local image is copied again; and each result equals a fresh build's.
"""

from __future__ import annotations

from pathlib import Path

from feedcheck import feed_paths
from helpers import ROOT_DOC_ALWAYS_WRITTEN, blog_pages, build, copy_root, touch

from sphinx_blogarchive.pages._output import image_output_path
from sphinx_blogarchive.record._record import read_record


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    touch(path)


def stamps(outdir: Path) -> dict[str, int]:
    """``{relative path: mtime_ns}`` of every file of *outdir* but Sphinx's own."""
    return {
        p.relative_to(outdir).as_posix(): p.stat().st_mtime_ns
        for p in outdir.rglob("*")
        if p.is_file() and not p.relative_to(outdir).as_posix().startswith((".doctrees", "_"))
    }


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {p for p, stamp in after.items() if before.get(p) != stamp}


#: Pages Sphinx itself writes on every build, whatever changed.
SPHINX_EVERY_BUILD = {
    "genindex.html",
    "search.html",
    "searchindex.js",
    "objects.inv",
    ".buildinfo",
}


def test_body_edit_showing_nothing_new_rewrites_the_post_alone(tmp_path: Path) -> None:
    src = copy_root("feeds", tmp_path / "src")
    out = tmp_path / "out"
    first = build(src, builddir=out)
    assert first.warnings() == []
    before = stamps(first.outdir)
    digest = read_record(first.outdir).digest
    assert digest
    # A last paragraph: the excerpt, title, dates, tags and reading time stay.
    append(src / "posts/alpha.md", "\nOne more sentence, far below the excerpt.\n")
    again = build(src, builddir=out)
    assert again.warnings() == []
    # (Sphinx 7 writes the root document on every build that writes.)
    root = {"index.html"} if ROOT_DOC_ALWAYS_WRITTEN else set()
    assert changed(before, stamps(again.outdir)) - SPHINX_EVERY_BUILD == {"posts/alpha.html", *root}
    assert "One more sentence" in (again.outdir / "posts/alpha.html").read_text(encoding="utf-8")
    assert read_record(again.outdir).digest == digest


def test_shown_change_after_a_skipped_build_is_caught(tmp_path: Path) -> None:
    # Two builds with nothing new, then a retitled post: the generated pages
    # and feeds follow, equal to a fresh build's.
    src = copy_root("feeds", tmp_path / "src")
    out = tmp_path / "out"
    build(src, builddir=out)
    build(src, builddir=out)
    path = src / "posts/alpha.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Alpha & Omega", "title: Alpha Renamed"),
        encoding="utf-8",
    )
    touch(path)
    again = build(src, builddir=out)
    fresh = build(src, builddir=tmp_path / "fresh", freshenv=True)
    assert blog_pages(again.outdir) == blog_pages(fresh.outdir)
    for page in blog_pages(fresh.outdir):
        assert "Alpha Renamed" in (again.outdir / page).read_text(encoding="utf-8") or (
            "Alpha Renamed" not in (fresh.outdir / page).read_text(encoding="utf-8")
        ), page
    for feed in feed_paths(fresh.outdir):
        assert (again.outdir / feed).read_bytes() == (fresh.outdir / feed).read_bytes(), feed
    assert "Alpha Renamed" in (again.outdir / "blog/atom.xml").read_text(encoding="utf-8")


def test_full_content_feed_follows_a_body_edit(tmp_path: Path) -> None:
    src = copy_root("feeds", tmp_path / "src")
    out = tmp_path / "out"
    overrides = {"blogarchive_feed_content": "full"}
    build(src, builddir=out, confoverrides=overrides)
    append(src / "posts/alpha.md", "\nFresh words at the end.\n")
    again = build(src, builddir=out, confoverrides=overrides)
    assert "Fresh words at the end." in (again.outdir / "blog/atom.xml").read_text(encoding="utf-8")
    fresh = build(src, builddir=tmp_path / "fresh", confoverrides=overrides, freshenv=True)
    for feed in feed_paths(fresh.outdir):
        assert (again.outdir / feed).read_bytes() == (fresh.outdir / feed).read_bytes(), feed


def test_deleted_feed_index_and_page_come_back(tmp_path: Path) -> None:
    src = copy_root("feeds", tmp_path / "src")
    out = tmp_path / "out"
    first = build(src, builddir=out)
    feed = first.outdir / "blog/atom.xml"
    index = first.outdir / "blog/posts.json"
    page = first.outdir / "blog/tag/python.html"
    saved = {path: path.read_bytes() for path in (feed, index, page)}
    for path in saved:
        path.unlink()
    build(src, builddir=out)
    for path, data in saved.items():
        assert path.read_bytes() == data, path


def test_changed_local_image_is_copied_again(tmp_path: Path) -> None:
    # The image is named in the metadata only: Sphinx does not re-read the
    # post when the file changes, the blog's copy must follow anyway.
    src = copy_root("feeds", tmp_path / "src")
    post = src / "posts/beta.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(
            "image: https://cdn.example.com/beta.png", "image: pic.svg"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    first = build(src, builddir=out)
    archive_post = next(p for p in first.app.env.domains["blog"].data["posts"].values() if p.image)
    copy = first.outdir / image_output_path(archive_post)
    assert copy.read_bytes() == (src / "posts/pic.svg").read_bytes()
    picture = src / "posts/pic.svg"
    picture.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>\n', encoding="utf-8"
    )
    touch(picture)
    build(src, builddir=out)
    assert copy.read_bytes() == picture.read_bytes()
