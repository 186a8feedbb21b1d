"""A term's URL comes from its own name (and the configuration), never from other posts."""

from __future__ import annotations

from pathlib import Path

from helpers import Built, blog_pages, build, copy_root, index_items, normalised_page, titles, write

from sphinx_blogarchive.model._slugs import slugify
from sphinx_blogarchive.model._term_slugs import assign_slugs

OLD_C_POST = """\
---
date: 2020-01-01
tags: [C]
---

# Pointers in C
"""

AC_DC = (
    "posts/cpp.md:1: WARNING: tags 'ac dc' (posts/csharp.md), 'AC/DC' (posts/cpp.md) have "
    "one slug, 'ac-dc': 'ac dc' keeps it, the others get a suffix of their own ('AC/DC' -> "
    "'ac-dc-{hash}'); to choose their URLs, set blogarchive_term_slugs = "
    "{{'AC/DC': 'another-slug'}} in conf.py [blogarchive.slug]"
)


def ac_dc_warning(built: Built) -> str:
    [found] = [w for w in built.warnings() if "[blogarchive.slug]" in w]
    return found


def test_slugs_depend_on_the_names_only() -> None:
    names = {"ac/dc": "AC/DC", "ac dc": "ac dc", "ac.dc": "ac.dc", "c++": "C++", "c": "C"}
    slugs, clashes = assign_slugs(names)
    assert slugs["c++"] == "c-plus-plus"
    assert slugs["c"] == "c"
    # "ac dc" differs from the slug by spaces only: it keeps it
    assert slugs["ac dc"] == "ac-dc"
    assert slugs["ac/dc"].startswith("ac-dc-") and slugs["ac.dc"].startswith("ac-dc-")
    assert [c.keys for c in clashes] == [("ac dc", "ac.dc", "ac/dc")]
    # Without any one of the others, a name has the same slug, or (when the
    # name that kept its slug is gone) the plain one; a suffix is always the same.
    for dropped in names:
        fewer, _ = assign_slugs({k: v for k, v in names.items() if k != dropped})
        for key, slug in fewer.items():
            assert slug in (slugs[key], slugify(names[key])), (dropped, key)
    alone, _ = assign_slugs({"ac/dc": "AC/DC", "ac dc": "ac dc"})
    assert alone["ac/dc"] == slugs["ac/dc"]
    # fixed slugs come first
    fixed, clashes = assign_slugs(names, fixed={"ac/dc": "ac-dc"})
    assert fixed["ac/dc"] == "ac-dc"
    assert fixed["ac dc"].startswith("ac-dc-")


def test_symbol_tags_and_the_collision_warning(tmp_path: Path) -> None:
    built = build(copy_root("slugs", tmp_path / "src"), builddir=tmp_path / "out")
    slug = index_items(built.soup("blog/tag/index"))["AC/DC"][1]
    assert slug is not None and slug.startswith("ac-dc-")
    suffix = slug.removeprefix("ac-dc-").removesuffix(".html")
    assert built.warnings() == [AC_DC.format(hash=suffix)]
    assert titles(built.soup("blog/tag/c-plus-plus")) == ["Templates in C++"]
    assert titles(built.soup("blog/tag/c-sharp")) == ["Records in C#"]
    assert titles(built.soup("blog/tag/ac-dc")) == ["Records in C#"]


def test_an_older_post_tagged_c_moves_no_url(tmp_path: Path) -> None:
    src = copy_root("slugs", tmp_path / "src")
    first = build(src, builddir=tmp_path / "out")
    before = {page: normalised_page(first.outdir / page) for page in blog_pages(first.outdir)}
    write(src / "posts/old-c.md", OLD_C_POST)
    again = build(src, builddir=tmp_path / "out")
    fresh = build(src, builddir=tmp_path / "fresh")
    assert again.warnings() == fresh.warnings() == [ac_dc_warning(first)]
    for built in (again, fresh):
        assert titles(built.soup("blog/tag/c")) == ["Pointers in C"]
        assert titles(built.soup("blog/tag/c-plus-plus")) == ["Templates in C++"]
        assert titles(built.soup("blog/tag/c-sharp")) == ["Records in C#"]
        items = index_items(built.soup("blog/tag/index"))
        assert (items["C"][1], items["C++"][1], items["C#"][1]) == (
            "c.html",
            "c-plus-plus.html",
            "c-sharp.html",
        )
    assert blog_pages(again.outdir) == blog_pages(fresh.outdir)
    for page in ("blog/tag/c-plus-plus.html", "blog/tag/c-sharp.html"):
        assert normalised_page(again.outdir / page) == before[page]


def test_term_slugs_setting_chooses_the_url(tmp_path: Path) -> None:
    built = build(
        copy_root("slugs", tmp_path / "src"),
        builddir=tmp_path / "out",
        confoverrides={"blogarchive_term_slugs": {"AC/DC": "acdc", "c++": "cpp"}},
    )
    assert built.warnings() == []
    assert titles(built.soup("blog/tag/acdc")) == ["Templates in C++"]
    assert titles(built.soup("blog/tag/ac-dc")) == ["Records in C#"]
    assert titles(built.soup("blog/tag/cpp")) == ["Templates in C++"]
    assert not built.path("blog/tag/c-plus-plus").exists()


def test_bad_term_slugs_entries_are_shown(tmp_path: Path) -> None:
    built = build(
        copy_root("slugs", tmp_path / "src"),
        builddir=tmp_path / "out",
        confoverrides={"blogarchive_term_slugs": {"AC/DC": "../up", "C#": "index", "C++": "cpp"}},
    )
    assert [w for w in built.warnings() if "[blogarchive.config]" in w] == [
        "WARNING: blogarchive_term_slugs entry 'AC/DC': '../up': the slug may hold only "
        "letters, digits, '-' and '_', and start with a letter or digit; the entry is ignored "
        "[blogarchive.config]",
        "WARNING: blogarchive_term_slugs entry 'C#': 'index': the slug is a reserved name; "
        "the entry is ignored [blogarchive.config]",
    ]
    assert titles(built.soup("blog/tag/cpp")) == ["Templates in C++"]
    assert titles(built.soup("blog/tag/c-sharp")) == ["Records in C#"]
