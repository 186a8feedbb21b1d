"""Post metadata: raw fields from a post's source -> a validated record.

Pure functions, usable without a Sphinx build (the ``check`` command and the
unit tests call them). Two readers produce the same raw shape:

* :func:`read_front_matter` reads the YAML front matter of a MyST file with
  PyYAML's *composer*, so every key keeps its line number and one bad value
  never discards the others;
* :func:`fields_from_docinfo` reads a reStructuredText field list from the
  ``docinfo`` node of a doctree.

:func:`parse_metadata` turns either into a :class:`PostMetadata` and a list of
:class:`Problem`. Scalars are taken as the text the author wrote (not as
YAML's int/float/date types), so ``date: 2024-02-10``,
``date: "2024-02-10"`` and ``:date: 2024-02-10`` give identical records.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docutils import nodes

from sphinx_blogarchive.model._dates import PostDate as PostDate
from sphinx_blogarchive.model._dates import parse_date as parse_date
from sphinx_blogarchive.model._readers import FIELDS as FIELDS
from sphinx_blogarchive.model._readers import MAX_YAML_NODES as MAX_YAML_NODES
from sphinx_blogarchive.model._readers import FrontMatter as FrontMatter
from sphinx_blogarchive.model._readers import Problem as Problem
from sphinx_blogarchive.model._readers import RawField as RawField
from sphinx_blogarchive.model._readers import RawValue as RawValue
from sphinx_blogarchive.model._readers import fields_from_docinfo as fields_from_docinfo
from sphinx_blogarchive.model._readers import read_front_matter as read_front_matter
from sphinx_blogarchive.model._readers import rst_field_lines as rst_field_lines
from sphinx_blogarchive.model._slugs import MAX_SLUG_BYTES as MAX_SLUG_BYTES
from sphinx_blogarchive.model._slugs import redirect_name as redirect_name
from sphinx_blogarchive.model._slugs import slugify as slugify
from sphinx_blogarchive.model._slugs import term_key as term_key
from sphinx_blogarchive.model._warnings import Subtype


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
    has_metadata: bool = True


# --------------------------------------------------------------------------
# Fields

#: A BCP 47 language tag, as far as a post's ``language`` field needs one:
#: a 2-3 letter language, then subtags (``fr``, ``pt-BR``, ``zh-Hant-TW``).
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

#: The most tags, categories or authors a post keeps, each (pages and feeds show
#: each of a post's names on the page of each other: n names cost n² without a cap).
MAX_NAMES = 100
_PLURALS = {"tags": "tags", "category": "categories", "author": "authors"}
#: Ends the message of every problem that keeps a post out of the listings.
NOT_LISTED = "; the post is not listed"


def scheduled_message(date: str) -> str:
    """What the build and ``check`` say of a post dated *date* (ISO text) after "now"."""
    return f"scheduled post, dated {date}: not listed until then"


def missing_title(fallback: str, line: int | None) -> Problem:
    """The problem of a post with neither a ``title`` field nor a heading."""
    return Problem(Subtype.METADATA, f"post has no title or heading; using {fallback!r}", line)


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


#: Characters dropped from names: C0/C1 controls, the bidirectional
#: embedding, override and isolate controls, which can disguise text, and
#: the non-characters U+FFFE and U+FFFF (no XML may hold them).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean_name(text: str) -> str:
    """NFC-normalise *text*, drop control characters, collapse whitespace, trim."""
    return " ".join(_UNSAFE.sub("", unicodedata.normalize("NFC", text)).split())


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
    dates written with an offset too: see :func:`parse_date`); *default_line* locates
    problems of fields that are absent (the front matter or first line).
    Unknown keys are ignored (other extensions may use them). Never raises:
    every problem is returned, with a fallback applied (a bad field is left
    out; a bad ``draft`` value counts as a draft and a bad ``unlisted`` as
    unlisted, so nothing is published by accident; a missing or bad ``date``
    gives ``date=None``). ``pin`` and ``unlisted`` are true or false,
    ``series`` a name and ``series_order`` a whole number (see :class:`._archive.Post`).
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
    )
    return meta, problems


# --------------------------------------------------------------------------
# One post


def read_post(
    text: str,
    *,
    filetype: str,
    tz: dt.tzinfo,
    docinfo: nodes.Element | None = None,
    extra: Mapping[str, RawField] | None = None,
    adjust: Callable[[dict[str, RawField]], dict[str, RawField]] | None = None,
    convert: bool = False,
) -> tuple[PostMetadata, list[Problem], int | None]:
    """Read the metadata of one post's source *text*: its record, problems and line.

    The one function the extension (at read time) and the ``check`` command
    call, so both report the same problems at the same lines. *filetype* is
    Sphinx's name of the source's parser: ``"restructuredtext"`` reads the
    field list from *docinfo* (the ``docinfo`` node docutils made of the
    field list the file starts with; None when it has none), with lines
    from *text*; any other type (``"markdown"`` for MyST) reads the YAML
    front matter of *text*. *tz* is the blog time zone for naive dates;
    with *convert*, dates with an offset are taken into it too (see
    :func:`parse_date`).

    Returns the :class:`PostMetadata` (its ``title`` is the field only; see
    :func:`post_title`), every :class:`Problem` in source order of the
    readers, and the 1-based line of the metadata block (1 when there is
    none), where problems of absent fields are reported. Never raises. A
    text without any metadata gives ``has_metadata=False`` and the one
    :func:`not_a_post` problem.

    *extra* are fields found elsewhere in the document (the ABlog-style
    ``post`` directive); the metadata block's own fields win over them.
    *adjust*, if given, rewrites the fields before they are validated (ABlog
    date formats and author labels).
    """
    problems: list[Problem] = []
    fields: dict[str, RawField] = {}
    line: int | None = 1
    if filetype == "restructuredtext":
        if docinfo is not None:
            lines = rst_field_lines(text)
            line = min(lines.values(), default=1)
            fields = fields_from_docinfo(docinfo, default_line=line, lines=lines)
    else:
        front = read_front_matter(text)
        fields, problems, line = front.fields, list(front.problems), front.line or 1
    if extra:
        if not fields:
            line = min((f.line for f in extra.values() if f.line), default=line)
        fields = {**extra, **fields}
    if not fields and not problems:
        # No metadata block at all: not a post, whatever its path (and said so).
        return PostMetadata(has_metadata=False), [not_a_post(text, filetype)], line
    if adjust is not None:
        fields = adjust(dict(fields))
    meta, meta_problems = parse_metadata(fields, tz=tz, default_line=line, convert=convert)
    return meta, merge_problems(problems, meta_problems), line


_MISPLACED_FENCE = re.compile(r"^\s*(---|\+\+\+)\s*$")


def not_a_post(text: str, filetype: str) -> Problem:
    """The ``nopost`` problem of a source *text* that matches the post pattern but has no metadata.

    Located at the line of a front matter fence (``---``, or TOML's ``+++``)
    among the first lines that is not where it must be (indented, or after
    other lines), else at line 1.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    misplaced = next(
        (i for i, line in enumerate(lines[:20], start=1) if _MISPLACED_FENCE.match(line)), None
    )
    if filetype != "restructuredtext" and lines[0].rstrip() == "---":
        message = (
            "the file matches the post pattern but its front matter has no post field "
            "(date, title, tags...); it is built as a page, not listed as a post"
        )
        return Problem(Subtype.NOPOST, message, 1)
    if filetype != "restructuredtext" and misplaced is not None:
        fence = lines[misplaced - 1]
        message = (
            f"line {misplaced} ({fence!r}) looks like front matter, which must start on line 1 "
            "with '---' alone; the file is not read as a post"
        )
        return Problem(Subtype.NOPOST, message, misplaced)
    where = "front matter" if filetype != "restructuredtext" else "field list at the top"
    message = (
        f"the file matches the post pattern but has no {where}; it is built as a page, "
        "not listed as a post"
    )
    return Problem(Subtype.NOPOST, message, 1)


def is_plain_page(meta: PostMetadata, problems: list[Problem]) -> bool:
    """True when :func:`read_post` found no metadata at all (its one problem is ``nopost``)."""
    return not meta.has_metadata and all(p.subtype is Subtype.NOPOST for p in problems)


def notebook_front_matter(text: str) -> str:
    """The metadata of a Jupyter notebook's JSON *text* as a YAML front matter block.

    A notebook post (through myst-nb) keeps its post fields in the
    notebook's top-level metadata (beside ``kernelspec``); this turns them
    into the front matter :func:`read_front_matter` reads, so a notebook is
    read like a MyST post. Only keys of :data:`FIELDS` are kept (and
    ``blogpost``); lines then count within that block. Text that is not a
    notebook gives "".
    """
    import json

    try:
        notebook = json.loads(text)
    except ValueError:
        return ""
    meta = notebook.get("metadata") if isinstance(notebook, dict) else None
    if not isinstance(meta, dict):
        return ""
    kept = {k: v for k, v in meta.items() if k in FIELDS or k == "blogpost"}
    if not kept:
        return ""
    return "---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) + "---\n"


def merge_problems(read: list[Problem], parsed: list[Problem]) -> list[Problem]:
    """The problems of one post, with one warning for an unreadable metadata block.

    When the block could not be read at all (broken YAML, say), its problem
    says the post is not listed, and the consequent "post has no date" is
    not repeated.
    """
    broken = [p for p in read if p.subtype is Subtype.FRONTMATTER]
    no_date = [
        p for p in parsed if p.subtype is Subtype.DATE and p.message.startswith("post has no date")
    ]
    if not broken or not no_date:
        return [*read, *parsed]
    first = broken[0]
    merged = Problem(first.subtype, first.message + NOT_LISTED, first.line)
    rest = [p for p in read if p is not first]
    return [merged, *rest, *(p for p in parsed if p not in no_date)]


def post_title(
    meta: PostMetadata, heading: str, *, fallback: str, line: int | None
) -> tuple[str, Problem | None]:
    """The title of a post: its ``title`` field, else its first *heading*.

    *heading* is the text of the document's first top-level heading ("" when
    it has none). With neither, the title is *fallback* (the file name without
    suffix) and the :func:`missing_title` problem at *line* comes with it.
    """
    title = meta.title or clean_name(heading)
    if title:
        return title, None
    return fallback, missing_title(fallback, line)


#: A URL scheme at the start of a value (``https:``, ``javascript:``, ``data:``).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_MINUTES = re.compile(r"[0-9]+")
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


def unreadable_source(exc: Exception, *, fields_read: bool = False) -> Problem:
    """The problem of a post whose source file cannot be read as UTF-8 text (at line 1).

    Its metadata is lost, so the post is not listed; unless *fields_read*:
    Sphinx before 9 reads such a file all the same (each undecodable byte
    made a ``?``), and a reStructuredText post's fields come from the
    doctree it made.
    """
    if fields_read:
        message = f"cannot read the source: {exc}; its fields are read as Sphinx decoded them"
        return Problem(Subtype.FRONTMATTER, message, 1)
    return Problem(Subtype.FRONTMATTER, f"cannot read the source: {exc}{NOT_LISTED}", 1)


def image_path(docname: str, image: str) -> str:
    """The path of the local *image* of the post *docname*, relative to the source folder.

    See :func:`image_source`.
    """
    if image.startswith("/"):
        return posixpath.normpath(image.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), image))
