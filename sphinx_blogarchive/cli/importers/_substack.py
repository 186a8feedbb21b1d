"""Reading a Substack export: ``posts.csv`` and ``posts/<post_id>.html``, nothing else.

Layout of the export (the zip Substack's "Export your data" gives, or its
unpacked folder): ``posts.csv`` has a header row and one row per post, with
the columns ``post_id`` (``<number>.<slug>``; a draft may have no slug),
``post_date`` (UTC, ISO 8601, e.g. ``2023-05-30T14:02:11.123Z``; empty for
some drafts), ``is_published`` (``true``/``TRUE``/``false``),
``email_sent_at``, ``inbox_sent_at`` (not in older exports), ``type``
(``newsletter``, ``podcast``, ``thread``, ...), ``audience``, ``title``,
``subtitle`` (may hold HTML entities) and more; ``posts/<post_id>.html``
holds the body of each post as an HTML fragment. The export also holds
subscriber lists (``email_list*.csv``) and per-post analytics
(``posts/<post_id>.opens.csv``, ``.delivers.csv``, ...): those are personal
data and are never opened; :class:`Export` refuses to read any file but the
two kinds above. Columns are read by name (Python's :mod:`csv`, so quoted
commas and line breaks are kept), and every problem names its line.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sphinx_blogarchive.cli.importers._common import ImportedPost, ImportProblem
from sphinx_blogarchive.cli.importers._html2myst import html_to_myst
from sphinx_blogarchive.model._post_metadata import clean_name
from sphinx_blogarchive.model._slugs import slugify

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The columns read, and what their absence means for the import.
COLUMNS = {
    "post_id": "nothing can be imported",
    "post_date": "every post is written as a draft without a date",
    "is_published": "every post is written as a draft",
    "type": "every post is taken for a newsletter",
    "title": "every title is the post's slug",
    "subtitle": "no post has a subtitle",
}
#: A file larger than this is not read (a guard against a broken or hostile zip).
MAX_BYTES = 200 * 1024 * 1024
#: A zip whose post files expand to more than this, in all, is refused (a zip bomb).
MAX_TOTAL_BYTES = 500 * 1024 * 1024
#: A zip whose post files expand to more than this many times their compressed
#: size is refused (HTML and CSV compress 5 to 10 times); members under
#: :data:`RATIO_FLOOR` bytes expanded are not judged (tiny files compress oddly).
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
_TRUE = {"true", "t", "yes", "1"}
_BODY = re.compile(r"^(?P<number>[^.]+)\.(?P<slug>.*)\.html$")


class ExportError(Exception):
    """The export cannot be read at all (not a zip or folder, no ``posts.csv``, ...)."""


class Export:
    """Read access to the two kinds of files of a Substack export that hold posts.

    *path* is the zip or the unpacked folder; a zip whose files sit in one
    top folder works too. A zip whose post files would expand to more than
    :data:`MAX_TOTAL_BYTES`, or more than :data:`MAX_RATIO` times their
    compressed size, is refused (:class:`ExportError`) before anything is
    read. :meth:`read` opens only ``posts.csv`` and
    ``posts/*.html``; :meth:`body_names` lists the ``posts/`` folder
    without opening anything.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._prefix = ""
        if path.is_dir():
            if not (path / "posts.csv").is_file():
                raise ExportError(f"{path}: no posts.csv in this folder")
        elif zipfile.is_zipfile(path):
            self._zip = zipfile.ZipFile(path)
            names = [n for n in self._zip.namelist() if PurePosixPath(n).name == "posts.csv"]
            if not names:
                raise ExportError(f"{path}: no posts.csv in this zip")
            parent = str(PurePosixPath(min(names, key=lambda n: n.count("/"))).parent)
            self._prefix = "" if parent == "." else parent + "/"
            self._check_expansion()
        elif path.exists():
            raise ExportError(f"{path}: neither a zip file nor a folder")
        else:
            raise ExportError(f"{path}: no such file or folder")

    def _check_expansion(self) -> None:
        """Refuse a zip whose post files expand too much (see :data:`MAX_RATIO`).

        Sizes are the zip's own records; :mod:`zipfile` never expands a
        member beyond its recorded size (it fails on the CRC instead).
        Raises :class:`ExportError`, and closes the zip.
        """
        assert self._zip is not None
        members = [
            info
            for info in self._zip.infolist()
            if info.filename == self._prefix + "posts.csv"
            or (
                info.filename.startswith(self._prefix + "posts/")
                and info.filename.endswith(".html")
            )
        ]
        total = sum(info.file_size for info in members)
        packed = sum(info.compress_size for info in members)
        bomb = [
            info
            for info in members
            if info.file_size > RATIO_FLOOR
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ]
        reason = ""
        if total > MAX_TOTAL_BYTES:
            reason = f"more than the {MAX_TOTAL_BYTES} bytes an export may hold"
        elif bomb or (total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1)):
            worst = bomb[0] if bomb else None
            what = f"{worst.filename} expands" if worst else "they expand"
            size, of = (worst.file_size, worst.compress_size) if worst else (total, packed)
            reason = f"{what} {size // max(of, 1)} times its size, more than {MAX_RATIO} times"
        if reason:
            self._zip.close()
            raise ExportError(
                f"{self.path}: refused as a possible zip bomb: its post files would expand to "
                f"{total} bytes from {packed} ({reason})"
            )

    def close(self) -> None:
        """Close the zip, if one is open."""
        if self._zip is not None:
            self._zip.close()

    def read(self, name: str) -> bytes:
        """The bytes of ``posts.csv`` or ``posts/<post_id>.html``; KeyError when missing.

        Raises :class:`ValueError` for any other name, so no other file of the
        export (subscriber lists, analytics) can be read by mistake; and for
        a file larger than :data:`MAX_BYTES`.
        """
        if name != "posts.csv" and not (name.startswith("posts/") and name.endswith(".html")):
            raise ValueError(f"refusing to read {name!r}: not a post file")
        if any(c in name[len("posts/") :] for c in "/\\\0"):
            raise ValueError(f"refusing to read {name!r}: not a post file")
        if self._zip is not None:
            try:
                info = self._zip.getinfo(self._prefix + name)
            except KeyError:
                raise KeyError(name) from None
            if info.file_size > MAX_BYTES:
                raise ValueError(f"{name} is larger than {MAX_BYTES} bytes")
            with self._zip.open(info) as stream:
                return stream.read()
        file = self.path / name
        if not file.is_file():
            raise KeyError(name)
        if file.stat().st_size > MAX_BYTES:
            raise ValueError(f"{name} is larger than {MAX_BYTES} bytes")
        return file.read_bytes()

    def body_names(self) -> list[str]:
        """Names of the ``.html`` files in ``posts/`` (listed, not opened)."""
        if self._zip is not None:
            folder = self._prefix + "posts/"
            names = [n[len(folder) :] for n in self._zip.namelist() if n.startswith(folder)]
        else:
            folder_path = self.path / "posts"
            names = sorted(p.name for p in folder_path.iterdir()) if folder_path.is_dir() else []
        return sorted(n for n in names if "/" not in n and n.endswith(".html"))


@dataclass(frozen=True)
class Row:
    """One row of ``posts.csv``: its first *line* and its values by column."""

    line: int
    values: dict[str, str]
    width: int


def read_rows(data: bytes) -> tuple[list[str], list[Row], list[ImportProblem]]:
    """The header, rows and problems of ``posts.csv`` (UTF-8, with or without BOM).

    Each :class:`Row` keeps the line it starts on (a quoted value may span
    lines) and how many fields it had. A row the CSV reader rejects is a
    problem; the rows after it are still read. Raises :class:`ExportError`
    when the file is not UTF-8 text.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExportError(f"posts.csv: not UTF-8 text ({exc})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[Row] = []
    problems: list[ImportProblem] = []
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ImportProblem(f"posts.csv:{start}", f"not valid CSV ({exc}); skipped"))
            start = reader.line_num + 1
            continue
        if header is None:
            header = [name.strip() for name in fields]
        elif any(f.strip() for f in fields):
            values = {name: value for name, value in zip(header, fields, strict=False)}
            rows.append(Row(start, values, len(fields)))
        start = reader.line_num + 1
    return header or [], rows, problems


def _date(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.strip())
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class SubstackReader:
    """Turns a Substack export into :class:`~._common.ImportedPost` records.

    *types* are the post types imported (others are counted as skipped);
    with *published_only*, drafts are skipped too. Problems go to
    :attr:`problems`, skips to :attr:`skipped` (reason -> count).
    """

    def __init__(
        self, export: Export, *, types: frozenset[str], published_only: bool = False
    ) -> None:
        self.export = export
        self.types = types
        self.published_only = published_only
        self.problems: list[ImportProblem] = []
        self.skipped: dict[str, int] = {}
        self.rows: list[Row] = []
        self.header: list[str] = []
        self._bodies = export.body_names()

    def load(self) -> int:
        """Read ``posts.csv``; return how many rows it has. Raises :class:`ExportError`."""
        try:
            data = self.export.read("posts.csv")
        except KeyError:
            raise ExportError(f"{self.export.path}: no posts.csv") from None
        self.header, self.rows, self.problems = read_rows(data)
        missing = [name for name in COLUMNS if name not in self.header]
        for name in missing:
            self._problem("posts.csv:1", f"no {name!r} column: {COLUMNS[name]}")
        if "post_id" in missing:
            self.rows = []
        return len(self.rows)

    def _problem(self, where: str, message: str) -> None:
        self.problems.append(ImportProblem(where, message))

    def _skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def posts(self) -> Iterator[ImportedPost]:
        """The posts of the export, in the order of ``posts.csv`` (after :meth:`load`)."""
        seen: dict[str, int] = {}
        width = len(self.header)
        for row in self.rows:
            where = f"posts.csv:{row.line}"
            if row.width != width:
                self._problem(
                    where,
                    f"row has {row.width} fields, the header {width}; "
                    + ("missing ones are empty" if row.width < width else "extra ones ignored"),
                )
            get = row.values.get
            post_id = (get("post_id") or "").strip()
            if not post_id:
                self._problem(where, "row has no post_id; skipped")
                continue
            number, _, id_slug = post_id.partition(".")
            if number in seen:
                self._problem(
                    where, f"post {number} is also on line {seen[number]}; this row is skipped"
                )
                continue
            seen[number] = row.line
            kind = (get("type") or "newsletter").strip().lower() or "newsletter"
            if kind not in self.types:
                self._skip(f"type {kind}")
                continue
            published = (get("is_published") or "").strip().lower() in _TRUE
            if self.published_only and not published:
                self._skip("not published")
                continue
            yield self._post(where, post_id, number, id_slug, published, row)

    def _post(
        self, where: str, post_id: str, number: str, id_slug: str, published: bool, row: Row
    ) -> ImportedPost:
        get = row.values.get
        title = clean_name(html.unescape(get("title") or ""))
        slug = slugify(id_slug) if id_slug.strip() else (slugify(title) if title else "")
        slug = slug or f"post-{slugify(number)}"
        date: dt.datetime | None = None
        raw_date = (get("post_date") or "").strip()
        if raw_date:
            try:
                date = _date(raw_date)
            except ValueError:
                self._problem(where, f"post {post_id}: post_date {raw_date!r} is not a date")
        if date is None and "post_date" in self.header:
            self._problem(where, f"post {post_id} has no date: written as a draft without one")
        body, found = self._body(where, post_id, number)
        return ImportedPost(
            source=f"substack:{number}",
            title=title or slug,
            slug=slug,
            date=date,
            subtitle=clean_name(html.unescape(get("subtitle") or "")),
            draft=not published or not found,
            body=body,
        )

    def _body(self, where: str, post_id: str, number: str) -> tuple[str, bool]:
        """The MyST body of *post_id*, and whether its HTML file was found."""
        name = f"{post_id}.html"
        same_number = [n for n in self._bodies if (m := _BODY.match(n)) and m["number"] == number]
        if name not in self._bodies:
            if len(same_number) == 1:
                self._problem(
                    where,
                    f"post {post_id}: no posts/{name}; its body is read from "
                    f"posts/{same_number[0]}, the one file with its number",
                )
                name = same_number[0]
            else:
                files = ", ".join(f"posts/{n}" for n in same_number)
                reason = f"several files have its number ({files})" if files else "no such file"
                self._problem(
                    where,
                    f"post {post_id}: no body (posts/{name}: {reason}); "
                    "written as a draft with an empty body",
                )
                return "", False
        elif len(same_number) > 1:
            others = ", ".join(f"posts/{n}" for n in same_number if n != name)
            self._problem(where, f"post {post_id}: {others} has the same number; not read")
        try:
            data = self.export.read(f"posts/{name}")
        except (KeyError, ValueError, OSError) as exc:
            self._problem(where, f"post {post_id}: posts/{name} cannot be read ({exc})")
            return "", False
        text = data.decode("utf-8", errors="replace")
        if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
            self._problem(where, f"post {post_id}: posts/{name} is not UTF-8; odd bytes replaced")
        return html_to_myst(text), True
