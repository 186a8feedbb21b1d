"""The year and month of a post written with a UTC offset, with and without a blog time zone."""

from __future__ import annotations

from pathlib import Path

from feedcheck import check_all
from helpers import Built, build_root, main_of, titles

BASE = "https://example.org/"


def header_time(built: Built, docname: str) -> tuple[str, str]:
    node = main_of(built.soup(docname)).select_one(".blogarchive-post-header time")
    return node["datetime"], " ".join(node.get_text().split())


def test_without_a_time_zone_the_written_offset_decides(tmp_path: Path) -> None:
    built = build_root("timezone", tmp_path)
    assert built.warnings() == []
    assert header_time(built, "posts/new-year") == ("2024-12-31T23:30:00-05:00", "Dec 31, 2024")
    assert titles(built.soup("blog/year/2024")) == ["New Year in New York", "A summer day"]
    assert not built.path("blog/year/2025").exists()
    assert titles(built.soup("blog/year/2024/12")) == ["New Year in New York"]
    parsed = check_all(built.outdir, BASE)
    assert parsed["blog/atom.xml"].entries[0].published == "2024-12-31T23:30:00-05:00"


def test_the_blog_time_zone_decides_everywhere(tmp_path: Path) -> None:
    built = build_root(
        "timezone", tmp_path, confoverrides={"blogarchive_timezone": "Europe/Berlin"}
    )
    assert built.warnings() == []
    # 23:30 in New York is 05:30 the next morning in Berlin
    assert header_time(built, "posts/new-year") == ("2025-01-01T05:30:00+01:00", "Jan 1, 2025")
    assert titles(built.soup("blog/year/2025")) == ["New Year in New York"]
    assert titles(built.soup("blog/year/2024")) == ["A summer day"]
    assert titles(built.soup("blog/year/2025/01")) == ["New Year in New York"]
    assert not built.path("blog/year/2024/12").exists()
    parsed = check_all(built.outdir, BASE)
    for feed in ("blog/atom.xml", "blog/feed.json"):
        assert parsed[feed].entries[0].published == "2025-01-01T05:30:00+01:00", feed
    assert parsed["blog/rss.xml"].entries[0].published == "Wed, 01 Jan 2025 05:30:00 +0100"
