"""Reading an RSS 2.0 or Atom feed (a file or a URL) with feedparser.

Formats: RSS 2.0 (https://www.rssboard.org/rss-specification: ``<item>``
with ``<title>``, ``<link>``, ``<guid>``, ``<pubDate>`` in RFC 822,
``<description>``, ``<category>``, ``<author>``, and the
``<content:encoded>`` of the RSS content module) and Atom (RFC 4287:
``<entry>`` with ``<id>``, ``<title>``, ``<link rel="alternate">``,
``<published>``/``<updated>`` in RFC 3339, ``<summary>``, ``<content>``,
``<category term>``, ``<author><name>``). feedparser reads both (and older
RSS and RDF versions) into one shape; this module maps that shape to
:class:`~._common.ImportedPost`:

* the body is the entry's content (``content:encoded``, Atom ``content``),
  else its summary (``description``, Atom ``summary``), converted to MyST
  by :func:`~._html2myst.html_to_myst` (plain-text content is escaped first);
* the subtitle is the summary when the entry also has content and the
  summary is one short plain line (at most :data:`SUBTITLE_MAX`
  characters), as Substack's feeds write a post's subtitle;
* the date is the published date, else the updated one (kept in UTC); a
  later updated date becomes ``updated``; an entry with neither date is
  written as a draft without a date, and reported;
* the slug is the last part of the entry's link (``/p/<slug>``), else the
  title's; tags are the categories; authors the author names.

HTML is not sanitised by feedparser (so an embedded ``<iframe>`` can become a
link); no raw HTML reaches the Markdown either way.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from sphinx_blogarchive.cli.importers._common import ImportedPost, ImportProblem
from sphinx_blogarchive.cli.importers._html2myst import html_to_myst
from sphinx_blogarchive.model._post_metadata import clean_name
from sphinx_blogarchive.model._slugs import slugify

#: The longest summary taken for a subtitle.
SUBTITLE_MAX = 300


class FeedError(Exception):
    """The feed cannot be read at all."""


def _text(value: str, kind: str) -> str:
    """Plain text of a feed text construct (feedparser has decoded it; HTML loses its tags)."""
    if "html" in kind:
        value = BeautifulSoup(value, "html.parser").get_text()
    return clean_name(value)


def _date(parsed: time.struct_time | None) -> dt.datetime | None:
    if parsed is None:
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC)


def _slug(link: str, title: str) -> str:
    path = unquote(urlsplit(link).path) if link else ""
    parts = [p for p in PurePosixPath(path).parts if p not in ("/", "")]
    if parts:
        last = re.sub(r"\.(html?|php|aspx?)$", "", parts[-1])
        if last and last not in ("index", "p", "post", "posts") and not last.isdigit():
            return slugify(last)
    return slugify(title) if title else ""


def read_feed(source: str) -> tuple[list[ImportedPost], list[ImportProblem], str]:
    """The posts of the feed *source* (a file path, or an ``http(s)`` URL).

    Returns the posts in feed order, the problems met and the feed's title.
    Raises :class:`FeedError` when *source* is neither an existing file nor a
    URL, or when nothing in it can be read as a feed.
    """
    import feedparser

    if re.match(r"^https?://", source):
        target: Any = source
    elif Path(source).is_file():
        target = Path(source).read_bytes()
    else:
        raise FeedError(f"{source}: no such file (a feed is a file or an http(s) URL)")
    parsed = feedparser.parse(target, sanitize_html=False, resolve_relative_uris=True)
    problems: list[ImportProblem] = []
    if parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        if not parsed.entries:
            raise FeedError(f"{source}: not a feed ({reason})")
        problems.append(
            ImportProblem(source, f"the feed is not well-formed ({reason}); read what could be")
        )
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"{source}: not an RSS or Atom feed")
    posts: list[ImportedPost] = []
    seen: set[str] = set()
    for number, entry in enumerate(parsed.entries, start=1):
        post = _post(entry, f"{source}: entry {number}", problems)
        if post.source in seen:
            problems.append(
                ImportProblem(f"{source}: entry {number}", f"{post.source} again; skipped")
            )
            continue
        seen.add(post.source)
        posts.append(post)
    feed_title = _text(
        parsed.feed.get("title", ""), parsed.feed.get("title_detail", {}).get("type", "")
    )
    return posts, problems, feed_title


def _post(entry: Any, where: str, problems: list[ImportProblem]) -> ImportedPost:
    title = _text(entry.get("title", ""), entry.get("title_detail", {}).get("type", "text/plain"))
    link = str(entry.get("link", ""))
    identity = str(entry.get("id") or link or title)
    slug = _slug(link, title) or f"entry-{slugify(identity)}"
    # dict.get: feedparser's own get maps a missing updated date to the published one
    published = _date(dict.get(entry, "published_parsed"))
    updated = _date(dict.get(entry, "updated_parsed"))
    date = published or updated
    if date is None:
        problems.append(
            ImportProblem(
                where, f"{title or identity!r} has no date: written as a draft without one"
            )
        )
    body, subtitle = _body_and_subtitle(entry)
    tags = [clean_name(t.get("label") or t.get("term") or "") for t in entry.get("tags") or []]
    authors = [clean_name(a.get("name") or "") for a in entry.get("authors") or []]
    if not any(authors) and entry.get("author"):
        authors = [clean_name(str(entry.get("author")))]
    return ImportedPost(
        source=f"feed:{identity}",
        title=title or slug,
        slug=slug,
        date=date,
        subtitle=subtitle,
        updated=updated if published and updated and updated > published else None,
        tags=_unique(tags),
        authors=_unique(authors),
        body=html_to_myst(body),
    )


def _as_html(value: str, kind: str) -> str:
    if "html" in kind:
        return value
    return "".join(f"<p>{html.escape(part)}</p>" for part in value.split("\n\n"))


def _body_and_subtitle(entry: Any) -> tuple[str, str]:
    """The entry's body (HTML) and subtitle (see the module's notes)."""
    contents = entry.get("content") or []
    summary = str(entry.get("summary", ""))
    summary_type = str(entry.get("summary_detail", {}).get("type", "text/html"))
    if not contents:
        return _as_html(summary, summary_type), ""
    content = next((c for c in contents if "html" in c.get("type", "")), contents[0])
    value = str(content.get("value", ""))
    body = _as_html(value, str(content.get("type", "text/html")))
    if not summary.strip() or summary.strip() == value.strip():
        return body, ""
    blocks = ["p", "div", "br", "img", "ul", "ol", "table", "blockquote"]
    if "html" in summary_type and BeautifulSoup(summary, "html.parser").find(blocks):
        return body, ""
    plain = _text(summary, summary_type)
    if len(plain) > SUBTITLE_MAX or plain in _text(body, "text/html"):
        return body, ""
    return body, plain


def _unique(names: list[str]) -> tuple[str, ...]:
    kept: dict[str, str] = {}
    for name in names:
        if name:
            kept.setdefault(name.casefold(), name)
    return tuple(kept.values())
