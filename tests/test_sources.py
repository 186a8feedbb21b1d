"""MyST and rST spellings of a post agree; problems are warnings at file and line."""

from __future__ import annotations

import dataclasses
import re

import pytest
from helpers import Built, app_warnings, build_root, main_of, normalised_page, titles
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

    # The two are neighbours in the chain (same date, by docname) and each
    # other's related post: drop the links and the related list.
    def body(page: str) -> str:
        return re.sub(r'<aside class="blogarchive-related">.*?</aside>', "", page.split("\n", 1)[1])

    assert body(md) == body(rst)
    assert "Two spellings, one record" in md
    assert 'href="twin-rst.html">Twin post</a>' in md


def test_broken_posts_are_not_listed(spellings: Built) -> None:
    assert titles(spellings.soup("blog/index")) == ["Twin post", "Twin post"]
    assert not (spellings.outdir / "blog/tag/x.html").exists()
    # their own pages still build
    for docname in ("posts/broken-md", "posts/broken-rst"):
        assert main_of(spellings.soup(docname)).find("h1") is not None
    assert "blogarchive: listed 2; not listed: drafts 0, scheduled 0, undated 2; pages without post metadata 0" in (
        spellings.status
    )


@pytest.mark.sphinx(
    "html", testroot="spellings", confoverrides={"suppress_warnings": ["blogarchive.date"]}
)
def test_suppress_warnings_by_subtype(app: SphinxTestApp) -> None:
    app.build()
    assert app_warnings(app) == [w for w in TWIN_WARNINGS if "[blogarchive.date]" not in w]
