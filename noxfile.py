"""Development tasks: ``nox -s docs``, ``nox -s live``, ``nox -s tests``, ``nox -s lint``.

Each session makes its own virtual environment with the standard library's
venv module and installs the package with one of its extras.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
# `nox` alone runs these; `live` serves until stopped, so only on request.
nox.options.sessions = ["lint", "tests", "docs"]
# A missing Python is an error, not a skipped session that looks like success.
nox.options.error_on_missing_interpreters = True

PYTHON = "3.11"


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
    """Run the test suite; arguments after -- go to pytest."""
    session.install(".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff (lint and format check) and mypy --strict (configured in pyproject.toml)."""
    session.install(".[lint]")
    session.run("ruff", "check")
    session.run("ruff", "format", "--check")
    session.run("mypy")
