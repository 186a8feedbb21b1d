"""Post metadata: one post's source -> a validated record, or its problems.

Pure functions, usable without a Sphinx build: :func:`read_post` is the one
function the extension (at read time) and the ``check`` command call. Two
readers produce the same raw shape (see :mod:`._readers`):

* :func:`~._readers.read_front_matter` reads the YAML front matter of a
  MyST file with PyYAML's *composer*, so every key keeps its line number
  and one bad value never discards the others;
* :func:`~._readers.fields_from_docinfo` reads a reStructuredText field
  list from the ``docinfo`` node of a doctree.

:func:`~._parse.parse_metadata` turns either into a
:class:`~._post_metadata.PostMetadata` and a list of :class:`~._readers.Problem`.
The rest says what a post lacks: a title (:func:`post_title`), any metadata
(:func:`not_a_post`), a readable source (:func:`unreadable_source`); and
:func:`notebook_front_matter` reads a Jupyter notebook's fields as front
matter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

from sphinx_blogarchive.model._parse import parse_metadata
from sphinx_blogarchive.model._post_metadata import NOT_LISTED, PostMetadata, clean_name
from sphinx_blogarchive.model._readers import (
    FIELDS,
    Problem,
    RawField,
    fields_from_docinfo,
    read_front_matter,
    rst_field_lines,
)
from sphinx_blogarchive.model._warnings import Subtype

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Mapping

    from docutils import nodes


def scheduled_message(date: str) -> str:
    """What the build and ``check`` say of a post dated *date* (ISO text) after "now"."""
    return f"scheduled post, dated {date}: not listed until then"


def missing_title(fallback: str, line: int | None) -> Problem:
    """The problem of a post with neither a ``title`` field nor a heading."""
    return Problem(Subtype.METADATA, f"post has no title or heading; using {fallback!r}", line)


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
    :func:`~._dates.parse_date`).

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
