"""One build of the ``basic`` root: archive, indexes, term pages, post pages."""

from __future__ import annotations

import pytest
from helpers import (
    Built,
    build_root,
    entries,
    index_items,
    main_of,
    rel_links,
    resolve_href,
    searchable,
    text_of,
    titles,
    year_groups,
)

HEADLESS_WARNINGS = [
    "posts/2024/headless.md:8: WARNING: Document headings start at H2, not H1 [myst.header]",
    "posts/2024/headless.md:12: WARNING: Document headings start at H2, not H1 [myst.header]",
]


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("basic", tmp_path_factory.mktemp("basic"))


def test_warnings(basic: Built) -> None:
    # MyST warns about the post whose body starts at "##" (it parses before the
    # extension supplies the <h1>); nothing else warns, posts need no toctree.
    assert basic.warnings() == HEADLESS_WARNINGS


def test_headless_post_warning_is_mysts_and_suppressible(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # The documented answer to MyST's own "headings start at H2" warning for a
    # post whose body starts at "##": suppress myst.header; the extension still
    # supplies the <h1> from the title field, and nothing else warns.
    built = build_root(
        "basic",
        tmp_path_factory.mktemp("basic-suppressed"),
        confoverrides={"suppress_warnings": ["myst.header"]},
    )
    assert built.warnings() == []
    main = main_of(built.soup("posts/2024/headless"))
    assert [text_of(h).rstrip("¶ ") for h in main.find_all("h1")] == ["A post without a heading"]


def test_summary_line(basic: Built) -> None:
    assert "blogarchive: listed 6; not listed: drafts 0, scheduled 0, undated 0; pages without post metadata 0" in (
        basic.status
    )


def test_extension_metadata(basic: Built) -> None:
    ext = basic.app.extensions["sphinx_blogarchive"]
    assert ext.parallel_read_safe is True
    assert ext.parallel_write_safe is True
    assert isinstance(basic.app.registry.get_envversion(basic.app)["sphinx_blogarchive"], int)


def test_archive_newest_first_by_year(basic: Built) -> None:
    soup = basic.soup("blog/index")
    assert year_groups(soup) == [
        ("2025", ["The latest post"]),
        # same day: ties broken by docname (tie-a before tie-b)
        ("2024", ["Tie A", "Tie B", "A post without a heading"]),
        ("2023", ["Winter notes", "First light"]),
    ]
    assert text_of(main_of(soup).find("h1")) == "Basic blog"
    assert soup.title.get_text().startswith("Basic blog")


def test_archive_entries(basic: Built) -> None:
    page = basic.path("blog/index")
    got = {e.title: e for e in entries(basic.soup("blog/index"))}
    assert got["The latest post"].subtitle == "Newest of all"
    assert got["The latest post"].datetime == "2025-01-10T09:00:00+01:00"
    assert got["The latest post"].date == "Jan 10, 2025"
    assert got["Winter notes"].subtitle == "Notes from a cold month"  # description alias
    assert got["Tie A"].subtitle is None
    assert got["First light"].datetime == "2023-03-15"
    assert got["First light"].date == "Mar 15, 2023"
    expected = {
        "The latest post": "posts/2025/latest.html",
        "Tie A": "posts/2024/tie-a.html",
        "Tie B": "posts/2024/tie-b.html",
        "A post without a heading": "posts/2024/headless.html",
        "Winter notes": "posts/2023/winter-notes.html",
        "First light": "posts/2023/first-light.html",
    }
    for title, target in expected.items():
        assert resolve_href(page, got[title].href) == basic.outdir / target


def test_archive_year_headings_link_year_pages(basic: Built) -> None:
    page = basic.path("blog/index")
    for h2 in main_of(basic.soup("blog/index")).select("h2"):
        href = h2.find("a")["href"]
        assert resolve_href(page, href) == basic.outdir / f"blog/year/{text_of(h2)}.html"


def test_generated_pages(basic: Built) -> None:
    assert sorted(p.relative_to(basic.outdir).as_posix() for p in basic.outdir.rglob("*.html")) == [
        "blog/author/ada-lovelace.html",
        "blog/author/grace-hopper.html",
        "blog/author/index.html",
        "blog/category/essays.html",
        "blog/category/index.html",
        "blog/category/notes.html",
        "blog/index.html",
        "blog/tag/index.html",
        "blog/tag/python.html",
        "blog/tag/sphinx.html",
        "blog/tag/web.html",
        "blog/year/2023.html",
        "blog/year/2024.html",
        "blog/year/2025.html",
        "blog/year/index.html",
        "genindex.html",
        "index.html",
        "posts/2023/first-light.html",
        "posts/2023/winter-notes.html",
        "posts/2024/headless.html",
        "posts/2024/tie-a.html",
        "posts/2024/tie-b.html",
        "posts/2025/latest.html",
        "search.html",
    ]


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        pytest.param(
            "blog/tag/index",
            {"Python": (3, "python.html"), "Sphinx": (2, "sphinx.html"), "web": (2, "web.html")},
            id="tags",
        ),
        pytest.param(
            "blog/category/index",
            {"Essays": (2, "essays.html"), "Notes": (1, "notes.html")},
            id="categories",
        ),
        pytest.param(
            "blog/author/index",
            {"Ada Lovelace": (2, "ada-lovelace.html"), "Grace Hopper": (2, "grace-hopper.html")},
            id="authors",
        ),
        pytest.param(
            "blog/year/index",
            {"2025": (1, "2025.html"), "2024": (3, "2024.html"), "2023": (2, "2023.html")},
            id="years",
        ),
    ],
)
def test_index_pages(basic: Built, index: str, expected: dict[str, tuple[int, str]]) -> None:
    items = index_items(basic.soup(index))
    assert items == expected
    assert list(items) == list(expected)  # tags etc. by name; years newest first
    for _count, href in items.values():
        assert resolve_href(basic.path(index), href).is_file()


@pytest.mark.parametrize(
    ("page", "heading", "expected"),
    [
        ("blog/tag/python", "Python", ["The latest post", "Winter notes", "First light"]),
        ("blog/tag/sphinx", "Sphinx", ["Tie A", "First light"]),
        ("blog/tag/web", "web", ["Tie A", "A post without a heading"]),
        ("blog/category/essays", "Essays", ["The latest post", "First light"]),
        ("blog/category/notes", "Notes", ["Winter notes"]),
        ("blog/author/ada-lovelace", "Ada Lovelace", ["Winter notes", "First light"]),
        ("blog/author/grace-hopper", "Grace Hopper", ["The latest post", "Winter notes"]),
        ("blog/year/2025", "2025", ["The latest post"]),
        ("blog/year/2024", "2024", ["Tie A", "Tie B", "A post without a heading"]),
        ("blog/year/2023", "2023", ["Winter notes", "First light"]),
    ],
)
def test_term_pages(basic: Built, page: str, heading: str, expected: list[str]) -> None:
    soup = basic.soup(page)
    assert heading in text_of(main_of(soup).find("h1"))
    assert titles(soup) == expected
    for entry in entries(soup):
        assert resolve_href(basic.path(page), entry.href).is_file()


def header_of(basic: Built, docname: str):
    header = main_of(basic.soup(docname)).select_one(".blogarchive-post-header")
    assert header is not None
    return header


def links_in(basic: Built, docname: str, selector: str) -> dict[str, str]:
    """``{text: output path}`` of the links matching *selector* in a post header."""
    page = basic.path(docname)
    return {
        text_of(a): resolve_href(page, a["href"]).relative_to(basic.outdir).as_posix()
        for a in header_of(basic, docname).select(selector)
    }


def test_post_header(basic: Built) -> None:
    header = header_of(basic, "posts/2023/first-light")
    time = header.find("time")
    assert (time["datetime"], text_of(time)) == ("2023-03-15", "Mar 15, 2023")
    assert text_of(header.select_one(".blogarchive-subtitle")) == "Where it all began"
    assert links_in(basic, "posts/2023/first-light", "a.blogarchive-tag") == {
        "Python": "blog/tag/python.html",
        "Sphinx": "blog/tag/sphinx.html",
    }
    assert links_in(basic, "posts/2023/first-light", "a.blogarchive-category") == {
        "Essays": "blog/category/essays.html"
    }
    assert links_in(basic, "posts/2023/first-light", "a.blogarchive-author") == {
        "Ada Lovelace": "blog/author/ada-lovelace.html"
    }


def test_post_header_other_spellings(basic: Built) -> None:
    # "python" (a string, lower case) is the tag "Python", shown by its one
    # display name; "description" is shown as the subtitle; an author list
    # gives two links.
    assert links_in(basic, "posts/2023/winter-notes", "a.blogarchive-tag") == {
        "Python": "blog/tag/python.html"
    }
    header = header_of(basic, "posts/2023/winter-notes")
    assert text_of(header.select_one(".blogarchive-subtitle")) == "Notes from a cold month"
    assert links_in(basic, "posts/2023/winter-notes", "a.blogarchive-author") == {
        "Ada Lovelace": "blog/author/ada-lovelace.html",
        "Grace Hopper": "blog/author/grace-hopper.html",
    }
    # a comma-separated string is two tags ("sphinx, Web": shown as "Sphinx", "web")
    assert links_in(basic, "posts/2024/tie-a", "a.blogarchive-tag") == {
        "Sphinx": "blog/tag/sphinx.html",
        "web": "blog/tag/web.html",
    }


def test_post_header_datetime_and_updated(basic: Built) -> None:
    time = header_of(basic, "posts/2025/latest").find("time")
    assert time["datetime"] == "2025-01-10T09:00:00+01:00"
    header = header_of(basic, "posts/2024/headless")
    assert [t["datetime"] for t in header.find_all("time")] == ["2024-02-02", "2024-03-03"]
    assert "Updated" in text_of(header)
    # no subtitle, no tags: nothing rendered for them
    assert header_of(basic, "posts/2024/tie-b").select(".blogarchive-subtitle, a") == []


def test_title_from_field_when_no_heading(basic: Built) -> None:
    soup = basic.soup("posts/2024/headless")
    main = main_of(soup)
    assert [text_of(h).rstrip("¶ ") for h in main.find_all("h1")] == ["A post without a heading"]
    assert soup.title.get_text().startswith("A post without a heading")
    section = main.find("h1").parent
    assert [text_of(h).rstrip("¶ ") for h in section.find_all("h2")] == [
        "First section",
        "Second section",
    ]


def test_title_from_heading(basic: Built) -> None:
    soup = basic.soup("posts/2025/latest")
    assert [text_of(h).rstrip("¶ ") for h in main_of(soup).find_all("h1")] == ["The latest post"]
    assert soup.title.get_text().startswith("The latest post")


PREV_NEXT = {
    "posts/2025/latest": ("../2024/tie-a.html", None),
    "posts/2024/tie-a": ("tie-b.html", "../2025/latest.html"),
    "posts/2024/tie-b": ("headless.html", "tie-a.html"),
    "posts/2024/headless": ("../2023/winter-notes.html", "tie-b.html"),
    "posts/2023/winter-notes": ("first-light.html", "../2024/headless.html"),
    "posts/2023/first-light": (None, "winter-notes.html"),
}


@pytest.mark.parametrize("docname", list(PREV_NEXT))
def test_prev_next_in_date_order(basic: Built, docname: str) -> None:
    soup = basic.soup(docname)
    prev, nxt = PREV_NEXT[docname]
    assert rel_links(soup) == {"prev": prev, "next": nxt}
    # alabaster's "Related Topics" sidebar follows the same chain
    related = soup.select_one("div.relations")
    shown = {
        a["title"]: a["href"]
        for a in related.find_all("a")
        if a.get("title")
        in (
            "previous chapter",
            "next chapter",
        )
    }
    assert shown.get("previous chapter") == prev
    assert shown.get("next chapter") == nxt


def test_posts_are_searchable(basic: Built) -> None:
    docs = set(searchable(basic.outdir))
    assert {
        "posts/2025/latest",
        "posts/2024/tie-a",
        "posts/2024/tie-b",
        "posts/2024/headless",
        "posts/2023/winter-notes",
        "posts/2023/first-light",
    } <= docs
    for docname in PREV_NEXT:
        assert 'name="robots"' not in basic.path(docname).read_text(encoding="utf-8")
