"""The command line itself (help, exit codes, the missing extra) and ``new``."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build, entries, main_of, text_of
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_blogarchive.cli import _post_file
from sphinx_blogarchive.cli._main import main
from sphinx_blogarchive.model._readers import read_front_matter

COMMANDS = [[], ["new"], ["check"], ["import"], ["import", "substack"], ["import", "feed"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_help_on_every_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: sphinx-blogarchive {' '.join(command)}".rstrip())


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["new"],
        ["check", "--format", "xml"],
        ["import"],
        ["import", "substack"],
        ["import", "rss", "x"],
        ["new", "T", "--date", "someday"],
        ["new", "T", "--timezone", "Nowhere/Land"],
        ["new", "   "],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from sphinx_blogarchive import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"sphinx-blogarchive {__version__}\n"


def test_python_m_and_console_script(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    (tmp_path / "p").mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_blogarchive",
            "new",
            "From python -m",
            "--dir",
            "p",
            "--date",
            "2024-01-02",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "p/2024/from-python-m.md\n")
    script = shutil.which("sphinx-blogarchive", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the console script is not installed next to this Python")
    done = subprocess.run(
        [script, "check", "--pattern", "p/**"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "checked 1 post (p/**): no problems\n"


@pytest.mark.parametrize("missing", ["markdownify", "feedparser"])
def test_missing_import_extra(
    missing: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for module in list(sys.modules):
        if module.startswith("sphinx_blogarchive.cli.importers."):
            monkeypatch.delitem(sys.modules, module)
    monkeypatch.setitem(sys.modules, missing, None)
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>")
    argv = (
        ["import", "feed", str(feed)]
        if missing == "feedparser"
        else ["import", "substack", str(tmp_path)]
    )
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "python -m pip install 'path/to/sphinx-blogarchive[import]'" in err


# --------------------------------------------------------------------------
# new


def test_new_writes_a_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    argv = [
        "new",
        "Don't panic: a “first” post",
        "--tags",
        "data, policy,Data",
        "--date",
        "2024-05-06",
        "--dir",
        str(posts),
    ]
    assert main(argv) == 0
    path = posts / "2024/don-t-panic-a-first-post.md"
    assert capsys.readouterr().out == f"{path}\n"
    assert path.read_text("utf-8") == (
        "---\n"
        'title: "Don\'t panic: a “first” post"\n'
        "date: 2024-05-06\n"
        "tags: [data, policy]\n"
        "draft: true\n"
        "---\n"
        "\n"
        "# Don't panic: a “first” post\n"
    )
    # never overwrites
    path.write_text("mine", "utf-8")
    assert main(argv) == 1
    assert capsys.readouterr().err == f"sphinx-blogarchive: {path} exists; not overwritten\n"
    assert path.read_text("utf-8") == "mine"


def test_new_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    argv = [
        "new",
        "Timed",
        "--date",
        "2024-12-31T23:30",
        "--timezone",
        "America/New_York",
        "--slug",
        "My Slug",
        "--publish",
        "--dir",
        str(posts),
    ]
    assert main(argv) == 0
    text = (posts / "2024/my-slug.md").read_text("utf-8")
    assert "date: 2024-12-31T23:30:00-05:00\n" in text
    assert "slug: my-slug\n" in text
    assert "draft" not in text
    assert "tags" not in text


@pytest.mark.parametrize("missing", ["nonexistent/x", "nonexistent"])
def test_new_needs_an_existing_folder(
    missing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The posts folder must exist; only the year's folder is made in it.
    folder = tmp_path / missing
    assert main(["new", "Lost", "--date", "2024-01-02", "--dir", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"sphinx-blogarchive: {folder}: no such folder (the posts folder must exist)\n"
    assert list(tmp_path.iterdir()) == []
    # a file is no folder either
    (tmp_path / "file").write_text("x", "utf-8")
    assert main(["new", "Lost", "--dir", str(tmp_path / "file")]) == 2
    assert "no such folder" in capsys.readouterr().err
    # through the console entry point, as a user runs it
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_blogarchive", "new", "Lost", "--dir", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "no such folder" in done.stderr
    assert not (tmp_path / "nonexistent").exists()


def test_new_default_date_is_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = dt.datetime.now(dt.UTC).date()
    assert main(["new", "Today", "--dir", str(tmp_path)]) == 0
    after = dt.datetime.now(dt.UTC).date()
    path = Path(capsys.readouterr().out.strip())
    dates = {f"date: {d.isoformat()}\n" for d in (before, after)}
    assert any(d in path.read_text("utf-8") for d in dates)
    assert path.parent.name in {str(before.year), str(after.year)}


def test_new_posts_build_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "site"
    (root / "posts").mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["myst_parser", "sphinx_blogarchive"]\n')
    (root / "index.md").write_text("# Blog\n")
    titles = ['Don\'t "stop" -- now...', "Tips & Tricks: <br> vs *stars* [1]", "数据库笔记"]
    for day, title in enumerate(titles, start=1):
        argv = [
            "new",
            title,
            "--date",
            f"2024-01-0{day}",
            "--publish",
            "--dir",
            str(root / "posts"),
        ]
        assert main(argv) == 0
    main(["new", "Still a draft", "--date", "2024-01-04", "--dir", str(root / "posts")])
    assert main(["check", str(root)]) == 0
    built = build(root, builddir=tmp_path / "_build")
    assert built.warnings() == []
    assert [e.title for e in entries(built.soup("blog/index"))] == titles[::-1]
    assert "drafts 1" in built.status
    for docname in ("posts/2024/don-t-stop-now", "posts/2024/tips-and-tricks-br-vs-stars-1"):
        headings = main_of(built.soup(docname)).find_all(["h1", "h2"])
        # one heading: the title as written (Sphinx's smartquotes do not make a second one)
        assert [text_of(h).rstrip("¶ ") for h in headings] == [
            titles[0] if "stop" in docname else titles[1]
        ]


# --------------------------------------------------------------------------
# Front matter and headings written by new and the importers


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_scalars_read_back_as_written(text: str) -> None:
    text = " ".join(text.split())
    if not text:
        return
    block = _post_file.front_matter([("title", text), ("tags", [text, "x"])])
    fields = read_front_matter(block).fields
    assert fields["title"].value == text
    assert fields["tags"].value == [text, "x"]


def test_hash_round_trip() -> None:
    text = _post_file.post_text([("title", "T")], "T", "Body")
    hashed = _post_file.with_hash(text)
    assert (
        _post_file.stored_hash(hashed) == _post_file.file_hash(hashed) == _post_file.file_hash(text)
    )
    assert _post_file.stored_hash(hashed.replace("Body", "Edited")) != _post_file.file_hash(
        hashed.replace("Body", "Edited")
    )
    assert _post_file.stored_hash("no front matter") is None
    with pytest.raises(ValueError, match="no front matter"):
        _post_file.with_hash("# T\n")
