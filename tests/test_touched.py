"""Incremental signatures: only the documents a change can touch are recomputed.

After a change that keeps the blog's structure (no term, year or generated
page family appears or goes), a build computes the blog content of only the
documents the change can touch (``Changes.touched``): the changed post, its
old and new neighbours, the posts of its old and new tags, and the pages
holding listings. Every other document keeps the hash the record holds.

Each step here keeps the structure, so that path is taken (the record's
structure key is unchanged, asserted), and the record's document hashes and
every post page must equal a fresh build's.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from helpers import Built, blog_pages, build, normalised_page, write

RECORD = ".blogarchive.json"

CONF = """\
project = "Touched"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
blogarchive_related_posts = 3
blogarchive_posts_per_page = 3
"""

INDEX = """\
# Touched

```{postlist}
:limit: 4
```
"""

#: (number, date, tags): tags overlap so that related posts matter.
POSTS = [
    (1, "2024-01-05", "alpha, beta"),
    (2, "2024-02-11", "beta, gamma"),
    (3, "2024-03-17", "alpha, gamma, delta"),
    (4, "2024-04-02", "delta"),
    (5, "2024-05-20", "alpha, epsilon"),
    (6, "2024-06-08", "beta, epsilon"),
    (7, "2024-07-30", "gamma"),
    (8, "2024-09-14", "alpha, delta"),
    (9, "2025-01-03", "beta, delta, epsilon"),
    (10, "2025-02-22", "alpha, gamma"),
    (11, "2025-04-09", "epsilon"),
    (12, "2025-06-18", "beta, gamma"),
    (13, "2025-08-01", "alpha, beta, gamma"),
]


def post(
    number: int,
    date: str,
    tags: str,
    *,
    title: str = "",
    extra: str = "",
    category: str = "",
) -> str:
    category = category or ("notes" if number % 2 else "essays")
    author = "Ann" if number % 3 else "Bob"
    return (
        f"---\ndate: {date}\ntags: [{tags}]\ncategory: {category}\nauthor: {author}\n"
        f"{extra}---\n\n# {title or f'Post {number}'}\n\nBody of post {number}.\n"
    )


@pytest.fixture
def src(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    write(root / "conf.py", CONF)
    write(root / "index.md", INDEX)
    for number, date, tags in POSTS:
        write(root / f"posts/p{number:02d}.md", post(number, date, tags))
    return root


def record(built: Built) -> dict[str, object]:
    # The first line is the SHA-256 of the JSON that follows.
    return json.loads((built.outdir / RECORD).read_text(encoding="utf-8").partition("\n")[2])


def assert_same_as_fresh(step: Built, tmp_path: Path, name: str, structure: object) -> None:
    fresh = build(step.srcdir, builddir=tmp_path / f"fresh-{name}", freshenv=True)
    assert step.warnings() == fresh.warnings() == []
    mine, theirs = record(step), record(fresh)
    # The path under test: the structure stayed, so only touched documents were hashed.
    assert mine["structure"] == theirs["structure"] == structure, name
    assert mine["documents"] == theirs["documents"], name
    assert mine["posts"] == theirs["posts"], name
    assert mine["listed"] == theirs["listed"], name
    assert mine["pages"] == theirs["pages"], name
    for page in blog_pages(fresh.outdir):  # every generated page, whole
        assert (step.outdir / page).read_text(encoding="utf-8") == (fresh.outdir / page).read_text(
            encoding="utf-8"
        ), f"{name}: {page}"
    pages = sorted(
        p.relative_to(fresh.outdir).as_posix() for p in (fresh.outdir / "posts").glob("*.html")
    )
    for page in [*pages, "index.html"]:
        assert normalised_page(step.outdir / page) == normalised_page(fresh.outdir / page), (
            f"{name}: {page}"
        )


def test_changes_that_keep_the_structure_equal_fresh_builds(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    first = build(src, builddir=out)
    assert first.warnings() == []
    structure = record(first)["structure"]
    posts = src / "posts"

    steps = [
        # re-tag: gamma replaced by alpha (gamma keeps other posts)
        ("retag", lambda: write(posts / "p07.md", post(7, "2024-07-30", "alpha"))),
        # new title: its neighbours and the posts relating to it show it
        (
            "retitle",
            lambda: write(posts / "p08.md", post(8, "2024-09-14", "alpha, delta", title="Eight")),
        ),
        # re-date within the years there are: old and new neighbours change
        (
            "redate",
            lambda: write(posts / "p03.md", post(3, "2025-09-30", "alpha, gamma, delta")),
        ),
        (
            "draft",
            lambda: write(
                posts / "p10.md", post(10, "2025-02-22", "alpha, gamma", extra="draft: true\n")
            ),
        ),
        ("delete", lambda: (posts / "p12.md").unlink()),
        ("add", lambda: write(posts / "p14.md", post(14, "2025-08-15", "beta, epsilon"))),
        ("publish", lambda: write(posts / "p10.md", post(10, "2025-02-22", "alpha, gamma"))),
        (
            "subtitle",
            lambda: write(
                posts / "p02.md", post(2, "2024-02-11", "beta, gamma", extra="subtitle: Two\n")
            ),
        ),
        # another category (one that exists): both categories' pages change
        (
            "recategorise",
            lambda: write(
                posts / "p05.md", post(5, "2024-05-20", "alpha, epsilon", category="essays")
            ),
        ),
        # the same tags, in another order and spelling: the token changes, nothing shown does
        ("reorder", lambda: write(posts / "p09.md", post(9, "2025-01-03", "Epsilon, beta, delta"))),
    ]
    for name, change in steps:
        change()
        step = build(src, builddir=out)
        assert_same_as_fresh(step, tmp_path, name, structure)


def test_a_change_of_structure_recomputes_everything(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "inc"
    before = record(build(src, builddir=out))
    # A new tag: the structure changes, every document is hashed again.
    write(src / "posts/p04.md", post(4, "2024-04-02", "delta, zeta"))
    step = build(src, builddir=out)
    assert record(step)["structure"] != before["structure"]
    fresh = build(src, builddir=tmp_path / "fresh", freshenv=True)
    assert record(step)["documents"] == record(fresh)["documents"]
    assert "zeta" in (step.outdir / "posts/p04.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", [3, 11])
def test_random_changes_equal_fresh_builds(tmp_path: Path, seed: int) -> None:
    """Random adds, deletes, re-dates, re-tags and drafts, each compared with a fresh build.

    Dates stay within the years and tags within the vocabulary the blog
    starts with, so most steps keep the structure; whichever path a step
    takes, the record and every page must equal a fresh build's.
    """
    rng = random.Random(seed)
    tags = ["alpha", "beta", "gamma", "delta"]
    src = tmp_path / "src"
    write(src / "conf.py", CONF)
    write(src / "index.md", INDEX)

    def random_post(number: int) -> str:
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
        chosen = ", ".join(rng.sample(tags, rng.randint(1, 3)))
        extra = "draft: true\n" if rng.random() < 0.1 else ""
        return post(number, day.isoformat(), chosen, extra=extra)

    alive = {}
    for number in range(1, 19):
        alive[number] = src / f"posts/p{number:02d}.md"
        write(alive[number], random_post(number))
    out = tmp_path / "inc"
    assert build(src, builddir=out).warnings() == []
    next_number = 19
    for step in range(10):
        action = rng.choice(["add", "delete", "change", "change"])
        if action == "add":
            alive[next_number] = src / f"posts/p{next_number:02d}.md"
            write(alive[next_number], random_post(next_number))
            next_number += 1
        elif action == "delete" and len(alive) > 8:
            number = rng.choice(sorted(alive))
            alive.pop(number).unlink()
        else:
            number = rng.choice(sorted(alive))
            write(alive[number], random_post(number))
        built = build(src, builddir=out)
        fresh = build(src, builddir=tmp_path / f"fresh-{step}", freshenv=True)
        mine, theirs = record(built), record(fresh)
        name = f"step {step} ({action})"
        for key in ("documents", "pages", "posts", "listed"):
            assert mine[key] == theirs[key], f"{name}: {key}"
        for page in sorted(p.name for p in (fresh.outdir / "posts").glob("*.html")):
            assert normalised_page(built.outdir / "posts" / page) == normalised_page(
                fresh.outdir / "posts" / page
            ), f"{name}: posts/{page}"
        for page in blog_pages(fresh.outdir):
            assert (built.outdir / page).read_text(encoding="utf-8") == (
                fresh.outdir / page
            ).read_text(encoding="utf-8"), f"{name}: {page}"
