"""The authors registry: authors.yml and blogarchive_authors, as readers see them.

Root ``test-authors``: ``authors.yml`` beside ``conf.py`` (Ada with a local
avatar, a URL and a two-paragraph bio holding markup; Charles with an https
avatar; Grace, replaced by ``blogarchive_authors``), posts naming a key, a
registry name and a key together, a key of the setting, and an author
outside the registry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sphinx
from helpers import (
    Built,
    blog_pages,
    build,
    build_root,
    copy_root,
    main_of,
    normalised_page,
    resolve_href,
    soup_of,
    text_of,
    tree_state,
    write,
)

from sphinx_blogarchive.model._authors import Registry, load
from sphinx_blogarchive.pages._output import SPHINX_PAGES

ADA_AVATAR = "_images/blogarchive/authors/b97c1360fa/ada.svg"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = build_root("authors", tmp_path_factory.mktemp("authors"))
    assert result.warnings() == []
    return result


def header(built: Built, page: str) -> object:
    found = main_of(built.soup(page)).select_one(".blogarchive-post-header")
    assert found is not None
    return found


def test_post_headers_show_names_and_avatars(built: Built) -> None:
    notes = header(built, "posts/notes")
    assert [text_of(a) for a in notes.select("a.blogarchive-author")] == [
        "Ada Lovelace",
        "Charles Babbage",
    ]
    avatars = [img["src"] for img in notes.select("img.blogarchive-avatar")]
    assert avatars == [f"../{ADA_AVATAR}", "https://avatars.example.org/charles.png"]
    # the local avatar is copied, and the link from the page reaches it
    page = built.path("posts/notes")
    assert (
        resolve_href(page, avatars[0]).read_bytes()
        == (built.srcdir / "images/ada.svg").read_bytes()
    )
    # a key of the registry: the entry's name, linking to the author's page
    [ada] = header(built, "posts/engine").select("a.blogarchive-author")
    assert text_of(ada) == "Ada Lovelace"
    assert resolve_href(built.path("posts/engine"), ada["href"]) == built.path(
        "blog/author/ada-lovelace"
    )


def test_setting_wins_and_unknown_keys_stay_as_written(built: Built) -> None:
    compiler = header(built, "posts/compiler")
    assert [text_of(a) for a in compiler.select("a.blogarchive-author")] == ["Grace Hopper"]
    assert compiler.select("img") == []  # Grace's entry in the setting has no avatar
    guest = header(built, "posts/guest")
    assert [text_of(a) for a in guest.select("a.blogarchive-author")] == ["someone-else"]
    assert guest.select("img") == []
    # a role naming a key links to the entry's page, with its name
    [ref] = main_of(built.soup("posts/guest")).select("a.reference.internal[href*='author/ada']")
    assert text_of(ref) == "Ada Lovelace"
    assert resolve_href(built.path("posts/guest"), ref["href"]) == built.path(
        "blog/author/ada-lovelace"
    )
    assert "Not used" not in built.path("blog/author/grace-hopper").read_text(encoding="utf-8")


def test_author_page_shows_the_profile(built: Built) -> None:
    page = main_of(built.soup("blog/author/ada-lovelace"))
    profile = page.select_one(".blogarchive-author-profile")
    assert profile is not None
    img = profile.select_one("img.blogarchive-avatar")
    assert img["src"] == f"../../{ADA_AVATAR}"
    assert img["alt"] == "Ada Lovelace"
    # the bio is text: its markup is shown, not applied; paragraphs are kept
    assert [text_of(p) for p in profile.select(".blogarchive-author-bio")] == [
        "Writes about analytical engines.",
        "Likes <b>poetry</b> & numbers.",
    ]
    assert profile.select("b") == []
    link = profile.select_one(".blogarchive-author-url a")
    assert link["href"] == "https://example.org/ada"
    # both posts by Ada: by her key, and by her name
    assert [text_of(a) for a in page.select("a.blogarchive-entry-title")] == [
        "Notes",
        "The engine",
    ]
    # an author outside the registry has a page, without a profile
    other = main_of(built.soup("blog/author/someone-else"))
    assert other.select(".blogarchive-author-profile") == []
    assert len(other.select(".blogarchive-entry")) == 1


def test_listings_index_and_feeds_use_the_names(built: Built) -> None:
    index = main_of(built.soup("index"))
    names = [s.get_text() for s in index.select(".blogarchive-entry-authors")]
    assert names == [
        "someone-else",
        "Grace Hopper",
        "Ada Lovelace, Charles Babbage",
        "Ada Lovelace",
    ]
    authors = main_of(built.soup("blog/author/index"))
    assert [text_of(a) for a in authors.select("a")] == [
        "Ada Lovelace",
        "Charles Babbage",
        "Grace Hopper",
        "someone-else",
    ]
    atom = (built.outdir / "blog/author/ada-lovelace.atom.xml").read_text(encoding="utf-8")
    assert "<name>Ada Lovelace</name>" in atom
    assert "<name>ada</name>" not in atom


def test_bad_entries_warn_and_fall_back(tmp_path: Path) -> None:
    src = copy_root("authors", tmp_path / "src")
    write(
        src / "authors.yml",
        "ada:\n"
        "  name: Ada Lovelace\n"
        "  avatar: javascript:alert(1)\n"
        "  url: javascript:alert(2)\n"
        "  colour: blue\n"
        "charles:\n"
        "  avatar: ../outside.png\n"
        "babbage: [not, a, mapping]\n"
        "grace:\n"
        "  avatar: images/missing.png\n",
    )
    result = build(src, builddir=tmp_path / "out")
    assert result.warnings() == [
        "authors.yml:1: WARNING: authors registry: author 'ada': unknown field 'colour' "
        "(known: name, avatar, url, bio); it is ignored [blogarchive.authors]",
        "authors.yml:1: WARNING: authors registry: author 'ada': avatar 'javascript:alert(1)' "
        "must be an http(s) URL or a path beside conf.py; it is ignored [blogarchive.authors]",
        "authors.yml:1: WARNING: authors registry: author 'ada': url 'javascript:alert(2)' "
        "must start with http://, https:// or mailto:; it is ignored [blogarchive.authors]",
        "authors.yml:6: WARNING: authors registry: author 'charles': avatar '../outside.png' "
        "is outside the configuration folder; it is ignored [blogarchive.authors]",
        "authors.yml:8: WARNING: authors registry: author 'babbage': must be a mapping of "
        "name, avatar, url, bio; the entry is ignored [blogarchive.authors]",
        "authors.yml:9: WARNING: authors registry: author 'grace': avatar 'images/missing.png' "
        "is not a file; it is ignored [blogarchive.authors]",
    ]
    # every post is there; Ada keeps her name, without avatar or link
    engine = main_of(result.soup("posts/engine"))
    assert [text_of(a) for a in engine.select("a.blogarchive-author")] == ["Ada Lovelace"]
    assert engine.select("img") == []
    profile = main_of(result.soup("blog/author/ada-lovelace"))
    assert "javascript" not in str(profile)
    # charles: an entry without a name is named by its key
    notes = main_of(result.soup("posts/notes"))
    assert [text_of(a) for a in notes.select("a.blogarchive-author")] == [
        "Ada Lovelace",
        "charles",
    ]


def test_invalid_yaml_warns_with_its_line(tmp_path: Path) -> None:
    src = copy_root("authors", tmp_path / "src")
    write(src / "authors.yml", "ada:\n  name: [unclosed\n")
    result = build(src, builddir=tmp_path / "out")
    [warning] = result.warnings()
    assert warning.startswith("authors.yml:3: WARNING: authors registry: is not valid YAML")
    assert warning.endswith("[blogarchive.authors]")
    engine = main_of(result.soup("posts/engine"))
    assert [text_of(a) for a in engine.select("a.blogarchive-author")] == ["ada"]


def test_suppressed(tmp_path: Path) -> None:
    src = copy_root("authors", tmp_path / "src")
    write(src / "authors.yml", "ada: 3\n")
    result = build(
        src, builddir=tmp_path / "out", confoverrides={"suppress_warnings": ["blogarchive.authors"]}
    )
    assert result.warnings() == []


def test_registry_lookups() -> None:
    registry = Registry(load(Path("/nonexistent"), {"ada": "Ada Lovelace"})[0])
    assert registry.names(("ADA", "ada lovelace", "Bob")) == ("Ada Lovelace", "Bob")
    entry = registry.entry("ada  LOVELACE")
    assert entry is not None and entry.key == "ada"


def _html(out: Path) -> dict[str, tuple[str, int]]:
    """Pages and images of the build in *out* (but Sphinx's own, written by every build)."""
    return {
        k: v
        for k, v in tree_state(out / "html").items()
        if k.endswith((".html", ".svg")) and k.removesuffix(".html") not in SPHINX_PAGES
    }


def _same_as_fresh(step: Built, tmp_path: Path, name: str) -> None:
    fresh = build(step.srcdir, builddir=tmp_path / f"fresh-{name}", freshenv=True)
    assert fresh.warnings() == step.warnings() == []
    for page in blog_pages(fresh.outdir):
        assert (step.outdir / page).read_bytes() == (fresh.outdir / page).read_bytes(), page
    for page in ["index.html", *(f"posts/{p.name}" for p in (fresh.outdir / "posts").glob("*"))]:
        assert normalised_page(step.outdir / page) == normalised_page(fresh.outdir / page), page


def test_editing_the_registry_rewrites_exactly_the_pages_showing_it(tmp_path: Path) -> None:
    src = copy_root("authors", tmp_path / "src")
    out = tmp_path / "out"
    assert build(src, builddir=out).warnings() == []
    registry = (src / "authors.yml").read_text(encoding="utf-8")

    # A bio: shown on the author's page only.
    before = _html(out)
    write(src / "authors.yml", registry.replace("analytical engines", "the Engine"))
    step = build(src, builddir=out)
    after = _html(out)
    changed = sorted(k for k in after if before.get(k) != after[k])
    # Sphinx 7 writes the root document whenever it writes (and skips writing
    # when no document is outdated, so the root document takes the build
    # there, see _events.on_env_updated): it is written again, unchanged.
    root = ["index.html"] if sphinx.version_info < (8,) else []
    assert changed == sorted(["blog/author/ada-lovelace.html", *root])
    assert "the Engine" in step.path("blog/author/ada-lovelace").read_text(encoding="utf-8")
    _same_as_fresh(step, tmp_path, "bio")

    # An avatar: Ada's posts and her page.
    before = _html(out)
    write(src / "images/ada2.svg", (src / "images/ada.svg").read_text(encoding="utf-8"))
    write(src / "authors.yml", registry.replace("images/ada.svg", "images/ada2.svg"))
    step = build(src, builddir=out)
    after = _html(out)
    changed = sorted(k for k in after if before.get(k) != after[k] and k.endswith(".html"))
    assert changed == sorted(
        ["blog/author/ada-lovelace.html", "posts/engine.html", "posts/notes.html", *root]
    )
    assert any(k.endswith("/ada2.svg") for k in after)
    _same_as_fresh(step, tmp_path, "avatar")

    # A name: the posts naming her key follow it to a new page; the post
    # naming her by the old name is now by a plain name, on the old page.
    write(src / "authors.yml", registry.replace("Ada Lovelace", "Augusta Ada King"))
    step = build(src, builddir=out)
    moved = main_of(step.soup("blog/author/augusta-ada-king"))
    assert [text_of(a) for a in moved.select("a.blogarchive-entry-title")] == ["The engine"]
    old = main_of(step.soup("blog/author/ada-lovelace"))
    assert [text_of(a) for a in old.select("a.blogarchive-entry-title")] == ["Notes"]
    assert old.select(".blogarchive-author-profile") == []
    _same_as_fresh(step, tmp_path, "name")

    # No change: nothing is written.
    before = _html(out)
    step = build(src, builddir=out)
    assert _html(out) == before


def test_parallel_equals_serial(tmp_path: Path) -> None:
    src = copy_root("authors", tmp_path / "src")
    serial = build(src, builddir=tmp_path / "serial")
    parallel = build(src, builddir=tmp_path / "parallel", parallel=2)
    assert serial.warnings() == parallel.warnings() == []
    pages = blog_pages(serial.outdir)
    assert pages == blog_pages(parallel.outdir)
    for page in pages:
        assert (serial.outdir / page).read_bytes() == (parallel.outdir / page).read_bytes()
    for page in ("posts/notes.html", "posts/engine.html", "index.html"):
        assert normalised_page(serial.outdir / page) == normalised_page(parallel.outdir / page)


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "text", "latex", "epub"])
def test_other_builders(tmp_path: Path, builder: str) -> None:
    src = copy_root("authors", tmp_path / "src")
    result = build(src, builddir=tmp_path / "out", buildername=builder)
    assert result.warnings() == []
    if builder == "text":
        text = (result.outdir / "posts/notes.txt").read_text(encoding="utf-8")
        assert "Ada Lovelace, Charles Babbage" in text
    if builder == "dirhtml":
        soup = soup_of(result.outdir / "posts/notes/index.html")
        [img, _] = soup.select("img.blogarchive-avatar")
        assert img["src"] == f"../../{ADA_AVATAR}"
        assert (result.outdir / ADA_AVATAR).is_file()
        profile = soup_of(result.outdir / "blog/author/ada-lovelace/index.html")
        assert (
            profile.select_one(".blogarchive-author-profile img")["src"] == f"../../../{ADA_AVATAR}"
        )
