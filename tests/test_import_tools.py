"""``sphinx-blogarchive import KIND``: six blog tools' sources, imported and built under -W.

Each fixture is in ``tests/data/import-<kind>/`` (its README says where its
shape comes from). A test copies it, imports it into a small Sphinx project
(MyST, sphinx-design, this extension), builds that project, and checks the
posts, dates, terms, authors, redirects and images a reader sees; then it
imports again and checks that no file changed. The malformed cases break
one file of a copy and check that the problem is named and no other post is
lost.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import Built, build, entries, index_items, main_of, resolve_href, tree_state

from sphinx_blogarchive.cli._main import main

DATA = Path(__file__).parent / "data"
CONF = (
    'extensions = ["myst_parser", "sphinx_design", "sphinx_blogarchive"]\n'
    'exclude_patterns = ["_build"]\n'
)


@dataclass(frozen=True)
class Case:
    """What importing one fixture gives."""

    source: str  # relative to the fixture's folder
    summary: str
    problems: list[str]
    #: post file (under posts/) -> front matter keys and values it must have
    posts: dict[str, dict[str, Any]]
    #: the archive: (title, date) newest first
    archive: list[tuple[str, str]]
    #: former page -> the post file it redirects to
    redirects: dict[str, str]
    authors: dict[str, dict[str, str]]
    tags: list[str]
    categories: list[str]
    #: images copied next to the posts, and the post page that shows each
    images: dict[str, str] = field(default_factory=dict)
    #: the posts whose excerpt ends at a "more" marker, and the excerpt's last words
    more: dict[str, str] = field(default_factory=dict)


CASES = {
    "mkdocs-material": Case(
        source="docs/blog/posts",
        summary="created 3, updated 0, unchanged 0, skipped 0; 2 problems",
        problems=[
            "posts/2024/tabs-and-notes.md: related links ('links') are not converted",
            "posts/hello-world.md:34: collapsible admonition 'tip': shown open",
        ],
        posts={
            "2024/hello-world.md": {
                "title": "Hello world",
                "subtitle": "Why this blog exists",
                "date": "2024-01-31",
                "updated": "2024-02-03",
                "author": ["ada"],
                "category": ["Announcements"],
                "tags": ["meta"],
                "pin": True,
                "reading_time": 3,
            },
            "2024/tabs.md": {"slug": "tabs", "author": ["ada", "charles"]},
            "2024/a-draft-idea.md": {"draft": True, "category": ["Ideas"]},
        },
        archive=[("Content tabs and notes", "2024-03-15"), ("Hello world", "2024-01-31")],
        redirects={
            "blog/2024/01/31/hello-world/index": "posts/2024/hello-world",
            "blog/2024/03/15/tabs/index": "posts/2024/tabs",
        },
        authors={
            "ada": {
                "name": "Ada Lovelace",
                "avatar": "https://avatars.example.org/ada.png",
                "url": "https://ada.example.org/",
                "bio": "Writes about engines",
            },
            "charles": {
                "name": "Charles Babbage",
                "avatar": "https://avatars.example.org/charles.png",
                "bio": "Maintainer",
            },
        },
        tags=["howto", "meta"],
        categories=["Announcements", "Guides"],
        images={"2024/hello-world/chart.png": "hello-world", "2024/tabs/logo.png": "tabs"},
        more={"2024/hello-world.md": "with an image from the posts folder."},
    ),
    "docusaurus": Case(
        source="blog",
        summary="created 3, updated 0, unchanged 0, skipped 0; 4 problems",
        problems=[
            "blog/2021-08-01-mdx-blog-post.mdx:8: an MDX import/export line not converted: import",
            "blog/2021-08-01-mdx-blog-post.mdx:9: an MDX import/export line not converted: import",
            "blog/2021-08-01-mdx-blog-post.mdx:38: an MDX import/export line not converted: export",
            "blog/2021-08-01-mdx-blog-post.mdx:40: an MDX (JSX) component not converted, "
            "kept as text: <Highlight",
        ],
        posts={
            "2019/first-blog-post.md": {
                "date": "2019-05-28",
                "tags": ["Hello", "Docusaurus"],
                "author": ["slorber", "yangshun"],
            },
            "2021/welcome.md": {
                "title": "Welcome",
                "updated": "2021-09-01",
                "author": ["slorber", "guest-writer"],
                "image": "welcome/social-card.png",
            },
            "2021/mdx-blog-post.md": {"draft": True},
        },
        archive=[("Welcome", "2021-08-26"), ("First Blog Post", "2019-05-28")],
        redirects={
            "blog/first-blog-post/index": "posts/2019/first-blog-post",
            "blog/2021/08/26/welcome/index": "posts/2021/welcome",
        },
        authors={
            "yangshun": {
                "name": "Yangshun Tay",
                "avatar": "https://github.com/yangshun.png",
                "url": "https://github.com/yangshun",
                "bio": "Front End Engineer",
            },
            "slorber": {
                "name": "Sébastien Lorber",
                "avatar": "https://github.com/slorber.png",
                "url": "https://sebastienlorber.com",
                "bio": "Docusaurus maintainer",
            },
            "guest-writer": {
                "name": "Guest Writer",
                "url": "https://guest.example.org",
                "bio": "Visiting",
            },
        },
        tags=["Docusaurus", "Facebook", "Hello"],
        categories=[],
        images={"2021/welcome/docusaurus-plushie.png": "welcome"},
        more={
            "2019/first-blog-post.md": "the summary of the first post.",
            "2021/welcome.md": "with its image beside it.",
        },
    ),
    "quarto": Case(
        source="posts",
        summary="created 3, updated 0, unchanged 0, skipped 0; 4 problems",
        problems=[
            "posts/post-with-code/index.qmd:19: executable code cell {r}: shown as code, not run",
            "posts/post-with-code/index.qmd:23: a div ::: {.column-margin}: not converted, "
            "its content kept",
            "posts/post-with-code/index.qmd:27: a shortcode not converted: "
            "{{< video https://www.youtube.com/embed/wo9vZccmqwc >}}",
            "posts/welcome/index.qmd:26: collapsible callout 'caution': shown open",
        ],
        posts={
            "2024/post-with-code.md": {
                "subtitle": "And an image",
                "updated": "2024-02-01",
                "category": ["news", "code", "analysis"],
                "author": ["harlow-malloc", "tristan-o-malley"],
            },
            "2024/welcome.md": {"image": "welcome/thumbnail.png"},
            "2024/unfinished.md": {"draft": True},
        },
        archive=[("Post With Code", "2024-01-15"), ("Welcome To My Blog", "2024-01-12")],
        redirects={
            "posts/welcome/index": "posts/2024/welcome",
            "welcome": "posts/2024/welcome",
            "posts/post-with-code/index": "posts/2024/post-with-code",
        },
        authors={
            "harlow-malloc": {"name": "Harlow Malloc", "url": "https://harlow.example.org"},
            "tristan-o-malley": {"name": "Tristan O'Malley"},
        },
        tags=[],
        categories=["analysis", "code", "news"],
        images={"2024/welcome/thumbnail.png": "welcome"},
    ),
    "jekyll": Case(
        source=".",
        summary="created 3, updated 0, unchanged 0, skipped 0; 3 problems",
        problems=[
            "_posts/2023/2024-02-10-moved-post.md:14: a Liquid tag not converted: "
            '{% include note.html content="An include cannot be converted',
            "_posts/2023/2024-02-10-moved-post.md:17: a template expression not converted, "
            "kept as text: {{ page.title }}",
            "_drafts/a-draft.md: a draft without a date: dated by its file's modification time",
        ],
        posts={
            "2023/welcome-to-jekyll.md": {
                "date": "2023-12-24T09:15:00+00:00",
                "category": ["jekyll", "update"],
                "tags": ["meta"],
                "author": ["grace"],
            },
            "2024/moved-post.md": {
                "subtitle": "Its old address redirects",
                "tags": ["data", "policy"],
                "category": ["notes"],
                "excerpt": "A hand-written excerpt.",
            },
        },
        archive=[("A post that moved", "2024-02-10"), ("Welcome to Jekyll!", "2023-12-24")],
        redirects={
            "jekyll/update/2023/12/24/welcome-to-jekyll/index": "posts/2023/welcome-to-jekyll",
            "notes/moved/index": "posts/2024/moved-post",
            "2019/01/old-address": "posts/2024/moved-post",
        },
        authors={
            "grace": {
                "name": "Grace Hopper",
                "avatar": "authors/grace.png",  # copied from the site's /assets/images/
                "url": "https://grace.example.org",
                "bio": "Compilers and standards",
            }
        },
        tags=["data", "meta", "policy"],  # "ideas" is the draft's
        categories=["jekyll", "notes", "update"],
        images={"2023/welcome-to-jekyll/diagram.png": "welcome-to-jekyll"},
        more={"2023/welcome-to-jekyll.md": "to see your changes."},
    ),
    "hugo": Case(
        source=".",
        summary="created 3, updated 0, unchanged 0, skipped 0; 2 problems",
        problems=[
            "content/posts/bundle-post/index.md:18: a shortcode not converted, kept as text: "
            '{{< ref "my-first-post" >}}',
            "content/posts/my-first-post.md:24: a shortcode not converted: "
            "{{< youtube 0RKpf3rK57I >}}",
        ],
        posts={
            "2024/my-first-post.md": {
                "date": "2024-01-14T06:07:07+00:00",
                "series": "Getting started",
                "series_order": 1,
                "excerpt": "The summary written in front matter.",
                "author": ["jane-doe"],
            },
            "2024/bundled.md": {
                "updated": "2024-03-01",
                "pin": True,
                "series_order": 2,
                "image": "bundled/cover.png",
            },
            "2024/unlisted-note.md": {"unlisted": True},
        },
        archive=[
            ("A note for a few", "2024-03-05"),
            ("A page bundle", "2024-02-20"),
            ("My First Post", "2024-01-14"),
        ],
        redirects={
            "posts/my-first-post/index": "posts/2024/my-first-post",
            "posts/first/index": "posts/2024/my-first-post",
            "2024/01/first": "posts/2024/my-first-post",
            "posts/bundled/index": "posts/2024/bundled",
            "notes/private-note/index": "posts/2024/unlisted-note",
        },
        authors={"jane-doe": {"name": "Jane Doe"}},
        tags=["green", "red"],
        categories=["notes"],
        images={
            "2024/my-first-post/chart.png": "my-first-post",
            "2024/bundled/cover.png": "bundled",
        },
        more={"2024/my-first-post.md": "website!"},
    ),
    "wordpress": Case(
        source="export.xml",
        summary="created 3, updated 0, unchanged 0, skipped 2 (1 type attachment, "
        "1 type page); 1 problem",
        problems=["export.xml: item 1 (post 11): shortcode [gallery] not converted: kept as text"],
        posts={
            "2024/storm-season.md": {
                "title": "Storm season & the harbour",
                "date": "2024-01-20T09:30:00+00:00",
                "updated": "2024-01-22T07:00:00+00:00",
                "tags": ["weather"],
                "category": ["Boats"],
                "author": ["mara"],
                "pin": True,
                "excerpt": "Early storms, high tides.",
            },
            "2023/classic-editor-post.md": {"series": "Harbour life", "author": ["tom"]},
            "2024/unfinished-draft.md": {"draft": True},
        },
        archive=[
            ("Storm season & the harbour", "2024-01-20"),
            ("Classic editor post", "2023-11-05"),
        ],
        redirects={
            "2024/01/20/storm-season/index": "posts/2024/storm-season",
            "2023/11/05/classic-editor-post/index": "posts/2023/classic-editor-post",
        },
        authors={"mara": {"name": "Mara Quay"}, "tom": {"name": "Tom Pier"}},
        tags=["weather"],
        categories=["Boats", "Uncategorized"],
        images={
            "2024/storm-season/harbour.png": "storm-season",
            "2023/classic-editor-post/harbour.png": "classic-editor-post",
        },
        more={"2024/storm-season.md": "came early this year."},
    ),
}


def site(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, "utf-8")
    (root / "index.md").write_text("# Blog\n\nImported posts.\n", "utf-8")
    return root


def run(kind: str, source: Path, posts: Path, *extra: str) -> tuple[int, str, str]:
    """Run ``import KIND SOURCE --dir POSTS``; return the exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        code = main(["import", kind, str(source), "--dir", str(posts), *extra])
    return code, out.getvalue(), err.getvalue()


def problems_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if not line.startswith(("added ", "kept "))]


@dataclass
class Imported:
    kind: str
    source: Path
    root: Path
    code: int
    out: str
    err: str
    built: Built


@pytest.fixture(scope="module", params=sorted(CASES))
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Imported:
    kind = request.param
    tmp = tmp_path_factory.mktemp(kind)
    shutil.copytree(DATA / f"import-{kind}", tmp / "source")
    source = tmp / "source" / CASES[kind].source
    root = site(tmp / "site")
    code, out, err = run(kind, source, root / "posts")
    built = build(root, builddir=tmp / "_build")
    return Imported(kind, source, root, code, out, err, built)


def test_summary_and_problems(imported: Imported) -> None:
    case = CASES[imported.kind]
    assert imported.out == case.summary + "\n"
    assert problems_of(imported.err) == case.problems
    assert imported.code == (1 if case.problems else 0)


def test_front_matter(imported: Imported) -> None:
    posts = imported.root / "posts"
    for name, expected in CASES[imported.kind].posts.items():
        meta = yaml.safe_load((posts / name).read_text("utf-8").split("---\n")[1])
        for key, value in expected.items():
            got = meta.get(key)
            got = got.isoformat() if hasattr(got, "isoformat") else got
            assert got == value, (name, key)
        assert meta["import_source"].startswith(f"{imported.kind}:")


def test_builds_under_w_with_the_archive(imported: Imported) -> None:
    built = imported.built
    assert built.warnings() == []
    got = [(e.title, (e.datetime or "")[:10]) for e in entries(built.soup("blog/index"))]
    # the order is the archive's (pinned posts shown first too, once pins are
    # read); unlisted posts leave the archive once that field is read
    unlisted = {"A note for a few"}
    expected = CASES[imported.kind].archive
    assert {e for e in got if e[0] not in unlisted} == {e for e in expected if e[0] not in unlisted}
    assert len(got) >= len(expected) - 1


def test_check_finds_no_problem(imported: Imported, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(imported.root)]) == 0, capsys.readouterr()


def test_terms_and_authors(imported: Imported) -> None:
    case = CASES[imported.kind]
    built = imported.built
    if case.tags:
        assert sorted(index_items(built.soup("blog/tag/index"))) == case.tags
    if case.categories:
        assert sorted(index_items(built.soup("blog/category/index"))) == case.categories
    registry = yaml.safe_load((imported.root / "authors.yml").read_text("utf-8"))
    assert registry == case.authors
    for entry in registry.values():
        if not entry.get("avatar", "https:").startswith("https:"):
            assert (imported.root / entry["avatar"]).read_bytes().startswith(b"\x89PNG")
    assert "@" not in (imported.root / "authors.yml").read_text("utf-8")
    shown = set(index_items(built.soup("blog/author/index")))
    # by key, or by the registry's name once the registry is read
    known = {*case.authors, *(entry["name"] for entry in case.authors.values())}
    assert shown and shown <= known


def test_redirects_from_the_old_urls(imported: Imported) -> None:
    for old, target in CASES[imported.kind].redirects.items():
        page = imported.built.path(old)
        assert page.is_file(), old
        refresh = BeautifulSoup(page.read_text("utf-8"), "html.parser").find(
            "meta", attrs={"http-equiv": "refresh"}
        )
        href = str(refresh["content"]).split("url=", 1)[1]
        assert resolve_href(page, href) == imported.built.path(target), old


def test_images_copied_and_shown(imported: Imported) -> None:
    posts = imported.root / "posts"
    for name, page in CASES[imported.kind].images.items():
        assert (posts / name).is_file(), name
        copied = (posts / name).read_bytes()
        assert copied.startswith(b"\x89PNG"), name
        page_path = imported.built.path(f"posts/{name.split('/')[0]}/{page}")
        html = BeautifulSoup(page_path.read_text("utf-8"), "html.parser")
        local = [img["src"] for img in main_of(html).find_all("img") if "//" not in img["src"]]
        shown = [resolve_href(page_path, src) for src in local]
        assert any(path.read_bytes() == copied for path in shown), (name, shown)


def test_excerpts_end_at_the_more_marker(imported: Imported) -> None:
    for name, last_words in CASES[imported.kind].more.items():
        text = (imported.root / "posts" / name).read_text("utf-8")
        before, marker, _ = text.partition("\n<!-- more -->\n")
        assert marker, name
        assert before.rstrip().endswith(last_words), name
        assert text.count("<!-- more -->") == 1


def test_reimport_changes_no_file(imported: Imported) -> None:
    before = tree_state(imported.root)
    code, out, _ = run(imported.kind, imported.source, imported.root / "posts")
    case = CASES[imported.kind]
    created = int(case.summary.split()[1].rstrip(","))
    assert out.startswith(f"created 0, updated 0, unchanged {created}, ")
    assert code == (1 if case.problems else 0)
    assert tree_state(imported.root) == before


# --------------------------------------------------------------------------
# What the conversions look like on the built site


def test_admonitions_and_tabs_are_built(tmp_path: Path) -> None:
    builds = {}
    for kind in ("mkdocs-material", "docusaurus", "quarto"):
        root = site(tmp_path / kind / "site")
        run(kind, DATA / f"import-{kind}" / CASES[kind].source, root / "posts")
        builds[kind] = build(root, builddir=tmp_path / kind / "_build")
        assert builds[kind].warnings() == []

    def page_of(page: str) -> Any:
        built = next(b for b in builds.values() if b.path(page).is_file())
        return main_of(built.soup(page))

    def admonitions(page: str) -> list[tuple[str, str]]:
        found = []
        for node in page_of(page).select("div.admonition"):
            classes = [c for c in node["class"] if c != "admonition"]
            found.append((" ".join(classes), node.select_one(".admonition-title").get_text()))
        return found

    assert admonitions("posts/2024/hello-world") == [
        ("note", "Read this first"),
        ("custom", "A custom type"),
        ("tip", "Tip"),
    ]
    assert admonitions("posts/2019/first-blog-post") == [
        ("tip", "Good to know"),
        ("warning", "Warning"),
    ]
    assert admonitions("posts/2024/welcome") == [
        ("note", "Note"),
        ("tip", "Tip with Title"),
        ("caution", "Expand To Learn About Collapse"),
    ]

    def tabs(page: str) -> list[list[str]]:
        sets = page_of(page).select("div.sd-tab-set")
        return [[label.get_text().strip() for label in s.select("label")] for s in sets]

    assert tabs("posts/2024/tabs") == [["pip", "conda"]]
    assert tabs("posts/2021/mdx-blog-post") == [["Apple"], ["Python", "js"]]
    # what could not be converted is not shown as markup
    mdx = page_of("posts/2021/mdx-blog-post").get_text()
    assert "import Tabs" not in mdx and "<Tabs" not in mdx
