"""The reference is generated from the code, and the code describes everything.

Every configuration value (the :class:`BlogConfig` fields and ABlog's
settings), directive option (each registered directive's ``option_spec``),
role (the ``blog`` domain's) and warning subtype (:class:`Subtype`) has its
description in the code; the reference pages of ``docs/guide`` hold the
directives of ``docs/_ext/blogarchive_reference.py`` that render them as
tables (and no hand-written copy); and a build of those pages shows every
name.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from docutils.parsers.rst import directives as rst_directives
from helpers import REPO, build, soup_of, text_of
from sphinx.testing.util import SphinxTestApp

from sphinx_blogarchive.ablog._project import ABLOG_SETTINGS
from sphinx_blogarchive.config._config import BlogConfig
from sphinx_blogarchive.config._reference import option_rows, reference_rows, undocumented_options
from sphinx_blogarchive.extension.domain import BlogDomain
from sphinx_blogarchive.model._warnings import DOCS, WARNING_TYPE, Subtype

DOCS_DIR = REPO / "docs"
GUIDE = DOCS_DIR / "guide"

pytestmark = pytest.mark.skipif(
    not GUIDE.is_dir(), reason="the docs are not next to the tests (an installed sdist?)"
)

#: Reference page -> the generating directives it must hold (besides options tables).
PAGES = {
    "configuration": ["blogarchive-config"],
    "directives-and-roles": ["blogarchive-roles"],
    "warnings": ["blogarchive-warnings"],
    "migrating-from-ablog": ["blogarchive-ablog-settings"],
}
#: A generating directive in a MyST page: ```{name} argument
_GENERATING = re.compile(r"^```\{(blogarchive-[a-z-]+)\}[ \t]*(\S*)", re.MULTILINE)


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the extension registers: config values, directives (by name), roles."""
    srcdir = tmp_path_factory.mktemp("reference-registry")
    (srcdir / "conf.py").write_text("", encoding="utf-8")
    (srcdir / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    plain = SphinxTestApp("html", srcdir=srcdir)
    try:
        sphinx_values = {value.name for value in plain.config}
    finally:
        plain.cleanup()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_blogarchive"]\n', encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        values = {value.name for value in app.config} - sphinx_values
        domain = app.env.get_domain("blog")
        found: dict[str, type] = {f"blog:{name}": cls for name, cls in domain.directives.items()}
        # Directives outside a domain: docutils' registry, while the app is alive.
        for name, cls in rst_directives._directives.items():
            if isinstance(cls, type) and cls.__module__.startswith("sphinx_blogarchive"):
                found[name] = cls
        roles = set(domain.roles)
    finally:
        app.cleanup()
    return {"config": values, "directives": found, "roles": roles}


# --------------------------------------------------------------------------
# Descriptions in the code


def test_every_config_value_has_its_description(registered: dict[str, Any]) -> None:
    fields = dataclasses.fields(BlogConfig)
    ours = {f"blogarchive_{f.name}" for f in fields}
    # Nothing registered without a place for its description.
    assert registered["config"] == ours | set(ABLOG_SETTINGS)
    missing = [f.name for f in fields if not str(f.metadata.get("doc", "")).strip()]
    assert missing == [], "BlogConfig fields without a description (metadata 'doc')"
    helpless = [f.name for f in fields if not str(f.metadata.get("help", "")).strip()]
    assert helpless == [], "BlogConfig fields without help text (the description Sphinx shows)"
    assert [name for name, text in ABLOG_SETTINGS.items() if not text.strip()] == []
    rows = reference_rows()
    assert [row[0] for row in rows] == [f"blogarchive_{f.name}" for f in fields]
    assert all(row[1] and row[2].startswith("`") for row in rows)


def test_every_directive_option_has_its_description(registered: dict[str, Any]) -> None:
    found = registered["directives"]
    assert {"postlist", "post", "update", "blog:archive", "blog:index", "blog:postlist"} <= set(
        found
    )
    missing = {name: undocumented_options(cls) for name, cls in found.items()}
    assert {name: options for name, options in missing.items() if options} == {}
    stale = {
        name: sorted(set(getattr(cls, "option_docs", {})) - set(cls.option_spec or {}))
        for name, cls in found.items()
    }
    assert {name: options for name, options in stale.items() if options} == {}, (
        "descriptions of options that do not exist"
    )


def test_every_role_has_its_description(registered: dict[str, Any]) -> None:
    assert set(BlogDomain.role_docs) == registered["roles"] == set(BlogDomain.roles)
    for name, doc in BlogDomain.role_docs.items():
        assert all(str(value).strip() for value in dataclasses.astuple(doc)), name


def test_every_warning_subtype_has_its_description() -> None:
    assert set(DOCS) == set(Subtype)
    for subtype in Subtype:
        assert all(text.strip() for text in dataclasses.astuple(subtype.doc)), subtype
        assert subtype.qualified == f"{WARNING_TYPE}.{subtype.value}"


# --------------------------------------------------------------------------
# The pages that render them


def _generating(page: str) -> list[tuple[str, str]]:
    """``(directive, argument)`` of each generating directive in docs/guide/*page*.md."""
    return _GENERATING.findall((GUIDE / f"{page}.md").read_text(encoding="utf-8"))


def test_reference_pages_hold_the_generating_directives(registered: dict[str, Any]) -> None:
    for page, needed in PAGES.items():
        used = {name for name, _ in _generating(page)}
        assert set(needed) <= used, f"{page}.md lacks {sorted(set(needed) - used)}"
    # Every directive with options has a table, under one of its names.
    tables = {arg for page in PAGES for name, arg in _generating(page) if name.endswith("options")}
    by_class: dict[type, set[str]] = {}
    for name, cls in registered["directives"].items():
        if cls.option_spec:
            # blog:postlist is a domain's subclass of postlist's class.
            key = next(c for c in cls.__mro__ if c.__module__.startswith("sphinx_blogarchive"))
            by_class.setdefault(key, set()).add(name)
    untabled = sorted(min(names) for names in by_class.values() if not names & tables)
    assert untabled == [], "directives whose options have no blogarchive-options table"
    # No hand-written copy left to drift: no table row naming a value or subtype.
    for page in PAGES:
        text = (GUIDE / f"{page}.md").read_text(encoding="utf-8")
        stale = re.findall(r"^\| `(?:blogarchive_\w+|:[\w-]+:|blog:\w+|[a-z]+)` \|", text, re.M)
        assert stale == [], f"{page}.md still has hand-written reference rows"


def test_reference_pages_are_in_the_guide() -> None:
    index = (GUIDE / "index.md").read_text(encoding="utf-8")
    for page in (*PAGES, "design"):
        assert f"\n{page}\n" in index, f"{page} is not in the guide's toctree"
        assert Path(GUIDE / f"{page}.md").is_file()
    conf = (DOCS_DIR / "conf.py").read_text(encoding="utf-8")
    assert '"blogarchive_reference"' in conf
    assert (DOCS_DIR / "_ext" / "blogarchive_reference.py").is_file()


def test_built_reference_shows_every_name(
    registered: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The reference pages' generating directives, built: every name is in the HTML.

    Each reference page is built with just its generating directives; the
    other guide pages are stubs, so the links in the descriptions resolve
    and the build (nitpicky) has no warning at all.
    """
    src = tmp_path_factory.mktemp("reference-build") / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(DOCS_DIR / '_ext')!r})\n"
        'extensions = ["myst_parser", "sphinx_blogarchive", "blogarchive_reference"]\n'
        "nitpicky = True\n",
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Reference\n\n```{toctree}\n:glob:\n\n*\n```\n", encoding="utf-8"
    )
    for page in GUIDE.glob("*.md"):
        if page.stem == "index":
            continue
        blocks = [
            f"```{{{name}}} {arg}".rstrip() + "\n```\n" for name, arg in _generating(page.stem)
        ]
        (src / page.name).write_text(f"# {page.stem}\n\n" + "\n".join(blocks), encoding="utf-8")
    built = build(src)
    assert built.warnings() == []

    def text(page: str) -> str:
        """The page's text without white space (cells join their parts with spaces)."""
        page_text = re.sub(r"\s+", "", text_of(soup_of(built.outdir / f"{page}.html")))
        assert page_text, page
        return page_text

    def squash(markup: str) -> str:
        """MyST *markup* as plain text without white space (close enough for a search)."""
        return re.sub(r"\s+|[`*]|\{doc\}|\[|\]\([^)]*\)", "", markup)

    config = text("configuration")
    for name, kind, _default, _doc in reference_rows():
        assert name in config
        assert squash(kind) in config
    options = text("directives-and-roles") + text("migrating-from-ablog")
    for name, cls in registered["directives"].items():
        for names, _doc in option_rows(cls):
            for option in names:
                assert f":{option}:" in options, (name, option)
    roles = text("directives-and-roles")
    for role in BlogDomain.roles:
        assert f"blog:{role}" in roles
    warnings = text("warnings")
    for subtype in Subtype:
        assert f'"{subtype.qualified}"' in warnings
        assert squash(subtype.doc.fix)[:30] in warnings
    ablog = text("migrating-from-ablog")
    for setting in ABLOG_SETTINGS:
        assert setting in ablog
    # Rows carry ids, so a link can point at one value.
    soup = soup_of(built.outdir / "configuration.html")
    assert soup.find(id="confval-blogarchive-url-layout") is not None
