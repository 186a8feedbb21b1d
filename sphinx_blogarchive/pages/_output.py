"""The output folder's primitives: what the extension may write there, and how.

The names the user's sources own (so no generated page replaces them),
where a post's local image is copied, and small file helpers: write only
when the bytes change and never through a symbolic link, remove a stale
file with the folders it leaves empty. The record of the last build that
uses them is :mod:`sphinx_blogarchive.record._record`'s.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

from sphinx_blogarchive.model._post_metadata import image_path
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_blogarchive.model._post import Post

logger = logging.getLogger(__name__)
__ = get_translation("sphinx_blogarchive", "console")


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


def symlink_on_the_way(
    root: Path, path: Path, folders: dict[Path, Path | None] | None = None
) -> Path | None:
    """The first symbolic link from *root* (excluded) down to *path* (included), or None.

    *path* lies under the output folder *root*; a link planted there would
    make a write land wherever it points. *folders*, a cache kept by the
    caller for one pass over many paths, maps each folder already checked to
    its answer, so that each folder is checked once (*path* itself always is).
    """
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if not parts:
        return None
    return _folder_link(root, path.parent, folders) or (path if path.is_symlink() else None)


def _folder_link(root: Path, folder: Path, folders: dict[Path, Path | None] | None) -> Path | None:
    """:func:`symlink_on_the_way` for a *folder* under *root* (or *root* itself: None)."""
    if folder == root:
        return None
    if folders is not None and folder in folders:
        return folders[folder]
    found = _folder_link(root, folder.parent, folders) or (folder if folder.is_symlink() else None)
    if folders is not None:
        folders[folder] = found
    return found


def refused_link(root: Path, path: Path, folders: dict[Path, Path | None] | None = None) -> bool:
    """True (with a ``blogarchive.output`` warning) when writing *path* would follow a link.

    *folders*: see :func:`symlink_on_the_way`.
    """
    link = symlink_on_the_way(root, path, folders)
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
