"""Archive.related against a direct count (the fast path must rank the same)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from helpers import blog_pages, build, soup_of, write

from sphinx_blogarchive.model._archive import Archive
from sphinx_blogarchive.model._dates import PostDate
from sphinx_blogarchive.model._post import Post
from sphinx_blogarchive.model._slugs import term_key
from sphinx_blogarchive.record._record import Record, join_listings
from sphinx_blogarchive.record._related import related_touched

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def _direct(archive, docname, count, newer=False):
    """Every listed post sharing a tag: most shared tags, closest in time, archive order.

    Only the posts after *docname* in archive order (older), unless *newer*.
    """
    post = archive.posts[docname]
    if count <= 0 or not archive.is_listed(docname):
        return []
    keys = {term_key(tag) for tag in post.tags}
    shared = {}
    order = [p.docname for p in archive.listed]
    for other in archive.listed:
        if other.docname == docname:
            continue
        if not newer and order.index(other.docname) < order.index(docname):
            continue
        n = len(keys & {term_key(tag) for tag in other.tags})
        if n:
            shared[other.docname] = n

    def seconds(name):
        return archive.posts[name].date.value.timestamp()

    here = seconds(docname)
    ranked = sorted(shared, key=lambda d: (-shared[d], abs(seconds(d) - here), order.index(d)))
    return [archive.posts[d] for d in ranked[:count]]


@pytest.mark.parametrize("newer", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_related_matches_a_direct_count(seed, newer):
    rng = random.Random(seed)
    names = [f"Tag {i}" for i in range(rng.randint(1, 10))]
    posts = {}
    for i in range(rng.randint(1, 40)):
        tags = tuple(rng.sample(names, rng.randint(0, min(4, len(names)))))
        day = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=rng.randint(0, 30))
        posts[f"p{i}"] = Post(
            docname=f"p{i}",
            title=f"P{i}",
            date=PostDate(day) if rng.random() > 0.1 else None,
            tags=tags,
            draft=rng.random() < 0.1,
        )
    archive = Archive.build(posts, now=NOW)
    for docname in posts:
        for count in (0, 1, 3, 6):
            shown = archive.related(docname, count, newer=newer)
            assert shown == _direct(archive, docname, count, newer)
            if not newer and archive.is_listed(docname):  # only older posts, in archive order
                place = archive.listed.index(archive.posts[docname])
                assert all(archive.listed.index(p) > place for p in shown)


@pytest.mark.skipif(
    "no-search" not in __import__("inspect").getsource(__import__("sphinx.search").search),
    reason="this Sphinx indexes nodes of class no-search (Sphinx 7.4 does)",
)
def test_related_posts_stay_out_of_the_search_index(tmp_path):
    # alpha shows beta (newer, hence blogarchive_related_newer) among its
    # related posts; searching for beta's title must not find alpha (the
    # footer is marked "no-search").
    import json

    from helpers import build, copy_root

    built = build(
        copy_root("feeds", tmp_path / "src"), confoverrides={"blogarchive_related_newer": True}
    )
    alpha = built.soup("posts/alpha")
    related = alpha.select_one(".no-search .blogarchive-related")
    assert related is not None and "Beta" in related.get_text()
    text = (built.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    alpha_number = index["docnames"].index("posts/alpha")
    beta_number = index["docnames"].index("posts/beta")

    def docs(kind, term):
        found = index[kind].get(term, [])
        return {found} if isinstance(found, int) else set(found)

    # beta's title, "Beta: <b>not bold</b>", is in alpha's related posts only.
    assert docs("titleterms", "bold") == {beta_number}
    assert alpha_number not in docs("terms", "bold")


def _record_of(archive):
    """The output record's view of *archive*: its listed order and each post's tags."""
    posts = {
        docname: ("", join_listings(("tag", term_key(t)) for t in post.tags))
        for docname, post in archive.posts.items()
    }
    return Record(posts=posts, listed=tuple(p.docname for p in archive.listed))


def _shown(archive, docname, count, newer):
    return [(p.docname, p.title) for p in archive.related(docname, count, newer=newer)]


@pytest.mark.parametrize("newer", [False, True])
@pytest.mark.parametrize("seed", range(300))
def test_a_change_touches_every_post_whose_related_posts_change(seed, newer):
    """related_touched names every post whose related posts differ after a random change.

    Few tags and dates over a few days: many posts share tags and dates, so
    the windows are crossed often; checked against the related posts
    computed in full before and after.
    """
    rng = random.Random(seed)
    names = [f"Tag {i}" for i in range(rng.randint(1, 5))]
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

    def new_post(i):
        tags = tuple(rng.sample(names, rng.randint(0, min(4, len(names)))))
        day = start + dt.timedelta(days=rng.randint(0, 6), hours=rng.choice([0, 0, 12]))
        return Post(docname=f"p{i}", title=f"P{i}", date=PostDate(day), tags=tags)

    before = {f"p{i}": new_post(i) for i in range(rng.randint(2, 60))}
    after = dict(before)
    for _ in range(rng.randint(1, 3)):
        docname = rng.choice(sorted(after))
        change = rng.choice(["add", "remove", "retag", "redate", "title", "draft"])
        post = after[docname]
        if change == "add":
            new = new_post(len(before) + rng.randint(0, 1000))
            after[new.docname] = new
        elif change == "remove" and len(after) > 1:
            del after[docname]
        elif change == "retag":
            tags = tuple(rng.sample(names, rng.randint(0, min(4, len(names)))))
            after[docname] = dataclasses.replace(post, tags=tags)
        elif change == "redate":
            day = start + dt.timedelta(days=rng.randint(0, 6))
            after[docname] = dataclasses.replace(post, date=PostDate(day))
        elif change == "title":
            after[docname] = dataclasses.replace(post, title=post.title + "!")
        elif change == "draft":
            after[docname] = dataclasses.replace(post, draft=not post.draft)
    old, new = Archive.build(before, now=NOW), Archive.build(after, now=NOW)
    changed = {d for d in before.keys() | after.keys() if before.get(d) != after.get(d)}
    for count in (1, 2, 3, 5):
        touched = related_touched(new, _record_of(old), changed, count)
        moved = {
            d
            for d in before.keys() & after.keys()
            if d not in changed and _shown(old, d, count, newer) != _shown(new, d, count, newer)
        }
        assert moved <= touched, (count, sorted(moved - touched), sorted(changed))


@pytest.mark.parametrize("newer", [False, True])
def test_a_new_post_computes_the_footers_of_its_neighbours_in_time_only(
    tmp_path, monkeypatch, newer
):
    """Thirty weekly posts of one tag, two related posts each, then a new one.

    The build computes the related posts of those near the new post in time
    only (not of all thirty) and equals a fresh build. The new post's older
    neighbour is rewritten for its "newer post" link; with
    ``blogarchive_related_newer`` the new post enters its related posts
    too, by default (older posts only) it does not.
    """
    src = tmp_path / "src"
    write(src / "conf.py", RELATED_CONF + f"blogarchive_related_newer = {newer}\n")
    write(src / "index.md", "# Related\n")
    for number in range(1, 31):
        write(src / f"posts/p{number:02d}.md", _weekly_post(number))
    out = tmp_path / "out"
    assert build(src, builddir=out).warnings() == []
    asked: list[str] = []
    related = Archive.related

    def counting(self, docname, count, **options):
        asked.append(docname)
        return related(self, docname, count, **options)

    monkeypatch.setattr(Archive, "related", counting)
    before = {p: p.stat().st_mtime_ns for p in (out / "html" / "posts").glob("*.html")}
    write(src / "posts/p31.md", _weekly_post(31))
    built = build(src, builddir=out)
    assert built.warnings() == []
    assert "posts/p31" in asked
    assert len(set(asked)) <= 6, sorted(set(asked))
    rewritten = {
        p.name
        for p in (out / "html" / "posts").glob("*.html")
        if before.get(p) != p.stat().st_mtime_ns
    }
    assert rewritten == {"p31.html", "p30.html"}, sorted(rewritten)
    footer = soup_of(out / "html" / "posts" / "p30.html").select_one(".blogarchive-related")
    assert footer is not None
    assert ("Post 31" in footer.get_text()) is newer, footer.get_text()
    assert "Post 29" in footer.get_text()
    newest = soup_of(out / "html" / "posts" / "p31.html").select_one(".blogarchive-related")
    assert newest is not None and "Post 30" in newest.get_text()
    oldest = soup_of(out / "html" / "posts" / "p01.html").select_one(".blogarchive-related")
    assert (oldest is not None) is newer  # nothing older than the first post
    monkeypatch.undo()
    fresh = build(src, builddir=tmp_path / "fresh", freshenv=True)
    for page in blog_pages(fresh.outdir):
        assert (out / "html" / page).read_text(encoding="utf-8") == (fresh.outdir / page).read_text(
            encoding="utf-8"
        ), page


RELATED_CONF = """\
project = "Related"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
blogarchive_related_posts = 2
"""


def _weekly_post(number):
    date = (dt.date(2024, 1, 1) + dt.timedelta(days=7 * number)).isoformat()
    return f"---\ndate: {date}\ntags: [common]\n---\n\n# Post {number}\n\nBody {number}.\n"
