"""What the importers share: the post record, writing files idempotently, the summary.

An importer (Substack export, RSS/Atom feed) turns its input into
:class:`ImportedPost` records and hands them to a :class:`PostWriter`, which
writes each as a MyST file ``<dir>/<year>/<slug>.md`` (``<dir>/undated/``
for a post without a date). Every written file carries two front matter
keys the extension ignores: ``import_source`` (where the post came from,
e.g. ``substack:12345``; it finds the file again on the next run, wherever
it was moved under ``<dir>``) and ``import_hash`` (see
:func:`~sphinx_blogarchive.cli._post_file.file_hash`). On a later run:

* a file whose bytes would not change is not written at all (*unchanged*);
* a file the importer wrote and nobody edited since (its hash matches) is
  rewritten with the new content (*updated*);
* a file edited by hand (its hash does not match), or a file at the target
  path that the importer did not write, is kept (*skipped*), unless
  ``force`` is set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import yaml

from sphinx_blogarchive.cli import _post_file
from sphinx_blogarchive.cli.importers import _md2myst
from sphinx_blogarchive.model._record import clean_name
from sphinx_blogarchive.model._slugs import slugify

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: The message of a missing ``import`` extra, as the command prints it.
MISSING_EXTRA = (
    "the import commands need the 'import' extra (markdownify, feedparser, defusedxml): "
    "python -m pip install 'path/to/sphinx-blogarchive[import]'"
)
#: Imports of more posts than this show progress on stderr, every this many posts.
PROGRESS_EVERY = 50
SOURCE_KEY = "import_source"
_SOURCE_LINE = re.compile(rf"^{SOURCE_KEY}: *(.+?) *$")


#: Stands in a body for the folder of the post's images (see :attr:`ImportedPost.assets`).
ASSETS = "\ue000"


@dataclass(frozen=True)
class Asset:
    """A file copied next to an imported post: *name* (a file name) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ImportedPost:
    """One post read from an export, a feed or another blog tool's sources, ready to be written.

    *source* identifies it in its origin (``substack:<number>``,
    ``feed:<entry id>``, ``jekyll:_posts/<file>``); *date* is aware, or None
    when the origin has none (then the post is written as a draft, and that
    is reported); with *has_time* False only its calendar day is written;
    *body* is MyST Markdown without the title heading, in which
    :data:`ASSETS` stands for the folder of *assets* (``<slug>/`` beside the
    post file). *redirect_from* are former page names (the old URLs);
    *pin*, *unlisted*, *series* and *series_order* are written when set.
    *updated_has_time* is the same for *updated* (None: as *has_time*), so
    a date-only ``lastmod`` stays a date beside a *date* with a time.
    """

    source: str
    title: str
    slug: str
    date: dt.datetime | None
    subtitle: str = ""
    updated: dt.datetime | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    body: str = ""
    has_time: bool = True
    categories: tuple[str, ...] = ()
    image: str = ""
    excerpt: str = ""
    reading_time: int | None = None
    redirect_from: tuple[str, ...] = ()
    pin: bool = False
    unlisted: bool = False
    series: str = ""
    series_order: int | None = None
    assets: tuple[Asset, ...] = ()
    updated_has_time: bool | None = None

    def _when(
        self, value: dt.datetime | None, tz: dt.tzinfo, has_time: bool
    ) -> dt.datetime | dt.date | None:
        if value is None:
            return None
        return value.astimezone(tz) if has_time else value.date()

    def text(self, tz: dt.tzinfo, folder: str = "") -> str:
        """The post's file text with its ``import_hash``; dates shown in *tz*.

        *folder* replaces :data:`ASSETS` in the body (the images' folder,
        relative to the post file).
        """
        date = self._when(self.date, tz, self.has_time)
        updated_has_time = self.has_time if self.updated_has_time is None else self.updated_has_time
        fields: list[tuple[str, _post_file.Value | None]] = [
            ("title", self.title),
            ("subtitle", self.subtitle),
            ("date", date),
            ("updated", self._when(self.updated, tz, updated_has_time)),
            ("slug", self.slug),
            ("tags", list(self.tags)),
            ("category", list(self.categories)),
            ("author", list(self.authors)),
            ("image", self.image.replace(ASSETS, folder)),
            ("excerpt", self.excerpt),
            ("reading_time", self.reading_time),
            ("pin", True if self.pin else None),
            ("unlisted", True if self.unlisted else None),
            ("series", self.series),
            ("series_order", self.series_order),
            ("redirect_from", list(self.redirect_from)),
            ("draft", True if self.draft or date is None else None),
            (SOURCE_KEY, self.source),
        ]
        body = make_myst_inert(self.body.replace(ASSETS, folder))
        return _post_file.with_hash(_post_file.post_text(fields, self.title, body))


# --------------------------------------------------------------------------
# Imported text never runs: the escaping every importer goes through

#: Characters escaped with a backslash in imported text. Each starts or closes
#: some MyST syntax: emphasis, code, links, raw HTML, strikethrough, roles
#: and substitutions (braces), dollar math, tables, footnotes and
#: attributes. CommonMark shows an escaped ASCII punctuation character as
#: itself.
_TEXT_SPECIAL = re.compile(r"([\\`*_\[\]<>~{}$|^])")
#: Jinja's openers after an escaped brace (``{%``, ``{#``): broken up too.
_JINJA_AFTER_BRACE = re.compile(r"(?<=\\\{)([%#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
#: A character that makes a block of a line's start: headings, quotes,
#: comments, list items, setext lines, colon fences, tables, targets.
_LEADING = re.compile(r"^(\s*)([#>%+\-=:|(])", re.MULTILINE)
_LEADING_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
#: The directives an importer may write (:func:`make_myst_inert` keeps them):
#: name -> whether the body is MyST (made inert in turn) rather than literal text.
#: The HTML converter writes figures, images and math; the Markdown converter
#: admonitions and tabs (:data:`._md2myst.DIRECTIVES`).
SAFE_DIRECTIVES: dict[str, bool] = {
    **dict.fromkeys(_md2myst.DIRECTIVES, True),
    "figure": True,
    "image": True,
    "math": False,
}
_FENCE = re.compile(
    r"^(?P<prefix>(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*)"
    r"(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$"
)
_DIRECTIVE_INFO = re.compile(r"^[ \t]*\{(?P<name>[^}`]*)\}")
_OPTION = re.compile(r"^[ \t>]*:[\w-]+:(?:[ \t]|$)")
_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)")
#: A brace that starts a substitution (``{{``), Jinja (``{%``, ``{#``) or a role.
_EVALUATED_BRACE = re.compile(r"(?<!\\)\{(?=[{%#]|[^{}`\s]*\}`)")


def escape_myst_text(text: str) -> str:
    """Plain *text* as MyST Markdown that shows it as written, under every MyST extension.

    Every character that starts MyST syntax is backslash-escaped: no
    emphasis, code, link, raw HTML, role (``{name}`...```), substitution
    (``{{ x }}``), Jinja (``{% x %}``, ``{# x #}``: the character after the
    brace is escaped too), math (``$``), table, comment (``%`` at a line's
    start), target (``(x)=``), heading, quote, list item or colon fence can
    come from it. Importers call it on every text node they convert (see
    :func:`make_myst_inert` for what the writer does to whole bodies).
    """
    if not text:
        return ""
    text = _TEXT_SPECIAL.sub(r"\\\1", text)
    text = _JINJA_AFTER_BRACE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LEADING.sub(r"\1\\\2", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


def make_myst_inert(body: str) -> str:
    """The MyST *body* with nothing left that a MyST extension or Sphinx would evaluate.

    The last step of every importer: :meth:`ImportedPost.text` (so the
    :class:`PostWriter`) applies it to every body, whatever converter made
    it (HTML through :func:`~._html2myst.html_to_myst`, or Markdown of
    another tool). Outside code:

    * a fenced directive (`````{name}``, ``~~~{name}``, ``:::{name}``) whose
      name is not in :data:`SAFE_DIRECTIVES` becomes a plain code block
      (``text``) that shows its lines as written: ``{eval-rst}``,
      ``{code-cell}``, ``{raw}``, ``{include}`` never run; a colon fence
      becomes text (its colons escaped);
    * a brace that starts a substitution (``{{``), Jinja (``{%``, ``{#``)
      or a role (``{name}`...```) is backslash-escaped.

    Code spans and code blocks are left as they are (MyST evaluates nothing
    in them). Text already escaped by :func:`escape_myst_text` is unchanged.
    """
    return "\n".join(_inert_lines(body.split("\n")))


def _inert_lines(lines: list[str]) -> Iterator[str]:
    closing: str | None = None  # the fence that closes the code block we are in
    bodies: list[str] = []  # the fences of the open directives whose body is MyST
    options = False  # in the option lines (``:alt: ...``) of a directive just opened
    for line in lines:
        match = _FENCE.match(line)
        if options and _OPTION.match(line):
            yield line
            continue
        options = False
        if closing is not None:
            if match and match["fence"].startswith(closing) and not match["info"].strip():
                closing = None
            yield line
            continue
        if match is None:
            yield _inert_inline(line)
            continue
        prefix, fence, info = match["prefix"], match["fence"], match["info"]
        directive = _DIRECTIVE_INFO.match(info)
        name = directive["name"].strip() if directive is not None else None
        if not info.strip() and bodies and fence.startswith(bodies[-1]):
            bodies.pop()
            yield line
        elif name in SAFE_DIRECTIVES and fence[0] != ":":
            if SAFE_DIRECTIVES[name]:
                bodies.append(fence)
                options = True
            else:
                closing = fence
            yield _inert_inline(line)  # its argument (an admonition's title) is MyST
        elif fence[0] == ":":
            yield prefix + "\\" + fence + _inert_inline(info)
        elif directive is not None or "`" not in info or fence[0] == "~":
            closing = fence
            yield prefix + fence + ("text" if directive is not None else info)
        else:
            yield _inert_inline(line)  # backticks in a backtick info string: no fence


def _inert_inline(line: str) -> str:
    """*line* with its evaluated braces escaped, outside its code spans."""
    spans = [span.span() for span in _CODE_SPAN.finditer(line)]

    def escape(match: re.Match[str]) -> str:
        inside = any(start <= match.start() < end for start, end in spans)
        return match[0] if inside else "\\{"

    return _EVALUATED_BRACE.sub(escape, line)


@dataclass(frozen=True)
class ImportProblem:
    """A problem of an import: *where* (file and line, or a post id) and *message*."""

    where: str
    message: str

    def text(self) -> str:
        """``where: message``, as the command prints it."""
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Author:
    """An author of the registry ``authors.yml``: *key* (as posts name it) and what is known.

    *avatar* is a URL, or with *avatar_data* (the image's bytes) the name
    of a file copied into ``authors/`` beside the registry; empty texts are
    left out of the file.
    """

    key: str
    name: str = ""
    avatar: str = ""
    url: str = ""
    bio: str = ""
    avatar_data: bytes = b""


@dataclass
class Reading:
    """What a reader of another tool's sources found: *posts*, *problems*, *authors*.

    *authors* are the entries for the ``authors.yml`` registry (the posts
    name them by key); *skipped* counts what was left out on purpose, by
    reason (``"type page"``).
    """

    posts: list[ImportedPost] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass
class Summary:
    """Counts of one import, and its problems."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        """Count one post skipped for *reason*."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def line(self) -> str:
        """One line: ``created 3, updated 1, unchanged 38, skipped 2 (...); 1 problem``."""
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        text = (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"skipped {skipped}" + (f" ({reasons})" if reasons else "")
        )
        count = len(self.problems)
        return text + f"; {count} problem{'s' if count != 1 else ''}"


def name_list(value: str) -> tuple[str, ...]:
    """Names from a comma-separated option (``--tags a,b``), cleaned, duplicates dropped."""
    names: dict[str, str] = {}
    for item in value.split(","):
        if cleaned := clean_name(item):
            names.setdefault(cleaned.casefold(), cleaned)
    return tuple(names.values())


class PostWriter:
    """Writes imported posts under *directory*, idempotently (see the module's notes).

    Progress goes to *progress* (stderr) every :data:`PROGRESS_EVERY` posts
    when *total* is larger than that.
    """

    def __init__(
        self,
        directory: Path,
        *,
        tz: dt.tzinfo,
        force: bool = False,
        total: int = 0,
        progress: TextIO | None = None,
    ) -> None:
        self.directory = directory
        self.tz = tz
        self.force = force
        self.total = total
        self.progress = progress if progress is not None else sys.stderr
        self.summary = Summary()
        self.seen = 0
        self._known = self._scan()
        self._imported = set(self._known.values())
        self._claimed: set[Path] = set()
        self._slugs: dict[str, str] = {}
        self._redirects: dict[str, str] = {}

    def _scan(self) -> dict[str, Path]:
        """``{import_source: path}`` of the MyST files already under the directory."""
        known: dict[str, Path] = {}
        if not self.directory.is_dir():
            return known
        for path in sorted(self.directory.rglob("*.md")):
            if (source := _source_of(path)) is not None:
                known.setdefault(source, path)
        return known

    def _own_slug(self, post: ImportedPost) -> ImportedPost:
        """*post* with a slug and former URLs no earlier post of this import holds.

        A taken slug gets ``-2``, ``-3``, ... (so its file name does too); a
        former URL another post redirects from already is left out. Both
        are problems of the post (its source id): the blog's build would
        warn about either (``blogarchive.slug``, ``blogarchive.collision``).
        """
        base = slugify(post.slug or post.title)
        slug = base
        for n in range(2, 10_000):
            if slug not in self._slugs:
                break
            slug = f"{base}-{n}"
        if slug != base:
            self.summary.problems.append(
                ImportProblem(
                    post.source,
                    f"slug {base!r} is also the slug of {self._slugs[base]}: "
                    f"written with slug {slug!r}",
                )
            )
        self._slugs[slug] = post.source
        kept: list[str] = []
        for name in post.redirect_from:
            if (other := self._redirects.get(name)) is not None:
                self.summary.problems.append(
                    ImportProblem(
                        post.source,
                        f"former URL {name!r} is also one of {other}: no redirect from it",
                    )
                )
            else:
                self._redirects[name] = post.source
                kept.append(name)
        if slug == base and len(kept) == len(post.redirect_from):
            return post
        return dataclasses.replace(
            post, slug=post.slug if slug == base else slug, redirect_from=tuple(kept)
        )

    def _target(self, post: ImportedPost) -> Path:
        """Where *post* goes: its file of an earlier run, else ``<year>/<slug>.md``.

        A name another imported post holds gets ``-2``, ``-3``, ...; a file
        the importer did not write keeps its name (:meth:`write` decides).
        """
        if (path := self._known.get(post.source)) is not None:
            return path
        folder = f"{post.date.astimezone(self.tz).year:04d}" if post.date else "undated"
        base = slugify(post.slug or post.title)
        for n in range(1, 10_000):
            path = self.directory / folder / (f"{base}.md" if n == 1 else f"{base}-{n}.md")
            if path not in self._claimed and path not in self._imported:
                return path
        raise RuntimeError(f"no free file name for {base!r}")  # pragma: no cover

    def write(self, post: ImportedPost) -> str:
        """Write *post* unless that changes nothing or would lose an edit; return the outcome.

        The outcome is ``"created"``, ``"updated"``, ``"unchanged"``,
        ``"skipped"`` (a file edited by hand, or not written by the importer,
        is kept: counted as skipped, with its reason, and said on stderr) or
        ``"failed"`` (the file cannot be read or written: a problem). A
        slug or former URL an earlier post of this import holds is changed
        first (see :meth:`_own_slug`).
        """
        self.seen += 1
        if self.total > PROGRESS_EVERY and self.seen % PROGRESS_EVERY == 0:
            print(f"... {self.seen} of {self.total} posts", file=self.progress, flush=True)
        post = self._own_slug(post)
        path = self._target(post)
        self._claimed.add(path)
        try:
            outcome = self._write(path, post.text(self.tz, path.stem).encode("utf-8"))
            if outcome != "skipped":
                for asset in post.assets:
                    _write_if_changed(path.parent / path.stem / asset.name, asset.data)
        except OSError as exc:
            self.summary.problems.append(ImportProblem(str(path), f"cannot write it: {exc}"))
            return "failed"
        return outcome

    def _write(self, path: Path, data: bytes) -> str:
        outcome = "created"
        if path.exists():
            old = path.read_bytes()
            if old == data:
                self.summary.unchanged += 1
                return "unchanged"
            old_text = old.decode("utf-8", errors="replace")
            stored = _post_file.stored_hash(old_text)
            if stored is None and not self.force:
                self.summary.skip("not written by the importer")
                print(
                    f"kept {path}: a file the importer did not write; --force overwrites it",
                    file=self.progress,
                )
                return "skipped"
            if stored != _post_file.file_hash(old_text) and not self.force:
                self.summary.skip("edited by hand")
                print(
                    f"kept {path}: edited since it was imported; --force overwrites it",
                    file=self.progress,
                )
                return "skipped"
            outcome = "updated"
        _write_if_changed(path, data)
        if outcome == "created":
            self.summary.created += 1
        else:
            self.summary.updated += 1
        return outcome

    def write_all(self, posts: Iterable[ImportedPost]) -> Summary:
        """Write every post of *posts*; return the :class:`Summary`."""
        for post in posts:
            self.write(post)
        return self.summary


def add_authors(path: Path, authors: Iterable[Author]) -> list[str]:
    """Add the *authors* the registry *path* does not have yet; return the keys added.

    The registry (``authors.yml`` beside ``conf.py``) maps each key to its
    ``name``, ``avatar``, ``url`` and ``bio``; a local avatar is copied to
    ``authors/<key>.<suffix>`` beside it. Entries already there are
    never changed (they may have been edited): new ones are appended as
    text, so the file's comments and order stay, and the file is not
    written at all when nothing is new. Raises :class:`OSError` when it
    cannot be read or written, :class:`yaml.YAMLError` when it is not YAML.
    """
    text = path.read_text("utf-8") if path.is_file() else ""
    loaded = yaml.safe_load(text) if text.strip() else {}
    known = {str(k) for k in loaded} if isinstance(loaded, dict) else set()
    lines: list[str] = []
    added: list[str] = []
    for author in authors:
        if author.key in known:
            continue
        known.add(author.key)
        added.append(author.key)
        avatar = author.avatar
        if author.avatar_data:
            avatar = f"authors/{author.avatar}"
            _write_if_changed(path.parent / avatar, author.avatar_data)
        values = {"name": author.name, "avatar": avatar, "url": author.url, "bio": author.bio}
        written = [f"  {k}: {_post_file.scalar(v)}" for k, v in values.items() if v]
        lines.extend([f"{_post_file.scalar(author.key)}:" + ("" if written else " {}"), *written])
    if added:
        start = text if not text or text.endswith("\n") else text + "\n"
        _write_if_changed(path, (start + "\n".join(lines) + "\n").encode("utf-8"))
    return added


def _write_if_changed(path: Path, data: bytes) -> bool:
    """Write *data* to *path* unless it holds those bytes already; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def _source_of(path: Path) -> str | None:
    """The ``import_source`` in the front matter of the file *path*, or None."""
    try:
        with path.open(encoding="utf-8") as stream:
            if stream.readline().rstrip() != "---":
                return None
            for _, line in zip(range(500), stream, strict=False):
                if line.rstrip() in ("---", "..."):
                    return None
                if match := _SOURCE_LINE.match(line.rstrip("\n")):
                    value = yaml.safe_load(match[1])
                    return str(value) if value is not None else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return None
