"""Imported text never runs: ``import feed`` and ``import substack`` under every MyST extension.

A feed entry (or a Substack body) may hold MyST substitutions (``{{ x }}``,
which MyST renders with Jinja), Jinja statements, roles, directives, math
and colon fences. The importers write them so that MyST shows them as
written, whatever ``myst_enable_extensions`` says.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from pathlib import Path

import pytest
from helpers import build, main_of, text_of

from sphinx_blogarchive.cli._main import main
from sphinx_blogarchive.cli.importers._common import ImportedPost
from sphinx_blogarchive.cli.importers._inert import make_myst_inert

#: Every MyST extension that needs no further package (linkify needs linkify-it-py).
EXTENSIONS = [
    "amsmath",
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "html_admonition",
    "html_image",
    "strikethrough",
    "substitution",
    "tasklist",
]
CONF = (
    'extensions = ["myst_parser", "sphinx_blogarchive"]\n'
    'exclude_patterns = ["_build"]\n'
    f"myst_enable_extensions = {EXTENSIONS!r}\n"
    'myst_substitutions = {"key": "SUBSTITUTED"}\n'
    "smartquotes = False\n"
)
#: Would create the file PWNED in the working folder if MyST's Jinja ran it.
EXPLOIT = (
    "{{ env.__class__.__init__.__globals__['os'].system('touch PWNED') }} {{ 6 * 7 }} {{ key }}"
)
#: Each would be evaluated (or become markup) if it reached MyST unescaped.
HOSTILE = [
    EXPLOIT,
    "{% for x in range(3) %}loop{% endfor %} {# comment #}",
    "{eval-rst}`.. raw:: html` and {sub-ref}`today`",
    "$x^2$ and $$y$$ with | pipes | and ~~gone~~ and [^1] and {#anchor}",
]
#: An entry body that is Markdown-like text in a <pre> and plain paragraphs.
BODY = "".join(f"<p>{html.escape(text)}</p>" for text in HOSTILE) + (
    "<p>:::{note}</p><p>colon fence</p><p>:::</p>"
    "<figure><img src='https://example.org/a.png' alt='{{ key }}'>"
    "<figcaption>Caption {{ key }} {eval-rst}`x`</figcaption></figure>"
)


def feed(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>T</title>'
        "<link>https://example.org/</link><description>d</description>"
        "<item><title>{{ key }} title</title><link>https://example.org/p/hostile</link>"
        "<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>"
        f"<description>{html.escape(body)}</description></item></channel></rss>\n"
    )


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdout", out)
        mp.setattr("sys.stderr", err)
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def site(root: Path) -> Path:
    (root / "posts").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, "utf-8")
    (root / "index.md").write_text("# Blog\n", "utf-8")
    return root


def assert_shown_as_written(root: Path, tmp_path: Path, docname: str, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    built = build(root, builddir=tmp_path / "_build")
    assert not (tmp_path / "PWNED").exists()
    assert not (root / "PWNED").exists()
    assert built.warnings() == []
    page = main_of(built.soup(docname))
    text = text_of(page)
    for hostile in HOSTILE:
        assert " ".join(hostile.split()) in text
    assert "SUBSTITUTED" not in text and "42" not in text and "looploop" not in text
    assert page.find("math") is None and page.select(".math") == []
    assert page.select(".admonition") == [] and page.find("del") is None
    assert "colon fence" in text
    assert "Caption {{ key }} {eval-rst}`x`" in text
    assert page.find("img")["alt"] == "{{ key }}"
    assert built.soup(docname).find("h1").get_text().startswith("{{ key }} title")


def test_import_feed_writes_nothing_myst_evaluates(tmp_path: Path, monkeypatch) -> None:
    root = site(tmp_path / "site")
    (tmp_path / "feed.xml").write_text(feed(BODY), "utf-8")
    code, _, err = run("import", "feed", str(tmp_path / "feed.xml"), "--dir", str(root / "posts"))
    assert (code, err) == (0, "")
    assert_shown_as_written(root, tmp_path, "posts/2024/hostile", monkeypatch)


def test_import_substack_writes_nothing_myst_evaluates(tmp_path: Path, monkeypatch) -> None:
    root = site(tmp_path / "site")
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "posts.csv",
            "post_id,post_date,is_published,type,title,subtitle\n"
            "1.hostile,2024-01-01T10:00:00.000Z,true,newsletter,{{ key }} title,\n",
        )
        archive.writestr("posts/1.hostile.html", BODY)
    code, _, err = run("import", "substack", str(export), "--dir", str(root / "posts"))
    assert (code, err) == (0, "")
    assert_shown_as_written(root, tmp_path, "posts/2024/hostile", monkeypatch)


#: Markdown another tool wrote (an importer of Markdown sources hands it to the writer as is).
MARKDOWN = """\
Text {{ key }} and {eval-rst}`.. raw:: html` and `{{ key }}` in code.

```{eval-rst}
.. raw:: html

   <p id="raw">RAW</p>
```

> - ~~~{raw} html
>   <p id="raw2">RAW</p>
>   ~~~

:::{note}
{{ key }}
:::

````{figure} https://example.org/a.png
:alt: {{ key }}

Caption {{ key }}

```{eval-rst}
.. raw:: html

   <p id="raw3">RAW</p>
```
````

After {{ key }}.
"""


def test_the_writer_makes_any_markdown_inert(tmp_path: Path, monkeypatch) -> None:
    """Whatever an importer's converter returns, the writer writes nothing that runs."""
    root = site(tmp_path / "site")
    post = ImportedPost(
        source="test:1",
        title="Markdown",
        slug="markdown",
        date=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        body=MARKDOWN,
    )
    (root / "posts/markdown.md").write_text(post.text(dt.UTC), "utf-8")
    monkeypatch.chdir(tmp_path)
    built = build(root, builddir=tmp_path / "_build", confoverrides={})
    page = main_of(built.soup("posts/markdown"))
    assert page.select("#raw, #raw2, #raw3") == []
    assert "SUBSTITUTED" not in text_of(page)
    assert page.select(".admonition") == []
    assert ".. raw:: html" in text_of(page)
    assert page.find("img")["alt"] == "{{ key }}"
    assert built.warnings() == []


def test_make_myst_inert_is_idempotent_and_keeps_code() -> None:
    once = make_myst_inert(MARKDOWN)
    assert make_myst_inert(once) == once
    assert "`{{ key }}` in code" in once
    assert "Text \\{{ key }}" in once
