"""The ``import`` commands of other blog tools: their names, help, and one way to run them.

Each tool has a private reader module (``_<module>.py`` in this folder) with a
``read(source, tz) -> Reading`` function; :func:`run` hands what it read
to the shared :class:`~._writer.PostWriter` (same idempotence,
``--force`` and summary as ``import substack``) and adds the authors to
the ``authors.yml`` registry beside ``conf.py``.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from sphinx_blogarchive.cli.importers._common import ImportProblem
from sphinx_blogarchive.cli.importers._writer import PostWriter, Summary, add_authors

if TYPE_CHECKING:
    import argparse
    import datetime as dt


@dataclass(frozen=True)
class Tool:
    """An importable tool: its reader *module*, *help*, SOURCE's help, and a *description*."""

    module: str
    help: str
    source: str
    description: str


TOOLS = {
    "mkdocs-material": Tool(
        "mkdocs",
        "a Material for MkDocs blog (the blog plugin's posts folder)",
        "the blog's posts folder (docs/blog/posts) or the blog folder",
        "Import the posts of a Material for MkDocs blog: front matter (date with "
        "created/updated, categories, tags, authors from .authors.yml, slug, draft, pin, "
        "readtime), <!-- more -->, admonitions and content tabs.",
    ),
    "docusaurus": Tool(
        "docusaurus",
        "a Docusaurus blog (blog/ with authors.yml and tags.yml)",
        "the site's blog folder, or the site's folder",
        "Import the posts of a Docusaurus blog: .md and .mdx files, the date from the file "
        "name, authors.yml, tags.yml, <!-- truncate -->, :::note admonitions; MDX that "
        "cannot be converted is reported per file.",
    ),
    "quarto": Tool(
        "quarto",
        "a Quarto blog (the posts of its listing)",
        "the listing's posts folder, or the project folder (with _quarto.yml)",
        "Import the .qmd and .md posts of a Quarto blog: title, subtitle, description, "
        "date, categories, image, draft, aliases, author; callouts become admonitions.",
    ),
    "jekyll": Tool(
        "jekyll",
        "a Jekyll site (_posts/YYYY-MM-DD-slug.md and _drafts/)",
        "the site's folder, or its _posts folder",
        "Import the posts of a Jekyll site: the date and slug from the file name, "
        "categories, tags, permalink and redirect_from, published: false, the excerpt "
        "separator.",
    ),
    "hugo": Tool(
        "hugo",
        "a Hugo site (content/posts/)",
        "the site's folder, or its content/posts folder",
        "Import the posts of a Hugo site: YAML or TOML front matter, tags, categories, "
        "series, aliases, draft, summary, <!--more-->, page bundles' images.",
    ),
    "wordpress": Tool(
        "wordpress",
        "a WordPress export (WXR file): posts only",
        "the export file (.xml), from Tools > Export",
        "Import the posts of a WordPress export (WXR), read with defusedxml (no entity "
        "expanded): no pages, comments or e-mail addresses. Images are copied from a "
        "wp-content/uploads folder beside the file, when there is one.",
    ),
}


def registry_path(directory: Path) -> Path:
    """Where ``authors.yml`` goes: beside the first ``conf.py`` at or above *directory*.

    Without one, the current folder.
    """
    start = directory.resolve()
    here = Path.cwd().resolve()
    for folder in [start, *start.parents]:
        if (folder / "conf.py").is_file():
            path = folder / "authors.yml"
            return path.relative_to(here) if path.is_relative_to(here) else path
    return Path("authors.yml")


def add_parsers(
    sources: argparse._SubParsersAction[argparse.ArgumentParser],
) -> list[argparse.ArgumentParser]:
    """Add one sub-command per tool to *sources*; return them (for the shared options)."""
    made = []
    for kind, tool in TOOLS.items():
        sub = sources.add_parser(kind, help=tool.help, description=tool.description)
        sub.add_argument("source", help=tool.source)
        sub.add_argument(
            "--authors-file",
            help="the authors registry the post's authors are added to (default: authors.yml "
            "beside the conf.py at or above --dir, else in the current folder)",
        )
        sub.set_defaults(tool=kind)
        made.append(sub)
    return made


def run(args: argparse.Namespace, tz: dt.tzinfo) -> Summary:
    """Run the import of ``args.tool`` from ``args.source``; return the summary.

    Raises :class:`~._markdown.SourceError` when SOURCE cannot be used.
    """
    reader = importlib.import_module(f"._{TOOLS[args.tool].module}", __package__)
    reading = reader.read(Path(args.source), tz)
    directory = Path(args.dir)
    writer = PostWriter(directory, tz=tz, force=args.force, total=len(reading.posts))
    summary = writer.write_all(reading.posts)
    summary.problems[:0] = reading.problems
    for reason, count in reading.skipped.items():
        summary.skipped[reason] = summary.skipped.get(reason, 0) + count
    wanted = {key for post in reading.posts for key in post.authors}
    authors = [a for a in reading.authors if a.key in wanted]
    if authors:
        path = Path(args.authors_file) if args.authors_file else registry_path(directory)
        try:
            added = add_authors(path, authors)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            summary.problems.append(ImportProblem(str(path), f"authors not added: {exc}"))
        else:
            if added:
                count = len(added)
                print(f"added {count} author{'s' if count != 1 else ''} to {path}", file=sys.stderr)
    return summary
