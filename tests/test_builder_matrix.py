"""The site's sources with every builder (issue 6, point 6).

A copy of ``docs/`` (the guide and the 42 posts) builds without a warning
with each builder, and each published post's title is in the output: in its
own file for text, json, dirhtml and html; for singlehtml, epub, latex, man
and texinfo in the book that ``docs/index.md``'s ``blog:book`` makes, one
chapter per post, oldest first. On html the directive is nothing: no post
enters pydata-sphinx-theme's navigation, and every page is byte for byte
that of the site without the directive. linkcheck runs on a small root whose
links are all internal, with the network cut off.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import REPO, Built, build, build_root, resolve_href, soup_of
from sphinx.util.texescape import escape as tex_escape

from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.model._post import Post


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("docs") / "src"
    shutil.copytree(REPO / "docs", src, symlinks=False, ignore=shutil.ignore_patterns("_build"))
    return src


#: The site's own theme (the tests' default is alabaster), for the builders
#: that use it: html, dirhtml, singlehtml.
SITE_CONF: dict[str, Any] = {"html_theme": "pydata_sphinx_theme"}
#: The directive in docs/index.md, as the site writes it.
BOOK_DIRECTIVE = "```{blog:book}\n```\n"


def published(built: Built) -> list[Post]:
    """The published posts of the build, oldest first (the book's order)."""
    listed = get_domain(built.app.env).archive.listed
    assert len(listed) == 42
    return list(reversed(listed))


def _only(outdir: Path, pattern: str) -> str:
    [found] = outdir.glob(pattern)
    return found.read_text(encoding="utf-8")


def chapters(built: Built) -> list[str]:
    """The chapter titles of the site's book, in order, as the builder wrote them."""
    out = built.outdir
    name = built.app.builder.name
    if name == "latex":
        return re.findall(r"^\\chapter\{(.+)\}$", _only(out, "*.tex"), re.M)
    if name == "texinfo":
        return re.findall(r"^@chapter (.+)$", _only(out, "*.texi"), re.M)
    if name == "man":
        return re.findall(r"^\.SH (.+)$", _only(out, "*.7"), re.M)[1:]  # after NAME
    if name == "singlehtml":
        soup = soup_of(out / "index.html")
        for link in soup.select("a.headerlink"):
            link.decompose()
        return [h.get_text().strip() for h in soup.select("article section > h2")]
    if name == "epub":
        nav = BeautifulSoup((out / "nav.xhtml").read_text(encoding="utf-8"), "html.parser")
        return [a.get_text().strip() for a in nav.select("nav > ol > li > a")][1:]  # after Home
    raise AssertionError(name)


def in_book(built: Built, title: str) -> str:
    """*title* as the builder writes a chapter title."""
    name = built.app.builder.name
    if name == "latex":
        return tex_escape(title, built.app.config.latex_engine)
    if name == "man":
        return title.upper()
    return title


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory, docs: Path) -> Callable[[str], Built]:
    """The site built with a book builder (each build made once, on first use)."""
    cache: dict[str, Built] = {}

    def get(builder: str) -> Built:
        if builder not in cache:
            out = tmp_path_factory.mktemp(f"book-{builder}")
            cache[builder] = build(docs, builddir=out, buildername=builder, confoverrides=SITE_CONF)
        return cache[builder]

    return get


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "latex", "man", "texinfo"])
def test_site_book_holds_every_post_oldest_first(
    books: Callable[[str], Built], builder: str
) -> None:
    built = books(builder)
    assert built.warnings() == []
    assert "blogarchive: listed 42;" in built.status
    book = [in_book(built, post.title) for post in published(built)]
    found = chapters(built)
    assert found[:42] == book
    after = ["Archive", "Tags", "Documentation", "Tag vocabulary"]
    assert found[42:46] == [in_book(built, title) for title in after]


def test_site_book_reading_order(books: Callable[[str], Built]) -> None:
    # singlehtml and latex mark where each document starts; epub has its spine
    single = books("singlehtml")
    starts = re.findall(r'id="document-(posts/[^"]+)"', (single.outdir / "index.html").read_text())
    oldest_first = [post.docname for post in published(single)]
    assert starts == oldest_first
    # on the one page, listings and roles link to the posts, and no link dangles
    soup = soup_of(single.outdir / "index.html")
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    anchors = [a["href"][1:] for a in soup.select("article a[href^='#']") if len(a["href"]) > 1]
    assert [anchor for anchor in anchors if anchor not in ids] == []
    assert {f"document-{docname}" for docname in oldest_first} <= set(anchors)
    latex = books("latex")
    labels = re.findall(
        r"\\label\{\\detokenize\{(posts/[^}]+)::doc\}\}", _only(latex.outdir, "*.tex")
    )
    assert labels == oldest_first
    epub = books("epub")
    opf = (epub.outdir / "content.opf").read_text(encoding="utf-8")
    files = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)\.xhtml"', opf))
    spine = [files[i] for i in re.findall(r'<itemref idref="([^"]+)" />', opf)]
    assert [d for d in spine if d.startswith("posts/")] == oldest_first


@pytest.fixture(scope="module")
def site_html(tmp_path_factory: pytest.TempPathFactory, docs: Path) -> Built:
    """The site as ``nox -s docs`` builds it (pydata-sphinx-theme, the site's conf.py)."""
    out = tmp_path_factory.mktemp("site-html")
    return build(docs, builddir=out, buildername="html", confoverrides=SITE_CONF)


def _links_to_posts(page: Path, scope: Any) -> list[str]:
    return [
        a["href"]
        for a in scope.select("a[href]")
        if "://" not in a["href"] and "/posts/" in resolve_href(page, a["href"]).as_posix()
    ]


def test_site_html_navigation_has_no_post(site_html: Built) -> None:
    assert site_html.warnings() == []
    env = site_html.app.env
    included = {child for children in env.toctree_includes.values() for child in children}
    assert not [d for d in included if d.startswith("posts/")]
    assert get_domain(env).books["index"][0].entries == ()
    posts = [post.docname for post in published(site_html)]
    for pagename in ["index", "guide/builders", "blog/index", posts[0], posts[-1]]:
        page = site_html.path(pagename)
        soup = soup_of(page)
        for scope in (".bd-header", ".bd-sidebar-primary"):  # navbar and sidebar
            [nav] = soup.select(scope)
            assert len(nav.select("a[href]")) >= 5, (pagename, scope)
            assert _links_to_posts(page, nav) == [], (pagename, scope)


def test_site_html_pages_are_those_without_the_book(
    site_html: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # the site without the directive: no page differs, so none grew
    src = tmp_path_factory.mktemp("no-book") / "src"
    shutil.copytree(REPO / "docs", src, symlinks=False, ignore=shutil.ignore_patterns("_build"))
    index = src / "index.md"
    text = index.read_text(encoding="utf-8")
    assert text.count(BOOK_DIRECTIVE) == 1
    index.write_text(text.replace(BOOK_DIRECTIVE, ""), encoding="utf-8")
    plain = build(src, builddir=src.parent / "out", buildername="html", confoverrides=SITE_CONF)
    assert plain.warnings() == []
    pages = sorted(p.relative_to(site_html.outdir) for p in site_html.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(plain.outdir) for p in plain.outdir.rglob("*.html"))
    assert len(pages) > 90  # the posts, the guide, the generated pages
    different = [
        page
        for page in pages
        if (site_html.outdir / page).read_bytes() != (plain.outdir / page).read_bytes()
    ]
    assert different == []


def test_site_dirhtml(docs: Path, tmp_path: Path) -> None:
    built = build(docs, builddir=tmp_path / "out", buildername="dirhtml", confoverrides=SITE_CONF)
    assert built.warnings() == []
    for post in published(built):
        soup = soup_of(built.outdir / post.docname / "index.html")
        for link in soup.select("a.headerlink"):
            link.decompose()
        assert [h.get_text().strip() for h in soup.select("article h1")] == [post.title]
    included = {c for children in built.app.env.toctree_includes.values() for c in children}
    assert not [d for d in included if d.startswith("posts/")]


@pytest.mark.parametrize(("builder", "suffix"), [("text", ".txt"), ("json", ".fjson")])
def test_site_sources_with_builder(docs: Path, tmp_path: Path, builder: str, suffix: str) -> None:
    built = build(
        docs,
        builddir=tmp_path / "out",
        buildername=builder,
        # pydata-sphinx-theme fails with the json builder; its options go with it.
        confoverrides={"html_theme": "alabaster", "html_theme_options": {}},
    )
    assert built.warnings() == []
    assert "blogarchive: listed 42;" in built.status
    archive = get_domain(built.app.env).archive
    assert len(archive.listed) == 42
    for post in archive.listed:
        text = (built.outdir / f"{post.docname}{suffix}").read_text(encoding="utf-8")
        if builder == "json":
            text = json.loads(text)["title"] + json.loads(text)["body"]
            assert post.title.replace("&", "&amp;") in text or post.title in text, post.docname
        else:
            assert post.title in text, post.docname


def test_linkcheck_on_internal_links_makes_no_connection(tmp_path: Path) -> None:
    attempts: list[Any] = []

    def connect(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("no network in this test")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        built = build_root("incremental", tmp_path, buildername="linkcheck")
    assert attempts == []
    assert "build succeeded" in built.status
    assert [w for w in built.warnings() if "blogarchive" in w] == []
    results = [
        json.loads(line)
        for line in (built.outdir / "output.json").read_text(encoding="utf-8").splitlines()
    ]
    assert all(r["status"] in ("working", "unchecked") for r in results), results
