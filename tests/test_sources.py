"""MyST and rST spellings of a post agree; problems are warnings at file and line."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import sphinx
from helpers import Built, app_warnings, build, build_root, main_of, normalised_page, titles
from sphinx.testing.util import SphinxTestApp

TWIN_WARNINGS = [
    "posts/broken-md.md:4: WARNING: invalid date 'not-a-date': not a recognised date; "
    "the post is not listed [blogarchive.date]",
    "posts/broken-md.md:5: WARNING: 'draft' should be true or false, not 'perhaps'; "
    "treated as a draft [blogarchive.metadata]",
    "posts/broken-rst.rst:2: WARNING: invalid date '31/12/2024': not a recognised date; "
    "the post is not listed [blogarchive.date]",
    "posts/broken-rst.rst:3: WARNING: 'draft' should be true or false, not 'perhaps'; "
    "treated as a draft [blogarchive.metadata]",
]


@pytest.fixture(scope="module")
def spellings(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("spellings", tmp_path_factory.mktemp("spellings"))


def test_warnings_name_file_and_line(spellings: Built) -> None:
    assert spellings.warnings() == TWIN_WARNINGS


def test_md_and_rst_give_the_same_post_record(spellings: Built) -> None:
    posts = spellings.app.env.get_domain("blog").posts

    def comparable(docname: str) -> object:
        return dataclasses.replace(posts[docname], docname="", line=None, slug="")

    assert comparable("posts/twin-md") == comparable("posts/twin-rst")
    post = posts["posts/twin-md"]
    assert post.title == "Twin post"
    assert post.tags == ("open source", "Sphinx")
    assert post.authors == ("Ada Lovelace", "Grace Hopper")
    assert post.date is not None
    assert post.date.value.isoformat() == "2024-05-06T07:08:00+02:00"


def test_md_and_rst_give_the_same_page(spellings: Built) -> None:
    md = normalised_page(spellings.path("posts/twin-md"))
    rst = normalised_page(spellings.path("posts/twin-rst"))

    # The two are neighbours in the chain (same date, by docname) and one is
    # the other's (older) related post: drop the links and the footer.
    def body(page: str) -> str:
        footer = r'(<div class="no-search">)?<aside class="blogarchive-related">.*?</aside>'
        footer += "(</div>)?"
        return re.sub(footer, "", page.split("\n", 1)[1])

    assert body(md) == body(rst)
    assert "Two spellings, one record" in md
    assert 'href="twin-rst.html">Twin post</a>' in md


def test_broken_posts_are_not_listed(spellings: Built) -> None:
    assert titles(spellings.soup("blog/index")) == ["Twin post", "Twin post"]
    assert not (spellings.outdir / "blog/tag/x.html").exists()
    # their own pages still build
    for docname in ("posts/broken-md", "posts/broken-rst"):
        assert main_of(spellings.soup(docname)).find("h1") is not None
    assert "blogarchive: listed 2; drafts 0, scheduled 0, undated 2; no metadata 0" in (
        spellings.status
    )


@pytest.mark.sphinx(
    "html", testroot="spellings", confoverrides={"suppress_warnings": ["blogarchive.date"]}
)
def test_suppress_warnings_by_subtype(app: SphinxTestApp) -> None:
    app.build()
    assert app_warnings(app) == [w for w in TWIN_WARNINGS if "[blogarchive.date]" not in w]


# --------------------------------------------------------------------------
# A source that is not UTF-8 (docs/guide/warnings.md says what happens)

NOT_UTF8 = {
    "posts/good.md": b"---\ndate: 2024-01-02\n---\n\n# Good\n",
    "posts/bad-md.md": b"---\ndate: 2024-01-03\ntitle: \xff\n---\n\n# Bad MyST\n",
    "posts/bad-rst.rst": b":date: 2024-01-04\n\nBad rST \xe9\n=========\n",
}


def not_utf8_project(src: Path) -> Path:
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_blogarchive"]\n', "utf-8")
    (src / "index.md").write_text("# Home\n", "utf-8")
    for name, data in NOT_UTF8.items():
        (src / name).write_bytes(data)
    return src


@pytest.mark.skipif(
    sphinx.version_info < (9,), reason="Sphinx before 9 reads the file, a '?' for each bad byte"
)
def test_sphinx_9_stops_on_a_source_that_is_not_utf8(tmp_path: Path) -> None:
    # Sphinx's own "Encoding error!": the extension never sees the file.
    src = not_utf8_project(tmp_path / "src")
    with pytest.raises(UnicodeDecodeError):
        build(src, builddir=tmp_path / "_build", check=False)


@pytest.mark.skipif(
    sphinx.version_info >= (9,), reason="Sphinx 9 stops the build (Encoding error!)"
)
def test_source_that_is_not_utf8_before_sphinx_9(tmp_path: Path) -> None:
    src = not_utf8_project(tmp_path / "src")
    built = build(src, builddir=tmp_path / "_build")
    ours = [w for w in built.warnings() if "[blogarchive." in w]
    assert ours == [
        "posts/bad-md.md:1: WARNING: cannot read the source: 'utf-8' codec can't decode byte "
        "0xff in position 28: invalid start byte; the post is not listed "
        "[blogarchive.frontmatter]",
        "posts/bad-rst.rst:1: WARNING: cannot read the source: 'utf-8' codec can't decode byte "
        "0xe9 in position 27: invalid continuation byte; its fields are read as Sphinx "
        "decoded them [blogarchive.frontmatter]",
    ]
    assert any("undecodable source characters" in w for w in built.warnings())
    # The MyST post's front matter is lost; the rST post's fields come from
    # the doctree Sphinx made, its bad byte a "?".
    assert titles(built.soup("blog/index")) == ["Bad rST ?", "Good"]
