"""The archive and indexes as documents (blog:archive, blog:index), and postlist."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    Built,
    build,
    build_root,
    copy_root,
    index_items,
    main_of,
    resolve_href,
    text_of,
    titles,
    year_groups,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("directives", tmp_path_factory.mktemp("directives"))


def test_no_warnings(site: Built) -> None:
    assert site.warnings() == []


def test_no_generated_twins(site: Built) -> None:
    for twin in ("blog/index.html", "blog/tag/index.html", "blog/year/index.html"):
        assert not (site.outdir / twin).exists(), twin
    for page in ("blog/tag/python", "blog/tag/web", "blog/year/2024", "blog/year/2023"):
        assert site.path(page).is_file(), page


def test_archive_document(site: Built) -> None:
    soup = site.soup("archive")
    assert text_of(main_of(soup).find("h1")).rstrip("¶ ") == "Everything"
    assert year_groups(soup) == [("2024", ["Post c", "Post b"]), ("2023", ["Post a"])]
    for h2 in main_of(soup).select(".blogarchive-listing > h2"):
        target = resolve_href(site.path("archive"), h2.find("a")["href"])
        assert target == site.outdir / f"blog/year/{text_of(h2)}.html"


def test_index_documents(site: Built) -> None:
    assert index_items(site.soup("tags")) == {
        "python": (3, "blog/tag/python.html"),
        "web": (1, "blog/tag/web.html"),
    }
    items = index_items(site.soup("years"))
    assert items == {"2024": (2, "blog/year/2024.html"), "2023": (1, "blog/year/2023.html")}
    assert list(items) == ["2024", "2023"]


def test_page_roles_point_to_the_documents(site: Built) -> None:
    [para] = [p for p in main_of(site.soup("index")).find_all("p") if text_of(p).startswith("See")]
    targets = [resolve_href(site.path("index"), a["href"]).name for a in para.find_all("a")]
    assert targets == ["archive.html", "tags.html", "years.html"]


def test_postlist(site: Built) -> None:
    assert titles(site.soup("index")) == ["Post c", "Post b"]


def test_second_archive_document_is_a_warning(tmp_path: Path) -> None:
    src = copy_root("directives", tmp_path / "src")
    (src / "second.md").write_text(
        "---\norphan: true\n---\n\n# Second\n\n```{blog:archive}\n:replace:\n```\n",
        encoding="utf-8",
    )
    built = build(src, builddir=tmp_path / "_build")
    assert built.warnings() == [
        "second.md: WARNING: 'archive' already holds the archive; this one is an ordinary "
        "listing [blogarchive.directive]"
    ]
    # the first by docname stays the archive the roles link to
    [para] = [p for p in main_of(built.soup("index")).find_all("p") if text_of(p).startswith("See")]
    assert resolve_href(built.path("index"), para.find("a")["href"]).name == "archive.html"
    assert titles(built.soup("second")) == titles(built.soup("archive"))


def test_without_replace_a_directive_only_lists(tmp_path: Path) -> None:
    # A documentation example (an index shown inside a guide page) must not
    # take over the site: without :replace:, the generated page is made and
    # the links lead there.
    src = copy_root("directives", tmp_path / "src")
    for name in ("archive", "tags", "years"):
        path = src / f"{name}.md"
        path.write_text(path.read_text("utf-8").replace(":replace:\n", ""), "utf-8")
    built = build(src, builddir=tmp_path / "_build")
    assert built.warnings() == []
    for page in ("blog/index", "blog/tag/index", "blog/year/index"):
        assert "blogarchive" in built.path(page).read_text("utf-8"), page
    [para] = [p for p in main_of(built.soup("index")).find_all("p") if text_of(p).startswith("See")]
    targets = [resolve_href(built.path("index"), a["href"]) for a in para.find_all("a")]
    assert [t.relative_to(built.outdir).as_posix() for t in targets] == [
        "blog/index.html",
        "blog/tag/index.html",
        "blog/year/index.html",
    ]
    # the directives still list
    assert year_groups(built.soup("archive")) == year_groups(built.soup("blog/index"))
    assert index_items(built.soup("years")) == {
        "2024": (2, "blog/year/2024.html"),
        "2023": (1, "blog/year/2023.html"),
    }


def test_a_document_at_the_generated_name_needs_no_option(tmp_path: Path) -> None:
    src = copy_root("directives", tmp_path / "src")
    (src / "blog" / "year").mkdir(parents=True)
    (src / "blog" / "year" / "index.md").write_text(
        "---\norphan: true\n---\n\n# My years\n\n```{blog:index} years\n```\n", "utf-8"
    )
    years = src / "years.md"
    years.write_text(years.read_text("utf-8").replace(":replace:\n", ""), "utf-8")
    built = build(src, builddir=tmp_path / "_build")
    assert built.warnings() == []
    assert text_of(main_of(built.soup("blog/year/index")).find("h1")).rstrip("¶ ") == "My years"
    [para] = [p for p in main_of(built.soup("index")).find_all("p") if text_of(p).startswith("See")]
    last = resolve_href(built.path("index"), para.find_all("a")[-1]["href"])
    assert last == built.path("blog/year/index")
