"""Incremental builds against what they cannot see in the changed posts, and damaged records.

Each case here was found by a reviewer comparing incremental builds with
fresh ones: references to posts in excerpts and in other documents, the
navigation that generated pages show, and the records the extension keeps in
the output folder, changed or broken by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import Built, blog_pages, build, main_of, normalised_page, write

CONF = """\
project = "Records"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/"
blogarchive_listing_fields = ["date", "excerpt"]
# Alabaster's navigation then shows the sections of every page in it.
html_theme_options = {"sidebar_collapse": False}
"""

INDEX = """\
# Records

```{toctree}
:caption: Contents

about
```
"""

ABOUT = """\
# About

Read {blog:post}`a`, tagged {blog:tag}`ml`.

## First section

Text.
"""


def post(title: str, date: str, tags: str, *, body: str = "Body.", extra: str = "") -> str:
    return f"---\ndate: {date}\ntags: [{tags}]\n{extra}---\n\n# {title}\n\n{body}\n"


def blog(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    write(src / "conf.py", CONF)
    write(src / "index.md", INDEX)
    write(src / "about.md", ABOUT)
    write(src / "posts/a.md", post("A", "2024-01-01", "ml, x"))
    write(src / "posts/b.md", post("B", "2024-02-01", "beta"))
    write(src / "posts/c.md", post("C", "2024-03-01", "x", body="Follow-up to {blog:post}`b`."))
    write(src / "posts/d.md", post("D", "2024-04-01", "x"))
    return src


def assert_same_as_fresh(step: Built, tmp_path: Path, name: str) -> None:
    fresh = build(step.srcdir, builddir=tmp_path / f"fresh-{name}", freshenv=True)
    assert blog_pages(step.outdir) == blog_pages(fresh.outdir), name
    for page in blog_pages(fresh.outdir):
        mine = (step.outdir / page).read_text(encoding="utf-8")
        assert mine == (fresh.outdir / page).read_text(encoding="utf-8"), f"{name}: {page}"
    pages = ["about.html", *(f"posts/{p.name}" for p in (fresh.outdir / "posts").glob("*.html"))]
    for page in pages:
        mine = normalised_page(step.outdir / page)
        assert mine == normalised_page(fresh.outdir / page), f"{name}: {page}"


def test_an_excerpt_follows_the_post_it_refers_to(tmp_path: Path) -> None:
    src = blog(tmp_path)
    out = tmp_path / "inc"
    build(src, builddir=out)
    write(src / "posts/b.md", post("B retitled", "2024-02-01", "beta"))
    step = build(src, builddir=out)
    assert "Follow-up to B retitled." in (step.outdir / "blog/tag/x.html").read_text(
        encoding="utf-8"
    )
    assert_same_as_fresh(step, tmp_path, "retitle")


def test_blog_references_in_unchanged_documents_follow_their_targets(tmp_path: Path) -> None:
    src = blog(tmp_path)
    out = tmp_path / "inc"
    build(src, builddir=out)
    # a: retitled, then a draft that no longer has the tag ml (whose page goes).
    write(src / "posts/a.md", post("A renamed", "2024-01-01", "ml, x"))
    step = build(src, builddir=out)
    assert "A renamed" in main_of(step.soup("about")).get_text()
    assert_same_as_fresh(step, tmp_path, "retitle")
    write(src / "posts/a.md", post("A renamed", "2024-01-01", "x", extra="draft: true\n"))
    step = build(src, builddir=out, check=False)
    about = main_of(step.soup("about"))
    assert about.find("a", href="posts/a.html") is None
    assert about.find("a", href="blog/tag/ml.html") is None
    assert not (step.outdir / "blog/tag/ml.html").exists()
    assert_same_as_fresh(step, tmp_path, "draft")


def test_generated_pages_follow_the_navigation(tmp_path: Path) -> None:
    src = blog(tmp_path)
    out = tmp_path / "inc"
    build(src, builddir=out)
    write(src / "index.md", INDEX.replace(":caption: Contents", ":caption: Site map"))
    step = build(src, builddir=out)
    assert "Site map" in (step.outdir / "blog/tag/x.html").read_text(encoding="utf-8")
    assert_same_as_fresh(step, tmp_path, "caption")
    write(src / "about.md", ABOUT.replace("## First section", "## Renamed section"))
    step = build(src, builddir=out)
    tag_page = (step.outdir / "blog/tag/x.html").read_text(encoding="utf-8")
    assert "about.html#renamed-section" in tag_page
    assert_same_as_fresh(step, tmp_path, "section")


def test_a_record_changed_by_hand_is_not_trusted(tmp_path: Path) -> None:
    src = blog(tmp_path)
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    record = first.outdir / ".blogarchive.json"
    check, _, body = record.read_text(encoding="utf-8").partition("\n")
    data = json.loads(body)
    data["listed"] = []
    record.write_text(check + "\n" + json.dumps(data), encoding="utf-8")
    # b moves after d: its old and new neighbours get new prev/next links.
    write(src / "posts/b.md", post("B", "2024-05-01", "beta"))
    step = build(src, builddir=out)
    assert_same_as_fresh(step, tmp_path, "listed")


def test_damaged_records_do_not_stop_the_build(tmp_path: Path) -> None:
    src = blog(tmp_path)
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    feeds = first.outdir / ".blogarchive-feeds.json"
    feeds.write_bytes(b"\xff\xfe")
    step = build(src, builddir=out)
    assert step.warnings() == []
    # A feeds record naming a folder and a page of the user's: neither is deleted.
    feeds.write_text(json.dumps({"blog/tag": "k", "index.html": "k"}), encoding="utf-8")
    step = build(src, builddir=out)
    assert (step.outdir / "blog/tag").is_dir()
    assert (step.outdir / "index.html").is_file()
    assert_same_as_fresh(step, tmp_path, "feeds")
    # The record's name taken by a folder: a warning, and every page right.
    record = step.outdir / ".blogarchive.json"
    record.unlink()
    record.mkdir()
    write(src / "posts/d.md", post("D2", "2024-04-01", "x"))
    step = build(src, builddir=out, check=False)
    assert any("blogarchive.collision" in line for line in step.warnings()), step.warnings()
    assert_same_as_fresh(step, tmp_path, "record folder")
