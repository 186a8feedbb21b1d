"""Checks every feed of a build must pass (used by test_feeds.py and test_site.py).

Each feed is parsed twice (and dates are checked as the W3C feed validator
does, which is not on PyPI: RFC 822 with four-digit years and the right
weekday for RSS, RFC 3339 for Atom and JSON Feed): by a strict XML parser (``xml.etree``, which
rejects any undeclared entity or stray ``&``) and by feedparser (which flags
anything it had to work around as ``bozo``). JSON Feeds are checked against
the keys JSON Feed 1.1 requires. Every URL (ids, links, and each ``href`` /
``src`` inside the HTML content) must be absolute.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def assert_rfc822(text: str) -> None:
    """An RFC 822 date-time as RSS 2.0 wants (RFC 1123's four-digit year), naming its weekday."""
    assert RFC822.match(text), text
    day, rest = text.split(", ")
    mday, month, year, clock, _ = rest.split(" ")
    date = dt.date(int(year), _MONTHS.index(month) + 1, int(mday))  # a real date
    assert _DAYS[date.weekday()] == day, text
    hour, minute, second = (int(p) for p in clock.split(":"))
    assert hour < 24 and minute < 60 and second < 61, text


def assert_rfc3339(text: str) -> None:
    """An RFC 3339 date-time (Atom, JSON Feed) that is a real date and time."""
    assert RFC3339.match(text), text
    dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


MANIFEST = ".blogarchive-feeds.json"
#: The manifest's entry for the build's input digest (sphinx_blogarchive.feeds._write.INPUTS_KEY).
INPUTS_KEY = "<inputs>"
TEXT_ELEMENTS = re.compile(rb"<(title|name|dc:creator|category)\b[^>]*>.*?</\1>", re.DOTALL)


def assert_text_escaped_once(data: bytes) -> None:
    """Titles and names are text: escaped once (HTML content is escaped twice, rightly)."""
    for match in TEXT_ELEMENTS.finditer(data):
        assert b"&amp;amp;" not in match.group(0) and b"&amp;lt;" not in match.group(0), match


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)


def urls_in_html(fragment: str) -> list[str]:
    parser = _Urls()
    parser.feed(fragment)
    return parser.urls


def assert_content_urls_absolute(fragment: str) -> None:
    for url in urls_in_html(fragment):
        assert is_absolute(url) or url.startswith("mailto:"), (url, fragment)


@dataclass
class Entry:
    """One entry, in a format-neutral shape."""

    id: str
    url: str
    title: str
    published: str
    updated: str
    summary: str = ""
    content: str = ""
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    """A feed file, checked and parsed."""

    path: Path
    fmt: str
    title: str
    self_url: str
    home_url: str
    updated: str
    language: str
    entries: list[Entry]
    raw: Any = None


def parse_atom(path: Path) -> Parsed:
    data = path.read_bytes()
    root = ET.fromstring(data)  # strict: raises on malformed XML
    assert root.tag == f"{ATOM}feed"
    assert_text_escaped_once(data)
    fp = feedparser.parse(data)
    assert not fp.bozo, fp.get("bozo_exception")
    assert fp.version == "atom10"

    def text(node: ET.Element, name: str) -> str:
        child = node.find(f"{ATOM}{name}")
        assert child is not None, f"no <{name}> in {path}"
        return child.text or ""

    feed_id, title, updated = text(root, "id"), text(root, "title"), text(root, "updated")
    assert is_absolute(feed_id)
    assert_rfc3339(updated)
    links = {
        link.get("rel", "alternate"): link.get("href", "") for link in root.iter(f"{ATOM}link")
    }
    self_link = next(
        link.get("href", "") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"
    )
    home = next(
        link.get("href", "")
        for link in root.findall(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate"
    )
    assert is_absolute(self_link) and is_absolute(home), links
    feed_authors = root.findall(f"{ATOM}author")
    entries = []
    for node in root.findall(f"{ATOM}entry"):
        entry_id = text(node, "id")
        assert is_absolute(entry_id), entry_id
        published, entry_updated = text(node, "published"), text(node, "updated")
        assert_rfc3339(published)
        assert_rfc3339(entry_updated)
        [link] = [
            link
            for link in node.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        url = link.get("href", "")
        assert is_absolute(url)
        # RFC 4287 4.1.2: an entry without an author needs one on the feed.
        authors = [a.findtext(f"{ATOM}name") or "" for a in node.findall(f"{ATOM}author")]
        assert authors or feed_authors
        summary = node.findtext(f"{ATOM}summary") or ""
        content = node.findtext(f"{ATOM}content") or ""
        for element in ("summary", "content"):
            child = node.find(f"{ATOM}{element}")
            if child is not None:
                assert child.get("type") == "html"
        assert_content_urls_absolute(summary)
        assert_content_urls_absolute(content)
        entries.append(
            Entry(
                id=entry_id,
                url=url,
                title=text(node, "title"),
                published=published,
                updated=entry_updated,
                summary=summary,
                content=content,
                authors=authors,
                categories=[c.get("term", "") for c in node.findall(f"{ATOM}category")],
            )
        )
    # feedparser agrees with the strict parser on every title
    assert [e.title for e in fp.entries] == [e.title for e in entries]
    assert fp.feed.title == title
    if entries:
        assert updated == max(entries, key=lambda e: dt.datetime.fromisoformat(e.updated)).updated
    return Parsed(
        path,
        "atom",
        title,
        self_link,
        home,
        updated,
        root.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        entries,
        fp,
    )


def parse_rss(path: Path) -> Parsed:
    data = path.read_bytes()
    root = ET.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert_text_escaped_once(data)
    fp = feedparser.parse(data)
    assert not fp.bozo, fp.get("bozo_exception")
    assert fp.version == "rss20"
    channel = root.find("channel")
    assert channel is not None
    title = channel.findtext("title") or ""
    home = channel.findtext("link") or ""
    assert title and is_absolute(home)
    assert channel.findtext("description")
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None and self_link.get("rel") == "self"
    assert self_link.get("type") == "application/rss+xml"
    updated = channel.findtext("lastBuildDate") or ""
    assert_rfc822(updated)
    entries = []
    for item in channel.findall("item"):
        guid = item.find("guid")
        assert guid is not None and guid.text and is_absolute(guid.text)
        url = item.findtext("link") or ""
        assert is_absolute(url)
        published = item.findtext("pubDate") or ""
        assert_rfc822(published)
        summary = item.findtext("description") or ""
        content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""
        assert_content_urls_absolute(summary)
        assert_content_urls_absolute(content)
        entries.append(
            Entry(
                id=guid.text,
                url=url,
                title=item.findtext("title") or "",
                published=published,
                updated=published,
                summary=summary,
                content=content,
                authors=[
                    c.text or "" for c in item.findall("{http://purl.org/dc/elements/1.1/}creator")
                ],
                categories=[c.text or "" for c in item.findall("category")],
            )
        )
    assert [e.title for e in fp.entries] == [e.title for e in entries]
    return Parsed(
        path,
        "rss",
        title,
        self_link.get("href", ""),
        home,
        updated,
        channel.findtext("language") or "",
        entries,
        fp,
    )


def parse_json(path: Path) -> Parsed:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == JSON_FEED_VERSION
    assert isinstance(data["title"], str) and data["title"]
    assert isinstance(data["items"], list)
    assert is_absolute(data["home_page_url"]) and is_absolute(data["feed_url"])
    entries = []
    for item in data["items"]:
        assert isinstance(item["id"], str) and is_absolute(item["id"])
        assert "content_html" in item or "content_text" in item
        assert is_absolute(item["url"])
        for key in ("date_published", "date_modified"):
            assert_rfc3339(item[key])
        assert_content_urls_absolute(item["content_html"])
        entries.append(
            Entry(
                id=item["id"],
                url=item["url"],
                title=item["title"],
                published=item["date_published"],
                updated=item["date_modified"],
                summary=item.get("summary", ""),
                content=item["content_html"],
                authors=[a["name"] for a in item.get("authors", [])],
                categories=item.get("tags", []),
            )
        )
    updated = max((e.updated for e in entries), default="")
    return Parsed(
        path,
        "json",
        data["title"],
        data["feed_url"],
        data["home_page_url"],
        updated,
        data.get("language", ""),
        entries,
        data,
    )


PARSERS = {"atom.xml": parse_atom, "rss.xml": parse_rss, "feed.json": parse_json}


def parse_feed(path: Path) -> Parsed:
    for suffix, parser in PARSERS.items():
        if path.name == suffix or path.name.endswith(f".{suffix}"):
            return parser(path)
    raise AssertionError(f"not a feed: {path}")


def feed_paths(outdir: Path) -> list[str]:
    """Relative paths of every feed file in *outdir* (by their names, not the manifest)."""
    return sorted(
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*")
        if p.is_file() and any(p.name.endswith(s) for s in PARSERS) and "_static" not in p.parts
    )


def check_all(outdir: Path, base: str) -> dict[str, Parsed]:
    """Parse and check every feed of *outdir*; each self link is its own URL under *base*.

    Also: the manifest lists exactly the feed files, and every format of one
    feed has the same entries.
    """
    paths = feed_paths(outdir)
    assert paths, "no feeds"
    manifest = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(set(manifest) - {INPUTS_KEY}) == paths
    parsed = {}
    for rel in paths:
        feed = parse_feed(outdir / rel)
        assert feed.self_url == base + _quote(rel), (feed.self_url, rel)
        for entry in feed.entries:
            assert entry.id == entry.url
            assert entry.id.startswith(base)
        parsed[rel] = feed
    for rel, feed in parsed.items():
        if feed.fmt != "atom":
            continue
        stem = rel.removesuffix("atom.xml")
        for other in ("rss.xml", "feed.json"):
            if stem + other in parsed:
                twin = parsed[stem + other]
                assert [e.id for e in twin.entries] == [e.id for e in feed.entries]
                assert [e.title for e in twin.entries] == [e.title for e in feed.entries]
                assert twin.title == feed.title
                assert twin.home_url == feed.home_url
    return parsed


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")
