"""Deterministic output: incremental builds equal fresh ones, serial and parallel.

A blog of 12 posts goes through a scripted sequence of edits (add, edit,
re-tag, re-date, rename, delete, toggle a draft, a tag alias, and a scheduled
post that becomes past when ``SOURCE_DATE_EPOCH`` moves on). After each step it is
built incrementally in one output folder and from scratch in another; every
file under ``blog/`` (generated pages, ``posts.json``, feeds) must be
byte-identical, and every post page the same in content and prev/next.
Run at ``-j 1`` and ``-j 2``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from helpers import Built, build, normalised_page, write

CONF = """\
project = "Determinism"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/"
blogarchive_listing_fields = ["date", "subtitle", "tags", "author", "excerpt"]
blogarchive_posts_per_page = 5
"""
POST = """\
---
title: {title}
date: {date}
tags: [{tags}]
author: {author}
{extra}---

Body of {title}.
"""
TAGS = ["alpha", "beta", "gamma", "delta"]
AUTHORS = ["Ann", "Bob", "Cy"]
EPOCH_2029 = dt.datetime(2029, 6, 1, tzinfo=dt.UTC)
EPOCH_2031 = dt.datetime(2031, 6, 1, tzinfo=dt.UTC)


def post(n: int, *, date: str | None = None, tags: str | None = None, extra: str = "") -> str:
    return POST.format(
        title=f"Post {n:02d}",
        date=date or f"{2020 + n % 4}-{1 + n % 12:02d}-{1 + n:02d}",
        tags=tags if tags is not None else ", ".join(TAGS[: 1 + n % len(TAGS)]),
        author=AUTHORS[n % len(AUTHORS)],
        extra=extra,
    )


def files_under_blog(built: Built) -> dict[str, bytes]:
    root = built.outdir / "blog"
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def assert_same_as_fresh(inc: Built, tmp_path: Path, step: str, parallel: int) -> None:
    fresh = build(inc.srcdir, builddir=tmp_path / f"fresh-{step}", freshenv=True, parallel=parallel)
    assert inc.warnings() == [], step
    assert fresh.warnings() == [], step
    got, want = files_under_blog(inc), files_under_blog(fresh)
    assert sorted(got) == sorted(want), step
    for name in want:
        assert got[name] == want[name], f"{step}: blog/{name}"
    posts = sorted(p.relative_to(fresh.outdir) for p in (fresh.outdir / "posts").rglob("*.html"))
    for page in [*posts, Path("index.html")]:
        assert normalised_page(inc.outdir / page) == normalised_page(fresh.outdir / page), (
            f"{step}: {page}"
        )


@pytest.mark.parametrize("parallel", [0, 2])
def test_scripted_edits_equal_fresh_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: int
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH_2029.timestamp())))
    src = tmp_path / "src"
    write(src / "conf.py", CONF)
    write(src / "index.md", "# Home\n\n```{postlist}\n:limit: 3\n```\n")
    for n in range(1, 13):
        write(src / f"posts/p{n:02d}.md", post(n))
    write(src / "posts/future.md", post(13, date="2030-01-01"))
    out = tmp_path / "inc"

    def step(name: str) -> Built:
        built = build(src, builddir=out, parallel=parallel)
        assert_same_as_fresh(built, tmp_path, name, parallel)
        return built

    first = step("initial")
    assert "blogarchive: listed 12; drafts 0, scheduled 1," in first.status

    write(src / "posts/p14.md", post(14, tags="epsilon"))
    step("add")
    body = src / "posts/p03.md"
    write(body, body.read_text(encoding="utf-8").replace("Body of", "New body of"))
    step("edit")
    write(src / "posts/p05.md", post(5, tags="zeta, alpha"))
    step("retag")
    write(src / "posts/p06.md", post(6, date="2019-12-31"))
    step("redate")
    shutil.move(src / "posts/p07.md", src / "posts/p07-renamed.md")
    os.utime(src / "posts/p07-renamed.md")
    step("rename")
    (src / "posts/p08.md").unlink()
    step("delete")
    write(src / "posts/p09.md", post(9, extra="draft: true\n"))
    step("draft")
    write(src / "posts/p09.md", post(9, extra="draft: false\n"))
    step("undraft")
    write(src / "conf.py", CONF + 'blogarchive_tag_aliases = {"zeta": "epsilon"}\n')
    aliased = step("tag-alias")
    zeta = (aliased.outdir / "blog/tag/zeta.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=epsilon.html"' in zeta
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH_2031.timestamp())))
    last = step("future-is-past")
    assert "blogarchive: listed 13; drafts 0, scheduled 0," in last.status
