"""``sphinx-blogarchive check``: the same problems, lines and subtypes as a real build.

The reference is always a build: each test root is built with Sphinx and the
``blogarchive.*`` warnings of the kinds ``check`` covers (frontmatter, date,
metadata, slug) are compared with ``check --format json`` on the same files.
The roots are the handed cases (``test-case-*``, copied from shared/cases),
their MyST posts rewritten as reStructuredText, and ``test-check`` (every
problem, in both languages).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from helpers import (
    ROOTS,
    build,
    build_root,
    copy_root,
    old_myst_crashes_on_impossible_dates,
    old_myst_crashes_on_unknown_yaml_tags,
)

from sphinx_blogarchive.cli import _check, _headings
from sphinx_blogarchive.cli._main import main

#: The subtypes a post's own source can cause (the others need the whole project).
CHECKED = ("frontmatter", "date", "metadata", "slug", "nopost")
_WARNING = re.compile(
    r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?: WARNING: (?P<message>.*) \[(?P<subtype>[\w.]+)\]$"
)

CASE_ROOTS = sorted(p.name.removeprefix("test-") for p in ROOTS.glob("test-case-*"))


def build_findings(warnings: list[str]) -> list[dict[str, Any]]:
    """The warnings of a build that ``check`` should report, as its JSON gives them."""
    found = []
    for line in warnings:
        match = _WARNING.match(line)
        if match is None or match["subtype"] not in {f"blogarchive.{s}" for s in CHECKED}:
            continue
        found.append(
            {
                "file": match["file"],
                "line": int(match["line"]) if match["line"] else None,
                "subtype": match["subtype"],
                "message": match["message"],
            }
        )
    return sorted(found, key=lambda f: (f["file"], f["line"] or 0, f["message"]))


def check_json(
    srcdir: Path, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[dict[str, Any]]]:
    """Run ``check --format json`` on *srcdir*; return the exit code and its findings."""
    capsys.readouterr()
    code = main(["check", str(srcdir), "--format", "json", *args])
    findings = json.loads(capsys.readouterr().out)
    for finding in findings:
        finding["file"] = Path(finding["file"]).relative_to(srcdir).as_posix()
    return code, sorted(findings, key=lambda f: (f["file"], f["line"] or 0, f["message"]))


def assert_check_equals_build(
    src: Path, tmp: Path, capsys: pytest.CaptureFixture[str]
) -> list[dict[str, Any]]:
    built = build(src, builddir=tmp / "_build")
    expected = build_findings(built.warnings())
    # check reads the sources, never the build's output
    shutil.rmtree(tmp / "_build")
    code, got = check_json(src, capsys)
    assert got == expected
    assert code == (1 if expected else 0)
    return got


@pytest.mark.parametrize(
    "root",
    [
        pytest.param(root, marks=old_myst_crashes_on_impossible_dates)
        if root.startswith("case-18-")
        else pytest.param(root, marks=old_myst_crashes_on_unknown_yaml_tags)
        if root == "check"
        else root
        for root in [*CASE_ROOTS, "check", "edge", "post-slugs", "spellings", "basic", "drafts"]
    ],
)
def test_check_equals_build(root: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = copy_root(root, tmp_path / "src")
    assert_check_equals_build(src, tmp_path, capsys)


def test_a_reference_by_a_shared_file_name_is_a_warning(tmp_path: Path) -> None:
    # Posts may share a file name in two folders (no warning for that, nor
    # from check: see test_check_equals_build); a {blog:post} reference by
    # that name is ambiguous: it links to the first docname, with a warning
    # at the reference. A slug a post declares beats another's file name.
    built = build_root("post-slugs", tmp_path / "src")
    shared = (
        "links.md:3: WARNING: {{blog:post}} target {!r} is the file name of {}; linked to {!r}: "
        "refer to the post by its docname or by a slug of its own [blogarchive.ref]"
    )
    assert built.warnings() == [
        shared.format("x", "'posts/y1/x', 'posts/y2/x'", "posts/y1/x"),
        shared.format("NOTES", "'posts/Notes', 'posts/notes/index'", "posts/Notes"),
        shared.format("digest", "'posts/a/digest', 'posts/b/digest'", "posts/a/digest").replace(
            ":3:", ":8:"
        ),
    ]
    links = [
        (a.get_text(), a["href"]) for a in built.soup("links").select("div.body p a.reference")
    ]
    assert links == [
        ("X one", "posts/y1/x.html"),
        ("Hello", "posts/hello.html"),
        ("X two", "posts/y2/x.html"),
        ("Notes upper", "posts/Notes.html"),
        ("Recap 2024", "posts/2024/recap.html"),
        ("Digest A", "posts/a/digest.html"),
    ]
    quiet = build_root(
        "post-slugs", tmp_path / "quiet", confoverrides={"suppress_warnings": ["blogarchive.ref"]}
    )
    assert quiet.warnings() == []


def test_a_file_name_that_becomes_shared_warns_after_an_incremental_build(tmp_path: Path) -> None:
    # Only the reference by file name: the page holding it is written again
    # because what the reference names changed, not for another reference.
    src = copy_root("post-slugs", tmp_path / "src")
    (src / "links.md").write_text("# Links\n\nBy file name: {blog:post}`x`.\n", encoding="utf-8")
    (src / "posts/y2/x.md").unlink()
    built = build(src, builddir=tmp_path / "_build")
    assert not any("'x'" in w for w in built.warnings())
    shutil.copy(ROOTS / "test-post-slugs/posts/y2/x.md", src / "posts/y2/x.md")
    again = build(src, builddir=tmp_path / "_build")
    assert any(
        "target 'x' is the file name of 'posts/y1/x', 'posts/y2/x'" in w for w in again.warnings()
    )


# --------------------------------------------------------------------------
# The handed cases with problems, in MyST and in reStructuredText


def myst_to_rst(text: str) -> str:
    """An rST spelling of a simple MyST post: front matter -> field list, ``#`` -> title."""
    lines = text.split("\n")
    out: list[str] = []
    if lines[0] == "---":
        end = lines.index("---", 1)
        for line in lines[1:end]:
            key, _, value = line.partition(":")
            value = value.strip()
            if value.startswith("[") and value.endswith("]"):
                value = value[1:-1]
            out.append(f":{key}: {value.strip(chr(34))}".rstrip())
        lines = lines[end + 1 :]
    for line in lines:
        if line.startswith("# "):
            title = line[2:]
            out += [title, "=" * len(title)]
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize(
    "number", ["17", pytest.param("18", marks=old_myst_crashes_on_impossible_dates)]
)
@pytest.mark.parametrize("language", ["myst", "rst"])
def test_handed_cases_in_both_languages(
    number: str, language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [root] = [r for r in CASE_ROOTS if r.startswith(f"case-{number}-")]
    src = copy_root(root, tmp_path / "src")
    if language == "rst":
        for post in sorted((src / "posts").glob("*.md")):
            post.with_suffix(".rst").write_text(myst_to_rst(post.read_text("utf-8")), "utf-8")
            post.unlink()
    found = assert_check_equals_build(src, tmp_path, capsys)
    messages = [f["message"] for f in found]
    if number == "17":  # three posts without a date (an empty rST field too)
        assert messages == ["post has no date; the post is not listed"] * 3
    else:  # two impossible dates
        assert (
            messages
            == ["invalid date '2024-02-30': day is out of range for month; the post is not listed"]
            * 2
        )


def test_the_check_root_has_every_kind_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, findings = check_json(copy_root("check", tmp_path / "src"), capsys)
    assert code == 1
    kinds = {(Path(f["file"]).suffix, f["subtype"]) for f in findings}
    for suffix in (".md", ".rst"):
        for subtype in ("date", "metadata", "slug"):
            assert (suffix, f"blogarchive.{subtype}") in kinds
    assert (".md", "blogarchive.frontmatter") in kinds
    files = {f["file"] for f in findings}
    assert "posts/old/ignored.md" not in files  # exclude_patterns of conf.py
    assert "pages/about.md" not in files  # not a post
    assert not any(
        f.startswith(("posts/md-fine", "posts/rst-fine", "posts/md-setext")) for f in files
    )


@old_myst_crashes_on_unknown_yaml_tags
def test_unknown_yaml_tags_and_missing_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The build's warnings at the same lines, with the same words (compared
    # whole by test_check_equals_build); the build then ignores those fields.
    src = copy_root("check", tmp_path / "src")
    _code, findings = check_json(src, capsys)
    named = ("posts/md-yaml-tag.md", "posts/md-images.md", "posts/md-image-fine.md")
    got = [
        (f["file"], f["line"], f["subtype"], f["message"])
        for f in findings
        if f["file"] in named or f["file"] == "posts/rst-missing-image.rst"
    ]
    tag = "front matter value of {!r} has the YAML tag {!r}, which is not a standard one; "
    missing = "image {!r} is not a file in the source folder; the post is shown without it"
    assert got == [
        ("posts/md-images.md", 3, "blogarchive.metadata", missing.format("missing.png")),
        (
            "posts/md-yaml-tag.md",
            3,
            "blogarchive.frontmatter",
            tag.format("tags", "!!python/object:os.system") + "the field is ignored",
        ),
        (
            "posts/md-yaml-tag.md",
            7,
            "blogarchive.frontmatter",
            tag.format("authors", "!local") + "the field is ignored",
        ),
        (
            "posts/rst-missing-image.rst",
            2,
            "blogarchive.metadata",
            missing.format("/nowhere/picture.png"),
        ),
    ]
    built = build(src, builddir=tmp_path / "_build")
    posts = built.app.env.get_domain("blog").posts
    tagged = posts["posts/md-yaml-tag"]
    assert (tagged.tags, tagged.authors) == ((), ())
    assert tagged.subtitle == "A standard tag is fine"
    assert posts["posts/md-images"].image == ""
    assert posts["posts/md-image-fine"].image == "../pages/picture.png"


# --------------------------------------------------------------------------
# Output and options


def test_text_output_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = copy_root("case-17-post-without-date", tmp_path / "src")
    assert main(["check", str(src)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{src / 'posts/empty-date.md'}:3: post has no date; the post is not listed "
        "[blogarchive.date]",
        f"{src / 'posts/no-date.md'}:1: post has no date; the post is not listed "
        "[blogarchive.date]",
        f"{src / 'posts/undated-fieldlist.rst'}:1: post has no date; the post is not listed "
        "[blogarchive.date]",
    ]
    assert err == "checked 4 posts (posts/*): 3 problems in 3 files\n"


def test_relative_dir_gives_relative_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_root("case-17-post-without-date", tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "site", "--format", "json"]) == 1
    files = [f["file"] for f in json.loads(capsys.readouterr().out)]
    assert files == [
        "site/posts/empty-date.md",
        "site/posts/no-date.md",
        "site/posts/undated-fieldlist.rst",
    ]
    monkeypatch.chdir(tmp_path / "site")
    assert main(["check"]) == 1
    assert capsys.readouterr().out.startswith("posts/empty-date.md:3: ")


def test_clean_posts_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = copy_root("case-01-naive-aware-date-mix", tmp_path / "src")
    assert main(["check", str(src)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith(": no problems\n")
    assert main(["check", str(src), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_repository_posts_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    from helpers import REPO

    assert main(["check", str(REPO / "docs")]) == 0
    assert "checked 42 posts (posts/**): no problems" in capsys.readouterr().err


def test_pattern_and_timezone_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = copy_root("check", tmp_path / "src")
    code, findings = check_json(src, capsys, "--pattern", "posts/rst-*")
    assert code == 1
    # rst-no-fields and rst-field-in-body start with no field list: ordinary
    # pages, not posts, for check as for a build (and each said so).
    assert {f["file"] for f in findings} == {
        "posts/rst-bad-fields.rst",
        "posts/rst-missing-image.rst",
        "posts/rst-no-title.rst",
        "posts/rst-field-in-body.rst",
        "posts/rst-no-fields.rst",
    }
    assert {
        f["subtype"] for f in findings if "no-fields" in f["file"] or "in-body" in f["file"]
    } == {"blogarchive.nopost"}
    code, findings = check_json(src, capsys, "--pattern", "posts/*-fine.*")
    assert (code, findings) == (0, [])
    code, findings = check_json(src, capsys, "--pattern", "posts/**", "--exclude", "posts/md-*")
    assert all(f["file"].startswith("posts/rst-") for f in findings)
    assert main(["check", str(src), "--timezone", "Mars/Olympus"]) == 2
    assert "unknown time zone 'Mars/Olympus'" in capsys.readouterr().err


def test_no_posts_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "index.md").write_text("# Home\n", "utf-8")
    assert main(["check", str(tmp_path)]) == 1
    assert f"no posts in {tmp_path} match posts/**" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing")]) == 2


def test_conf_py_is_read_not_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "conf.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('x')\n"
        "blogarchive_post_pattern = 'blog/*'\n"
        "exclude_patterns = ['_build'] + ['x']\n"
        "extensions = ['myst_parser']\n",
        "utf-8",
    )
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog/a.md").write_text("---\ntags: [x]\n---\n# A\n", "utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert not marker.exists()
    assert "a.md:1: post has no date" in out
    assert "exclude_patterns is not a literal value" in err
    assert main(["check", str(tmp_path), "--no-conf"]) == 1  # posts/** matches nothing
    assert "no posts" in capsys.readouterr().err


def test_conf_literals(tmp_path: Path) -> None:
    conf = tmp_path / "conf.py"
    conf.write_text(
        "extensions = ['sphinx_blogarchive']\n"
        "source_suffix = {'.rst': 'restructuredtext', '.txt': 'restructuredtext'}\n"
        "blogarchive_timezone: str = 'Asia/Tokyo'\n"
        "blogarchive_post_pattern = ['a/**']\n"
        "blogarchive_post_pattern += ['b/**']\n",
        "utf-8",
    )
    settings = _check.settings_from_conf(tmp_path)
    assert settings.timezone == "Asia/Tokyo"
    assert settings.patterns == ["posts/**"]  # changed by +=: not a literal
    assert settings.suffixes == {".rst": "restructuredtext", ".txt": "restructuredtext"}
    assert "blogarchive_post_pattern is not a literal value" in settings.notes[0]
    conf.write_text("this is not python(\n", "utf-8")
    assert _check.settings_from_conf(tmp_path).notes[0].endswith("using defaults")


# --------------------------------------------------------------------------
# Headings of MyST posts: myst-parser's parser, or the stand-in scanner

HEADINGS = [
    ("# Title\n", "Title"),
    ("  ## Indented  title ##\n", "Indented title"),
    ("Setext\n======\n", "Setext"),
    ("Two line\nsetext\n---\n", "Two line setext"),
    ("text\n\n---\n\n# After a rule\n", "After a rule"),
    ("```\n# in code\n```\n", ""),
    ("~~~~\n# in code\n~~~\n~~~~\n# After\n", "After"),
    ("    # indented code\n", ""),
    ("> # quoted\n", ""),
    ("- # in a list\n", ""),
    ("#hashtag is text\n", ""),
    ("---\ntitle: x\n---\n# Body\n", "Body"),
    ("---\ntitle: x\n---\n\nNo heading\n", ""),
    ("Para\n\n```{note}\n# in a directive\n```\n\n## Second level\n", "Second level"),
]


@pytest.mark.parametrize(("text", "heading"), HEADINGS)
def test_heading_finders_agree(text: str, heading: str) -> None:
    assert _headings.markdown_heading_finder()(text) == heading
    assert _headings.scan_markdown_heading(text) == heading


def test_scanner_without_myst_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "myst_parser.parsers.mdit", None)
    assert _headings.markdown_heading_finder() is _headings.scan_markdown_heading


def test_unreadable_post_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/bad.md").write_bytes(b"---\ntitle: \xff\n---\n")
    code, findings = check_json(tmp_path, capsys)
    assert code == 1
    assert findings[0]["subtype"] == "blogarchive.frontmatter"
    assert findings[0]["message"].startswith("cannot read the source:")
    assert findings[0]["message"].endswith("; the post is not listed")
    assert findings[0]["line"] == 1
    assert len(findings) == 1  # its heading is not known, so no "no title" finding


@old_myst_crashes_on_unknown_yaml_tags
def test_build_reports_the_same_for_the_check_root(tmp_path: Path) -> None:
    # The reference itself: the build of test-check gives these warnings.
    built = build_root("check", tmp_path)
    ours = build_findings(built.warnings())
    assert len(ours) == 25  # 23, and the two rST files without a field list (nopost)
    assert {f["subtype"] for f in ours} == {f"blogarchive.{s}" for s in CHECKED}


# --------------------------------------------------------------------------
# rST: the prefix parse finds what the whole parse finds

RST_SOURCES = [
    ":date: 2024-01-01\n\nTitle\n=====\n\nBody\n",
    ":date: 2024-01-01\n\n=====\nTitle\n=====\n\nBody\n",
    "Text first.\n\n::\n\n    code\n    ====\n\nTitle\n-----\n",
    "Para one\nstill para\n========\n\nReal title\n==========\n",
    ":date: 2024-01-01\n\n.. note::\n\n   Inside\n   ======\n\nAfter\n*****\n",
    "=====  =====\na      b\n=====  =====\n\nTitle\n~~~~~\n",
    "=====\nOne column\n=====\nrow\n=====\n",
    "No title at all.\n\n----\n\nJust a transition.\n",
    ":date: 2024-01-01\n:tags: a\n",
    "",
    "Title\n=====\n\nSub\n---\n\nTop again\n=========\n",
    "A\n-\nB\n=\nC\n~\nD\n^\n",
]


def _rst_files() -> list[Path]:
    from helpers import REPO

    return sorted({*ROOTS.rglob("*.rst"), *(REPO / "docs").rglob("*.rst")})


@pytest.mark.parametrize("text", RST_SOURCES + [p.read_text("utf-8") for p in _rst_files()])
def test_rst_prefix_parse_equals_whole_parse(text: str) -> None:
    whole = _headings.rst_doctree(text, "post.rst")
    docinfo = next(iter(whole.findall(nodes.docinfo)), None)
    got_docinfo, got_heading = _headings.read_rst(text, "post.rst")
    assert got_heading == _headings.rst_heading(whole)
    assert (got_docinfo is None) == (docinfo is None)
    if docinfo is not None and got_docinfo is not None:
        assert got_docinfo.astext() == docinfo.astext()


def test_symbolic_links_are_followed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real"
    (real / "y2024").mkdir(parents=True)
    (real / "y2024/a.md").write_text("---\ndate: 2024-01-01\n---\n\n# A\n", "utf-8")
    (real / "y2024/loop").symlink_to(real, target_is_directory=True)
    src = tmp_path / "src"
    src.mkdir()
    (src / "posts").symlink_to(real, target_is_directory=True)  # like docs/posts -> ../posts
    assert main(["check", str(src)]) == 0
    assert capsys.readouterr().err == "checked 1 post (posts/**): no problems\n"
