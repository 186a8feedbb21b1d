"""Images of imported posts: the local files a post shows, copied next to the new post.

A post of a Markdown blog tool shows images by Markdown links
(``![alt](images/chart.png)``), HTML ``<img src>``, Hugo's ``figure``
shortcode or its ``image`` field. :class:`Images` finds each local file
(a relative link beside the post; one starting with ``/`` where the tool
serves it from, such as ``static/``), never outside the source folder,
and turns it into an :class:`~._common.Asset` written beside the new
post, its link rewritten to ``<slug>/<file>``. Jekyll's
``{{ site.baseurl }}`` and ``relative_url`` are resolved first.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sphinx_blogarchive.cli.importers._common import ASSETS, Asset
from sphinx_blogarchive.cli.importers._md2myst import fenced
from sphinx_blogarchive.model._slugs import slugify

#: Image files copied next to a post (by suffix).
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico"}
)
_IMAGE = re.compile(r'(!\[[^\]]*\]\(\s*)<?([^)\s>]+)>?((?:\s+"[^"]*")?\s*\))')
_HTML_IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")', re.I)
_FIGURE = re.compile(r"\{\{<\s*figure\s+(.*?)\s*/?>\}\}")
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_TEMPLATE_PREFIX = re.compile(r"\{\{\s*site\.(?:base)?url\s*\}\}")
_LIQUID_URL = re.compile(r"""\{\{\s*["']([^"']+)["']\s*\|\s*(?:relative|absolute)_url\s*\}\}""")


def local_image(url: str, folder: Path, roots: list[Path], inside: Path) -> Path | None:
    """The image file the link *url* names, or None (a URL, or no such image file).

    A relative link is looked up in *folder*, one starting with ``/`` in
    each of *roots*. Raises :class:`ValueError` for a file outside
    *inside* (the source tree), which is never read.
    """
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    relative = unquote(parts.path)
    if relative.startswith("/"):
        candidates = [root / relative.lstrip("/") for root in roots]
    else:
        candidates = [folder / relative]
    for candidate in candidates:
        path = candidate.resolve()
        if not path.is_relative_to(inside.resolve()):
            raise ValueError(url)
        if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES:
            return path
    return None


class Images:
    """Finds the local images a post shows and copies them next to the new post.

    *post_file* is the source file; *roots* are the folders a link starting
    with ``/`` is looked up in (a site's ``static/`` folder, say); *inside*
    is the folder no image may come from outside of (the source tree).
    Links with a scheme (``https:``, ``data:``) are left alone.
    """

    def __init__(self, post_file: Path, roots: list[Path], inside: Path) -> None:
        self.post_file = post_file
        self.roots = roots
        self.inside = inside.resolve()
        self.assets: dict[str, Asset] = {}
        self._names: dict[Path, str] = {}

    def url(self, url: str, notes: list[str], where: str) -> str:
        """The new link of the image *url*: in the post's folder when copied, else as it was."""
        if url.startswith(ASSETS):
            return url
        try:
            path = local_image(url, self.post_file.parent, self.roots, self.inside)
        except ValueError:
            notes.append(f"{where}: image {url!r} is outside the source folder; not copied")
            return url
        if path is not None:
            return f"{ASSETS}/{self._copy(path)}"
        if not urlsplit(url.strip()).scheme and not url.strip().startswith("//"):
            notes.append(f"{where}: image {url!r} not found; its link is kept")
        return url

    def _copy(self, path: Path) -> str:
        if (name := self._names.get(path)) is not None:
            return name
        stem, suffix = slugify(path.stem), path.suffix.lower()
        name = f"{stem}{suffix}"
        number = 1
        while name in self.assets:
            number += 1
            name = f"{stem}-{number}{suffix}"
        self.assets[name] = Asset(name, path.read_bytes())
        self._names[path] = name
        return name

    def rewrite(self, line: str, number: int, notes: list[str]) -> str:
        """*line* with its Markdown and HTML image links rewritten (see :meth:`url`)."""

        def markdown(match: re.Match[str]) -> str:
            return match[1] + self.url(match[2], notes, f"line {number}") + match[3]

        def figure(match: re.Match[str]) -> str:
            attributes = dict(_ATTRIBUTE.findall(match[1]))
            src = self.url(attributes.get("src", ""), notes, f"line {number}")
            alt = attributes.get("alt", "")
            caption = attributes.get("caption") or attributes.get("title") or ""
            if not caption:
                return f"![{_escape(alt)}]({src})"
            return fenced("figure", src, caption, f":alt: {alt}" if alt else "")  # Markdown

        line = _LIQUID_URL.sub(lambda m: m[1], _TEMPLATE_PREFIX.sub("", line))
        line = _FIGURE.sub(figure, line)
        line = _IMAGE.sub(markdown, line)
        return _HTML_IMAGE.sub(
            lambda m: m[1] + self.url(m[2], notes, f"line {number}") + m[3], line
        )


def _escape(text: str) -> str:
    """*text* with Markdown's markup characters escaped (a caption, alt text)."""
    return re.sub(r"([\\`*_\[\]<>{}])", r"\\\1", " ".join(text.split()))
