"""Incremental builds: after each edit, the same pages as a fresh build.

Each step edits the sources, rebuilds without ``-E`` in one output folder,
builds the same sources from scratch in another, and compares every
generated page (the ``.html`` files under ``blog/``), every post page and the
documents holding blog directives (main content and prev/next links).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from helpers import (
    ROOTS,
    Built,
    blog_pages,
    build,
    copy_root,
    entries,
    index_items,
    main_of,
    normalised_page,
    searchable,
    soup_of,
    titles,
    touch,
    write,
)

import sphinx_blogarchive

POST = """\
---
date: {date}
tags: [{tags}]
{extra}---

# {title}

{body}
"""


def env_update(built: Built) -> tuple[int, int, int]:
    """(added, changed, removed) of the "updating environment" line."""
    m = re.search(
        r"updating environment: (?:\[.*?\] )?(\d+) added, (\d+) changed, (\d+) removed",
        built.status,
    )
    assert m is not None, built.status
    return int(m[1]), int(m[2]), int(m[3])


def read_docs(built: Built) -> list[str]:
    """Docnames listed after "reading sources..." (serial read)."""
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", built.status)


def compared_pages(built: Built) -> list[str]:
    """Output files to compare: generated pages, posts and directive documents."""
    posts = sorted(
        p.relative_to(built.outdir).as_posix() for p in (built.outdir / "posts").rglob("*.html")
    )
    extra = [p for p in ("index.html", "tags.html") if (built.outdir / p).exists()]
    return blog_pages(built.outdir) + posts + extra


def assert_same_as_fresh(incremental: Built, tmp_path: Path, step: str) -> Built:
    fresh = build(incremental.srcdir, builddir=tmp_path / f"fresh-{step}", freshenv=True)
    assert incremental.warnings() == fresh.warnings() == []
    assert blog_pages(incremental.outdir) == blog_pages(fresh.outdir), step
    # (Sphinx leaves the HTML of a deleted document behind; the pages compared
    # are those of the fresh build, so no blog page may still link it.)
    for page in compared_pages(fresh):
        assert normalised_page(incremental.outdir / page) == normalised_page(fresh.outdir / page), (
            f"{step}: {page}"
        )
    # Generated pages are compared whole, theme navigation included. (Sphinx
    # itself leaves the navigation of documents it did not rewrite stale, so
    # documents are compared by content and prev/next only.)
    for page in blog_pages(fresh.outdir):
        whole = (incremental.outdir / page).read_text(encoding="utf-8")
        assert whole == (fresh.outdir / page).read_text(encoding="utf-8"), f"{step}: {page}"
    return fresh


def mtimes(built: Built, pages: list[str]) -> dict[str, int]:
    return {p: (built.outdir / p).stat().st_mtime_ns for p in pages}


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return copy_root("incremental", tmp_path / "src")


def test_incremental_steps_equal_fresh_builds(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    assert first.warnings() == []
    assert_same_as_fresh(first, tmp_path, "initial")

    # 1. add a post: new year, tag and author
    write(
        src / "posts/five.md",
        POST.format(
            date="2022-07-07",
            tags="delta, alpha",
            extra="author: Cy\n",
            title="Post five",
            body="Body of five.",
        ),
    )
    step = build(src, builddir=out)
    assert env_update(step) == (1, 0, 0)
    assert titles(step.soup("blog/year/2022")) == ["Post five"]
    assert titles(step.soup("blog/tag/alpha")) == ["Post two", "Post one", "Post five"]
    assert index_items(step.soup("tags"))["delta"][0] == 1
    assert_same_as_fresh(step, tmp_path, "add")

    # 2. edit a body: one document read, no generated page rewritten
    generated = blog_pages(step.outdir)
    before = mtimes(step, generated)
    three = src / "posts/three.md"
    write(three, three.read_text(encoding="utf-8").replace("Body of three.", "New body."))
    step = build(src, builddir=out)
    assert env_update(step) == (0, 1, 0)
    assert read_docs(step) == ["posts/three"]
    assert mtimes(step, generated) == before
    assert "New body." in (step.outdir / "posts/three.html").read_text(encoding="utf-8")
    assert_same_as_fresh(step, tmp_path, "edit")

    # 3. re-tag: gamma loses its only post, epsilon is new, beta gains one
    write(
        src / "posts/four.md",
        POST.format(
            date="2025-01-01",
            tags="beta, epsilon",
            extra="author: Bob\n",
            title="Post four",
            body="Body of four.",
        ),
    )
    step = build(src, builddir=out)
    assert env_update(step) == (0, 1, 0)
    assert not (step.outdir / "blog/tag/gamma.html").exists()
    assert titles(step.soup("blog/tag/epsilon")) == ["Post four"]
    assert titles(step.soup("blog/tag/beta")) == ["Post four", "Post three", "Post two"]
    assert titles(step.soup("index")) == ["Post four", "Post three", "Post two"]  # postlist
    assert "gamma" not in index_items(step.soup("tags"))
    assert_same_as_fresh(step, tmp_path, "retag")

    # 4. re-date: 2023 loses its only post, 2024 gains it as the newest
    write(
        src / "posts/one.md",
        POST.format(
            date="2024-12-24",
            tags="alpha",
            extra="category: notes\nauthor: Ann\n",
            title="Post one",
            body="Body of one.",
        ),
    )
    step = build(src, builddir=out)
    assert env_update(step) == (0, 1, 0)
    assert not (step.outdir / "blog/year/2023.html").exists()
    assert titles(step.soup("blog/year/2024")) == ["Post one", "Post three", "Post two"]
    assert list(index_items(step.soup("blog/year/index"))) == ["2025", "2024", "2022"]
    assert_same_as_fresh(step, tmp_path, "redate")

    # 5. delete a post
    (src / "posts/two.md").unlink()
    step = build(src, builddir=out)
    assert env_update(step) == (0, 0, 1)
    assert "Post two" not in titles(step.soup("blog/index"))
    assert titles(step.soup("blog/category/notes")) == ["Post one"]
    assert_same_as_fresh(step, tmp_path, "delete")

    # 6. rename a post (its docname changes)
    shutil.move(src / "posts/three.md", src / "posts/three-renamed.md")
    touch(src / "posts/three-renamed.md")
    step = build(src, builddir=out)
    assert env_update(step) == (1, 0, 1)
    assert titles(step.soup("blog/index")) == [
        "Post four",
        "Post one",
        "Post three",
        "Post five",
    ]
    page = step.soup("blog/tag/beta")
    assert [a["href"] for a in page.select("a.blogarchive-entry-title")] == [
        "../../posts/four.html",
        "../../posts/three-renamed.html",
    ]
    assert_same_as_fresh(step, tmp_path, "rename")


def test_no_change_rebuild_reads_nothing_and_rewrites_nothing(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    assert first.warnings() == []
    pages = compared_pages(first)
    before = {p: (first.outdir / p).read_bytes() for p in pages}
    stamps = mtimes(first, pages)
    again = build(src, builddir=out)
    assert again.warnings() == []
    assert env_update(again) == (0, 0, 0)
    assert read_docs(again) == []
    assert mtimes(again, pages) == stamps
    assert {p: (again.outdir / p).read_bytes() for p in pages} == before
    assert "blogarchive: listed 4;" in again.status


def test_deleted_outputs_are_restored(src: Path, tmp_path: Path) -> None:
    # A generated page deleted from the output folder is written again, even
    # though nothing changed in the sources.
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    (first.outdir / "blog/tag/alpha.html").unlink()
    again = build(src, builddir=out)
    assert again.warnings() == []
    assert titles(again.soup("blog/tag/alpha")) == ["Post two", "Post one"]


# --------------------------------------------------------------------------
# Cases 21 and 23


def case_root(number: str) -> str:
    [root] = ROOTS.glob(f"test-case-{number}-*")
    return root.name.removeprefix("test-")


def test_case_21_incremental_tag_and_date_edits(tmp_path: Path) -> None:
    src = copy_root(case_root("21"), tmp_path / "src")
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    assert first.warnings() == []

    shutil.copyfile(src / "edits/a-step2.md", src / "posts/a.md")
    touch(src / "posts/a.md")
    step2 = build(src, builddir=out)
    assert titles(step2.soup("blog/tag/beta")) == ["Post A"]
    assert index_items(step2.soup("blog/tag/index")) == {
        "alpha": (2, "alpha.html"),
        "beta": (1, "beta.html"),
    }
    assert titles(step2.soup("blog/tag/alpha")) == ["Post B", "Post A"]
    assert_same_as_fresh(step2, tmp_path, "step2")

    shutil.copyfile(src / "edits/a-step3.md", src / "posts/a.md")
    touch(src / "posts/a.md")
    step3 = build(src, builddir=out)
    assert not (step3.outdir / "blog/year/2023.html").exists()
    assert index_items(step3.soup("blog/year/index")) == {"2024": (2, "2024.html")}
    assert titles(step3.soup("blog/year/2024")) == ["Post A", "Post B"]
    assert "2023" not in step3.soup("blog/index").get_text()
    assert_same_as_fresh(step3, tmp_path, "step3")


def case_23_step(tmp_path: Path) -> Built:
    src = copy_root(case_root("23"), tmp_path / "src")
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    assert first.warnings() == []
    assert (first.outdir / "blog/tag/rust.html").exists()
    assert (first.outdir / "blog/tag/obsolete.html").exists()

    (src / "posts/remove-me.md").unlink()
    shutil.copyfile(src / "edits/keep-renamed.md", src / "posts/keep.md")
    touch(src / "posts/keep.md")
    return build(src, builddir=out)


def test_case_23_stale_pages_after_rename_or_delete(tmp_path: Path) -> None:
    step = case_23_step(tmp_path)
    assert not (step.outdir / "blog/tag/rust.html").exists()
    assert not (step.outdir / "blog/tag/obsolete.html").exists()
    assert titles(step.soup("blog/tag/systems")) == ["Keep me"]
    assert index_items(step.soup("blog/tag/index")) == {"systems": (1, "systems.html")}
    for page in blog_pages(step.outdir):
        text = str(main_of(soup_of(step.outdir / page)))
        for word in ("remove-me", "Remove me", "Rust", "obsolete"):
            assert word not in text, (page, word)
    assert "posts/remove-me" not in searchable(step.outdir)
    assert_same_as_fresh(step, tmp_path, "step2")


def test_case_23_no_generated_page_mentions_the_deleted_post(tmp_path: Path) -> None:
    step = case_23_step(tmp_path)
    for page in blog_pages(step.outdir):
        text = (step.outdir / page).read_text(encoding="utf-8")
        assert "remove-me" not in text, page


# --------------------------------------------------------------------------
# Changes outside the posts: configuration and templates

TERM_TEMPLATE = """\
<section class="my-term-page">
<h1>{{ blog.title|e }}</h1>
<p class="marker">%s</p>
{%% with blog = blog.listing %%}{%% include "blogarchive/postlist.html" %%}{%% endwith %%}
</section>
"""


def test_template_override_and_its_edits(src: Path, tmp_path: Path) -> None:
    # a project overrides a template by its file name; editing it rewrites the pages
    templates = src / "_templates" / "blogarchive"
    templates.mkdir(parents=True)
    write(templates / "term.html", TERM_TEMPLATE % "first version")
    conf = {"templates_path": ["_templates"]}
    out = tmp_path / "inc"
    first = build(src, builddir=out, confoverrides=conf)
    assert first.warnings() == []
    page = first.soup("blog/tag/alpha")
    assert page.select_one("p.marker").get_text() == "first version"
    assert titles(page) == ["Post two", "Post one"]
    assert first.soup("blog/index").select_one("p.marker") is None  # the archive is not a term

    write(templates / "term.html", TERM_TEMPLATE % "second version")
    again = build(src, builddir=out, confoverrides=conf)
    assert again.warnings() == []
    for name in ("blog/tag/alpha", "blog/year/2024", "blog/author/ann"):
        assert again.soup(name).select_one("p.marker").get_text() == "second version", name


def test_removing_an_older_override_while_a_newer_one_stays(src: Path, tmp_path: Path) -> None:
    # The newest template time does not change when an older override goes:
    # the generated pages must still lose it.
    templates = src / "_templates" / "blogarchive"
    templates.mkdir(parents=True)
    older = templates / "term.html"
    older.write_text(TERM_TEMPLATE % "old override", encoding="utf-8")
    os.utime(older, (1_600_000_000, 1_600_000_000))  # an old file, as cp -p or tar keep
    package = Path(sphinx_blogarchive.__file__).parent / "templates" / "blogarchive"
    write(templates / "archive.html", (package / "archive.html").read_text(encoding="utf-8"))
    conf = {"templates_path": ["_templates"]}
    out = tmp_path / "inc"
    first = build(src, builddir=out, confoverrides=conf)
    assert first.soup("blog/tag/alpha").select_one("p.marker").get_text() == "old override"
    older.unlink()
    again = build(src, builddir=out, confoverrides=conf)
    assert again.warnings() == []
    assert again.soup("blog/tag/alpha").select_one("p.marker") is None
    assert_same_as_fresh(again, tmp_path, "override removed")


def test_config_change_rewrites_generated_pages(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    assert first.warnings() == []
    conf = {"blogarchive_title": "Renamed blog", "blogarchive_date_format": "%Y-%m-%d"}
    again = build(src, builddir=out, confoverrides=conf)
    assert again.warnings() == []
    archive = again.soup("blog/index")
    assert archive.find("h1").get_text() == "Renamed blog"
    assert [e.date for e in entries(again.soup("blog/tag/alpha"))] == ["2024-03-01", "2023-02-01"]
    header = again.soup("posts/one").select_one(".blogarchive-post-header time")
    assert header.get_text() == "2023-02-01"
    fresh = build(src, builddir=tmp_path / "fresh", confoverrides=conf, freshenv=True)
    for page in blog_pages(fresh.outdir):
        assert (again.outdir / page).read_text(encoding="utf-8") == (fresh.outdir / page).read_text(
            encoding="utf-8"
        ), page
