"""The book of the blog: ``blog:book`` (issue 6, point 6), on a small root.

On the builders of ``blogarchive_book_builders`` (singlehtml, epub, latex,
man, texinfo) the directive is a hidden toctree of the published posts,
oldest first, so the book holds them in date order; drafts and scheduled
posts stay out. On html and dirhtml it is nothing: no post enters the
navigation, and the pages are those of the same project without the
directive. The toctree stays right when posts are added, deleted, re-dated
or drafted, with ``-j 2``, and when builders share a doctree folder; the
document holding it is read once per build that needs it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from helpers import (
    Built,
    build,
    copy_root,
    main_of,
    normalised_page,
    rel_links,
    soup_of,
    touch,
    write,
)

from sphinx_blogarchive.extension.domain import get_domain

ROOT = "book"
#: The published posts of the root, oldest first.
BOOK = ["posts/first-light", "posts/second-wind", "posts/third-rail", "posts/fourth-estate"]
#: The draft and the scheduled post.
LEFT_OUT = ["posts/unfinished", "posts/from-the-future"]
BOOK_BUILDERS = ["singlehtml", "epub", "latex", "man", "texinfo"]


def post(title: str, date: str, extra: str = "") -> str:
    return f"---\ndate: {date}\n{extra}---\n\n# {title}\n\nBody of {title}.\n"


def only(outdir: Path, pattern: str) -> Path:
    [found] = outdir.glob(pattern)
    return found


def book_order(built: Built) -> list[str]:
    """The documents in the output of a book builder, in the order of the book.

    singlehtml and latex mark where each document starts, texinfo anchors it,
    epub lists the files of the reading order (its spine); man has only the
    headings, which are the documents' titles in capitals.
    """
    out = built.outdir
    name = built.app.builder.name
    if name == "singlehtml":
        text = (out / "index.html").read_text(encoding="utf-8")
        return re.findall(r'id="document-([^"]+)"', text)
    if name == "latex":
        text = only(out, "*.tex").read_text(encoding="utf-8")
        return re.findall(r"\\label\{\\detokenize\{([^}]+)::doc\}\}", text)
    if name == "texinfo":
        text = only(out, "*.texi").read_text(encoding="utf-8")
        return re.findall(r"@anchor\{(\S+) doc\}", text)
    if name == "epub":
        opf = (out / "content.opf").read_text(encoding="utf-8")
        files = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)\.xhtml"', opf))
        return [files[i] for i in re.findall(r'<itemref idref="([^"]+)" />', opf) if i in files]
    if name == "man":
        text = only(out, "*.1").read_text(encoding="utf-8")
        env = built.app.env
        by_heading = {env.titles[d].astext().upper(): d for d in env.found_docs}
        return [by_heading[h] for h in re.findall(r"^\.SH (.+)$", text, re.M) if h in by_heading]
    raise AssertionError(f"no book order for {name}")


def posts_in(order: list[str]) -> list[str]:
    return [d for d in order if d.startswith("posts/")]


def _readers(built: Built) -> list[tuple[str, str]]:
    """``(pid, docname)`` of every document read with this doctree folder so far, in order.

    The root's conf.py notes them; a build that reads nothing adds none.
    """
    text = Path(built.app.doctreedir, "readers.txt").read_text(encoding="utf-8")
    return [(pid, docname) for pid, docname in (line.split() for line in text.splitlines())]


def readings(built: Built) -> list[str]:
    return [docname for _pid, docname in _readers(built)]


def pids(built: Built) -> set[str]:
    return {pid for pid, _docname in _readers(built)}


def book_output(built: Built) -> str:
    """What a fresh and an incremental build must agree on."""
    if built.app.builder.name == "singlehtml":
        return normalised_page(built.outdir / "index.html")
    return only(built.outdir, "*.tex").read_text(encoding="utf-8")


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return copy_root(ROOT, tmp_path / "src")


# --------------------------------------------------------------------------
# The book


@pytest.mark.parametrize("builder", BOOK_BUILDERS)
def test_book_holds_the_published_posts_oldest_first(src: Path, builder: str) -> None:
    built = build(src, buildername=builder)
    assert built.warnings() == []
    assert "blogarchive: listed 4; drafts 1, scheduled 1," in built.status
    order = book_order(built)
    assert posts_in(order) == BOOK
    # the posts come where the directive is: before the page of the toctree below it
    assert order.index(BOOK[-1]) < order.index("about")
    # the entries are the posts of the archive, and none of the left-out ones
    toctree = built.app.env.toctree_includes["index"]
    assert toctree == [*BOOK, "about"]
    assert not set(LEFT_OUT) & set(toctree)


def test_book_titles_in_latex(src: Path) -> None:
    latex = only(build(src, buildername="latex").outdir, "*.tex").read_text(encoding="utf-8")
    chapters = re.findall(r"^\\chapter\{(.+)\}$", latex, re.M)
    assert chapters == ["First light", "Second wind", "Third rail", "Fourth estate", "About"]
    assert "Unfinished draft" not in latex
    assert "From the future" not in latex


def test_epub_reading_order_and_contents(src: Path) -> None:
    built = build(src, buildername="epub")
    nav = (built.outdir / "nav.xhtml").read_text(encoding="utf-8")
    shown = re.findall(r'<a href="([^"#]+)\.xhtml">', nav)
    assert shown == ["index", *BOOK, "about"]
    # the left-out posts are still files of the EPUB (listings may link them),
    # outside the reading order, as without a book
    opf = (built.outdir / "content.opf").read_text(encoding="utf-8")
    for docname in LEFT_OUT:
        [item] = re.findall(rf'<item id="([^"]+)" href="{docname}\.xhtml"', opf)
        assert f'<itemref idref="{item}" linear="no" />' in opf


def test_epub_rebuilt_in_its_folder_without_warnings(src: Path) -> None:
    # no record of the last build in the folder, which the EPUB builder would
    # pack, with a warning, from the second build on
    first = build(src, buildername="epub")
    assert not (first.outdir / ".blogarchive.json").exists()
    write(src / "posts/fifth.md", post("Fifth column", "2025-07-01"))
    again = build(src, buildername="epub")
    assert again.warnings() == []
    with zipfile.ZipFile(again.outdir / "fixture.epub") as book:
        names = book.namelist()
    assert ".blogarchive.json" not in names
    assert "posts/fifth.xhtml" in names
    assert posts_in(book_order(again)) == [*BOOK, "posts/fifth"]


def test_newest_first_and_a_caption(src: Path) -> None:
    index = src / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "```{blog:book}\n```", "```{blog:book}\n:sort: newest\n:caption: The posts\n```"
        ),
        encoding="utf-8",
    )
    latex = build(src, buildername="latex")
    assert posts_in(book_order(latex)) == BOOK[::-1]
    single = build(src, buildername="singlehtml")
    assert posts_in(book_order(single)) == BOOK[::-1]
    # the caption heads the posts in the sidebar's table of contents
    sidebar = soup_of(single.outdir / "index.html").select_one("div.sphinxsidebar")
    captions = [c.get_text(" ", strip=True) for c in sidebar.select(".caption-text")]
    assert captions == ["The posts"]


def test_two_books_warn(src: Path) -> None:
    (src / "about.md").write_text("# About\n\n```{blog:book}\n```\n", encoding="utf-8")
    built = build(src, buildername="latex")
    assert built.warnings() == [
        "index.md: WARNING: 'about' already holds the blog:book; the posts are in two toctrees"
        " [blogarchive.directive]"
    ]


# --------------------------------------------------------------------------
# Not in the HTML navigation


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_html_builders_get_no_toctree_of_posts(src: Path, tmp_path: Path, builder: str) -> None:
    built = build(src, builddir=tmp_path / "with", buildername=builder)
    assert built.warnings() == []
    env = built.app.env
    assert env.toctree_includes == {"index": ["about"]}
    assert get_domain(env).books["index"][0].entries == ()
    suffix = ".html" if builder == "html" else "/index.html"
    for page in ["index", "about", *BOOK]:
        path = built.outdir / ("index.html" if page == "index" else f"{page}{suffix}")
        navigation = soup_of(path).select("div.sphinxsidebar li.toctree-l1 a")
        assert [a.get_text(strip=True) for a in navigation] == ["About"], page
    if builder == "html":
        assert rel_links(built.soup("index"))["next"] == "about.html"
    # the same pages, byte for byte, as the project without the directive
    plain = copy_root(ROOT, tmp_path / "plain")
    index = plain / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("```{blog:book}\n```\n\n", ""), encoding="utf-8"
    )
    without = build(plain, builddir=tmp_path / "without", buildername=builder)
    pages = sorted(p.relative_to(built.outdir) for p in built.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(without.outdir) for p in without.outdir.rglob("*.html"))
    assert len(pages) > 8
    for page in pages:
        assert (built.outdir / page).read_bytes() == (without.outdir / page).read_bytes(), page


def test_toctree_warnings_are_those_of_html(src: Path, tmp_path: Path) -> None:
    # a page among the posts without metadata is no post and in no toctree:
    # Sphinx says so with every builder; posts, orphans, never get that warning
    (src / "posts/notes.md").write_text("# Notes\n\nNot a post.\n", encoding="utf-8")
    html = build(src, builddir=tmp_path / "html", buildername="html")
    latex = build(src, builddir=tmp_path / "latex", buildername="latex")
    assert latex.warnings() == html.warnings()
    # (Sphinx 7.4 shows no "[toc.not_included]" after its own warning)
    assert [w.split(" [")[0] for w in html.warnings()] == [
        "posts/notes.md:1: WARNING: the file matches the post pattern but has no front matter; "
        "it is built as a page, not listed as a post",
        "posts/notes.md: WARNING: document isn't included in any toctree",
    ]


# --------------------------------------------------------------------------
# Reading the document of the book


def test_the_book_is_read_once_and_only_when_it_changes(src: Path) -> None:
    first = build(src, buildername="latex")
    read = readings(first)
    assert len(read) == 8
    assert read.count("index") == 1
    assert read[-1] == "index"  # after every post
    again = build(src, buildername="latex")
    assert readings(again) == read  # nothing read
    assert posts_in(book_order(again)) == BOOK
    write(src / "posts/fifth.md", post("Fifth column", "2025-07-01"))
    added = build(src, buildername="latex")
    assert readings(added)[len(read) :] == ["posts/fifth", "index"]
    assert posts_in(book_order(added)) == [*BOOK, "posts/fifth"]
    read = readings(added)
    # a new title changes no entry: the post is read, the book's document not
    write(src / "posts/fifth.md", post("Fifth wheel", "2025-07-01"))
    retitled = build(src, buildername="latex")
    assert readings(retitled)[len(read) :] == ["posts/fifth"]
    assert "\\chapter{Fifth wheel}" in book_output(retitled)
    read = readings(retitled)
    # the root document edited, with a post: read once, after the post
    touch(src / "index.md")
    touch(src / "posts/first-light.md")
    edited = build(src, buildername="latex")
    assert readings(edited)[len(read) :] == ["posts/first-light", "index"]


def test_a_book_on_a_page_of_the_toctree(src: Path) -> None:
    index = src / "index.md"
    text = index.read_text(encoding="utf-8").replace("```{blog:book}\n```\n\n", "")
    index.write_text(text.replace("\nabout\n", "\nbook\nabout\n"), encoding="utf-8")
    (src / "book.md").write_text("# The posts\n\n```{blog:book}\n```\n", encoding="utf-8")
    built = build(src, buildername="latex")
    assert built.warnings() == []
    assert book_order(built) == ["index", "book", *BOOK, "about"]
    read = readings(built)
    assert read.count("book") == 1
    assert read[-1] == "book"  # read after the posts (not the root: no need to be read early)
    # edited, the page is read once again, after the posts read with it
    write(src / "book.md", "# The posts, oldest first\n\n```{blog:book}\n```\n")
    write(src / "posts/fifth.md", post("Fifth column", "2025-07-01"))
    again = build(src, buildername="latex")
    assert readings(again)[len(read) :] == ["posts/fifth", "book"]
    assert book_order(again) == ["index", "book", *BOOK, "posts/fifth", "about"]


#: Edits to the root's posts, each with the posts of the book afterwards.
CHANGES = {
    "add": (
        lambda src: write(src / "posts/zeroth.md", post("Zeroth law", "2023-12-31")),
        ["posts/zeroth", *BOOK],
    ),
    "delete": (lambda src: (src / "posts/second-wind.md").unlink(), [BOOK[0], *BOOK[2:]]),
    "redate": (
        lambda src: write(src / "posts/first-light.md", post("First light", "2024-12-01")),
        [BOOK[1], BOOK[2], BOOK[0], BOOK[3]],
    ),
    "draft": (
        lambda src: write(
            src / "posts/third-rail.rst",
            ":date: 2024-11-20\n:draft: yes\n\nThird rail\n==========\n\nNow a draft.\n",
        ),
        [*BOOK[:2], BOOK[3]],
    ),
    "publish": (
        lambda src: write(
            src / "posts/unfinished.md", post("Unfinished draft", "2024-08-01", "draft: false\n")
        ),
        [*BOOK[:2], "posts/unfinished", *BOOK[2:]],
    ),
}


@pytest.mark.parametrize("builder", ["latex", "singlehtml"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_book_equals_a_fresh_one(
    src: Path, tmp_path: Path, builder: str, change: str
) -> None:
    edit, expected = CHANGES[change]
    build(src, builddir=tmp_path / "out", buildername=builder)
    edit(src)
    incremental = build(src, builddir=tmp_path / "out", buildername=builder)
    fresh = build(src, builddir=tmp_path / "fresh", buildername=builder)
    assert incremental.warnings() == fresh.warnings() == []
    assert posts_in(book_order(fresh)) == expected
    assert book_output(incremental) == book_output(fresh)


def test_a_scheduled_post_enters_the_book_when_due(
    src: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    early = build(src, buildername="latex")
    assert posts_in(book_order(early)) == BOOK[:3]  # the fourth is dated 2025-06-01
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(4102444800 * 10))  # far ahead: all due
    later = build(src, buildername="latex")
    assert posts_in(book_order(later)) == [*BOOK, "posts/from-the-future"]


def test_builders_sharing_a_doctree_folder(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    html = build(src, builddir=out, buildername="html")
    assert html.app.env.toctree_includes["index"] == ["about"]
    read = readings(html)
    latex = build(src, builddir=out, buildername="latex")
    assert posts_in(book_order(latex)) == BOOK
    assert readings(latex)[len(read) :] == ["index"]  # only the book's document
    html = build(src, builddir=out, buildername="html")
    assert html.app.env.toctree_includes["index"] == ["about"]
    navigation = soup_of(html.path("posts/first-light")).select("div.sphinxsidebar .toctree-l1 a")
    assert [a.get_text(strip=True) for a in navigation] == ["About"]
    assert rel_links(html.soup("index"))["next"] == "about.html"
    for builder in ("singlehtml", "epub"):
        assert posts_in(book_order(build(src, builddir=out, buildername=builder))) == BOOK
    dirhtml = build(src, builddir=out, buildername="dirhtml")
    assert dirhtml.app.env.toctree_includes["index"] == ["about"]


def test_parallel_read_gives_the_same_book(src: Path, tmp_path: Path) -> None:
    serial = build(src, builddir=tmp_path / "serial", buildername="latex")
    parallel = build(src, builddir=tmp_path / "parallel", buildername="latex", parallel=2)
    assert len(pids(parallel)) > 1  # documents were read in worker processes
    assert parallel.warnings() == []
    assert book_output(parallel) == book_output(serial)
    write(src / "posts/fifth.md", post("Fifth column", "2025-07-01"))
    again = build(src, builddir=tmp_path / "parallel", buildername="latex", parallel=2)
    assert posts_in(book_order(again)) == [*BOOK, "posts/fifth"]


def test_book_builders_is_configurable(src: Path) -> None:
    # latex left out: the directive is nothing there, as on html
    built = build(src, buildername="latex", confoverrides={"blogarchive_book_builders": ["epub"]})
    assert posts_in(book_order(built)) == []
    assert book_order(built) == ["index", "about"]
    # and a page builder named there gets the toctree (its navigation too)
    html = build(
        src,
        builddir=src.parent / "html",
        buildername="html",
        confoverrides={"blogarchive_book_builders": ["html"]},
    )
    assert html.app.env.toctree_includes["index"] == [*BOOK, "about"]
    assert main_of(html.soup("index")).select(".toctree-wrapper a") == []  # hidden
