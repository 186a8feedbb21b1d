"""Release: the wheel and the sdist hold the templates, static files and catalogs.

Both are built in-process with flit_core (the build backend of
pyproject.toml), into a temporary folder. Installing the wheel into a fresh
virtual environment and building a small project with it takes a minute and
the network (or pip's cache); that is ``nox -s release``, which .ci/run runs.
"""

from __future__ import annotations

import os
import tarfile
import zipfile
from pathlib import Path

import pytest
from helpers import REPO

import sphinx_blogarchive

flit_buildapi = pytest.importorskip("flit_core.buildapi")

pytestmark = pytest.mark.skipif(
    not (REPO / "pyproject.toml").is_file(), reason="needs the source tree"
)

PACKAGE = Path(sphinx_blogarchive.__file__).parent
#: Data files (not Python) that must ship inside the package.
DATA = [
    "py.typed",
    "static/blogarchive.css",
    "static/blogarchive.js",
    "locales/sphinx_blogarchive.pot",
    "locales/de/LC_MESSAGES/sphinx_blogarchive.po",
    "locales/de/LC_MESSAGES/sphinx_blogarchive.mo",
    *(p.relative_to(PACKAGE).as_posix() for p in sorted((PACKAGE / "templates").rglob("*.html"))),
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        flit_buildapi.build_wheel(str(out))
        flit_buildapi.build_sdist(str(out))
    finally:
        os.chdir(cwd)
    return out


def test_templates_are_in_the_package() -> None:
    assert any(name.startswith("templates/blogarchive/") for name in DATA)
    assert len([n for n in DATA if n.endswith(".html")]) >= 10


def test_wheel_holds_the_package_data(dist: Path) -> None:
    [wheel] = dist.glob("sphinx_blogarchive-*.whl")
    assert wheel.name == f"sphinx_blogarchive-{sphinx_blogarchive.__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in DATA if f"sphinx_blogarchive/{f}" not in names]
    assert missing == []
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith("tests/")]
    metadata = zipfile.ZipFile(wheel).read(
        f"sphinx_blogarchive-{sphinx_blogarchive.__version__}.dist-info/METADATA"
    )
    assert b"Requires-Dist: sphinx>=7.4" in metadata
    assert b"Requires-Python: >=3.11" in metadata


def test_sdist_holds_the_package_data_tests_and_docs(dist: Path) -> None:
    [sdist] = dist.glob("sphinx_blogarchive-*.tar.gz")
    prefix = f"sphinx_blogarchive-{sphinx_blogarchive.__version__}/"
    with tarfile.open(sdist) as tar:
        names = {n.removeprefix(prefix) for n in tar.getnames()}
    missing = [f for f in DATA if f"sphinx_blogarchive/{f}" not in names]
    assert missing == []
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md", "babel.cfg", "noxfile.py"):
        assert name in names
    assert "tests/test_release.py" in names
    assert "docs/guide/translations.md" in names
    assert not [n for n in names if n.startswith("docs/_build/") or "__pycache__" in n]
