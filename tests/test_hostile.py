"""Hostile input (issue 18): no crash, no silent loss, no blow-up, no invalid output.

Each test builds (or checks) a small project made in ``tmp_path`` holding the
one hostile value, and asserts what the user sees: the warning, with its
file, line and subtype, and pages and feeds that stay valid.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from feedcheck import check_all
from helpers import build, soup_of

from sphinx_blogarchive.cli._main import CRASH, main

BASE = "https://example.org/"
CONF = (
    'extensions = ["myst_parser", "sphinx_blogarchive"]\n'
    'exclude_patterns = ["_build"]\n'
    f"html_baseurl = {BASE!r}\n"
)


def project(root: Path, posts: dict[str, str], conf: str = "") -> Path:
    """A project in *root*: conf.py (CONF + *conf*), index.md, and posts/<name>: text."""
    (root / "posts").mkdir(parents=True)
    (root / "conf.py").write_text(CONF + conf, "utf-8")
    (root / "index.md").write_text("# Home\n", "utf-8")
    for name, text in posts.items():
        (root / "posts" / name).write_text(text, "utf-8")
    return root


def post(fields: str, title: str = "A post") -> str:
    return f"---\ndate: 2024-01-02\n{fields}---\n\n# {title}\n\nText.\n"


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict], str]:
    capsys.readouterr()
    code = main(["check", str(root), "--format", "json"])
    out, err = capsys.readouterr()
    findings = json.loads(out) if out.strip() else []
    for finding in findings:
        finding["file"] = Path(finding["file"]).relative_to(root).as_posix()
    return code, findings, err


def blog_warnings(built) -> list[str]:
    return [w for w in built.warnings() if "blogarchive" in w]


# --------------------------------------------------------------------------
# Crashes from metadata, in the build and in check


@pytest.mark.parametrize("minutes", ["²", "٣", "١٢", "5²"])
def test_unicode_digits_in_reading_time(
    minutes: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path / "src", {"a.md": post(f"reading_time: '{minutes}'\n")})
    built = build(root, builddir=tmp_path / "_build")
    message = (
        f"posts/a.md:3: WARNING: 'reading_time' should be a whole number of minutes, "
        f"not {minutes!r}; ignored [blogarchive.metadata]"
    )
    assert blog_warnings(built) == [message]
    assert built.path("posts/a").is_file()
    code, findings, err = check(root, capsys)
    assert code == 1 and "Traceback" not in err
    assert [(f["line"], f["subtype"]) for f in findings] == [(3, "blogarchive.metadata")]


def test_very_long_local_image_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "x" * 300 + ".png"
    root = project(tmp_path / "src", {"a.md": post(f"image: {name}\n")})
    built = build(root, builddir=tmp_path / "_build")
    assert blog_warnings(built) == [
        f"posts/a.md:3: WARNING: image {name!r} is not a file in the source folder; "
        "the post is shown without it [blogarchive.metadata]"
    ]
    code, findings, err = check(root, capsys)
    assert code == 1 and "Traceback" not in err
    assert [(f["line"], f["subtype"]) for f in findings] == [(3, "blogarchive.metadata")]


def test_check_reports_an_internal_error_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path / "src", {"a.md": post("")})

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("sphinx_blogarchive.cli._check.check_posts", broken)
    monkeypatch.delenv("SPHINX_BLOGARCHIVE_TRACEBACK", raising=False)
    code, _, err = check(root, capsys)
    assert code == CRASH == 3  # not 1, "problems found"
    assert "Traceback" not in err
    assert err == (
        "sphinx-blogarchive: internal error (RuntimeError: a bug); this is a bug of "
        "sphinx-blogarchive, please report it (set SPHINX_BLOGARCHIVE_TRACEBACK=1 for the "
        "traceback)\n"
    )


# --------------------------------------------------------------------------
# Crashes from combinations


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_redirect_from_a_sphinx_output_is_refused(builder: str, tmp_path: Path) -> None:
    names = ["_static/basic.css", "objects.inv", "searchindex.js", "genindex", "_images/x"]
    root = project(tmp_path / "src", {"a.md": post(f"redirect_from: {json.dumps(names)}\n")})
    built = build(root, builddir=tmp_path / "_build", buildername=builder)
    assert blog_warnings(built) == [
        f"posts/a.md:3: WARNING: 'redirect_from' entry {name!r} is not a relative page name "
        "inside the output folder, or names a file Sphinx writes; ignored [blogarchive.metadata]"
        for name in names
    ]
    assert (built.outdir / "objects.inv").is_file()
    assert (built.outdir / "_static/basic.css").is_file()


# --------------------------------------------------------------------------
# Superlinear cost: names are capped


def test_absurd_name_counts_are_capped_with_a_warning(tmp_path: Path) -> None:
    tags = ", ".join(f"tag{i}" for i in range(150))
    authors = ", ".join(f"Person {i}" for i in range(120))
    root = project(tmp_path / "src", {"a.md": post(f"tags: [{tags}]\nauthor: [{authors}]\n")})
    built = build(root, builddir=tmp_path / "_build")
    assert blog_warnings(built) == [
        "posts/a.md:3: WARNING: post has 150 tags; only the first 100 are kept [blogarchive.limit]",
        "posts/a.md:4: WARNING: post has 120 authors; only the first 100 are kept "
        "[blogarchive.limit]",
    ]
    assert len(list((built.outdir / "blog/tag").glob("*.html"))) == 100 + 1  # and the index
    assert (built.outdir / "blog/tag/tag99.html").is_file()
    assert not (built.outdir / "blog/tag/tag100.html").exists()
    feeds = check_all(built.outdir, BASE)
    [entry] = feeds["blog/atom.xml"].entries
    assert len(entry.authors) == 100 and entry.authors[0] == "Person 0"


def test_feedgen_gets_all_authors_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear: feedgen re-maps all authors of an entry on each call, so one call per entry."""
    import datetime as dt

    from feedgen.entry import FeedEntry

    from sphinx_blogarchive.feeds import _formats as ff

    calls: list[int] = []
    real = FeedEntry.author

    def author(self: FeedEntry, value: object = None, *args: object, **kw: object) -> object:
        if value is not None:
            calls.append(len(value) if isinstance(value, list) else 1)
        return real(self, value, *args, **kw)

    monkeypatch.setattr(FeedEntry, "author", author)
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    people = tuple(ff.Person(f"P{i}") for i in range(50))
    entry = ff.EntryData(BASE + "a", BASE + "a", "A", when, when, "", "", "", people, ())
    feed = ff.FeedData("T", "", BASE + "f", BASE, "en", when, ff.Person("X"), ("g", "1"), (entry,))
    ff.atom_bytes(feed)
    assert calls == [50]


# --------------------------------------------------------------------------
# Zip bombs


def test_zip_bomb_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("posts.csv", "post_id,post_date,is_published,type,title,subtitle\n")
        archive.writestr("posts/1.bomb.html", "<p>" + "a" * (20 * 1024 * 1024) + "</p>")
    (tmp_path / "posts").mkdir()
    capsys.readouterr()
    code = main(["import", "substack", str(export), "--dir", str(tmp_path / "posts")])
    err = capsys.readouterr().err
    assert code == 2
    assert "refused as a possible zip bomb" in err
    assert "posts/1.bomb.html expands" in err and "more than 100 times" in err
    assert list((tmp_path / "posts").iterdir()) == []


def test_export_too_large_in_all_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sphinx_blogarchive.cli.importers._substack.MAX_TOTAL_BYTES", 1000)
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("posts.csv", "post_id,post_date,is_published,type,title,subtitle\n")
        for n in range(3):
            archive.writestr(f"posts/{n}.p.html", os.urandom(400).hex())
    (tmp_path / "posts").mkdir()
    capsys.readouterr()
    code = main(["import", "substack", str(export), "--dir", str(tmp_path / "posts")])
    assert code == 2
    assert "more than the 1000 bytes an export may hold" in capsys.readouterr().err


# --------------------------------------------------------------------------
# Silent loss: a file of the pattern that yields no post is said so


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            " ---\ndate: 2024-01-02\n---\n# Lost\n",
            1,
            "line 1 (' ---') looks like front matter, which must start on line 1 with '---' "
            "alone; the file is not read as a post",
        ),
        (
            "\n---\ndate: 2024-01-02\n---\n# Lost\n",
            2,
            "line 2 ('---') looks like front matter, which must start on line 1 with '---' "
            "alone; the file is not read as a post",
        ),
        (
            "# Just a page\n\nText.\n",
            1,
            "the file matches the post pattern but has no front matter; it is built as a page, "
            "not listed as a post",
        ),
    ],
)
def test_a_file_of_the_pattern_without_a_post_is_warned(
    text: str, line: int, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path / "src", {"lost.md": text, "kept.md": post("")})
    built = build(root, builddir=tmp_path / "_build")
    assert blog_warnings(built) == [
        f"posts/lost.md:{line}: WARNING: {message} [blogarchive.nopost]"
    ]
    _, findings, _ = check(root, capsys)
    assert findings == [
        {"file": "posts/lost.md", "line": line, "subtype": "blogarchive.nopost", "message": message}
    ]


# --------------------------------------------------------------------------
# Invalid output


def test_rss_dates_before_the_year_1000(tmp_path: Path) -> None:
    root = project(tmp_path / "src", {"old.md": "---\ndate: 0999-03-04\n---\n# Old\n"})
    built = build(root, builddir=tmp_path / "_build")
    assert blog_warnings(built) == []
    rss = (built.outdir / "blog/rss.xml").read_text("utf-8")
    assert "<pubDate>Mon, 04 Mar 0999 00:00:00 +0000</pubDate>" in rss
    check_all(built.outdir, BASE)  # RFC 822 with four-digit years


def test_time_datetime_has_at_most_three_fraction_digits(tmp_path: Path) -> None:
    root = project(tmp_path / "src", {"a.md": "---\ndate: 2024-01-02T03:04:05.123456Z\n---\n# A\n"})
    built = build(root, builddir=tmp_path / "_build")
    times = [t["datetime"] for t in built.soup("posts/a").find_all("time")]
    times += [t["datetime"] for t in built.soup("blog/index").find_all("time")]
    assert times and set(times) == {"2024-01-02T03:04:05.123+00:00"}


def test_tag_list_label_and_redirect_language(tmp_path: Path) -> None:
    root = project(
        tmp_path / "src",
        {"a.md": post("tags: [python]\nredirect_from: [old/a]\n")},
        conf='language = "pt_BR"\n',
    )
    built = build(root, builddir=tmp_path / "_build")
    page = built.soup("posts/a")
    assert all(not ul.has_attr("aria-label") for ul in page.find_all("ul"))
    group = page.select_one("div.blogarchive-tag-group")
    assert group["role"] == "group" and group["aria-label"]
    assert soup_of(built.outdir / "old/a.html").html["lang"] == "pt-BR"


# --------------------------------------------------------------------------
# URL schemes of image


@pytest.mark.parametrize(
    "image",
    [
        "javascript://x%0aalert(1)",
        "javascript:alert(1)",
        "data:image/png;base64,AA",
        "file:///etc/passwd",
    ],
)
def test_image_takes_only_http_and_relative_urls(
    image: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path / "src", {"a.md": post(f"image: {json.dumps(image)}\n")})
    built = build(root, builddir=tmp_path / "_build")
    assert blog_warnings(built) == [
        f"posts/a.md:3: WARNING: image {image!r} is neither an http(s) URL nor a relative "
        "path; the post is shown without it [blogarchive.metadata]"
    ]
    for path in built.outdir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert image.split(":")[0] + ":" not in path.read_text("utf-8").replace(
                "data:", ""
            ) or image.startswith("data:"), path
    assert "image" not in json.dumps(
        [
            json.loads(s.string)
            for s in built.soup("posts/a").find_all("script", type="application/ld+json")
        ]
    )
    _, findings, _ = check(root, capsys)
    assert [f["subtype"] for f in findings] == ["blogarchive.metadata"]


def test_image_web_addresses_are_kept(tmp_path: Path) -> None:
    root = project(tmp_path / "src", {"a.md": post("image: https://example.org/a.png\n")})
    built = build(root, builddir=tmp_path / "_build")
    assert blog_warnings(built) == []
    assert "https://example.org/a.png" in built.path("posts/a").read_text("utf-8")


# --------------------------------------------------------------------------
# Smaller ones


def test_duplicate_yaml_keys_warn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "---\ndate: 2024-01-02\ntitle: First\ndate: 2024-05-06\n---\n# A\n"
    root = project(tmp_path / "src", {"a.md": text})
    built = build(root, builddir=tmp_path / "_build")
    assert blog_warnings(built) == [
        "posts/a.md:4: WARNING: front matter has the key 'date' twice (lines 2 and 4); the last "
        "one is used [blogarchive.metadata]"
    ]
    assert "May" in built.soup("posts/a").find("time").get_text()
    _, findings, _ = check(root, capsys)
    assert [(f["line"], f["subtype"]) for f in findings] == [(4, "blogarchive.metadata")]


def test_symlinks_planted_in_the_output_are_not_written_through(tmp_path: Path) -> None:
    root = project(tmp_path / "src", {"a.md": post("tags: [python]\n")})
    out = tmp_path / "_build"
    build(root, builddir=out)
    html = out / "html"
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "secret.txt").write_text("keep", "utf-8")
    for name in ("blog/tag/python.html", "blog/atom.xml", ".blogarchive.json"):
        target = html / name
        target.unlink()
        target.symlink_to(victim / "secret.txt")
    (html / "blog/year").rename(tmp_path / "moved")
    (html / "blog/year").symlink_to(victim, target_is_directory=True)
    (root / "posts/a.md").write_text(post("tags: [python, new]\n", title="Changed"), "utf-8")
    built = build(root, builddir=out)
    assert (victim / "secret.txt").read_text("utf-8") == "keep"
    assert sorted(os.listdir(victim)) == ["secret.txt"]
    assert sorted(w for w in blog_warnings(built) if "blogarchive.output" in w) == [
        "WARNING: .blogarchive.json is not written: .blogarchive.json in the output folder is "
        "a symbolic link [blogarchive.output]",
        "WARNING: blog/atom.xml is not written: blog/atom.xml in the output folder is a "
        "symbolic link [blogarchive.output]",
        "WARNING: blog/tag/python.html is not written: blog/tag/python.html in the output "
        "folder is a symbolic link [blogarchive.output]",
        "WARNING: blog/year/2024.html is not written: blog/year in the output folder is a "
        "symbolic link [blogarchive.output]",
        "WARNING: blog/year/index.html is not written: blog/year in the output folder is a "
        "symbolic link [blogarchive.output]",
    ]


def test_every_invalid_paths_entry_is_named(tmp_path: Path) -> None:
    root = project(
        tmp_path / "src",
        {"a.md": post("")},
        conf='blogarchive_paths = {"tag": "../out", "nope": "x", "year": "/abs"}\n',
    )
    built = build(root, builddir=tmp_path / "_build")
    [warning] = [w for w in built.warnings() if "blogarchive_paths" in w]
    assert "'nope'" in warning and "'tag'" in warning and "'year'" in warning


def test_import_dir_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><title>T</title></channel></rss>', "utf-8")
    export = tmp_path / "export"
    export.mkdir()
    (export / "posts.csv").write_text("post_id\n", "utf-8")
    for args in (["feed", str(feed)], ["substack", str(export)]):
        capsys.readouterr()
        code = main(["import", *args, "--dir", str(tmp_path / "elsewhere/posts")])
        assert code == 2
        assert "no such folder (the posts folder must exist)" in capsys.readouterr().err
        assert not (tmp_path / "elsewhere").exists()


def test_cli_never_prints_a_traceback_for_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr("sphinx_blogarchive.cli.importers._feed.read_feed", lambda source: 1 / 0)
    (tmp_path / "posts").mkdir()
    (tmp_path / "f.xml").write_text("<rss/>", "utf-8")
    code = main(["import", "feed", str(tmp_path / "f.xml"), "--dir", str(tmp_path / "posts")])
    assert code == CRASH
    assert "ZeroDivisionError" in err.getvalue() and "Traceback" not in err.getvalue()
