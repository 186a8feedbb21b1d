"""Reading a WordPress export (WXR, "WordPress eXtended RSS"), posts only.

Format (WordPress, Tools > Export; WXR 1.0 to 1.2, an RSS 2.0 document with
the ``wp:``, ``content:``, ``excerpt:`` and ``dc:`` namespaces): the
``<channel>`` holds ``<wp:author>`` entries (``wp:author_login``,
``wp:author_display_name``; also an e-mail address, never read) and one
``<item>`` per post, page, attachment or menu entry. Of an item whose
``wp:post_type`` is ``post``: ``title``, ``link`` (its URL, kept as a
redirect), ``dc:creator`` (the author's login), ``content:encoded`` (HTML,
``<!--more-->`` ends the excerpt), ``excerpt:encoded``, ``wp:post_id``,
``wp:post_date_gmt`` (UTC; else ``wp:post_date``, in the blog's time),
``wp:post_modified_gmt``, ``wp:post_name`` (the slug), ``wp:status``
(``publish``; ``draft``, ``pending``, ``private`` are written as drafts;
``trash`` and ``auto-draft`` are skipped), ``wp:post_password``,
``wp:is_sticky`` (pinned) and ``<category domain="category|post_tag|series">``.
Comments (``wp:comment``), post meta and every other element are not read.

The file is parsed with defusedxml: a document type declaration or an
entity declaration stops the import (no entity is ever expanded). A file
that is not well-formed is read item by item, so a broken item is one
problem and the others are imported. Images stay links to the old site,
unless a ``wp-content/uploads`` (or ``uploads``) folder sits beside the
file: then the files under it that the posts show are copied next to the
posts.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString

from sphinx_blogarchive.cli.importers._common import (
    ASSETS,
    Asset,
    Author,
    ImportedPost,
    ImportProblem,
    Reading,
)
from sphinx_blogarchive.cli.importers._html2myst import html_to_myst
from sphinx_blogarchive.cli.importers._images import IMAGE_SUFFIXES
from sphinx_blogarchive.cli.importers._markdown import SourceError, redirects
from sphinx_blogarchive.model._post_metadata import clean_name
from sphinx_blogarchive.model._slugs import slugify

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

#: A WXR file larger than this is not read.
MAX_BYTES = 500 * 1024 * 1024
_DRAFT = {"draft", "pending", "private", "future"}
_SKIP = {"trash", "auto-draft", "inherit"}
_ITEM = re.compile(r"<item\b(?:(?!<item\b).)*?</item\s*>", re.S)
_AUTHOR = re.compile(r"<wp:author\b(?:(?!<wp:author\b).)*?</wp:author\s*>", re.S)
_RSS = re.compile(r"<rss\b[^>]*>", re.S)
_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.S)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
_SHORTCODE = re.compile(r"\[(/?)([a-z][\w-]*)(?:\s[^\]]*)?\]")
_UPLOAD = re.compile(r"/wp-content/uploads/(.+)$")


#: Where the namespace of each prefix is known by (WXR 1.0 to 1.2 differ in version).
_NAMESPACES = {
    "wp": re.compile(r"wordpress\.org/export/[\d.]+/$"),
    "excerpt": re.compile(r"wordpress\.org/export/[\d.]+/excerpt/$"),
    "content": re.compile(r"purl\.org/rss/1\.0/modules/content/$"),
    "dc": re.compile(r"purl\.org/dc/elements/1\.1/$"),
}


def _text(node: Element, name: str) -> str:
    """The text of the child *name* (``wp:post_id``: any WXR version's ``wp`` namespace)."""
    prefix, _, local = name.rpartition(":")
    for child in node:
        uri, _, tag = (
            child.tag[1:].rpartition("}") if child.tag.startswith("{") else ("", "", child.tag)
        )
        if tag == local and (uri == "" if not prefix else bool(_NAMESPACES[prefix].search(uri))):
            return child.text or ""
    return ""


def _date(text: str, tz: dt.tzinfo) -> dt.datetime | None:
    text = text.strip()
    if not text or text.startswith("0000"):
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def _parse(data: bytes, where: str) -> Element:
    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException

    try:
        return safe_xml.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise SourceError(
            f"{where}: has a document type or entity declaration ({exc}); "
            "a WordPress export has none, and entities are never expanded"
        ) from None


def _elements(
    data: bytes, source: str, problems: list[ImportProblem]
) -> tuple[list[tuple[int, Element]], list[Element]]:
    """The ``<item>`` elements (with their lines) and ``<wp:author>`` elements of the file."""
    from xml.etree.ElementTree import ParseError

    try:
        root = _parse(data, source)
        channel = root.find("channel")
        if root.tag != "rss" or channel is None:
            raise SourceError(f"{source}: not a WordPress export (no <rss><channel>)")
        return [(0, item) for item in channel.findall("item")], channel.findall("{*}author")
    except ParseError as exc:
        problems.append(ImportProblem(source, f"not well-formed XML ({exc}); read item by item"))
    text = data.decode("utf-8", errors="replace")
    start = _RSS.search(text)
    if start is None:
        raise SourceError(f"{source}: not a WordPress export (no <rss> element)")
    items: list[tuple[int, Element]] = []
    authors: list[Element] = []
    whole = {m.start() for m in _ITEM.finditer(text)}
    for start_of in (m.start() for m in re.finditer(r"<item\b", text)):
        if start_of not in whole:
            line = text.count("\n", 0, start_of) + 1
            message = "item is not complete (no </item>); skipped"
            problems.append(ImportProblem(f"{source}:{line}", message))
    for pattern, into in ((_ITEM, None), (_AUTHOR, authors)):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            wrapped = f"{start[0]}<channel>{match[0]}</channel></rss>".encode()
            try:
                node = _parse(wrapped, source)[0][0]
            except ParseError as exc:
                if into is None:
                    problems.append(
                        ImportProblem(
                            f"{source}:{line}", f"item is not well-formed ({exc}); skipped"
                        )
                    )
                continue
            if into is None:
                items.append((line, node))
            else:
                into.append(node)
    return items, authors


def read(source: Path, tz: dt.tzinfo) -> Reading:
    """The posts of the WXR file *source*; dates without a zone are taken in *tz*.

    Raises :class:`~._markdown.SourceError` when the file is missing,
    too large, not a WordPress export, or declares a document type or
    entities. Problems are per item.
    """
    if not source.is_file():
        raise SourceError(f"{source}: no such file (a WordPress export, .xml)")
    if source.stat().st_size > MAX_BYTES:
        raise SourceError(f"{source}: larger than {MAX_BYTES} bytes; not read")
    reading = Reading()
    items, author_nodes = _elements(source.read_bytes(), source.name, reading.problems)
    names = {}
    for node in author_nodes:
        login = clean_name(_text(node, "wp:author_login"))
        if login:
            names[login] = clean_name(_text(node, "wp:author_display_name")) or login
    folders = (source.parent / "wp-content" / "uploads", source.parent / "uploads")
    uploads = next((f for f in folders if f.is_dir()), None)
    used: dict[str, Author] = {}
    seen: set[str] = set()
    for number, (line, item) in enumerate(items, start=1):
        post_id = _text(item, "wp:post_id").strip() or _text(item, "guid").strip()
        where = f"{source.name}:{line}" if line else f"{source.name}: item {number}"
        where += f" (post {post_id})" if post_id else ""
        kind = _text(item, "wp:post_type").strip() or "post"
        status = _text(item, "wp:status").strip() or "publish"
        if kind != "post":
            reading.skipped[f"type {kind}"] = reading.skipped.get(f"type {kind}", 0) + 1
            continue
        if status in _SKIP:
            reading.skipped[f"status {status}"] = reading.skipped.get(f"status {status}", 0) + 1
            continue
        if not post_id or post_id in seen:
            reading.problems.append(
                ImportProblem(where, f"no post id, or id {post_id} again; skipped")
            )
            continue
        seen.add(post_id)
        post = _post(item, post_id, status, where, tz, uploads, reading.problems)
        for key in post.authors:
            used.setdefault(key, Author(key, names.get(key, key)))
        reading.posts.append(post)
    reading.authors = list(used.values())
    return reading


def _post(
    item: Element,
    post_id: str,
    status: str,
    where: str,
    tz: dt.tzinfo,
    uploads: Path | None,
    problems: list[ImportProblem],
) -> ImportedPost:
    title = clean_name(html.unescape(_text(item, "title")))
    link = _text(item, "link").strip()
    slug = slugify(unquote(_text(item, "wp:post_name")) or title or f"post-{post_id}")
    date = _date(_text(item, "wp:post_date_gmt"), dt.UTC) or _date(_text(item, "wp:post_date"), tz)
    updated = _date(_text(item, "wp:post_modified_gmt"), dt.UTC)
    if date is None:
        problems.append(ImportProblem(where, f"post {post_id} has no date: written as a draft"))
    if status in ("private", "pending") or _text(item, "wp:post_password"):
        problems.append(
            ImportProblem(
                where, f"post {post_id} is {status} or has a password: written as a draft"
            )
        )
    terms: dict[str, list[str]] = {"category": [], "post_tag": [], "series": []}
    for node in item.findall("category"):
        domain = node.get("domain", "category")
        name = clean_name(html.unescape(node.text or ""))
        if domain in terms and name and name not in terms[domain]:
            terms[domain].append(name)
    assets: dict[str, Asset] = {}
    body = _body(_text(item, "content:encoded"), where, uploads, assets, problems)
    excerpt = clean_name(BeautifulSoup(_text(item, "excerpt:encoded"), "html.parser").get_text())
    creator = clean_name(_text(item, "dc:creator"))
    path = urlsplit(link).path if link and not urlsplit(link).query else ""
    return ImportedPost(
        source=f"wordpress:{post_id}",
        title=title or slug,
        slug=slug,
        date=date,
        updated=updated if updated and date and updated > date else None,
        draft=status in _DRAFT - {"future"} or bool(_text(item, "wp:post_password")),
        categories=tuple(terms["category"]),
        tags=tuple(terms["post_tag"]),
        series=terms["series"][0] if terms["series"] else "",
        authors=(creator,) if creator else (),
        pin=_text(item, "wp:is_sticky").strip() == "1",
        excerpt=excerpt,
        redirect_from=redirects([path]) if path.strip("/") else (),
        body=body,
        assets=tuple(assets.values()),
    )


def _body(
    content: str,
    where: str,
    uploads: Path | None,
    assets: dict[str, Asset],
    problems: list[ImportProblem],
) -> str:
    """The MyST body of a post's ``content:encoded``, with WordPress's own markup converted."""
    if not re.search(r"<(p|div|h[1-6]|ul|ol|figure|blockquote|pre|table)\b", content):
        parts = re.split(r"\n\s*\n", content)
        content = "".join(f"<p>{part}</p>" for part in parts if part.strip())
    content = re.sub(r"<!--\s*more\b[^>]*-->", '<div class="paywall-jump"></div>', content, count=1)
    content = _CAPTION.sub(lambda m: _caption(m[1]), content)
    content = _EMBED.sub(lambda m: f'<p><a href="{m[1].strip()}">{m[1].strip()}</a></p>', content)
    for match in _SHORTCODE.finditer(BeautifulSoup(content, "html.parser").get_text()):
        if not match[1]:
            message = f"shortcode [{match[2]}] not converted: kept as text"
            problems.append(ImportProblem(where, message))
    soup = BeautifulSoup(content, "html.parser")
    for loose in [c for c in soup.children if isinstance(c, NavigableString)]:
        if not isinstance(loose, Comment) and loose.strip():  # text between blocks
            paragraph = soup.new_tag("p")
            paragraph.string = loose.strip()
            loose.replace_with(paragraph)
    if uploads is not None:
        for image in soup.find_all("img"):
            image["src"] = _upload(str(image.get("src") or ""), uploads, assets, where, problems)
        for anchor in soup.find_all("a"):
            if anchor.find("img") is not None and _UPLOAD.search(str(anchor.get("href") or "")):
                anchor.unwrap()
    return html_to_myst(str(soup)).replace(quote(ASSETS), ASSETS)


def _caption(inner: str) -> str:
    soup = BeautifulSoup(inner, "html.parser")
    media = soup.find(["a", "img"])
    text = soup.get_text().strip()
    return f"<figure>{media}<figcaption>{text}</figcaption></figure>" if media else inner


def _upload(
    src: str, uploads: Path, assets: dict[str, Asset], where: str, problems: list[ImportProblem]
) -> str:
    match = _UPLOAD.search(urlsplit(src).path)
    if match is None:
        return src
    file = (uploads / unquote(match[1])).resolve()
    if not file.is_relative_to(uploads.resolve()) or not file.is_file():
        message = f"image {src} is not in the uploads folder; its link is kept"
        problems.append(ImportProblem(where, message))
        return src
    if file.suffix.lower() not in IMAGE_SUFFIXES:
        return src
    name = f"{slugify(file.stem)}{file.suffix.lower()}"
    assets.setdefault(name, Asset(name, file.read_bytes()))
    return f"{ASSETS}/{name}"
