"""Nothing hidden: scheduled posts are named, post problems come back on every build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build, copy_root

from sphinx_blogarchive.cli._main import main

BROKEN = (
    "posts/broken.md:2: WARNING: invalid date 'someday': not a recognised date; the post is not "
    "listed [blogarchive.date]"
)
SCHEDULED = "scheduled post, dated 2999-01-01: not listed until then"


def info_lines(status: str) -> list[str]:
    return [line for line in status.splitlines() if "scheduled post" in line]


def test_scheduled_posts_are_named_in_the_log(tmp_path: Path) -> None:
    built = build(copy_root("hidden", tmp_path / "src"), builddir=tmp_path / "out")
    assert built.warnings() == [BROKEN]  # an info line, not a warning
    [line] = info_lines(built.status)
    assert line.endswith(f"posts/later.md:1: blogarchive: {SCHEDULED}")
    again = build(built.srcdir, builddir=tmp_path / "out")
    assert [line.rpartition("src/")[2] for line in info_lines(again.status)] == [
        f"posts/later.md:1: blogarchive: {SCHEDULED}"
    ]


@pytest.mark.parametrize("parallel", [0, 2])
def test_post_problems_come_back_on_every_build(tmp_path: Path, parallel: int) -> None:
    src = copy_root("hidden", tmp_path / "src")
    first = build(src, builddir=tmp_path / "out", parallel=parallel)
    assert first.warnings() == [BROKEN]
    again = build(src, builddir=tmp_path / "out", parallel=parallel)
    assert "0 added, 0 changed, 0 removed" in again.status
    assert again.warnings() == [BROKEN]
    # another post changes: the broken one, not read again, is still reported once
    fine = src / "posts/fine.md"
    fine.write_text(fine.read_text("utf-8").replace("# Listed", "# Listed, edited"), "utf-8")
    edited = build(src, builddir=tmp_path / "out", parallel=parallel)
    assert "1 changed" in edited.status
    assert edited.warnings() == [BROKEN]
    # fixed: no warning any more
    broken = src / "posts/broken.md"
    broken.write_text(broken.read_text("utf-8").replace("someday", "2024-02-02"), "utf-8")
    fixed = build(src, builddir=tmp_path / "out", parallel=parallel)
    assert fixed.warnings() == []
    assert build(src, builddir=tmp_path / "out", parallel=parallel).warnings() == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_w_build_fails_again(tmp_path: Path, jobs: str) -> None:
    src = copy_root("hidden", tmp_path / "src")
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-j", jobs, "-b", "html"]
    command += ["-D", "html_theme=alabaster", str(src), str(tmp_path / "out")]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode != 0
        assert "invalid date 'someday'" in result.stderr


def test_check_lists_scheduled_posts_and_second_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_root("hidden", tmp_path / "src")
    (src / "posts/fine.rst").write_text("Listed too\n==========\n\n:date: 2024-01-01\n", "utf-8")
    assert main(["check", str(src)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{src}/posts/broken.md:2: invalid date 'someday': not a recognised date; the post is "
        "not listed [blogarchive.date]",
        f"{src}/posts/fine.rst: a second source of the document 'posts/fine': Sphinx reads "
        "posts/fine.md and not this file; rename or remove one",
    ]
    assert f"{src}/posts/later.md:1: {SCHEDULED}" in err.splitlines()
    assert err.splitlines()[-1].endswith("2 problems in 2 files; 1 scheduled")
    # the build warns about the same second source
    built = build(src, builddir=tmp_path / "out")
    assert any('multiple files found for the document "posts/fine"' in w for w in built.warnings())
    assert main(["check", "--format", "json", str(src)]) == 1
    out, _ = capsys.readouterr()
    assert [f["file"].rpartition("/")[2] for f in json.loads(out)] == ["broken.md", "fine.rst"]


def test_config_warnings_show_the_bad_value(tmp_path: Path) -> None:
    # in conf.py: Sphinx converts a -D value (and warns itself) before the extension sees it
    src = copy_root("hidden", tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('blogarchive_posts_per_page = "ten"\n')
    built = build(src, builddir=tmp_path / "out")
    assert (
        "WARNING: blogarchive_posts_per_page = 'ten' must be a whole number, 0 or more; using the "
        "default (0) [blogarchive.config]"
    ) in built.warnings()
