"""``sphinx-blogarchive import KIND``: malformed and hostile input, unusable sources, re-runs.

A malformed post, item or file gives a problem that names it, and no other
post is lost; a WordPress export that declares entities is refused whole;
a hand edit is kept unless ``--force``; the authors registry keeps what is
in it. The fixtures are those of ``test_import_tools.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from helpers import build
from test_import_tools import CASES, DATA, problems_of, run, site

# --------------------------------------------------------------------------
# Malformed input: a clear problem, and no other post lost

BROKEN = {
    "mkdocs-material": (
        "docs/blog/posts/broken.md",
        b"---\ndate: [2024-05-01\n---\n\n# Broken\n",
        "posts/broken.md: front matter is not valid YAML (line 3): expected ',' or ']', but "
        "got '<stream end>'; the post is not imported",
    ),
    "docusaurus": (
        "blog/2024-05-01-open.md",
        b"---\ntitle: Never closed\n\nThe body.\n",
        "blog/2024-05-01-open.md: front matter opened with '---' on line 1 is never closed; "
        "the post is not imported",
    ),
    "quarto": (
        "posts/latin/index.qmd",
        b'---\ntitle: "Caf\xe9"\ndate: 2024-05-01\n---\n\nText.\n',
        "posts/latin/index.qmd: not UTF-8 text ('utf-8' codec can't decode byte 0xe9 in "
        "position 15: invalid continuation byte); the post is not imported",
    ),
    "jekyll": (
        "_posts/2024-05-01-a-list.md",
        b"---\n- not\n- a mapping\n---\n\nText.\n",
        "_posts/2024-05-01-a-list.md: front matter is not a mapping of keys; "
        "the post is not imported",
    ),
    "hugo": (
        "content/posts/bad-toml.md",
        b"+++\ntitle = \n+++\n\nText.\n",
        # tomllib's own words may change between Python versions
        "content/posts/bad-toml.md: front matter is not valid TOML: …; the post is not imported",
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_post_is_reported_and_the_others_imported(kind: str, tmp_path: Path) -> None:
    source = shutil.copytree(DATA / f"import-{kind}", tmp_path / "source")
    name, data, problem = BROKEN[kind]
    (source / name).parent.mkdir(parents=True, exist_ok=True)
    (source / name).write_bytes(data)
    root = site(tmp_path / "site")
    code, out, err = run(kind, source / CASES[kind].source, root / "posts")
    assert code == 1
    prefix, _, suffix = problem.partition("…")
    found = problems_of(err)
    assert problem in found or any(
        p.startswith(prefix) and p.endswith(suffix) for p in found if "…" in problem
    ), found
    assert (
        out
        == CASES[kind]
        .summary.replace(
            f"{len(CASES[kind].problems)} problem", f"{len(CASES[kind].problems) + 1} problem"
        )
        .replace("1 problems", "1 problem")
        .replace("problem;", "problems;")
        + "\n"
    )
    created = int(CASES[kind].summary.split()[1].rstrip(","))
    assert len(list((root / "posts").rglob("*.md"))) == created
    assert build(root, builddir=tmp_path / "_build").warnings() == []


def wxr(tmp_path: Path, text: str) -> Path:
    source = shutil.copytree(DATA / "import-wordpress", tmp_path / "source")
    (source / "export.xml").write_text(text, "utf-8")
    return source / "export.xml"


def test_wordpress_broken_item_is_skipped_and_the_others_imported(tmp_path: Path) -> None:
    original = (DATA / "import-wordpress" / "export.xml").read_text("utf-8")
    broken = original.replace(
        "<title><![CDATA[Classic editor post]]></title>", "<title>Fish & chips</title>"
    )
    line = broken[: broken.index("Fish & chips")].count("\n")
    root = site(tmp_path / "site")
    code, out, err = run("wordpress", wxr(tmp_path, broken), root / "posts")
    assert code == 1
    problems = problems_of(err)
    assert problems[0].startswith(
        "export.xml: not well-formed XML (not well-formed (invalid token)"
    )
    assert problems[0].endswith("; read item by item")
    assert problems[1].startswith(f"export.xml:{line}: item is not well-formed (")
    assert problems[1].endswith("); skipped")
    assert out.startswith("created 2, updated 0, unchanged 0, skipped 2")
    names = sorted(p.relative_to(root / "posts").as_posix() for p in root.rglob("posts/**/*.md"))
    assert names == ["2024/storm-season.md", "2024/unfinished-draft.md"]
    authors = yaml.safe_load((root / "authors.yml").read_text("utf-8"))
    assert authors == {"mara": {"name": "Mara Quay"}}


def test_wordpress_truncated_file_keeps_the_whole_items(tmp_path: Path) -> None:
    original = (DATA / "import-wordpress" / "export.xml").read_text("utf-8")
    cut = original[: original.index("<wp:post_id>21</wp:post_id>")]
    root = site(tmp_path / "site")
    code, out, err = run("wordpress", wxr(tmp_path, cut), root / "posts")
    assert code == 1
    line = cut[: cut.rindex("<item>")].count("\n") + 1
    assert problems_of(err)[:2] == [
        f"export.xml: not well-formed XML (no element found: line {cut.count(chr(10)) + 1}, "
        "column 2); read item by item",
        f"export.xml:{line}: item is not complete (no </item>); skipped",
    ]
    assert out.startswith("created 2, updated 0, unchanged 0, skipped 0; 3 problems")


@pytest.mark.parametrize(
    "declaration",
    [
        '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
        '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
    ],
)
def test_wordpress_entities_are_never_expanded(tmp_path: Path, declaration: str) -> None:
    original = (DATA / "import-wordpress" / "export.xml").read_text("utf-8")
    hostile = original.replace("<rss version", f"{declaration}\n<rss version", 1).replace(
        "Classic editor post]]>", "]]>&lol2;<![CDATA["
    )
    root = site(tmp_path / "site")
    code, out, err = run("wordpress", wxr(tmp_path, hostile), root / "posts")
    assert code == 2
    assert out == ""
    assert "has a document type or entity declaration" in err
    assert "entities are never expanded" in err
    assert not (root / "posts").exists()


def test_wordpress_reads_no_comment_and_no_address(imported_wordpress: Path) -> None:
    text = "\n".join(p.read_text("utf-8") for p in imported_wordpress.rglob("*.md"))
    text += (imported_wordpress.parent / "authors.yml").read_text("utf-8")
    for secret in ("@harbour.example.org", "reader@example.net", "192.0.2.10", "Stay safe"):
        assert secret not in text
    assert "About" not in text  # the page


@pytest.fixture
def imported_wordpress(tmp_path: Path) -> Path:
    root = site(tmp_path / "site")
    code, _, _ = run("wordpress", DATA / "import-wordpress" / "export.xml", root / "posts")
    assert code == 1
    return root / "posts"


@pytest.mark.parametrize(
    ("kind", "source", "message"),
    [
        ("mkdocs-material", "nowhere", "nowhere: no such folder (the blog's posts folder)"),
        ("docusaurus", ".", ": no .md or .mdx posts in this folder"),
        ("quarto", ".", ": no .qmd or .md posts in this folder"),
        ("jekyll", ".", ": no posts in _posts/ or _drafts/"),
        ("hugo", ".", ": no posts in this folder"),
        ("wordpress", "export.xml", "export.xml: no such file (a WordPress export, .xml)"),
    ],
)
def test_an_unusable_source_is_a_usage_error(
    kind: str, source: str, message: str, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(kind, empty / source, tmp_path / "posts")
    assert code == 2
    assert out == ""
    assert err.startswith("sphinx-blogarchive: ") and message in err
    assert not (tmp_path / "posts").exists()


def test_an_edited_post_is_kept_and_force_overwrites_it(tmp_path: Path) -> None:
    source = shutil.copytree(DATA / "import-hugo", tmp_path / "source")
    root = site(tmp_path / "site")
    run("hugo", source, root / "posts")
    post = root / "posts" / "2024" / "bundled.md"
    edited = post.read_text("utf-8").replace("A page bundle keeps", "A page bundle, edited, keeps")
    post.write_text(edited, "utf-8")
    (source / "content/posts/bundle-post/index.md").write_text(
        (source / "content/posts/bundle-post/index.md").read_text("utf-8") + "\nMore.\n", "utf-8"
    )
    code, out, err = run("hugo", source, root / "posts")
    assert out.startswith("created 0, updated 0, unchanged 2, skipped 1 (1 edited by hand)")
    assert f"kept {post}: edited since it was imported; --force overwrites it" in err
    assert post.read_text("utf-8") == edited
    code, out, _ = run("hugo", source, root / "posts", "--force")
    assert code == 1
    assert out.startswith("created 0, updated 1, unchanged 2, skipped 0")
    assert post.read_text("utf-8").rstrip().endswith("More.")


def test_authors_registry_keeps_what_is_there(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    registry = root / "authors.yml"
    registry.write_text("# Our authors\nmara:\n  name: Mara Q. (edited)\n", "utf-8")
    run("wordpress", DATA / "import-wordpress" / "export.xml", root / "posts")
    assert registry.read_text("utf-8") == (
        "# Our authors\nmara:\n  name: Mara Q. (edited)\ntom:\n  name: Tom Pier\n"
    )


@pytest.mark.parametrize("kind", sorted(CASES))
def test_every_kind_has_help(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    from sphinx_blogarchive.cli._main import main

    assert main(["import", kind, "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"usage: sphinx-blogarchive import {kind} [-h]")
    for option in ("--authors-file AUTHORS_FILE", "--dir DIR", "--force", "--timezone"):
        assert option in shown
