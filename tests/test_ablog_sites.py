"""Real ABlog sites migrate with nothing lost (issue 17).

Three roots shaped like three public ABlog sites (their content made up):

* ``test-ablog-sunpy``: rST posts with ABlog's ``post`` directive and MyST
  posts with ``blogpost: true``, dirhtml, ABlog's sidebars, ABlog's
  placeholder ``blog.rst``, ``:redirect:``, ``blog_feed_archives``;
* ``test-ablog-brainglobe``: MyST ``blogpost: true`` posts, html,
  pydata-sphinx-theme with ABlog's sidebars, a user's ``blog/index``,
  ``postlist`` with ABlog's ``:format:``/``:date:``/``:list-style:``;
* ``test-ablog-choldgraf``: MyST posts under ``blog/<year>/`` found by
  ``blog_post_pattern``, dirhtml, full-text feeds, several ``#`` headings,
  ``redirect:`` front matter, a matched file without blog metadata.

Each is built here after the migration guide's edits only (``migrate_ablog``);
with ABlog installed (``nox -s ecosystem``), also with ABlog itself, and the
two are compared: the same posts, the same pages, feeds and redirects, and
the same full feed bodies. Each numbered kind of the issue has its own test
below (``test_kind_<n>_...``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from helpers import Built, broken_links, build, copy_root, entries, soup_of
from helpers import migrate_ablog as migrate

#: Each root and the builder its site uses.
SITES = {"sunpy": "dirhtml", "brainglobe": "html", "choldgraf": "dirhtml"}
#: Theme of each site (others: the tests' default, alabaster).
THEMES = {"brainglobe": "pydata_sphinx_theme"}
#: ABlog pages with no counterpart here: drafts, locations, languages.
ABLOG_ONLY = re.compile(r"^blog/(drafts|location|language)(/|\.html)")

needs_ablog = pytest.mark.skipif(
    importlib.util.find_spec("ablog") is None,
    reason="ABlog is not installed (pip install '.[ecosystem]')",
)


def build_migrated(name: str, dest: Path, **kwargs: object) -> Built:
    src = copy_root(f"ablog-{name}", dest / "src")
    migrate(src)
    overrides = {"html_theme": THEMES[name]} if name in THEMES else {}
    return build(
        src,
        builddir=dest / "_build",
        buildername=SITES[name],
        confoverrides=overrides,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """The migrated build of a root, by name, each made once for the module."""
    made: dict[str, Built] = {}

    def get(name: str) -> Built:
        if name not in made:
            made[name] = build_migrated(name, tmp_path_factory.mktemp(f"ablog-{name}"))
        return made[name]

    return get


@pytest.fixture(params=sorted(SITES))
def site(request: pytest.FixtureRequest, sites: Callable[[str], Built]) -> Built:
    return sites(request.param)


@pytest.fixture
def sunpy(sites: Callable[[str], Built]) -> Built:
    return sites("sunpy")


@pytest.fixture
def brainglobe(sites: Callable[[str], Built]) -> Built:
    return sites("brainglobe")


@pytest.fixture
def choldgraf(sites: Callable[[str], Built]) -> Built:
    return sites("choldgraf")


# --------------------------------------------------------------------------
# Reading an output folder (ABlog's or ours) the same way


def page_file(built: Built, pagename: str) -> Path:
    """The HTML file of *pagename* for the root's builder."""
    if built.app.builder.name == "dirhtml":
        stem = pagename.removesuffix("/index")
        return built.outdir / ("index.html" if stem == "index" else f"{stem}/index.html")
    return built.outdir / f"{pagename}.html"


def page(built: Built, pagename: str) -> BeautifulSoup:
    return soup_of(page_file(built, pagename))


def html_pages(outdir: Path) -> set[str]:
    """Every HTML page of *outdir*, but Sphinx's own and ABlog's drafts/locations/languages."""
    found = set()
    for path in outdir.rglob("*.html"):
        rel = path.relative_to(outdir).as_posix()
        if rel.startswith(("_", "genindex", "search")) or ABLOG_ONLY.match(rel):
            continue
        found.add(rel)
    return found


def atom_feeds(outdir: Path) -> set[str]:
    return {p.relative_to(outdir).as_posix() for p in outdir.rglob("atom.xml")}


def redirects(outdir: Path) -> dict[str, str]:
    """``{page: the page it redirects to}`` of every redirect page (a meta refresh)."""
    found = {}
    for rel in html_pages(outdir):
        soup = soup_of(outdir / rel)
        meta = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
        if meta is None:
            continue
        target = str(meta["content"]).split("=", 1)[1].strip().strip("'\"")
        base = (outdir / rel).parent
        resolved = (base / target.split("#")[0]).resolve().relative_to(outdir.resolve())
        found[rel] = resolved.as_posix().removesuffix("/index.html").removesuffix(".html")
    return found


def feed_entries(path: Path) -> dict[str, str]:
    """``{entry URL: its content as plain text, whitespace collapsed}`` of an Atom feed."""
    parsed = feedparser.parse(path.read_bytes())
    result = {}
    for entry in parsed.entries:
        html = entry.content[0].value if entry.get("content") else ""
        text = BeautifulSoup(html, "html.parser").get_text(" ")
        result[entry.link] = " ".join(text.split())
    return result


def ablog_build(name: str, dest: Path) -> Path:
    """Build root *name* with ABlog itself (a separate process); its output folder."""
    src = copy_root(f"ablog-{name}", dest / "src")
    out = dest / "out"
    command = [sys.executable, "-m", "sphinx", "-q", "-b", SITES[name], str(src), str(out)]
    if name in THEMES:
        command[4:4] = ["-D", f"html_theme={THEMES[name]}"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


# --------------------------------------------------------------------------
# Each site builds, after the guide's edits only


#: The one warning besides the settings': ABlog's draft (a post without a date).
DRAFT_WARNING = (
    "blog/2021/unfinished.md:1: WARNING: post has no date: a draft, as ABlog reads it; "
    "the post is not listed [blogarchive.date]"
)


def test_site_builds_with_only_the_settings_warnings(site: Built) -> None:
    """No warning but the one per ABlog setting read (which the guide announces)."""
    others = [w for w in site.warnings() if "is an ABlog setting, read for now" not in w]
    assert others == ([DRAFT_WARNING] if "choldgraf" in str(site.srcdir) else [])
    assert [b for b in broken_links(site.outdir) if not b[0].startswith("_static/")] == []


@needs_ablog
@pytest.mark.parametrize("name", sorted(SITES))
def test_same_site_as_ablog(name: str, tmp_path: Path, sites: Callable[[str], Built]) -> None:
    """ABlog's build and ours: same posts, pages, feeds, redirects, full feed bodies."""
    theirs = ablog_build(name, tmp_path)
    ours = sites(name)
    # The same pages (posts, blog pages, redirects), and the same Atom feeds.
    assert html_pages(ours.outdir) == html_pages(theirs)
    assert atom_feeds(ours.outdir) >= atom_feeds(theirs)
    if name == "sunpy":  # blog_feed_archives: ABlog's feeds of each term and year, exactly
        assert atom_feeds(ours.outdir) == atom_feeds(theirs)
    assert redirects(ours.outdir) == redirects(theirs)
    # The same posts: every post is in the blog's feed (blog_feed_length unset).
    their_feed = feed_entries(theirs / "blog" / "atom.xml")
    our_feed = feed_entries(ours.outdir / "blog" / "atom.xml")
    assert set(our_feed) == set(their_feed)
    if name == "choldgraf":  # full-text feeds: the same bodies
        assert our_feed == their_feed


# --------------------------------------------------------------------------
# The kinds of the issue, one test each


def test_kind_1_ablog_sidebars_build(sunpy: Built, brainglobe: Built) -> None:
    """ABlog's sidebar templates in html_sidebars: the build goes on, the widgets show."""
    for built, post in ((sunpy, "posts/2021/summit"), (brainglobe, "blog/posts/workshop")):
        soup = page(built, post)
        card = soup.select_one(".blogarchive-postcard")
        assert card is not None, built.srcdir
        assert "Events" in card.get_text()
    soup = page(brainglobe, "blog/index")
    for widget in ("recent", "tags", "years", "categories", "authors"):
        assert soup.select_one(f".blogarchive-widget-{widget}") is not None, widget
    assert soup.select_one(".blogarchive-widget-categories a")["href"] == "category.html"
    assert soup.select_one(".blogarchive-widget-authors a")["href"] == "author.html"


def test_kind_2_escaped_space_leaves_no_nul(sunpy: Built) -> None:
    """``**summit**\\ is``: no NUL in the excerpt, posts.json, the feeds or the page."""
    data = (sunpy.outdir / "blog" / "posts.json").read_text(encoding="utf-8")
    assert "\\u0000" not in data and "\x00" not in data
    excerpts = {p["title"]: p["excerpt"] for p in json.loads(data)}
    assert excerpts["Telescope summit"] == "The summitis where we met, under a clear sky."
    for feed in (sunpy.outdir / "blog").rglob("*.xml"):
        assert b"\x00" not in feed.read_bytes()
    # The listing of the home page shows the excerpt (HTML), the archive too.
    for pagename in ("index", "blog", "blog/tag/gsoc"):
        html = page_file(sunpy, pagename).read_text(encoding="utf-8")
        assert "\x00" not in html, pagename
    assert "The summitis where we met" in page(sunpy, "index").get_text()


def test_kind_3_full_feed_renders_seealso(choldgraf: Built) -> None:
    body = feed_entries(choldgraf.outdir / "blog" / "atom.xml")
    assert "See also The first notes ." in body["https://field.example.org/blog/2021/open-tools/"]


def test_kind_4_ablog_dates(sunpy: Built, brainglobe: Built) -> None:
    """Ordinal and other dateutil dates: read, and the posts listed."""
    dates = {}
    for built in (sunpy, brainglobe):
        data = json.loads((built.outdir / "blog" / "posts.json").read_text(encoding="utf-8"))
        dates.update({p["title"]: p["date"] for p in data})
    assert dates == {
        "Telescope summit": "2021-11-03",  # 3rd November 2021
        "Summer of code": "2021-10-29",  # 29th October 2021
        "A comet": "2022-01-08",  # Jan 8th, 2022
        "Release 2.0": "2021-12-01",  # Dec 01, 2021 (post_date_format)
        "The first atlas": "2024-01-08",  # Jan 8th, 2024
        "A workshop": "2023-11-03",
        "A viewer": "2024-05-20",
    }


def test_kind_5_placeholder_and_user_blog_index(sunpy: Built, brainglobe: Built) -> None:
    """ABlog's placeholder page becomes the archive; blog.html beside a user's blog/index."""
    archive = page(sunpy, "blog")
    assert "This will be replaced by ablog" not in archive.get_text()
    listed = [e.title for e in entries(archive)]
    assert listed == ["A comet", "Release 2.0", "Telescope summit", "Summer of code"]
    # html builder: ABlog's blog.html (the archive) and the user's blog/index.html.
    assert {"blog.html", "blog/index.html"} <= html_pages(brainglobe.outdir)
    assert len(page(brainglobe, "blog").select(".blogarchive-entry")) == 3
    assert "News from the group." in page(brainglobe, "blog/index").get_text()


def test_kind_6_ref_to_a_post_label(sunpy: Built, brainglobe: Built) -> None:
    """``:ref:`summit``` and ``{ref}`first-atlas``` link to the posts, with their titles."""
    link = page(sunpy, "posts/2021/release").select_one("a.reference.internal[href*='summit']")
    assert link is not None and link.get_text() == "Telescope summit"
    link = page(brainglobe, "index").select_one("a.reference.internal[href*='first-atlas']")
    assert link is not None and link.get_text() == "The first atlas"


def test_kind_7_redirect_front_matter(sunpy: Built, choldgraf: Built) -> None:
    assert redirects(sunpy.outdir) == {
        "news/old-summit/index.html": "posts/2021/summit",
        "blog/summit-2021/index.html": "posts/2021/summit",
    }
    assert redirects(choldgraf.outdir) == {
        "blog/2021/open-tools-old/index.html": "blog/2021/open-tools",
    }


def test_kind_8_full_feed_keeps_every_section(choldgraf: Built) -> None:
    body = feed_entries(choldgraf.outdir / "blog" / "atom.xml")
    first = body["https://field.example.org/blog/2020/first-notes/"]
    assert first.startswith("The first of these notes")
    assert "A second top-level heading Text under the second heading" in first
    assert "Note A note inside the post." in first
    assert "Related posts" not in first


def test_kind_9_ablog_feeds(sunpy: Built) -> None:
    """blog_feed_archives: feeds at blog/<kind>/<name>/atom.xml; ABlog's titles and id."""
    feeds = atom_feeds(sunpy.outdir)
    assert {
        "blog/atom.xml",
        "blog/2021/atom.xml",
        "blog/tag/gsoc/atom.xml",
        "blog/category/events/atom.xml",
        "blog/author/vega-lyra/atom.xml",
    } <= feeds
    tag = feedparser.parse((sunpy.outdir / "blog/tag/gsoc/atom.xml").read_bytes())
    assert tag.feed.title == "Star Watchers news - Posts tagged gsoc"
    assert tag.feed.id == "https://stars.example.org/"
    year = feedparser.parse((sunpy.outdir / "blog/2021/atom.xml").read_bytes())
    assert year.feed.title == "Star Watchers news - Posted in 2021"
    blog = feedparser.parse((sunpy.outdir / "blog/atom.xml").read_bytes())
    assert blog.feed.title == "Star Watchers news"
    assert blog.feed.id == "https://stars.example.org/"


def test_kind_9_feed_length_unset_is_every_post(tmp_path: Path) -> None:
    """Without blog_feed_length, ABlog's feed holds every post (more than our 20)."""
    src = copy_root("ablog-choldgraf", tmp_path / "src")
    migrate(src)
    for number in range(1, 24):
        (src / "blog" / "2019").mkdir(exist_ok=True)
        (src / "blog" / "2019" / f"note-{number:02}.md").write_text(
            f'---\ndate: "2019-01-{number:02}"\n---\n\n# Note {number}\n\nA short note.\n',
            encoding="utf-8",
        )
    built = build(src, builddir=tmp_path / "_build", buildername="dirhtml")
    assert len(feed_entries(built.outdir / "blog" / "atom.xml")) == 25
    capped = build(
        src,
        builddir=tmp_path / "_capped",
        buildername="dirhtml",
        confoverrides={"blog_feed_length": 5},
    )
    assert len(feed_entries(capped.outdir / "blog" / "atom.xml")) == 5


def test_kind_10_tags_quotes_and_case(sunpy: Built) -> None:
    """A quoted item of a comma list loses its quotes; GSoC and gsoc are one tag here."""
    data = json.loads((sunpy.outdir / "blog" / "posts.json").read_text(encoding="utf-8"))
    tags = {p["title"]: [t["name"] for t in p["tags"]] for p in data}
    assert tags["Summer of code"] == ["gsoc", "cicd", "github actions"]
    assert "blog/tag/github-actions/index.html" in html_pages(sunpy.outdir)
    # One page for both spellings (ABlog wrote two collections to one URL).
    listed = [e.title for e in entries(page(sunpy, "blog/tag/gsoc"))]
    assert listed == ["Telescope summit", "Summer of code"]


def test_kind_11_matched_file_without_metadata_is_a_draft(choldgraf: Built) -> None:
    """blog/2021/unfinished.md: a post page, not listed, said so once (no toctree warning)."""
    assert not [w for w in choldgraf.warnings() if "toctree" in w]
    assert DRAFT_WARNING in choldgraf.warnings()
    assert page_file(choldgraf, "blog/2021/unfinished").is_file()
    data = json.loads((choldgraf.outdir / "blog" / "posts.json").read_text(encoding="utf-8"))
    assert [p["title"] for p in data] == ["Open tools", "First notes"]


def test_kind_12_postlist_ablog_options(brainglobe: Built, choldgraf: Built) -> None:
    """:format: chooses the fields (the author stays), :date: and :list-style: apply."""
    listing = page(brainglobe, "blog/index")
    (ul,) = listing.select("ul.blogarchive-postlist")
    assert ul["style"] == "list-style-type: circle"
    authors = [e.select_one(".blogarchive-entry-authors") for e in ul.select("li")]
    assert [a.get_text() if a else "" for a in authors] == [
        "Mira Cole, Tom Reyes",
        "Mira Cole",
        "Tom Reyes",
    ]
    dates = [t.get_text() for t in page(choldgraf, "index").select("ul.blogarchive-postlist time")]
    assert dates == ["March 02, 2021", "June 14, 2020"]


@pytest.mark.parametrize("name", ["sunpy", "brainglobe"])
def test_parallel_and_incremental_builds_match(
    name: str, tmp_path: Path, sites: Callable[[str], Built]
) -> None:
    """-j 2, and a rebuild after an edit and its undoing, give the serial build's output."""
    serial = sites(name)
    parallel = build_migrated(name, tmp_path / "parallel", parallel=2)
    assert parallel.warnings() == serial.warnings()

    def output(built: Built) -> dict[str, bytes]:
        files = {
            rel: (built.outdir / rel).read_bytes()
            for rel in (*atom_feeds(built.outdir), "blog/posts.json")
        }
        return {**files, **{rel: b"" for rel in html_pages(built.outdir)}}

    assert output(parallel) == output(serial)
    src = parallel.srcdir
    overrides = {"html_theme": THEMES[name]} if name in THEMES else {}

    def rebuild() -> Built:
        return build(
            src,
            builddir=tmp_path / "parallel" / "_build",
            buildername=SITES[name],
            confoverrides=overrides,
        )

    post = next(p for p in sorted(src.rglob("*.md")) if "blogpost: true" in p.read_text("utf-8"))
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("\ntags: ", "\ntags: extra, ", 1), "utf-8")
    assert any(p.startswith("blog/tag/extra") for p in html_pages(rebuild().outdir))
    post.write_text(text, encoding="utf-8")
    undone = rebuild()
    assert output(undone) == output(serial)


def test_full_text_feed_rewritten_by_a_build_that_writes_no_page(tmp_path: Path) -> None:
    """A full-text feed gone from the output, nothing else changed: written again, the same.

    Such a build writes no page, so the builder never set the paths a page
    is written with; rendering the posts' bodies must not need them.
    """
    built = build_migrated("choldgraf", tmp_path)
    feed = built.outdir / "blog" / "atom.xml"
    before = feed.read_bytes()
    feed.unlink()
    again = build(built.srcdir, builddir=tmp_path / "_build", buildername="dirhtml")
    assert "0 changed" in again.status or "no targets are out of date" in again.status
    assert feed.read_bytes() == before


#: A notebook post (choldgraf's MyST-NB posts): its fields in the notebook's metadata.
NOTEBOOK = {
    "cells": [
        {
            "cell_type": "markdown",
            "id": "title",
            "metadata": {},
            "source": ["# A notebook post\n", "\n", "Counting birds in a notebook.\n"],
        },
        {
            "cell_type": "code",
            "execution_count": 1,
            "id": "count",
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["12 birds\n"]}],
            "source": ["print('12 birds')"],
        },
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "date": "2021-07-04",
        "tags": "birds, python",
        "category": "notes",
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _notebook_root(dest: Path) -> Path:
    """The choldgraf root with myst-nb instead of myst-parser, and a notebook post."""
    src = copy_root("ablog-choldgraf", dest)
    conf = src / "conf.py"
    text = conf.read_text(encoding="utf-8").replace('"myst_parser"', '"myst_nb"')
    conf.write_text(text + 'nb_execution_mode = "off"\n', encoding="utf-8")
    (src / "blog" / "2021" / "birds.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    return src


def _sphinx(src: Path, out: Path) -> str:
    """Build *src* with dirhtml in a process of its own (myst-nb, see test_notebooks.py)."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


@needs_ablog
@pytest.mark.skipif(
    importlib.util.find_spec("myst_nb") is None,
    reason="myst-nb is not installed (pip install '.[ecosystem]')",
)
def test_notebook_posts_as_ablog(tmp_path: Path) -> None:
    """choldgraf's MyST-NB posts: the notebook is a post, in ABlog's build and ours alike."""
    theirs, ours = tmp_path / "theirs", tmp_path / "ours"
    _sphinx(_notebook_root(tmp_path / "ablog-src"), theirs)
    src = _notebook_root(tmp_path / "src")
    migrate(src)
    stderr = _sphinx(src, ours)
    others = [
        line
        for line in stderr.splitlines()
        if "WARNING" in line and "is an ABlog setting" not in line and "unfinished" not in line
    ]
    assert others == []
    assert "blog/2021/birds/index.html" in html_pages(ours)
    assert html_pages(ours) == html_pages(theirs)
    assert atom_feeds(ours) >= atom_feeds(theirs)
    our_feed = feed_entries(ours / "blog" / "atom.xml")
    assert our_feed == feed_entries(theirs / "blog" / "atom.xml")
    assert "12 birds" in our_feed["https://field.example.org/blog/2021/birds/"]
