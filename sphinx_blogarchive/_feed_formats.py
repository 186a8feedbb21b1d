"""Serialising a feed: Atom 1.0 and RSS 2.0 with feedgen, JSON Feed 1.1 with json.

The input is plain data (:class:`FeedData`, :class:`EntryData`) with
absolute URLs and timezone-aware datetimes; the output is bytes that depend
on nothing else (not the clock, the time zone or the locale of the build
machine), so two builds of the same sources give identical files.

Sources: Atom, RFC 4287 (https://www.rfc-editor.org/rfc/rfc4287); RSS 2.0,
https://www.rssboard.org/rss-specification; JSON Feed 1.1,
https://www.jsonfeed.org/version/1.1/.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from feedgen.feed import FeedGenerator

from ._control import strip_control

if TYPE_CHECKING:
    import datetime as dt

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class Person:
    """An author: *name* (plain text) and the absolute URL of their page, or ""."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class Category:
    """A tag or category of an entry: *name* (plain text), *scheme* (an absolute URL)."""

    name: str
    scheme: str


@dataclass(frozen=True)
class EntryData:
    """One entry, ready to serialise.

    *id* and *url* are absolute (the id is the post's URL); *title* is plain
    text (the serialiser escapes it, once); *published* and *updated* are
    aware datetimes; *summary_html* the excerpt and *content_html* the full
    body ("" unless full content is configured), both HTML with absolute
    URLs; *summary_text* the excerpt as plain text; *image* an absolute URL
    or "".
    """

    id: str
    url: str
    title: str
    published: dt.datetime
    updated: dt.datetime
    summary_html: str
    content_html: str
    summary_text: str
    authors: tuple[Person, ...]
    categories: tuple[Category, ...]
    image: str = ""


@dataclass(frozen=True)
class FeedData:
    """A whole feed in one format.

    *self_url* is this file's absolute URL (also the Atom feed's id, unless
    *feed_id* is given: ABlog's layout keeps ABlog's, the blog's base URL);
    *home_url* the page the feed belongs to; *language* a BCP 47 tag;
    *updated* an aware datetime (the newest entry's ``updated``); *author*
    the feed-level author Atom needs for entries without one; *entries*
    newest first.
    """

    title: str
    subtitle: str
    self_url: str
    home_url: str
    language: str
    updated: dt.datetime
    author: Person
    generator: tuple[str, str]
    entries: tuple[EntryData, ...]
    feed_id: str = ""


_Data = TypeVar("_Data")


def clean_feed(data: _Data) -> _Data:
    """*data* (a :class:`FeedData` and what it holds) with no control character in any text.

    Every string, in the dataclasses and tuples it holds, goes through
    :func:`~._control.strip_control`: XML 1.0 allows none of those
    characters, and lxml refuses to serialise them. Feeds are made of
    cleaned posts already; this also covers ``conf.py``'s text (the feed's
    title) and whatever a later change brings in.
    """
    if isinstance(data, str):
        return strip_control(data)  # type: ignore[return-value]
    if isinstance(data, tuple):
        return tuple(clean_feed(item) for item in data)  # type: ignore[return-value]
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        changes = {f.name: clean_feed(getattr(data, f.name)) for f in dataclasses.fields(data)}
        return dataclasses.replace(data, **changes)
    return data


def _generator(feed: FeedData, self_type: str) -> FeedGenerator:
    """A FeedGenerator holding *feed*, with every time-dependent default replaced."""
    feed = clean_feed(feed)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(feed.feed_id or feed.self_url)
    fg.title(feed.title)
    # Sets Atom <updated> and RSS <lastBuildDate>, whose default is "now".
    fg.updated(feed.updated)
    fg.author(_person(feed.author))
    # feedgen uses the *last* link as the RSS channel <link>: self first.
    fg.link(href=feed.self_url, rel="self", type=self_type)
    fg.link(href=feed.home_url, rel="alternate", type="text/html")
    # RSS requires a <description>; Atom's <subtitle> is optional (and
    # feedgen's description() would set it too).
    if self_type == "application/rss+xml":
        fg.description(feed.subtitle or feed.title)
    elif feed.subtitle:
        fg.subtitle(feed.subtitle)
    fg.language(feed.language)
    name, version = feed.generator
    fg.generator(name, version=version)
    for entry in feed.entries:
        fe = fg.add_entry(order="append")
        fe.guid(entry.id, permalink=entry.id == entry.url)
        fe.title(entry.title)
        fe.link(href=entry.url, rel="alternate", type="text/html")
        fe.published(entry.published)
        fe.updated(entry.updated)
        if entry.summary_html:
            fe.summary(entry.summary_html, type="html")
        if entry.content_html:
            fe.content(entry.content_html, type="html")
        for author in entry.authors:
            fe.author(_person(author))
            fe.dc.dc_creator(author.name)
        if entry.categories:
            # One call: feedgen re-maps every category to RSS on each call.
            fe.category([{"term": c.name, "scheme": c.scheme} for c in entry.categories])
    return fg


def _person(person: Person) -> dict[str, str]:
    data = {"name": person.name}
    if person.url:
        data["uri"] = person.url
    return data


def atom_bytes(feed: FeedData) -> bytes:
    """*feed* as an Atom 1.0 document (RFC 4287), UTF-8, with an XML declaration.

    Dates are RFC 3339 (``2024-03-02T09:30:00+02:00``) in each date's own
    offset; titles are text constructs (``type="text"``, escaped once by
    feedgen/lxml); summary and content are ``type="html"``.
    """
    fg = _generator(feed, "application/atom+xml")
    return bytes(fg.atom_str(pretty=True))


def rss_bytes(feed: FeedData) -> bytes:
    """*feed* as an RSS 2.0 document, UTF-8, with an XML declaration.

    Dates are RFC 822 as RSS 2.0 asks (``Fri, 01 Mar 2024 00:00:00 +0000``:
    English names, numeric zone; feedgen formats them under the C locale).
    ``<lastBuildDate>`` is the feed's *updated*. Authors are ``<dc:creator>``
    (RSS's own ``<author>`` must be an e-mail address); the self link is
    ``<atom:link rel="self">``; full content goes to ``<content:encoded>``.
    """
    fg = _generator(feed, "application/rss+xml")
    return bytes(fg.rss_str(pretty=True))


def json_bytes(feed: FeedData) -> bytes:
    """*feed* as a JSON Feed 1.1 document, UTF-8, keys in the specification's order.

    Top level: ``version``, ``title``, ``home_page_url``, ``feed_url``,
    ``description``, ``language``, ``authors``, ``items``. Each item:
    ``id``, ``url``, ``title``, ``content_html`` (the full body, else the
    excerpt; JSON Feed needs content in every item, so it may be ""),
    ``summary`` (plain text), ``image``, ``date_published`` and
    ``date_modified`` (RFC 3339), ``authors``, ``tags``.
    """
    feed = clean_feed(feed)
    data: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.self_url,
    }
    if feed.subtitle:
        data["description"] = feed.subtitle
    data["language"] = feed.language
    data["authors"] = [_json_person(feed.author)]
    items = []
    for entry in feed.entries:
        item: dict[str, Any] = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "content_html": entry.content_html or entry.summary_html,
        }
        if entry.summary_text:
            item["summary"] = entry.summary_text
        if entry.image:
            item["image"] = entry.image
        item["date_published"] = entry.published.isoformat()
        item["date_modified"] = entry.updated.isoformat()
        if entry.authors:
            item["authors"] = [_json_person(a) for a in entry.authors]
        tags = list(dict.fromkeys(c.name for c in entry.categories))
        if tags:
            item["tags"] = tags
        items.append(item)
    data["items"] = items
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text.encode("utf-8")


def _json_person(person: Person) -> dict[str, str]:
    data = {"name": person.name}
    if person.url:
        data["url"] = person.url
    return data


#: Serialiser of each format.
SERIALISERS = {"atom": atom_bytes, "rss": rss_bytes, "json": json_bytes}
