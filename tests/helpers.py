"""Helpers of the sphinx-blogarchive test suite: building roots, reading output.

Test roots live in ``tests/roots/test-<name>/``. Tests use ``sphinx.testing``:
the function-scoped ``app`` fixture with ``@pytest.mark.sphinx(...)``, or, when
several tests read one build, :func:`build` in a module-scoped fixture.

Every build works on a private copy of its root (so no two tests share an
output folder and nothing is ever written into ``tests/roots``), and uses
the alabaster theme (``SphinxTestApp`` silently swaps alabaster for ``basic``
unless ``html_theme`` is overridden).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import sphinx
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

TESTS = Path(__file__).resolve().parent
ROOTS = TESTS / "roots"
DATA = TESTS / "data"
REPO = TESTS.parent

#: Overrides every build gets unless the test says otherwise.
DEFAULT_OVERRIDES: dict[str, Any] = {
    "html_theme": "alabaster",
    # Sphinx 8 shows "[type.subtype]" after each warning by default; Sphinx 7.4
    # only with this setting, which the tests' warning lines rely on.
    "show_warning_types": True,
}

_ANSI = re.compile(r"\x1b\[[0-9;]*m")

# --------------------------------------------------------------------------
# Versions of the matrix (nox -s matrix) that behave differently

#: Sphinx 7 writes the root document on every build that writes anything
#: (Builder.write adds ``root_doc``); Sphinx 8 writes only what changed.
ROOT_DOC_ALWAYS_WRITTEN = sphinx.version_info < (8,)
MYST_VERSION = tuple(int(p) for p in importlib.metadata.version("myst-parser").split(".")[:2])
#: myst-parser 4 crashes (ValueError from its YAML loader) on an unquoted
#: impossible date such as ``date: 2024-02-30``, before the extension sees the post.
old_myst_crashes_on_impossible_dates = pytest.mark.skipif(
    MYST_VERSION < (5, 0),
    reason="myst-parser < 5 crashes (ValueError) on the unquoted `date: 2024-02-30` of case 18",
)
#: myst-parser 4 raises (yaml ConstructorError) on a front matter value with
#: a tag it cannot construct, such as ``!!python/object:os.system``.
old_myst_crashes_on_unknown_yaml_tags = pytest.mark.skipif(
    MYST_VERSION < (5, 0),
    reason="myst-parser < 5 raises on the unknown YAML tags of the check root's md-yaml-tag.md",
)


# --------------------------------------------------------------------------
# Building


def copy_root(name: str, dest: Path) -> Path:
    """Copy ``tests/roots/test-<name>`` to *dest* (which must not exist); return it."""
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


@dataclass
class Built:
    """The result of one build: the app (cleaned up), its output and messages."""

    app: SphinxTestApp
    srcdir: Path
    outdir: Path
    status: str
    warning: str

    def path(self, pagename: str) -> Path:
        """Output file of *pagename* for the html builder."""
        return self.outdir / f"{pagename}.html"

    def soup(self, pagename: str) -> BeautifulSoup:
        """Parsed HTML of *pagename*."""
        return BeautifulSoup(self.path(pagename).read_text(encoding="utf-8"), "html.parser")

    def warnings(self) -> list[str]:
        """Warning lines, paths relative to the source folder (``posts/x.md:3: ...``)."""
        return warning_lines(self.warning, self.srcdir)


def build(
    srcdir: Path,
    *,
    builddir: Path | None = None,
    buildername: str = "html",
    confoverrides: dict[str, Any] | None = None,
    parallel: int = 0,
    freshenv: bool = False,
    check: bool = True,
) -> Built:
    """Build *srcdir* with ``sphinx.testing``'s :class:`SphinxTestApp`.

    A later call with the same *builddir* (default ``srcdir/_build``) and
    ``freshenv=False`` is an incremental build, as with ``sphinx-build``.
    With *check*, an HTML page build must keep the invariant of
    :func:`assert_no_post_lost`.
    """
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        confoverrides={**DEFAULT_OVERRIDES, **(confoverrides or {})},
        status=StringIO(),
        warning=StringIO(),
        parallel=parallel,
        freshenv=freshenv,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    built = Built(
        app=app,
        srcdir=Path(app.srcdir),
        outdir=Path(app.outdir),
        status=strip_ansi(app.status.getvalue()),
        warning=strip_ansi(app.warning.getvalue()),
    )
    if check:
        check_invariant(built)
    return built


def migrate_ablog(srcdir: Path) -> None:
    """The migration guide's edits to an ABlog project's ``conf.py``.

    ``"ablog"`` becomes ``"sphinx_blogarchive"`` in ``extensions``; ``import
    ablog`` and the line adding ABlog's templates (ABlog before 0.11) go.
    """
    conf = srcdir / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    kept = [
        line.replace('"ablog"]', '"sphinx_blogarchive"]')
        for line in lines
        if not line.startswith("import ablog") and "get_html_templates_path" not in line
    ]
    conf.write_text("\n".join(kept) + "\n", encoding="utf-8")


def build_root(name: str, dest: Path, **kwargs: Any) -> Built:
    """Copy root *name* into *dest*/src and build it into *dest*/_build."""
    src = copy_root(name, dest / "src")
    return build(src, builddir=dest / "_build", **kwargs)


# --------------------------------------------------------------------------
# Reading output


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


_MYST4_SUFFIX = re.compile(r"\.md\.rst:(?=\d)")


def warning_lines(text: str, srcdir: Path) -> list[str]:
    """Non-empty warning lines of *text*, with *srcdir* made relative."""
    prefix = str(srcdir).rstrip("/") + "/"
    return [
        # myst-parser < 5 locates its own warnings in "<file>.md.rst"
        _MYST4_SUFFIX.sub(".md:", line.replace(prefix, ""))
        for line in strip_ansi(text).splitlines()
        if line.strip()
    ]


def app_warnings(app: SphinxTestApp) -> list[str]:
    """Warning lines of a sphinx.testing ``app``, paths relative to its srcdir."""
    return warning_lines(app.warning.getvalue(), Path(app.srcdir))


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_of(soup: BeautifulSoup) -> Any:
    """The main content block of a page (alabaster / basic: ``div.body``)."""
    main = soup.select_one('div.body[role="main"]') or soup.select_one("div.body")
    assert main is not None, "page has no main content block"
    return main


def text_of(node: Any) -> str:
    """Text of a node with whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


@dataclass(frozen=True)
class Entry:
    """One post as a listing shows it."""

    title: str
    href: str
    subtitle: str | None
    date: str | None
    datetime: str | None


def entries(soup: BeautifulSoup) -> list[Entry]:
    """The post entries of every listing on a page, in page order."""
    result = []
    for li in main_of(soup).select("li.blogarchive-entry"):
        link = li.select_one("a.blogarchive-entry-title")
        sub = li.select_one(".blogarchive-entry-subtitle")
        time = li.find("time")
        result.append(
            Entry(
                title=text_of(link),
                href=link["href"],
                subtitle=text_of(sub) if sub else None,
                date=text_of(time) if time else None,
                datetime=time.get("datetime") if time else None,
            )
        )
    return result


def titles(soup: BeautifulSoup) -> list[str]:
    return [e.title for e in entries(soup)]


def year_groups(soup: BeautifulSoup) -> list[tuple[str, list[str]]]:
    """``[(year heading, [titles])]`` of a listing grouped by year."""
    groups: list[tuple[str, list[str]]] = []
    listing = main_of(soup).select_one(".blogarchive-listing")
    assert listing is not None
    for node in listing.find_all(["h2", "li"]):
        if node.name == "h2":
            groups.append((text_of(node), []))
        elif "blogarchive-entry" in (node.get("class") or []):
            groups[-1][1].append(text_of(node.select_one("a.blogarchive-entry-title")))
    return groups


def index_items(soup: BeautifulSoup) -> dict[str, tuple[int, str | None]]:
    """``{name: (count, href or None)}`` of an index page (tags, years, ...)."""
    items = {}
    for li in main_of(soup).select("ul.blogarchive-index > li"):
        count = li.select_one(".blogarchive-count")
        link = li.find("a")
        name = text_of(link) if link else text_of(li.find("span"))
        items[name] = (int(text_of(count)), link["href"] if link else None)
    return items


def rel_links(soup: BeautifulSoup) -> dict[str, str | None]:
    """The theme's ``<link rel="prev|next">`` hrefs in the page head."""
    found: dict[str, str | None] = {"prev": None, "next": None}
    for rel in found:
        link = soup.find("link", rel=rel)
        found[rel] = link["href"] if link else None
    return found


def resolve_href(page: Path, href: str) -> Path:
    """The file an ``href`` on the output page *page* points to (no fragment)."""
    from urllib.parse import unquote, urlsplit

    path = unquote(urlsplit(href).path)
    target = (page.parent / path).resolve() if path else page.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target


def search_index(outdir: Path) -> dict[str, Any]:
    """The search index (``searchindex.js``) as data."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return dict(json.loads(text[text.index("(") + 1 : text.rindex(")")]))


def searchable(outdir: Path) -> dict[str, str]:
    """``{docname: title}`` of the pages search finds.

    Sphinx keeps a ``nosearch`` page in the index's docnames, with an empty
    title and none of its words; those are left out here.
    """
    index = search_index(outdir)
    return {d: t for d, t in zip(index["docnames"], index["titles"], strict=True) if t}


def blog_pages(outdir: Path) -> list[str]:
    """Relative paths of the generated pages (every ``.html`` under ``blog/``)."""
    return sorted(p.relative_to(outdir).as_posix() for p in (outdir / "blog").rglob("*.html"))


def normalised_page(path: Path) -> str:
    """A page's main content and its prev/next links, for comparing builds.

    Whitespace between tags is collapsed; nothing else is changed.
    """
    soup = soup_of(path)
    main = main_of(soup)
    links = rel_links(soup)
    text = re.sub(r">\s+<", "><", str(main))
    return f"prev={links['prev']} next={links['next']}\n{text}"


def broken_links(
    outdir: Path, suffix: str = ".html", *, main_only: bool = False
) -> list[tuple[str, str]]:
    """``(page, href)`` of every relative link in the output whose file is missing.

    With *main_only*, only links in each page's main content are checked.
    """
    broken = []
    for page in sorted(outdir.rglob(f"*{suffix}")):
        soup = soup_of(page)
        scope = main_of(soup) if main_only else soup
        for tag in scope.find_all(["a", "link"], href=True):
            href = tag["href"]
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("#"):
                continue
            if not resolve_href(page, href).exists():
                broken.append((page.relative_to(outdir).as_posix(), href))
    return broken


def tree_state(root: Path) -> dict[str, tuple[str, int]]:
    """``{relative path: (sha256, mtime_ns)}`` of every file under *root*."""
    import hashlib

    return {
        p.relative_to(root).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------
# The "no post lost" invariant

SUMMARY = re.compile(
    r"blogarchive: listed (?P<listed>\d+); drafts (?P<drafts>\d+), "
    r"scheduled (?P<scheduled>\d+), undated (?P<undated>\d+); no metadata (?P<plain>\d+)"
    r"(?:; unlisted (?P<unlisted>\d+))?"
)
_UPDATING = re.compile(r"updating environment: (\[[^\]]*\] )?(?P<added>\d+) added")


def summary_counts(status: str) -> dict[str, int] | None:
    """The counts of the last ``blogarchive: listed N; ...`` line of *status*, or None."""
    found = SUMMARY.findall(status)
    if not found:
        return None
    last = list(SUMMARY.finditer(status))[-1]
    return {key: int(value or 0) for key, value in last.groupdict().items()}


def _matching_docs(built: Built) -> list[str]:
    from sphinx_blogarchive.extension._collect import is_post
    from sphinx_blogarchive.extension.domain import get_domain

    env = built.app.env
    patterns = built.app.config.blogarchive_post_pattern
    patterns = [patterns] if isinstance(patterns, str) else list(patterns)
    matching = {d for d in env.found_docs if is_post(env, d, patterns)}
    # Posts marked as such outside the pattern (ABlog's post directive,
    # ``blogpost: true``) count too.
    matching |= get_domain(env).posts.keys() & env.found_docs
    return sorted(matching)


def _everything_read(built: Built) -> bool:
    """True when this build read every document (fresh or with a new config)."""
    match = _UPDATING.search(built.status)
    if match is None:
        return False
    return bool(match[1]) or int(match["added"]) >= len(built.app.env.found_docs)


def listed_in_index(built: Built) -> set[str]:
    """Docnames of the posts that the JSON index (``posts.json``) of the output lists."""
    from sphinx_blogarchive.extension.domain import get_domain

    site = get_domain(built.app.env).site
    index = built.outdir / site.index_json_path()
    items = json.loads(index.read_text(encoding="utf-8"))
    by_file = {
        Path(built.app.builder.get_outfilename(d)).resolve(): d  # type: ignore[attr-defined]
        for d in built.app.env.found_docs
    }
    docnames = set()
    for item in items:
        target = resolve_href(index, item["url"])
        assert target in by_file, f"posts.json lists {item['url']!r}, which is no document"
        docnames.add(by_file[target])
    assert len(docnames) == len(items), "posts.json lists a post twice"
    return docnames


def assert_no_post_lost(built: Built) -> None:
    """No post lost: every file matching ``blogarchive_post_pattern`` is accounted for.

    Each is listed in the JSON index of the archive, or counted in the
    summary line as a draft, a scheduled post or a page without metadata, or
    (undated: an invalid or missing date, an unreadable metadata block) named
    in exactly one ``blogarchive.*`` warning that says it is not listed,
    located at that file and a line. The summary's counts add up to the
    number of matching files. On an incremental build, the warnings of posts
    not read again are not repeated, nor are suppressed ones
    (``suppress_warnings``); only the counts are checked for them.
    """
    counts = summary_counts(built.status)
    assert counts is not None, "no blogarchive summary line"
    matching = _matching_docs(built)
    assert sum(counts.values()) == len(matching), (counts, matching)
    listed = listed_in_index(built)
    assert len(listed) == counts["listed"], (counts, sorted(listed))
    assert listed <= set(matching), sorted(listed - set(matching))
    unlisted = [d for d in matching if d not in listed]
    env = built.app.env
    prefix = str(built.srcdir).rstrip("/") + "/"
    warned: dict[str, list[str]] = {}
    for line in warning_lines(built.warning, built.srcdir):
        if "[blogarchive." not in line or "the post is not listed" not in line:
            continue
        location = line.split(": WARNING:", 1)[0]
        warned.setdefault(location, []).append(line)
    located: dict[str, list[str]] = {}
    for docname in unlisted:
        source = Path(env.doc2path(docname)).as_posix().replace(prefix, "")
        hits = [
            line
            for location, lines in warned.items()
            if location == source or location.startswith(f"{source}:")
            for line in lines
        ]
        for line in hits:
            assert re.match(rf"{re.escape(source)}:\d+: ", line), f"not located at a line: {line}"
        located[docname] = hits
    for docname, hits in located.items():
        assert len(hits) <= 1, f"{docname}: more than one 'not listed' warning: {hits}"
    suppressed = any(str(s).startswith("blogarchive") for s in built.app.config.suppress_warnings)
    if _everything_read(built) and not suppressed:
        assert sum(1 for hits in located.values() if hits) == counts["undated"], (
            counts,
            located,
        )
    hidden = (
        counts["drafts"]
        + counts["scheduled"]
        + counts["plain"]
        + counts["undated"]
        + counts["unlisted"]
    )
    assert hidden == len(unlisted), (counts, unlisted)


def check_invariant(built: Built) -> None:
    """Run :func:`assert_no_post_lost` when *built* is an HTML page build with the extension."""
    app = built.app
    if "sphinx_blogarchive" not in app.extensions:
        return
    if app.builder.name not in app.config.blogarchive_page_builders:
        return
    if app.builder.format != "html" or summary_counts(built.status) is None:
        return
    assert_no_post_lost(built)


def touch(path: Path) -> None:
    """Set *path*'s mtime to now, precisely, so that Sphinx reads it again.

    Sphinx re-reads a document whose mtime is later than the time it last
    read it; file systems store coarse mtimes, so an edit made just after a
    build could look older. A future mtime would instead make every later
    build read the file again.
    """
    stamp = time.time_ns()
    os.utime(path, ns=(stamp, stamp))


def write(path: Path, text: str) -> None:
    """Write *text* to *path* (making its folder) with an mtime of now (see :func:`touch`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    touch(path)
