"""Archive.related against a direct count (the fast path must rank the same)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from sphinx_blogarchive.model._archive import Archive
from sphinx_blogarchive.model._dates import PostDate
from sphinx_blogarchive.model._post import Post
from sphinx_blogarchive.model._slugs import term_key

NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def _direct(archive, docname, count):
    """Every listed post sharing a tag: most shared tags, closest in time, archive order."""
    post = archive.posts[docname]
    if count <= 0 or not archive.is_listed(docname):
        return []
    keys = {term_key(tag) for tag in post.tags}
    shared = {}
    for other in archive.listed:
        if other.docname == docname:
            continue
        n = len(keys & {term_key(tag) for tag in other.tags})
        if n:
            shared[other.docname] = n
    order = [p.docname for p in archive.listed]

    def seconds(name):
        return archive.posts[name].date.value.timestamp()

    here = seconds(docname)
    ranked = sorted(shared, key=lambda d: (-shared[d], abs(seconds(d) - here), order.index(d)))
    return [archive.posts[d] for d in ranked[:count]]


@pytest.mark.parametrize("seed", range(40))
def test_related_matches_a_direct_count(seed):
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
            assert archive.related(docname, count) == _direct(archive, docname, count)


@pytest.mark.skipif(
    "no-search" not in __import__("inspect").getsource(__import__("sphinx.search").search),
    reason="this Sphinx indexes nodes of class no-search (Sphinx 7.4 does)",
)
def test_related_posts_stay_out_of_the_search_index(tmp_path):
    # alpha shows beta among its related posts; searching for beta's title
    # must not find alpha (the footer is marked "no-search").
    import json

    from helpers import build, copy_root

    built = build(copy_root("feeds", tmp_path / "src"))
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
