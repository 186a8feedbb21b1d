"""Feeds (Atom, RSS, JSON Feed): validity, URLs, ids, dates, content, builds.

Roots: ``test-feeds`` (tags, categories, authors, a draft, a scheduled post,
links and an image in a body) and the handed cases ``test-feed-03``,
``-12``, ``-13``, ``-15``, ``-16`` (copied from shared/cases). Every feed
goes through :func:`feedcheck.check_all`: strict XML, feedparser without
``bozo``, JSON Feed keys, absolute URLs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from feedcheck import ATOM, MANIFEST, check_all, feed_paths, parse_atom, parse_json, parse_rss
from helpers import (
    MYST_VERSION,
    ROOTS,
    Built,
    build,
    build_root,
    copy_root,
    main_of,
    resolve_href,
    soup_of,
    text_of,
    tree_state,
    write,
)

from sphinx_blogarchive.feeds._html import absolutize

BASE = "https://blog.example.org/"
CASE_BASE = "https://example.org/"

Builds = Callable[..., Built]


def feed_root(number: str) -> str:
    [name] = [p.name.removeprefix("test-") for p in ROOTS.glob(f"test-feed-{number}-*")]
    return name


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """``builds(root, **build options)``: one build per root and options, per module."""
    cache: dict[str, Built] = {}

    def get(root: str, **kwargs: Any) -> Built:
        key = f"{root}-{sorted(kwargs.items())!r}"
        if key not in cache:
            cache[key] = build_root(root, tmp_path_factory.mktemp(root[:20]), **kwargs)
        return cache[key]

    return get


def feed_bytes(outdir: Path) -> dict[str, bytes]:
    return {rel: (outdir / rel).read_bytes() for rel in feed_paths(outdir)}


FEEDS_ROOT_FILES = sorted(
    f"{stem}{suffix}"
    for stem in (
        "blog/",
        "blog/tag/python.",
        "blog/tag/web.",
        "blog/tag/café.",
        "blog/category/tutorials.",
        "blog/category/notes.",
        "blog/author/ada-lovelace.",
        "blog/author/bob-builder.",
    )
    for suffix in ("atom.xml", "rss.xml", "feed.json")
)
# Newest first: delta (18:00) and gamma (00:00) on 5 March, beta, alpha.
BLOG_ENTRIES = [
    f"{BASE}posts/delta.html",
    f"{BASE}posts/gamma.html",
    f"{BASE}posts/beta.html",
    f"{BASE}posts/alpha.html",
]


# --------------------------------------------------------------------------
# The feeds root


def test_every_feed_is_valid(builds: Builds) -> None:
    built = builds("feeds")
    assert built.warnings() == []
    parsed = check_all(built.outdir, BASE)
    assert sorted(parsed) == FEEDS_ROOT_FILES


def test_blog_feed(builds: Builds) -> None:
    built = builds("feeds")
    atom = parse_atom(built.outdir / "blog/atom.xml")
    assert atom.title == "Feeds & Things"
    assert atom.self_url == f"{BASE}blog/atom.xml"
    assert atom.home_url == f"{BASE}blog/index.html"
    assert atom.language == "en"
    assert [e.id for e in atom.entries] == BLOG_ENTRIES
    assert [e.title for e in atom.entries] == [
        "Delta",
        "Gamma",
        "Beta: <b>not bold</b>",
        "Alpha & Omega",
    ]
    root = ET.parse(built.outdir / "blog/atom.xml").getroot()
    assert root.findtext(f"{ATOM}subtitle") == "Notes on <feeds> & readers."
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Feed Team"
    # the feed's updated time is its newest entry's, not the build's
    assert atom.updated == "2024-03-05T18:00:00+00:00"
    rss = parse_rss(built.outdir / "blog/rss.xml")
    assert rss.updated == "Tue, 05 Mar 2024 18:00:00 +0000"
    # RSS 2.0 calls the channel description a phrase: plain text, escaped once
    channel = ET.parse(built.outdir / "blog/rss.xml").getroot().find("channel")
    assert channel is not None
    assert channel.findtext("description") == "Notes on <feeds> & readers."
    assert atom.raw.feed.subtitle == "Notes on <feeds> & readers."


def test_no_draft_or_scheduled_post_is_fed(builds: Builds) -> None:
    built = builds("feeds")
    for rel in feed_paths(built.outdir):
        text = (built.outdir / rel).read_text(encoding="utf-8")
        for leak in ("draft", "Unfinished", "scheduled", "future", "secret-plans", "time-travel"):
            assert leak not in text, (rel, leak)
    python = parse_atom(built.outdir / "blog/tag/python.atom.xml")
    assert [e.id for e in python.entries] == [f"{BASE}posts/beta.html", f"{BASE}posts/alpha.html"]


def test_term_feeds(builds: Builds) -> None:
    built = builds("feeds")
    cafe = parse_atom(built.outdir / "blog/tag/café.atom.xml")
    assert cafe.title == "Feeds & Things: Posts tagged “Café”"
    assert cafe.self_url == f"{BASE}blog/tag/caf%C3%A9.atom.xml"
    assert cafe.home_url == f"{BASE}blog/tag/caf%C3%A9.html"
    assert [e.id for e in cafe.entries] == [f"{BASE}posts/gamma.html"]
    ada = parse_json(built.outdir / "blog/author/ada-lovelace.feed.json")
    assert ada.title == "Feeds & Things: Posts by Ada Lovelace"
    assert [e.id for e in ada.entries] == [f"{BASE}posts/beta.html", f"{BASE}posts/alpha.html"]
    notes = parse_rss(built.outdir / "blog/category/notes.rss.xml")
    assert [e.title for e in notes.entries] == ["Gamma"]


def test_entry_dates_authors_and_categories(builds: Builds) -> None:
    built = builds("feeds")
    atom = {e.id: e for e in parse_atom(built.outdir / "blog/atom.xml").entries}
    beta = atom[f"{BASE}posts/beta.html"]
    assert (beta.published, beta.updated) == (
        "2024-02-20T10:15:00+01:00",
        "2024-03-01T08:00:00+01:00",
    )
    assert beta.authors == ["Ada Lovelace", "Bob Builder"]
    assert beta.categories == ["python"]
    gamma = atom[f"{BASE}posts/gamma.html"]
    assert (gamma.published, gamma.updated) == ("2024-03-05T00:00:00+00:00",) * 2
    assert gamma.categories == ["web", "Café", "notes"]
    assert gamma.authors == []
    rss = {e.id: e for e in parse_rss(built.outdir / "blog/rss.xml").entries}
    assert rss[f"{BASE}posts/beta.html"].published == "Tue, 20 Feb 2024 10:15:00 +0100"
    assert rss[f"{BASE}posts/beta.html"].authors == ["Ada Lovelace", "Bob Builder"]
    items = {e.id: e for e in parse_json(built.outdir / "blog/feed.json").entries}
    assert items[f"{BASE}posts/beta.html"].updated == "2024-03-01T08:00:00+01:00"
    assert items[f"{BASE}posts/gamma.html"].categories == ["web", "Café", "notes"]
    root = ET.parse(built.outdir / "blog/atom.xml").getroot()
    schemes = {c.get("term"): c.get("scheme") for c in root.iter(f"{ATOM}category")}
    assert schemes["notes"] == f"{BASE}blog/category/"
    assert schemes["web"] == f"{BASE}blog/tag/"
    uris = {a.findtext(f"{ATOM}name"): a.findtext(f"{ATOM}uri") for a in root.iter(f"{ATOM}author")}
    assert uris["Ada Lovelace"] == f"{BASE}blog/author/ada-lovelace.html"


def test_json_feed_keys(builds: Builds) -> None:
    built = builds("feeds")
    data = json.loads((built.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    assert list(data) == [
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "language",
        "authors",
        "items",
    ]
    # a local image: the copy the listings use, at its absolute URL
    gamma = data["items"][1]
    assert gamma["id"] == f"{BASE}posts/gamma.html"
    assert gamma["image"].startswith(f"{BASE}_images/blogarchive/")
    assert (built.outdir / gamma["image"].removeprefix(BASE)).read_bytes() == (
        built.srcdir / "posts/pic.svg"
    ).read_bytes()
    beta = data["items"][2]
    assert beta == {
        "id": f"{BASE}posts/beta.html",
        "url": f"{BASE}posts/beta.html",
        "title": "Beta: <b>not bold</b>",
        "content_html": "<p>Before the <em>marker</em>, with <code>code</code>.</p>",
        "summary": "Before the marker, with code.",
        "image": "https://cdn.example.com/beta.png",
        "attachments": [{"url": "https://cdn.example.com/beta.png", "mime_type": "image/png"}],
        "date_published": "2024-02-20T10:15:00+01:00",
        "date_modified": "2024-03-01T08:00:00+01:00",
        "authors": [
            {"name": "Ada Lovelace", "url": f"{BASE}blog/author/ada-lovelace.html"},
            {"name": "Bob Builder", "url": f"{BASE}blog/author/bob-builder.html"},
        ],
        "tags": ["python"],
    }


def test_excerpt_content(builds: Builds) -> None:
    built = builds("feeds")
    atom = {e.id: e for e in parse_atom(built.outdir / "blog/atom.xml").entries}
    alpha = atom[f"{BASE}posts/alpha.html"]
    # the excerpt: the first paragraph, with its external link kept
    assert alpha.content == ""
    if MYST_VERSION >= (5, 0):  # myst-parser 4 escapes the link's "&" twice
        assert 'href="https://example.com/page?a=1&amp;b=2"' in alpha.summary
    else:
        assert 'href="https://example.com/page?a=1' in alpha.summary
    assert "Details" not in alpha.summary
    # beta: the part before the "more" marker
    beta = atom[f"{BASE}posts/beta.html"]
    assert "After the marker" not in beta.summary
    # delta has no body: its subtitle, as text
    delta = atom[f"{BASE}posts/delta.html"]
    assert delta.summary == "<p>Only a subtitle, and no body</p>"
    items = {e.id: e for e in parse_json(built.outdir / "blog/feed.json").entries}
    assert items[f"{BASE}posts/delta.html"].content == "<p>Only a subtitle, and no body</p>"


def test_full_content(builds: Builds) -> None:
    built = builds("feeds", confoverrides={"blogarchive_feed_content": "full"})
    assert built.warnings() == []
    check_all(built.outdir, BASE)
    atom = {e.id: e for e in parse_atom(built.outdir / "blog/atom.xml").entries}
    alpha = atom[f"{BASE}posts/alpha.html"].content
    # links inside the project and images become absolute, and they exist
    assert f'href="{BASE}posts/beta.html"' in alpha
    assert f'href="{BASE}blog/tag/python.html"' in alpha
    assert f'href="{BASE}posts/alpha.html#details"' in alpha
    assert f'src="{BASE}_images/pic.svg"' in alpha
    assert (built.outdir / "_images/pic.svg").is_file()
    # the body: no <h1> title, no post header, no "¶" anchors; subsections stay <h2>
    assert "<h1" not in alpha and "Alpha &amp; Omega" not in alpha
    assert "blogarchive-post-header" not in alpha
    assert "headerlink" not in alpha and "¶" not in alpha
    assert "<h2>Details</h2>" in alpha
    beta = atom[f"{BASE}posts/beta.html"]
    assert "After the marker: only in the full post." in beta.content
    assert "After the marker" not in beta.summary
    gamma = atom[f"{BASE}posts/gamma.html"].content
    assert f'href="{BASE}posts/alpha.html"' in gamma
    assert f'src="{BASE}_images/pic.svg"' in gamma
    # a post without a body has no content element; its summary stands
    delta = atom[f"{BASE}posts/delta.html"]
    assert (delta.content, delta.summary) == ("", "<p>Only a subtitle, and no body</p>")
    rss = {e.id: e for e in parse_rss(built.outdir / "blog/rss.xml").entries}
    assert "After the marker" in rss[f"{BASE}posts/beta.html"].content
    items = {e.id: e for e in parse_json(built.outdir / "blog/feed.json").entries}
    assert "After the marker" in items[f"{BASE}posts/beta.html"].content


def test_feed_length(builds: Builds) -> None:
    built = builds("feeds", confoverrides={"blogarchive_feed_length": 2})
    assert built.warnings() == []
    for rel in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json"):
        feed = check_all(built.outdir, BASE)[rel]
        assert [e.id for e in feed.entries] == BLOG_ENTRIES[:2]
    # the feed's updated time is its newest entry's, whatever the length
    atom = parse_atom(built.outdir / "blog/atom.xml")
    assert atom.updated == "2024-03-05T18:00:00+00:00"


def test_feed_length_zero_is_every_post(builds: Builds) -> None:
    built = builds("feeds", confoverrides={"blogarchive_feed_length": 0})
    assert built.warnings() == []
    feed = check_all(built.outdir, BASE)["blog/atom.xml"]
    assert [e.id for e in feed.entries] == BLOG_ENTRIES


def test_year_feeds(builds: Builds) -> None:
    """``"year"`` in blogarchive_feed_taxonomies: a feed beside each year page."""
    built = builds(
        "feeds",
        confoverrides={
            "blogarchive_feed_formats": ["atom"],
            "blogarchive_feed_taxonomies": ["year"],
        },
    )
    assert built.warnings() == []
    parsed = check_all(built.outdir, BASE)
    assert feed_paths(built.outdir) == ["blog/atom.xml", "blog/year/2024.atom.xml"]
    assert [e.id for e in parsed["blog/year/2024.atom.xml"].entries] == BLOG_ENTRIES
    head = soup_of(built.path("blog/year/2024")).find_all("link", rel="alternate")
    assert head[0]["href"] == f"{BASE}blog/year/2024.atom.xml"


def test_formats_and_taxonomies(builds: Builds) -> None:
    built = builds(
        "feeds",
        confoverrides={
            "blogarchive_feed_formats": ["json"],
            "blogarchive_feed_taxonomies": ["tag"],
        },
    )
    assert built.warnings() == []
    check_all(built.outdir, BASE)
    assert feed_paths(built.outdir) == [
        "blog/feed.json",
        "blog/tag/café.feed.json",
        "blog/tag/python.feed.json",
        "blog/tag/web.feed.json",
    ]
    head = soup_of(built.path("posts/alpha")).find_all("link", rel="alternate")
    assert [link["type"] for link in head] == ["application/feed+json"]


def test_feeds_false(builds: Builds) -> None:
    built = builds("feeds", confoverrides={"blogarchive_feeds": False, "html_baseurl": ""})
    assert built.warnings() == []
    assert NO_FEEDS not in built.status  # the user turned them off: nothing to say
    assert feed_paths(built.outdir) == []
    assert not (built.outdir / MANIFEST).exists()
    assert soup_of(built.path("blog/index")).find("link", rel="alternate") is None
    assert main_of(built.soup("blog/index")).select(".blogarchive-feeds") == []


def test_no_term_feed_without_its_page(builds: Builds) -> None:
    built = builds("feeds", confoverrides={"blogarchive_pages": ["archive", "years"]})
    assert built.warnings() == [
        "posts/alpha.md:11: WARNING: {blog:tag} target 'python' has no page [blogarchive.ref]"
    ]
    check_all(built.outdir, BASE)
    assert feed_paths(built.outdir) == ["blog/atom.xml", "blog/feed.json", "blog/rss.xml"]


def test_paths_move_the_feeds(builds: Builds) -> None:
    built = builds(
        "feeds", confoverrides={"blogarchive_paths": {"archive": "news", "tag": "topics"}}
    )
    assert built.warnings() == []
    parsed = check_all(built.outdir, BASE)
    assert {"news/atom.xml", "topics/python.rss.xml", "blog/author/ada-lovelace.feed.json"} <= set(
        parsed
    )
    assert parsed["news/atom.xml"].home_url == f"{BASE}news/index.html"


def test_language_tag(builds: Builds) -> None:
    built = builds("feeds", confoverrides={"language": "pt_BR"})
    assert built.warnings() == []
    parsed = check_all(built.outdir, BASE)
    assert {
        parsed[rel].language for rel in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json")
    } == {"pt-BR"}


# --------------------------------------------------------------------------
# Links to the feeds from the pages


def head_links(built: Built, pagename: str) -> list[tuple[str, str, str]]:
    soup = built.soup(pagename)
    return [
        (link["type"], link["title"], link["href"])
        for link in soup.find_all("link", rel="alternate")
    ]


BLOG_HEAD = [
    ("application/atom+xml", "Feeds & Things (Atom)", f"{BASE}blog/atom.xml"),
    ("application/rss+xml", "Feeds & Things (RSS)", f"{BASE}blog/rss.xml"),
    ("application/feed+json", "Feeds & Things (JSON Feed)", f"{BASE}blog/feed.json"),
]


def test_head_links(builds: Builds) -> None:
    built = builds("feeds")
    for page in ("index", "posts/alpha", "blog/index", "blog/tag/index", "blog/year/2024"):
        assert head_links(built, page) == BLOG_HEAD, page
    # a term page links its own feeds first, then the blog's
    own = "Feeds & Things: Posts tagged “python”"
    assert head_links(built, "blog/tag/python") == [
        ("application/atom+xml", f"{own} (Atom)", f"{BASE}blog/tag/python.atom.xml"),
        ("application/rss+xml", f"{own} (RSS)", f"{BASE}blog/tag/python.rss.xml"),
        ("application/feed+json", f"{own} (JSON Feed)", f"{BASE}blog/tag/python.feed.json"),
        *BLOG_HEAD,
    ]
    # escaped exactly once in the page source
    source = built.path("index").read_text(encoding="utf-8")
    assert 'title="Feeds &amp; Things (Atom)"' in source


def visible_links(built: Built, pagename: str) -> list[tuple[str, Path]]:
    page = built.path(pagename)
    block = main_of(soup_of(page)).select_one(".blogarchive-feeds")
    assert block is not None, pagename
    return [(text_of(a), resolve_href(page, a["href"])) for a in block.find_all("a")]


def test_visible_links(builds: Builds) -> None:
    built = builds("feeds")
    out = built.outdir
    assert visible_links(built, "blog/index") == [
        ("Atom", out / "blog/atom.xml"),
        ("RSS", out / "blog/rss.xml"),
        ("JSON Feed", out / "blog/feed.json"),
    ]
    assert visible_links(built, "blog/tag/café") == [
        ("Atom", out / "blog/tag/café.atom.xml"),
        ("RSS", out / "blog/tag/café.rss.xml"),
        ("JSON Feed", out / "blog/tag/café.feed.json"),
    ]
    for _name, target in visible_links(built, "blog/author/ada-lovelace"):
        assert target.is_file()
    # year pages and indexes have no feed of their own
    for page in ("blog/year/2024", "blog/tag/index"):
        assert main_of(built.soup(page)).select(".blogarchive-feeds") == []


def test_visible_links_on_an_archive_document(tmp_path: Path) -> None:
    built = build_root("directives", tmp_path, confoverrides={"html_baseurl": "https://d.example/"})
    assert built.warnings() == []
    check_all(built.outdir, "https://d.example/")
    page = built.path("archive")
    links = visible_links(built, "archive")
    assert [name for name, _ in links] == ["Atom", "RSS", "JSON Feed"]
    assert all(target.is_file() for _, target in links)
    assert parse_atom(built.outdir / "blog/atom.xml").home_url == "https://d.example/archive.html"
    assert soup_of(page).find("link", rel="alternate")["href"] == "https://d.example/blog/atom.xml"


def test_dirhtml(builds: Builds) -> None:
    built = builds("feeds", buildername="dirhtml")
    assert built.warnings() == []
    parsed = check_all(built.outdir, BASE)
    assert sorted(parsed) == FEEDS_ROOT_FILES
    atom = parsed["blog/atom.xml"]
    assert atom.home_url == f"{BASE}blog/"
    assert atom.entries[0].id == f"{BASE}posts/delta/"
    page = built.outdir / "blog/tag/python/index.html"
    block = main_of(soup_of(page)).select_one(".blogarchive-feeds")
    assert resolve_href(page, block.find("a")["href"]) == built.outdir / "blog/tag/python.atom.xml"


@pytest.mark.parametrize("builder", ["epub", "singlehtml", "text"])
def test_other_builders_write_no_feeds(builds: Builds, builder: str) -> None:
    overrides = {"blogarchive_feeds": True}
    if builder == "epub":
        overrides |= {"copyright": "2025, Fixture", "version": "1.0"}
    built = builds("feeds", buildername=builder, confoverrides=overrides)
    # asked for explicitly, yet no warning: these builders never get feeds
    assert built.warnings() == []
    assert feed_paths(built.outdir) == []
    assert not (built.outdir / MANIFEST).exists()
    for page in built.outdir.rglob("*.*htm*"):
        assert 'rel="alternate"' not in page.read_text(encoding="utf-8"), page
        assert "blogarchive-feeds" not in page.read_text(encoding="utf-8"), page


def test_html_extra_path_file_wins(tmp_path: Path) -> None:
    src = copy_root("feeds", tmp_path / "src")
    (src / "extra/blog").mkdir(parents=True)
    (src / "extra/blog/rss.xml").write_text("<rss>mine</rss>", encoding="utf-8")
    built = build(src, builddir=tmp_path / "_build", confoverrides={"html_extra_path": ["extra"]})
    assert built.warnings() == [
        "WARNING: the feed 'blog/rss.xml' is not written: a file of html_extra_path has "
        "that name [blogarchive.collision]"
    ]
    assert (built.outdir / "blog/rss.xml").read_text(encoding="utf-8") == "<rss>mine</rss>"
    assert "blog/rss.xml" not in json.loads((built.outdir / MANIFEST).read_text(encoding="utf-8"))
    parse_atom(built.outdir / "blog/atom.xml")
    # a second build keeps the user's file too
    again = build(src, builddir=tmp_path / "_build", confoverrides={"html_extra_path": ["extra"]})
    assert len(again.warnings()) == 1
    assert (again.outdir / "blog/rss.xml").read_text(encoding="utf-8") == "<rss>mine</rss>"


# --------------------------------------------------------------------------
# Configuration


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("feeds", "yes", "must be True, False or None; using the default (None)"),
        ("feeds", 0, "must be True, False or None; using the default (None)"),
        (
            "feed_formats",
            ["atom", "xml"],
            "must be a list drawn from atom, rss, json; using the default "
            "(['atom', 'rss', 'json'])",
        ),
        ("feed_length", -1, "must be a whole number (0: every post); using the default (20)"),
        ("feed_content", "summary", "must be one of excerpt, full; using the default ('excerpt')"),
        (
            "feed_taxonomies",
            ["month"],
            "must be a list drawn from tag, category, author, year; using the default "
            "(['tag', 'category', 'author'])",
        ),
    ],
)
def test_invalid_feed_config(tmp_path: Path, name: str, value: Any, message: str) -> None:
    built = build_root("feeds", tmp_path, confoverrides={f"blogarchive_{name}": value})
    assert built.warnings() == [
        f"WARNING: blogarchive_{name} = {value!r} {message} [blogarchive.config]"
    ]
    # the default is used: the feeds are all there
    assert sorted(check_all(built.outdir, BASE)) == FEEDS_ROOT_FILES


# --------------------------------------------------------------------------
# Scheduled posts, SOURCE_DATE_EPOCH, empty feeds


def test_scheduled_post_is_fed_once_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(32503680000))  # 3000-01-01
    built = build_root("feeds", tmp_path)
    assert built.warnings() == []
    atom = check_all(built.outdir, BASE)["blog/atom.xml"]
    assert atom.entries[0].id == f"{BASE}posts/scheduled.html"
    assert atom.updated == "2999-01-01T00:00:00+00:00"
    assert "blog/tag/time-travel.atom.xml" in feed_paths(built.outdir)


def test_feed_without_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every post is after "now": the blog feed is empty, dated SOURCE_DATE_EPOCH.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")  # 2000-01-01
    built = build_root("feeds", tmp_path)
    # the roles of the posts point to pages and posts that are not published yet
    assert built.warnings() == [
        "posts/alpha.md:11: WARNING: {blog:tag} target 'python' has no page [blogarchive.ref]",
        "posts/gamma.rst:9: WARNING: {blog:post} target 'beta' is not published (future); "
        "linked as text [blogarchive.ref]",
    ]
    parsed = check_all(built.outdir, BASE)
    assert sorted(parsed) == ["blog/atom.xml", "blog/feed.json", "blog/rss.xml"]
    assert parsed["blog/atom.xml"].entries == []
    assert parsed["blog/atom.xml"].updated == "2000-01-01T00:00:00+00:00"
    assert parsed["blog/rss.xml"].updated == "Sat, 01 Jan 2000 00:00:00 +0000"


def test_feed_without_posts_or_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = copy_root("feeds", tmp_path / "src")
    shutil.rmtree(src / "posts")
    built = build(src, builddir=tmp_path / "_build")
    assert built.warnings() == []
    atom = check_all(built.outdir, BASE)["blog/atom.xml"]
    # not the build's clock: the Unix epoch
    assert (atom.entries, atom.updated) == ([], "1970-01-01T00:00:00+00:00")


# --------------------------------------------------------------------------
# Handed cases


def test_case_12_titles_escaped_once(builds: Builds) -> None:
    built = builds(feed_root("12"))
    assert built.warnings() == []
    parsed = check_all(built.outdir, CASE_BASE)
    expected = [
        "Using <div> safely",
        "Dash&ndash;style \"quotes\" and 'apostrophes'",
        "Tips & Tricks: <br> vs <hr>",
    ]
    for rel in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json", "blog/tag/escaping.atom.xml"):
        feed = parsed[rel]
        assert [e.title for e in feed.entries] == expected, rel
    assert parsed["blog/atom.xml"].title == "Notes & Queries"
    assert parsed["blog/atom.xml"].raw.feed.title == "Notes & Queries"
    assert [e.title for e in parsed["blog/rss.xml"].raw.entries] == expected
    atom = (built.outdir / "blog/atom.xml").read_text(encoding="utf-8")
    assert "<title>Tips &amp; Tricks: &lt;br&gt; vs &lt;hr&gt;</title>" in atom
    assert "&amp;ndash;" in atom  # the literal text, not an undeclared entity
    author = parsed["blog/author/r-and-d-team.atom.xml"]
    assert author.title == "Notes & Queries: Posts by R&D Team"
    assert author.entries[0].authors == ["R&D Team"]


NO_FEEDS = "blogarchive: no feeds written: html_baseurl is "


def test_case_13_no_base_url_no_feeds_and_one_line_says_so(builds: Builds) -> None:
    built = builds(feed_root("13"))
    assert built.warnings() == []
    assert built.status.count(NO_FEEDS) == 1
    assert f"{NO_FEEDS}not set\n" in built.status  # an info line, not a warning
    assert feed_paths(built.outdir) == []
    assert (built.outdir / "blog/index.html").is_file()
    assert built.soup("blog/index").find("link", rel="alternate") is None


def test_case_13_asked_without_base_url(builds: Builds) -> None:
    built = builds(feed_root("13"), confoverrides={"blogarchive_feeds": True})
    assert built.warnings() == [
        "WARNING: blogarchive_feeds is True but html_baseurl is not an absolute URL (such as "
        "'https://example.org/'); no feeds are written [blogarchive.feed]"
    ]
    assert "build succeeded" in built.status
    assert NO_FEEDS not in built.status  # the warning says it
    assert feed_paths(built.outdir) == []
    assert (built.outdir / "blog/index.html").is_file()


def test_case_13_relative_base_url(builds: Builds) -> None:
    built = builds(feed_root("13"), confoverrides={"html_baseurl": "/docs/"})
    assert built.warnings() == []
    assert f"{NO_FEEDS}not an absolute URL\n" in built.status
    assert feed_paths(built.outdir) == []


def test_case_13_with_base_url(builds: Builds) -> None:
    built = builds(feed_root("13"), confoverrides={"html_baseurl": "https://example.org"})
    assert built.warnings() == []
    assert NO_FEEDS not in built.status
    atom = check_all(built.outdir, CASE_BASE)["blog/atom.xml"]
    root = ET.parse(atom.path).getroot()
    assert root.findtext(f"{ATOM}id") == f"{CASE_BASE}blog/atom.xml"
    assert root.findtext(f"{ATOM}title") == "Fixture blog"
    assert root.findtext(f"{ATOM}updated") == "2024-08-02T00:00:00+00:00"
    assert [(e.id, e.title, e.updated, e.url) for e in atom.entries] == [
        (
            f"{CASE_BASE}posts/second.html",
            "Second",
            "2024-08-02T00:00:00+00:00",
            f"{CASE_BASE}posts/second.html",
        ),
        (
            f"{CASE_BASE}posts/first.html",
            "First",
            "2024-08-01T00:00:00+00:00",
            f"{CASE_BASE}posts/first.html",
        ),
    ]


def test_case_15_dates_not_localised(builds: Builds) -> None:
    built = builds(feed_root("15"))
    assert built.warnings() == []
    parsed = check_all(built.outdir, CASE_BASE)
    rss = parsed["blog/rss.xml"]
    assert [e.published for e in rss.entries] == [
        "Sat, 02 Mar 2024 09:30:00 +0200",
        "Fri, 01 Mar 2024 00:00:00 +0000",
    ]
    assert rss.updated == "Sat, 02 Mar 2024 09:30:00 +0200"
    atom = parsed["blog/atom.xml"]
    assert [e.published for e in atom.entries] == [
        "2024-03-02T09:30:00+02:00",
        "2024-03-01T00:00:00+00:00",
    ]
    assert atom.updated == "2024-03-02T09:30:00+02:00"
    assert [e.updated for e in parsed["blog/feed.json"].entries] == [
        "2024-03-02T09:30:00+02:00",
        "2024-03-01T00:00:00+00:00",
    ]
    assert {parsed[rel].language for rel in parsed} == {"de"}
    # the HTML shows German dates; the feeds' dates stay English and numeric
    assert "1. März 2024" in text_of(main_of(built.soup("blog/index")))
    for rel in parsed:
        text = (built.outdir / rel).read_text(encoding="utf-8")
        for german in ("Fr,", "Sa,", "Mär 2024", "März 2024", "MEZ"):
            assert german not in text, (rel, german)


def test_case_16_drafts_never_fed(builds: Builds) -> None:
    built = builds(feed_root("16"))
    assert built.warnings() == []
    parsed = check_all(built.outdir, CASE_BASE)
    assert sorted(parsed) == [
        "blog/atom.xml",
        "blog/feed.json",
        "blog/rss.xml",
        "blog/tag/python.atom.xml",
        "blog/tag/python.feed.json",
        "blog/tag/python.rss.xml",
    ]
    for rel, feed in parsed.items():
        assert [e.title for e in feed.entries] == ["Published two", "Published one"], rel
        text = (built.outdir / rel).read_text(encoding="utf-8")
        for leak in ("Secret", "secret", "launch-plans", "internal"):
            assert leak not in text, (rel, leak)


def test_case_16_drafts_not_fed_even_when_listed(builds: Builds) -> None:
    built = builds(feed_root("16"), confoverrides={"blogarchive_include_drafts": True})
    assert built.warnings() == []
    # the draft is listed (and its tag has a page), but never fed
    assert (built.outdir / "blog/tag/launch-plans.html").is_file()
    parsed = check_all(built.outdir, CASE_BASE)
    assert not any("launch-plans" in rel or "internal" in rel for rel in parsed)
    for rel, feed in parsed.items():
        assert [e.title for e in feed.entries] == ["Published two", "Published one"], rel
    assert main_of(built.soup("blog/tag/launch-plans")).select(".blogarchive-feeds") == []


def test_case_03_date_only_in_utc_and_in_the_blog_zone(builds: Builds) -> None:
    built = builds(feed_root("03"))
    assert built.warnings() == []
    parsed = check_all(built.outdir, CASE_BASE)
    assert parsed["blog/atom.xml"].entries[0].published == "2022-05-05T00:00:00+00:00"
    assert parsed["blog/rss.xml"].entries[0].published == "Thu, 05 May 2022 00:00:00 +0000"
    berlin = builds(feed_root("03"), confoverrides={"blogarchive_timezone": "Europe/Berlin"})
    assert berlin.warnings() == []
    parsed = check_all(berlin.outdir, CASE_BASE)
    assert parsed["blog/atom.xml"].entries[0].published == "2022-05-05T00:00:00+02:00"
    assert parsed["blog/rss.xml"].entries[0].published == "Thu, 05 May 2022 00:00:00 +0200"
    assert parsed["blog/feed.json"].entries[0].published == "2022-05-05T00:00:00+02:00"


# --------------------------------------------------------------------------
# Reproducible: TZ, LANG and the clock


def sphinx_build(
    src: Path, out: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-D", "html_theme=alabaster", *args]
    return subprocess.run(
        [*command, str(src), str(out)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def installed_locale(*names: str) -> str:
    """The first of *names* the C library knows (sphinx-build fails on any other)."""
    for name in names:
        probe = f"import locale; locale.setlocale(locale.LC_ALL, {name!r})"
        if subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0:
            return name
    return "C"


@pytest.mark.parametrize("root", ["feeds", feed_root("03"), feed_root("15")])
def test_byte_identical_across_tz_lang_and_clock(tmp_path: Path, root: str) -> None:
    src = copy_root(root, tmp_path / "src")
    # A German locale when the machine has one (its day and month names
    # would show in a strftime-formatted date), else another than the second.
    german = installed_locale("de_DE.UTF-8", "de_DE.utf8", "de_DE", "C.UTF-8")
    envs = [
        {"TZ": "Pacific/Auckland", "LANG": german, "LC_ALL": german},
        {"TZ": "America/Los_Angeles", "LANG": "POSIX", "LC_ALL": "POSIX"},
    ]
    outputs = []
    for n, env in enumerate(envs):
        if n:
            time.sleep(1.1)  # a later clock: any build-time stamp would differ
        out = tmp_path / f"out{n}"
        result = sphinx_build(src, out, env, "-D", "blogarchive_feed_content=full")
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        outputs.append(feed_bytes(out))
    first, second = outputs
    assert first and sorted(first) == sorted(second)
    for rel in first:
        assert first[rel] == second[rel], rel


# --------------------------------------------------------------------------
# Incremental and parallel builds


POST = """\
---
title: {title}
date: {date}
tags: [{tags}]
---

{body}
"""


def feed_mtimes(outdir: Path) -> dict[str, int]:
    state = tree_state(outdir)
    return {rel: state[rel][1] for rel in feed_paths(outdir)}


def assert_same_feeds(incremental: Built, tmp_path: Path, name: str) -> None:
    fresh = build(incremental.srcdir, builddir=tmp_path / name, freshenv=True)
    assert fresh.warnings() == []
    assert feed_bytes(incremental.outdir) == feed_bytes(fresh.outdir)
    assert (incremental.outdir / MANIFEST).read_bytes() == (fresh.outdir / MANIFEST).read_bytes()


def test_incremental_builds(tmp_path: Path) -> None:
    src = copy_root("feeds", tmp_path / "src")
    out = tmp_path / "_build"
    first = build(src, builddir=out)
    assert first.warnings() == []
    ids_before = {
        rel: [e.id for e in feed.entries] for rel, feed in check_all(first.outdir, BASE).items()
    }
    before = feed_mtimes(first.outdir)

    # 1. nothing changed: nothing read, no feed (nor the manifest) rewritten
    time.sleep(0.01)
    same = build(src, builddir=out)
    assert same.warnings() == []
    assert "0 added, 0 changed, 0 removed" in same.status
    assert feed_mtimes(same.outdir) == before
    assert tree_state(out / "html")[MANIFEST] == tree_state(first.outdir)[MANIFEST]

    # 2. a new post: it comes first; no existing id changes; feeds it is not in stay untouched
    write(
        src / "posts/epsilon.md",
        POST.format(title="Epsilon", date="2024-04-01", tags="web", body="New."),
    )
    added = build(src, builddir=out)
    assert added.warnings() == []
    parsed = check_all(added.outdir, BASE)
    for rel, ids in ids_before.items():
        now = [e.id for e in parsed[rel].entries]
        assert [i for i in now if i in ids] == ids, rel  # every old id, unchanged, in order
    assert parsed["blog/atom.xml"].entries[0].id == f"{BASE}posts/epsilon.html"
    assert parsed["blog/tag/web.atom.xml"].entries[0].id == f"{BASE}posts/epsilon.html"
    mtimes = feed_mtimes(added.outdir)
    for rel in ("blog/atom.xml", "blog/tag/web.atom.xml"):
        assert mtimes[rel] != before[rel], rel
    for rel in (
        "blog/tag/python.atom.xml",
        "blog/author/ada-lovelace.rss.xml",
        "blog/tag/café.feed.json",
    ):
        assert mtimes[rel] == before[rel], rel
    assert_same_feeds(added, tmp_path, "fresh-add")

    # 3. re-tag: the post leaves "web" for a new tag; the new tag gets feeds
    write(
        src / "posts/epsilon.md",
        POST.format(title="Epsilon", date="2024-04-01", tags="brand-new", body="New."),
    )
    retagged = build(src, builddir=out)
    assert retagged.warnings() == []
    parsed = check_all(retagged.outdir, BASE)
    assert [e.title for e in parsed["blog/tag/brand-new.atom.xml"].entries] == ["Epsilon"]
    assert f"{BASE}posts/epsilon.html" not in [
        e.id for e in parsed["blog/tag/web.atom.xml"].entries
    ]
    assert_same_feeds(retagged, tmp_path, "fresh-retag")

    # 4. delete it: the tag's feeds are stale and removed, with nothing else
    (src / "posts/epsilon.md").unlink()
    deleted = build(src, builddir=out)
    assert deleted.warnings() == []
    assert sorted(check_all(deleted.outdir, BASE)) == FEEDS_ROOT_FILES
    assert not (deleted.outdir / "blog/tag/brand-new.atom.xml").exists()
    assert_same_feeds(deleted, tmp_path, "fresh-delete")

    # 5. an edited title rewrites the feeds holding the post, and only those
    mtimes = feed_mtimes(deleted.outdir)
    text = (src / "posts/gamma.rst").read_text(encoding="utf-8")
    write(src / "posts/gamma.rst", text.replace("Gamma\n=====", "Gamma ray\n========="))
    edited = build(src, builddir=out)
    assert edited.warnings() == []
    assert "0 added, 1 changed, 0 removed" in edited.status
    after = feed_mtimes(edited.outdir)
    changed = sorted(rel for rel in after if after[rel] != mtimes[rel])
    assert changed == sorted(
        f"{stem}{suffix}"
        for stem in ("blog/", "blog/tag/web.", "blog/tag/café.", "blog/category/notes.")
        for suffix in ("atom.xml", "rss.xml", "feed.json")
    )
    assert parse_atom(edited.outdir / "blog/atom.xml").entries[1].title == "Gamma ray"
    assert_same_feeds(edited, tmp_path, "fresh-edit")

    # 6. feeds turned off: every feed and the manifest go
    off = build(src, builddir=out, confoverrides={"blogarchive_feeds": False})
    assert off.warnings() == []
    assert feed_paths(off.outdir) == []
    assert not (off.outdir / MANIFEST).exists()
    assert not (off.outdir / "blog/tag").joinpath("python.atom.xml").exists()
    assert (off.outdir / "blog/tag/python.html").is_file()


def test_failed_build_writes_no_feeds(tmp_path: Path) -> None:
    src = copy_root("feeds", tmp_path / "src")
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8")
        + "\n\ndef _fail(app):\n    raise RuntimeError('boom')\n\n\n"
        "def setup(app):\n    app.connect('html-collect-pages', _fail)\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="boom"):
        build(src, builddir=tmp_path / "_build")
    out = tmp_path / "_build/html"
    assert feed_paths(out) == []
    assert not (out / MANIFEST).exists()


def test_parallel_equals_serial(tmp_path: Path) -> None:
    [root] = [p.name.removeprefix("test-") for p in ROOTS.glob("test-case-24-*")]
    src = copy_root(root, tmp_path / "src")
    overrides = {"html_baseurl": CASE_BASE, "blogarchive_feed_content": "full"}
    serial = build(src, builddir=tmp_path / "j1", parallel=1, confoverrides=overrides)
    parallel = build(src, builddir=tmp_path / "j2", parallel=2, confoverrides=overrides)
    for built in (serial, parallel):
        assert built.warnings() == []
    readers = {
        line.split()[0]
        for line in (parallel.outdir / "readers.txt").read_text(encoding="utf-8").splitlines()
    }
    assert readers - {str(os.getpid())}, "no document was read in a worker"
    parsed = check_all(parallel.outdir, CASE_BASE)
    assert len(parsed["blog/atom.xml"].entries) == 12
    assert feed_bytes(parallel.outdir) == feed_bytes(serial.outdir)
    # the cross-reference inside p05 is absolute in the full content
    [p05] = [e for e in parsed["blog/atom.xml"].entries if e.id.endswith("/p05.html")]
    assert f'href="{CASE_BASE}posts/p08.html"' in p05.content


# --------------------------------------------------------------------------
# absolutize()


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<a href="other.html">x</a>', '<a href="https://e.org/posts/other.html">x</a>'),
        ('<a href="../blog/tag/a.html#t">x</a>', '<a href="https://e.org/blog/tag/a.html#t">x</a>'),
        ('<a href="#s">x</a>', '<a href="https://e.org/posts/a.html#s">x</a>'),
        (
            '<img src="../_images/p.png" alt="a &amp; b" />',
            '<img src="https://e.org/_images/p.png" alt="a &amp; b" />',
        ),
        (
            '<img srcset="a.png 1x, /b.png 2x">',
            '<img srcset="https://e.org/posts/a.png 1x, https://e.org/b.png 2x">',
        ),
        ('<a href="mailto:a@b.org">m</a>', '<a href="mailto:a@b.org">m</a>'),
        (
            '<a href="https://x.org/?a=1&amp;b=2">x</a>',
            '<a href="https://x.org/?a=1&amp;b=2">x</a>',
        ),
        ("<p>a &amp; b &lt;c&gt; &#8212;</p>", "<p>a &amp; b &lt;c&gt; &#8212;</p>"),
        (
            '<h2>T<a class="headerlink" href="#t" title="Link">¶</a></h2>',
            "<h2>T</h2>",
        ),
        ("<p>x<!-- more --></p>", "<p>x</p>"),
        ("", ""),
    ],
)
def test_absolutize(fragment: str, expected: str) -> None:
    assert absolutize(fragment, "https://e.org/posts/a.html") == expected


def test_paginated_listings_link_their_feeds(builds: Builds) -> None:
    built = builds("feeds", confoverrides={"blogarchive_posts_per_page": 1})
    assert built.warnings() == []
    # pagination does not change the feeds: one file per feed, every entry in it
    parsed = check_all(built.outdir, BASE)
    assert sorted(parsed) == FEEDS_ROOT_FILES
    assert [e.id for e in parsed["blog/atom.xml"].entries] == BLOG_ENTRIES
    out = built.outdir
    # every page of a listing shows and links its listing's feeds
    for page in ("blog/index", "blog/page/1", "blog/page/2"):
        assert visible_links(built, page)[0][1] == out / "blog/atom.xml", page
        assert head_links(built, page) == BLOG_HEAD, page
    for page in ("blog/tag/python", "blog/tag/python/page/1"):
        assert visible_links(built, page)[0][1] == out / "blog/tag/python.atom.xml"
        assert head_links(built, page)[0][2] == f"{BASE}blog/tag/python.atom.xml", page


def test_missing_local_image_is_left_out(tmp_path: Path) -> None:
    src = copy_root("feeds", tmp_path / "src")
    delta = src / "posts/delta.md"
    delta.write_text(
        delta.read_text(encoding="utf-8").replace(
            "title: Delta\n", "title: Delta\nimage: nope.png\n"
        ),
        encoding="utf-8",
    )
    built = build(src, builddir=tmp_path / "_build")
    assert len(built.warnings()) == 1 and "nope.png" in built.warnings()[0]
    data = json.loads((built.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    assert data["items"][0]["id"] == f"{BASE}posts/delta.html"
    assert "image" not in data["items"][0]
