"""``-j 2`` gives the same site as ``-j 1`` (case 24, a root of 12 posts).

The root's conf.py records, at ``doctree-read``, which process read each
document (``readers.txt`` in the output folder), so the test can assert that
documents really were read in worker processes.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import (
    ROOTS,
    Built,
    blog_pages,
    build,
    copy_root,
    index_items,
    main_of,
    normalised_page,
    resolve_href,
    text_of,
    titles,
)

from sphinx_blogarchive.pages import _generated as pages

[ROOT] = [p.name.removeprefix("test-") for p in ROOTS.glob("test-case-24-*")]
POSTS = [f"Parallel post {n}" for n in range(12, 0, -1)]


def readers(built: Built, log: str = "readers.txt") -> dict[str, set[str]]:
    """``{docname: pids that read it}`` from the root's ``readers.txt``.

    With *log* ``"writers.txt"``: ``{pagename: pids that wrote it}``.
    """
    found: dict[str, set[str]] = {}
    for line in (built.outdir / log).read_text(encoding="utf-8").splitlines():
        pid, docname = line.split()
        found.setdefault(docname, set()).add(pid)
    return found


def compared_pages(built: Built) -> list[str]:
    posts = sorted(
        p.relative_to(built.outdir).as_posix() for p in (built.outdir / "posts").glob("*.html")
    )
    return [*blog_pages(built.outdir), *posts, "index.html"]


def assert_same_site(serial: Built, parallel: Built) -> None:
    assert blog_pages(parallel.outdir) == blog_pages(serial.outdir)
    for page in compared_pages(serial):
        assert normalised_page(parallel.outdir / page) == normalised_page(serial.outdir / page), (
            page
        )


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = copy_root(ROOT, tmp_path_factory.mktemp("parallel") / "src")
    return build(src, builddir=src.parent / "serial", parallel=1)


def test_serial_build(serial: Built) -> None:
    assert serial.warnings() == []
    assert titles(serial.soup("blog/index")) == POSTS
    assert index_items(serial.soup("blog/tag/index")) == {
        "even": (6, "even.html"),
        "odd": (6, "odd.html"),
    }
    assert set().union(*readers(serial).values()) == {str(os.getpid())}


def test_parallel_equals_serial(
    serial: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A few pages are enough to hand them to worker processes here.
    monkeypatch.setattr(pages, "MIN_PARALLEL_PAGES", 2)
    monkeypatch.setattr(pages, "CHUNK_PAGES", 2)
    parallel = build(serial.srcdir, builddir=tmp_path / "j2", parallel=2, freshenv=True)
    # no "not safe for parallel reading" warning, nor any other
    assert parallel.warnings() == []
    who = readers(parallel)
    assert set(who) == {"index", *(f"posts/p{n:02d}" for n in range(1, 13))}
    assert set().union(*who.values()) - {str(os.getpid())}, "no document was read in a worker"
    # Generated pages are written in workers too, not only in the main process.
    writers = readers(parallel, "writers.txt")
    generated = [name for name in writers if name.startswith("blog/")]
    assert len(generated) > 4
    assert {pid for name in generated for pid in writers[name]} - {str(os.getpid())}
    assert titles(parallel.soup("blog/index")) == POSTS
    assert_same_site(serial, parallel)
    # the cross-reference in p05 resolved
    p05 = main_of(parallel.soup("posts/p05"))
    [link] = [a for a in p05.find_all("a") if "follow-up" in text_of(a.parent)]
    assert text_of(link) == "Parallel post 8"
    assert resolve_href(parallel.path("posts/p05"), link["href"]) == parallel.outdir / (
        "posts/p08.html"
    )

    # incremental -j 2 after touching two posts: still the same site
    for name in ("p03", "p07"):
        stamp = time.time_ns()
        os.utime(serial.srcdir / f"posts/{name}.md", ns=(stamp, stamp))
    again = build(serial.srcdir, builddir=tmp_path / "j2", parallel=2)
    assert again.warnings() == []
    assert "0 added, 2 changed, 0 removed" in again.status
    assert titles(again.soup("blog/index")) == POSTS
    assert_same_site(serial, again)


def test_parallel_equals_serial_in_ablog_layout(serial: Built, tmp_path: Path) -> None:
    """ABlog's page names (``blog.html``, ``blog/tag.html``...) with -j 2 as with -j 1."""
    from sphinx_blogarchive.ablog._project import ablog_paths

    overrides = {"blogarchive_url_layout": "ablog", "blogarchive_paths": ablog_paths("blog")}
    one = build(serial.srcdir, builddir=tmp_path / "j1", parallel=1, confoverrides=overrides)
    two = build(serial.srcdir, builddir=tmp_path / "j2", parallel=2, confoverrides=overrides)
    assert one.warnings() == two.warnings() == []
    assert set().union(*readers(two).values()) - {str(os.getpid())}, "no parallel read"
    assert titles(two.soup("blog")) == titles(two.soup("blog/archive")) == POSTS
    assert (two.outdir / "blog.html").is_file() and (two.outdir / "blog/tag.html").is_file()
    assert_same_site(one, two)
    assert normalised_page(two.outdir / "blog.html") == normalised_page(one.outdir / "blog.html")
