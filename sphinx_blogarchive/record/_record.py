"""The record of the last successful build, kept in the output folder.

What the last successful build wrote (:class:`Record`, kept in
``.blogarchive.json``): the generated pages' keys, the documents'
signatures, the input digest and structure key, and each post's token and
listings, which tell the next build what a change can touch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.pages._output import write_if_changed

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_blogarchive", "console")


MANIFEST = ".blogarchive.json"
RECORD_VERSION = 5


#: A post in the :class:`Record`: its token and the generated listings it
#: belongs to, joined by :func:`join_listings`, ``(token, listings)``. One
#: string, not pairs: thousands of small objects made while the environment
#: is loaded cost more in garbage collection than in parsing.
PostRecord = tuple[str, str]

_PAIR = "\x1f"
_ITEM = "\x1e"


def join_listings(pairs: Iterable[tuple[str, str]]) -> str:
    """``(family, key)`` pairs as one string (sorted), for :data:`PostRecord`."""
    return _ITEM.join(f"{family}{_PAIR}{key}" for family, key in sorted(pairs))


def split_listings(text: str) -> list[tuple[str, str]]:
    """The ``(family, key)`` pairs of :func:`join_listings`'s *text*."""
    return (
        [(family, key) for family, _, key in (item.partition(_PAIR) for item in text.split(_ITEM))]
        if text
        else []
    )


@dataclass
class Record:
    """What the last successful build wrote into one output folder.

    *pages*: ``{pagename: key}`` of the generated pages; *documents*:
    ``{docname: signature}`` of what each document with blog content showed;
    *digest*: the build's :attr:`~sphinx_blogarchive.record._changes.Changes.digest`;
    *structure*: its :attr:`~sphinx_blogarchive.record._changes.Changes.structure`; *posts*:
    ``{docname: (token, listings)}``, each post's
    :meth:`~sphinx_blogarchive.record._changes.Changes.post_tokens` entry and the generated
    listings it belongs to (:func:`~sphinx_blogarchive.record._changes.listings_of`, joined by
    :func:`join_listings`); *listed*: the
    listed posts' docnames, newest first. The last three tell the next build
    which documents a change can touch.
    Kept in the output folder (not the environment), so builders sharing a
    doctree folder each keep their own, and written only when a build
    succeeds, so an interrupted build is redone.
    """

    pages: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    digest: str = ""
    structure: str = ""
    posts: dict[str, PostRecord] = field(default_factory=dict)
    listed: tuple[str, ...] = ()

    def token(self, docname: str) -> str:
        """The recorded token of post *docname*, or "" (not a post then)."""
        found = self.posts.get(docname)
        return found[0] if found is not None else ""

    def listings(self, docname: str) -> list[tuple[str, str]]:
        """The generated listings post *docname* belonged to: ``[(family, key)]``."""
        found = self.posts.get(docname)
        return split_listings(found[1]) if found is not None else []


def _str_map(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _posts_map(value: Any) -> dict[str, PostRecord]:
    if not isinstance(value, dict):
        return {}
    return {
        str(docname): (item[0], item[1])
        for docname, item in value.items()
        if isinstance(item, list)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], str)
    }


#: The last record read: ``(path, mtime ns, size, Record)`` (see :func:`read_record`).
_last_read: tuple[Path, int, int, Record] | None = None


def read_record(outdir: Path) -> Record:
    """The :class:`Record` of *outdir*'s last successful build (empty if none).

    Read once while the file stays as it is (several handlers of one build
    ask for it); the record returned is shared and not to be changed.
    """
    global _last_read  # one file's cache
    path = (outdir / MANIFEST).resolve()
    try:
        stat = path.stat()
    except OSError:
        return Record()
    if _last_read is not None and _last_read[:3] == (path, stat.st_mtime_ns, stat.st_size):
        return _last_read[3]
    record = _read_record(path)
    _last_read = (path, stat.st_mtime_ns, stat.st_size, record)
    return record


def _read_record(path: Path) -> Record:
    """The record in *path*: a first line with the SHA-256 of the rest, then JSON.

    A file whose hash does not match (changed by hand, cut short) is no record.
    """
    try:
        check, _, text = path.read_bytes().partition(b"\n")
        if hashlib.sha256(text).hexdigest().encode("ascii") != check:
            return Record()
        data = json.loads(text.decode("utf-8"))
    except (OSError, ValueError):
        return Record()
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
        return Record()
    digest = data.get("digest")
    structure = data.get("structure")
    listed = data.get("listed")
    raw_posts = data.get("posts")
    posts = _posts_map(raw_posts)
    if not (
        isinstance(structure, str)
        and isinstance(listed, list)
        and all(isinstance(d, str) for d in listed)
        and isinstance(raw_posts, dict)
        and len(posts) == len(raw_posts)
    ):
        # Without the posts and their order, no change can be traced: the
        # next build takes the full path.
        structure, listed, posts = "", [], {}
    return Record(
        _str_map(data.get("pages")),
        _str_map(data.get("documents")),
        digest if isinstance(digest, str) else "",
        structure,
        posts,
        tuple(listed),
    )


def write_record(outdir: Path, record: Record) -> None:
    """Write *record* (sorted keys, so equal records give equal bytes)."""
    data = {
        "version": RECORD_VERSION,
        "digest": record.digest,
        "structure": record.structure,
        "pages": dict(sorted(record.pages.items())),
        "documents": dict(sorted(record.documents.items())),
        "posts": {d: [token, listings] for d, (token, listings) in sorted(record.posts.items())},
        "listed": list(record.listed),
    }
    # Compact: json's C encoder (an indent turns it off) for thousands of posts.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    global _last_read  # one file's cache
    _last_read = None
    body = text.encode("utf-8")
    checked = hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
    try:
        write_if_changed(outdir / MANIFEST, checked, root=outdir)
    except OSError as error:
        # Such as a folder of that name: each build then takes the full path.
        logger.warning(
            __("the record of the blog's output is not written: %s"),
            error,
            type=WARNING_TYPE,
            subtype=Subtype.COLLISION,
        )
