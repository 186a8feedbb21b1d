"""Development tasks: ``nox -s docs``, ``nox -s live``, ``nox -s tests``, ``nox -s lint``,
``nox -s browser``, ``nox -s bench``.

Each session makes its own virtual environment with the standard library's
venv module and installs the package with one of its extras.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
# `nox` alone runs these; `live` serves until stopped and `bench` takes long, so
# only on request.
nox.options.sessions = ["lint", "tests", "docs"]
# A missing Python is an error, not a skipped session that looks like success.
nox.options.error_on_missing_interpreters = True

PYTHON = "3.11"
#: Debian's Chromium, which the browser tests drive (Playwright's own download is not used).
CHROMIUM = os.environ.get("BLOGARCHIVE_CHROMIUM", "/usr/bin/chromium")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site into docs/_build/html; warnings are errors."""
    session.install(".[docs]")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def live(session: nox.Session) -> None:
    """Serve the site with live reload; edits to posts/ (behind docs/posts) are seen."""
    session.install(".[docs,live]")
    session.run(
        "sphinx-autobuild", "docs", "docs/_build/html", "--watch", "posts", *session.posargs
    )


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite, the slow tests included; arguments after -- go to pytest."""
    session.install(".[test]")
    session.run("pytest", *(session.posargs or ["--run-slow"]))


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff (lint and format check) and mypy --strict (configured in pyproject.toml)."""
    session.install(".[lint]")
    session.run("ruff", "check")
    session.run("ruff", "format", "--check")
    session.run("mypy")


@nox.session(python=PYTHON)
def browser(session: nox.Session) -> None:
    """Drive Chromium with Playwright against built sites (tests/browser).

    Installs Debian's ``chromium`` package first when it is missing, which
    needs root and apt (as on CI); arguments after -- go to pytest.
    """
    if not Path(CHROMIUM).exists():
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            session.error(
                f"no Chromium at {CHROMIUM}: install Debian's chromium package "
                "(apt-get install chromium, as root) or set BLOGARCHIVE_CHROMIUM"
            )
        apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", external=True, env=apt_env)
        session.run(
            "apt-get",
            "install",
            "-y",
            "chromium",
            external=True,
            env=apt_env,
        )
    session.install(".[test,browser]")
    session.run("pytest", "tests/browser", "--run-browser", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmark against plain Sphinx and ABlog; arguments after -- go to the runner.

    ``nox -s bench`` runs N = 42 and 500 posts, three runs each, and writes the
    tables to benchmarks/results; ``nox -s bench -- --sizes 2000 --runs 1
    --flavours plain,ours`` for larger sizes (see ``python -m benchmarks.run --help``).
    """
    session.install(".[docs]", "ablog")
    session.run("python", "-m", "benchmarks.run", *session.posargs)
