"""Edge cases of posts (root ``edge``): year boundaries, titles, slugs, non-posts."""

from __future__ import annotations

import pytest
from helpers import (
    Built,
    build_root,
    entries,
    main_of,
    resolve_href,
    text_of,
    titles,
)

LATE = "Late on New Year’s Eve"  # 2023-12-31T23:30:00-05:00 (2024-01-01T04:30Z)
EARLY = "Early on New Year’s Day"  # 2024-01-01T01:00:00+00:00


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("edge", tmp_path_factory.mktemp("edge"))


def test_warnings(edge: Built) -> None:
    assert sorted(edge.warnings()) == [
        "posts/slug-twin.md:3: WARNING: post slug 'same' is already used by "
        "'posts/field-title'; refer to this post by docname [blogarchive.slug]",
        "posts/untitled.md:1: WARNING: post has no title or heading; using 'untitled' "
        "[blogarchive.metadata]",
    ]


def test_order_is_by_instant(edge: Built) -> None:
    # A flat listing (the postlist on the index page) is in the archive order:
    # newest instant first.
    assert titles(edge.soup("index")) == [
        LATE,
        EARLY,
        "June",
        "untitled",
        "Slug twin",
        "The field title",
    ]


def test_archive_groups_by_the_shown_year(edge: Built) -> None:
    # The archive groups each post under the year it shows, newest year
    # first; within a year, posts keep the order by instant.
    assert titles(edge.soup("blog/index")) == [
        EARLY,
        LATE,
        "June",
        "untitled",
        "Slug twin",
        "The field title",
    ]


def test_dates_show_in_their_own_offset(edge: Built) -> None:
    got = {e.title: (e.datetime, e.date) for e in entries(edge.soup("blog/index"))}
    assert got[LATE] == ("2023-12-31T23:30:00-05:00", "Dec 31, 2023")
    assert got[EARLY] == ("2024-01-01T01:00:00+00:00", "Jan 1, 2024")


def test_year_pages_follow_the_shown_date(edge: Built) -> None:
    assert titles(edge.soup("blog/year/2023")) == [LATE, "June"]
    assert titles(edge.soup("blog/year/2024")) == [EARLY]


def test_archive_year_headings_are_unique_and_descending(edge: Built) -> None:
    main = main_of(edge.soup("blog/index"))
    headings = [text_of(h) for h in main.select(".blogarchive-listing > h2")]
    assert headings == sorted(set(headings), reverse=True)
    ids = [tag["id"] for tag in edge.soup("blog/index").find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_title_field_wins_over_the_heading(edge: Built) -> None:
    soup = edge.soup("posts/field-title")
    main = main_of(soup)
    assert [text_of(h).rstrip("¶ ") for h in main.find_all("h1")] == ["The field title"]
    assert [text_of(h).rstrip("¶ ") for h in main.find_all("h2")] == ["The heading title"]
    assert soup.title.get_text().startswith("The field title")


def test_post_without_any_title(edge: Built) -> None:
    main = main_of(edge.soup("posts/untitled"))
    assert [text_of(h).rstrip("¶ ") for h in main.find_all("h1")] == ["untitled"]
    assert "Just text" in text_of(main)


def test_duplicate_slug_belongs_to_the_first_docname(edge: Built) -> None:
    [para] = [p for p in main_of(edge.soup("index")).find_all("p") if "By slug" in text_of(p)]
    [link] = para.find_all("a")
    assert text_of(link) == "The field title"
    assert resolve_href(edge.path("index"), link["href"]) == edge.path("posts/field-title")


def test_dated_page_outside_the_pattern_is_not_a_post(edge: Built) -> None:
    assert "About" not in titles(edge.soup("blog/index"))
    assert not edge.path("blog/tag/about").exists()
    assert main_of(edge.soup("pages/about")).select_one(".blogarchive-post-header") is None
