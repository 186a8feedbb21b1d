"""The README's "Use it in your project", typed in word for word, builds under ``-W``.

The test reads the section's code blocks: each file block follows a
paragraph that names it ("Save this as `conf.py`"), and each console block
holds commands (``$ ...``). The files are written into an empty folder, with
a virtual environment's kind of files in ``.venv`` (Markdown and
reStructuredText that Sphinx must not read), and the build command is run
as written, with this interpreter's Sphinx.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOTS, titles

README = ROOTS.parent.parent / "README.md"
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,})(?P<info>\w*)\s*$")
_NAMED = re.compile(r"\bas `([^`]+)`")


def section(text: str, title: str) -> str:
    """The text of the README's ``## title`` section, up to the next ``## `` heading."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def code_blocks(text: str) -> list[tuple[str, str, str]]:
    """``(info, content, paragraph before)`` of each fenced block of *text*, dedented."""
    lines = text.splitlines()
    blocks = []
    paragraph: list[str] = []
    ended = False  # a blank line ended the paragraph: the next text starts another
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            text = lines[i].strip()
            if text:
                paragraph = [text] if ended else [*paragraph, text]
            ended = not text
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        body = []
        i += 1
        while lines[i].rstrip() != indent + fence:
            body.append(lines[i][len(indent) :] if lines[i].strip() else "")
            i += 1
        blocks.append((match["info"], "\n".join(body) + "\n", " ".join(paragraph)))
        paragraph, ended = [], True
        i += 1
    return blocks


def project_of_readme() -> tuple[dict[str, str], list[list[str]]]:
    """The README's files ``{path: text}`` and commands (each split as a shell would)."""
    files: dict[str, str] = {}
    commands: list[list[str]] = []
    for info, content, before in code_blocks(
        section(README.read_text("utf-8"), "Use it in your project")
    ):
        if info == "console":
            commands += [
                shlex.split(line[2:]) for line in content.splitlines() if line.startswith("$ ")
            ]
        else:
            [*_, name] = _NAMED.findall(before)
            files[name] = content
    return files, commands


def test_the_readme_project_builds_under_w(tmp_path: Path) -> None:
    files, commands = project_of_readme()
    assert sorted(files) == ["conf.py", "index.md", "posts/hello.md"]
    # the setup commands (folder, environment, install: this test's environment has
    # the packages), then the build
    setup, build = commands[:-1], commands[-1]
    assert [c[:3] for c in setup] == [
        ["mkdir", "my-blog", "&&"],
        ["python3", "-m", "venv"],
        ["python", "-m", "pip"],
    ]
    assert "myst-parser" in setup[-1]
    assert build[0] == "sphinx-build" and "-W" in build
    project = tmp_path / "my-blog"
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, "utf-8")
    # what a virtual environment in the folder holds: documents Sphinx would read
    packages = project / ".venv/lib/python3.11/site-packages/somepackage"
    packages.mkdir(parents=True)
    (packages / "README.md").write_text("Not a page\n", "utf-8")
    (packages / "index.rst").write_text("Not a page either\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *build[1:]],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = project / "_build/html"
    # what the README says is there
    for page in ("index", "blog/index", "blog/tag/sphinx", "blog/year/2024", "posts/hello"):
        assert (out / f"{page}.html").is_file(), page
    home = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    assert titles(home) == ["Hello, blog"]
    assert not (out / ".venv").exists()
