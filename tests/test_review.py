"""Regression tests for the faults a fresh reviewer found in the core (issue 2).

Each test builds a small project written on the spot, so the fault's input
is readable next to its assertion.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import build, main_of, text_of, titles, touch

from sphinx_blogarchive.model._dates import parse_date
from sphinx_blogarchive.model._slugs import RESERVED_SLUGS, slugify

CONF = 'extensions = ["myst_parser", "sphinx_blogarchive"]\nexclude_patterns = ["_build"]\n'


def project(root: Path, posts: dict[str, str], conf: str = "", index: str = "# Home\n") -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (root / "index.md").write_text(index, encoding="utf-8")
    for name, text in posts.items():
        path = root / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def post(title: str, date: str, extra: str = "") -> str:
    return f"---\ndate: {date}\n{extra}---\n\n# {title}\n\nBody.\n"


def test_a_user_page_is_never_deleted_as_a_stale_generated_page(tmp_path: Path) -> None:
    # dirhtml writes the document "blog" to blog/index.html, where the
    # archive was generated before: the user's new page must survive.
    src = project(tmp_path / "src", {"a.md": post("A", "2024-01-01", "tags: [life]\n")})
    build(src, builddir=tmp_path / "out", buildername="dirhtml", check=False)
    (src / "blog.md").write_text("# My blog page\n\nMine.\n", encoding="utf-8")
    again = build(src, builddir=tmp_path / "out", buildername="dirhtml", check=False)
    page = again.outdir / "blog/index.html"
    assert page.is_file()
    assert "My blog page" in page.read_text(encoding="utf-8")
    assert any("[blogarchive.collision]" in w for w in again.warnings())


def test_builders_sharing_a_doctree_folder_each_rewrite_their_pages(tmp_path: Path) -> None:
    src = project(
        tmp_path / "src",
        {"first.md": post("First post", "2024-01-01"), "second.md": post("Second", "2024-02-01")},
        index="# Home\n\n```{postlist}\n```\n",
    )
    out = tmp_path / "out"
    for name in ("html", "dirhtml"):
        build(src, builddir=out, buildername=name)
    first = src / "posts/first.md"
    first.write_text(post("First post renamed", "2024-01-01"), encoding="utf-8")
    touch(first)
    for name in ("html", "dirhtml"):
        built = build(src, builddir=out, buildername=name)
        home = "index.html"
        text = text_of(main_of(built.soup("index") if name == "html" else _soup(built, home)))
        assert "First post renamed" in text, name


def _soup(built, page: str):
    from helpers import soup_of

    return soup_of(built.outdir / page)


def test_an_interrupted_build_is_redone(tmp_path: Path) -> None:
    hook = (
        "import os\n"
        "def _boom(app, pagename, *args):\n"
        "    if os.environ.get('BLOGARCHIVE_BOOM') and pagename == 'index':\n"
        "        raise RuntimeError('interrupted')\n"
        "def setup(app):\n"
        "    app.connect('html-page-context', _boom)\n"
    )
    src = project(
        tmp_path / "src",
        {"a.md": post("Alpha", "2024-01-01"), "b.md": post("Beta", "2024-02-01")},
        conf=hook,
        index="# Home\n\n```{postlist}\n```\n",
    )
    out = tmp_path / "out"
    build(src, builddir=out)
    b = src / "posts/b.md"
    b.write_text(post("Beta edited", "2024-02-01"), encoding="utf-8")
    touch(b)
    os.environ["BLOGARCHIVE_BOOM"] = "1"
    try:
        with pytest.raises(Exception, match="interrupted"):
            build(src, builddir=out, check=False)
    finally:
        del os.environ["BLOGARCHIVE_BOOM"]
    again = build(src, builddir=out)
    assert titles(again.soup("index")) == ["Beta edited", "Alpha"]


def test_a_date_format_babel_cannot_use_is_a_config_warning(tmp_path: Path) -> None:
    src = project(tmp_path / "src", {"a.md": post("A", "2024-03-28")})
    built = build(src, confoverrides={"blogarchive_date_format": "%U"})
    assert any(
        "blogarchive_date_format = '%U' cannot format dates" in w and "[blogarchive.config]" in w
        for w in built.warnings()
    ), built.warnings()
    assert "Mar 28, 2024" in text_of(main_of(built.soup("blog/index")))


def test_year_groups_are_ordered_as_numbers(tmp_path: Path) -> None:
    src = project(
        tmp_path / "src",
        {
            "a.md": post("Old", "0999-05-01"),
            "b.md": post("New", "2024-01-01"),
            "c.md": post("Mid", "1999-12-31"),
        },
    )
    built = build(src)
    headings = [
        text_of(h) for h in main_of(built.soup("blog/index")).select("h2.blogarchive-group")
    ]
    assert headings == ["2024", "1999", "0999"]


def test_a_very_long_non_bmp_name_still_gets_its_page(tmp_path: Path) -> None:
    name = "\U00020000" * 100
    src = project(tmp_path / "src", {"a.md": post("A", "2024-01-01", f"tags: [{name}]\n")})
    built = build(src)
    assert built.warnings() == []
    link = main_of(built.soup("posts/a")).select_one("a.blogarchive-tag")
    assert link is not None
    [page] = [p for p in (built.outdir / "blog/tag").glob("*.html") if p.name != "index.html"]
    assert len(page.name.encode("utf-8")) <= 255


def test_folder_per_post_and_same_file_names_need_no_slug(tmp_path: Path) -> None:
    src = project(
        tmp_path / "src",
        {
            "hello/index.md": post("Hello", "2024-01-01"),
            "world/index.md": post("World", "2024-01-02"),
            "2023/recap.md": post("Recap 2023", "2023-12-31"),
            "2024/recap.md": post("Recap 2024", "2024-12-31"),
            "My Post.md": post("Spaced", "2024-06-01"),
        },
        index="# Home\n\n{blog:post}`hello` and {blog:post}`my-post`.\n",
    )
    built = build(src)
    assert built.warnings() == []
    links = [text_of(a) for a in main_of(built.soup("index")).select("p a")]
    assert links == ["Hello", "Spaced"]


def test_rst_author_and_authors_are_both_kept(tmp_path: Path) -> None:
    src = project(tmp_path / "src", {})
    (src / "posts").mkdir()
    (src / "posts/r.rst").write_text(
        ":date: 2024-01-01\n:author: Doe, Jane\n:authors: A; B\n\nTitle\n=====\n\nBody.\n",
        encoding="utf-8",
    )
    (src / "posts/m.md").write_text(
        '---\ndate: 2024-01-02\nauthor: "Doe, Jane"\nauthors: "A; B"\n---\n\n# Title two\n',
        encoding="utf-8",
    )
    built = build(src)
    posts = built.app.env.get_domain("blog").posts
    assert posts["posts/r"].authors == posts["posts/m"].authors == ("Doe", "Jane", "A", "B")


def test_a_path_with_a_trailing_slash_is_a_config_warning(tmp_path: Path) -> None:
    src = project(tmp_path / "src", {"a.md": post("A", "2024-01-01", "tags: [x]\n")})
    built = build(src, confoverrides={"blogarchive_paths": {"tag": "topics/"}})
    assert any("blogarchive_paths" in w and "[blogarchive.config]" in w for w in built.warnings())
    assert (built.outdir / "blog/tag/x.html").is_file()


def test_lower_case_t_and_z_are_rfc_3339() -> None:
    import datetime as dt

    value = parse_date("2024-02-13t09:30z", dt.UTC)
    assert value.value.isoformat() == "2024-02-13T09:30:00+00:00"
    with pytest.raises(ValueError, match="not a valid date and time"):
        parse_date("2024-02-13T09:30+25:00", dt.UTC)


def test_slugs_keep_combining_marks_and_avoid_device_names() -> None:
    assert slugify("हिन्दी") == "हिन्दी"
    assert slugify("नमस्ते") == "नमस्ते"
    assert {"con", "prn", "aux", "nul", "com1", "lpt9"} <= RESERVED_SLUGS
