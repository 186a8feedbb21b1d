"""Intersphinx: posts and generated pages are in ``objects.inv``; another project links to them.

The second project reads the first one's inventory from the local output
folder (no network).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build, build_root, resolve_href
from sphinx.util.inventory import InventoryFile


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory):
    return build_root(
        "basic",
        tmp_path_factory.mktemp("first"),
        confoverrides={"suppress_warnings": ["myst.header"]},
    )


def _uri(item: object) -> str:
    # Sphinx >= 8.2 has inventory items with attributes; 7.4 has tuples.
    uri = getattr(item, "uri", None)
    return str(uri if uri is not None else item[2])  # type: ignore[index]


def _inventory(outdir: Path) -> dict[str, dict[str, str]]:
    """``{"blog:tag": {name: uri}}`` of the inventory in *outdir*."""
    with (outdir / "objects.inv").open("rb") as stream:
        data = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {
        kind: {name: _uri(item) for name, item in items.items()} for kind, items in data.items()
    }


def test_inventory_holds_posts_and_generated_pages(first) -> None:
    assert first.warnings() == []
    inv = _inventory(first.outdir)
    assert set(inv["blog:post"]) >= {"posts/2023/first-light", "posts/2024/headless"}
    assert inv["blog:post"]["posts/2024/headless"] == "posts/2024/headless.html"
    tags = inv["blog:tag"]
    assert {"Python", "Sphinx", "web"} <= {name.casefold() for name in tags} | set(tags)
    python = next(v for k, v in tags.items() if k.casefold() == "python")
    assert python == "blog/tag/python.html"
    assert (first.outdir / python).is_file()
    assert inv["blog:category"]["Essays"] == "blog/category/essays.html"
    assert inv["blog:author"]["Ada Lovelace"] == "blog/author/ada-lovelace.html"
    assert inv["blog:year"]["2024"] == "blog/year/2024.html"
    assert inv["blog:page"]["archive"] == "blog/index.html"
    assert inv["blog:page"]["tags"] == "blog/tag/index.html"
    for kind in ("blog:tag", "blog:category", "blog:author", "blog:year", "blog:page"):
        for item in inv[kind].values():
            assert (first.outdir / item).is_file(), item


SECOND_CONF = """\
project = "Second"
extensions = ["myst_parser", "sphinx.ext.intersphinx", "sphinx_blogarchive"]
intersphinx_mapping = {{"blog": ({target!r}, {inventory!r})}}
intersphinx_disabled_reftypes = []
"""

SECOND_INDEX = """\
# Second

- Explicit post: {external+blog:blog:post}`posts/2024/headless`
- Explicit tag: {external+blog:blog:tag}`Python`
- Year: {external+blog:blog:year}`2023`
- Fallback post: {blog:post}`posts/2023/first-light`
- Fallback category: {blog:category}`Essays`
"""


def test_second_project_links_through_intersphinx(first, tmp_path: Path) -> None:
    src = tmp_path / "second"
    src.mkdir()
    (src / "conf.py").write_text(
        SECOND_CONF.format(
            target=first.outdir.as_uri(), inventory=str(first.outdir / "objects.inv")
        ),
        encoding="utf-8",
    )
    (src / "index.md").write_text(SECOND_INDEX, encoding="utf-8")
    second = build(src, builddir=tmp_path / "_build")
    assert second.warnings() == []
    links = {a.get_text(): a["href"] for a in second.soup("index").select("a.reference.external")}
    base = first.outdir.as_uri()
    assert links["A post without a heading"] == f"{base}/posts/2024/headless.html"
    assert links["Python"] == f"{base}/blog/tag/python.html"
    assert links["2023"] == f"{base}/blog/year/2023.html"
    assert links["Essays"] == f"{base}/blog/category/essays.html"
    assert f"{base}/posts/2023/first-light.html" in links.values()
    for href in links.values():
        assert resolve_href(first.outdir / "index.html", href.removeprefix(f"{base}/")).is_file()
