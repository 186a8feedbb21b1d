"""The validated record of a post's metadata, and the checks of its names and image.

:class:`PostMetadata` is what :func:`~._parse.parse_metadata` makes of a
post's raw fields. :func:`clean_name` is how every name (a tag, an author,
a title) is cleaned; :func:`is_url`, :func:`local_image` and
:func:`image_path` tell what a post's ``image`` names: a web address, or a
file in the source folder. Pure functions, usable without a Sphinx build.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx_blogarchive.model._dates import PostDate
from sphinx_blogarchive.model._readers import Problem
from sphinx_blogarchive.model._warnings import Subtype

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class PostMetadata:
    """Validated metadata of a post (before the title falls back to the heading).

    Tuples hold names as written, trimmed, whitespace collapsed, NFC
    normalised, without duplicates (compared case-insensitively).
    """

    title: str | None = None
    date: PostDate | None = None
    updated: PostDate | None = None
    subtitle: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: str = ""
    draft: bool = False
    slug: str | None = None
    excerpt: str = ""
    reading_time: int | None = None
    redirect_from: tuple[str, ...] = ()
    canonical_url: str = ""
    language: str = ""
    pin: bool = False
    unlisted: bool = False
    series: str = ""
    series_order: int | None = None
    image_line: int | None = field(default=None, compare=False)
    slug_line: int | None = field(default=None, compare=False)
    has_metadata: bool = True


#: Ends the message of every problem that keeps a post out of the listings.
NOT_LISTED = "; the post is not listed"


#: Characters dropped from names: C0/C1 controls, the bidirectional
#: embedding, override and isolate controls, which can disguise text, and
#: the non-characters U+FFFE and U+FFFF (no XML may hold them).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean_name(text: str) -> str:
    """NFC-normalise *text*, drop control characters, collapse whitespace, trim."""
    return " ".join(_UNSAFE.sub("", unicodedata.normalize("NFC", text)).split())


#: A URL scheme at the start of a value (``https:``, ``javascript:``, ``data:``).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: The schemes a post's ``image`` may have; any other is refused.
IMAGE_SCHEMES = ("http", "https")


def is_url(image: str) -> bool:
    """True when an ``image`` value is a web address: ``http(s)://...`` or ``//host/...``.

    Values with any other scheme (``javascript:``, ``data:``, ``file:``) are
    neither web addresses nor files: :func:`local_image` refuses them.
    """
    scheme = _SCHEME.match(image)
    if scheme is not None:
        return scheme[0][:-1].lower() in IMAGE_SCHEMES and image[len(scheme[0]) :].startswith("//")
    return image.startswith("//")


def local_image(
    srcdir: Path, docname: str, image: str, line: int | None
) -> tuple[Path | None, Problem | None]:
    """The file of the post *docname*'s local *image*, or the problem when there is none.

    Returns ``(path, None)`` when *image* names a file inside *srcdir*
    (relative to the post's folder, or to *srcdir* when it starts with
    ``/``), ``(None, problem)`` when it does not (the post is then shown
    without it; so is a value with a scheme other than http(s), such as
    ``javascript:``, or a name the file system refuses), and ``(None, None)``
    for no image or a web address (:func:`is_url`). The
    build (at read time) and the ``check`` command both call it.
    """
    if not image or is_url(image):
        return None, None
    if _SCHEME.match(image) or "\\" in image:
        message = (
            f"image {image!r} is neither an http(s) URL nor a relative path; "
            "the post is shown without it"
        )
        return None, Problem(Subtype.METADATA, message, line)
    root = srcdir.resolve()
    try:
        path = (root / image_path(docname, image)).resolve()
        found = root in path.parents and path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL
        found = False
    if found:
        return path, None
    message = f"image {image!r} is not a file in the source folder; the post is shown without it"
    return None, Problem(Subtype.METADATA, message, line)


def image_path(docname: str, image: str) -> str:
    """The path of the local *image* of the post *docname*, relative to the source folder.

    See :func:`image_source`.
    """
    if image.startswith("/"):
        return posixpath.normpath(image.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), image))
