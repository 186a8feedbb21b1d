"""The reader tools in a real browser: Debian's Chromium driven by Playwright.

Marked ``browser``: skipped unless ``--run-browser`` is given (or
``BLOGARCHIVE_BROWSER=1``), so ``nox -s tests`` stays browser-free;
``nox -s browser`` runs them. Playwright's own browser download is not used:
Chromium is the system's (``/usr/bin/chromium``, or ``BLOGARCHIVE_CHROMIUM``).

Two sites are built and served with :mod:`http.server` on 127.0.0.1:

- the browser root (``tests/roots/test-browser``): 13 posts, 3 to a page, so
  the archive is pages 1-3 and the first page (the 4 newest); a post titled
  ``<script>...``; Alabaster;
- the documentation site (``docs/``, pydata-sphinx-theme): its archive is
  one page (a document holding ``blog:archive``) of the 42 posts, with the
  sidebar widgets.

Expected lists are computed here from ``posts.json``, the index the build
writes, with the same matching rule as the script (every word of the query in
the title, subtitle, tags or authors, ignoring case and accents).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import REPO, build_root

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # run without playwright: every test here is skipped or fails clearly
    sync_playwright = None

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("BLOGARCHIVE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000

FILTER = ".blogarchive-tools input[type=search]"
SORT = ".blogarchive-tools select"
TITLES = ".blogarchive-listing .blogarchive-entry:visible .blogarchive-entry-title"
HEADINGS = ".blogarchive-listing .blogarchive-group:visible"
NO_MATCH = ".blogarchive-listing .blogarchive-no-match"
CHIPS = ".blogarchive-tools .blogarchive-chip"
STATE = ".blogarchive-tools .blogarchive-state"
RESET = ".blogarchive-tools button.blogarchive-reset"
PAGINATION = ".blogarchive-pagination"


# --------------------------------------------------------------------------
# Sites, server, browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Site:
    """A built site served on localhost."""

    outdir: Path
    base: str
    posts: list[dict[str, Any]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def file_url(self, path: str) -> str:
        """The ``file://`` URL of *path*: the page opened from the disk."""
        return (self.outdir / path).as_uri()

    def titles(
        self, query: str = "", scope: tuple[str, str] | None = None, tags: tuple[str, ...] = ()
    ) -> list[str]:
        """Titles of the posts matching *query* (in *scope*, with each of *tags*), newest first."""
        terms = fold(query).split()
        found = []
        for post in self.posts:
            if scope is not None and scope[1] not in [n["name"] for n in post[scope[0]]]:
                continue
            if not {fold(t) for t in tags} <= {fold(n["name"]) for n in post["tags"]}:
                continue
            hay = fold(
                " ".join(
                    [
                        post["title"],
                        post["subtitle"],
                        *(n["name"] for n in post["tags"]),
                        *(n["name"] for n in post["authors"]),
                    ]
                )
            )
            if all(term in hay for term in terms):
                found.append(post["title"])
        return found


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve *root* on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _site(outdir: Path, base: str) -> Site:
    posts = json.loads((outdir / "blog/posts.json").read_text(encoding="utf-8"))
    return Site(outdir=outdir, base=base, posts=posts)


def _served_root(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Site]:
    """Build test root *name* (without a warning) and serve it."""
    built = build_root(name, tmp_path_factory.mktemp(f"{name}-root"))
    assert built.warnings() == []
    with serve(built.outdir) as base:
        yield _site(built.outdir, base)


@pytest.fixture(scope="module")
def paginated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _served_root(tmp_path_factory, "browser")


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("docs-site")
    status = build_main(
        [
            "-q",
            "-W",
            "-b",
            "html",
            "-d",
            str(out / "doctrees"),
            str(REPO / "docs"),
            str(out / "html"),
        ]
    )
    assert status == 0
    with serve(out / "html") as base:
        yield _site(out / "html", base)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if sync_playwright is None:
        pytest.fail("playwright is not installed: pip install -e '.[test,browser]'")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium (nox -s browser does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watched:
    page: Page
    errors: list[str]
    dialogs: list[str]


@pytest.fixture
def tab(browser: Browser) -> Iterator[Watched]:
    """A new page; script errors, our console errors and dialogs fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watched = Watched(page, [], [])
    page.on("pageerror", lambda error: watched.errors.append(str(error)))

    def on_console(msg: Any) -> None:
        # Our script's messages only: themes log their own (pydata: theme mode).
        if msg.type == "error" and "blogarchive" in (msg.location or {}).get("url", ""):
            watched.errors.append(msg.text)

    page.on("console", on_console)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield watched
    finally:
        context.close()
    assert watched.errors == []
    assert watched.dialogs == []


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_for_query(page: Page, expected: dict[str, list[str]]) -> None:
    """Wait until the page's URL holds exactly *expected* (the script debounces)."""
    page.wait_for_function(
        """(expected) => {
            const got = {};
            for (const [k, v] of new URLSearchParams(location.search)) (got[k] ||= []).push(v);
            return JSON.stringify(got) === JSON.stringify(expected);
        }""",
        arg=expected,
    )


# --------------------------------------------------------------------------
# A paginated archive (13 posts, 3 a page: pages 1 to 3, and the first page with 4)


def test_typing_hides_non_matching_posts(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    expect(page.locator(TITLES)).to_have_count(4)
    page.locator(FILTER).press_sequentially("sour")
    expect(page.locator(TITLES)).to_have_text(["Sourdough again"])
    assert paginated.titles("sour") == ["Sourdough again"]
    expect(page.locator(NO_MATCH)).to_be_hidden()


def test_nonsense_shows_no_matching_items(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    page.locator(FILTER).fill("qwxzzy")
    expect(page.locator(NO_MATCH)).to_be_visible()
    expect(page.locator(NO_MATCH)).to_have_text("No matching items")
    expect(page.locator(TITLES)).to_have_count(0)
    expect(page.locator(HEADINGS)).to_have_count(0)


def test_page_one_finds_a_post_of_the_last_page(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    assert "Zebra crossings of the old town" not in page.locator(TITLES).all_inner_texts()
    page.locator(FILTER).fill("zebra")
    expect(page.locator(TITLES)).to_have_text(["Zebra crossings of the old town"])
    expect(page.locator(HEADINGS)).to_have_text(["2023"])
    # While the results cover every page, the page links are hidden.
    expect(page.locator(PAGINATION).first).to_be_hidden()
    page.locator(TITLES).first.click()
    page.wait_for_url(re.compile(r"/posts/2023/post-01\.html$"))
    expect(page.locator("div.body h1")).to_have_text(re.compile("Zebra crossings of the old town"))


def test_clearing_the_filter_restores_the_page(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    first = page.locator(TITLES).all_inner_texts()
    page.locator(FILTER).fill("zebra")
    expect(page.locator(TITLES)).to_have_count(1)
    page.locator(FILTER).fill("")
    expect(page.locator(TITLES)).to_have_text(first)
    expect(page.locator(PAGINATION).first).to_be_visible()
    wait_for_query(page, {})


def test_order_menu_oldest_reverses_the_whole_listing(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    newest = paginated.titles()
    page.locator(SORT).select_option("oldest")
    expect(page.locator(TITLES)).to_have_text(list(reversed(newest)))
    expect(page.locator(HEADINGS)).to_have_text(["2023", "2024", "2025"])
    page.locator(SORT).select_option("title")
    expect(page.locator(TITLES)).to_have_text(sorted(newest, key=str.lower))
    expect(page.locator(HEADINGS)).to_have_count(0)
    page.locator(SORT).select_option("newest")
    expect(page.locator(TITLES)).to_have_text(newest[:4])  # the first page again


def test_tag_chip_filters(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    page.locator(".blogarchive-entry a.blogarchive-tag", has_text="baking").first.click()
    # A post's tag selects the filter box's chip of that tag; the text stays empty.
    expect(page.locator(FILTER)).to_have_value("")
    chip = page.locator(CHIPS, has_text="baking")
    expect(chip).to_have_attribute("aria-pressed", "true")
    expected = paginated.titles(tags=("baking",))
    assert expected == ["Sourdough again", "Bread and butter", "Rye experiments"]
    expect(page.locator(TITLES)).to_have_text(expected)
    assert page.url.startswith(paginated.url("blog/index.html"))  # no navigation
    wait_for_query(page, {"tag": ["baking"]})
    expect(page.locator(STATE)).to_have_text(f"3 of {len(paginated.posts)} posts Reset")


def test_chips_select_several_tags_and_reset_clears_all(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    first = page.locator(TITLES).all_inner_texts()
    expect(page.locator(STATE)).to_be_hidden()  # nothing filtered: no state shown
    page.locator(FILTER).focus()  # the index loads: chips for every page's tags
    chips = page.locator(CHIPS)
    every = sorted({t["name"] for p in paginated.posts for t in p["tags"]}, key=str.lower)
    expect(chips).to_have_text(every)
    page.locator(CHIPS, has_text="gardening").first.click()
    expect(page.locator(TITLES)).to_have_text(paginated.titles(tags=("gardening",)))
    two = paginated.titles(tags=("gardening", "weather"))
    assert 0 < len(two) < len(paginated.titles(tags=("gardening",)))
    page.locator(CHIPS, has_text="weather").click()
    expect(page.locator(TITLES)).to_have_text(two)
    expect(page.locator(f"{CHIPS}[aria-pressed=true]")).to_have_text(["gardening", "weather"])
    expect(page.locator(STATE)).to_be_visible()
    expect(page.locator(".blogarchive-state-text")).to_have_text(
        f"{len(two)} of {len(paginated.posts)} posts"
    )
    wait_for_query(page, {"tag": ["gardening", "weather"]})
    page.reload()  # restored from the address
    expect(page.locator(TITLES)).to_have_text(two)
    expect(page.locator(f"{CHIPS}[aria-pressed=true]")).to_have_text(["gardening", "weather"])
    # Text and tags together; nothing matches: the usual message
    page.locator(FILTER).fill("qwxzzy")
    expect(page.locator(NO_MATCH)).to_have_text("No matching items")
    expect(page.locator(".blogarchive-state-text")).to_have_text(
        f"0 of {len(paginated.posts)} posts"
    )
    # A second click unselects a chip
    page.locator(FILTER).fill("")
    page.locator(CHIPS, has_text="weather").click()
    expect(page.locator(TITLES)).to_have_text(paginated.titles(tags=("gardening",)))
    # Reset: no text, no tag, the listing's own order and page
    page.locator(SORT).select_option("oldest")
    page.locator(FILTER).fill("rain")
    page.locator(RESET).click()
    expect(page.locator(FILTER)).to_have_value("")
    expect(page.locator(FILTER)).to_be_focused()
    expect(page.locator(SORT)).to_have_value("newest")
    expect(page.locator(f"{CHIPS}[aria-pressed=true]")).to_have_count(0)
    expect(page.locator(TITLES)).to_have_text(first)
    expect(page.locator(PAGINATION).first).to_be_visible()
    expect(page.locator(STATE)).to_be_hidden()
    wait_for_query(page, {})


def test_chips_on_a_page_opened_from_the_disk(paginated: Site, tab: Watched) -> None:
    # From the disk: the chips hold the tags of the posts shown (and of the
    # whole listing once its index is read); a chip filters the whole listing.
    page = tab.page
    page.goto((paginated.outdir / "blog/index.html").as_uri())
    shown = {t["name"] for p in paginated.posts[:4] for t in p["tags"]}
    chips = set(page.locator(CHIPS).all_inner_texts())
    assert shown <= chips
    page.locator(CHIPS, has_text="baking").click()
    expected = paginated.titles(tags=("baking",))
    expect(page.locator(TITLES)).to_have_text(expected)
    expect(page.locator(".blogarchive-state-text")).to_have_text(
        f"{len(expected)} of {len(paginated.posts)} posts"
    )
    page.locator(RESET).click()
    expect(page.locator(TITLES)).to_have_count(4)


def test_state_in_the_url_is_restored(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    page.locator(FILTER).fill("garden")
    page.locator(SORT).select_option("oldest")
    wait_for_query(page, {"filter": ["garden"], "sort": ["oldest"]})
    expected = list(reversed(paginated.titles("garden")))
    assert expected == [
        "Seedlings",
        "Compost basics",
        "Tomatoes on the balcony",
        "Gardens after rain",
    ]
    expect(page.locator(TITLES)).to_have_text(expected)
    page.reload()
    expect(page.locator(FILTER)).to_have_value("garden")
    expect(page.locator(SORT)).to_have_value("oldest")
    expect(page.locator(TITLES)).to_have_text(expected)
    # A shared link opens the same view.
    other = page.context.new_page()
    other.goto(paginated.url("blog/page/2.html?filter=garden&sort=oldest"))
    expect(other.locator(TITLES)).to_have_text(expected)


def test_case_and_accents_are_ignored(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    page.locator(FILTER).fill("CAFE lisbon")
    expect(page.locator(TITLES)).to_have_text(["Café culture in Lisbon"])
    page.locator(FILTER).fill("grace walk")  # author and tag together
    expect(page.locator(TITLES)).to_have_text(paginated.titles("grace walk"))
    assert paginated.titles("grace walk") == ["Walking the coast path"]


def test_script_title_is_text(paginated: Site, tab: Watched) -> None:
    page = tab.page
    title = "<script>alert('owned')</script> is a title"
    page.goto(paginated.url("blog/page/3.html"))  # as the build wrote it
    expect(page.locator(TITLES).first).to_have_text(title)
    page.goto(paginated.url("blog/index.html"))  # as the script renders it from posts.json
    page.locator(FILTER).fill("owned")
    expect(page.locator(TITLES)).to_have_text([title])
    subtitle = page.locator(".blogarchive-entry:visible .blogarchive-entry-subtitle")
    expect(subtitle).to_have_text("<b>not bold</b>")
    assert page.locator(".blogarchive-listing script").count() == 0
    assert page.locator(".blogarchive-listing b").count() == 0
    # The `tab` fixture checks that no alert was opened and no script failed.


def test_paginated_author_page_searches_only_its_posts(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("blog/author/ada-lovelace.html"))
    expect(page.locator(PAGINATION).first).to_be_visible()
    ada = paginated.titles(scope=("authors", "Ada Lovelace"))
    assert len(ada) > 4
    page.locator(SORT).select_option("oldest")
    expect(page.locator(TITLES)).to_have_text(list(reversed(ada)))
    page.locator(FILTER).fill("walk")  # a walk by Grace is not Ada's
    expect(page.locator(TITLES)).to_have_text(paginated.titles("walk", ("authors", "Ada Lovelace")))
    assert paginated.titles("walk", ("authors", "Ada Lovelace")) == ["Winter solstice walk"]


def test_postlist_on_a_page_filters_in_place(paginated: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(paginated.url("index.html"))
    latest = paginated.titles()[:3]
    expect(page.locator(TITLES)).to_have_text(latest)
    page.locator(FILTER).fill("zebra")  # not among the three: not listed here
    expect(page.locator(NO_MATCH)).to_be_visible()
    page.locator(FILTER).fill("")
    page.locator(SORT).select_option("oldest")
    expect(page.locator(TITLES)).to_have_text(list(reversed(latest)))


def test_table_and_cards_listings_on_one_page(paginated: Site, tab: Watched) -> None:
    # layouts.md: baking and gardening posts as a table grouped by year, then
    # travel posts as cards, oldest first. Each listing has its own tools and
    # its own URL parameters (filter2, sort2 for the second).
    page = tab.page
    page.goto(paginated.url("layouts.html"))
    table, cards = page.locator(".blogarchive-listing").all()
    rows = table.locator(".blogarchive-entry:visible .blogarchive-entry-title")
    tiles = cards.locator(".blogarchive-entry:visible .blogarchive-entry-title")
    mine = [
        t
        for t in paginated.titles()
        if t in paginated.titles("baking") + paginated.titles("gardening")
    ]
    expect(rows).to_have_text(mine)
    travel = list(reversed(paginated.titles("travel")))
    expect(tiles).to_have_text(travel)
    expect(page.locator(SORT).nth(1)).to_have_value("oldest")  # the listing's own order
    page.locator(FILTER).nth(0).fill("grace")
    expected = [t for t in mine if t in paginated.titles("grace")]
    assert expected == ["Bread and butter", "Seedlings"]
    expect(rows).to_have_text(expected)
    expect(table.locator(".blogarchive-group:visible")).to_have_text(["2024", "2023"])
    page.locator(SORT).nth(0).select_option("title")
    expect(rows).to_have_text(sorted(expected, key=str.lower))
    page.locator(SORT).nth(1).select_option("newest")
    expect(tiles).to_have_text(paginated.titles("travel"))
    wait_for_query(page, {"filter": ["grace"], "sort": ["title"], "sort2": ["newest"]})
    page.reload()
    expect(rows).to_have_text(sorted(expected, key=str.lower))
    expect(tiles).to_have_text(paginated.titles("travel"))


def test_javascript_off_shows_the_clean_list(paginated: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(paginated.url("blog/index.html"))
        assert page.locator(".blogarchive-tools, div.body input, div.body select").count() == 0
        expect(page.locator(TITLES)).to_have_text(paginated.titles()[:4])
        expect(page.locator(PAGINATION).first).to_be_visible()
        expect(page.locator(HEADINGS)).to_have_text(["2025"])
        page.goto(paginated.url("blog/index.html?filter=zebra&sort=oldest"))
        expect(page.locator(TITLES)).to_have_text(paginated.titles()[:4])
    finally:
        context.close()


def test_file_url_searches_every_page(paginated: Site, tab: Watched) -> None:
    # A page opened from the disk cannot fetch posts.json; it loads posts.js,
    # the same list as a script, and searches and orders the whole listing.
    page = tab.page
    page.goto(paginated.file_url("blog/index.html"))
    page.locator(FILTER).fill("zebra")
    expect(page.locator(TITLES)).to_have_text(["Zebra crossings of the old town"])
    expect(page.locator(PAGINATION).first).to_be_hidden()
    page.locator(FILTER).fill("")
    page.locator(SORT).select_option("oldest")
    expect(page.locator(TITLES)).to_have_text(list(reversed(paginated.titles())))
    page.locator(TITLES).first.click()
    page.wait_for_url(re.compile(r"^file://.*/posts/2023/post-01\.html$"))


def test_without_the_index_the_tools_work_on_the_posts_shown(paginated: Site, tab: Watched) -> None:
    # Neither posts.json nor posts.js loads: the tools work on the page's posts.
    page = tab.page
    page.route(re.compile(r"/blog/posts\.js(on)?$"), lambda route: route.abort())
    page.goto(paginated.url("blog/index.html"))
    page.locator(FILTER).fill("sour")
    expect(page.locator(TITLES)).to_have_text(["Sourdough again"])
    page.locator(FILTER).fill("zebra")
    expect(page.locator(NO_MATCH)).to_be_visible()
    page.locator(FILTER).fill("")
    page.locator(SORT).select_option("oldest")
    expect(page.locator(TITLES)).to_have_text(list(reversed(paginated.titles()[:4])))


def test_index_is_loaded_only_when_needed(paginated: Site, tab: Watched) -> None:
    # Over HTTP the JSON file is fetched, the script form is not loaded; a
    # paginated listing asks for it only once the reader uses its tools.
    page = tab.page
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    page.goto(paginated.url("blog/index.html"))
    page.wait_for_load_state("load")
    assert not [path for path in asked if "/posts.js" in path]
    page.locator(FILTER).fill("zebra")
    expect(page.locator(TITLES)).to_have_text(["Zebra crossings of the old town"])
    assert [path for path in asked if "/posts.js" in path] == ["/blog/posts.json"]


def test_screenshot_of_the_paginated_archive(paginated: Site, tab: Watched, tmp_path: Path) -> None:
    page = tab.page
    page.goto(paginated.url("blog/index.html"))
    page.locator(FILTER).fill("a")
    page.locator(SORT).select_option("oldest")
    expect(page.locator(TITLES).first).to_have_text("Zebra crossings of the old town")
    path = tmp_path / "paginated-archive.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    print(f"\nscreenshot: {path}")


# --------------------------------------------------------------------------
# The site's archive (the docs site: pydata-sphinx-theme, one page, 42 posts)


def test_site_archive_filter_and_no_match(docs_site: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(docs_site.url("blog/index.html"))
    expect(page.locator(TITLES)).to_have_text(docs_site.titles())
    assert len(docs_site.titles()) == 42
    page.locator(FILTER).press_sequentially("strike")
    expected = docs_site.titles("strike")
    assert 0 < len(expected) < 42
    expect(page.locator(TITLES)).to_have_text(expected)
    page.locator(FILTER).fill("no such words anywhere")
    expect(page.locator(NO_MATCH)).to_have_text("No matching items")
    expect(page.locator(TITLES)).to_have_count(0)


def test_site_archive_year_headings_follow_the_filter(docs_site: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(docs_site.url("blog/index.html"))
    expect(page.locator(HEADINGS)).to_have_count(7)
    first_post = docs_site.posts[-1]  # the oldest: 2020
    page.locator(FILTER).fill(first_post["title"])
    expect(page.locator(HEADINGS)).to_have_text([first_post["date"][:4]])


def test_site_archive_order_and_tag_chip(docs_site: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(docs_site.url("blog/index.html"))
    page.locator(SORT).select_option("oldest")
    expect(page.locator(TITLES)).to_have_text(list(reversed(docs_site.titles())))
    expect(page.locator(HEADINGS).first).to_have_text("2020")
    page.locator(SORT).select_option("title")  # one list, no year headings
    expect(page.locator(TITLES)).to_have_text(sorted(docs_site.titles(), key=str.lower))
    expect(page.locator(HEADINGS)).to_have_count(0)
    page.locator(SORT).select_option("newest")  # back under the years, as built
    expect(page.locator(TITLES)).to_have_text(docs_site.titles())
    expect(page.locator(HEADINGS)).to_have_count(7)
    chip = page.locator(".blogarchive-entry a.blogarchive-tag", has_text="data-strikes").first
    chip.click()
    expect(page.locator(CHIPS, has_text="data-strikes")).to_have_attribute("aria-pressed", "true")
    expected = docs_site.titles(tags=("data-strikes",))
    assert len(expected) >= 2
    expect(page.locator(TITLES)).to_have_text(expected)
    wait_for_query(page, {"tag": ["data-strikes"]})
    page.reload()
    expect(page.locator(TITLES)).to_have_text(expected)


@pytest.mark.parametrize("opened", ["http", "file"])
def test_site_widgets_are_filled(docs_site: Site, tab: Watched, opened: str) -> None:
    # Served, or opened from the disk as the README says (posts.js, not fetch).
    url = docs_site.url if opened == "http" else docs_site.file_url
    page = tab.page
    page.goto(url("posts/2026/the-coding-agent-data-deal.html"))
    recent = page.locator("[data-blogarchive-widget=recent] li a")
    expect(recent).to_have_text(docs_site.titles()[:5])
    tags = page.locator("[data-blogarchive-widget=tags] li")
    expect(tags.first).to_be_visible()
    counts: dict[str, int] = {}
    for post in docs_site.posts:
        for tag in post["tags"]:
            counts[tag["name"]] = counts.get(tag["name"], 0) + 1
    shown = {
        text.rsplit(" ", 1)[0]: int(text.rsplit(" ", 1)[1].strip("()"))
        for text in tags.all_inner_texts()
    }
    assert shown == counts
    page.locator("[data-blogarchive-widget=tags] a", has_text="data-labor").first.click()
    page.wait_for_url(re.compile(r"/blog/tag/data-labor\.html$"))
    page.goto(url("blog/index.html"))
    years = page.locator("[data-blogarchive-widget=years] li")
    expect(years).to_have_count(7)
    page.locator("[data-blogarchive-widget=years] a", has_text="2021").click()
    page.wait_for_url(re.compile(r"/blog/year/2021\.html$"))
    expect(page.locator("article h1")).to_have_text(re.compile("2021"))


def test_site_javascript_off(docs_site: Site, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(docs_site.url("blog/index.html"))
        assert page.locator(".blogarchive-tools, .blogarchive-listing input").count() == 0
        expect(page.locator(TITLES)).to_have_count(42)
        expect(page.locator(HEADINGS)).to_have_count(7)
        # The widgets are their plain links.
        assert page.locator("[data-blogarchive-widget] li").count() == 0
        links = page.locator("[data-blogarchive-widget] a").all_inner_texts()
        assert links == ["Archive", "All tags"]
    finally:
        context.close()


def test_screenshot_of_the_site_archive(docs_site: Site, tab: Watched, tmp_path: Path) -> None:
    page = tab.page
    page.goto(docs_site.url("blog/index.html?filter=data+labor"))
    expect(page.locator(TITLES)).to_have_text(docs_site.titles("data labor"))
    path = tmp_path / "site-archive.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    print(f"\nscreenshot: {path}")


# --------------------------------------------------------------------------
# Pinned posts and series (the features root: 2 posts a page)


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from _served_root(tmp_path_factory, "features")


PINNED = ".blogarchive-pinned"


def test_filtering_hides_the_pinned_block(features: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(features.url("blog/index.html"))
    expect(page.locator(PINNED)).to_be_visible()
    expect(page.locator(f"{PINNED} .blogarchive-entry-title")).to_have_text(["Welcome"])
    # The filter finds the pinned post in its date place (page 3), once.
    page.locator(FILTER).fill("welcome")
    expect(page.locator(PINNED)).to_be_hidden()
    expect(page.locator(TITLES)).to_have_text(["Welcome"])
    page.locator(FILTER).fill("")
    expect(page.locator(PINNED)).to_be_visible()
    page.locator(SORT).select_option("oldest")
    expect(page.locator(PINNED)).to_be_hidden()


def test_series_page_filters_within_the_series(features: Site, tab: Watched) -> None:
    page = tab.page
    page.goto(features.url("blog/series/sphinx-from-scratch.html"))
    expect(page.locator(TITLES)).to_have_text(["Install", "Configure", "Publish"])
    page.locator(FILTER).fill("publish")
    expect(page.locator(TITLES)).to_have_text(["Publish"])


# --------------------------------------------------------------------------
# A feed opened in the browser (the feeds root: its XSLT stylesheet)


@pytest.fixture(scope="module")
def feeds_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    built = build_root("feeds", tmp_path_factory.mktemp("feeds-root"))
    assert built.warnings() == []
    with serve(built.outdir) as base:
        yield Site(outdir=built.outdir, base=base)


@pytest.mark.parametrize("feed", ["blog/atom.xml", "blog/rss.xml"])
def test_a_feed_opened_in_the_browser_is_a_page(feeds_site: Site, tab: Watched, feed: str) -> None:
    page = tab.page
    page.goto(feeds_site.url(feed))
    hint = page.locator(".blogarchive-feed-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("This is a web feed.")
    expect(page.locator(".blogarchive-feed-url")).to_have_text(f"https://blog.example.org/{feed}")
    expect(page.locator("h1")).to_have_text("Feeds & Things")
    expect(page.locator(".blogarchive-feed-entry a")).to_have_text(
        ["Delta", "Gamma", "Beta: <b>not bold</b>", "Alpha & Omega"]
    )
    assert page.locator("h1 b").count() == 0  # titles stay text
