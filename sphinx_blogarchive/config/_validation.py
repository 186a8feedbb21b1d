"""The validation of the ``blogarchive_*`` values: the problem of each invalid one.

Pure functions of the values: :func:`_problems` names what is wrong with
each setting, :func:`tag_alias_problems` and :func:`term_slug_problems`
with each entry of the two mappings. Warning about them and resetting them
is the Sphinx side's (:func:`._register.validate`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zoneinfo
from typing import TYPE_CHECKING, Any

from sphinx.util.i18n import format_date

from sphinx_blogarchive.config._values import (
    DEFAULT_PATHS,
    FEED_CONTENTS,
    FEED_FORMATS,
    FEED_KINDS,
    PAGE_FAMILIES,
    PAGINATIONS,
    URL_LAYOUTS,
)
from sphinx_blogarchive.model._dates import date_only_format
from sphinx_blogarchive.model._listing import FIELDS
from sphinx_blogarchive.model._slugs import MAX_SLUG_BYTES, RESERVED_SLUGS, term_key

if TYPE_CHECKING:
    from sphinx.config import Config


_SAFE_PATH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$")


def _path_problem(path: str) -> str | None:
    if not isinstance(path, str) or not path:
        return "must be a non-empty relative path"
    norm = posixpath.normpath(path)
    if path.startswith("/") or "\\" in path or norm.startswith("..") or norm != path:
        return "must be a normalised relative path inside the output folder"
    if not _SAFE_PATH.match(path) or any(part.startswith(".") for part in path.split("/")):
        return "may hold only letters, digits, '_', '-', '.' and '/'"
    return None


def _format_problem(fmt: str) -> str | None:
    """Why *fmt* cannot format a date and a date-time, or None when it can."""
    sample = dt.datetime(2024, 3, 9, 14, 5, tzinfo=dt.UTC)
    try:
        for pattern in (fmt, date_only_format(fmt)):
            format_date(pattern, date=sample, language="en")
    except Exception as exc:  # babel raises many kinds
        return f"cannot format dates ({exc})"
    return None


def _problems(config: Config) -> dict[str, str]:
    """Return ``{field name: problem}`` for each invalid ``blogarchive_*`` value."""
    problems: dict[str, str] = {}

    def get(name: str) -> Any:
        return getattr(config, f"blogarchive_{name}")

    patterns = get("post_pattern")
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list | tuple) or not all(isinstance(p, str) for p in patterns):
        problems["post_pattern"] = "must be a list of glob patterns"
    tz = get("timezone")
    try:
        zoneinfo.ZoneInfo(tz or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        problems["timezone"] = "is not a known time zone"
    for name in ("include_drafts", "feed_stylesheet"):
        if not isinstance(get(name), bool):
            problems[name] = "must be True or False"
    shown = get("listing_fields")
    if not isinstance(shown, list | tuple) or not set(shown) <= set(FIELDS):
        problems["listing_fields"] = f"must be a list drawn from {', '.join(FIELDS)}"
    for name in ("posts_per_page", "related_posts"):
        number = get(name)
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            problems[name] = "must be a whole number, 0 or more"
    for name in ("archive_on_one_page", "archive_by_month", "related_newer"):
        if not isinstance(get(name), bool):
            problems[name] = "must be True or False"
    for name in ("words_per_minute", "characters_per_minute"):
        speed = get(name)
        if not isinstance(speed, int) or isinstance(speed, bool) or speed <= 0:
            problems[name] = "must be a positive whole number"
    for name in ("title", "description", "date_format"):
        if not isinstance(get(name), str):
            problems[name] = "must be a string"
    if "date_format" not in problems and (reason := _format_problem(get("date_format"))):
        problems["date_format"] = reason
    pages = get("pages")
    if not isinstance(pages, list | tuple) or not set(pages) <= set(PAGE_FAMILIES):
        problems["pages"] = f"must be a list drawn from {', '.join(PAGE_FAMILIES)}"
    builders = get("page_builders")
    if not isinstance(builders, list | tuple) or not all(isinstance(b, str) for b in builders):
        problems["page_builders"] = "must be a list of builder names"
    elif "singlehtml" in builders:
        problems["page_builders"] = "may not name singlehtml, which writes no extra pages"
    books = get("book_builders")
    if not isinstance(books, list | tuple) or not all(isinstance(b, str) for b in books):
        problems["book_builders"] = "must be a list of builder names"
    paths = get("paths")
    if not isinstance(paths, dict):
        problems["paths"] = f"must be a dict with keys from {', '.join(DEFAULT_PATHS)}"
    else:
        # Every bad entry named, not just the first.
        bad = [
            f"entry {key!r} is not one of {', '.join(DEFAULT_PATHS)}"
            for key in paths
            if key not in DEFAULT_PATHS
        ]
        bad += [
            f"entry {key!r} {msg}"
            for key, path in paths.items()
            if key in DEFAULT_PATHS and (msg := _path_problem(path)) is not None
        ]
        if bad:
            problems["paths"] = "; ".join(bad)
    if get("pagination") not in PAGINATIONS:
        problems["pagination"] = f"must be one of {', '.join(PAGINATIONS)}"
    if get("url_layout") not in URL_LAYOUTS:
        problems["url_layout"] = f"must be one of {', '.join(URL_LAYOUTS)}"
    if not isinstance(get("authors"), dict):
        problems["authors"] = "must be a dict of author key -> {name, avatar, url, bio}"
    if not isinstance(get("tag_aliases"), dict):
        problems["tag_aliases"] = "must be a dict of old tag name -> new tag name (both text)"
    if not isinstance(get("term_slugs"), dict):
        problems["term_slugs"] = "must be a dict of name -> slug (both text)"
    # -- feeds
    if get("feeds") is not None and not isinstance(get("feeds"), bool):
        problems["feeds"] = "must be True, False or None"
    for name, allowed in (("feed_formats", FEED_FORMATS), ("feed_taxonomies", FEED_KINDS)):
        value = get(name)
        if not isinstance(value, list | tuple) or not set(value) <= set(allowed):
            problems[name] = f"must be a list drawn from {', '.join(allowed)}"
    length = get("feed_length")
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        problems["feed_length"] = "must be a whole number (0: every post)"
    if get("feed_content") not in FEED_CONTENTS:
        problems["feed_content"] = f"must be one of {', '.join(FEED_CONTENTS)}"
    return problems


def tag_alias_problems(aliases: dict[Any, Any]) -> tuple[dict[str, str], list[str]]:
    """The valid entries of ``blogarchive_tag_aliases``, and a problem per bad entry.

    An entry is bad when its old or new name is not text or is empty, or
    when its new name is an old name (its own, or another entry's: aliases
    do not chain). Returns ``({old: new} of the good entries, problems)``;
    each problem names its entry.
    """
    texts = {
        k: v
        for k, v in aliases.items()
        if isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
    }
    olds = {term_key(k) for k in texts}
    kept: dict[str, str] = {}
    problems: list[str] = []
    for old, new in aliases.items():
        entry = f"{old!r} -> {new!r}"
        if old not in texts:
            problems.append(f"{entry}: both names must be non-empty text")
        elif term_key(new) == term_key(old):
            problems.append(f"{entry}: the new name is the old one")
        elif term_key(new) in olds:
            problems.append(f"{entry}: the new name is another entry's old name (no chains)")
        else:
            kept[old] = new
    return kept, problems


def shown_value(value: Any, most: int = 80) -> str:
    """*value* as Python wrote it (``repr``), cut to *most* characters with ``...``."""
    text = repr(value)
    return text if len(text) <= most else text[: most - 3] + "..."


def term_slug_problems(slugs: dict[Any, Any]) -> tuple[dict[str, str], list[str]]:
    """The valid entries of ``blogarchive_term_slugs``, and a problem per bad entry.

    An entry is bad when its name or slug is not text or is empty, when its
    slug could leave its folder or is reserved (see :func:`_slug_problem`),
    or when its name is another entry's, compared as names are. Returns
    ``({name: slug} of the good entries, problems)``; each problem shows its
    entry.
    """
    kept: dict[str, str] = {}
    seen: set[str] = set()
    problems: list[str] = []
    for name, slug in slugs.items():
        entry = f"{name!r}: {slug!r}"
        if not (isinstance(name, str) and name.strip() and isinstance(slug, str)):
            problems.append(f"{entry}: the name and the slug must be non-empty text")
        elif (reason := _slug_problem(slug)) is not None:
            problems.append(f"{entry}: the slug {reason}")
        elif term_key(name) in seen:
            problems.append(f"{entry}: another entry names {name!r} already")
        else:
            seen.add(term_key(name))
            kept[name] = slug
    return kept, problems


_SAFE_SLUG = re.compile(r"^[^\W_][\w\-]*$")


def _slug_problem(slug: str) -> str | None:
    """Why *slug* cannot be a term's slug, or None when it can."""
    if not _SAFE_SLUG.match(slug):
        return "may hold only letters, digits, '-' and '_', and start with a letter or digit"
    if slug.casefold() in RESERVED_SLUGS:
        return "is a reserved name"
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        return f"is longer than {MAX_SLUG_BYTES} bytes"
    return None
