"""The writer of imported posts: writing files idempotently, and the summary.

An importer (Substack export, RSS/Atom feed) turns its input into
:class:`~._common.ImportedPost` records and hands them to a :class:`PostWriter`, which
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
import os
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

import yaml

from sphinx_blogarchive.cli import _post_file
from sphinx_blogarchive.cli.importers._common import SOURCE_KEY, Author, ImportedPost, ImportProblem
from sphinx_blogarchive.model._slugs import slugify

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable
    from pathlib import Path

#: Imports of more posts than this show progress on stderr, every this many posts.
PROGRESS_EVERY = 50
_SOURCE_LINE = re.compile(rf"^{SOURCE_KEY}: *(.+?) *$")


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
