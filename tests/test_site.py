"""The real input: the repository's 42 posts against the vendored seed page.

``tests/data/seed/data-leverage-archive.txt`` is a text dump of the archive
page the blog is modelled on; the test parses it itself and checks that the
generated archive lists exactly those posts, in that order, with those
titles, subtitles and dates.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

import pytest
from helpers import (
    DATA,
    REPO,
    Built,
    assert_no_post_lost,
    build,
    copy_root,
    entries,
    main_of,
    resolve_href,
    text_of,
)

SEED = DATA / "seed" / "data-leverage-archive.txt"
DATE = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}$")
# In three entries the line under the title is the post's first heading, not a subtitle.
BODY_HEADINGS = {"Introduction", "Background", "Mapping a Seaside Village"}
END = "No matching items"  # the archive's filter-box message, not a post


@dataclass(frozen=True)
class SeedPost:
    title: str
    subtitle: str | None
    heading: str | None
    date: str


def parse_seed(text: str) -> list[SeedPost]:
    """Entries of the seed page: after the header, title, [subtitle...], date."""
    lines = [line.strip() for line in text.splitlines()]
    # The header ends with the "." that closes "Archives of blog posts from the
    # Data Leverage Substack ."
    start = lines.index(".") + 1
    assert lines[start - 2] == "Data Leverage Substack"
    posts: list[SeedPost] = []
    pending: list[str] = []
    for line in lines[start:]:
        if line == END:
            break
        if not DATE.match(line):
            pending.append(line)
            continue
        assert pending, f"date {line!r} without a title"
        title, rest = pending[0], pending[1:]
        # a subtitle may wrap onto a second line
        under = " ".join(rest) or None
        heading = under if under in BODY_HEADINGS else None
        posts.append(SeedPost(title, None if heading else under, heading, line))
        pending = []
    else:
        pytest.fail(f"the seed does not end with {END!r}")
    assert not pending, f"lines after the last date: {pending}"
    return posts


SEED_POSTS = parse_seed(SEED.read_text(encoding="utf-8"))


def test_seed_parsing() -> None:
    assert len(SEED_POSTS) == 42
    assert SEED_POSTS[0] == SeedPost(
        "Two natural allies of a “Data Transparency” agenda: capabilities forecasters "
        "and social simulators",
        "Making an “if you like X, you might want to support Y” argument for data-focused policy",
        None,
        "Mar 9, 2026",
    )
    assert SEED_POSTS[-1] == SeedPost(
        "“Data Strikes”: A New Form of Leverage for Tech Users?", None, None, "Sep 3, 2020"
    )
    by_title = {p.title: p for p in SEED_POSTS}
    many = by_title["“Many Models” and “Track Changes” for AI: Some Thoughts on LLM Interfaces"]
    assert many.subtitle == "Interacting with many models and harnessing the power of diff"
    wga = by_title["The WGA Strike is a Canary in the Coal Mine for AI Labor Concerns"]
    assert wga.subtitle == "Could Upcoming Data Legislation Enable a “Right to Data Strike”?"
    assert {p.heading for p in SEED_POSTS if p.heading} == BODY_HEADINGS
    assert sum(p.subtitle is None for p in SEED_POSTS) == 14


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = copy_root("seed", tmp_path_factory.mktemp("seed") / "src")
    shutil.copytree(REPO / "posts", src / "posts")
    return build(src, builddir=src.parent / "_build")


def test_no_warnings(site: Built) -> None:
    assert site.warnings() == []
    assert "blogarchive: listed 42; drafts 0, scheduled 0, undated 0; no metadata 0" in (
        site.status
    )


def test_no_post_lost(site: Built) -> None:
    assert_no_post_lost(site)


def test_archive_lists_the_seed(site: Built) -> None:
    got = [(e.title, e.subtitle, e.date) for e in entries(site.soup("blog/index"))]
    assert got == [(p.title, p.subtitle, p.date) for p in SEED_POSTS]


def test_archive_links_every_post(site: Built) -> None:
    page = site.path("blog/index")
    targets = {resolve_href(page, e.href) for e in entries(site.soup("blog/index"))}
    assert len(targets) == 42
    assert all(t.is_file() for t in targets)


def test_year_groups(site: Built) -> None:
    main = main_of(site.soup("blog/index"))
    years = [text_of(h) for h in main.select(".blogarchive-listing > h2")]
    assert years == ["2026", "2025", "2024", "2023", "2022", "2021", "2020"]
    for year in years:
        expected = [p.title for p in SEED_POSTS if p.date.endswith(year)]
        got = [e.title for e in entries(site.soup(f"blog/year/{year}"))]
        assert got == expected, year


@pytest.mark.parametrize("heading", sorted(BODY_HEADINGS))
def test_body_headings_are_not_subtitles(site: Built, heading: str) -> None:
    [seed] = [p for p in SEED_POSTS if p.heading == heading]
    [entry] = [e for e in entries(site.soup("blog/index")) if e.title == seed.title]
    assert entry.subtitle is None
    page = resolve_href(site.path("blog/index"), entry.href)
    docname = page.relative_to(site.outdir).with_suffix("").as_posix()
    main = main_of(site.soup(docname))
    assert [text_of(h).rstrip("¶ ") for h in main.find_all("h1")] == [seed.title]
    assert heading in [text_of(h).rstrip("¶ ") for h in main.find_all("h2")]
    assert main.select(".blogarchive-subtitle") == []
