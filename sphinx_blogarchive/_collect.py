"""Collecting posts at read time (``doctree-read``, before Sphinx's collectors).

For a document matching ``blogarchive_post_pattern`` this reads its metadata
(MyST: the front matter of the source file, with PyYAML; rST: the field
list, from the doctree's ``docinfo``), reports each problem as a located
``blogarchive.*`` warning, makes sure the page has the title as its ``<h1>``,
inserts the :class:`~.directives.post_header` placeholder, marks the page
orphan (and ``nosearch`` when a draft), and records the :class:`~.model.Post`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import FiletypeNotFoundError
from sphinx.util import get_filetype, logging
from sphinx.util.matching import Matcher
from sphinx.util.nodes import clean_astext

from ._excerpt import excerpt_of, word_count
from ._warnings import WARNING_TYPE, Subtype
from .directives import post_footer, post_header
from .domain import get_domain
from .metadata import (
    NOT_LISTED,
    FrontMatter,
    Problem,
    RawField,
    fields_from_docinfo,
    missing_title,
    parse_metadata,
    read_front_matter,
    rst_field_lines,
)
from .model import Post
from .pages import image_source

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Runs before Sphinx's title and metadata collectors (priority 500).
PRIORITY = 400


def is_post(env: BuildEnvironment, docname: str, patterns: list[str]) -> bool:
    """True when *docname* (or its source path) matches one of *patterns*."""
    matcher = Matcher(patterns)
    if matcher(docname):
        return True
    try:
        source = Path(env.doc2path(docname)).relative_to(env.srcdir).as_posix()
    except ValueError:
        return False
    return matcher(source)


def read_fields(
    env: BuildEnvironment, docname: str, doctree: nodes.document
) -> tuple[dict[str, RawField], list[Problem], int | None]:
    """Raw metadata fields of the post *docname*, problems, and the block's line.

    The file type decides the reader: reStructuredText takes the ``docinfo``
    node; every other type (MyST Markdown, ...) the YAML front matter of the
    source file, read from disk.
    """
    path = Path(env.doc2path(docname))
    try:
        filetype = get_filetype(env.config.source_suffix, str(path))
    except FiletypeNotFoundError:
        filetype = "restructuredtext"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(Subtype.FRONTMATTER, f"cannot read the source: {exc}", None)
        return {}, [problem], None
    if filetype == "restructuredtext":
        docinfo = next(iter(doctree.findall(nodes.docinfo)), None)
        if docinfo is None:
            return {}, [], 1
        lines = rst_field_lines(text)
        fields = fields_from_docinfo(
            docinfo, default_line=min(lines.values(), default=1), lines=lines
        )
        return fields, [], min(lines.values(), default=1)
    front: FrontMatter = read_front_matter(text)
    return front.fields, front.problems, front.line or 1


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


def _first_section(doctree: nodes.document) -> nodes.section | None:
    return next((c for c in doctree.children if isinstance(c, nodes.section)), None)


def _section_title(section: nodes.section) -> str:
    title = section[0]
    return clean_astext(title) if isinstance(title, nodes.title) else ""


def ensure_title(doctree: nodes.document, title: str) -> nodes.section:
    """Make *title* the document's ``<h1>``; return the top section.

    When the first top-level section already carries *title*, nothing
    changes. Otherwise a new section titled *title* wraps the whole body (so
    a body that starts at a second-level heading keeps it as a subsection).
    """
    section = _first_section(doctree)
    if section is not None and _section_title(section) == title:
        return section
    keep = [c for c in doctree.children if isinstance(c, nodes.docinfo | nodes.decoration)]
    body = [c for c in doctree.children if c not in keep]
    new = nodes.section()
    new += nodes.title(title, title)
    for child in body:
        doctree.remove(child)
        new += child
    doctree += new
    new["names"].append(nodes.fully_normalize_name(title))
    doctree.note_implicit_target(new, new)
    return new


def _line_of(fields: dict[str, RawField], key: str, default: int | None) -> int | None:
    field = fields.get(key)
    return field.line if field is not None and field.line else default


def _checked_image(env: BuildEnvironment, docname: str, image: str, line: int | None) -> str:
    """*image* if it is a URL or an existing file inside the source folder, else ""."""
    if not image or "://" in image or image.startswith("//"):
        return image
    probe = Post(docname=docname, title="", date=None, image=image)
    srcdir = Path(env.srcdir).resolve()
    path = (srcdir / image_source(probe)).resolve()
    if srcdir in path.parents and path.is_file():
        env.note_dependency(str(path))
        return image
    logger.warning(
        "image %r is not a file in the source folder; the post is shown without it",
        image,
        type=WARNING_TYPE,
        subtype=Subtype.METADATA,
        location=(docname, line),
    )
    return ""


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Collect the post of the current document, if it is one."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    config = domain.config
    if not is_post(env, docname, config.post_pattern):
        return
    fields, problems, line = read_fields(env, docname, doctree)
    if not fields and not problems:
        # No front matter or field list at all: an ordinary page that lives
        # among the posts (a folder's index, say), counted in the summary.
        domain.note_plain_page(docname)
        return
    meta, meta_problems = parse_metadata(fields, tz=config.tzinfo(), default_line=line)
    for problem in merge_problems(problems, meta_problems):
        logger.warning(
            problem.message,
            type=WARNING_TYPE,
            subtype=problem.subtype,
            location=(docname, problem.line),
        )

    section = _first_section(doctree)
    title = meta.title or (_section_title(section) if section is not None else "")
    if not title:
        title = docname.rpartition("/")[2]
        problem = missing_title(title, line)
        logger.warning(
            problem.message,
            type=WARNING_TYPE,
            subtype=problem.subtype,
            location=(docname, problem.line),
        )
    section = ensure_title(doctree, title)
    excerpt = excerpt_of(section, meta.excerpt)
    words = word_count(section)
    section.insert(1, post_header("", docname=docname))
    section.append(post_footer("", docname=docname))

    metadata = env.metadata[docname]
    metadata["orphan"] = True
    if meta.draft:
        metadata["nosearch"] = True
    domain.note_post(
        Post(
            docname=docname,
            title=title,
            date=meta.date,
            updated=meta.updated,
            subtitle=meta.subtitle,
            tags=meta.tags,
            categories=meta.categories,
            authors=meta.authors,
            image=_checked_image(env, docname, meta.image, _line_of(fields, "image", line)),
            draft=meta.draft,
            slug=meta.slug or "",
            line=line,
            excerpt=excerpt.text,
            excerpt_html=excerpt.html,
            words=words,
            reading_time=meta.reading_time,
        )
    )
