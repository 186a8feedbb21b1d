"""The handed cases (``tests/roots/test-case-*``, copied from shared/cases).

Each test asserts the "Expected behaviour" of its CASE.md, without the feed
parts (feeds are a later issue). Cases 21 and 23 are in test_incremental.py,
24 in test_parallel.py, 26 in test_builders.py.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    ROOTS,
    Built,
    blog_pages,
    broken_links,
    build,
    build_root,
    copy_root,
    entries,
    index_items,
    main_of,
    old_myst_crashes_on_impossible_dates,
    rel_links,
    resolve_href,
    searchable,
    text_of,
    titles,
    tree_state,
)

CASES = {p.name.split("-")[2]: p.name.removeprefix("test-") for p in ROOTS.glob("test-case-*")}

Cases = Callable[..., Built]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Cases:
    """``cases("07", **build options)``: the build of a case root, made once per module."""
    cache: dict[str, Built] = {}

    def get(number: str, **kwargs: Any) -> Built:
        key = f"{number}-{sorted(kwargs.items())!r}"
        if key not in cache:
            dest = tmp_path_factory.mktemp(f"case-{number}")
            cache[key] = build_root(CASES[number], dest, **kwargs)
        return cache[key]

    return get


def header(built: Built, docname: str) -> Any:
    node = main_of(built.soup(docname)).select_one(".blogarchive-post-header")
    assert node is not None
    return node


def header_tags(built: Built, docname: str) -> list[str]:
    return [text_of(li) for li in header(built, docname).select("ul.blogarchive-tags > li")]


@pytest.fixture
def timezone() -> Iterator[Callable[[str], None]]:
    """Set the process time zone (``TZ`` + ``time.tzset()``); restored afterwards."""
    saved = os.environ.get("TZ")

    def set_tz(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_tz
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


# --------------------------------------------------------------------------
# 01 naive/aware date mix


def test_case_01_mixed_dates(cases: Cases) -> None:
    built = cases("01")
    assert built.warnings() == []
    got = [(e.title, e.datetime) for e in entries(built.soup("blog/index"))]
    assert got == [
        ("Field list date", "2024-03-04"),
        ("Naive time", "2024-03-03T18:00:00+00:00"),
        ("Offset time", "2024-03-02T09:30:00+02:00"),
        ("Plain date", "2024-03-01"),
    ]
    assert titles(built.soup("blog/tag/dates")) == [title for title, _ in got]
    assert header(built, "posts/offset-time").find("time")["datetime"] == (
        "2024-03-02T09:30:00+02:00"
    )


# --------------------------------------------------------------------------
# 01 and 03: the build machine's time zone does not change the output


@pytest.mark.parametrize(
    ("number", "zones"),
    [
        ("01", ("Pacific/Auckland", "America/Denver")),
        ("03", ("Europe/Berlin", "America/Los_Angeles")),
    ],
)
def test_case_01_03_output_does_not_depend_on_tz(
    number: str, zones: tuple[str, str], tmp_path: Path, timezone: Callable[[str], None]
) -> None:
    outputs = []
    for zone in zones:
        timezone(zone)
        built = build_root(CASES[number], tmp_path / zone.replace("/", "-"))
        assert built.warnings() == []
        outputs.append(built)
    first, second = outputs
    pages = blog_pages(first.outdir) + sorted(
        p.relative_to(first.outdir).as_posix() for p in (first.outdir / "posts").glob("*.html")
    )
    assert blog_pages(second.outdir) == blog_pages(first.outdir)
    for page in pages:
        assert (first.outdir / page).read_text(encoding="utf-8") == (
            second.outdir / page
        ).read_text(encoding="utf-8"), page
    if number == "03":
        # every place that shows the date shows 5 May 2022
        for built in outputs:
            for page in ("blog/index", "blog/year/2022", "blog/tag/feeds"):
                [entry] = entries(built.soup(page))
                assert (entry.datetime, entry.date) == ("2022-05-05", "May 5, 2022")
            time_node = header(built, "posts/may-fifth").find("time")
            assert (time_node["datetime"], text_of(time_node)) == ("2022-05-05", "May 5, 2022")
            assert not (built.outdir / "blog/year/2021.html").exists()


# --------------------------------------------------------------------------
# 04 date-only value with a format that has a time


def test_case_04_date_only_with_a_time_format(cases: Cases) -> None:
    built = cases("04")
    assert built.warnings() == []
    got = {e.title: e.date for e in entries(built.soup("blog/index"))}
    assert got == {"Date and time": "29 March 2024, 14:05", "Only a date": "28 March 2024"}
    assert text_of(header(built, "posts/only-date").find("time")) == "28 March 2024"
    assert text_of(header(built, "posts/with-time").find("time")) == "29 March 2024, 14:05"
    assert "00:00" not in text_of(main_of(built.soup("posts/only-date")))


# --------------------------------------------------------------------------
# 06 same-day ties


@pytest.mark.parametrize("parallel", [0, 2])
def test_case_06_same_day_order(cases: Cases, parallel: int) -> None:
    built = cases("06", parallel=parallel)
    assert built.warnings() == []
    expected = [
        "Timed notes",  # 08:00
        "Morning notes",  # date only: 00:00, then by docname
        "Afternoon notes",
        "Evening notes",
        "The day before",
    ]
    for page in ("blog/index", "blog/tag/diary", "blog/year/2024"):
        assert titles(built.soup(page)) == expected, page
    assert rel_links(built.soup("posts/a-morning")) == {
        "prev": "b-afternoon.html",
        "next": "d-timed.html",
    }


# --------------------------------------------------------------------------
# 07 multi-word and slash tags


def test_case_07_multiword_and_slash_tags(cases: Cases) -> None:
    built = cases("07")
    assert built.warnings() == []
    assert index_items(built.soup("blog/tag/index")) == {
        "AC/DC": (2, "ac-dc.html"),
        "open source": (3, "open-source.html"),
        "padded tag": (1, "padded-tag.html"),
    }
    tag_dir = built.outdir / "blog/tag"
    assert sorted(p.name for p in tag_dir.iterdir()) == [
        "ac-dc.html",
        "index.html",
        "open-source.html",
        "padded-tag.html",
    ]
    assert titles(built.soup("blog/tag/open-source")) == [
        "Field list tags",
        "More open source",
        "Music and code",
    ]
    assert titles(built.soup("blog/tag/ac-dc")) == ["Field list tags", "Music and code"]
    assert header_tags(built, "posts/music") == ["open source", "AC/DC", "padded tag"]
    assert header_tags(built, "posts/spaced") == ["open source", "AC/DC"]
    for page in ("posts/music", "posts/spaced", "blog/tag/index"):
        for a in main_of(built.soup(page)).find_all("a", href=True):
            assert " " not in a["href"]
            assert "%20" not in a["href"]
    assert broken_links(built.outdir) == []


# --------------------------------------------------------------------------
# 08 tags differing in case


def test_case_08_one_tag_for_all_cases(cases: Cases) -> None:
    built = cases("08")
    assert built.warnings() == []
    assert index_items(built.soup("blog/tag/index")) == {"Python": (3, "python.html")}
    soup = built.soup("blog/tag/python")
    assert "Python" in text_of(main_of(soup).find("h1"))
    assert titles(soup) == ["Third snake post", "Second snake post", "First snake post"]
    for docname in ("posts/one", "posts/two", "posts/three"):
        [link] = header(built, docname).select("a.blogarchive-tag")
        assert resolve_href(built.path(docname), link["href"]) == built.outdir / (
            "blog/tag/python.html"
        )
    assert broken_links(built.outdir) == []


def test_case_08_display_name_is_the_same_on_every_page(cases: Cases) -> None:
    built = cases("08")
    for docname in ("posts/one", "posts/two", "posts/three"):
        assert header_tags(built, docname) == ["Python"], docname


# --------------------------------------------------------------------------
# 10 non-ASCII and symbol-only tags


def test_case_10_non_ascii_slugs(cases: Cases) -> None:
    built = cases("10")
    assert built.warnings() == []
    items = index_items(built.soup("blog/tag/index"))
    assert sorted(items) == sorted(["数据库", "Café", "cafe", "+++"])
    assert all(count == 1 for count, _ in items.values())
    targets = set()
    for name, (_count, href) in items.items():
        assert href.isascii(), (name, href)  # percent-encoded
        target = resolve_href(built.path("blog/tag/index"), href)
        assert target.is_file(), name
        assert target.stem  # never an empty slug
        assert name in text_of(main_of(built.soup(f"blog/tag/{target.stem}")).find("h1"))
        targets.add(target)
    assert len(targets) == 4  # "Café" and "cafe" do not overwrite each other
    assert (built.outdir / "blog/tag/数据库.html").is_file()
    assert index_items(built.soup("blog/category/index")) == {
        "ニュース": (1, "%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9.html")
    }
    assert titles(built.soup("blog/category/ニュース")) == ["数据库笔记"]
    assert "数据库笔记" in titles(built.soup("blog/index"))
    assert broken_links(built.outdir) == []


# --------------------------------------------------------------------------
# 12 escaping of titles (the HTML part; feeds are a later issue)

TIPS = "Tips & Tricks: <br> vs <hr>"
ENTITY = "Dash&ndash;style \"quotes\" and 'apostrophes'"
MARKUP = "Using <div> safely"


def test_case_12_titles_escaped_once(cases: Cases) -> None:
    built = cases("12")
    assert built.warnings() == []
    archive = built.soup("blog/index")
    assert titles(archive) == [MARKUP, ENTITY, TIPS]
    assert text_of(main_of(archive).find("h1")) == "Notes & Queries"
    assert archive.title.get_text().startswith("Notes & Queries")
    [tips] = [e for e in entries(archive) if e.title == TIPS]
    assert tips.subtitle == "Notes from R&D"
    for page in ("blog/index", "blog/tag/escaping", "blog/year/2024", "posts/tips"):
        main = main_of(built.soup(page))
        assert main.find(["br", "hr"]) is None, page  # never raw markup
        raw = built.path(page).read_text(encoding="utf-8")
        assert "&amp;amp;" not in raw
        assert "&amp;lt;" not in raw
        assert "&amp;ndash;" in raw or page == "posts/tips"
    post = built.soup("posts/tips")
    assert text_of(main_of(post).find("h1")).rstrip("¶ ") == TIPS
    assert post.title.get_text().startswith(TIPS)
    assert text_of(header(built, "posts/tips").select_one(".blogarchive-subtitle")) == (
        "Notes from R&D"
    )
    assert [text_of(a) for a in header(built, "posts/tips").select("a.blogarchive-author")] == [
        "R&D Team"
    ]
    assert "R&D Team" in text_of(main_of(built.soup("blog/author/r-and-d-team")).find("h1"))
    assert text_of(main_of(built.soup("posts/entity")).find("h1")).rstrip("¶ ") == ENTITY


# --------------------------------------------------------------------------
# 16 drafts leak into tags


def test_case_16_drafts_do_not_leak(cases: Cases) -> None:
    built = cases("16")
    assert built.warnings() == []
    assert index_items(built.soup("blog/tag/index")) == {"python": (2, "python.html")}
    # the only category is the draft's: no category index is made at all
    assert not built.path("blog/category/index").exists()
    assert index_items(built.soup("blog/year/index")) == {"2024": (2, "2024.html")}
    for page in blog_pages(built.outdir):
        text = text_of(main_of(built.soup(page.removesuffix(".html"))))
        for word in ("launch-plans", "internal", "Secret plans"):
            assert word not in text, (page, word)
    assert rel_links(built.soup("posts/published")) == {
        "prev": None,
        "next": "also-published.html",
    }
    assert rel_links(built.soup("posts/also-published")) == {
        "prev": "published.html",
        "next": None,
    }
    assert "posts/secret" not in searchable(built.outdir)
    assert broken_links(built.outdir) == []


def test_case_16_include_drafts(cases: Cases) -> None:
    built = cases("16", confoverrides={"blogarchive_include_drafts": True})
    assert built.warnings() == []
    assert titles(built.soup("blog/index")) == ["Published two", "Secret plans", "Published one"]
    assert index_items(built.soup("blog/tag/index")) == {
        "launch-plans": (1, "launch-plans.html"),
        "python": (3, "python.html"),
    }
    assert titles(built.soup("blog/category/internal")) == ["Secret plans"]
    [secret] = [
        li
        for li in main_of(built.soup("blog/index")).select("li.blogarchive-entry")
        if "Secret plans" in text_of(li)
    ]
    assert "Draft" in text_of(secret)
    assert "Draft" in text_of(header(built, "posts/secret"))


# --------------------------------------------------------------------------
# 17 posts without a date


def test_case_17_posts_without_a_date(cases: Cases) -> None:
    built = cases("17")
    assert sorted(built.warnings()) == [
        "posts/empty-date.md:3: WARNING: post has no date; the post is not listed "
        "[blogarchive.date]",
        "posts/no-date.md:1: WARNING: post has no date; the post is not listed [blogarchive.date]",
        "posts/undated-fieldlist.rst:1: WARNING: post has no date; the post is not listed "
        "[blogarchive.date]",
    ]
    assert titles(built.soup("blog/index")) == ["Dated post"]
    assert index_items(built.soup("blog/tag/index")) == {"shared": (1, "shared.html")}
    assert titles(built.soup("blog/tag/shared")) == ["Dated post"]
    assert not (built.outdir / "blog/tag/newtag.html").exists()
    # their pages build and show their tags, without links to pages that do not exist
    assert header_tags(built, "posts/no-date") == ["newtag", "shared"]
    assert header_tags(built, "posts/undated-fieldlist") == ["shared"]
    assert broken_links(built.outdir) == []
    assert "blogarchive: listed 1; drafts 0, scheduled 0, undated 3; no metadata 0" in (
        built.status
    )


# --------------------------------------------------------------------------
# 18 front matter date types


@old_myst_crashes_on_impossible_dates
def test_case_18_front_matter_date_types(cases: Cases) -> None:
    built = cases("18")
    ours = [w for w in built.warnings() if "[blogarchive" in w]
    assert ours == [
        "posts/bad-date.md:3: WARNING: invalid date '2024-02-30': day is out of range for "
        "month; the post is not listed [blogarchive.date]",
        "posts/bad-date-unquoted.md:3: WARNING: invalid date '2024-02-30': day is out of range "
        "for month; the post is not listed [blogarchive.date]",
    ]
    # MyST itself reports the unquoted impossible date: its YAML loader fails
    others = [w for w in built.warnings() if "[blogarchive" not in w]
    assert others == ["posts/bad-date-unquoted.md:1: WARNING: Malformed YAML [myst.topmatter]"]
    got = [(e.title, e.datetime) for e in entries(built.soup("blog/index"))]
    assert got == [
        ("Field list date", "2024-02-14"),
        ("Human date", "2024-02-13"),
        ("Unquoted datetime", "2024-02-12T10:00:00+00:00"),
        ("Quoted date", "2024-02-11"),
        ("Unquoted date", "2024-02-10"),
    ]
    for docname in ("posts/bad-date", "posts/bad-date-unquoted"):
        assert main_of(built.soup(docname)).find("h1") is not None
    assert header_tags(built, "posts/bad-date-unquoted") == ["yaml"]
    assert "blogarchive: listed 5; drafts 0, scheduled 0, undated 2; no metadata 0" in (
        built.status
    )


# --------------------------------------------------------------------------
# 20 nothing is written into the source folder


def test_case_20_source_tree_unchanged(tmp_path: Path) -> None:
    src = copy_root(CASES["20"], tmp_path / "src")
    before = tree_state(src)
    first = build(src, builddir=tmp_path / "_build")
    assert first.warnings() == []
    assert tree_state(src) == before
    second = build(src, builddir=tmp_path / "_build")
    assert second.warnings() == []
    assert tree_state(src) == before
    assert titles(second.soup("blog/tag/loop")) == ["Loop two", "Loop one"]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_case_20_autobuild_does_not_loop(tmp_path: Path) -> None:
    """sphinx-autobuild: idle after its first build; one touch gives one rebuild."""
    import subprocess
    import sys

    pytest.importorskip("sphinx_autobuild")
    src = copy_root(CASES["20"], tmp_path / "src")
    log = tmp_path / "autobuild.log"
    command = [sys.executable, "-m", "sphinx_autobuild", str(src), str(tmp_path / "out")]
    command += ["--host", "127.0.0.1", "--port", str(free_port())]

    def builds() -> int:
        return log.read_text(encoding="utf-8", errors="replace").count("Running Sphinx")

    def wait_for(count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while builds() < count and time.monotonic() < deadline:
            time.sleep(0.2)

    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(1, 60)
        deadline = time.monotonic() + 60
        while "Serving on" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(8)  # idle: no rebuild without an edit
        assert builds() == 1, log.read_text(encoding="utf-8")
        (src / "posts/one.md").touch()
        wait_for(2, 30)
        time.sleep(8)  # and then idle again
        assert builds() == 2, log.read_text(encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert "WARNING" not in log.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# 29 a generated page never replaces a user's page


def test_case_29_user_page_wins(cases: Cases) -> None:
    built = cases("29")
    assert built.warnings() == [
        "blog/index.md: WARNING: the archive is not generated at 'blog/index': 'blog/index' "
        "already uses that name [blogarchive.collision]"
    ]
    user = main_of(built.soup("blog/index"))
    assert text_of(user.find("h1")).rstrip("¶ ") == "My blog"
    assert "hand-written landing page" in text_of(user)
    # a tag called "index" does not replace the tags index
    tags = built.soup("blog/tag/index")
    assert text_of(main_of(tags).find("h1")) == "Tags"
    items = index_items(tags)
    assert sorted(items) == ["index", "misc"]
    target = resolve_href(built.path("blog/tag/index"), items["index"][1])
    assert target != built.path("blog/tag/index")
    tag_page = target.relative_to(built.outdir).as_posix().removesuffix(".html")
    assert titles(built.soup(tag_page)) == ["One"]
    assert header_tags(built, "posts/one") == ["index"]
    [link] = header(built, "posts/one").select("a.blogarchive-tag")
    assert resolve_href(built.path("posts/one"), link["href"]) == target
    assert broken_links(built.outdir) == []


# --------------------------------------------------------------------------
# 30 cross-references with explicit titles, renamed posts


def test_case_30_post_references(cases: Cases) -> None:
    built = cases("30")
    assert built.warnings() == [
        "index.md:14: WARNING: {blog:post} target 'posts/old-name' is not a post [blogarchive.ref]"
    ]
    main = main_of(built.soup("index"))

    def para(start: str) -> Any:
        [found] = [p for p in main.find_all("p") if text_of(p).startswith(start)]
        return found

    def links(start: str) -> list[tuple[str, str]]:
        return [
            (text_of(a), resolve_href(built.path("index"), a["href"]).name)
            for a in para(start).find_all("a")
        ]

    assert links("See") == [("My first post", "first-post.html")] * 2
    assert links("Also") == [
        ("the first one", "first-post.html"),
        ("My first post", "first-post.html"),
    ]
    assert links("Explicit text") == [("Read the first one", "first-post.html")]
    stale = para("Stale")
    assert stale.find("a") is None
    assert text_of(stale) == "Stale: posts/old-name ."
