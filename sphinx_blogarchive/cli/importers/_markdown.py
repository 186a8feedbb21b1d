"""What the importers of Markdown blog tools share: source files, front matter, the post.

MkDocs Material, Docusaurus, Quarto, Jekyll and Hugo keep each post in a
Markdown file with front matter: YAML between ``---`` lines (all five), or
TOML between ``+++`` lines (Hugo). :func:`read_source` splits a file;
:class:`Fields` reads the values every tool writes alike (dates as text
or as YAML/TOML dates, names as a list or comma-separated text, flags);
:class:`~._images.Images` copies the local images a post shows next
to the new post and rewrites their links; :func:`build_post` makes the
:class:`~._common.ImportedPost`, with the body converted by
:func:`~._md2myst.convert_markdown` and what could not be converted
reported as problems of that file.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from sphinx_blogarchive.cli.importers._common import Author, ImportedPost, ImportProblem
from sphinx_blogarchive.cli.importers._images import Images, local_image
from sphinx_blogarchive.cli.importers._md2myst import convert_markdown
from sphinx_blogarchive.model._dates import parse_date
from sphinx_blogarchive.model._post_metadata import clean_name
from sphinx_blogarchive.model._slugs import redirect_name, slugify

if TYPE_CHECKING:
    from collections.abc import Iterator

#: A source file larger than this is not read.
MAX_BYTES = 20 * 1024 * 1024


class SourceError(Exception):
    """The SOURCE of an import cannot be used at all (no such folder, no posts)."""


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping dates as the text written (read by :func:`parse_date`)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Source:
    """A post's source file split: front matter *meta*, *body*, the line the body starts on."""

    meta: dict[str, Any]
    body: str
    body_line: int


def read_source(path: Path) -> Source:
    """Read the Markdown file *path*: its front matter (YAML ``---`` or TOML ``+++``) and body.

    Raises :class:`ValueError` with a message for a file that cannot be read
    as a post: not UTF-8, larger than :data:`MAX_BYTES`, front matter that is
    not closed, not valid YAML or TOML, or not a mapping.
    """
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES} bytes; not read")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc})") from None
    text = text.replace("\r\n", "\n")
    first = text.split("\n", 1)[0].rstrip()
    if first not in ("---", "+++"):
        return Source({}, text, 1)
    end = re.search(rf"^{re.escape(first)}[ \t]*$", text[len(first) + 1 :], re.M)
    if end is None:
        raise ValueError(f"front matter opened with {first!r} on line 1 is never closed")
    block = text[len(first) + 1 : len(first) + 1 + end.start()]
    body = text[len(first) + 1 + end.end() :].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    try:
        meta = tomllib.loads(block) if first == "+++" else yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"front matter is not valid YAML{where}: {reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"front matter is not valid TOML: {exc}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping of keys")
    return Source(meta, body, body_line)


@dataclass
class Fields:
    """Typed reads of front matter *meta*; a value of the wrong shape is a note, not an error."""

    meta: dict[str, Any]
    tz: dt.tzinfo
    notes: list[str] = field(default_factory=list)

    def text(self, *keys: str) -> str:
        """The first of *keys* that holds text (numbers are taken as written), cleaned."""
        for key in keys:
            value = self.meta.get(key)
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                if cleaned := clean_name(str(value)):
                    return cleaned
            elif value is not None:
                self.notes.append(f"{key!r} is not text; ignored")
        return ""

    def names(self, *keys: str) -> tuple[str, ...]:
        """Names from *keys*: lists, or comma-separated text; duplicates dropped.

        Any other value (a mapping, a flag) is a note, and gives no name.
        """
        found: dict[str, str] = {}
        for key in keys:
            value = self.meta.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, list | str | int | float)
            ):
                self.notes.append(f"{key!r} is not a list or name; ignored")
                continue
            items = value if isinstance(value, list) else str(value).split(",") if value else []
            for item in items:
                if isinstance(item, dict | list):
                    self.notes.append(f"{key!r} holds a {type(item).__name__}; ignored")
                elif name := clean_name(str(item)):
                    found.setdefault(name.casefold(), name)
        return tuple(found.values())

    def flag(self, key: str) -> bool:
        """True when *key* is ``true`` (or the text ``true``, ``yes``)."""
        value = self.meta.get(key)
        return value is True or (
            isinstance(value, str) and value.strip().lower() in {"true", "yes"}
        )

    def number(self, key: str) -> int | None:
        """A positive whole number under *key*, else None (a note when there is another value)."""
        value = self.meta.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
            return int(value)
        self.notes.append(f"{key!r} should be a whole number, not {value!r}; ignored")
        return None

    def date(self, key: str) -> tuple[dt.datetime | None, bool]:
        """The date under *key* (aware) and whether it has a time; (None, True) when none."""
        value = self.meta.get(key)
        if value is None or value == "":
            return None, True
        if isinstance(value, dt.datetime):
            aware = value if value.tzinfo else value.replace(tzinfo=self.tz)
            return aware, True
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day, tzinfo=self.tz), False
        try:
            parsed = parse_date(str(value), self.tz)
        except ValueError:
            self.notes.append(f"{key!r} {value!r} is not a date; ignored")
            return None, True
        return parsed.value, parsed.has_time


@dataclass
class Post:
    """What a tool's reader found for one post, before :func:`build_post` makes its record."""

    source: str
    path: Path
    rel: str
    slug: str
    old_urls: list[str] = field(default_factory=list)
    authors: tuple[str, ...] = ()


def redirects(urls: list[str]) -> tuple[str, ...]:
    """The page names of the former URLs *urls* (unsafe ones, and duplicates, left out)."""
    names: dict[str, None] = {}
    for url in filter(None, urls):
        path = urlsplit(url).path if "://" in url else url
        if (name := redirect_name(path)) is not None:
            names.setdefault(name)
    return tuple(names)


def build_post(
    post: Post, source: Source, fields: Fields, images: Images, problems: list[ImportProblem]
) -> ImportedPost:
    """The :class:`ImportedPost` of *post*: the fields every tool shares, the converted body.

    Reads ``title``, ``subtitle``/``description``, ``date``, ``updated``
    (or ``lastmod``, ``last_update.date``, ``date.updated``),
    ``tags``, ``categories``, ``draft``, ``pin``, ``unlisted``, ``series``,
    ``series_order``, ``image``, ``reading_time``, ``summary``/``excerpt``; *post* gives the
    source id, the slug, the former URLs (not kept for a draft, which had
    none) and the author keys. Every note of
    the fields and the body becomes a problem of ``post.rel``.
    """
    meta = fields.meta
    title = fields.text("title")
    if not title and (heading := re.search(r"^#\s+(.+?)\s*#*\s*$", source.body, re.M)):
        title = clean_name(heading[1])
    date, has_time = fields.date("date")
    updated, updated_has_time = fields.date("updated")
    if updated is None:
        updated, updated_has_time = fields.date("lastmod")
    image = fields.text("image")
    if image:
        image = images.url(image, fields.notes, "image")
    converted = convert_markdown(
        source.body, title=title, first_line=source.body_line, rewrite=images.rewrite
    )
    draft = fields.flag("draft")
    series = meta.get("series")
    if isinstance(series, list):  # Hugo's taxonomy: a list of series
        series = series[0] if series else ""
    imported = ImportedPost(
        source=post.source,
        title=title or post.slug,
        slug=post.slug,
        date=date,
        has_time=has_time,
        subtitle=fields.text("subtitle", "description"),
        updated=updated if updated is not None and (date is None or updated > date) else None,
        updated_has_time=updated_has_time,
        draft=draft,
        tags=fields.names("tags"),
        categories=fields.names("categories", "category"),
        authors=post.authors,
        image=image,
        reading_time=fields.number("reading_time"),
        redirect_from=() if draft else redirects(post.old_urls),
        pin=fields.flag("pin"),
        unlisted=fields.flag("unlisted"),
        series=clean_name(str(series)) if series else "",
        series_order=fields.number("series_order"),
        excerpt=fields.text("summary", "excerpt"),
        body=converted.text,
        assets=tuple(images.assets.values()),
    )
    for note in [*fields.notes, *converted.notes]:  # every field read: all their notes
        if located := re.match(r"^line (\d+): (.*)$", note, re.S):
            problems.append(ImportProblem(f"{post.rel}:{located[1]}", located[2]))
        else:
            problems.append(ImportProblem(post.rel, note))
    if date is None:
        problems.append(ImportProblem(post.rel, "no date: written as a draft without one"))
    return imported


def author_entry(key: str, value: Any, folder: Path | None = None) -> Author:
    """An :class:`Author` from a tool's registry entry *value* (a mapping), by common names.

    A local avatar (a path, relative to *folder* or, starting with ``/``,
    to it too) is read, to be copied beside ``authors.yml``.
    """
    value = value if isinstance(value, dict) else {}

    def get(*names: str) -> str:
        for name in names:
            if isinstance(found := value.get(name), str) and found.strip():
                return " ".join(found.split())
        return ""

    avatar = get("avatar", "image_url", "image")
    data = b""
    if avatar and folder is not None:
        try:
            path = local_image(avatar, folder, [folder], folder)
        except ValueError:
            path = None
        if path is not None:
            data = path.read_bytes()
            avatar = f"{slugify(key)}{path.suffix.lower()}"
    return Author(
        key=key,
        name=get("name") or key,
        avatar=avatar,
        url=get("url", "page"),
        bio=get("description", "bio", "title"),
        avatar_data=data,
    )


def read_yaml(path: Path, problems: list[ImportProblem]) -> dict[str, Any]:
    """The mapping in the YAML file *path* (a tool's registry or settings), or {}.

    A missing file gives {}; a file that is not YAML, not UTF-8 or not a
    mapping gives {} and a problem naming it.
    """
    if not path.is_file():
        return {}
    try:
        loaded = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        problems.append(ImportProblem(path.name, f"not valid YAML ({exc}); not read"))
        return {}
    if loaded is not None and not isinstance(loaded, dict):
        problems.append(ImportProblem(path.name, "not a mapping of keys; not read"))
    return {str(k): v for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def sources(
    files: list[Path], base: Path, problems: list[ImportProblem], prefix: str = ""
) -> Iterator[tuple[Path, str, Source]]:
    """Each readable file of *files*: itself, its name (*prefix* + path under *base*), its parts.

    A file :func:`read_source` refuses is a problem, and is skipped.
    """
    for file in files:
        rel = prefix + file.relative_to(base).as_posix()
        try:
            yield file, rel, read_source(file)
        except (ValueError, OSError) as exc:
            problems.append(ImportProblem(rel, f"{exc}; the post is not imported"))


def author_keys(names: tuple[str, ...], known: dict[str, Author]) -> tuple[str, ...]:
    """The keys of the authors *names*: a key of *known*, else the name's slug (added)."""
    keys: list[str] = []
    for name in names:
        key = name if name in known else slugify(name)
        known.setdefault(key, Author(key, name))
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def markdown_files(folder: Path, suffixes: tuple[str, ...] = (".md", ".markdown")) -> list[Path]:
    """The post files under *folder*, sorted; hidden and ``_``-prefixed folders skipped."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") for p in parts) or any(p.startswith("_") for p in parts[:-1]):
            continue
        if path.is_file() and path.suffix.lower() in suffixes:
            found.append(path)
    return found
