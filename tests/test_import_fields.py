"""``sphinx-blogarchive import``: front matter values each tool writes its own way.

Quarto's date forms and keywords, Hugo's date-only ``lastmod`` beside a
``date`` with a time, author fields of the wrong shape, and two posts
with the same slug. Each source is written by the test, a few lines per
post; each import is built under -W.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml
from helpers import build
from test_import_tools import problems_of, run, site


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    return folder


def front_matter(path: Path) -> dict[str, Any]:
    meta = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    assert isinstance(meta, dict)
    return meta


def iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def test_quarto_date_forms_and_keywords(tmp_path: Path) -> None:
    dates = {
        "slash": ("1/22/2024", "2024-01-22"),
        "dash": ("01-23-2024", "2024-01-23"),
        "short-year": ("01/24/24", "2024-01-24"),
        "day-first": ("25 01 2024", "2024-01-25"),
        "long-month": ("January 26, 2024", "2024-01-26"),
        "short-month": ("Jan 27, 2024", "2024-01-27"),
        "iso": ("2024-01-28", "2024-01-28"),
    }
    files = {
        f"posts/{name}.qmd": f'---\ntitle: "{name}"\ndate: "{written}"\n---\n\nText.\n'
        for name, (written, _) in dates.items()
    }
    files["posts/edited.qmd"] = (
        '---\ntitle: "edited"\ndate: 2024-01-01\ndate-modified: last-modified\n---\n\nText.\n'
    )
    files["posts/fresh.qmd"] = '---\ntitle: "fresh"\ndate: today\n---\n\nText.\n'
    source = write(tmp_path / "source", files)
    mtime = dt.datetime(2024, 2, 3, 4, 5, tzinfo=dt.UTC).timestamp()
    os.utime(source / "posts/edited.qmd", (mtime, mtime))
    root = site(tmp_path / "site")
    code, out, err = run("quarto", source / "posts", root / "posts", "--timezone", "UTC")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert problems_of(err) == [
        "posts/edited.qmd: 'date-modified' is last-modified: the file's modification time, "
        "2024-02-03 04:05",
        "posts/fresh.qmd: 'date' is today: the day of the import",
    ]
    assert code == 1
    assert out.startswith("created 9, updated 0, unchanged 0, skipped 0")
    for name, (_, expected) in dates.items():
        meta = front_matter(root / "posts/2024" / f"{name}.md")
        assert iso(meta["date"]) == expected, name
        assert "draft" not in meta
    edited = front_matter(root / "posts/2024/edited.md")
    assert iso(edited["updated"]) == "2024-02-03T04:05:00+00:00"
    assert iso(front_matter(root / f"posts/{today[:4]}/fresh.md")["date"]) == today
    assert build(root, builddir=tmp_path / "_build").warnings() == []


def test_hugo_date_only_lastmod_stays_a_date(tmp_path: Path) -> None:
    source = write(
        tmp_path / "source",
        {
            "content/posts/timed.md": (
                "+++\ntitle = 'Timed'\ndate = 2024-01-14T07:07:07+01:00\n"
                "lastmod = 2024-01-20\n+++\n\nText.\n"
            )
        },
    )
    root = site(tmp_path / "site")
    code, _, err = run("hugo", source, root / "posts")
    assert (code, problems_of(err)) == (0, [])
    meta = front_matter(root / "posts/2024/timed.md")
    assert iso(meta["updated"]) == "2024-01-20"
    assert iso(meta["date"]) == "2024-01-14T06:07:07+00:00"  # in the blog time zone
    assert build(root, builddir=tmp_path / "_build").warnings() == []


def test_authors_of_the_wrong_shape_are_reported(tmp_path: Path) -> None:
    source = write(
        tmp_path / "source",
        {
            "content/posts/odd.md": (
                "---\ntitle: Odd\ndate: 2024-01-14\nauthors: {x: 1}\ntags: true\n---\n\nText.\n"
            )
        },
    )
    root = site(tmp_path / "site")
    code, _, err = run("hugo", source, root / "posts")
    assert code == 1
    assert problems_of(err) == [
        "content/posts/odd.md: 'authors' is not a list or name; ignored",
        "content/posts/odd.md: 'tags' is not a list or name; ignored",
    ]
    meta = front_matter(root / "posts/2024/odd.md")
    assert "author" not in meta and "tags" not in meta
    assert not (root / "authors.yml").exists()
    assert build(root, builddir=tmp_path / "_build").warnings() == []


def test_two_posts_with_one_slug_get_their_own(tmp_path: Path) -> None:
    post = "---\ntitle: {title}\ndate: {date}\nslug: dup\n---\n\nText.\n"
    source = write(
        tmp_path / "source",
        {
            "content/posts/first.md": post.format(title="First", date="2024-01-14"),
            "content/posts/second.md": post.format(title="Second", date="2024-02-14"),
        },
    )
    root = site(tmp_path / "site")
    code, out, err = run("hugo", source, root / "posts")
    assert code == 1
    assert out.startswith("created 2, updated 0, unchanged 0, skipped 0; 2 problems")
    assert problems_of(err) == [
        "hugo:content/posts/second.md: slug 'dup' is also the slug of "
        "hugo:content/posts/first.md: written with slug 'dup-2'",
        "hugo:content/posts/second.md: former URL 'posts/dup/index' is also one of "
        "hugo:content/posts/first.md: no redirect from it",
    ]
    first, second = (
        front_matter(root / "posts/2024/dup.md"),
        front_matter(root / "posts/2024/dup-2.md"),
    )
    assert (first["slug"], first["redirect_from"]) == ("dup", ["posts/dup/index"])
    assert (second["slug"], second.get("redirect_from")) == ("dup-2", None)
    assert build(root, builddir=tmp_path / "_build").warnings() == []
    code, again, _ = run("hugo", source, root / "posts")
    assert again.startswith("created 0, updated 0, unchanged 2")
