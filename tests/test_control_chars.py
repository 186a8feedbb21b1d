"""Control characters in posts: none reaches a feed, ``posts.json``, a listing or JSON-LD.

Two posts carry them in the title, the subtitle, a tag and the body: an rST
post (an escaped space ``**summit**\\ is``, whose NUL docutils keeps in the
node's text, plus pasted characters) and a MyST post (YAML ``\\x..``
escapes in the front matter, characters pasted into the body). The root is
written by the test, so no file of the repository holds such characters.
Before the fix, lxml refused the first feed and the build stopped.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from helpers import Built, build

from sphinx_blogarchive.model._control import CONTROL, clean_data, strip_control

CONF = """\
project = "Control"
author = "Control Team"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_baseurl = "https://blog.example.org/"
blogarchive_feed_content = "full"
blogarchive_title = "Control\\x01 blog"
"""

INDEX = """\
Control
=======

.. postlist::
   :fields: date, subtitle, tags, excerpt
"""

RST_POST = (
    ":date: 2024-03-01\n"
    ":tags: hik\x02ing, summit\n"
    ":subtitle: Up the \x0bhill\n"
    "\n"
    "Summit\x01 notes\n"
    "==============\n"
    "\n"
    "The **summit**\\ is near, a bell\x07 rang and an escape\x1b went by.\n"
    "\n"
    "A non-character \ufffe and \uffff in the body, tab\tkept.\n"
)

MD_POST = (
    "---\n"
    'title: "Valley\\x08 walk"\n'
    "date: 2024-03-02\n"
    'subtitle: "Down \\x0c the path"\n'
    'tags: ["riv\\x1fer", valley]\n'
    "---\n"
    "\n"
    "# Valley\x08 walk\n"
    "\n"
    "The valley\x0e is green\x1a and wide.\n"
    "\n"
    "## Further\x05 down\n"
    "\n"
    "More\x10 text.\n"
)

#: Every text that should come out of the posts, cleaned.
TITLES = {"Summit notes", "Valley walk"}
SUBTITLES = {"Up the hill", "Down the path"}
TAGS = {"hiking", "summit", "river", "valley"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = tmp_path_factory.mktemp("control") / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    (src / "posts" / "summit.rst").write_text(RST_POST, encoding="utf-8")
    (src / "posts" / "valley.md").write_text(MD_POST, encoding="utf-8")
    return build(src)


def test_strip_control() -> None:
    assert strip_control("summit\x00 is") == "summitis"
    assert strip_control("a\x00\nb\x00c") == "abc"
    assert strip_control("a\x01\x0b\x0c\x1f\ufffe\uffffb") == "ab"
    assert strip_control("tab\tline\ncr\r") == "tab\tline\ncr\r"
    assert clean_data({"a\x01": ["b\x02", ("c\x03",)], "n": 1}) == {"a": ["b", ["c"]], "n": 1}


def test_build_succeeds_without_warnings(built: Built) -> None:
    assert built.warnings() == []


def _no_control(text: str, where: str) -> None:
    found = CONTROL.findall(text)
    assert not found, (where, found)


@pytest.mark.parametrize("fmt", ["atom.xml", "rss.xml", "feed.json"])
def test_feeds_hold_no_control_character(built: Built, fmt: str) -> None:
    feeds = sorted(built.outdir.rglob(f"*{fmt}"))
    assert feeds  # the blog's and each tag's
    for path in feeds:
        text = path.read_text(encoding="utf-8")
        _no_control(text, str(path))
        if fmt == "feed.json":
            data = json.loads(text)
            items = data["items"]
            titles = {i["title"] for i in items}
            title = data["title"]
        else:
            ET.fromstring(path.read_bytes())  # strict XML
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, parsed.bozo_exception
            titles = {e.title for e in parsed.entries}
            title = parsed.feed.title
        assert titles <= TITLES
        assert title.startswith("Control blog")
    blog = built.outdir / "blog" / fmt
    text = blog.read_text(encoding="utf-8")
    for expected in ("The <strong>summit</strong>is near, a bell rang", "The valley is green"):
        assert expected in text or expected.replace("<", "&lt;").replace(">", "&gt;") in text


def test_full_body_and_tags_in_atom(built: Built) -> None:
    parsed = feedparser.parse((built.outdir / "blog" / "atom.xml").read_bytes())
    assert {e.title for e in parsed.entries} == TITLES
    assert {t.term for e in parsed.entries for t in e.tags} == TAGS
    valley = next(e for e in parsed.entries if e.title == "Valley walk")
    assert "Further down" in valley.content[0].value
    assert "More text." in valley.content[0].value


def test_posts_json_and_listing(built: Built) -> None:
    text = (built.outdir / "blog" / "posts.json").read_text(encoding="utf-8")
    _no_control(text, "posts.json")
    posts = json.loads(text)
    assert {p["title"] for p in posts} == TITLES
    assert {p["subtitle"] for p in posts} == SUBTITLES
    assert {t["name"] for p in posts for t in p["tags"]} == TAGS
    excerpts = {p["excerpt"] for p in posts}
    assert "The summitis near, a bell rang and an escape went by." in excerpts
    assert "The valley is green and wide." in excerpts
    for page in ("index", "blog/index", "posts/summit", "posts/valley", "blog/tag/hiking"):
        html = built.path(page).read_text(encoding="utf-8")
        _no_control(html, page)


def test_json_ld(built: Built) -> None:
    html = built.path("posts/summit").read_text(encoding="utf-8")
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["headline"] == "Summit notes"


def test_words_and_escaped_space(built: Built) -> None:
    """The page shows what docutils shows; the word count reads the cleaned text."""
    page = built.soup("posts/summit").get_text()
    assert "summitis near" in page
    _no_control(page, "summit page")


def test_feed_title_from_conf_is_cleaned(tmp_path: Path) -> None:
    """Text from conf.py reaches the feed writer too: cleaned there, not refused."""
    from sphinx_blogarchive.feeds._formats import clean_feed

    assert clean_feed(("a\x01", ("b\x02",), 3)) == ("a", ("b",), 3)
