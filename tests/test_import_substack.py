"""``sphinx-blogarchive import substack``: the seed as a Substack export, and broken exports.

Every export here is written by the test into a temporary folder, in the
layout of Substack's "Export your data" zip: ``posts.csv`` (read by column
name), ``posts/<number>.<slug>.html`` (the bodies), and the files the
importer must never open: subscriber lists and per-post analytics.
"""

from __future__ import annotations

import builtins
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers import build, entries, main_of, text_of, tree_state
from test_site import SEED_POSTS, SeedPost

from sphinx_blogarchive.cli._main import main
from sphinx_blogarchive.model._slugs import slugify

COLUMNS = [
    "post_id",
    "post_date",
    "is_published",
    "email_sent_at",
    "inbox_sent_at",
    "type",
    "audience",
    "title",
    "subtitle",
    "podcast_url",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PERSONAL = ("email_list.data-leverage.csv", "subscribers.csv")

# Substack's markup, one piece per post, in turn (see _html2myst for each).
FIGURE = (
    '<div class="captioned-image-container"><figure><a class="image-link image2" '
    'target="_blank" href="https://substackcdn.com/image/fetch/w_1456/chart.png" '
    'data-component-name="Image2ToDOM"><div class="image2-inset"><picture>'
    '<source type="image/webp" srcset="https://substackcdn.com/chart.webp 424w"/>'
    '<img src="https://substack-post-media.s3.amazonaws.com/public/images/chart.png" '
    'width="1456" height="816" alt="A bar chart" loading="lazy"/></picture>'
    '<div class="image-link-expand"><svg></svg></div></div></a>'
    '<figcaption class="image-caption">Shares of <em>training data</em>, by '
    '<a href="https://example.org/source">source</a></figcaption></figure></div>'
)
FOOTNOTE_REF = (
    '<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" '
    'id="footnote-anchor-1" href="#footnote-1" target="_self">1</a>'
)
FOOTNOTE = (
    '<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" '
    'href="#footnote-anchor-1" class="footnote-number" contenteditable="false" '
    'target="_self">1</a><div class="footnote-content"><p>A footnote with a '
    '<a href="https://example.org/ref">reference</a>.</p></div></div>'
)
PAYWALL = '<div class="paywall-jump" data-component-name="PaywallToDOM"></div>'
YOUTUBE = (
    '<div id="youtube2-dQw4w9WgXcQ" class="youtube-wrap" data-attrs="{&quot;videoId&quot;:'
    '&quot;dQw4w9WgXcQ&quot;,&quot;startTime&quot;:null,&quot;endTime&quot;:null}" '
    'data-component-name="Youtube2ToDOM"><div class="youtube-inner"><iframe '
    'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0&amp;autoplay=0" '
    'frameborder="0" loading="lazy" allow="autoplay; fullscreen" allowfullscreen="true" '
    'width="728" height="409"></iframe></div></div>'
)
TWEET = (
    '<div class="tweet" data-attrs="{&quot;url&quot;:&quot;https://twitter.com/datastrike/'
    "status/1234&quot;,&quot;full_text&quot;:&quot;Strike!&quot;,&quot;username&quot;:"
    '&quot;datastrike&quot;,&quot;name&quot;:&quot;Data Strike&quot;}" '
    'data-component-name="Twitter2ToDOM"><a class="tweet-link-top" '
    'href="https://twitter.com/datastrike/status/1234"><div>Strike!</div></a></div>'
)
EMBEDDED_POST = (
    '<div class="embedded-post-wrap" data-attrs="{&quot;id&quot;:42,&quot;url&quot;:'
    "&quot;https://dataleverage.substack.com/p/data-strikes&quot;,&quot;title&quot;:"
    '&quot;Data Strikes&quot;}" data-component-name="EmbeddedPostToDOM">'
    '<div class="embedded-post"><div class="embedded-post-title">Data Strikes</div></div></div>'
)
SUBSCRIBE = (
    '<div class="subscription-widget-wrap"><div class="subscription-widget show-subscribe">'
    '<div class="preamble"><p>Thanks for reading!</p></div><form class="subscription-widget-'
    'subscribe"><input type="email" name="email"/><input type="submit" value="Subscribe"/>'
    "</form></div></div>"
)
EMPTY = "<p></p><p> </p><p>&nbsp;</p><p><br/></p>"
MARKUP = [
    FIGURE,
    "footnote",
    PAYWALL,
    YOUTUBE,
    TWEET,
    EMBEDDED_POST,
    '<p><iframe src="https://example.org/widget"></iframe></p>',
    SUBSCRIBE + EMPTY,
]


@dataclass
class Export:
    """A Substack-format export being written into *root*."""

    root: Path
    rows: list[dict[str, str]] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=lambda: list(COLUMNS))

    def add(self, post_id: str, html: str | None = None, **values: str) -> None:
        self.rows.append({"post_id": post_id, **values})
        if html is not None:
            self.bodies[f"{post_id}.html"] = html

    def write(self) -> Path:
        (self.root / "posts").mkdir(parents=True, exist_ok=True)
        with (self.root / "posts.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, self.columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(self.rows)
        for name, html in self.bodies.items():
            (self.root / "posts" / name).write_text(html, "utf-8")
        # Personal data: subscriber lists and per-post analytics.
        for name in PERSONAL:
            (self.root / name).write_text("email,active_subscription\nme@example.org,true\n")
        for row in self.rows:
            for kind in ("opens", "delivers"):
                (self.root / "posts" / f"{row['post_id']}.{kind}.csv").write_text(
                    "email,timestamp\nme@example.org,2024-01-01\n"
                )
        return self.root

    def zip(self, path: Path) -> Path:
        self.write()
        with zipfile.ZipFile(path, "w") as archive:
            for file in sorted(self.root.rglob("*")):
                if file.is_file():
                    archive.write(file, file.relative_to(self.root).as_posix())
        return path


def seed_date(post: SeedPost, index: int) -> str:
    """The seed's shown date as a UTC ``post_date``; later in the day for newer posts."""
    month, day, year = post.date.replace(",", "").split()
    minute = 59 - index
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}T15:{minute:02d}:00.000Z"


def entity_encoded(text: str) -> str:
    """*text* with its typographic quotes and ampersands as HTML entities, as exports have."""
    return (
        text.replace("&", "&amp;")
        .replace("“", "&#8220;")
        .replace("”", "&#8221;")
        .replace("’", "&rsquo;")
    )


def seed_body(post: SeedPost, index: int) -> str:
    parts = [f"<p>A short body for “{post.title}”.</p>"]
    if post.heading:
        parts.insert(0, f"<h2>{post.heading}</h2>")
    markup = MARKUP[index % len(MARKUP)]
    if markup == "footnote":
        parts.append(f"<p>A claim{FOOTNOTE_REF} with a source.</p>{FOOTNOTE}")
    else:
        parts.append(markup)
    parts.append("<p>The end.</p>")
    return "".join(parts)


def seed_export(root: Path) -> Export:
    """The 42 seed posts (and one podcast episode, which is not imported by default)."""
    export = Export(root)
    for index, post in enumerate(SEED_POSTS):
        number = 100_000 + index
        export.add(
            f"{number}.{slugify(post.title)[:50].strip('-')}",
            seed_body(post, index),
            post_date=seed_date(post, index),
            is_published="TRUE" if index % 2 else "true",
            type="newsletter",
            audience="everyone",
            title=post.title,
            subtitle=entity_encoded(post.subtitle or ""),
        )
    export.add(
        "99.an-episode",
        "<p>Audio.</p>",
        post_date="2024-01-01T10:00:00.000Z",
        is_published="true",
        type="podcast",
        title="An episode",
    )
    return export


CONF = 'extensions = ["myst_parser", "sphinx_blogarchive"]\nexclude_patterns = ["_build"]\n'


def site(root: Path) -> Path:
    """A minimal Sphinx project in *root* whose posts go into ``root/posts``."""
    (root / "posts").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, "utf-8")
    (root / "index.md").write_text("# Blog\n\nImported posts.\n", "utf-8")
    return root


def run(*args: str) -> int:
    """``import substack ARGS``, its ``--dir`` made first (the command needs it to exist)."""
    if "--dir" in args:
        Path(args[args.index("--dir") + 1]).mkdir(parents=True, exist_ok=True)
    return main(["import", "substack", *args])


# --------------------------------------------------------------------------
# Opening files: only posts.csv and posts/<post_id>.html


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every file and zip member opened while the test runs (paths as strings)."""
    names: list[str] = []
    real_open = builtins.open
    real_io_open = io.open
    real_zip_open = zipfile.ZipFile.open

    def spy(opener: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(file: Any, *args: Any, **kwargs: Any) -> Any:
            names.append(str(file))
            return opener(file, *args, **kwargs)

        return wrapper

    def zip_open(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        names.append(f"zip:{getattr(name, 'filename', name)}")
        return real_zip_open(self, name, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy(real_open))
    monkeypatch.setattr(io, "open", spy(real_io_open))
    monkeypatch.setattr(zipfile.ZipFile, "open", zip_open)
    yield names


def assert_only_post_files(names: list[str], export: Path) -> None:
    inside = [
        n for n in names if n != str(export) and (n.startswith(str(export)) or n.startswith("zip:"))
    ]
    assert inside, "the spy saw nothing"
    for name in inside:
        relative = name.removeprefix("zip:").removeprefix(str(export)).lstrip("/")
        assert relative == "posts.csv" or (
            relative.startswith("posts/") and relative.endswith(".html")
        ), f"opened {name}"
        assert "opens" not in relative and "delivers" not in relative
        assert "email" not in relative and "subscriber" not in relative


# --------------------------------------------------------------------------
# The seed, as an export, imported and built


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("seed-import")
    export = seed_export(tmp / "export").write()
    root = site(tmp / "site")
    out = io.StringIO()
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdout", out)
        mp.setattr("sys.stderr", err)
        code = run(str(export), "--dir", str(root / "posts"))
    built = build(root, builddir=tmp / "_build")
    return {
        "tmp": tmp,
        "export": export,
        "root": root,
        "code": code,
        "out": out.getvalue(),
        "err": err.getvalue(),
        "built": built,
    }


def test_seed_import_summary(seed_site: dict[str, Any]) -> None:
    assert seed_site["code"] == 0, seed_site["err"]
    assert seed_site["out"] == (
        "created 42, updated 0, unchanged 0, skipped 1 (1 type podcast); 0 problems\n"
    )
    files = sorted((seed_site["root"] / "posts").rglob("*.md"))
    assert len(files) == 42
    years = {f.parent.name for f in files}
    assert years == {"2020", "2021", "2022", "2023", "2024", "2025", "2026"}


def test_seed_site_builds_without_warnings(seed_site: dict[str, Any]) -> None:
    built = seed_site["built"]
    assert built.warnings() == []
    assert "blogarchive: listed 42; drafts 0, scheduled 0, undated 0; no metadata 0" in (
        built.status
    )


def test_seed_archive_matches_the_seed(seed_site: dict[str, Any]) -> None:
    got = entries(seed_site["built"].soup("blog/index"))
    assert [(e.title, e.subtitle, e.date) for e in got] == [
        (p.title, p.subtitle, p.date) for p in SEED_POSTS
    ]
    # the three body headings are headings of the post, not subtitles
    for post in SEED_POSTS:
        if post.heading:
            [entry] = [e for e in got if e.title == post.title]
            page = seed_site["built"].outdir / "blog" / entry.href
            h2 = [text_of(h).rstrip("¶ ") for h in main_of(_soup(page)).find_all("h2")]
            assert post.heading in h2


def plain(node: Any) -> str:
    """Text of a node as a reader sees it (no separators added), without pilcrows."""
    return " ".join(node.get_text().replace("¶", "").split())


def _soup(path: Path) -> Any:
    from helpers import soup_of

    return soup_of(path)


def test_seed_post_file(seed_site: dict[str, Any]) -> None:
    posts = seed_site["root"] / "posts"
    wga = SEED_POSTS[
        [p.title for p in SEED_POSTS].index(
            "The WGA Strike is a Canary in the Coal Mine for AI Labor Concerns"
        )
    ]
    [path] = posts.rglob(f"{slugify(wga.title)[:50].strip('-')}.md")
    text = path.read_text("utf-8")
    head = text.split("\n---\n", 1)[0].splitlines()
    assert head[1] == f"title: {wga.title}"
    assert head[2] == f"subtitle: {wga.subtitle}"  # entities decoded
    assert head[3].startswith("date: 2023-") and head[3].endswith("+00:00")
    assert head[4] == f"slug: {slugify(wga.title)[:50].strip('-')}"
    assert head[5].startswith("import_source: substack:")
    assert head[6].startswith("import_hash: ")
    assert f"\n# {wga.title}\n" in text


def test_seed_markup_in_the_built_pages(seed_site: dict[str, Any]) -> None:
    built = seed_site["built"]
    posts = built.app.env.get_domain("blog").posts
    by_markup: dict[str, list[str]] = {}
    for index, post in enumerate(SEED_POSTS):
        markup = MARKUP[index % len(MARKUP)]
        [docname] = [d for d, p in posts.items() if p.title == post.title]
        by_markup.setdefault(markup, []).append(docname)
    page = main_of(built.soup(by_markup[FIGURE][0]))
    figure = page.find("figure")
    assert figure is not None
    assert figure.find("img")["alt"] == "A bar chart"
    assert plain(figure.find("figcaption")) == "Shares of training data, by source"
    page = main_of(built.soup(by_markup["footnote"][0]))
    assert page.select("a.footnote-reference")
    assert "A footnote with a reference." in plain(page)
    paywalled = posts[by_markup[PAYWALL][0]]
    assert paywalled.excerpt.startswith("A short body for")
    assert "The end." not in paywalled.excerpt
    page = main_of(built.soup(by_markup[YOUTUBE][0]))
    assert page.find("a", href="https://www.youtube.com/watch?v=dQw4w9WgXcQ") is not None
    assert page.find("iframe") is None
    page = main_of(built.soup(by_markup[TWEET][0]))
    assert text_of(page.find("a", href="https://twitter.com/datastrike/status/1234")) == (
        "Post by @datastrike"
    )
    page = main_of(built.soup(by_markup[EMBEDDED_POST][0]))
    link = page.find("a", href="https://dataleverage.substack.com/p/data-strikes")
    assert text_of(link) == "Data Strikes"
    page = main_of(built.soup(by_markup[SUBSCRIBE + EMPTY][0]))
    assert "Subscribe" not in text_of(page)
    assert "Thanks for reading" not in text_of(page)
    assert all(text_of(p) for p in page.find_all("p"))


def test_seed_reimport_changes_nothing(
    seed_site: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    posts = seed_site["root"] / "posts"
    before = tree_state(posts)
    assert run(str(seed_site["export"]), "--dir", str(posts)) == 0
    assert capsys.readouterr().out == (
        "created 0, updated 0, unchanged 42, skipped 1 (1 type podcast); 0 problems\n"
    )
    assert tree_state(posts) == before


def test_seed_zip_gives_the_same_files(
    seed_site: dict[str, Any], tmp_path: Path, opened: list[str]
) -> None:
    export = seed_export(tmp_path / "unpacked")
    archive = export.zip(tmp_path / "export.zip")
    opened.clear()
    assert run(str(archive), "--dir", str(tmp_path / "posts")) == 0
    assert_only_post_files(opened, archive)
    mine = {
        p.relative_to(tmp_path / "posts"): p.read_bytes()
        for p in (tmp_path / "posts").rglob("*.md")
    }
    theirs = {
        p.relative_to(seed_site["root"] / "posts"): p.read_bytes()
        for p in (seed_site["root"] / "posts").rglob("*.md")
    }
    assert mine == theirs


def test_seed_site_passes_check(
    seed_site: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(seed_site["root"])]) == 0
    assert "checked 42 posts" in capsys.readouterr().err


def test_never_opens_personal_data(tmp_path: Path, opened: list[str]) -> None:
    export = seed_export(tmp_path / "export").write()
    opened.clear()
    assert run(str(export), "--dir", str(tmp_path / "posts")) == 0
    assert_only_post_files(opened, export)
    assert any(n.endswith("posts.csv") for n in opened)


def test_export_refuses_other_files(tmp_path: Path) -> None:
    from sphinx_blogarchive.cli.importers._substack import Export as Reader

    export = Reader(seed_export(tmp_path / "export").write())
    for name in ("email_list.data-leverage.csv", "posts/100000.x.opens.csv", "posts/../x.html"):
        with pytest.raises(ValueError, match="refusing to read"):
            export.read(name)


# --------------------------------------------------------------------------
# Malformed exports: clear problems, and no other post lost


def small_export(root: Path) -> Export:
    export = Export(root)
    export.add(
        "1.first",
        "<p>First.</p>",
        post_date="2024-01-01T10:00:00.000Z",
        is_published="true",
        type="newsletter",
        title="First",
    )
    export.add(
        "2.second",
        "<p>Second.</p>",
        post_date="2024-02-01T10:00:00.000Z",
        is_published="TRUE",
        type="newsletter",
        title="Second",
        subtitle="Its subtitle",
    )
    return export


def import_into(export: Path, posts: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdout", out)
        mp.setattr("sys.stderr", err)
        code = run(str(export), "--dir", str(posts), *args)
    return code, out.getvalue(), err.getvalue()


def titles_in(posts: Path) -> set[str]:
    found = set()
    for path in posts.rglob("*.md"):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("title: "):
                found.add(line.removeprefix("title: ").strip('"'))
    return found


def test_quoted_comma_and_newline(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.add(
        "3.third",
        "<p>Third.</p>",
        post_date="2024-03-01T10:00:00.000Z",
        is_published="true",
        type="newsletter",
        title='Commas, quotes "and" more',
        subtitle="A subtitle\nover two lines, with a comma",
    )
    export.add(
        "4.fourth",
        "<p>Fourth.</p>",
        post_date="2024-04-01",
        is_published="true",
        type="newsletter",
        title="Fourth",
    )
    code, out, err = import_into(export.write(), tmp_path / "posts")
    assert (code, err) == (0, "")
    assert out.startswith("created 4,")
    text = (tmp_path / "posts/2024/third.md").read_text("utf-8")
    assert 'title: Commas, quotes "and" more\n' in text
    assert "subtitle: A subtitle over two lines, with a comma\n" in text
    assert titles_in(tmp_path / "posts") == {
        "First",
        "Second",
        'Commas, quotes "and" more',
        "Fourth",
    }


def test_missing_columns(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.columns = ["post_id", "post_date", "type", "title"]  # no is_published, no subtitle
    code, out, err = import_into(export.write(), tmp_path / "posts")
    assert code == 1
    assert err.splitlines() == [
        "posts.csv:1: no 'is_published' column: every post is written as a draft",
        "posts.csv:1: no 'subtitle' column: no post has a subtitle",
    ]
    assert out == "created 2, updated 0, unchanged 0, skipped 0; 2 problems\n"
    assert "draft: true" in (tmp_path / "posts/2024/first.md").read_text("utf-8")


def test_missing_post_id_column(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.columns = ["id", "post_date", "is_published", "type", "title", "subtitle"]
    code, out, err = import_into(export.write(), tmp_path / "posts")
    assert code == 1
    assert "posts.csv:1: no 'post_id' column: nothing can be imported" in err
    assert out == "created 0, updated 0, unchanged 0, skipped 0; 1 problem\n"
    assert not any((tmp_path / "posts").iterdir())  # nothing written


def test_older_export_without_inbox_sent_at(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.columns = [c for c in COLUMNS if c != "inbox_sent_at"]
    code, out, _ = import_into(export.write(), tmp_path / "posts")
    assert code == 0
    assert out.startswith("created 2,")


def test_missing_html_and_two_files_with_one_number(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    common = {"post_date": "2024-05-01T10:00:00Z", "is_published": "true", "type": "newsletter"}
    export.add("5.no-body", None, title="No body", **common)  # no HTML file at all
    export.add("6.renamed", None, title="Renamed", **common)  # the one file has another slug
    export.bodies["6.old-slug.html"] = "<p>Body of six.</p>"
    export.add("7.ambiguous", None, title="Ambiguous", **common)  # two files, neither matches
    export.bodies["7.one.html"] = "<p>One.</p>"
    export.bodies["7.two.html"] = "<p>Two.</p>"
    export.add("8.exact", "<p>Exact.</p>", title="Exact", **common)  # and a stray twin
    export.bodies["8.stale.html"] = "<p>Stale.</p>"
    code, out, err = import_into(export.write(), tmp_path / "posts")
    assert code == 1
    assert err.splitlines() == [
        "posts.csv:4: post 5.no-body: no body (posts/5.no-body.html: no such file); "
        "written as a draft with an empty body",
        "posts.csv:5: post 6.renamed: no posts/6.renamed.html; its body is read from "
        "posts/6.old-slug.html, the one file with its number",
        "posts.csv:6: post 7.ambiguous: no body (posts/7.ambiguous.html: several files have "
        "its number (posts/7.one.html, posts/7.two.html)); written as a draft with an empty body",
        "posts.csv:7: post 8.exact: posts/8.stale.html has the same number; not read",
    ]
    assert out == "created 6, updated 0, unchanged 0, skipped 0; 4 problems\n"
    posts = tmp_path / "posts/2024"
    assert "draft: true" in (posts / "no-body.md").read_text("utf-8")
    assert "Body of six." in (posts / "renamed.md").read_text("utf-8")
    assert "draft: true" not in (posts / "renamed.md").read_text("utf-8")
    assert "draft: true" in (posts / "ambiguous.md").read_text("utf-8")
    assert "Exact." in (posts / "exact.md").read_text("utf-8")
    assert titles_in(tmp_path / "posts") == {
        "First",
        "Second",
        "No body",
        "Renamed",
        "Ambiguous",
        "Exact",
    }


def test_bad_rows(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export").write()
    with (export / "posts.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write("1.first-again,2024-06-01T00:00:00Z,true,,,newsletter,everyone,Again,,\r\n")
        stream.write(",2024-06-01T00:00:00Z,true,,,newsletter,everyone,No id,,\r\n")
        stream.write("9.short,2024-06-02T00:00:00Z,true\r\n")
        stream.write("10.long,2024-06-03T00:00:00Z,true,,,newsletter,everyone,Long,,,x,y\r\n")
        stream.write("11.undated,,false,,,newsletter,everyone,Undated,,\r\n")
        stream.write("12.bad-date,last tuesday,true,,,newsletter,everyone,Bad date,,\r\n")
        stream.write("13.,2024-06-04T00:00:00Z,false,,,newsletter,everyone,,,\r\n")
    for name in ("9.short", "10.long", "11.undated", "12.bad-date", "13."):
        (export / "posts" / f"{name}.html").write_text("<p>Body.</p>", "utf-8")
    code, out, err = import_into(export, tmp_path / "posts")
    assert code == 1
    assert err.splitlines() == [
        "posts.csv:4: post 1 is also on line 2; this row is skipped",
        "posts.csv:5: row has no post_id; skipped",
        "posts.csv:6: row has 3 fields, the header 10; missing ones are empty",
        "posts.csv:7: row has 12 fields, the header 10; extra ones ignored",
        "posts.csv:8: post 11.undated has no date: written as a draft without one",
        "posts.csv:9: post 12.bad-date: post_date 'last tuesday' is not a date",
        "posts.csv:9: post 12.bad-date has no date: written as a draft without one",
    ]
    assert out == "created 7, updated 0, unchanged 0, skipped 0; 7 problems\n"
    posts = tmp_path / "posts"
    # a short row has no type: a newsletter; no title: the slug
    short = (posts / "2024/short.md").read_text("utf-8")
    assert "title: short\n" in short
    assert "draft" not in short
    assert (posts / "undated/undated.md").is_file()
    assert "date:" not in (posts / "undated/undated.md").read_text("utf-8")
    # a draft without slug or title: named after its number
    assert "title: post-13\n" in (posts / "2024/post-13.md").read_text("utf-8")


def test_types_and_published_only(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.add(
        "3.thread",
        "<p>T.</p>",
        post_date="2024-03-01T00:00:00Z",
        is_published="true",
        type="thread",
        title="A thread",
    )
    export.add(
        "4.draft",
        "<p>D.</p>",
        post_date="2024-04-01T00:00:00Z",
        is_published="false",
        type="newsletter",
        title="A draft",
    )
    export.write()
    code, out, _ = import_into(export.root, tmp_path / "a")
    assert (code, out) == (
        0,
        "created 3, updated 0, unchanged 0, skipped 1 (1 type thread); 0 problems\n",
    )
    code, out, _ = import_into(
        export.root, tmp_path / "b", "--types", "newsletter,thread", "--published-only"
    )
    assert (code, out) == (
        0,
        "created 3, updated 0, unchanged 0, skipped 1 (1 not published); 0 problems\n",
    )
    assert titles_in(tmp_path / "b") == {"First", "Second", "A thread"}


def test_unusable_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(str(tmp_path / "nothing")) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert run(str(tmp_path / "empty")) == 2
    assert "no posts.csv in this folder" in capsys.readouterr().err
    (tmp_path / "notzip.zip").write_text("hello")
    assert run(str(tmp_path / "notzip.zip")) == 2
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("readme.txt", "hi")
    assert run(str(tmp_path / "other.zip")) == 2
    assert "no posts.csv in this zip" in capsys.readouterr().err


def test_zip_with_a_top_folder(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export").write()
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        for file in sorted(export.rglob("*")):
            if file.is_file():
                archive.write(file, "substack-export/" + file.relative_to(export).as_posix())
    code, out, _ = import_into(tmp_path / "export.zip", tmp_path / "posts")
    assert (code, out) == (0, "created 2, updated 0, unchanged 0, skipped 0; 0 problems\n")


# --------------------------------------------------------------------------
# Re-running: unchanged, updated, edited by hand, forced


def test_reimport_updates_only_what_changed(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.write()
    posts = tmp_path / "posts"
    assert import_into(export.root, posts)[0] == 0
    first = posts / "2024/first.md"
    second = posts / "2024/second.md"
    before = tree_state(posts)
    export.rows[1]["subtitle"] = "A new subtitle"
    export.write()
    code, out, _ = import_into(export.root, posts)
    assert (code, out) == (0, "created 0, updated 1, unchanged 1, skipped 0; 0 problems\n")
    after = tree_state(posts)
    assert after["2024/first.md"] == before["2024/first.md"]
    assert after["2024/second.md"] != before["2024/second.md"]
    assert "subtitle: A new subtitle\n" in second.read_text("utf-8")
    assert first.is_file()


def test_hand_edits_are_kept_unless_forced(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.write()
    posts = tmp_path / "posts"
    import_into(export.root, posts)
    first = posts / "2024/first.md"
    edited = first.read_text("utf-8").replace("First.", "First, edited by hand.")
    first.write_text(edited, "utf-8")
    # the source is unchanged: the edit stays
    code, out, err = import_into(export.root, posts)
    assert (code, out) == (
        0,
        "created 0, updated 0, unchanged 1, skipped 1 (1 edited by hand); 0 problems\n",
    )
    assert err == f"kept {first}: edited since it was imported; --force overwrites it\n"
    # the source changes too: the edit still stays
    export.rows[0]["title"] = "First, renamed"
    export.write()
    code, out, _ = import_into(export.root, posts)
    assert "skipped 1 (1 edited by hand)" in out
    assert first.read_text("utf-8") == edited
    # --force: the export wins
    code, out, _ = import_into(export.root, posts, "--force")
    assert (code, out) == (0, "created 0, updated 1, unchanged 1, skipped 0; 0 problems\n")
    assert "title: First, renamed\n" in first.read_text("utf-8")
    assert "edited by hand" not in first.read_text("utf-8")


def test_moved_files_are_found_and_foreign_files_kept(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.write()
    posts = tmp_path / "posts"
    import_into(export.root, posts)
    (posts / "archive").mkdir()
    (posts / "2024/first.md").rename(posts / "archive/first.md")
    _, out, _ = import_into(export.root, posts)
    assert out.startswith("created 0, updated 0, unchanged 2")
    assert not (posts / "2024/first.md").exists()
    # a file of the same name that the importer did not write
    (posts / "2024/second.md").unlink()
    (posts / "2024/second.md").write_text("---\ndate: 2024-02-01\n---\n\n# Mine\n", "utf-8")
    _code, out, err = import_into(export.root, posts)
    assert "skipped 1 (1 not written by the importer)" in out
    assert "a file the importer did not write" in err
    assert "# Mine" in (posts / "2024/second.md").read_text("utf-8")


def test_same_slug_twice_gets_two_files_and_two_slugs(tmp_path: Path) -> None:
    export = Export(tmp_path / "export")
    for number in ("1", "2"):
        export.add(
            f"{number}.weekly-notes",
            "<p>Notes.</p>",
            post_date=f"2024-0{number}-01T00:00:00Z",
            is_published="true",
            type="newsletter",
            title="Weekly notes",
        )
    code, _, err = import_into(export.write(), tmp_path / "posts")
    assert code == 1  # reported: the blog's build would warn about one slug twice
    assert "substack:2: slug 'weekly-notes' is also the slug of substack:1: " in err
    assert sorted(p.name for p in (tmp_path / "posts/2024").iterdir()) == [
        "weekly-notes-2.md",
        "weekly-notes.md",
    ]
    second = (tmp_path / "posts/2024/weekly-notes-2.md").read_text("utf-8")
    assert "\nslug: weekly-notes-2\n" in second
    code, out, _ = import_into(export.root, tmp_path / "posts")
    assert out.startswith("created 0, updated 0, unchanged 2")


def test_progress_on_long_imports(tmp_path: Path) -> None:
    export = Export(tmp_path / "export")
    for number in range(1, 121):
        export.add(
            f"{number}.post-{number}",
            f"<p>Post {number}.</p>",
            post_date="2024-01-01T00:00:00Z",
            is_published="true",
            type="newsletter",
            title=f"Post {number}",
        )
    code, out, err = import_into(export.write(), tmp_path / "posts")
    assert code == 0
    assert err.splitlines() == ["... 50 of 120 posts", "... 100 of 120 posts"]
    assert out.startswith("created 120,")


def test_timezone_option(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export")
    export.rows[0]["post_date"] = "2024-01-01T03:00:00.000Z"
    code, _, _ = import_into(export.write(), tmp_path / "posts", "--timezone", "America/New_York")
    assert code == 0
    # the same moment, shown on the day New York saw it
    text = (tmp_path / "posts/2023/first.md").read_text("utf-8")
    assert "date: 2023-12-31T22:00:00-05:00\n" in text


def test_a_file_that_cannot_be_written_is_a_problem(tmp_path: Path) -> None:
    export = small_export(tmp_path / "export").write()
    posts = tmp_path / "posts"
    (posts / "2024").mkdir(parents=True)
    (posts / "2024/first.md").mkdir()  # a folder where the file should go
    code, out, err = import_into(export, posts, "--force")
    assert code == 1
    assert err.startswith(f"{posts / '2024/first.md'}: cannot write it: ")
    assert out == "created 1, updated 0, unchanged 0, skipped 0; 1 problem\n"
    assert (posts / "2024/second.md").is_file()
