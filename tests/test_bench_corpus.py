"""The benchmark's corpus generator (benchmarks/corpus.py): a smoke test, no builds."""

from __future__ import annotations

import datetime as dt
import re

from benchmarks import corpus
from sphinx_blogarchive.model.metadata import read_post


def _files(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*.md"))
    }


def test_same_seed_same_files(tmp_path):
    corpus.generate(tmp_path / "a", 5, seed=7)
    corpus.generate(tmp_path / "b", 5, seed=7)
    corpus.generate(tmp_path / "c", 5, seed=8)
    first = _files(tmp_path / "a")
    assert len(first) == 5
    assert first == _files(tmp_path / "b")
    assert first != _files(tmp_path / "c")


def test_posts_have_the_promised_shape(tmp_path):
    paths = corpus.generate(tmp_path, 5, seed=1)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        meta, problems, _ = read_post(text, filetype="markdown", tz=dt.UTC)
        assert problems == []
        assert 1 <= len(meta.tags) <= 4
        assert meta.date is not None
        body = text.split("---", 2)[2]
        assert "```python" in body
        assert re.search(r"^## ", body, re.MULTILINE)
        assert re.search(r"^- ", body, re.MULTILINE)
        assert "](https://" in body
        assert 250 <= len(body.split()) <= 900


def test_changes_keep_the_front_matter_valid(tmp_path):
    paths = corpus.generate(tmp_path, 5, seed=1)
    corpus.retag(paths[0], 5)
    corpus.edit_body(paths[1])
    added = corpus.new_post(tmp_path, 5)
    for path in (paths[0], paths[1], added):
        _meta, problems, _ = read_post(
            path.read_text(encoding="utf-8"), filetype="markdown", tz=dt.UTC
        )
        assert problems == []
    assert corpus.END_MARK not in paths[1].read_text(encoding="utf-8")
