"""Slugs and identities of tag, category and author names.

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

    Unicode letters and digits are kept (lower-cased, NFKC), every other run of
    characters becomes ``-`` (so ``AC/DC`` -> ``ac-dc``, ``open source`` ->
    ``open-source``, ``数据库`` stays). A name with no letter or digit gets
    ``t-`` and a short hash of its key (``+++`` -> ``t-86c3ea5a``). The result
    never holds ``/``, ``\\``, ``.`` or a leading ``-``, so it cannot leave its
    folder. Combining marks stay with their letters (``हिन्दी`` stays). At most
    100 bytes of UTF-8, cut between characters, so every file system can
    hold the page's file name.
    """
    key = term_key(name)
    kept = "".join(c if _slug_char(c) else "-" for c in key.replace("_", "-"))
    slug = re.sub(r"-{2,}", "-", kept).strip("-")
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore").strip("-")
    if not slug:
        return "t-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return slug


#: Longest slug, in bytes of UTF-8 (file names are limited to 255 bytes).
MAX_SLUG_BYTES = 100


def _slug_char(char: str) -> bool:
    """Letters, digits and combining marks stay in slugs; everything else is a separator."""
    return unicodedata.category(char)[0] in "LNM"
