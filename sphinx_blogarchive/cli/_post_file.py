"""Writing MyST post files: YAML front matter, the title heading, the body.

Used by the ``new`` command and the importers. The front matter is written
by hand (not with ``yaml.dump``) so that it reads like a person wrote it:
plain scalars where YAML reads them back as the same text, double quotes
(JSON-style escapes, valid YAML) elsewhere, flow lists, and dates unquoted.
Every value written is read back by :func:`~sphinx_blogarchive.model._readers.read_front_matter` as
the same text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from typing import Union

import yaml

#: A front matter value: text, a flag, a whole number, a list of texts, or a date.
Value = Union[str, bool, int, Sequence[str], dt.datetime, dt.date]  # noqa: UP007

#: The key holding the hash of an imported file (see :func:`file_hash`).
HASH_KEY = "import_hash"
_HASH_LINE = re.compile(rf"^{HASH_KEY}: *(\S*) *\n", re.MULTILINE)

#: Characters escaped with a backslash in a heading, so that MyST shows them as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#~$]|&(?=#?\w+;))")


def _plain_is_same(text: str, *, flow: bool) -> bool:
    """True when *text* written without quotes is read back by YAML as that string."""
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    document = f"k: [{text}]" if flow else f"k: {text}"
    try:
        loaded = yaml.safe_load(document)
    except yaml.YAMLError:
        return False
    expected = [text] if flow else text
    return isinstance(loaded, dict) and loaded.get("k") == expected


def scalar(text: str, *, flow: bool = False) -> str:
    """*text* as a YAML scalar: plain when YAML reads it back as the same string, else quoted."""
    if _plain_is_same(text, flow=flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def date_text(value: dt.datetime | dt.date) -> str:
    """An ISO 8601 date (``2024-02-13``) or aware date-time (``2024-02-13T09:30:00+00:00``)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def front_matter(fields: Sequence[tuple[str, Value | None]]) -> str:
    """A YAML front matter block (with its ``---`` lines) of *fields*, in order.

    None values and empty lists or texts are left out. Dates are written as
    ISO text without quotes; booleans as ``true``/``false``; whole numbers as digits; lists in flow
    style (``[a, b]``).
    """
    lines = ["---"]
    for key, value in fields:
        if value is None or (isinstance(value, str | list | tuple) and not value):
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, int):
            text = str(value)
        elif isinstance(value, dt.date):
            text = date_text(value)
        elif isinstance(value, str):
            text = scalar(value)
        else:
            text = "[" + ", ".join(scalar(item, flow=True) for item in value) + "]"
        lines.append(f"{key}: {text}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def heading(title: str, level: int = 1) -> str:
    """A MyST ATX heading whose text is *title* exactly (markup characters escaped)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(title.split()))
    return f"{'#' * level} {text}"


def post_text(fields: Sequence[tuple[str, Value | None]], title: str, body: str) -> str:
    """A whole MyST post: front matter, a blank line, the title heading, the body."""
    body = body.strip("\n")
    text = front_matter(fields) + "\n" + heading(title) + "\n"
    return text + ("\n" + body + "\n" if body else "")


def file_hash(text: str) -> str:
    """The hash of a post file's *text*, leaving out its own ``import_hash`` line.

    16 hexadecimal digits of SHA-256; an importer stores it in the file, and
    a later run that finds another hash knows the file was edited by hand.
    """
    content = _HASH_LINE.sub("", text, count=1)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def stored_hash(text: str) -> str | None:
    """The ``import_hash`` value in the front matter of *text*, or None."""
    end = text.find("\n---", 3) if text.startswith("---\n") else -1
    if end < 0:
        return None
    match = _HASH_LINE.search(text[: end + 1])
    return match[1] if match else None


def with_hash(text: str) -> str:
    """*text* (a post with front matter) with an ``import_hash`` line before the closing ``---``.

    Raises :class:`ValueError` when *text* has no front matter.
    """
    end = text.find("\n---\n", 3) if text.startswith("---\n") else -1
    if end < 0:
        raise ValueError("the post has no front matter")
    return f"{text[: end + 1]}{HASH_KEY}: {file_hash(text)}\n{text[end + 1 :]}"
