"""Other builders (case 26): epub, singlehtml, dirhtml, latex and text.

Only html and dirhtml get generated pages; elsewhere links to them are text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import (
    ROOTS,
    Built,
    broken_links,
    build_root,
    main_of,
    resolve_href,
    soup_of,
    text_of,
    titles,
)

[CASE_26] = [p.name.removeprefix("test-") for p in ROOTS.glob("test-case-26-*")]
BUILDERS = ["epub", "singlehtml", "dirhtml", "latex", "text"]

# Sphinx's own EPUB3 checks warn without these; a real project sets them.
EPUB_CONF = {"copyright": "2025, Fixture", "version": "1.0"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Built]:
    cache: dict[tuple[str, str], Built] = {}

    def get(root: str, builder: str) -> Built:
        if (root, builder) not in cache:
            cache[root, builder] = build_root(
                root,
                tmp_path_factory.mktemp(f"{root}-{builder}"),
                buildername=builder,
                confoverrides=EPUB_CONF if builder == "epub" else None,
            )
        return cache[root, builder]

    return get


@pytest.mark.parametrize("builder", BUILDERS)
def test_case_26_builds_without_warnings(builds, builder: str) -> None:
    built = builds(CASE_26, builder)
    assert built.warnings() == []
    assert "build succeeded" in built.status
    assert "blogarchive: listed 2;" in built.status


@pytest.mark.parametrize("builder", ["epub", "singlehtml", "latex", "text"])
def test_case_26_no_generated_pages(builds, builder: str) -> None:
    built = builds(CASE_26, builder)
    assert not (built.outdir / "blog").exists()
    assert not any(
        "blog/" in p.relative_to(built.outdir).as_posix() for p in built.outdir.rglob("*")
    )


def test_case_26_epub(builds) -> None:
    built = builds(CASE_26, "epub")
    assert (built.outdir / "fixture.epub").is_file()
    opf = (built.outdir / "content.opf").read_text(encoding="utf-8")
    assert "posts/chapter-one.xhtml" in opf
    assert "blog/" not in opf
    page = soup_of(built.outdir / "posts/chapter-one.xhtml")
    header = main_of(page).select_one(".blogarchive-post-header")
    assert "book" in text_of(header)
    assert "Jun 1, 2025" in text_of(header)
    assert header.find("a") is None  # the tag is text: its page is not in the book
    assert broken_links(built.outdir, ".xhtml") == []


def test_case_26_singlehtml(builds) -> None:
    built = builds(CASE_26, "singlehtml")
    soup = built.soup("index")
    main = main_of(soup)
    headers = main.select(".blogarchive-post-header")
    assert [text_of(h.find("time")) for h in headers] == ["Jun 1, 2025", "Jun 2, 2025"]
    for header in headers:
        assert header.find("a") is None
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for a in soup.find_all("a", href=True):
        if a["href"].startswith("#") and len(a["href"]) > 1:
            assert a["href"][1:] in ids, a
    # (the theme's links to genindex and search, which singlehtml does not
    # write, are Sphinx's; only the content is checked)
    assert broken_links(built.outdir, main_only=True) == []


def test_case_26_dirhtml(builds) -> None:
    built = builds(CASE_26, "dirhtml")
    archive = built.outdir / "blog/index.html"
    assert titles(soup_of(archive)) == ["Chapter two", "Chapter one"]
    assert (built.outdir / "blog/tag/book/index.html").is_file()
    assert (built.outdir / "blog/year/2025/index.html").is_file()
    post = built.outdir / "posts/chapter-one/index.html"
    [tag] = main_of(soup_of(post)).select("a.blogarchive-tag")
    assert resolve_href(post, tag["href"]) == built.outdir / "blog/tag/book/index.html"
    assert broken_links(built.outdir) == []


def test_case_26_latex_and_text(builds) -> None:
    [tex] = builds(CASE_26, "latex").outdir.glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    assert "Chapter one" in latex
    assert "Jun 1, 2025" in latex
    assert "blog/tag" not in latex
    text = (builds(CASE_26, "text").outdir / "posts/chapter-one.txt").read_text(encoding="utf-8")
    assert "Chapter one" in text
    assert "Jun 1, 2025" in text
    assert "book" in text


# --------------------------------------------------------------------------
# Roles on builders without generated pages


@pytest.mark.parametrize("builder", ["epub", "singlehtml"])
def test_roles_to_generated_pages_are_text(builds, builder: str) -> None:
    html = builds("roles", "html")
    built = builds("roles", builder)
    # the same dangling references as in HTML, and no others (the epub
    # builder resolves the root document several times, and Sphinx repeats
    # every warning of its references each time, its own ones too)
    assert sorted(set(built.warnings())) == sorted(html.warnings())
    assert len(html.warnings()) == 9
    page = built.outdir / ("index.xhtml" if builder == "epub" else "index.html")
    main = main_of(soup_of(page))

    def para(label: str):
        [found] = [p for p in main.find_all("p") if text_of(p).startswith(f"{label}: ")]
        return found

    for label, text in [
        ("tag", "Rust Lang"),
        ("tag-explicit", "rusty things"),
        ("category", "Systems"),
        ("author", "Jane Roe"),
        ("year", "2024"),
        ("year-explicit", "that year"),
        ("page-archive", "Roles"),
        ("page-tags-explicit", "All tags"),
    ]:
        assert para(label).find("a") is None, label
        assert text_of(para(label)) == f"{label}: {text}"
    explicit = [text_of(a) for a in para("explicit").find_all("a")]
    if builder == "epub":  # links to posts stay links
        assert explicit == ["Read this first"]
    else:  # the post is not on the single page (no toctree holds it): text
        assert explicit == []
        assert text_of(para("explicit")) == "explicit: Read this first"


def test_roles_to_posts_in_epub_resolve(builds) -> None:
    built = builds("roles", "epub")
    page = built.outdir / "index.xhtml"
    main = main_of(soup_of(page))
    for label, target in [("docname", "alpha"), ("slug", "beta"), ("explicit", "alpha")]:
        [para] = [p for p in main.find_all("p") if text_of(p).startswith(f"{label}: ")]
        [link] = para.find_all("a")
        assert resolve_href(page, link["href"]) == built.outdir / f"posts/2024/{target}.xhtml"
    assert broken_links(built.outdir, ".xhtml") == []


def test_roles_to_posts_not_on_the_single_page_are_text(builds) -> None:
    soup = soup_of(builds("roles", "singlehtml").outdir / "index.html")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    dangling = [
        a["href"]
        for a in main_of(soup).find_all("a", href=True)
        if a["href"].startswith("#") and a["href"][1:] not in ids
    ]
    assert dangling == []


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_roles_in_text_and_latex(builds, builder: str) -> None:
    html = builds("roles", "html")
    built = builds("roles", builder)
    assert built.warnings() == html.warnings()
    if builder == "text":
        lines = (built.outdir / "index.txt").read_text(encoding="utf-8").splitlines()
        shown = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in lines if ": " in line}
        assert "Rust Lang" in shown["tag"]
        assert "Read this first" in shown["explicit"]
        assert "Sneak peek" in shown["draft-explicit"]
    else:
        [tex] = built.outdir.glob("*.tex")
        latex = tex.read_text(encoding="utf-8")
        assert "Rust Lang" in latex
        assert "blog/tag" not in latex
