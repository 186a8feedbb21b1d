"""Collecting posts at read time (``doctree-read``, before Sphinx's collectors).

For a document matching ``blogarchive_post_pattern`` this reads its metadata
(MyST: the front matter of the source file, with PyYAML; rST: the field
list, from the doctree's ``docinfo``), reports each problem as a located
``blogarchive.*`` warning, makes sure the page has the title as its ``<h1>``,
inserts the :class:`~.directives.post_header` placeholder, marks the page
orphan (and ``nosearch`` when a draft or unlisted), and records the
:class:`~sphinx_blogarchive.model._post.Post`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import FiletypeNotFoundError
from sphinx.util import get_filetype, logging
from sphinx.util.matching import Matcher
from sphinx.util.nodes import clean_astext

from sphinx_blogarchive.ablog import _project as _ablog
from sphinx_blogarchive.extension import _ablog_site
from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.model._control import clean_doctree
from sphinx_blogarchive.model._excerpt import excerpt_of, text_size
from sphinx_blogarchive.model._post import Post
from sphinx_blogarchive.model._post_metadata import PostMetadata, local_image
from sphinx_blogarchive.model._readers import Problem, RawField
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.model.metadata import (
    is_plain_page,
    notebook_front_matter,
    post_title,
    read_post,
    unreadable_source,
)
from sphinx_blogarchive.pages._nodes import post_footer, post_header
from sphinx_blogarchive.pages._seo import opengraph_fields

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


def read_metadata(
    env: BuildEnvironment,
    docname: str,
    doctree: nodes.document,
    extra: dict[str, RawField] | None = None,
    adjust: Callable[[dict[str, RawField]], dict[str, RawField]] | None = None,
) -> tuple[PostMetadata, list[Problem], int | None]:
    """Metadata of the post *docname*, its problems, and the metadata block's line.

    The file type decides the reader (see :func:`~sphinx_blogarchive.model.metadata.read_post`,
    which
    the ``check`` command calls too): reStructuredText takes the ``docinfo``
    node of *doctree*; every other type (MyST Markdown, ...) the YAML front
    matter of the source file, read from disk; a Jupyter notebook (myst-nb)
    its top-level metadata. *extra* are the fields of an ABlog ``post``
    directive, *adjust* rewrites ABlog's dates and author labels.
    """
    path = Path(env.doc2path(docname))
    try:
        filetype = get_filetype(env.config.source_suffix, str(path))
    except FiletypeNotFoundError:
        filetype = "restructuredtext"
    problems: list[Problem] = []
    unreadable: Exception | None = None
    try:
        # As Sphinx read it (``source_encoding``, default ``utf-8-sig``).
        text = path.read_text(encoding=str(env.config.source_encoding or "utf-8-sig"))
    except (OSError, UnicodeError, LookupError) as exc:
        text, unreadable = "", exc
    if path.suffix == ".ipynb":  # myst-nb: the fields are in the notebook's metadata
        text, filetype = notebook_front_matter(text), "markdown"
    docinfo = next(iter(doctree.findall(nodes.docinfo)), None)
    if unreadable is not None:
        # Sphinx 9 stops on a source that is not UTF-8; an older Sphinx reads
        # it with "?" for each bad byte, and an rST post's docinfo is usable.
        fields_read = filetype == "restructuredtext" and docinfo is not None
        problems = [unreadable_source(unreadable, fields_read=fields_read)]
    config = get_domain(env).config
    meta, found, line = read_post(
        text,
        filetype=filetype,
        tz=config.tzinfo(),
        convert=bool(config.timezone),
        docinfo=docinfo,
        extra=extra,
        adjust=adjust,
    )
    if unreadable is not None:  # its text is unknown, so it is not known to have no metadata
        found = [p for p in found if p.subtype is not Subtype.NOPOST]
    if path.suffix == ".ipynb":  # lines of the made-up front matter: say the file's first
        found = [dataclasses.replace(p, line=1) for p in found]
        line = 1
    return meta, [*problems, *found], line


def _first_section(doctree: nodes.document) -> nodes.section | None:
    return next((c for c in doctree.children if isinstance(c, nodes.section)), None)


def _section_title(section: nodes.section) -> str:
    title = section[0]
    return clean_astext(title) if isinstance(title, nodes.title) else ""


_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‹": "'",
        "›": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def _typographic_form(text: str) -> str:
    """*text* with the characters Sphinx's smartquotes makes turned back into ASCII."""
    plain = text.translate(_TYPOGRAPHY).replace("---", "-").replace("--", "-")
    return " ".join(plain.split())


def ensure_title(doctree: nodes.document, title: str) -> nodes.section:
    """Make *title* the document's ``<h1>``; return the top section.

    When the first top-level section already carries *title*, nothing
    changes; when it carries *title* as Sphinx's smartquotes rewrote it
    (``Don't`` as ``Don’t``), its text becomes *title*, as written. Otherwise
    a new section titled *title* wraps the whole body (so a body that starts
    at a second-level heading keeps it as a subsection).
    """
    section = _first_section(doctree)
    if section is not None:
        heading = _section_title(section)
        if heading == title:
            return section
        if heading and _typographic_form(heading) == _typographic_form(title):
            heading_node = section[0]
            assert isinstance(heading_node, nodes.title)
            heading_node.children = []
            heading_node += nodes.Text(title)
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


def _checked_image(
    env: BuildEnvironment, docname: str, image: str, line: int | None
) -> tuple[str, Problem | None]:
    """*image* if it is a URL or an existing file inside the source folder, else "".

    With the problem of an image that is not there, or None.
    """
    path, problem = local_image(Path(env.srcdir), docname, image, line)
    if path is not None:
        env.note_dependency(str(path))
    return (image, None) if problem is None else ("", problem)


def warn_problems(docname: str, problems: list[Problem]) -> None:
    """Log each of *problems* of the document *docname* as a located ``blogarchive`` warning."""
    for problem in problems:
        logger.warning(
            problem.message,
            type=WARNING_TYPE,
            subtype=problem.subtype,
            location=(docname, problem.line),
        )


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Collect the post of the current document, if it is one, and its blog references."""
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    domain.note_refs(
        docname,
        tuple(
            (str(node["reftype"]), str(node["reftarget"]))
            for node in doctree.findall(addnodes.pending_xref)
            if node.get("refdomain") == "blog"
        ),
    )
    config = domain.config
    if _ablog_site.replace_placeholder(env, docname, doctree):
        return
    # ABlog's post directive or ``blogpost: true`` make a post anywhere; in an
    # ABlog project, so does the post pattern (``blog_post_pattern``).
    extra = _ablog.directive_fields(doctree)
    matched = is_post(env, docname, config.post_pattern)
    ablog = (
        extra is not None
        or _ablog.marked_post(doctree)
        or (matched and _ablog.is_ablog_project(env.config))
    )
    if not ablog and not matched:
        return
    # No control character (docutils' NUL escapes included) leaves a post's
    # doctree: not into its excerpt, its page or its full-text feed entry.
    clean_doctree(doctree)
    adjust = _ablog.fields_adjuster(env.config) if ablog else None
    meta, problems, line = read_metadata(env, docname, doctree, extra, adjust)
    ablog_draft = ablog and next(iter(doctree.findall(nodes.docinfo)), None) is not None
    if is_plain_page(meta, problems) and not ablog_draft:
        # No front matter or field list at all: an ordinary page that lives
        # among the posts (a folder's index, say), counted in the summary and
        # warned about (a misplaced front matter would otherwise lose a post).
        warn_problems(docname, problems)
        domain.note_plain_page(docname)
        return
    if is_plain_page(meta, problems):
        # Metadata, but none of a post's (``jupytext:`` only): ABlog's draft.
        problems = [_ablog.draft_problem(line)]
    if ablog and meta.date is None:
        # ABlog's rule: a post without a date is a draft (said so, once).
        problems = [_ablog.as_draft(p) if _ablog.is_no_date(p) else p for p in problems]
    section = _first_section(doctree)
    heading = _section_title(section) if section is not None else ""
    title, no_title = post_title(meta, heading, fallback=docname.rpartition("/")[2], line=line)
    if no_title is not None:
        problems.append(no_title)
    image, no_image = _checked_image(env, docname, meta.image, meta.image_line or line)
    if no_image is not None:
        problems.append(no_image)
    warn_problems(docname, problems)
    section = ensure_title(doctree, title)
    if meta.language:
        # Docutils writes a ``language-*`` class as the element's ``lang``.
        section["classes"].append(f"language-{meta.language}")
    excerpt = excerpt_of(section, meta.excerpt)
    size = text_size(section)
    section.insert(1, post_header("", docname=docname))
    section.append(post_footer("", docname=docname))

    metadata = env.metadata[docname]
    metadata["orphan"] = True
    if meta.draft or meta.unlisted:
        metadata["nosearch"] = True
    for key, value in opengraph_fields(app, meta.subtitle).items():
        metadata.setdefault(key, value)
    domain.note_post(
        Post(
            docname=docname,
            title=title,
            date=meta.date,
            updated=meta.updated,
            subtitle=meta.subtitle,
            tags=config.aliased_tags(meta.tags),
            categories=meta.categories,
            authors=meta.authors,
            image=image,
            draft=meta.draft,
            slug=meta.slug or "",
            line=line,
            slug_line=meta.slug_line,
            excerpt=excerpt.text,
            excerpt_html=excerpt.html,
            words=size.words,
            characters=size.characters,
            reading_time=meta.reading_time,
            redirect_from=meta.redirect_from,
            canonical_url=meta.canonical_url,
            language=meta.language,
            pin=meta.pin,
            unlisted=meta.unlisted,
            series=meta.series,
            series_order=meta.series_order,
            problems=tuple(problems),
        )
    )
