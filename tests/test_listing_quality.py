"""Listings, feeds and labels as readers meet them (issue 13, "Works where users
open it" and "Quality of listings, feeds and labels").

Each test builds a small project and reads what a reader gets: the index of
the posts a page opened from the disk can load, excerpts on listing pages,
reading times, images in feeds, canonical links, translated labels and the
accessibility of listings.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import (
    Built,
    blog_pages,
    build,
    copy_root,
    main_of,
    normalised_page,
    resolve_href,
    text_of,
    tree_state,
    write,
)

WIDGETS = {"**": ["blogarchive/sidebar-tags.html", "blogarchive/sidebar-years.html"]}


def _script_items(path: Path) -> list[object]:
    """The list ``posts.js`` sets ``window.blogarchivePosts`` to."""
    text = path.read_text(encoding="utf-8")
    prefix = "window.blogarchivePosts = "
    assert text.startswith(prefix) and text.endswith(";\n"), text[:80]
    items = json.loads(text[len(prefix) : -2])
    assert isinstance(items, list)
    return items


# --------------------------------------------------------------------------
# The index of the posts, loadable from file://


def test_index_script_holds_the_index_and_follows_a_new_post(tmp_path: Path) -> None:
    src = copy_root("browser", tmp_path / "src")
    out = tmp_path / "out"
    overrides = {"html_sidebars": WIDGETS}
    first = build(src, builddir=out, confoverrides=overrides)
    assert first.warnings() == []
    script = first.outdir / "blog/posts.js"
    index = json.loads((first.outdir / "blog/posts.json").read_text(encoding="utf-8"))
    assert _script_items(script) == index
    # Pages name the JSON file only (the script sits beside it).
    widget = first.soup("about").select_one("[data-blogarchive-widget=tags]")
    assert widget is not None and widget["data-blogarchive-index"] == "blog/posts.json"
    assert 'posts.js"' not in first.path("about").read_text(encoding="utf-8")

    before = tree_state(first.outdir)
    write(
        src / "posts/2025/post-14.md",
        "---\ndate: 2025-09-01\ntags: [gardening]\n---\n\n# Late figs\n\nText.\n",
    )
    again = build(src, builddir=out, confoverrides=overrides)
    assert again.warnings() == []
    after = tree_state(again.outdir)
    items = _script_items(script)
    assert items[0]["title"] == "Late figs"  # type: ignore[index]
    assert items == json.loads((again.outdir / "blog/posts.json").read_text(encoding="utf-8"))
    # A page showing no listing is not rewritten for the new post.
    assert after["about.html"] == before["about.html"]
    assert after["blog/posts.js"] != before["blog/posts.js"]


# --------------------------------------------------------------------------
# Projects written here

CONF = """\
project = "Quality"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/"
"""
INDEX = "# Home\n\nThe home page.\n"


def project(root: Path, posts: dict[str, str], *, conf: str = "", index: str = INDEX) -> Path:
    """A project at *root*/src: conf.py (:data:`CONF` + *conf*), index.md and *posts*."""
    src = root / "src"
    write(src / "conf.py", CONF + conf)
    write(src / "index.md", index)
    for name, text in posts.items():
        write(src / name, text)
    return src


def post(title: str, date: str, body: str, fields: str = "") -> str:
    """A MyST post."""
    return f"---\ndate: {date}\n{fields}---\n\n# {title}\n\n{body}\n"


def minutes_shown(built: Built, pagename: str = "blog/index") -> dict[str, str]:
    """``{title: reading time shown}`` of the listing on *pagename*."""
    return {
        text_of(e.select_one(".blogarchive-entry-title")): text_of(
            e.select_one(".blogarchive-entry-minutes")
        )
        for e in built.soup(pagename).select(".blogarchive-entry")
    }


# --------------------------------------------------------------------------
# Reading time


def test_reading_time_counts_cjk_characters(tmp_path: Path) -> None:
    chinese = "数据是新的石油，但劳动者没有得到报酬。" * 100  # 1,800 characters, 1,700 Han
    japanese = "データは新しい石油です。" * 100  # 1,200 characters, 1,100 read
    english = " ".join(["word"] * 400)
    src = project(
        tmp_path,
        {
            "posts/zh.md": post("Chinese", "2024-01-01", chinese),
            "posts/ja.md": post("Japanese", "2024-01-02", japanese),
            "posts/mixed.md": post("Mixed", "2024-01-03", f"{chinese[:1000]}\n\n{english}"),
            "posts/short.md": post("Short", "2024-01-04", "短文。"),
        },
        conf='blogarchive_listing_fields = ["date", "reading-time"]\n',
    )
    built = build(src)
    assert built.warnings() == []
    # Punctuation is not read: 1,700 and 1,100 characters at 500 a minute.
    assert minutes_shown(built) == {
        "Chinese": "3 min read",
        "Japanese": "2 min read",
        # 944 characters (1,000 less the commas and full stops) + 400 words:
        "Mixed": "4 min read",
        "Short": "1 min read",  # never "0 min"
    }
    faster = build(
        src, builddir=tmp_path / "fast", confoverrides={"blogarchive_characters_per_minute": 1700}
    )
    assert minutes_shown(faster)["Chinese"] == "1 min read"


# --------------------------------------------------------------------------
# Canonical links


def _canonical(built: Built, pagename: str) -> list[str]:
    return [str(link["href"]) for link in built.soup(pagename).select('link[rel="canonical"]')]


def test_canonical_url_of_a_cross_post_replaces_sphinxs_own(tmp_path: Path) -> None:
    original = "https://medium.example.com/@me/the-first-telling-123"
    src = project(
        tmp_path,
        {
            "posts/cross.md": post(
                "Cross", "2024-01-01", "Told first elsewhere.", f"canonical_url: {original}\n"
            ),
            "posts/own.md": post("Own", "2024-01-02", "Told here."),
            "posts/third.md": post("Third", "2024-01-03", "Told here too."),
            "posts/bad.md": post("Bad", "2024-01-04", "Text.", "canonical_url: elsewhere.html\n"),
        },
        conf="blogarchive_posts_per_page = 2\n",
    )
    built = build(src)
    assert built.warnings() == [
        "posts/bad.md:3: WARNING: 'canonical_url' should be an absolute http(s) URL, not "
        "'elsewhere.html'; ignored [blogarchive.metadata]"
    ]
    assert _canonical(built, "posts/cross") == [original]
    assert _canonical(built, "posts/own") == ["https://example.org/posts/own.html"]
    assert _canonical(built, "posts/bad") == ["https://example.org/posts/bad.html"]
    # Each page of a paginated listing is canonical to itself, not to page 1.
    assert _canonical(built, "blog/index") == ["https://example.org/blog/index.html"]
    older = built.soup("blog/index").select_one("a.blogarchive-older")
    assert older is not None
    second = (built.outdir / "blog" / str(older["href"])).resolve()
    page = second.relative_to(built.outdir.resolve()).with_suffix("").as_posix()
    assert page != "blog/index"
    assert _canonical(built, page) == [f"https://example.org/{page}.html"]


# --------------------------------------------------------------------------
# The image of a post as a feed enclosure


def test_image_is_an_enclosure_in_every_feed(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    import feedparser
    from feedcheck import check_all

    built = build(copy_root("feeds", tmp_path / "src"))
    assert built.warnings() == []
    check_all(built.outdir, "https://blog.example.org/")
    svg = (built.srcdir / "posts/pic.svg").stat().st_size
    gamma = "https://blog.example.org/posts/gamma.html"
    beta = "https://blog.example.org/posts/beta.html"
    # The local image is copied to the output, where the enclosure points.
    rss = ET.parse(built.outdir / "blog/rss.xml").getroot()
    enclosures = {
        item.findtext("link"): item.find("enclosure").attrib  # type: ignore[union-attr]
        for item in rss.iter("item")
        if item.find("enclosure") is not None
    }
    url = enclosures[gamma]["url"]
    assert url.startswith("https://blog.example.org/_images/blogarchive/")
    assert url.endswith("/pic.svg")
    copy = built.outdir / url.removeprefix("https://blog.example.org/")
    assert copy.read_bytes() == (built.srcdir / "posts/pic.svg").read_bytes()
    assert enclosures[gamma] == {"url": url, "length": str(svg), "type": "image/svg+xml"}
    # A web address: its size is unknown, so 0 (RSS 2.0 asks for a length).
    assert enclosures[beta] == {
        "url": "https://cdn.example.com/beta.png",
        "length": "0",
        "type": "image/png",
    }
    atom = feedparser.parse((built.outdir / "blog/atom.xml").read_bytes())
    links = {
        entry.link: [(k.href, k.get("length"), k.type) for k in entry.links if k.rel == "enclosure"]
        for entry in atom.entries
    }
    assert links[gamma] == [(url, str(svg), "image/svg+xml")]
    assert links[beta] == [("https://cdn.example.com/beta.png", None, "image/png")]
    items = json.loads((built.outdir / "blog/feed.json").read_text(encoding="utf-8"))["items"]
    by_url = {item["url"]: item for item in items}
    assert by_url[gamma]["image"] == url
    assert by_url[gamma]["attachments"] == [
        {"url": url, "mime_type": "image/svg+xml", "size_in_bytes": svg}
    ]
    assert by_url[beta]["attachments"] == [
        {"url": "https://cdn.example.com/beta.png", "mime_type": "image/png"}
    ]


# --------------------------------------------------------------------------
# Labels and month names follow `language`


def _pages(outdir: Path) -> dict[str, str]:
    """``{path: normalised main content}`` of the generated pages and the posts."""
    paths = blog_pages(outdir) + sorted(
        p.relative_to(outdir).as_posix() for p in (outdir / "posts").rglob("*.html")
    )
    return {path: normalised_page(outdir / path) for path in paths}


def test_switching_language_leaves_no_stale_labels(tmp_path: Path) -> None:
    src = copy_root("i18n", tmp_path / "src")
    out = tmp_path / "out"
    english = build(src, builddir=out, confoverrides={"language": "en"})
    assert english.warnings() == []
    english_pages = _pages(english.outdir)
    german = build(src, builddir=out, confoverrides={"language": "de"})
    assert german.warnings() == []
    german_pages = _pages(german.outdir)
    fresh = build(src, builddir=tmp_path / "fresh", confoverrides={"language": "de"})
    assert german_pages == _pages(fresh.outdir)
    words = "".join(german_pages.values())
    assert "9. März 2026" in words and "Schlagwörter" in words
    assert "Mar 9, 2026" not in words
    back = build(src, builddir=out, confoverrides={"language": "en"})
    assert _pages(back.outdir) == english_pages
    assert "Mar 9, 2026" in "".join(english_pages.values())


def test_machine_locale_is_not_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A German machine building a project that sets no language: English.
    for name in ("LANG", "LC_ALL", "LC_TIME", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.setenv(name, "de_DE.UTF-8" if name != "LANGUAGE" else "de")
    src = copy_root("i18n", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('language = "de"\n', ""))
    built = build(src)
    assert built.warnings() == []
    words = "".join(_pages(built.outdir).values())
    assert "March 2026" in words and "Tags" in words
    assert "März" not in words and "Schlagwörter" not in words


# --------------------------------------------------------------------------
# Accessible listings

A11Y_INDEX = """\
# Home

## Latest

```{postlist}
:fields: excerpt
```

## As cards

```{postlist}
:layout: cards
```

## As a table

```{postlist}
:layout: table
```
"""


def _headings(soup: Any) -> list[int]:
    main = main_of(soup)
    return [int(h.name[1]) for h in main.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def test_listings_are_accessible(tmp_path: Path) -> None:
    excerpt = "An excerpt.\n\n<!-- more -->\n\n## A heading of the post\n\nMore text.\n"
    posts = {
        f"posts/p{n}.md": post(f"Post {n}", f"2024-0{n}-01", excerpt, "tags: [a]\n")
        for n in range(1, 6)
    }
    posts["posts/fr.md"] = post(
        "Un billet", "2024-07-01", "Écrit en français.", "tags: [a]\nlanguage: fr\n"
    )
    posts["posts/bad.md"] = post("Bad", "2024-08-01", "Text.", "language: not a tag\n")
    src = project(
        tmp_path,
        posts,
        conf='extensions.append("sphinx_design")\n'
        "blogarchive_posts_per_page = 3\nblogarchive_related_posts = 3\n",
        index=A11Y_INDEX,
    )
    built = build(src)
    assert built.warnings() == [
        "posts/bad.md:3: WARNING: 'language' should be a language tag such as 'fr' or "
        "'pt-BR', not 'not a tag'; ignored [blogarchive.metadata]"
    ]
    listing_pages = ["index", *(p[: -len(".html")] for p in blog_pages(built.outdir))]
    for page in listing_pages:
        soup = built.soup(page)
        levels = _headings(soup)
        # One h1, then no level skipped.
        assert levels[:1] == [1] and levels.count(1) == 1, (page, levels)
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (page, levels)
        main = main_of(soup)
        # The post's own headings are no part of a listing, nor of its contents.
        assert "A heading of the post" not in main.get_text(), page
        # Each link to a post is named by the post's title.
        for entry in main.select(".blogarchive-entry"):
            title = text_of(entry.select_one(".blogarchive-entry-title"))
            for link in entry.find_all("a"):
                if "blogarchive-tag" in link.get("class", []) or "/tag/" in link["href"]:
                    continue
                assert text_of(link) == title, (page, str(link))
    toc = built.soup("index").select_one(".sphinxsidebar")
    assert toc is not None and "A heading of the post" not in toc.get_text()
    # The current page number of a paginated listing.
    nav = built.soup("blog/index").select_one("nav.blogarchive-pagination")
    assert nav is not None
    # (stable pagination: the first page has the highest number, listed first)
    numbers = [text_of(li) for li in nav.select("ol li")]
    assert [text_of(n) for n in nav.select('[aria-current="page"]')] == [numbers[0]]
    assert numbers[0] == str(max(int(n) for n in numbers if n.isdigit()))
    # A post in another language: its entries, its page and its JSON-LD say so.
    for page in ["index", "blog/index", "blog/tag/a"]:
        langs = {
            text_of(e.select_one(".blogarchive-entry-title")): e.get("lang")
            for e in built.soup(page).select(".blogarchive-entry")
        }
        assert langs["Un billet"] == "fr", page
        assert {lang for title, lang in langs.items() if title != "Un billet"} == {None}
    page = built.soup("posts/fr")
    section = page.select_one('section[lang="fr"]')
    assert section is not None
    assert text_of(section.select_one("h1")).startswith("Un billet")
    # The labels around it stay in the project's language.
    header = section.select_one(".blogarchive-post-header")
    assert header is not None and header["lang"] == "en"
    ld = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert ld["inLanguage"] == "fr"
    assert built.soup("posts/p1").select_one(".blogarchive-post-header").get("lang") is None


# --------------------------------------------------------------------------
# Excerpts on listing pages

EXCERPT_POST = """\
---
date: 2024-03-01
tags: [notes]
---

# Links everywhere

(start-label)=
See [the other page](../../other.md), {doc}`/other`, {ref}`a section <other-section>`,
[a section here](#details), {download}`the data <data.csv>`, [a file](notes.html),
the picture ![a chart](chart.svg), a footnote[^1], and $e^{i\\pi} + 1 = 0$.

$$
\\int_0^1 x\\,dx = \\tfrac12
$$

<!-- more -->

(details)=
## Details

[^1]: The footnote.
"""
OTHER_PAGE = "(other-section)=\n# Other page\n\nThe page referred to.\n"


def _output(built: Built, page: str, builder: str) -> Path:
    """The output file of *page*: ``a/b.html``, or ``a/b/index.html`` under dirhtml."""
    if builder == "html" or page == "index" or page.endswith("/index"):
        return built.outdir / f"{page}.html"
    return built.outdir / page / "index.html"


def _excerpt_links(path: Path) -> tuple[list[Path], Any]:
    """Files the excerpt's links and images point to from the page *path*, and its node."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    excerpt = soup.select_one(".blogarchive-entry-excerpt")
    assert excerpt is not None, path
    targets = []
    for node in excerpt.select("a[href], img[src]"):
        url = str(node.get("href") or node.get("src"))
        assert "://" not in url and "\x1c" not in url, url
        target = resolve_href(path, url.split("#")[0]) if url.split("#")[0] else path
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file(), (path, url)
        if "#" in url:
            anchor = url.split("#", 1)[1]
            ids = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
            assert ids.find(id=anchor) is not None, (path, url)
        targets.append(target)
    return targets, excerpt


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_excerpt_links_work_from_every_listing_page(tmp_path: Path, builder: str) -> None:
    src = project(
        tmp_path,
        {
            "posts/2024/links.md": EXCERPT_POST,
            "posts/2024/data.csv": "a,b\n1,2\n",
            "posts/2024/notes.html": "<p>Notes.</p>\n",
            "posts/2024/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
            "other.md": OTHER_PAGE,
            "index.md": "# Home\n\n```{postlist}\n:fields: excerpt\n```\n\n"
            "```{toctree}\n:hidden:\n\nother\n```\n",
        },
        conf='blogarchive_listing_fields = ["date", "excerpt"]\n'
        'myst_enable_extensions = ["dollarmath"]\n'
        'html_extra_path = ["posts/2024/notes.html"]\n'
        "myst_heading_anchors = 2\n",
    )
    built = build(src, buildername=builder)
    assert built.warnings() == []
    for page in ["index", "blog/index", "blog/tag/notes", "blog/year/2024"]:
        path = _output(built, page, builder)
        targets, excerpt = _excerpt_links(path)
        # other.md twice, its section, the post's section, the download, the
        # file, the picture.
        assert len(targets) == 7, (page, targets)
        # Footnotes and labels stay on the post's page: no second id, no dead link.
        assert excerpt.select("[id]") == [], page
        assert excerpt.select("sup, .footnote-reference, a.footnote-reference") == [], page
        # Math in MathJax's markup, and MathJax loaded on the page.
        assert excerpt.select("span.math") and excerpt.select("div.math"), page
        assert "mathjax" in path.read_text(encoding="utf-8").lower(), page
    if builder == "html":  # the feeds' excerpts: every link absolute
        from feedcheck import check_all

        check_all(built.outdir, "https://example.org/")
        atom = (built.outdir / "blog/atom.xml").read_text(encoding="utf-8")
        assert "https://example.org/other.html#other-section" in atom
        assert "\x1c" not in atom


def test_excerpt_links_follow_a_moved_label_incrementally(tmp_path: Path) -> None:
    src = project(
        tmp_path,
        {
            "posts/p.md": post("Linking", "2024-01-01", "See {ref}`the place <the-place>`."),
            "one.md": "# One\n\n(the-place)=\n## Here\n\nText.\n",
            "two.md": "# Two\n\nText.\n",
            "index.md": "# Home\n\n```{postlist}\n:fields: excerpt\n```\n\n"
            "```{toctree}\n:hidden:\n\none\ntwo\n```\n",
        },
        conf='blogarchive_listing_fields = ["date", "excerpt"]\n',
    )
    out = tmp_path / "out"
    first = build(src, builddir=out)
    assert first.warnings() == []
    link = first.soup("blog/index").select_one(".blogarchive-entry-excerpt a")
    assert link is not None and link["href"] == "../one.html#the-place"
    write(src / "one.md", "# One\n\nText.\n")
    write(src / "two.md", "# Two\n\n(the-place)=\n## There\n\nText.\n")
    again = build(src, builddir=out)
    assert again.warnings() == []
    for page, up in (("index", ""), ("blog/index", "../"), ("blog/year/2024", "../../")):
        link = again.soup(page).select_one(".blogarchive-entry-excerpt a")
        assert link is not None and link["href"] == f"{up}two.html#the-place", page
