"""Notebook posts through myst-nb: the post fields are in the notebook's metadata."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import copy_root, entries, soup_of

from sphinx_blogarchive.model._readers import read_front_matter
from sphinx_blogarchive.model.metadata import notebook_front_matter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_notebook_front_matter() -> None:
    text = json.dumps(
        {"metadata": {"kernelspec": {"name": "python3"}, "date": "2024-03-05", "tags": ["a"]}}
    )
    front = read_front_matter(notebook_front_matter(text))
    assert {k: f.value for k, f in front.fields.items()} == {"date": "2024-03-05", "tags": ["a"]}
    assert notebook_front_matter("not json") == ""
    assert notebook_front_matter(json.dumps({"metadata": {"kernelspec": {}}})) == ""


@dataclass
class Output:
    outdir: Path
    stderr: str

    def soup(self, pagename: str) -> BeautifulSoup:
        return soup_of(self.outdir / f"{pagename}.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Output:
    if importlib.util.find_spec("myst_nb") is None:
        pytest.skip("myst-nb is not installed (pip install '.[ecosystem]')")
    # In a process of its own: in the test process, earlier myst-parser
    # builds leave ".md" mapped to a "markdown" parser myst-nb does not register.
    dest = tmp_path_factory.mktemp("notebooks")
    src = copy_root("notebooks", dest / "src")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(dest / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return Output(dest / "out", result.stderr)


def test_notebook_is_a_post(built: Output) -> None:
    assert built.stderr == ""
    listed = entries(built.soup("index"))
    assert [e.title for e in listed] == ["Counting birds", "Words"]
    birds = next(e for e in listed if e.title == "Counting birds")
    assert birds.subtitle == "Data from the garden"
    assert birds.datetime is not None and birds.datetime.startswith("2024-03-05")
    assert (built.outdir / "blog" / "tag" / "birds.html").is_file()
    assert (built.outdir / "blog" / "category" / "notebooks.html").is_file()
    page = built.soup("posts/birds").get_text()
    assert "42" in page  # the stored output is shown
