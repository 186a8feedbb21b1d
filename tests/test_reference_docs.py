"""The reference in docs/guide covers what the code defines, and nothing else.

Every configuration value (the :class:`BlogConfig` fields), directive and
directive option (the blog directives' ``option_spec``), role (the ``blog``
domain's roles) and warning subtype (:class:`Subtype`) has its row in the
tables of ``configuration.md``, ``directives-and-roles.md`` and
``warnings.md``; a row naming something the code lacks fails too.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO
from sphinx.testing.util import SphinxTestApp

from sphinx_blogarchive import directives as blog_directives
from sphinx_blogarchive._config import BlogConfig
from sphinx_blogarchive._warnings import WARNING_TYPE, Subtype
from sphinx_blogarchive.domain import BlogDomain

GUIDE = REPO / "docs" / "guide"

pytestmark = pytest.mark.skipif(
    not GUIDE.is_dir(), reason="the docs are not next to the tests (an installed sdist?)"
)


def _table_rows(page: str) -> list[list[str]]:
    """The cells of every Markdown table row of docs/guide/*page* (header rows left out)."""
    rows = []
    for line in (GUIDE / page).read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def _first_column(page: str) -> set[str]:
    """Names in backticks in the first column of the tables of *page*."""
    names: set[str] = set()
    for row in _table_rows(page):
        names.update(re.findall(r"`([^`]+)`", row[0]))
    return names


def _literal(value: Any) -> str:
    """How the docs write a default: JSON for strings and containers, Python otherwise."""
    if isinstance(value, str | list | dict | tuple):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def test_every_config_value_is_documented_with_its_default() -> None:
    fields = {f"blogarchive_{f.name}": f for f in dataclasses.fields(BlogConfig)}
    rows = {row[0].strip("`"): row for row in _table_rows("configuration.md") if len(row) == 4}
    documented = {name for name in rows if name.startswith("blogarchive_")}
    assert sorted(set(fields) - documented) == [], "config values without a row"
    assert sorted(documented - set(fields)) == [], "rows for config values that do not exist"
    defaults = dataclasses.asdict(BlogConfig())
    wrong = {
        name: (row[2], _literal(defaults[name.removeprefix("blogarchive_")]))
        for name, row in rows.items()
        if name in fields
        and not row[2].startswith(f"`{_literal(defaults[name.removeprefix('blogarchive_')])}`")
    }
    assert wrong == {}, "documented default differs from BlogConfig's"
    helpless = [name for name, f in fields.items() if not f.metadata.get("help")]
    assert helpless == [], "fields without help text (the description Sphinx shows)"


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The blog domain's directives and roles as Sphinx registers them (no build)."""
    srcdir = tmp_path_factory.mktemp("reference")
    (srcdir / "conf.py").write_text('extensions = ["sphinx_blogarchive"]\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        domain = app.env.get_domain("blog")
        directives = dict(domain.directives)
        roles = dict(domain.roles)
    finally:
        app.cleanup()
    return {"directives": directives, "roles": roles}


def _directive_classes() -> list[type]:
    return [
        obj
        for obj in vars(blog_directives).values()
        if isinstance(obj, type)
        and issubclass(obj, blog_directives.SphinxDirective)
        and obj.__module__ == blog_directives.__name__
        and not obj.__name__.startswith("_")
    ]


def test_every_directive_and_option_is_documented(registered: dict[str, Any]) -> None:
    text = (GUIDE / "directives-and-roles.md").read_text(encoding="utf-8")
    headings = re.findall(r"^##+ `([^`]+)`", text, flags=re.MULTILINE)
    for name in registered["directives"]:
        assert f"blog:{name}" in headings or name in headings, f"no section for blog:{name}"
    options = _first_column("directives-and-roles.md")
    missing = sorted(
        f"{cls.__name__} :{option}:"
        for cls in _directive_classes()
        for option in (cls.option_spec or {})
        if f":{option}:" not in options
    )
    assert missing == [], "directive options without a row"
    known = {f":{o}:" for cls in _directive_classes() for o in (cls.option_spec or {})}
    stale = sorted(o for o in options if o.startswith(":") and o not in known)
    assert stale == [], "rows for options that do not exist"


def test_every_role_is_documented(registered: dict[str, Any]) -> None:
    documented = {n for n in _first_column("directives-and-roles.md") if n.startswith("blog:")}
    roles = {f"blog:{name}" for name in registered["roles"]} | {
        f"blog:{name}" for name in BlogDomain.roles
    }
    assert sorted(roles - documented) == [], "roles without a row"
    assert sorted(documented - roles) == [], "rows for roles that do not exist"


def test_every_warning_subtype_is_documented() -> None:
    rows = [row for row in _table_rows("warnings.md") if len(row) == 5]
    documented = {row[0].strip("`"): row for row in rows if row[0] != "Subtype"}
    assert sorted(documented) == sorted(s.value for s in Subtype)
    for subtype in Subtype:
        assert documented[subtype.value][4] == f'`"{WARNING_TYPE}.{subtype.value}"`'


def test_reference_pages_are_in_the_guide() -> None:
    index = (GUIDE / "index.md").read_text(encoding="utf-8")
    for page in ("configuration", "directives-and-roles", "warnings"):
        assert page in index
        assert Path(GUIDE / f"{page}.md").is_file()
