"""JSON-LD, OpenGraph (sphinxext-opengraph), sitemap (sphinx-sitemap) and search."""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import Built, blog_pages, build, build_root, copy_root, searchable

from sphinx_blogarchive.pages._seo import json_ld

BASE = "https://blog.example.org/"
OVERRIDES = {"suppress_warnings": ["myst.header"], "html_baseurl": BASE}


def installed(module: str) -> bool:
    """True when *module* can be imported (its parent package may be missing too)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


needs_opengraph = pytest.mark.skipif(
    not installed("sphinxext.opengraph"),
    reason="sphinxext-opengraph is not installed (pip install '.[ecosystem]')",
)
needs_sitemap = pytest.mark.skipif(
    not installed("sphinx_sitemap"),
    reason="sphinx-sitemap is not installed (pip install '.[ecosystem]')",
)


def sitemap_urls(outdir: Path) -> set[str | None]:
    """The page URLs (``<loc>``) of sphinx-sitemap's ``sitemap.xml`` in *outdir*."""
    tree = ET.parse(outdir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return {loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)}


def _ld(built: Built, pagename: str) -> list[dict[str, object]]:
    scripts = built.soup(pagename).select('head script[type="application/ld+json"]')
    return [json.loads(s.string) for s in scripts]


def _meta(built: Built, pagename: str) -> dict[str, str]:
    head = built.soup(pagename).head
    return {
        m.get("property") or m.get("name"): m["content"]
        for m in head.find_all("meta")
        if m.get("content") is not None and (m.get("property") or m.get("name"))
    }


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("basic", tmp_path_factory.mktemp("seo"), confoverrides=OVERRIDES)


def test_json_ld_escapes_script_end() -> None:
    out = json_ld({"headline": "a </script><script>alert(1)</script> <!-- b"})
    assert out.count("</script>") == 1
    assert out.endswith("</script>")
    assert "\\u003c/script\\u003e" in out
    assert "<!--" not in out
    body = out.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body)["headline"] == "a </script><script>alert(1)</script> <!-- b"


def test_post_pages_carry_blog_posting(basic: Built) -> None:
    assert basic.warnings() == []
    (data,) = _ld(basic, "posts/2023/first-light")
    assert data["@type"] == "BlogPosting"
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "First light"
    assert data["datePublished"] == "2023-03-15"
    assert data["dateModified"] == "2023-03-15"
    assert data["description"] == "Where it all began"
    assert data["author"] == [{"@type": "Person", "name": "Ada Lovelace"}]
    assert data["keywords"] == ["Python", "Sphinx"]
    assert data["url"] == f"{BASE}posts/2023/first-light.html"
    (headless,) = _ld(basic, "posts/2024/headless")
    assert headless["dateModified"] == "2024-03-03"
    # Not on ordinary or generated pages.
    assert _ld(basic, "index") == []
    assert _ld(basic, "blog/index") == []


def test_generated_pages_are_not_searchable(basic: Built) -> None:
    found = searchable(basic.outdir)
    assert "posts/2023/first-light" in found
    assert not [name for name in found if name.startswith("blog/")]
    assert blog_pages(basic.outdir)  # they exist, just not in the index


@needs_opengraph
def test_opengraph_tags(tmp_path: Path) -> None:
    built = build_root(
        "basic",
        tmp_path,
        confoverrides={
            **OVERRIDES,
            "extensions": ["myst_parser", "sphinx_blogarchive", "sphinxext.opengraph"],
            "ogp_site_url": BASE,
        },
    )
    assert built.warnings() == []
    meta = _meta(built, "posts/2023/first-light")
    assert meta["og:type"] == "article"
    assert meta["og:description"] == "Where it all began"
    assert meta["article:published_time"] == "2023-03-15"
    assert meta["article:author"] == "Ada Lovelace"
    assert meta["og:url"] == f"{BASE}posts/2023/first-light.html"
    # A post without a subtitle: the extension's own description of the text.
    assert _meta(built, "posts/2024/headless")["og:type"] == "article"
    # Ordinary pages keep the default type.
    assert _meta(built, "index")["og:type"] == "website"
    tag = _meta(built, "blog/tag/python")
    assert tag["og:type"] == "website"
    assert tag["og:url"] == f"{BASE}blog/tag/python.html"
    assert tag["og:title"]
    assert tag["og:site_name"] == "Basic blog"
    assert _meta(built, "blog/index")["og:url"] == f"{BASE}blog/index.html"


@needs_sitemap
@pytest.mark.filterwarnings("ignore:.*BuildEnvironment.app.*")
@pytest.mark.parametrize("parallel", [1, 2])
def test_sitemap_lists_generated_pages(
    tmp_path: Path, parallel: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With -j 2 the generated pages are written by worker processes (however
    # few, here); the sitemap (filled through a multiprocessing queue) still
    # gets them all.
    from sphinx_blogarchive.pages import _generated as pages

    monkeypatch.setattr(pages, "MIN_PARALLEL_PAGES", 2)
    monkeypatch.setattr(pages, "CHUNK_PAGES", 2)
    built = build_root(
        "basic",
        tmp_path,
        parallel=parallel,
        confoverrides={
            **OVERRIDES,
            "extensions": ["myst_parser", "sphinx_blogarchive", "sphinx_sitemap"],
            "sitemap_url_scheme": "{link}",
        },
    )
    assert built.warnings() == []
    urls = sitemap_urls(built.outdir)
    expected = {f"{BASE}{page}" for page in blog_pages(built.outdir)}
    assert expected
    assert expected <= urls
    assert f"{BASE}posts/2023/first-light.html" in urls


TRICKY = """\
---
date: 2024-06-01T09:30:00+02:00
subtitle: 'He said "hi" & left </script><!-- x'
image: https://img.example.org/cover.png
tags: [a]
---

# Tricky

Body.
"""


def _tricky_root(tmp_path: Path) -> Path:
    src = copy_root("basic", tmp_path / "src")
    (src / "posts" / "2024" / "tricky.md").write_text(TRICKY, encoding="utf-8")
    return src


def test_json_ld_of_a_tricky_post(tmp_path: Path) -> None:
    built = build(_tricky_root(tmp_path), builddir=tmp_path / "_build", confoverrides=OVERRIDES)
    assert built.warnings() == []
    html = built.path("posts/2024/tricky").read_text(encoding="utf-8")
    assert "</script><!-- x" not in html
    (data,) = _ld(built, "posts/2024/tricky")
    assert data["description"] == 'He said "hi" & left </script><!-- x'
    assert data["image"] == "https://img.example.org/cover.png"
    assert data["datePublished"] == "2024-06-01T09:30:00+02:00"


@needs_opengraph
def test_opengraph_description_is_escaped(tmp_path: Path) -> None:
    built = build(
        _tricky_root(tmp_path),
        builddir=tmp_path / "_build",
        confoverrides={
            **OVERRIDES,
            "extensions": ["myst_parser", "sphinx_blogarchive", "sphinxext.opengraph"],
            "ogp_site_url": BASE,
        },
    )
    assert built.warnings() == []
    meta = _meta(built, "posts/2024/tricky")
    assert meta["og:description"] == 'He said "hi" & left </script><!-- x'
    assert meta["article:published_time"] == "2024-06-01T09:30:00+02:00"


@needs_sitemap
@pytest.mark.filterwarnings("ignore:.*BuildEnvironment.app.*")
def test_incremental_sitemap_lists_only_pages_written(tmp_path: Path) -> None:
    """The documented limit: sphinx-sitemap lists the pages written in that build."""
    overrides = {
        **OVERRIDES,
        "extensions": ["myst_parser", "sphinx_blogarchive", "sphinx_sitemap"],
        "sitemap_url_scheme": "{link}",
    }
    src = copy_root("basic", tmp_path / "src")
    build(src, builddir=tmp_path / "_build", confoverrides=overrides)
    post = src / "posts" / "2025" / "latest.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    again = build(src, builddir=tmp_path / "_build", confoverrides=overrides)
    urls = sitemap_urls(again.outdir)
    assert f"{BASE}posts/2025/latest.html" in urls
    assert (again.outdir / "blog" / "year" / "2023.html").is_file()
    assert f"{BASE}blog/year/2023.html" not in urls


@needs_opengraph
def test_opengraph_with_redirect_pages(tmp_path: Path) -> None:
    """Issue 18: sphinxext-opengraph and a redirect page (a KeyError in the page's title)."""
    from helpers import soup_of

    src = tmp_path / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_blogarchive", "sphinxext.opengraph"]\n'
        'exclude_patterns = ["_build"]\nogp_site_url = "https://example.org/"\n'
        'blogarchive_tag_aliases = {"py": "python"}\n',
        "utf-8",
    )
    (src / "index.md").write_text("# Home\n", "utf-8")
    (src / "posts/a.md").write_text(
        "---\ndate: 2024-01-02\nredirect_from: [old/a]\ntags: [python]\n---\n\n# A\n", "utf-8"
    )
    built = build(src, builddir=tmp_path / "_build")
    assert [w for w in built.warnings() if "blogarchive" in w] == []
    for page in ("old/a", "blog/tag/py"):
        redirect = soup_of(built.outdir / f"{page}.html")
        assert redirect.find("meta", attrs={"http-equiv": "refresh"}) is not None
    assert soup_of(built.path("blog/tag/python")).find("meta", property="og:title") is not None
