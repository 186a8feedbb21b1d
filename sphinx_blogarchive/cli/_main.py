"""The ``sphinx-blogarchive`` command line: ``new``, ``check``, ``import KIND``.

Run as ``sphinx-blogarchive`` (the console script) or
``python -m sphinx_blogarchive``. Exit codes: 0 when all went well, 1 when
problems were found (``check`` found a problem, ``new`` met an existing
file, an import reported a problem), 2 for a usage error (a bad option or
value, a missing file, or a missing ``import`` extra), 3 for an internal
error (a bug: one line on stderr, never a traceback; set
``SPHINX_BLOGARCHIVE_TRACEBACK=1`` to see it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zoneinfo
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_blogarchive._version import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx_blogarchive.cli.importers._writer import Summary

OK, PROBLEMS, USAGE, CRASH = 0, 1, 2, 3
#: Set to 1 to let an internal error end with its traceback.
TRACEBACK_ENV = "SPHINX_BLOGARCHIVE_TRACEBACK"
PROG = "sphinx-blogarchive"


class _UsageError(Exception):
    """A value the parser accepted but the command cannot use."""


def _timezone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise _UsageError(f"unknown time zone {name!r}") from exc


def _err(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _posts_folder(name: str) -> Path:
    """The ``--dir`` of ``new`` and ``import``: it must exist (the year folders are made in it).

    A mistyped ``--dir`` would otherwise make a tree of folders somewhere,
    outside the site. Raises :class:`_UsageError`.
    """
    directory = Path(name)
    if not directory.is_dir():
        raise _UsageError(f"{directory}: no such folder (the posts folder must exist)")
    return directory


# --------------------------------------------------------------------------
# Commands


def cmd_new(args: argparse.Namespace) -> int:
    """``new``: write a new post, never over an existing file."""
    import datetime as dt

    from sphinx_blogarchive.cli._new import NewPostError, make_post, post_date, write_new
    from sphinx_blogarchive.cli.importers._common import name_list

    tz = _timezone(args.timezone)
    directory = _posts_folder(args.dir)
    try:
        date = post_date(args.date, tz, dt.datetime.now(dt.UTC))
        post = make_post(
            args.title,
            directory=directory,
            date=date,
            tags=list(name_list(args.tags or "")),
            draft=not args.publish,
            slug=args.slug,
        )
    except NewPostError as exc:
        raise _UsageError(str(exc)) from None
    try:
        write_new(post)
    except NewPostError as exc:
        _err(str(exc))
        return PROBLEMS
    print(post.path)
    return OK


def cmd_check(args: argparse.Namespace) -> int:
    """``check``: report every post's metadata problems, as a build would."""
    from sphinx_blogarchive.cli._check import Settings, check_posts, settings_from_conf

    srcdir = Path(args.dir)
    if not srcdir.is_dir():
        raise _UsageError(f"{srcdir}: no such folder")
    settings = Settings() if args.no_conf else settings_from_conf(srcdir)
    if args.pattern:
        settings.patterns = list(args.pattern)
    if args.exclude:
        settings.excludes = [*settings.excludes, *args.exclude]
    if args.timezone:
        settings.timezone = args.timezone
    tz = _timezone(settings.timezone or "UTC")
    for note in settings.notes:
        _err(note)
    report = check_posts(srcdir, settings, tz)
    if args.format == "json":
        json.dump([f.as_dict() for f in report.findings], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for finding in report.findings:
            print(finding.text())
    for post in report.scheduled:  # not problems: on stderr, with the summary
        print(post.text(), file=sys.stderr)
    files = len({f.file for f in report.findings})
    patterns = ", ".join(settings.patterns)
    if report.posts == 0:
        _err(f"no posts in {srcdir} match {patterns}")
        return PROBLEMS
    count = len(report.findings)
    summary = (
        f"{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    )
    scheduled = f"; {len(report.scheduled)} scheduled" if report.scheduled else ""
    print(
        f"checked {report.posts} post{'s' if report.posts != 1 else ''} ({patterns}): "
        + (summary if count else "no problems")
        + scheduled,
        file=sys.stderr,
    )
    return PROBLEMS if report.findings else OK


def cmd_import_substack(args: argparse.Namespace) -> int:
    """``import substack``: posts from a Substack export (zip or folder)."""
    from sphinx_blogarchive.cli.importers._common import name_list
    from sphinx_blogarchive.cli.importers._substack import Export, ExportError, SubstackReader
    from sphinx_blogarchive.cli.importers._writer import PostWriter

    tz = _timezone(args.timezone)
    directory = _posts_folder(args.dir)
    types = frozenset(t.lower() for t in name_list(args.types))
    try:
        export = Export(Path(args.export))
    except ExportError as exc:
        raise _UsageError(str(exc)) from None
    try:
        reader = SubstackReader(export, types=types, published_only=args.published_only)
        try:
            total = reader.load()
        except ExportError as exc:
            _err(str(exc))
            return PROBLEMS
        writer = PostWriter(directory, tz=tz, force=args.force, total=total)
        writer.write_all(reader.posts())
    finally:
        export.close()
    summary = writer.summary
    summary.problems[:0] = reader.problems
    for reason, count in reader.skipped.items():
        summary.skipped[reason] = summary.skipped.get(reason, 0) + count
    return _finish(summary)


def cmd_import_feed(args: argparse.Namespace) -> int:
    """``import feed``: posts from an RSS 2.0 or Atom feed (file or URL)."""
    from sphinx_blogarchive.cli.importers._feed import FeedError, read_feed
    from sphinx_blogarchive.cli.importers._writer import PostWriter

    tz = _timezone(args.timezone)
    directory = _posts_folder(args.dir)
    if not args.source.startswith(("http://", "https://")) and not Path(args.source).is_file():
        raise _UsageError(f"{args.source}: no such file (a feed is a file or an http(s) URL)")
    try:
        posts, problems, _ = read_feed(args.source)
    except FeedError as exc:
        _err(str(exc))
        return PROBLEMS
    writer = PostWriter(directory, tz=tz, force=args.force, total=len(posts))
    summary = writer.write_all(posts)
    summary.problems[:0] = problems
    return _finish(summary)


def cmd_import_tool(args: argparse.Namespace) -> int:
    """``import mkdocs-material|docusaurus|quarto|jekyll|hugo|wordpress``: another tool's posts."""
    from sphinx_blogarchive.cli.importers._markdown import SourceError
    from sphinx_blogarchive.cli.importers._tools import run

    tz = _timezone(args.timezone)
    try:
        summary = run(args, tz)
    except SourceError as exc:
        raise _UsageError(str(exc)) from None
    return _finish(summary)


def _finish(summary: Summary) -> int:
    for problem in summary.problems:
        print(problem.text(), file=sys.stderr)
    print(summary.line())
    return PROBLEMS if summary.problems else OK


# --------------------------------------------------------------------------
# The parser


def parser() -> argparse.ArgumentParser:
    """The argument parser of the command line, with ``--help`` on every command."""
    top = argparse.ArgumentParser(
        prog=PROG,
        description="Write, check and import the posts of a sphinx-blogarchive blog.",
        epilog="Exit codes: 0 ok, 1 problems found, 2 usage error, 3 internal error (a bug).",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser(
        "new",
        help="write a new post, DIR/YYYY/<slug>.md",
        description="Write a new MyST post, DIR/YYYY/<slug>.md, with front matter (title, "
        "date, tags, draft: true) and the title as its heading. Never overwrites a file "
        "(exit 1 when it exists).",
    )
    new.add_argument("title", help="the post's title")
    new.add_argument("--tags", help="comma-separated tags, e.g. --tags 'data, policy'")
    new.add_argument(
        "--date", help="the post's date, in any form a post's date accepts (default: today)"
    )
    new.add_argument(
        "--dir",
        default="posts",
        help="the posts folder, which must exist; the year's folder is made in it (default: posts)",
    )
    new.add_argument("--slug", help="the file name and slug (default: from the title)")
    new.add_argument(
        "--publish", action="store_true", help="leave out 'draft: true' (listed on the next build)"
    )
    new.add_argument(
        "--timezone", default="UTC", help="time zone of --date and of 'today' (default: UTC)"
    )
    new.set_defaults(run=cmd_new)

    check = commands.add_parser(
        "check",
        help="report the metadata problems of every post",
        description="Read every post as the extension does and print each problem as "
        "'file:line: message [blogarchive.subtype]', the warning a build would give. "
        "Exit 1 when there is a problem (or no post at all). Without options, the post "
        "pattern, time zone, exclude_patterns and source_suffix are taken from the literal "
        "values in DIR/conf.py, which is read but never run.",
    )
    check.add_argument("dir", nargs="?", default=".", help="the Sphinx source folder (default: .)")
    check.add_argument(
        "--pattern",
        action="append",
        help="glob of the posts, relative to DIR (repeatable; default: "
        "blogarchive_post_pattern of conf.py, else posts/**)",
    )
    check.add_argument("--exclude", action="append", help="glob of files to skip (repeatable)")
    check.add_argument("--timezone", help="blog time zone (default: conf.py's, else UTC)")
    check.add_argument("--no-conf", action="store_true", help="do not read DIR/conf.py")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    check.set_defaults(run=cmd_check)

    imports = commands.add_parser(
        "import",
        help="import posts from a Substack export, a feed, or another blog tool",
        description="Import posts as MyST files DIR/YYYY/<slug>.md. Re-running changes only "
        "what changed at the source and never overwrites a file edited by hand (unless "
        "--force). Needs the 'import' extra: "
        "python -m pip install 'path/to/sphinx-blogarchive[import]'.",
    )
    sources = imports.add_subparsers(dest="source_kind", metavar="KIND", required=True)
    substack = sources.add_parser(
        "substack",
        help="a Substack export (the zip, or its unpacked folder)",
        description="Import the posts of a Substack export: posts.csv and posts/<id>.html "
        "only (subscriber lists and analytics files are never opened).",
    )
    substack.add_argument("export", help="the export's zip file or unpacked folder")
    substack.add_argument(
        "--types",
        default="newsletter",
        help="comma-separated post types to import (default: newsletter; e.g. newsletter,podcast)",
    )
    substack.add_argument(
        "--published-only", action="store_true", help="skip posts that are not published"
    )
    substack.set_defaults(run=cmd_import_substack)
    feed = sources.add_parser(
        "feed",
        help="an RSS 2.0 or Atom feed (a file or an http(s) URL)",
        description="Import the entries of an RSS 2.0 or Atom feed, read with feedparser.",
    )
    feed.add_argument("source", help="the feed: a file, or an http(s) URL")
    feed.set_defaults(run=cmd_import_feed)
    from sphinx_blogarchive.cli.importers._tools import add_parsers

    tools = add_parsers(sources)
    for sub in tools:
        sub.set_defaults(run=cmd_import_tool)
    for sub in (substack, feed, *tools):
        sub.add_argument(
            "--dir", default="posts", help="the posts folder, which must exist (default: posts)"
        )
        sub.add_argument("--force", action="store_true", help="overwrite files edited by hand")
        sub.add_argument(
            "--timezone", default="UTC", help="time zone the dates are written in (default: UTC)"
        )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error
        return exc.code if isinstance(exc.code, int) else USAGE
    try:
        code: int = args.run(args)
    except _UsageError as exc:
        _err(str(exc))
        return USAGE
    except ImportError as exc:
        if exc.name not in ("markdownify", "feedparser", "bs4", "defusedxml"):
            return _crash(exc)
        from sphinx_blogarchive.cli.importers._common import MISSING_EXTRA

        _err(MISSING_EXTRA)
        return USAGE
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except Exception as exc:
        return _crash(exc)
    return code


def _crash(exc: Exception) -> int:
    """Report an internal error in one line (exit :data:`CRASH`, never 1 or 2)."""
    if os.environ.get(TRACEBACK_ENV) == "1":
        raise exc
    _err(
        f"internal error ({type(exc).__name__}: {exc}); this is a bug of {PROG}, "
        f"please report it (set {TRACEBACK_ENV}=1 for the traceback)"
    )
    return CRASH
