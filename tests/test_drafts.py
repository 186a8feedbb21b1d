"""Drafts and future posts: left out of every listing, their pages marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    Built,
    blog_pages,
    build,
    build_root,
    copy_root,
    index_items,
    main_of,
    normalised_page,
    rel_links,
    resolve_href,
    search_index,
    searchable,
    text_of,
    titles,
)

JUNE_2025 = "1748736000"  # 2025-06-01T00:00:00Z: posts/scheduled.md is in the future
OCTOBER_2025 = "1759276800"  # 2025-10-01T00:00:00Z: it is not any more

HIDDEN_WORDS = [
    "Secret plans",
    "launch-plans",
    "internal",
    "Ghost Writer",
    "An old draft",
    "2019",
    "Scheduled post",
    "upcoming",
]


def build_at(epoch: str, name: str, tmp_path_factory: pytest.TempPathFactory, **kw) -> Built:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", epoch)
        return build_root("drafts", tmp_path_factory.mktemp(name), **kw)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_at(JUNE_2025, "drafts", tmp_path_factory)


@pytest.fixture(scope="module")
def with_drafts(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_at(
        JUNE_2025,
        "with-drafts",
        tmp_path_factory,
        confoverrides={"blogarchive_include_drafts": True},
    )


def test_no_warnings(drafts: Built, with_drafts: Built) -> None:
    assert drafts.warnings() == []
    assert with_drafts.warnings() == []


def test_summary_line(drafts: Built, with_drafts: Built) -> None:
    assert "blogarchive: listed 2; drafts 2, scheduled 1, undated 0; no metadata 0" in (
        drafts.status
    )
    assert "blogarchive: listed 4; drafts 0, scheduled 1, undated 0; no metadata 0" in (
        with_drafts.status
    )


def test_hidden_posts_are_in_no_listing(drafts: Built) -> None:
    assert titles(drafts.soup("blog/index")) == ["Published two", "Published one"]
    assert blog_pages(drafts.outdir) == [
        "blog/author/alice.html",
        "blog/author/index.html",
        "blog/category/general.html",
        "blog/category/index.html",
        "blog/index.html",
        "blog/tag/index.html",
        "blog/tag/python.html",
        "blog/year/2025.html",
        "blog/year/index.html",
    ]
    assert index_items(drafts.soup("blog/tag/index")) == {"python": (2, "python.html")}
    assert index_items(drafts.soup("blog/category/index")) == {"general": (2, "general.html")}
    assert index_items(drafts.soup("blog/author/index")) == {"Alice": (2, "alice.html")}
    assert index_items(drafts.soup("blog/year/index")) == {"2025": (2, "2025.html")}
    for page in ("blog/tag/python", "blog/category/general", "blog/author/alice", "blog/year/2025"):
        assert titles(drafts.soup(page)) == ["Published two", "Published one"]
    for page in blog_pages(drafts.outdir):
        text = text_of(main_of(drafts.soup(page[: -len(".html")])))
        for word in HIDDEN_WORDS:
            assert word not in text, (page, word)


def test_prev_next_skip_hidden_posts(drafts: Built) -> None:
    assert rel_links(drafts.soup("posts/pub-one")) == {"prev": None, "next": "pub-two.html"}
    assert rel_links(drafts.soup("posts/pub-two")) == {"prev": "pub-one.html", "next": None}
    for docname in ("posts/secret", "posts/old-draft", "posts/scheduled"):
        assert rel_links(drafts.soup(docname)) == {"prev": None, "next": None}


@pytest.mark.parametrize("docname", ["posts/secret", "posts/old-draft"])
def test_draft_page(drafts: Built, docname: str) -> None:
    soup = drafts.soup(docname)
    banner = main_of(soup).select_one(".blogarchive-status")
    assert banner is not None
    assert "Draft" in text_of(banner)
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
    # its tags are shown, but no link points to a page that was not made
    header = main_of(soup).select_one(".blogarchive-post-header")
    assert "python" in text_of(header)
    for a in header.find_all("a"):
        assert resolve_href(drafts.path(docname), a["href"]).is_file(), a


def test_drafts_are_not_searchable(drafts: Built) -> None:
    found = searchable(drafts.outdir)
    assert found["posts/pub-one"] == "Published one"
    assert found["posts/pub-two"] == "Published two"
    assert "posts/secret" not in found
    assert "posts/old-draft" not in found
    text = (drafts.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "findabl" in text  # words of published posts are indexed (stemmed) ...
    assert "zanzibarword" not in text  # ... those of a draft are not
    assert "Secret plans" not in text


def test_a_scheduled_post_is_searchable_from_its_date_on(
    drafts: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "posts/scheduled" not in searchable(drafts.outdir)
    assert "soon" not in search_index(drafts.outdir)["terms"]
    # The next build after its date, with no source changed, indexes it ...
    src = copy_root("drafts", tmp_path / "src")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_2025)
    build(src, builddir=tmp_path / "_build")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", OCTOBER_2025)
    due = build(src, builddir=tmp_path / "_build")
    assert searchable(due.outdir)["posts/scheduled"] == "Scheduled post"
    assert "soon" in search_index(due.outdir)["terms"]
    # ... as a fresh build then does.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", OCTOBER_2025)
    fresh = build(copy_root("drafts", tmp_path / "fresh"))
    assert search_index(fresh.outdir) == search_index(due.outdir)


def test_scheduled_page(drafts: Built) -> None:
    soup = drafts.soup("posts/scheduled")
    banner = main_of(soup).select_one(".blogarchive-status")
    assert banner is not None
    assert "Scheduled" in text_of(banner)
    assert soup.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None


def test_published_pages_are_indexable(drafts: Built) -> None:
    for docname in ("posts/pub-one", "posts/pub-two"):
        soup = drafts.soup(docname)
        assert soup.find("meta", attrs={"name": "robots"}) is None
        assert main_of(soup).select_one(".blogarchive-status") is None


def test_include_drafts_lists_them(with_drafts: Built) -> None:
    assert titles(with_drafts.soup("blog/index")) == [
        "Published two",
        "Secret plans",
        "Published one",
        "An old draft",
    ]
    assert index_items(with_drafts.soup("blog/tag/index")) == {
        "launch-plans": (1, "launch-plans.html"),
        "python": (4, "python.html"),
    }
    assert titles(with_drafts.soup("blog/year/2019")) == ["An old draft"]
    assert titles(with_drafts.soup("blog/category/internal")) == ["Secret plans"]
    assert rel_links(with_drafts.soup("posts/secret")) == {
        "prev": "pub-one.html",
        "next": "pub-two.html",
    }
    # the scheduled post stays out
    assert not (with_drafts.outdir / "blog/tag/upcoming.html").exists()


def test_include_drafts_marks_them(with_drafts: Built) -> None:
    archive = main_of(with_drafts.soup("blog/index"))
    for li in archive.select("li.blogarchive-entry"):
        marked = "Draft" in text_of(li)
        assert marked == (text_of(li.find("a")) in ("Secret plans", "An old draft")), li
    banner = main_of(with_drafts.soup("posts/secret")).select_one(".blogarchive-status")
    assert banner is not None
    assert "Draft" in text_of(banner)


def test_future_post_comes_back_when_the_epoch_moves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = copy_root("drafts", tmp_path / "src")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_2025)
    first = build(src, builddir=tmp_path / "inc")
    assert titles(first.soup("blog/index")) == ["Published two", "Published one"]

    # same sources, later "now": an incremental build lists the post
    monkeypatch.setenv("SOURCE_DATE_EPOCH", OCTOBER_2025)
    later = build(src, builddir=tmp_path / "inc")
    assert later.warnings() == []
    assert titles(later.soup("blog/index")) == ["Scheduled post", "Published two", "Published one"]
    assert titles(later.soup("blog/tag/upcoming")) == ["Scheduled post"]
    assert rel_links(later.soup("posts/pub-two")) == {
        "prev": "pub-one.html",
        "next": "scheduled.html",
    }
    soup = later.soup("posts/scheduled")
    assert main_of(soup).select_one(".blogarchive-status") is None
    assert soup.find("meta", attrs={"name": "robots"}) is None
    assert "blogarchive: listed 3; drafts 2, scheduled 0, undated 0; no metadata 0" in (
        later.status
    )

    # and equals a fresh build at that time
    fresh = build(src, builddir=tmp_path / "fresh")
    assert fresh.warnings() == []
    assert blog_pages(later.outdir) == blog_pages(fresh.outdir)
    for page in blog_pages(fresh.outdir) + [
        f"posts/{n}.html" for n in ("pub-one", "pub-two", "scheduled")
    ]:
        assert normalised_page(later.outdir / page) == normalised_page(fresh.outdir / page), page


def test_an_empty_draft_field_is_a_draft_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_blogarchive"]\n')
    (src / "index.md").write_text("# Blog\n")
    (src / "posts/empty-myst.md").write_text("---\ndate: 2024-01-01\ndraft:\n---\n# Empty MyST\n")
    (src / "posts/empty-rst.rst").write_text(
        ":date: 2024-01-02\n:draft:\n\n=========\nEmpty rST\n=========\n"
    )
    (src / "posts/published.md").write_text("---\ndate: 2024-01-03\n---\n# Published\n")
    built = build(src, builddir=tmp_path / "_build")
    assert built.warnings() == [
        "posts/empty-myst.md:3: WARNING: 'draft' should be true or false, not an empty value; "
        "treated as a draft [blogarchive.metadata]",
        "posts/empty-rst.rst:2: WARNING: 'draft' should be true or false, not an empty value; "
        "treated as a draft [blogarchive.metadata]",
    ]
    assert titles(built.soup("blog/index")) == ["Published"]
