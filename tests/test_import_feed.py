"""``sphinx-blogarchive import feed``: RSS 2.0 and Atom files (never the network)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from helpers import DATA, build, entries, main_of, text_of, tree_state

from sphinx_blogarchive.cli._main import main

FEEDS = DATA / "feeds"
CONF = 'extensions = ["myst_parser", "sphinx_blogarchive"]\nexclude_patterns = ["_build"]\n'


def run(source: Path | str, posts: Path, *args: str) -> tuple[int, str, str]:
    posts.mkdir(parents=True, exist_ok=True)  # the command needs --dir to exist
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdout", out)
        mp.setattr("sys.stderr", err)
        code = main(["import", "feed", str(source), "--dir", str(posts), *args])
    return code, out.getvalue(), err.getvalue()


def site(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, "utf-8")
    (root / "index.md").write_text("# Blog\n", "utf-8")
    return root


def test_substack_rss(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    code, out, err = run(FEEDS / "substack-rss.xml", root / "posts")
    assert (code, err) == (0, "")
    assert out == "created 2, updated 0, unchanged 0, skipped 0; 0 problems\n"
    text = (root / "posts/2026/a-short-guide-to-data-strikes.md").read_text("utf-8")
    head = text.split("\n---\n", 1)[0]
    assert head.splitlines()[1:] == [
        "title: A Short Guide to Data Strikes & Conscious Data Contribution",
        "subtitle: Back to the basics of data leverage.",
        "date: 2026-03-03T15:30:00+00:00",
        "slug: a-short-guide-to-data-strikes",
        "tags: [data strikes, policy]",
        "author: [Nick Vincent]",
        "import_source: feed:https://dataleverage.substack.com/p/a-short-guide-to-data-strikes",
        head.splitlines()[-1],
    ]
    assert head.splitlines()[-1].startswith("import_hash: ")
    built = build(root, builddir=tmp_path / "_build")
    assert built.warnings() == []
    got = [(e.title, e.subtitle, e.date) for e in entries(built.soup("blog/index"))]
    assert got == [
        (
            "A Short Guide to Data Strikes & Conscious Data Contribution",
            "Back to the basics of data leverage.",
            "Mar 3, 2026",
        ),
        (
            "The Coding Agent Data Deal",
            "On user data control, coding agents as retrievers, and the value of your coding "
            "transcripts",
            "Jan 11, 2026",
        ),
    ]
    posts = built.app.env.get_domain("blog").posts
    guide = posts["posts/2026/a-short-guide-to-data-strikes"]
    assert guide.excerpt.startswith("Data strikes")
    assert guide.excerpt.endswith("are one lever.")
    assert "Read on" not in guide.excerpt  # the paywall is the "more" marker
    page = main_of(built.soup("posts/2026/a-short-guide-to-data-strikes"))
    assert page.find("figure") is not None
    assert page.find("a", href="https://www.youtube.com/watch?v=abc123") is not None
    deal = main_of(built.soup("posts/2026/the-coding-agent-data-deal"))
    assert "alert" not in text_of(deal)  # scripts go
    assert deal.find("script") is None


def test_atom(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    code, out, err = run(FEEDS / "atom.xml", root / "posts")
    assert code == 1
    assert err == (
        f"{FEEDS / 'atom.xml'}: entry 3: 'No date at all' has no date: written as a draft "
        "without one\n"
    )
    assert out == "created 3, updated 0, unchanged 0, skipped 0; 1 problem\n"
    engines = (root / "posts/2024/engines-and-analysis.md").read_text("utf-8")
    assert "title: Engines & analysis\n" in engines
    assert "date: 2024-05-06T07:30:00+00:00\n" in engines
    assert "updated: 2024-05-07T08:00:00+00:00\n" in engines
    assert "tags: [engines, Mathematics]\n" in engines
    assert "subtitle: A note on the analytical engine.\n" in engines
    assert "[https://example.org/embed/loom](https://example.org/embed/loom)" in engines
    plain = (root / "posts/2024/plain.md").read_text("utf-8")
    assert "subtitle" not in plain
    assert (
        "First paragraph \\<not a tag\\>.\n\nSecond paragraph with \\* stars \\* and # hash."
        in plain
    )
    undated = (root / "posts/undated/no-date.md").read_text("utf-8")
    assert "draft: true\n" in undated
    assert "date:" not in undated
    built = build(root, builddir=tmp_path / "_build")
    assert [w for w in built.warnings() if "blogarchive" in w] == [
        "posts/undated/no-date.md:1: WARNING: post has no date; the post is not listed "
        "[blogarchive.date]"
    ]
    assert [e.title for e in entries(built.soup("blog/index"))] == [
        "Engines & analysis",
        "Plain text entry",
    ]
    page = main_of(built.soup("posts/2024/plain"))
    assert "First paragraph <not a tag>." in text_of(page)


def test_reimport_and_edits(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    shutil.copy(FEEDS / "substack-rss.xml", feed)
    posts = tmp_path / "posts"
    assert run(feed, posts)[0] == 0
    before = tree_state(posts)
    code, out, _ = run(feed, posts)
    assert (code, out) == (0, "created 0, updated 0, unchanged 2, skipped 0; 0 problems\n")
    assert tree_state(posts) == before
    feed.write_text(
        feed.read_text("utf-8").replace("Transcripts are data.", "Transcripts are valuable data."),
        "utf-8",
    )
    code, out, _ = run(feed, posts)
    assert out == "created 0, updated 1, unchanged 1, skipped 0; 0 problems\n"
    deal = posts / "2026/the-coding-agent-data-deal.md"
    deal.write_text(deal.read_text("utf-8") + "\nMy own note.\n", "utf-8")
    feed.write_text(feed.read_text("utf-8").replace("valuable data", "data"), "utf-8")
    code, out, err = run(feed, posts)
    assert (code, err.startswith("kept ")) == (0, True)
    assert out == "created 0, updated 0, unchanged 1, skipped 1 (1 edited by hand); 0 problems\n"
    assert "My own note." in deal.read_text("utf-8")
    code, out, _ = run(feed, posts, "--force")
    assert out == "created 0, updated 1, unchanged 1, skipped 0; 0 problems\n"
    assert "My own note." not in deal.read_text("utf-8")


def test_broken_feed_keeps_what_it_can(tmp_path: Path) -> None:
    code, out, err = run(FEEDS / "broken.xml", tmp_path / "posts")
    assert code == 1
    assert "the feed is not well-formed" in err
    assert out.startswith("created 2,")
    assert (tmp_path / "posts/2024/complete.md").is_file()


def test_not_a_feed(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hello</p></body></html>", "utf-8")
    code, _, err = run(page, tmp_path / "posts")
    assert code == 1
    assert "not" in err and "feed" in err
    assert not any((tmp_path / "posts").iterdir())  # nothing written
    code, _, err = run(tmp_path / "missing.xml", tmp_path / "posts")
    assert code == 2
    assert "no such file" in err


def test_url_goes_to_feedparser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    seen = []
    real_parse = feedparser.parse

    def fake_parse(source: object, **kwargs: object) -> object:
        seen.append(source)
        return real_parse((FEEDS / "substack-rss.xml").read_bytes(), **kwargs)

    monkeypatch.setattr(feedparser, "parse", fake_parse)
    code, out, _ = run("https://dataleverage.substack.com/feed", tmp_path / "posts")
    assert code == 0
    assert seen == ["https://dataleverage.substack.com/feed"]
    assert out.startswith("created 2,")
