"""The ``check`` command: every post's metadata problems, without a build.

Each post is read by :func:`~sphinx_blogarchive.model.metadata.read_post` and titled by
:func:`~sphinx_blogarchive.model.metadata.post_title`, the functions the extension calls at read
time, so ``check`` reports what a build would warn about a post's metadata:
the same message, subtype and line. What the build learns from the parsed
document is found the same way (see :mod:`._headings`): the docinfo and the
first section of a reStructuredText post come from docutils, and the first
top-level heading of a MyST post from myst-parser's own Markdown parser (a
small scanner of ``#`` and underlined headings outside fenced code stands in
when myst-parser is not installed). Duplicate slugs are found with the
build's rule (the first docname keeps it).

Which files are posts: the glob patterns of ``blogarchive_post_pattern``
(default ``posts/**``), matched like Sphinx's against each source path and
docname relative to the source folder. ``conf.py`` is never executed: only
literal values (``blogarchive_post_pattern = ["posts/**"]``) of a few names
are read from it with :mod:`ast`; options given on the command line win.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.matching import Matcher

from sphinx_blogarchive.cli._headings import markdown_heading_finder, read_rst
from sphinx_blogarchive.config._config import BlogConfig
from sphinx_blogarchive.model._post import slug_owners
from sphinx_blogarchive.model._post_metadata import local_image
from sphinx_blogarchive.model._readers import Problem
from sphinx_blogarchive.model._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.model.metadata import (
    is_plain_page,
    post_title,
    read_post,
    scheduled_message,
    unreadable_source,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

#: Paths Sphinx never reads (``sphinx.project.EXCLUDE_PATHS``).
SPHINX_EXCLUDES = ("**/_sources", ".#*", "**/.#*", "*.lproj/**")
#: ``exclude_patterns`` of a project made by ``sphinx-quickstart``.
DEFAULT_EXCLUDES = ("_build", "Thumbs.db", ".DS_Store")
#: Source suffixes of a project using myst-parser.
DEFAULT_SUFFIXES = {".rst": "restructuredtext", ".md": "markdown"}
#: The ``conf.py`` names ``check`` reads (as literals only).
CONF_NAMES = (
    "blogarchive_post_pattern",
    "blogarchive_timezone",
    "exclude_patterns",
    "source_suffix",
    "extensions",
)
_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Finding:
    """One problem of one post: its *file*, 1-based *line* (or None), subtype, message.

    *subtype* is qualified as Sphinx prints it, e.g. ``"blogarchive.date"``.
    """

    file: str
    line: int | None
    subtype: str
    message: str

    def text(self) -> str:
        """``file:line: message [subtype]``, as Sphinx locates a warning (no ``[]`` without one)."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}" + (f" [{self.subtype}]" if self.subtype else "")

    def as_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data: ``file``, ``line``, ``subtype``, ``message``."""
        return {
            "file": self.file,
            "line": self.line,
            "subtype": self.subtype,
            "message": self.message,
        }


@dataclass
class Settings:
    """What ``check`` needs to know of a project: which files are posts, and how to read them."""

    patterns: list[str] = field(default_factory=lambda: list(BlogConfig().post_pattern))
    timezone: str = BlogConfig().timezone
    excludes: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDES))
    suffixes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SUFFIXES))
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """The result of a check: posts read, the findings (in file and line order), scheduled posts.

    *scheduled* holds a :class:`Finding` (subtype ``""``) per post dated
    after the check's "now" (see :func:`~sphinx_blogarchive.extension._derived.build_now`) and not a
    draft: not problems, but posts no listing shows yet.
    """

    posts: int = 0
    findings: list[Finding] = field(default_factory=list)
    scheduled: list[Finding] = field(default_factory=list)


# --------------------------------------------------------------------------
# conf.py, read without running it


def conf_literals(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Literal values of :data:`CONF_NAMES` assigned at the top level of ``conf.py``.

    The file is parsed with :mod:`ast`, never executed. A name assigned
    anything but a literal (or changed with ``+=``) is left out, with a
    note; so is every name when the file cannot be parsed. Returns
    ``({name: value}, notes)``.
    """
    try:
        tree = ast.parse(path.read_text(encoding="utf-8-sig"), filename=str(path))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as exc:
        return {}, [f"{path}: not read ({exc}); using defaults"]
    values: dict[str, Any] = {}
    unreadable: set[str] = set()
    for node in tree.body:
        value: ast.expr | None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if not isinstance(target, ast.Name) or target.id not in CONF_NAMES:
                continue
            try:
                if isinstance(node, ast.AugAssign) or value is None:
                    raise ValueError
                values[target.id] = ast.literal_eval(value)
                unreadable.discard(target.id)
            except ValueError:
                values.pop(target.id, None)
                unreadable.add(target.id)
    notes = [
        f"{path}: {name} is not a literal value; using the default or the option"
        for name in sorted(unreadable)
        if name != "extensions"
    ]
    if "extensions" in unreadable:
        values["extensions"] = None
    return values, notes


def settings_from_conf(srcdir: Path) -> Settings:
    """:class:`Settings` from the literal values of ``srcdir/conf.py`` (defaults without one)."""
    settings = Settings()
    conf = srcdir / "conf.py"
    if not conf.is_file():
        return settings
    values, settings.notes = conf_literals(conf)
    pattern = values.get("blogarchive_post_pattern")
    if isinstance(pattern, str):
        settings.patterns = [pattern]
    elif isinstance(pattern, list | tuple) and all(isinstance(p, str) for p in pattern):
        settings.patterns = list(pattern)
    if isinstance(values.get("blogarchive_timezone"), str):
        settings.timezone = values["blogarchive_timezone"]
    excludes = values.get("exclude_patterns", [])
    if isinstance(excludes, list | tuple) and all(isinstance(p, str) for p in excludes):
        settings.excludes = list(excludes)
    suffixes = values.get("source_suffix")
    if isinstance(suffixes, str):
        suffixes = [suffixes]
    if isinstance(suffixes, list | tuple):
        settings.suffixes = {str(s): "restructuredtext" for s in suffixes}
    elif isinstance(suffixes, dict):
        settings.suffixes = {str(k): str(v or "restructuredtext") for k, v in suffixes.items()}
    extensions = values.get("extensions", [])
    myst = extensions is None or any(str(e).startswith("myst_") for e in extensions)
    if myst:
        settings.suffixes.setdefault(".md", "markdown")
    else:
        settings.suffixes = {k: v for k, v in settings.suffixes.items() if v != "markdown"}
    return settings


# --------------------------------------------------------------------------
# Finding the posts


def find_posts(srcdir: Path, settings: Settings) -> Iterator[tuple[str, str, str]]:
    """``(relative path, docname, file type)`` of every post under *srcdir*, sorted.

    A file is a document when its suffix is one of ``settings.suffixes`` and no
    exclude pattern matches it (Sphinx's rules, symbolic links followed); it
    is a post when a post pattern matches its docname or its path. Of two
    sources of one document (``a.md`` and ``a.rst``), only the one Sphinx
    reads, the first by file name, is given (see :func:`second_sources`).
    """
    found, _ = _walk_posts(srcdir, settings)
    for rel in sorted(found):
        yield rel, *found[rel]


def second_sources(srcdir: Path, settings: Settings) -> list[tuple[str, str]]:
    """``(relative path, the path Sphinx reads)`` of each post source Sphinx leaves unread.

    A document with two sources (``posts/a.md`` and ``posts/a.rst``): Sphinx
    warns and reads the first by file name.
    """
    _, seconds = _walk_posts(srcdir, settings)
    return seconds


def _walk_posts(
    srcdir: Path, settings: Settings
) -> tuple[dict[str, tuple[str, str]], list[tuple[str, str]]]:
    """``({relative path: (docname, file type)}, second sources)``: see :func:`find_posts`."""
    posts = Matcher(settings.patterns)
    excluded = Matcher([*settings.excludes, *SPHINX_EXCLUDES])
    suffixes = sorted(settings.suffixes, key=len, reverse=True)
    found: dict[str, tuple[str, str]] = {}
    sources: dict[str, str] = {}  # docname -> the relative path read
    seconds: list[tuple[str, str]] = []
    seen: set[str] = set()  # real paths of the folders walked: no symbolic link loops
    for top in _roots(srcdir, settings.patterns):
        for folder, dirs, files in os.walk(top, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            base = Path(folder).relative_to(srcdir).as_posix()
            base = "" if base == "." else base + "/"
            dirs[:] = sorted(d for d in dirs if not excluded(base + d))
            for name in sorted(files):  # as Sphinx: the first by name is read
                rel = base + name
                suffix = next((s for s in suffixes if name.endswith(s)), None)
                if suffix is None or excluded(rel) or rel in found:
                    continue
                docname = rel[: -len(suffix)]
                if docname in sources:
                    if sources[docname] in found:
                        seconds.append((rel, sources[docname]))
                    continue
                sources[docname] = rel
                if posts(docname) or posts(rel):
                    found[rel] = (docname, settings.suffixes[suffix])
    return found, sorted(seconds)


def _roots(srcdir: Path, patterns: list[str]) -> list[Path]:
    """The folders to walk: each pattern's fixed leading folders, without overlaps."""
    tops: set[str] = set()
    for pattern in patterns:
        fixed: list[str] = []
        for part in pattern.split("/")[:-1]:
            if _GLOB.search(part) or part in ("", ".", ".."):
                break
            fixed.append(part)
        tops.add("/".join(fixed))
    kept = [t for t in sorted(tops) if not any(t.startswith(o + "/") or not o for o in tops - {t})]
    return [srcdir / t if t else srcdir for t in kept if (srcdir / t).is_dir()]


# --------------------------------------------------------------------------
# Checking


def check_posts(srcdir: Path, settings: Settings, tz: dt.tzinfo) -> Report:
    """Check every post under *srcdir*; return the :class:`Report`.

    File names in the findings are *srcdir* joined with each post's path
    relative to it. Never raises for a post's content; an unreadable file is
    a ``blogarchive.frontmatter`` finding, as in a build.
    """
    from sphinx_blogarchive.extension._derived import build_now

    now = build_now()
    report = Report()
    heading_of_markdown = markdown_heading_finder()
    slugs: list[tuple[str, str | None, str, int | None]] = []  # docname, declared slug, file, line
    order: dict[str, int] = {}  # file -> its place in the order the posts were found
    for rel, docname, filetype in find_posts(srcdir, settings):
        report.posts += 1
        file = str(srcdir / rel)
        order[file] = len(order)
        problems: list[Problem] = []
        try:
            text = (srcdir / rel).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            text, problems = "", [unreadable_source(exc)]
        if filetype == "restructuredtext":
            docinfo, heading = read_rst(text, str(srcdir / rel))
        else:
            docinfo, heading = None, heading_of_markdown(text)
        meta, found, line = read_post(
            text, filetype=filetype, tz=tz, docinfo=docinfo, convert=bool(settings.timezone)
        )
        if problems:  # unreadable: its text is unknown, so it is not known to have no metadata
            found = [p for p in found if p.subtype is not Subtype.NOPOST]
        if not problems and is_plain_page(meta, found):
            # no metadata at all: an ordinary page, not a post (as in a build, said so)
            for problem in found:
                report.findings.append(
                    Finding(
                        file, problem.line, f"{WARNING_TYPE}.{problem.subtype}", problem.message
                    )
                )
            continue
        unreadable = bool(problems)  # then its heading is unknown, not missing
        problems += found
        basename = docname.rpartition("/")[2]
        _, no_title = post_title(meta, heading, fallback=basename, line=line)
        if no_title is not None and not unreadable:
            problems.append(no_title)
        _, no_image = local_image(srcdir, docname, meta.image, meta.image_line or line)
        if no_image is not None:
            problems.append(no_image)
        for problem in problems:
            subtype = f"{WARNING_TYPE}.{problem.subtype}"
            report.findings.append(Finding(file, problem.line, subtype, problem.message))
        if meta.date is not None and meta.date.value > now and not meta.draft:
            message = scheduled_message(meta.date.iso())
            report.scheduled.append(Finding(file, line, "", message))
        slugs.append((docname, meta.slug or None, file, meta.slug_line or line))
    owners = slug_owners((docname, declared) for docname, declared, _, _ in slugs)
    for docname, declared, file, line in slugs:
        if declared and (owner := owners[declared.casefold()]) != docname:
            message = (
                f"post slug {declared!r} is already used by {owner!r}; "
                "refer to this post by docname"
            )
            report.findings.append(Finding(file, line, f"{WARNING_TYPE}.slug", message))
    for rel, read in second_sources(srcdir, settings):
        message = (
            f"a second source of the document {read.rpartition('.')[0]!r}: Sphinx reads "
            f"{read} and not this file; rename or remove one"
        )
        report.findings.append(Finding(str(srcdir / rel), None, "", message))
    report.findings.sort(key=lambda f: (order.get(f.file, len(order)), f.file, f.line or 0))
    return report
