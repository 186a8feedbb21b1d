"""The guides say what the project is: the site's settings, the install extras."""

from __future__ import annotations

import ast
import re

from helpers import ROOTS

DOCS = ROOTS.parent.parent / "docs"


def assignments(source: str) -> dict[str, object]:
    """``{name: literal value}`` of the top-level assignments of *source* (Python)."""
    found: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    try:
                        found[target.id] = ast.literal_eval(node.value)
                    except ValueError:
                        found[target.id] = ast.unparse(node.value)
    return found


def settings_block() -> str:
    text = (DOCS / "guide" / "configuration.md").read_text("utf-8")
    start = text.index("\n## This site's settings\n")
    end = text.find("\n## ", start + 1)
    [block] = re.findall(r"```python\n(.*?)```", text[start:end], flags=re.S)
    return block


def test_the_settings_block_is_docs_conf() -> None:
    shown = assignments(settings_block())
    conf = assignments((DOCS / "conf.py").read_text("utf-8"))
    blog = {
        name: value
        for name, value in conf.items()
        if name.startswith("blogarchive_") or name == "html_baseurl"
    }
    assert shown == blog
    assert list(shown) == list(blog)  # in the order conf.py sets them


def test_install_guide_lists_every_extra() -> None:
    import tomllib

    project = tomllib.loads((DOCS.parent / "pyproject.toml").read_text("utf-8"))["project"]
    text = (DOCS / "guide" / "install.md").read_text("utf-8")
    rows = re.findall(r"^\| `([\w-]+)` \| [^|]+ \| ([^|]+) \|$", text, flags=re.M)

    def names(requirements: list[str]) -> list[str]:
        return [re.split(r"[<>=\[ ]", r, maxsplit=1)[0].lower() for r in requirements]

    assert {extra: holds.strip().lower().split(", ") for extra, holds in rows} == {
        extra: names(requirements)
        for extra, requirements in project["optional-dependencies"].items()
    }
    for requirement in [*names(project["dependencies"]), "lxml"]:  # lxml: feedgen's
        assert requirement in text.lower(), requirement
