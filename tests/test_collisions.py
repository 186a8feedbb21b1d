"""A generated page never replaces a page the user wrote, nor another generated page."""

from __future__ import annotations

import re

import pytest
from helpers import (
    Built,
    build_root,
    index_items,
    main_of,
    resolve_href,
    soup_of,
    text_of,
    titles,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("collisions", tmp_path_factory.mktemp("collisions"))


def test_warnings(site: Built) -> None:
    assert sorted(site.warnings()) == [
        "WARNING: the page of category 'notes' is not generated at 'blog/category/notes': "
        "html_additional_pages entry 'blog/category/notes' already uses that name "
        "[blogarchive.collision]",
        "WARNING: the page of year '2023' is not generated at 'blog/year/2023': "
        "html_extra_path file 'blog/year/2023.html' already uses that name "
        "[blogarchive.collision]",
        "blog/tag/Web.md: WARNING: the page of tag 'web' is not generated at 'blog/tag/web': "
        "'blog/tag/Web' already uses that name [blogarchive.collision]",
        "posts/a.md:1: WARNING: tags 'open-source' (posts/b.md), 'open source' (posts/a.md) "
        "have one slug, 'open-source': 'open-source' keeps it, the others get a suffix of their "
        "own ('open source' -> 'open-source-53429897'); to choose their URLs, set "
        "blogarchive_term_slugs = {'open source': 'another-slug'} in conf.py [blogarchive.slug]",
    ]


def test_document_differing_in_case_wins(site: Built) -> None:
    page = main_of(site.soup("blog/tag/Web"))
    assert text_of(page.find("h1")).rstrip("¶ ") == "The user’s own web page"
    assert not [p for p in (site.outdir / "blog/tag").iterdir() if p.name == "web.html"]
    # the tag has no page: shown as text, never linked to the user's page
    assert index_items(site.soup("blog/tag/index"))["web"] == (1, None)
    header = main_of(site.soup("posts/a")).select_one(".blogarchive-post-header")
    # links: two tags; not "web" (the user's page) nor "notes" (html_additional_pages)
    assert [text_of(a) for a in header.find_all("a")] == ["open source", "2023"]
    assert "web" in text_of(header)
    assert "notes" in text_of(header)


def test_additional_page_wins(site: Built) -> None:
    text = site.path("blog/category/notes").read_text(encoding="utf-8")
    assert "The user's own notes page." in text
    assert "blogarchive" not in text


def test_extra_path_file_wins(site: Built) -> None:
    text = site.path("blog/year/2023").read_text(encoding="utf-8")
    assert "The user's own 2023 page." in text
    archive = main_of(site.soup("blog/index"))
    headings = {text_of(h): h.find("a") for h in archive.select(".blogarchive-listing > h2")}
    assert headings["2023"] is None  # not linked to the user's file
    assert headings["2024"] is not None


def test_tags_that_slugify_alike(site: Built) -> None:
    # "open-source" is written as its slug: it keeps it, whatever the
    # posts' dates; "open source" gets a suffix made from its own name.
    items = index_items(site.soup("blog/tag/index"))
    assert items["open-source"] == (1, "open-source.html")
    assert items["open source"][0] == 1
    other = items["open source"][1]
    assert other == "open-source-53429897.html"
    assert titles(site.soup("blog/tag/open-source")) == ["Post b"]
    page = resolve_href(site.path("blog/tag/index"), other)
    assert titles(soup_of(page)) == ["Post a"]


def test_tag_equal_to_a_year(site: Built) -> None:
    assert titles(site.soup("blog/tag/2023")) == ["Post a"]
    assert titles(site.soup("blog/tag/2024")) == ["Post b"]
    assert titles(site.soup("blog/year/2024")) == ["Post a"]


def test_slug_never_leaves_the_output_folder(site: Built) -> None:
    items = index_items(site.soup("blog/tag/index"))
    target = resolve_href(site.path("blog/tag/index"), items["../../escape"][1])
    assert target.is_file()
    assert target.parent == site.outdir / "blog/tag"
    assert titles(soup_of(target)) == ["Post b"]


def test_tag_and_year_pages_in_one_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Tag and year pages configured into one folder: the year pages (and the
    # years index) named like a tag page are not made, with a warning each;
    # nothing is silently replaced and no link leads to the wrong page.
    built = build_root(
        "collisions",
        tmp_path_factory.mktemp("shared-folder"),
        confoverrides={"blogarchive_paths": {"tag": "blog/t", "year": "blog/t"}},
    )
    clashes = sorted(
        w for w in built.warnings() if "[blogarchive.collision]" in w and "'blog/t/" in w
    )
    assert [re.search(r"is not generated at '([^']+)'", w)[1] for w in clashes] == [
        "blog/t/2023",
        "blog/t/2024",
        "blog/t/index",
    ]
    header = main_of(built.soup("posts/a")).select_one(".blogarchive-post-header")
    [link] = [a for a in header.find_all("a") if text_of(a) == "2023"]
    tag_page = soup_of(resolve_href(built.path("posts/a"), link["href"]))
    assert "tagged" in text_of(main_of(tag_page).find("h1"))
    assert titles(tag_page) == ["Post a"]
    assert text_of(main_of(built.soup("blog/t/index")).find("h1")) == "Tags"
    # the archive's year headings do not link to the tag pages
    archive = main_of(built.soup("blog/index"))
    for h2 in archive.select(".blogarchive-listing > h2"):
        assert h2.find("a") is None
