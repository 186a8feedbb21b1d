"""Themes and sidebar widgets: pydata-sphinx-theme, Furo and Alabaster.

Each theme builds the browser root (13 posts, 3 to a page) with the three
sidebar widgets in its sidebars, configured as ``docs/guide/themes.md``
says. Every generated page keeps the theme's header and navigation and
holds the widgets' markup: a heading, a plain link, and a container that
``blogarchive.js`` fills from the JSON index. The rest checks what the
widgets and the reader tools rely on: the page context, the listing's
``data-*`` attributes, the script, overrides from ``templates_path``, other
builders, and that the widgets keep incremental builds exact.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import (
    Built,
    build,
    build_root,
    copy_root,
    resolve_href,
    soup_of,
    text_of,
    write,
)

from sphinx_blogarchive.extension._events import STATIC_DIR
from sphinx_blogarchive.pages._labels import labels

WIDGETS = [
    "blogarchive/sidebar-recent.html",
    "blogarchive/sidebar-tags.html",
    "blogarchive/sidebar-years.html",
]

#: confoverrides per theme: the sidebars of docs/guide/themes.md.
THEMES: dict[str, dict[str, Any]] = {
    "pydata_sphinx_theme": {
        "html_theme": "pydata_sphinx_theme",
        "html_sidebars": {"**": ["sidebar-nav-bs", WIDGETS[0]]},
        "html_theme_options": {"secondary_sidebar_items": ["page-toc", *WIDGETS[1:]]},
    },
    "furo": {
        "html_theme": "furo",
        "html_sidebars": {
            "**": [
                "sidebar/brand.html",
                "sidebar/search.html",
                "sidebar/scroll-start.html",
                "sidebar/navigation.html",
                *WIDGETS,
                "sidebar/scroll-end.html",
            ]
        },
    },
    "alabaster": {
        "html_theme": "alabaster",
        "html_sidebars": {"**": ["about.html", "searchfield.html", "navigation.html", *WIDGETS]},
    },
}

#: Per theme: (selector of its header or brand, selector of its site navigation).
CHROME = {
    "pydata_sphinx_theme": ("header.bd-header .navbar-brand", "header.bd-header .navbar-nav"),
    "furo": ("header.mobile-header", ".sidebar-drawer .sidebar-tree"),
    "alabaster": ("div.sphinxsidebar h1.logo", "div.sphinxsidebar .toctree-l1"),
}

#: Where each theme puts each widget (the sidebar that holds it).
SIDEBAR = {
    "pydata_sphinx_theme": {
        "recent": ".bd-sidebar-primary",
        "tags": ".bd-sidebar-secondary",
        "years": ".bd-sidebar-secondary",
    },
    "furo": dict.fromkeys(("recent", "tags", "years"), ".sidebar-drawer .sidebar-scroll"),
    "alabaster": dict.fromkeys(("recent", "tags", "years"), "div.sphinxsidebar"),
}

GENERATED = [
    "blog/index",
    "blog/page/1",
    "blog/page/2",
    "blog/tag/index",
    "blog/tag/gardening",
    "blog/year/2024",
    "blog/author/ada-lovelace",
]
OTHER = ["index", "about", "posts/2025/post-13"]


@pytest.fixture(scope="module", params=list(THEMES))
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    theme = request.param
    return build_root(
        "browser", tmp_path_factory.mktemp(f"theme-{theme}"), confoverrides=THEMES[theme]
    )


def theme_of(built: Built) -> str:
    return str(built.app.config.html_theme)


def test_builds_without_warnings(themed: Built) -> None:
    assert themed.warnings() == []
    assert (themed.outdir / "blog/posts.json").is_file()


@pytest.mark.parametrize("pagename", GENERATED + OTHER)
def test_theme_header_and_navigation(themed: Built, pagename: str) -> None:
    soup = themed.soup(pagename)
    header, nav = CHROME[theme_of(themed)]
    assert soup.select(header), f"{pagename}: no theme header {header!r}"
    [about] = [a for a in soup.select(f"{nav} a[href]") if text_of(a) == "About"]
    assert resolve_href(themed.path(pagename), about["href"]) == themed.path("about").resolve()


@pytest.mark.parametrize("pagename", GENERATED + OTHER)
def test_widget_markup(themed: Built, pagename: str) -> None:
    page = themed.path(pagename)
    soup = themed.soup(pagename)
    sidebars = SIDEBAR[theme_of(themed)]
    found = {}
    for kind, sidebar in sidebars.items():
        [node] = soup.select(f"{sidebar} [data-blogarchive-widget={kind}]")
        found[kind] = node
        widget = node.find_parent("nav", class_="blogarchive-widget")
        assert widget is not None
        assert "blogarchive-widget-title" in widget.find("h3")["class"]
        assert (
            resolve_href(page, node["data-blogarchive-index"])
            == (themed.outdir / "blog/posts.json").resolve()
        )
        # The container holds no list: the script fills it from the index.
        assert node.find("li") is None
    words = labels()
    targets = {"recent": "blog/index", "tags": "blog/tag/index", "years": "blog/index"}
    texts = {"recent": words["archive"], "tags": words["all_tags"], "years": words["archive"]}
    for kind, node in found.items():
        [link] = node.find_all("a")
        assert text_of(link) == texts[kind]
        assert resolve_href(page, link["href"]) == themed.path(targets[kind]).resolve()
    year_url = found["years"]["data-blogarchive-year-url"]
    assert "__YEAR__" in year_url
    year_page = resolve_href(page, year_url.replace("__YEAR__", "2024"))
    assert year_page == themed.path("blog/year/2024").resolve()


@pytest.mark.parametrize("pagename", [*GENERATED, "index"])
def test_script_and_styles_on_every_page(themed: Built, pagename: str) -> None:
    soup = themed.soup(pagename)
    [script] = [s for s in soup.find_all("script", src=True) if "blogarchive.js" in s["src"]]
    assert script.has_attr("defer")
    assert resolve_href(themed.path(pagename), script["src"]).is_file()
    assert any("blogarchive.css" in link["href"] for link in soup.find_all("link", href=True))


# --------------------------------------------------------------------------
# What the reader tools read from a listing


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The browser root with Alabaster's default sidebars (no widgets)."""
    return build_root("browser", tmp_path_factory.mktemp("plain"))


def listing(built: Built, pagename: str) -> Any:
    node = built.soup(pagename).select_one(".blogarchive-listing")
    assert node is not None
    return node


def test_listing_words_are_the_translated_labels(plain: Built) -> None:
    node = listing(plain, "blog/index")
    words = labels()
    for key in ("filter", "no_match", "sort_by", "newest", "oldest", "title"):
        assert node[f"data-blogarchive-text-{key.replace('_', '-')}"] == words[key]
    assert node["data-blogarchive-text-no-match"] == "No matching items"
    assert node["data-blogarchive-fields"] == "date subtitle tags author"


@pytest.mark.parametrize(
    ("pagename", "scope", "term"),
    [
        ("blog/index", None, None),
        ("blog/page/2", None, None),
        ("blog/tag/gardening", "tag", "gardening"),
        ("blog/tag/index", None, None),
        ("blog/author/grace-hopper", "author", "Grace Hopper"),
        ("blog/year/2024", "year", "2024"),
        ("index", None, None),
    ],
)
def test_listing_scope(plain: Built, pagename: str, scope: str | None, term: str | None) -> None:
    node = plain.soup(pagename).select_one(".blogarchive-listing")
    if pagename == "blog/tag/index":
        assert node is None  # an index lists names, not posts
        return
    assert node is not None
    assert node.get("data-blogarchive-scope") == scope
    assert node.get("data-blogarchive-term") == term


def test_paginated_listing_points_at_the_index(plain: Built) -> None:
    for pagename in ("blog/index", "blog/page/1", "blog/tag/gardening"):
        node = listing(plain, pagename)
        target = resolve_href(plain.path(pagename), node["data-blogarchive-index"])
        assert target == (plain.outdir / "blog/posts.json").resolve()


def test_without_javascript_the_page_has_no_controls(plain: Built) -> None:
    # The controls are made by the script: the HTML is the plain list.
    soup = plain.soup("blog/index")
    for selector in ("input", "select", ".blogarchive-tools", ".blogarchive-no-match"):
        assert soup.select(f"div.body {selector}") == []
    assert len(soup.select(".blogarchive-entry")) == 4  # 13 posts: 3 + 3 + 3 + the first page's 4


def test_default_sidebars_have_no_widgets(plain: Built) -> None:
    assert plain.soup("blog/index").select("[data-blogarchive-widget]") == []


def test_script_inserts_no_html() -> None:
    """blogarchive.js builds nodes and sets text: never markup from data."""
    script = (STATIC_DIR / "blogarchive.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.DOTALL)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code
    assert "textContent" in code


def test_script_is_copied_unchanged(plain: Built) -> None:
    copied = plain.outdir / "_static/blogarchive.js"
    assert copied.read_bytes() == (STATIC_DIR / "blogarchive.js").read_bytes()


# --------------------------------------------------------------------------
# Other builders, overrides


def test_dirhtml_widget_urls(tmp_path: Path) -> None:
    built = build_root(
        "browser", tmp_path, buildername="dirhtml", confoverrides=THEMES["alabaster"]
    )
    assert built.warnings() == []
    page = built.outdir / "posts/2025/post-13/index.html"
    soup = soup_of(page)
    for node in soup.select("[data-blogarchive-widget]"):
        assert (
            resolve_href(page, node["data-blogarchive-index"])
            == (built.outdir / "blog/posts.json").resolve()
        )
        for link in node.find_all("a"):
            assert resolve_href(page, link["href"]).is_file()
    [years] = soup.select("[data-blogarchive-widget=years]")
    year = resolve_href(page, years["data-blogarchive-year-url"].replace("__YEAR__", "2023"))
    assert year == (built.outdir / "blog/year/2023/index.html").resolve()


def test_singlehtml_has_no_widgets_and_no_script(tmp_path: Path) -> None:
    built = build_root(
        "browser", tmp_path, buildername="singlehtml", confoverrides=THEMES["alabaster"]
    )
    assert built.warnings() == []
    soup = soup_of(built.outdir / "index.html")
    assert soup.select("[data-blogarchive-widget]") == []
    assert soup.select(".blogarchive-widget") == []
    assert not any("blogarchive.js" in s["src"] for s in soup.find_all("script", src=True))


def test_widgets_and_comments_overridden_from_templates_path(tmp_path: Path) -> None:
    src = copy_root("browser", tmp_path / "src")
    templates = src / "_templates/blogarchive"
    templates.mkdir(parents=True)
    (templates / "sidebar-tags.html").write_text(
        '<div class="my-tags" data-blogarchive-widget="tags" '
        'data-blogarchive-index="{{ blogarchive_index_url|e }}">'
        "{{ blogarchive_labels.all_tags|e }}</div>\n",
        encoding="utf-8",
    )
    (templates / "comments.html").write_text(
        '<section class="blogarchive-comments"><script src="https://giscus.example/client.js" '
        'data-mapping="pathname" async></script></section>\n',
        encoding="utf-8",
    )
    built = build(
        src,
        builddir=tmp_path / "_build",
        confoverrides={**THEMES["alabaster"], "templates_path": ["_templates"]},
    )
    assert built.warnings() == []
    for pagename in ("blog/index", "about", "posts/2024/post-08"):
        soup = built.soup(pagename)
        [mine] = soup.select("div.sphinxsidebar .my-tags")
        assert text_of(mine) == "All tags"
        assert soup.select(".blogarchive-widget-tags") == []
        assert len(soup.select(".blogarchive-widget")) == 2  # recent, years: the package's
    comments = built.soup("posts/2024/post-08").select("div.body .blogarchive-comments")
    assert len(comments) == 1
    assert comments[0].find("script")["data-mapping"] == "pathname"
    # After the related posts, at the end of the post.
    related = built.soup("posts/2024/post-08").select_one("div.body .blogarchive-related")
    assert related is not None
    assert related.find_next(class_="blogarchive-comments") is not None
    for pagename in ("about", "index", "blog/index"):
        assert built.soup(pagename).select(".blogarchive-comments") == []


def test_comments_block_is_empty_by_default(plain: Built) -> None:
    body = plain.soup("posts/2024/post-08").select_one("div.body")
    assert body is not None
    assert body.select(".blogarchive-comments") == []
    assert [s for s in body.find_all("script")] == []


# --------------------------------------------------------------------------
# Incremental builds stay exact with widgets


POST = "---\ndate: {date}\n{extra}---\n\n# {title}\n\nText.\n"


def small_site(src: Path) -> Path:
    """Two untagged posts and a page of the user's own, widgets in the sidebar."""
    write(
        src / "conf.py",
        'project = "Widgets"\nextensions = ["myst_parser", "sphinx_blogarchive"]\n'
        'exclude_patterns = ["_build"]\n',
    )
    write(src / "index.md", "# Widgets\n\n```{toctree}\n:hidden:\n\nabout\n```\n")
    write(src / "about.md", "# About\n\nNo listing here.\n")
    write(src / "posts/one.md", POST.format(date="2024-01-01", extra="", title="One"))
    write(src / "posts/two.md", POST.format(date="2024-02-01", extra="", title="Two"))
    return src


def html_mtimes(built: Built) -> dict[str, int]:
    """Modification times of the pages (Sphinx rewrites genindex and search always)."""
    return {
        p.relative_to(built.outdir).as_posix(): p.stat().st_mtime_ns
        for p in sorted(built.outdir.rglob("*.html"))
        if p.name not in ("genindex.html", "search.html")
    }


def sidebar_links(built: Built, pagename: str) -> dict[str, str]:
    soup: BeautifulSoup = built.soup(pagename)
    links = {}
    for node in soup.select("[data-blogarchive-widget]"):
        for link in node.find_all("a"):
            links[node["data-blogarchive-widget"]] = link["href"]
    return links


def test_new_post_does_not_rewrite_other_pages(tmp_path: Path) -> None:
    src = small_site(tmp_path / "src")
    out = tmp_path / "_build"
    first = build(src, builddir=out, confoverrides=THEMES["alabaster"])
    assert first.warnings() == []
    before = html_mtimes(first)
    again = build(src, builddir=out, confoverrides=THEMES["alabaster"])
    assert html_mtimes(again) == before  # no change: nothing rewritten
    write(src / "posts/three.md", POST.format(date="2024-03-01", extra="", title="Three"))
    step = build(src, builddir=out, confoverrides=THEMES["alabaster"])
    assert step.warnings() == []
    after = html_mtimes(step)
    # A page of the user's and an older post carry no list of posts: the
    # widgets read posts.json. (index.html holds a toctree, which some Sphinx
    # versions rewrite when a document is added.)
    assert after["about.html"] == before["about.html"]
    assert after["posts/one.html"] == before["posts/one.html"]
    assert after["posts/two.html"] != before["posts/two.html"]  # its newer neighbour
    assert '"Three"' in (step.outdir / "blog/posts.json").read_text(encoding="utf-8")


def test_first_tag_rewrites_every_page_with_the_tags_link(tmp_path: Path) -> None:
    src = small_site(tmp_path / "src")
    out = tmp_path / "_build"
    first = build(src, builddir=out, confoverrides=THEMES["alabaster"])
    assert first.warnings() == []
    assert "tags" not in sidebar_links(first, "about")  # no tags: no tags index
    assert not (first.outdir / "blog/tag/index.html").exists()
    write(src / "posts/one.md", POST.format(date="2024-01-01", extra="tags: [x]\n", title="One"))
    step = build(src, builddir=out, confoverrides=THEMES["alabaster"])
    assert step.warnings() == []
    for pagename in ("about", "index", "posts/two", "blog/index", "blog/year/2024"):
        href = sidebar_links(step, pagename)["tags"]
        assert resolve_href(step.path(pagename), href) == step.path("blog/tag/index").resolve()
    # Equal to a fresh build of the same sources.
    fresh = build(src, builddir=tmp_path / "fresh", confoverrides=THEMES["alabaster"])
    for pagename in ("about", "posts/two", "blog/year/2024"):
        assert sidebar_links(step, pagename) == sidebar_links(fresh, pagename)
    # And a build after that rewrites nothing again.
    before = html_mtimes(step)
    again = build(src, builddir=out, confoverrides=THEMES["alabaster"])
    assert html_mtimes(again) == before
