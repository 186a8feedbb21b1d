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
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sphinx_blogarchive.model._control import strip_control

if TYPE_CHECKING:
    import datetime as dt

    from feedgen.feed import FeedGenerator

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
class Enclosure:
    """A file attached to an entry.

    Its absolute *url*, *length* in bytes (0 when unknown: a web address, as
    RSS 2.0's best practice asks) and MIME *type*.
    """

    url: str
    length: int
    type: str


@dataclass(frozen=True)
class EntryData:
    """One entry, ready to serialise.

    *id* and *url* are absolute (the id is the post's URL); *title* is plain
    text (the serialiser escapes it, once); *published* and *updated* are
    aware datetimes; *summary_html* the excerpt and *content_html* the full
    body ("" unless full content is configured), both HTML with absolute
    URLs; *summary_text* the excerpt as plain text; *image* an absolute URL
    or ""; *enclosure* the post's image as a file (RSS ``<enclosure>``, Atom
    ``<link rel="enclosure">``, a JSON Feed attachment), or None.
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
    enclosure: Enclosure | None = None


@dataclass(frozen=True)
class FeedData:
    """A whole feed in one format.

    *self_url* is this file's absolute URL (also the Atom feed's id, unless
    *feed_id* is given: ABlog's layout keeps ABlog's, the blog's base URL);
    *home_url* the page the feed belongs to; *language* a BCP 47 tag;
    *updated* an aware datetime (the newest entry's ``updated``); *author*
    the feed-level author Atom needs for entries without one; *entries*
    newest first; *stylesheet* the URL of an XSLT stylesheet (relative to
    the feed file) for browsers, or "" for none (see :func:`with_stylesheet`).
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
    stylesheet: str = ""
    feed_id: str = ""


_Data = TypeVar("_Data")


def clean_feed(data: _Data) -> _Data:
    """*data* (a :class:`FeedData` and what it holds) with no control character in any text.

    Every string, in the dataclasses and tuples it holds, goes through
    :func:`~sphinx_blogarchive.model._control.strip_control`: XML 1.0 allows none of those
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
    # Imported here: feedgen (with lxml and dateutil) costs a build that
    # writes no feed, as one with no change, tens of milliseconds.
    from feedgen.feed import FeedGenerator

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
        if entry.authors:
            # One call each: feedgen re-maps every author on each call (a call
            # per author made a post with n authors cost n² steps).
            fe.author([_person(author) for author in entry.authors])
            fe.dc.dc_creator([author.name for author in entry.authors])
        if entry.enclosure is not None and self_type == "application/rss+xml":
            # RSS <enclosure> (length and type required). Not for Atom:
            # feedgen 1.0 writes an Atom link's href only, no rel (see
            # :func:`_atom_enclosures`).
            enclosure = entry.enclosure
            fe.enclosure(enclosure.url, str(enclosure.length), enclosure.type)
        if entry.categories:
            # One call: feedgen re-maps every category to RSS on each call.
            fe.category([{"term": c.name, "scheme": c.scheme} for c in entry.categories])
    return fg


def _person(person: Person) -> dict[str, str]:
    data = {"name": person.name}
    if person.url:
        data["uri"] = person.url
    return data


def with_stylesheet(document: bytes, href: str) -> bytes:
    """*document* (XML) with an ``<?xml-stylesheet?>`` for the XSLT stylesheet *href*.

    The processing instruction (W3C, "Associating Style Sheets with XML
    documents 1.0") goes right after the XML declaration; feed readers ignore
    it, and a browser that opens the feed shows the page the stylesheet
    makes. *href* "" returns *document* unchanged.
    """
    if not href:
        return document
    escaped = href.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    pi = f'<?xml-stylesheet type="text/xsl" href="{escaped}"?>\n'.encode()
    if document.startswith(b"<?xml"):
        end = document.index(b"?>") + 2
        return document[:end] + b"\n" + pi + document[end:].lstrip(b"\n")
    return pi + document


def atom_bytes(feed: FeedData) -> bytes:
    """*feed* as an Atom 1.0 document (RFC 4287), UTF-8, with an XML declaration.

    Dates are RFC 3339 (``2024-03-02T09:30:00+02:00``) in each date's own
    offset; titles are text constructs (``type="text"``, escaped once by
    feedgen/lxml); summary and content are ``type="html"``.
    """
    fg = _generator(feed, "application/atom+xml")
    data = bytes(fg.atom_str(pretty=True))
    if any(entry.enclosure is not None for entry in feed.entries):
        data = _atom_enclosures(data, feed)
    return with_stylesheet(data, feed.stylesheet)


def _atom_enclosures(data: bytes, feed: FeedData) -> bytes:
    """The Atom document *data* with each entry's ``<link rel="enclosure">`` added.

    feedgen 1.0 drops every attribute of an Atom entry link but ``href``
    (its loop variable shadows the link's data), so an enclosure it wrote
    would read as a second ``alternate`` link; the links are added here,
    with lxml, after the entry's own link. The length is left out when
    unknown (it is optional in Atom, RFC 4287 4.2.7.6).
    """
    from lxml import etree  # type: ignore[import-untyped]  # feedgen's own XML library

    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    atom = "{http://www.w3.org/2005/Atom}"
    by_id = {entry.id: entry.enclosure for entry in feed.entries if entry.enclosure is not None}
    for node in root.iter(f"{atom}entry"):
        enclosure = by_id.get(node.findtext(f"{atom}id") or "")
        if enclosure is None:
            continue
        link = etree.Element(f"{atom}link", href=enclosure.url, rel="enclosure")
        link.set("type", enclosure.type)
        if enclosure.length:
            link.set("length", str(enclosure.length))
        alternate = node.find(f"{atom}link")
        if alternate is not None:
            alternate.addnext(link)
        else:
            node.append(link)
    return bytes(etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))


def rss_bytes(feed: FeedData) -> bytes:
    """*feed* as an RSS 2.0 document, UTF-8, with an XML declaration.

    Dates are RFC 822 as RSS 2.0 asks (``Fri, 01 Mar 2024 00:00:00 +0000``:
    English names, numeric zone; feedgen formats them under the C locale).
    ``<lastBuildDate>`` is the feed's *updated*. Authors are ``<dc:creator>``
    (RSS's own ``<author>`` must be an e-mail address); the self link is
    ``<atom:link rel="self">``; full content goes to ``<content:encoded>``.
    """
    fg = _generator(feed, "application/rss+xml")
    return with_stylesheet(_four_digit_years(bytes(fg.rss_str(pretty=True))), feed.stylesheet)


#: An RFC 822 date of feedgen's whose year has fewer than four digits (before 1000).
_SHORT_YEAR = re.compile(
    rb"(<(pubDate|lastBuildDate)>[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} )(\d{1,3}) "
)


def _four_digit_years(data: bytes) -> bytes:
    """*data* (RSS) with each year of a date written in four digits (``0999``).

    feedgen formats with ``strftime("%Y")``, which writes year 999 as
    ``999``; RFC 822 (as RFC 1123 amends it) wants four digits.
    """
    return _SHORT_YEAR.sub(lambda m: m[1] + m[3].rjust(4, b"0") + b" ", data)


def json_bytes(feed: FeedData) -> bytes:
    """*feed* as a JSON Feed 1.1 document, UTF-8, keys in the specification's order.

    Top level: ``version``, ``title``, ``home_page_url``, ``feed_url``,
    ``description``, ``language``, ``authors``, ``items``. Each item:
    ``id``, ``url``, ``title``, ``content_html`` (the full body, else the
    excerpt; JSON Feed needs content in every item, so it may be ""),
    ``summary`` (plain text), ``image``, ``attachments`` (the enclosure:
    ``url``, ``mime_type``, ``size_in_bytes`` when known), ``date_published``
    and ``date_modified`` (RFC 3339), ``authors``, ``tags``.
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
        if entry.enclosure is not None:
            attachment: dict[str, Any] = {
                "url": entry.enclosure.url,
                "mime_type": entry.enclosure.type,
            }
            if entry.enclosure.length:
                attachment["size_in_bytes"] = entry.enclosure.length
            item["attachments"] = [attachment]
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
