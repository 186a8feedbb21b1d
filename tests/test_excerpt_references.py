"""References in excerpts show the titles they show on the page.

A ``{doc}`` reference without text shows the document's title, a ``{ref}``
the title of the section its label names, a ``{blog:post}`` the post's title:
in the JSON index, the feeds and ``:fields: excerpt`` listings alike, as
plain text and as HTML. Those titles are known only once every document is
read, so an incremental build that retitles the referenced document must show
the new title, as a fresh build does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from feedcheck import parse_atom, parse_json, parse_rss
from helpers import Built, build, main_of, text_of, write

BASE = "https://example.org/"
CONF = f"""\
project = "Excerpt references"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "{BASE}"
"""
INDEX = """\
# Home

```{postlist}
:fields: excerpt
```

```{toctree}
notes
```
"""
#: In no toctree, so that its title is in no navigation either: only the
#: excerpts show it.
OTHER = "---\norphan: true\n---\n\n(other-label)=\n# {title}\n\nThe page referred to.\n"
NOTES = "Notes\n=====\n\n.. _notes-section:\n\nA *section*\n---------------\n\nText.\n"
POSTS = {
    "posts/2024/p1.md": "---\ndate: 2024-01-10\n---\n\n# Post 1\n\n"
    "See {doc}`../../other` for more.\n",
    "posts/2024/p2.md": "---\ndate: 2024-01-11\n---\n\n# Post 2\n\n"
    "See {doc}`the other page <../../other>` and {ref}`other-label`.\n",
    "posts/2024/p3.rst": ":date: 2024-01-12\n\nPost 3\n======\n\n"
    "After :doc:`/other`, :ref:`notes-section`, :ref:`genindex` and :blog:post:`p1`.\n",
    "posts/2024/p4.md": "---\ndate: 2024-01-13\n---\n\n# Post 4\n\n"
    "A link, [](../../other.md), and {doc}`/posts/2024/p1`.\n",
}
#: The plain-text excerpts with other.md titled "Other page".
EXPECTED = {
    "Post 1": "See Other page for more.",
    "Post 2": "See the other page and Other page.",
    "Post 3": "After Other page, A section, Index and Post 1.",
    "Post 4": "A link, Other page, and Post 1.",
}


def make_project(src: Path, title: str = "Other page") -> Path:
    write(src / "conf.py", CONF)
    write(src / "index.md", INDEX)
    write(src / "other.md", OTHER.format(title=title))
    write(src / "notes.rst", NOTES)
    for name, text in POSTS.items():
        write(src / name, text)
    return src


def index_excerpts(built: Built) -> dict[str, str]:
    """``{title: excerpt}`` of the JSON index."""
    items = json.loads((built.outdir / "blog/posts.json").read_text(encoding="utf-8"))
    return {item["title"]: item["excerpt"] for item in items}


def listing_excerpts(built: Built) -> dict[str, str]:
    """``{title: excerpt HTML}`` of the ``:fields: excerpt`` listing on the home page."""
    found = {}
    for entry in main_of(built.soup("index")).select("li.blogarchive-entry"):
        title = text_of(entry.select_one(".blogarchive-entry-title"))
        found[title] = str(entry.select_one(".blogarchive-entry-excerpt"))
    return found


def feed_summaries(built: Built) -> dict[str, dict[str, str]]:
    """``{format: {title: summary}}`` of the blog's Atom, RSS and JSON feeds."""
    blog = built.outdir / "blog"
    return {
        "atom": {e.title: e.summary for e in parse_atom(blog / "atom.xml").entries},
        "rss": {e.title: e.summary for e in parse_rss(blog / "rss.xml").entries},
        "json": {e.title: e.summary for e in parse_json(blog / "feed.json").entries},
    }


def assert_excerpts(built: Built, expected: dict[str, str]) -> None:
    assert built.warnings() == []
    assert index_excerpts(built) == expected
    listing = listing_excerpts(built)
    assert {title: fragment_text(html) for title, html in listing.items()} == expected
    summaries = feed_summaries(built)
    # JSON Feed's summary is the plain text; Atom and RSS carry the HTML fragment.
    assert summaries["json"] == expected
    for fmt in ("atom", "rss"):
        assert {title: fragment_text(html) for title, html in summaries[fmt].items()} == expected
    everything = json.dumps([index_excerpts(built), listing, summaries])
    for char in "\x1a\x1b\x1c\x1d\x1e\x1f":
        assert json.dumps(char)[1:-1] not in everything, f"a token character {char!r} is left"


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed (links are inline: no space added)."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("refs")
    return build(make_project(root / "src"), builddir=root / "_build")


def test_references_show_titles(built: Built) -> None:
    assert_excerpts(built, EXPECTED)


def test_titles_are_escaped_in_html(tmp_path: Path) -> None:
    src = make_project(tmp_path / "src", title="Fish & chips <3")
    built = build(src, builddir=tmp_path / "_build")
    assert built.warnings() == []
    assert index_excerpts(built)["Post 1"] == "See Fish & chips <3 for more."
    html = listing_excerpts(built)["Post 1"]
    assert (
        '<p>See <a class="reference internal" href="other.html">Fish &amp; chips &lt;3</a>'
        " for more.</p>" in html
    )


def test_unresolved_reference_keeps_its_text(tmp_path: Path) -> None:
    src = make_project(tmp_path / "src")
    write(src / "posts/2024/p1.md", POSTS["posts/2024/p1.md"].replace("../../other", "/gone"))
    built = build(src, builddir=tmp_path / "_build")
    assert [w for w in built.warnings() if "[ref.doc]" not in w] == []
    assert index_excerpts(built)["Post 1"] == "See /gone for more."


def test_retitled_document_is_followed_by_an_incremental_build(tmp_path: Path) -> None:
    src = make_project(tmp_path / "src")
    out = tmp_path / "_build"
    assert_excerpts(build(src, builddir=out), EXPECTED)
    # Only other.md changes: no post is read again, yet every excerpt follows.
    write(src / "other.md", OTHER.format(title="Renamed"))
    again = build(src, builddir=out)
    assert "reading sources... [100%] other" in again.status
    renamed = {title: text.replace("Other page", "Renamed") for title, text in EXPECTED.items()}
    assert_excerpts(again, renamed)
    fresh = build(src, builddir=tmp_path / "fresh", freshenv=True)
    assert_excerpts(fresh, renamed)
    for name in ("blog/posts.json", "blog/atom.xml", "blog/rss.xml", "blog/feed.json"):
        assert (again.outdir / name).read_bytes() == (fresh.outdir / name).read_bytes(), name
    assert listing_excerpts(again) == listing_excerpts(fresh)
    # A label's section retitled: the {ref} follows too.
    write(src / "notes.rst", NOTES.replace("A *section*", "The *part*"))
    third = build(src, builddir=out)
    assert index_excerpts(third)["Post 3"] == "After Renamed, The part, Index and Post 1."
