"""Stable URLs: ``redirect_from`` and ``blogarchive_tag_aliases`` make redirect pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Built, build, index_items, resolve_href, soup_of, titles, write

from sphinx_blogarchive.model._parse import parse_metadata
from sphinx_blogarchive.model._slugs import redirect_name
from sphinx_blogarchive.model.metadata import read_post
from sphinx_blogarchive.record._record import read_record

CONF = """\
project = "Redirects"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/site/"
blogarchive_tag_aliases = {"py": "python", "Old Tag": "python"}
"""
POST = "---\ntitle: {title}\ndate: {date}\ntags: [{tags}]\n{extra}---\n\nBody.\n"


@pytest.fixture
def src(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    write(src / "conf.py", CONF)
    write(src / "index.md", "# Home\n")
    write(
        src / "posts/a.md",
        POST.format(
            title="A & <b>",
            date="2024-01-01",
            tags="py",
            extra="redirect_from: [old/name, /2019/05/a.html, '../escape']\n",
        ),
    )
    write(
        src / "posts/b.md",
        POST.format(
            title="B",
            date="2024-01-02",
            tags="python, Old Tag",
            extra="redirect_from: [old/name, index, blog/tag/python]\n",
        ),
    )
    return src


def redirect_target(page: Path) -> tuple[Path, str, str]:
    """(file the meta refresh points to, canonical URL, link text) of a redirect page."""
    soup = soup_of(page)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    url = refresh.split("url=", 1)[1]
    link = soup.find("a")
    assert link["href"] == url
    return resolve_href(page, url), soup.find("link", rel="canonical")["href"], link.get_text()


def test_redirect_pages_and_collisions(src: Path, tmp_path: Path) -> None:
    built = build(src, builddir=tmp_path / "out")
    assert sorted(w for w in built.warnings() if "blogarchive" in w) == [
        "posts/a.md:5: WARNING: 'redirect_from' entry '../escape' is not a relative page name "
        "inside the output folder, or names a file Sphinx writes; ignored [blogarchive.metadata]",
        "posts/b.md:1: WARNING: the redirect from 'blog/tag/python' to 'posts/b' is not made: "
        "the page of tag 'python' already uses that name [blogarchive.collision]",
        "posts/b.md:1: WARNING: the redirect from 'index' to 'posts/b' is not made: "
        "'index' already uses that name [blogarchive.collision]",
        "posts/b.md:1: WARNING: the redirect from 'old/name' to 'posts/b' is not made: "
        "the redirect from 'old/name' to 'posts/a' already uses that name "
        "[blogarchive.collision]",
    ]
    out = built.outdir
    target, canonical, text = redirect_target(out / "old/name.html")
    assert target == (out / "posts/a.html").resolve()
    assert canonical == "https://example.org/site/posts/a.html"
    assert text == "A & <b>"
    assert "<b>" not in (out / "old/name.html").read_text(encoding="utf-8").split("<body>")[1]
    assert redirect_target(out / "2019/05/a.html")[0] == (out / "posts/a.html").resolve()
    # the aliases: 'py' and 'Old Tag' count under python; their pages redirect
    assert titles(built.soup("blog/tag/python")) == ["B", "A & <b>"]
    assert list(index_items(built.soup("blog/tag/index"))) == ["python"]
    for old in ("py", "old-tag"):
        target, _, text = redirect_target(out / f"blog/tag/{old}.html")
        assert target == (out / "blog/tag/python.html").resolve()
        assert text == "Posts tagged “python”"
    record = read_record(out)
    assert {"old/name", "2019/05/a", "blog/tag/py", "blog/tag/old-tag"} <= set(record.pages)

    # A redirect no longer asked for is removed (its empty folders too);
    # a name one post gives up goes to the other post that claims it.
    write(src / "posts/a.md", POST.format(title="A", date="2024-01-01", tags="py", extra=""))
    again = build(src, builddir=tmp_path / "out")
    assert not (out / "2019").exists()
    assert "2019/05/a" not in read_record(out).pages
    assert redirect_target(out / "old/name.html")[0] == (out / "posts/b.html").resolve()
    assert (out / "blog/tag/py.html").is_file()
    assert len([w for w in again.warnings() if "blogarchive.collision" in w]) == 2


def test_dirhtml_redirects(src: Path, tmp_path: Path) -> None:
    built: Built = build(src, builddir=tmp_path / "out", buildername="dirhtml")
    out = built.outdir
    target, canonical, _ = redirect_target(out / "old/name/index.html")
    assert target == (out / "posts/a/index.html").resolve()
    assert canonical == "https://example.org/site/posts/a/"


def test_redirect_names() -> None:
    assert redirect_name("/old/name.html") == "old/name"
    assert redirect_name("old/name/") == "old/name/index"
    assert redirect_name("2019/05/post.md") == "2019/05/post"
    for bad in ("../x", "a/../b", "C:\\x", "con", "a/nul.txt", "http://x/y", ".hidden", "", "a?b"):
        assert redirect_name(bad) is None, bad


def test_redirect_from_is_read_by_read_post() -> None:
    import datetime as dt

    text = "---\ndate: 2024-01-01\nredirect_from: [a/b, 'c/d.html']\n---\n"
    meta, problems, _ = read_post(text, filetype="markdown", tz=dt.UTC)
    assert problems == []
    assert meta.redirect_from == ("a/b", "c/d")
    meta, problems = parse_metadata({}, tz=dt.UTC)
    assert meta.redirect_from == ()


def config_warnings(built: Built) -> list[str]:
    return [w for w in built.warnings() if w.endswith("[blogarchive.config]")]


def test_tag_aliases_not_a_dict_warn(src: Path, tmp_path: Path) -> None:
    built = build(src, builddir=tmp_path / "out", confoverrides={"blogarchive_tag_aliases": ["py"]})
    assert config_warnings(built) == [
        "WARNING: blogarchive_tag_aliases = ['py'] must be a dict of old tag name -> new tag "
        "name (both text); using the default ({}) [blogarchive.config]"
    ]
    # no aliases: each old name is a tag of its own, with an ordinary page
    assert titles(built.soup("blog/tag/py")) == ["A & <b>"]
    assert titles(built.soup("blog/tag/old-tag")) == ["B"]


def test_bad_tag_alias_entries_are_left_out_alone(src: Path, tmp_path: Path) -> None:
    # Each bad entry is named in its own warning; the good entries stay.
    aliases = {"py": "python", "": "x", "Old Tag": " ", "a": "b", "b": "c", "Same": " same "}
    built = build(
        src, builddir=tmp_path / "out", confoverrides={"blogarchive_tag_aliases": aliases}
    )
    entry = "WARNING: blogarchive_tag_aliases entry {}; the entry is ignored [blogarchive.config]"
    assert config_warnings(built) == [
        entry.format("'' -> 'x': both names must be non-empty text"),
        entry.format("'Old Tag' -> ' ': both names must be non-empty text"),
        entry.format("'a' -> 'b': the new name is another entry's old name (no chains)"),
        entry.format("'Same' -> ' same ': the new name is the old one"),
    ]
    assert built.app.config.blogarchive_tag_aliases == {"py": "python", "b": "c"}
    # 'py' still counts under python, and its page redirects; 'Old Tag' is a tag of its own
    assert "A & <b>" in titles(built.soup("blog/tag/python"))
    assert 'http-equiv="refresh"' in (built.outdir / "blog/tag/py.html").read_text("utf-8")
    assert titles(built.soup("blog/tag/old-tag")) == ["B"]


def test_tag_alias_validation_without_a_build() -> None:
    from types import SimpleNamespace

    from sphinx_blogarchive.config._config import BlogConfig
    from sphinx_blogarchive.config._validation import _problems, tag_alias_problems

    def problems(aliases: object) -> str | None:
        values = {f"blogarchive_{k}": v for k, v in BlogConfig().__dict__.items()}
        values["blogarchive_tag_aliases"] = aliases
        return _problems(SimpleNamespace(**values)).get("tag_aliases")  # type: ignore[arg-type]

    assert problems({"py": "python"}) is None
    assert problems({"a": 1}) is None  # judged entry by entry
    assert problems(["a"]) is not None
    assert tag_alias_problems({"py": "python"}) == ({"py": "python"}, [])
    assert tag_alias_problems({"Py": " py ", "x": "y"}) == (
        {"x": "y"},
        ["'Py' -> ' py ': the new name is the old one"],
    )
    assert tag_alias_problems({"a": 1, 2: "b"}) == (
        {},
        [
            "'a' -> 1: both names must be non-empty text",
            "2 -> 'b': both names must be non-empty text",
        ],
    )
    assert BlogConfig(tag_aliases={"py": "python"}).aliased_tags(("PY", "python", "x")) == (
        "python",
        "x",
    )
