"""Configuration values, each through a build of a small root with confoverrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    ROOTS,
    Built,
    app_warnings,
    build,
    build_root,
    copy_root,
    entries,
    main_of,
    resolve_href,
    soup_of,
    text_of,
    titles,
)
from sphinx.testing.util import SphinxTestApp

HEADLESS_WARNINGS = [
    "posts/2024/headless.md:8: WARNING: Document headings start at H2, not H1 [myst.header]",
    "posts/2024/headless.md:12: WARNING: Document headings start at H2, not H1 [myst.header]",
]
[CASE_01] = [p.name.removeprefix("test-") for p in ROOTS.glob("test-case-01-*")]


def html_files(built: Built) -> list[str]:
    return sorted(p.relative_to(built.outdir).as_posix() for p in built.outdir.rglob("*.html"))


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root(
        "basic",
        tmp_path_factory.mktemp("custom"),
        confoverrides={
            "blogarchive_paths": {"archive": "news", "tag": "topics"},
            "blogarchive_pages": ["archive", "tags"],
            "blogarchive_title": "All the news",
            "blogarchive_description": "Everything we wrote.",
            "blogarchive_date_format": "%Y-%m-%d",
        },
    )


def test_custom_paths_and_families(custom: Built) -> None:
    assert custom.warnings() == HEADLESS_WARNINGS
    generated = [p for p in html_files(custom) if not p.startswith("posts/")]
    assert generated == [
        "genindex.html",
        "index.html",
        "news/index.html",
        "search.html",
        "topics/index.html",
        "topics/python.html",
        "topics/sphinx.html",
        "topics/web.html",
    ]
    assert not (custom.outdir / "blog").exists()


def test_custom_archive(custom: Built) -> None:
    soup = custom.soup("news/index")
    main = main_of(soup)
    assert text_of(main.find("h1")) == "All the news"
    assert soup.title.get_text().startswith("All the news")
    assert "Everything we wrote." in text_of(main)
    # no year pages: the year headings are not links
    assert [h.find("a") for h in main.select(".blogarchive-listing > h2")] == [None] * 3
    assert [e.date for e in entries(soup)][:2] == ["2025-01-10", "2024-06-01"]


def test_links_follow_the_families(custom: Built) -> None:
    header = main_of(custom.soup("posts/2023/first-light")).select_one(".blogarchive-post-header")
    links = {
        text_of(a): resolve_href(custom.path("posts/2023/first-light"), a["href"])
        for a in header.find_all("a")
    }
    assert links == {
        "Python": custom.outdir / "topics/python.html",
        "Sphinx": custom.outdir / "topics/sphinx.html",
    }
    # no category or author pages: their names are text
    assert "Essays" in text_of(header)
    assert "Ada Lovelace" in text_of(header)
    assert text_of(header.find("time")) == "2023-03-15"


def test_invalid_values_warn_and_use_defaults(tmp_path: Path) -> None:
    built = build_root(
        "basic",
        tmp_path,
        confoverrides={
            "blogarchive_paths": {"tag": "../outside"},
            "blogarchive_timezone": "Mars/Olympus",
            "blogarchive_pages": ["archive", "nonsense"],
            "blogarchive_url_layout": "flat",
        },
    )
    assert [w for w in built.warnings() if "[blogarchive" in w] == [
        "WARNING: blogarchive_pages = ['archive', 'nonsense'] must be a list drawn from archive, "
        "tags, categories, authors, years, series; using the default (['archive', 'tags', "
        "'categories', 'authors', 'years', 'series']) [blogarchive.config]",
        "WARNING: blogarchive_paths = {'tag': '../outside'} entry 'tag' must be a normalised "
        "relative path inside the output folder; using the default ({'archive': 'blog', 'tag': "
        "'blog/tag', 'category': 'blog/category', 'author': 'blog/author', 'year': 'blog/year', "
        "'series': 'blog/series'}) "
        "[blogarchive.config]",
        "WARNING: blogarchive_timezone = 'Mars/Olympus' is not a known time zone; using the "
        "default ('') [blogarchive.config]",
        "WARNING: blogarchive_url_layout = 'flat' must be one of folders, ablog; using the "
        "default ('folders') [blogarchive.config]",
    ]
    assert built.path("blog/tag/python").is_file()
    assert built.path("blog/author/index").is_file()
    assert not (tmp_path / "outside").exists()
    assert not (tmp_path / "_build" / "outside").exists()


def test_a_truthy_string_is_not_true(tmp_path: Path) -> None:
    # "no" in conf.py is a str, truthy in Python; the option falls back to
    # its default with a warning, as -D blogarchive_related_newer=no reads it.
    src = copy_root("listings", tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nblogarchive_related_newer = "no"\n')
    built = build(src)
    assert [w for w in built.warnings() if "[blogarchive" in w] == [
        "WARNING: blogarchive_related_newer = 'no' must be True or False; using the default "
        "(False) [blogarchive.config]"
    ]
    aside = main_of(built.soup("posts/e")).select_one("aside.blogarchive-related")
    assert [text_of(a) for a in aside.find_all("a")] == ["Delta"]  # older posts only


def test_blog_timezone(tmp_path: Path) -> None:
    built = build_root(
        CASE_01, tmp_path, confoverrides={"blogarchive_timezone": "Pacific/Auckland"}
    )
    assert built.warnings() == []
    got = [(e.title, e.datetime, e.date) for e in entries(built.soup("blog/index"))]
    assert got == [
        ("Field list date", "2024-03-04", "Mar 4, 2024"),
        ("Naive time", "2024-03-03T18:00:00+13:00", "Mar 3, 2024"),
        # written with +02:00: shown in the blog's zone once it is set
        ("Offset time", "2024-03-02T20:30:00+13:00", "Mar 2, 2024"),
        ("Plain date", "2024-03-01", "Mar 1, 2024"),
    ]


def test_page_builders_allow_list(tmp_path: Path) -> None:
    built = build_root(
        "basic",
        tmp_path,
        buildername="dirhtml",
        confoverrides={"blogarchive_page_builders": ["html"]},
    )
    assert built.warnings() == HEADLESS_WARNINGS
    assert not (built.outdir / "blog").exists()
    page = built.outdir / "posts/2023/first-light/index.html"
    header = main_of(soup_of(page)).select_one(".blogarchive-post-header")
    assert header.find("a") is None
    assert "Python" in text_of(header)


@pytest.mark.sphinx(
    "html", testroot="basic", confoverrides={"blogarchive_post_pattern": "posts/2024/*"}
)
def test_post_pattern(app: SphinxTestApp) -> None:
    app.build()
    # only the 2024 documents are posts; the others are plain orphan-less pages
    warnings = app_warnings(app)
    assert [w for w in warnings if "[blogarchive" in w] == []
    archive = soup_of(Path(app.outdir) / "blog/index.html")
    assert titles(archive) == ["Tie A", "Tie B", "A post without a heading"]
