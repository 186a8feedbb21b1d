"""The site's sources with the builders that write one file per document.

text and json build a copy of ``docs/`` (the guide and the 42 posts) without
a warning, and each published post's title is in its own output file.
linkcheck runs on a small root whose links are all internal, with the
network cut off. (singlehtml, epub, latex and man hold only what the root
document's toctree reaches: see ``test_builders.py`` for those.)
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, build, build_root

from sphinx_blogarchive.domain import get_domain


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("docs") / "src"
    shutil.copytree(REPO / "docs", src, symlinks=False, ignore=shutil.ignore_patterns("_build"))
    return src


@pytest.mark.parametrize(("builder", "suffix"), [("text", ".txt"), ("json", ".fjson")])
def test_site_sources_with_builder(docs: Path, tmp_path: Path, builder: str, suffix: str) -> None:
    built = build(
        docs,
        builddir=tmp_path / "out",
        buildername=builder,
        # pydata-sphinx-theme fails with the json builder; its options go with it.
        confoverrides={"html_theme": "alabaster", "html_theme_options": {}},
    )
    assert built.warnings() == []
    assert "blogarchive: listed 42;" in built.status
    archive = get_domain(built.app.env).archive
    assert len(archive.listed) == 42
    for post in archive.listed:
        text = (built.outdir / f"{post.docname}{suffix}").read_text(encoding="utf-8")
        if builder == "json":
            text = json.loads(text)["title"] + json.loads(text)["body"]
            assert post.title.replace("&", "&amp;") in text or post.title in text, post.docname
        else:
            assert post.title in text, post.docname


def test_linkcheck_on_internal_links_makes_no_connection(tmp_path: Path) -> None:
    attempts: list[Any] = []

    def connect(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("no network in this test")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        built = build_root("incremental", tmp_path, buildername="linkcheck")
    assert attempts == []
    assert "build succeeded" in built.status
    assert [w for w in built.warnings() if "blogarchive" in w] == []
    results = [
        json.loads(line)
        for line in (built.outdir / "output.json").read_text(encoding="utf-8").splitlines()
    ]
    assert all(r["status"] in ("working", "unchecked") for r in results), results
