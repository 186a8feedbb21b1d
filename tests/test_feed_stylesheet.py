"""The feeds' XSLT stylesheet: what a browser shows when it opens a feed.

Root ``test-feeds``. The Atom and RSS feeds reference
``_static/blogarchive-feed.xsl`` with an ``<?xml-stylesheet?>`` line; the
stylesheet is applied here with lxml's XSLT 1.0 processor (libxslt, the
engine browsers used), and the page it makes is read with BeautifulSoup.
Feeds stay valid: :func:`feedcheck.check_all` (strict XML and feedparser).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from feedcheck import check_all, feed_paths
from helpers import build_root, text_of
from lxml import etree

BASE = "https://blog.example.org/"
PI = b'<?xml-stylesheet type="text/xsl" href="%s"?>'


def styled(outdir: Path, feed: str) -> BeautifulSoup:
    """The HTML page a browser shows for *feed*: the stylesheet it references, applied."""
    document = etree.parse(str(outdir / feed))
    pi = document.getroot().getprevious()
    assert pi is not None and pi.target == "xml-stylesheet"
    href = pi.get("href")
    xslt = etree.XSLT(etree.parse(str((outdir / feed).parent / href)))
    return BeautifulSoup(str(xslt(document)), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_root("feeds", tmp_path_factory.mktemp("styled"))
    assert result.warnings() == []
    return result.outdir


def test_xml_feeds_reference_the_stylesheet(built: Path) -> None:
    assert (built / "_static/blogarchive-feed.xsl").is_file()
    check_all(built, BASE)  # still valid feeds, for strict XML and feedparser
    for rel in feed_paths(built):
        data = (built / rel).read_bytes()
        if rel.endswith(".json"):
            assert b"xml-stylesheet" not in data
            continue
        depth = rel.count("/")
        href = ("../" * depth + "_static/blogarchive-feed.xsl").encode()
        assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n" + PI % href), rel


@pytest.mark.parametrize("feed", ["blog/atom.xml", "blog/rss.xml", "blog/tag/python.atom.xml"])
def test_a_browser_shows_a_page_with_a_subscribe_hint(built: Path, feed: str) -> None:
    page = styled(built, feed)
    hint = page.select_one(".blogarchive-feed-hint")
    assert hint is not None
    assert "This is a web feed." in text_of(hint)
    assert "feed reader" in text_of(hint)
    assert text_of(hint.select_one(".blogarchive-feed-url")) == BASE + feed
    entries = page.select(".blogarchive-feed-entry a")
    assert entries, feed
    assert all(a["href"].startswith(BASE + "posts/") for a in entries)
    assert page.select_one("html")["lang"] == "en"


def test_the_page_lists_the_entries_of_the_feed(built: Path) -> None:
    page = styled(built, "blog/atom.xml")
    assert text_of(page.select_one("h1")) == "Feeds & Things"
    assert [text_of(a) for a in page.select(".blogarchive-feed-entry a")] == [
        "Delta",
        "Gamma",
        "Beta: <b>not bold</b>",
        "Alpha & Omega",
    ]
    assert page.select_one(".blogarchive-feed-entry time")["datetime"].startswith("2024-03-05")
    assert page.select_one("a.blogarchive-feed-home")["href"] == f"{BASE}blog/index.html"
    assert "<b>" not in str(page.select_one("h1"))  # titles stay text


def test_stylesheet_off(tmp_path: Path) -> None:
    result = build_root("feeds", tmp_path, confoverrides={"blogarchive_feed_stylesheet": False})
    assert result.warnings() == []
    assert not (result.outdir / "_static/blogarchive-feed.xsl").exists()
    assert b"xml-stylesheet" not in (result.outdir / "blog/atom.xml").read_bytes()
    check_all(result.outdir, BASE)
