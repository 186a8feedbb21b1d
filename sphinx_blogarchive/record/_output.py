"""The output folder: what the extension owns there, and how it writes it.

The record of the last successful build (:class:`Record`, kept in
``.blogarchive.json``), the names the user's sources own (so no generated
page replaces them), and small file helpers: write only when the bytes
change, remove a stale file with the folders it leaves empty. Part of
:mod:`sphinx_blogarchive.pages._generated`, which re-exports these names.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.model._record import image_path
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_blogarchive.model._post import Post

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_blogarchive", "console")


MANIFEST = ".blogarchive.json"
RECORD_VERSION = 5

#: Pages and folders that Sphinx itself writes into the output folder.
SPHINX_PAGES = (
    "genindex",
    "search",
    "py-modindex",
    "np-modindex",
    "_static",
    "_sources",
    "_images",
    "_downloads",
)


def symlink_on_the_way(root: Path, path: Path) -> Path | None:
    """The first symbolic link from *root* (excluded) down to *path* (included), or None.

    *path* lies under the output folder *root*; a link planted there would
    make a write land wherever it points.
    """
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def refused_link(root: Path, path: Path) -> bool:
    """True (with a ``blogarchive.output`` warning) when writing *path* would follow a link."""
    link = symlink_on_the_way(root, path)
    if link is None:
        return False
    logger.warning(
        __("%s is not written: %s in the output folder is a symbolic link"),
        path.relative_to(root).as_posix(),
        link.relative_to(root).as_posix(),
        type=WARNING_TYPE,
        subtype=Subtype.OUTPUT,
    )
    return True


def write_if_changed(path: Path, data: bytes, *, root: Path | None = None) -> bool:
    """Write *data* to *path* unless it already holds exactly that; True if written.

    With *root* (the output folder holding *path*), a path through a
    symbolic link under *root* is not written (see :func:`refused_link`).
    """
    if root is not None and refused_link(root, path):
        return False
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def image_source(post: Post) -> str:
    """A post's local image path relative to the source folder (posix).

    Relative to the post's folder, or to the source folder when it starts
    with ``/`` (as Sphinx resolves image paths).
    """
    return image_path(post.docname, post.image)


def image_output_path(post: Post) -> str:
    """Where a post's local *image* is copied, relative to the output root.

    ``_images/blogarchive/<hash>/<file name>``; the hash is of the image's
    path relative to the source folder, so two images of one name do not
    collide and the path is stable across builds.
    """
    source = image_source(post)
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:10]
    return f"_images/blogarchive/{digest}/{posixpath.basename(source)}"


# --------------------------------------------------------------------------
# Names the user owns


def reached_by_toctrees(env: BuildEnvironment) -> frozenset[str]:
    """The documents reachable from the root document through toctrees."""
    # env.toctree_includes is the environment attribute TocTree itself reads
    # (documented as an attribute of BuildEnvironment, not a method).
    seen = {env.config.root_doc}
    todo = [env.config.root_doc]
    while todo:
        for child in env.toctree_includes.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return frozenset(seen)


def taken_names(env: BuildEnvironment, *, folder_aliases: bool = True) -> dict[str, str]:
    """Casefolded page names the user's sources own -> their owner (for warnings).

    Documents (``a/index`` also owns ``a``, and ``a`` owns ``a/index``, since
    dirhtml writes both to ``a/index.html``; not with *folder_aliases*
    False, for the html builder in ABlog's layout, which writes ``a.html``
    next to a user's ``a/index.html`` as ABlog does), ``html_additional_pages``
    and the HTML files of ``html_extra_path``.
    """
    taken: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        # dirhtml writes both ``a`` and ``a/index`` to ``a/index.html``.
        taken.setdefault(docname.casefold(), docname)
        if not folder_aliases:
            continue
        if docname.endswith("/index"):
            taken.setdefault(docname[: -len("/index")].casefold(), docname)
        else:
            taken.setdefault(f"{docname}/index".casefold(), docname)
    config = env.config
    for name in SPHINX_PAGES:
        taken.setdefault(name, f"Sphinx's {name!r} page")
    for name in getattr(config, "html_additional_pages", {}) or {}:
        taken.setdefault(str(name).casefold(), f"html_additional_pages entry {str(name)!r}")
    for extra in getattr(config, "html_extra_path", []) or []:
        root = Path(env.srcdir, extra)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.htm*")):
            rel = path.relative_to(root).with_suffix("").as_posix()
            taken.setdefault(rel.casefold(), f"html_extra_path file {rel + path.suffix!r}")
    return taken


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
    *digest*: the build's :meth:`~sphinx_blogarchive.extension.domain.BlogDomain.input_digest`;
    *structure*: its :meth:`~sphinx_blogarchive.extension.domain.BlogDomain.structure_key`; *posts*:
    ``{docname: (token, listings)}``, each post's
    :meth:`~sphinx_blogarchive.extension.domain.BlogDomain.post_tokens` entry and the generated
    listings
    it belongs to (:func:`~sphinx_blogarchive.extension.domain.listings_of`, joined by
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


def remove_output_file(outdir: Path, path: Path) -> None:
    """Delete the file *path* if it lies inside *outdir*, then the folders it leaves empty.

    Never a folder (a record naming one was not written by a build).
    """
    outdir = outdir.resolve()
    path = path.resolve()
    if outdir not in path.parents or path.is_dir():
        return
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != outdir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
