"""Slugs and identities of tag, category and author names, and safe former URLs.

Part of :mod:`.metadata` (which re-exports these names).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata


def term_key(name: str) -> str:
    """The identity of a tag, category or author name: NFKC, casefolded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def slugify(name: str) -> str:
    r"""A URL- and file-system-safe slug for *name*, never empty.

    Unicode letters and digits are kept (lower-cased, NFKC), every other run
    of characters becomes ``-`` (so ``AC/DC`` -> ``ac-dc``, ``open source``
    -> ``open-source``, ``数据库`` stays). Three symbols that would otherwise
    make names collide are spelled out first (see :data:`SPELLED_SYMBOLS`):
    ``+`` as ``plus`` (``C++`` -> ``c-plus-plus``), ``#`` after a letter or
    digit as ``sharp`` (``C#`` -> ``c-sharp``), ``&`` as ``and`` (``R&D`` ->
    ``r-and-d``). A name left with no letter or digit gets ``t-`` and a short
    hash of its key (``***`` -> ``t-36c3eaa0``). The result never holds ``/``,
    ``\\``, ``.`` or a leading ``-``, so it cannot leave its folder.
    Combining marks stay with their letters (``हिन्दी`` stays). At most 100
    bytes of UTF-8, cut between characters, so every file system can hold
    the page's file name. The slug depends on *name* alone.
    """
    key = term_key(name)
    spelled = _SHARP.sub(f" {SPELLED_SYMBOLS['#']} ", key)
    for symbol in "+&":
        spelled = spelled.replace(symbol, f" {SPELLED_SYMBOLS[symbol]} ")
    kept = "".join(c if _slug_char(c) else "-" for c in spelled.replace("_", "-"))
    slug = re.sub(r"-{2,}", "-", kept).strip("-")
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore").strip("-")
    if not slug:
        return "t-" + name_hash(key)
    return slug


#: The symbols :func:`slugify` spells out, and how (``#`` only after a letter or digit).
SPELLED_SYMBOLS = {"+": "plus", "#": "sharp", "&": "and"}

_SHARP = re.compile(r"(?<=[^\W_])#")


def name_hash(key: str) -> str:
    """Eight hex digits of the SHA-1 of *key* (a :func:`term_key`): a per-name suffix."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


#: Longest slug, in bytes of UTF-8 (file names are limited to 255 bytes).
MAX_SLUG_BYTES = 100


def ablog_slugify(name: str) -> str:
    """The slug ABlog 0.11 gives a tag, category or author: its URL, kept.

    ABlog's ``slugify``: NFKD, then every character but word characters,
    spaces and ``-`` dropped (``José`` -> ``jose``, ``node.js`` ->
    ``nodejs``, ``AI/ML`` -> ``aiml``, ``a_b`` stays), lower-cased, runs of
    spaces and ``-`` made one ``-`` (``--x--`` -> ``-x-``). Only word
    characters and ``-`` remain, so the slug cannot leave its folder; it is
    cut at :data:`MAX_SLUG_BYTES`, and a name that leaves nothing gets
    :func:`slugify`'s slug instead.
    """
    text = re.sub(r"[^\w\s-]", "", unicodedata.normalize("NFKD", name)).strip().lower()
    slug = re.sub(r"[-\s]+", "-", text)
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore")
    return slug if slug.strip("-_") else slugify(name)


def _slug_char(char: str) -> bool:
    """Letters, digits and combining marks stay in slugs; everything else is a separator."""
    return unicodedata.category(char)[0] in "LNM"


# --------------------------------------------------------------------------
# Former URLs

_PAGE_SUFFIXES = (".html", ".htm", ".md", ".rst", ".txt")
_SAFE_PAGE_PART = re.compile(r"^[\w][\w.\-~+@]*$")


def redirect_name(text: str) -> str | None:
    """The page name of a former URL or docname in ``redirect_from``, or None.

    ``/old/name.html``, ``old/name.md``, ``old/name/`` and ``old/name`` all
    give ``old/name`` (a trailing ``/`` gives ``old/name/index``). None for
    anything that could leave the output folder or that a file system may
    refuse: ``..``, a URL with a scheme or a query, backslashes, a part
    starting with ``.`` or ``-``, Windows device names, or more than 200
    characters; and for a name Sphinx's own output takes or may take: a
    folder starting with ``_`` at the top (``_static/basic.css``,
    ``_images``, ``_sources``), :data:`SPHINX_OUTPUTS` (``objects.inv``,
    ``searchindex.js``, ``genindex``, ``search``), or a file name with a
    suffix of :data:`FILE_SUFFIXES` (``.css``, ``.js``...), which the
    ``dirhtml`` builder would make a folder of.
    """
    text = text.strip()
    if not text or len(text) > 200 or "\\" in text or "://" in text or text.startswith("//"):
        return None
    if any(c in text for c in '?#:*"<>|'):
        return None
    folder = text.endswith("/")
    name = text.strip("/")
    for suffix in _PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    if folder:
        name = f"{name}/index" if name else "index"
    parts = name.split("/")
    if not name or any(not _SAFE_PAGE_PART.match(part) for part in parts):
        return None
    if any(part.split(".")[0].casefold() in _DEVICE_NAMES for part in parts):
        return None
    if parts[0].startswith("_") or name.casefold() in SPHINX_OUTPUTS:
        return None
    if parts[-1].rpartition(".")[2].casefold() in FILE_SUFFIXES and "." in parts[-1]:
        return None
    return name


#: Files and pages every Sphinx HTML build writes at the top of its output folder.
SPHINX_OUTPUTS = frozenset(
    {"objects.inv", "searchindex.js", "genindex", "search", "py-modindex", ".buildinfo"}
)
#: Suffixes of files that are not pages (a redirect of one would be a folder with ``dirhtml``).
FILE_SUFFIXES = frozenset(
    {"css", "js", "mjs", "map", "inv", "json", "xml", "txt", "pdf", "zip", "gz"}
    | {"png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "woff", "woff2", "ttf", "eot"}
)


#: Names Windows reserves for devices, with or without a suffix.
_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)

#: Slugs a term page may not take: the family's index page, and the names
#: Windows reserves for devices (``con.html`` cannot be written there).
RESERVED_SLUGS = frozenset({"index"} | _DEVICE_NAMES)
