"""The authors registry: who a post's ``author`` names, with avatar, URL and bio.

A registry maps a *key* to an author::

    ada:
      name: Ada Lovelace
      avatar: images/ada.png        # a path beside conf.py, or an http(s) URL
      url: https://example.org/ada  # http(s) or mailto:
      bio: Writes about engines.

It comes from ``authors.yml`` in the configuration folder (beside
``conf.py``) and from the ``blogarchive_authors`` setting, which holds the
same mapping and wins key by key. Every field is optional; ``name`` defaults
to the key. A post's ``author``/``authors`` values are registry keys or
plain names: a key (or an entry's name, in any spelling, see
:func:`~._slugs.term_key`) becomes the entry's name, anything else stays
as written. Pure functions, testable without a build; the domain loads the
registry once per build (:func:`load`).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sphinx_blogarchive.model._slugs import term_key

#: The registry file, in the configuration folder.
REGISTRY_FILE = "authors.yml"
#: The fields of an entry.
FIELDS = ("name", "avatar", "url", "bio")
_URL_SCHEMES = ("http://", "https://")
_LINK_SCHEMES = (*_URL_SCHEMES, "mailto:")


@dataclass(frozen=True)
class Author:
    """One registry entry.

    *key* as written in the registry; *name* the display name (plain text);
    *avatar* an ``http(s)`` URL, a local path relative to the configuration
    folder (posix, normalised), or ""; *url* an ``http(s)`` or ``mailto:``
    URL, or ""; *bio* plain text, or "".
    """

    key: str
    name: str
    avatar: str = ""
    url: str = ""
    bio: str = ""

    @property
    def local_avatar(self) -> bool:
        """True when :attr:`avatar` is a file of the project (copied to the output)."""
        return bool(self.avatar) and not self.avatar.startswith(_URL_SCHEMES)

    def avatar_output_path(self) -> str:
        """Where a local avatar is copied, relative to the output root, or "".

        ``_images/blogarchive/authors/<hash>/<file name>``, the hash of the
        avatar's path, so the URL is stable across builds.
        """
        if not self.local_avatar:
            return ""
        digest = hashlib.sha1(self.avatar.encode("utf-8")).hexdigest()[:10]
        return f"_images/blogarchive/authors/{digest}/{posixpath.basename(self.avatar)}"

    def shown_avatar(self) -> str:
        """The avatar as pages show it: the URL, or the copy's output path, or ""."""
        return self.avatar_output_path() or self.avatar

    def state(self) -> list[str]:
        """The entry as JSON-able data (hashed into what depends on it)."""
        return [self.key, self.name, self.avatar, self.url, self.bio]


@dataclass(frozen=True)
class Problem:
    """A registry problem: *message*, the *source* file (or setting) and its 1-based *line*."""

    message: str
    source: str
    line: int | None = None


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        return " ".join(str(value).split())
    return None


def parse_entries(
    entries: Any, source: str, confdir: Path, lines: dict[str, int] | None = None
) -> tuple[dict[str, Author], list[Problem]]:
    """The authors of *entries* (``{key: {field: value}}``), and a problem per bad part.

    *source* names where they come from (a file path, or the setting's name)
    and *lines* gives each key's 1-based line in it. A bad entry (not a
    mapping, or an empty key) is left out; a bad field (an unknown one, a
    value that is not text, an avatar that is neither an ``http(s)`` URL nor
    a file inside *confdir*, a URL that is not ``http(s)`` or ``mailto:``)
    is left out alone. Never raises.
    """
    lines = lines or {}
    found: dict[str, Author] = {}
    problems: list[Problem] = []
    if entries is None:
        return found, problems
    if not isinstance(entries, dict):
        problems.append(Problem("must be a mapping of author keys to entries", source, None))
        return found, problems
    root = confdir.resolve()
    for raw_key, raw in entries.items():
        key = _text(raw_key) or ""
        line = lines.get(str(raw_key))

        def problem(message: str, line: int | None = line, name: str = key or str(raw_key)) -> None:
            problems.append(Problem(f"author {name!r}: {message}", source, line))

        if not key:
            problem("the key must be non-empty text; the entry is ignored")
            continue
        if raw is None:
            raw = {}
        if isinstance(raw, str):
            raw = {"name": raw}  # a key: name shorthand
        if not isinstance(raw, dict):
            problem("must be a mapping of name, avatar, url, bio; the entry is ignored")
            continue
        values: dict[str, str] = {}
        for name, value in raw.items():
            if name not in FIELDS:
                problem(f"unknown field {name!r} (known: {', '.join(FIELDS)}); it is ignored")
                continue
            text = _text(value) if name != "bio" else _bio(value)
            if text is None:
                problem(f"{name} must be text; it is ignored")
                continue
            values[str(name)] = text
        avatar = values.get("avatar", "")
        if avatar and not avatar.startswith(_URL_SCHEMES):
            reason = _local_problem(avatar, root)
            if reason:
                problem(f"avatar {avatar!r} {reason}; it is ignored")
                avatar = ""
            else:
                avatar = posixpath.normpath(avatar.lstrip("/"))
        url = values.get("url", "")
        if url and not url.startswith(_LINK_SCHEMES):
            problem(f"url {url!r} must start with http://, https:// or mailto:; it is ignored")
            url = ""
        found[key] = Author(
            key=key,
            name=values.get("name") or key,
            avatar=avatar,
            url=url,
            bio=values.get("bio", ""),
        )
    return found, problems


def _bio(value: Any) -> str | None:
    """A bio: text, paragraphs kept (blank lines), other whitespace collapsed."""
    if not isinstance(value, str):
        return _text(value)
    paragraphs = [" ".join(p.split()) for p in value.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _local_problem(path: str, root: Path) -> str | None:
    """Why the local avatar *path* cannot be used, or None."""
    if "://" in path or path.startswith("//") or ":" in path.split("/")[0]:
        return "must be an http(s) URL or a path beside conf.py"
    target = (root / path.lstrip("/")).resolve()
    if root not in target.parents:
        return "is outside the configuration folder"
    if not target.is_file():
        return "is not a file"
    return None


def read_file(path: Path, confdir: Path) -> tuple[dict[str, Author], list[Problem]]:
    """The authors of the registry file *path* (YAML), and its problems.

    No file: no author, no problem. Unreadable or invalid YAML, or another
    top level than a mapping: no author and one problem with its line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(f"cannot be read ({error})", str(path), None)]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [Problem(f"is not valid YAML ({reason}); no author is read", str(path), line)]
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
    return parse_entries(data, str(path), confdir, lines)


def load(confdir: Path, setting: Any) -> tuple[dict[str, Author], list[Problem]]:
    """The registry of a project: ``authors.yml`` of *confdir*, then the *setting*'s entries.

    An entry of ``blogarchive_authors`` (*setting*) replaces the file's
    entry of the same key. Returns ``({key: Author}, problems)``.
    """
    found, problems = read_file(confdir / REGISTRY_FILE, confdir)
    extra, more = parse_entries(setting or {}, "blogarchive_authors", confdir)
    return {**found, **extra}, [*problems, *more]


class Registry:
    """A registry's lookups: a post's author values to names, names to entries.

    *authors* is ``{key: Author}`` (see :func:`load`).
    """

    def __init__(self, authors: dict[str, Author]) -> None:
        self.authors = authors
        self._by_name: dict[str, Author] = {}
        for author in authors.values():
            self._by_name.setdefault(term_key(author.name), author)
        self._by_key = {term_key(key): author for key, author in authors.items()}

    def name_of(self, value: str) -> str:
        """The display name a post's author *value* stands for (a key, a name, or itself)."""
        author = self._by_key.get(term_key(value))
        return author.name if author is not None else value

    def names(self, values: tuple[str, ...]) -> tuple[str, ...]:
        """*values* (a post's authors) as display names, each once."""
        result: dict[str, str] = {}
        for value in values:
            name = self.name_of(value)
            result.setdefault(term_key(name), name)
        return tuple(result.values())

    def entry(self, name: str) -> Author | None:
        """The entry of the author shown as *name* (any spelling), or None."""
        key = term_key(name)
        return self._by_name.get(key) or self._by_key.get(key)

    def state(self, confdir: Path) -> list[Any]:
        """JSON-able state of the registry and its local avatars' sizes and times.

        Hashed into the blog's structure key, so a changed entry or avatar
        file rewrites the pages that show it (and only those).
        """
        result: list[Any] = []
        for key, author in sorted(self.authors.items()):
            stat: list[Any] = [None, None]
            if author.local_avatar:
                try:
                    info = os.stat(confdir / author.avatar)
                    stat = [info.st_size, info.st_mtime_ns]
                except OSError:
                    pass
            result.append([key, author.state(), stat])
        return result
