"""Fixtures of the sphinx-blogarchive test suite (see ``helpers.py`` for the rest).

Test roots live in ``tests/roots/test-<name>/``; the ``app`` fixture of
``sphinx.testing`` builds them. Every build works on a private copy of its
root, with the alabaster theme.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import DEFAULT_OVERRIDES, ROOTS, Built, check_invariant, strip_ansi

pytest_plugins = ("sphinx.testing.fixtures",)

#: Set to 1 to run the browser tests, like --run-browser.
BROWSER_ENV = "BLOGARCHIVE_BROWSER"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow")
    parser.addoption(
        "--run-browser",
        action="store_true",
        help=f"also run the tests marked browser (or set {BROWSER_ENV}=1); see nox -s browser",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: long-running optional test, skipped unless --run-slow is given"
    )
    config.addinivalue_line("markers", "lossy: the test's app build is not checked for lost posts")
    config.addinivalue_line(
        "markers", "browser: drives Chromium; skipped unless --run-browser is given"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_slow = pytest.mark.skip(reason="slow optional test: run with --run-slow")
    skip_browser = pytest.mark.skip(reason="browser test: run with --run-browser (nox -s browser)")
    run_browser = config.getoption("--run-browser") or os.environ.get(BROWSER_ENV) == "1"
    for item in items:
        if "slow" in item.keywords and not config.getoption("--run-slow"):
            item.add_marker(skip_slow)
        if item.get_closest_marker("browser") is not None and not run_browser:
            item.add_marker(skip_browser)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def app_params(app_params: Any, tmp_path: Path) -> Any:
    """sphinx.testing's parameters, with the root copied into this test's tmp_path.

    Without ``srcdir=``, sphinx.testing builds the root in place and puts the
    output in a folder shared by every test of that root; a copy per test
    keeps builds independent.
    """
    args, kwargs = app_params
    kwargs = dict(kwargs)
    srcdir = tmp_path / "src"
    shutil.copytree(kwargs["srcdir"], srcdir)
    kwargs["srcdir"] = srcdir
    kwargs["builddir"] = tmp_path / "_build"
    kwargs["confoverrides"] = {**DEFAULT_OVERRIDES, **(kwargs.get("confoverrides") or {})}
    return type(app_params)(args, kwargs)


@pytest.fixture(autouse=True)
def _no_post_lost(request: pytest.FixtureRequest) -> Any:
    """After a test that built sphinx.testing's ``app``: no post lost (see helpers)."""
    yield
    app = getattr(request.node, "funcargs", {}).get("app")
    if app is None or request.node.get_closest_marker("lossy"):
        return
    status = strip_ansi(app.status.getvalue())
    if "blogarchive: listed" not in status:
        return  # not built, or not built to the end
    check_invariant(
        Built(
            app=app,
            srcdir=Path(app.srcdir),
            outdir=Path(app.outdir),
            status=status,
            warning=strip_ansi(app.warning.getvalue()),
        )
    )
