"""Parsing a post's raw fields into a validated record.

:func:`parse_metadata` turns the raw fields of either reader (YAML front
matter, a reStructuredText field list: see :mod:`._readers`) into a
:class:`~._post_metadata.PostMetadata` and a list of
:class:`~._readers.Problem`. Scalars are taken as the text the author
wrote (not as YAML's int/float/date types), so ``date: 2024-02-10``,
``date: "2024-02-10"`` and ``:date: 2024-02-10`` give identical records.
Pure functions, usable without a Sphinx build.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx_blogarchive.model._dates import PostDate, parse_date
from sphinx_blogarchive.model._post_metadata import NOT_LISTED, PostMetadata, clean_name
from sphinx_blogarchive.model._readers import Problem, RawField, RawValue
from sphinx_blogarchive.model._slugs import redirect_name, slugify
from sphinx_blogarchive.model._warnings import Subtype

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

#: A BCP 47 language tag, as far as a post's ``language`` field needs one:
#: a 2-3 letter language, then subtags (``fr``, ``pt-BR``, ``zh-Hant-TW``).
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

#: The most tags, categories or authors a post keeps, each (pages and feeds show
#: each of a post's names on the page of each other: n names cost n² without a cap).
MAX_NAMES = 100
_PLURALS = {"tags": "tags", "category": "categories", "author": "authors"}
_MINUTES = re.compile(r"[0-9]+")

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def _text(field: RawField, name: str, problems: list[Problem]) -> str | None:
    value = field.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    kind = "a list" if isinstance(value, list) else "a mapping"
    problems.append(
        Problem(Subtype.METADATA, f"{name!r} should be text, not {kind}; ignored", field.line)
    )
    return None


def _names(field: RawField, name: str, problems: list[Problem]) -> tuple[str, ...]:
    """A list of names: a YAML list, or text split on ``;`` (if any) else ``,``."""
    value = field.value
    items: list[RawValue]
    if value is None:
        return ()
    if isinstance(value, str):
        sep = ";" if ";" in value else ","
        items = list(value.split(sep))
    elif isinstance(value, list):
        items = value
    else:
        problems.append(
            Problem(Subtype.METADATA, f"{name!r} should be a list or text; ignored", field.line)
        )
        return ()
    result: list[str] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, bool):
            item = "true" if item else "false"
        if not isinstance(item, str):
            problems.append(
                Problem(Subtype.METADATA, f"an entry of {name!r} is not text; ignored", field.line)
            )
            continue
        cleaned = clean_name(item)
        if not cleaned:
            continue
        if cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            result.append(cleaned)
    return tuple(result)


def parse_metadata(
    fields: Mapping[str, RawField],
    *,
    tz: dt.tzinfo,
    default_line: int | None = None,
    convert: bool = False,
) -> tuple[PostMetadata, list[Problem]]:
    """Validate the raw *fields* of a post into a :class:`PostMetadata`.

    *tz* is the blog time zone for naive dates (and, with *convert*, for
    dates written with an offset too: see :func:`~._dates.parse_date`); *default_line* locates
    problems of fields that are absent (the front matter or first line).
    Unknown keys are ignored (other extensions may use them). Never raises:
    every problem is returned, with a fallback applied (a bad field is left
    out; a bad ``draft`` value counts as a draft and a bad ``unlisted`` as
    unlisted, so nothing is published by accident; a missing or bad ``date``
    gives ``date=None``). ``pin`` and ``unlisted`` are true or false,
    ``series`` a name and ``series_order`` a whole number (see :class:`._post.Post`).
    """
    problems: list[Problem] = []
    get = fields.get

    def text_of(*names: str) -> str:
        for key in names:
            raw = get(key)
            value = _text(raw, key, problems) if raw is not None else None
            if value is not None and value.strip():
                return clean_name(value)
        return ""

    def date_of(key: str) -> PostDate | None:
        # Only a bad ``date`` unlists the post; a bad ``updated`` is just dropped.
        subtype = Subtype.DATE if key == "date" else Subtype.METADATA
        unlisted = NOT_LISTED if key == "date" else "; ignored"
        raw = get(key)
        if raw is None or raw.value is None:
            return None
        value = raw.value
        if isinstance(value, list | dict):
            kind = "a list" if isinstance(value, list) else "a mapping"
            problems.append(
                Problem(subtype, f"{key} should be text, not {kind}{unlisted}", raw.line)
            )
            return None
        if isinstance(value, bool) or not value.strip():
            return None
        try:
            return parse_date(value, tz, convert=convert)
        except ValueError as exc:
            reason = str(exc) if "not a date" not in str(exc) else "not a recognised date"
            problems.append(
                Problem(subtype, f"invalid {key} {value.strip()!r}: {reason}{unlisted}", raw.line)
            )
            return None

    date = date_of("date")
    if date is None and not any(p.subtype is Subtype.DATE for p in problems):
        raw_date = get("date")
        where = raw_date.line if raw_date is not None else default_line
        problems.append(Problem(Subtype.DATE, f"post has no date{NOT_LISTED}", where))
    updated = date_of("updated")

    def flag_of(key: str, *, when_bad: bool, fallback: str) -> bool:
        # true/false in any spelling YAML or a field list gives; else *when_bad*
        # (an empty ``draft:`` too: nothing is published by mistake).
        raw = get(key)
        if raw is None:
            return False
        value = raw.value
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        empty = value is None or (isinstance(value, str) and not value.strip())
        shown = "an empty value" if empty else repr(value)
        problems.append(
            Problem(
                Subtype.METADATA,
                f"{key!r} should be true or false, not {shown}; {fallback}",
                raw.line,
            )
        )
        return when_bad

    # A bad value errs on the side of not publishing: a draft, an unlisted post.
    draft = flag_of("draft", when_bad=True, fallback="treated as a draft")
    unlisted = flag_of("unlisted", when_bad=True, fallback="treated as unlisted")
    pin = flag_of("pin", when_bad=False, fallback="ignored")

    def names_of(*keys: str) -> tuple[str, ...]:
        collected: list[str] = []
        line: int | None = None
        for key in keys:
            if (raw := get(key)) is not None:
                collected.extend(_names(raw, key, problems))
                line = line or raw.line
        unique: dict[str, str] = {}
        for item in collected:
            unique.setdefault(item.casefold(), item)
        if len(unique) > MAX_NAMES:
            problems.append(
                Problem(
                    Subtype.LIMIT,
                    f"post has {len(unique)} {_PLURALS[keys[0]]}; "
                    f"only the first {MAX_NAMES} are kept",
                    line,
                )
            )
        return tuple(unique.values())[:MAX_NAMES]

    def whole_of(key: str, *, least: int, most: int, unit: str = "") -> int | None:
        # A whole number in ASCII digits (str.isdigit() is also true of "²" and "٣",
        # which int() refuses) from *least*, capped at *most*; else None with a problem.
        raw = get(key)
        if raw is None or raw.value is None:
            return None
        value = raw.value
        if isinstance(value, str) and _MINUTES.fullmatch(value.strip()) and int(value) >= least:
            return min(int(value), most)
        message = f"{key!r} should be a whole number{unit}, not {value!r}; ignored"
        problems.append(Problem(Subtype.METADATA, message, raw.line))
        return None

    reading_time = whole_of("reading_time", least=1, most=100_000, unit=" of minutes")
    series_order = whole_of("series_order", least=0, most=1_000_000)

    redirect_from: list[str] = []
    if (raw_redirects := get("redirect_from")) is not None:
        for item in _names(raw_redirects, "redirect_from", problems):
            name = redirect_name(item)
            if name is None:
                problems.append(
                    Problem(
                        Subtype.METADATA,
                        f"'redirect_from' entry {item!r} is not a relative page name "
                        "inside the output folder, or names a file Sphinx writes; ignored",
                        raw_redirects.line,
                    )
                )
            elif name not in redirect_from:
                redirect_from.append(name)

    def checked(key: str, value: str, valid: bool, expected: str) -> str:
        """*value* when *valid* (or empty); else "" and a problem naming *expected*."""
        if not value or valid:
            return value
        raw = get(key)
        problems.append(
            Problem(
                Subtype.METADATA,
                f"{key!r} should be {expected}, not {value!r}; ignored",
                raw.line if raw is not None else default_line,
            )
        )
        return ""

    canonical_url = text_of("canonical_url")
    canonical_url = checked(
        "canonical_url",
        canonical_url,
        canonical_url.startswith(("https://", "http://")),
        "an absolute http(s) URL",
    )
    language = text_of("language").replace("_", "-")
    language = checked(
        "language",
        language,
        bool(_LANGUAGE_TAG.match(language)),
        "a language tag such as 'fr' or 'pt-BR'",
    )

    slug_text = text_of("slug")
    slug = slugify(slug_text) if slug_text else None
    title = text_of("title") or None
    meta = PostMetadata(
        title=title,
        date=date,
        updated=updated,
        subtitle=text_of("subtitle", "description"),
        tags=names_of("tags", "tag"),
        categories=names_of("category", "categories"),
        authors=names_of("author", "authors"),
        image=text_of("image"),
        draft=draft,
        slug=slug,
        excerpt=text_of("excerpt"),
        reading_time=reading_time,
        redirect_from=tuple(redirect_from),
        canonical_url=canonical_url,
        language=language,
        pin=pin,
        unlisted=unlisted,
        series=text_of("series"),
        series_order=series_order,
        image_line=raw_image.line if (raw_image := get("image")) is not None else None,
        slug_line=raw_slug.line if (raw_slug := get("slug")) is not None else None,
    )
    return meta, problems
