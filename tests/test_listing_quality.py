"""Listings, feeds and labels as readers meet them (issue 13, "Works where users
open it" and "Quality of listings, feeds and labels").

Each test builds a small project and reads what a reader gets: the index of
the posts a page opened from the disk can load, excerpts on listing pages,
reading times, images in feeds, canonical links, translated labels and the
accessibility of listings.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import build, copy_root, tree_state, write

WIDGETS = {"**": ["blogarchive/sidebar-tags.html", "blogarchive/sidebar-years.html"]}


def _script_items(path: Path) -> list[object]:
    """The list ``posts.js`` sets ``window.blogarchivePosts`` to."""
    text = path.read_text(encoding="utf-8")
    prefix = "window.blogarchivePosts = "
    assert text.startswith(prefix) and text.endswith(";\n"), text[:80]
    items = json.loads(text[len(prefix) : -2])
    assert isinstance(items, list)
    return items


# --------------------------------------------------------------------------
# The index of the posts, loadable from file://


def test_index_script_holds_the_index_and_follows_a_new_post(tmp_path: Path) -> None:
    src = copy_root("browser", tmp_path / "src")
    out = tmp_path / "out"
    overrides = {"html_sidebars": WIDGETS}
    first = build(src, builddir=out, confoverrides=overrides)
    assert first.warnings() == []
    script = first.outdir / "blog/posts.js"
    index = json.loads((first.outdir / "blog/posts.json").read_text(encoding="utf-8"))
    assert _script_items(script) == index
    # Pages name the JSON file only (the script sits beside it).
    widget = first.soup("about").select_one("[data-blogarchive-widget=tags]")
    assert widget is not None and widget["data-blogarchive-index"] == "blog/posts.json"
    assert "posts.js\"" not in first.path("about").read_text(encoding="utf-8")

    before = tree_state(first.outdir)
    write(
        src / "posts/2025/post-14.md",
        "---\ndate: 2025-09-01\ntags: [gardening]\n---\n\n# Late figs\n\nText.\n",
    )
    again = build(src, builddir=out, confoverrides=overrides)
    assert again.warnings() == []
    after = tree_state(again.outdir)
    items = _script_items(script)
    assert items[0]["title"] == "Late figs"  # type: ignore[index]
    assert items == json.loads((again.outdir / "blog/posts.json").read_text(encoding="utf-8"))
    # A page showing no listing is not rewritten for the new post.
    assert after["about.html"] == before["about.html"]
    assert after["blog/posts.js"] != before["blog/posts.js"]
