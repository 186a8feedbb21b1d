"""Bad input gets a warning, never a traceback (property-based; needs hypothesis).

Front matter and rST field lists are generated with wrong types, empty
values, huge strings, odd Unicode (right-to-left text, combining marks,
emoji, NUL and other controls), YAML that does not parse, and dates out of
range. Metadata parsing never raises and every problem has a subtype and a
line; real builds of one such post always finish, and the no-post-lost
invariant (see ``helpers.assert_no_post_lost``, run by ``build``) holds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from docutils.core import publish_doctree
from docutils.nodes import docinfo as docinfo_node
from helpers import MYST_VERSION, REPO, assert_no_post_lost, build

from sphinx_blogarchive.model._readers import FIELDS, Problem
from sphinx_blogarchive.model._warnings import Subtype
from sphinx_blogarchive.model.metadata import read_post

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

UTC = dt.UTC

# -- generating metadata ------------------------------------------------------

ODD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",  # right-to-left override
    "שלום עולם",  # Hebrew, right to left
    "مرحبا",  # Arabic
    "e\u0301\u0301\u0301",  # stacked combining marks
    "\u0301",  # a lone combining mark
    "🦀🏳️‍🌈👩‍👩‍👧",  # emoji, joiners
    "\ufeff",  # byte order mark
    "\u2028\u2029",  # line and paragraph separators
    "\ud7ff\ue000\uffff",
    "x" * 5000,  # huge
    "<script>alert(1)</script>",
    "]]>",
    "&amp; & \"' `",
    "../../etc/passwd",
    "/abs/path",
    "C:\\Windows\\con",
    "CON",
    "nul.txt",
    ":",
    "- a",
    "[1, 2",
    "{a: b",
    "*alias",
    "&anchor x",
    "!!python/object/apply:os.system ['echo boom']",
    "%YAML 1.1",
    "---",
    "...",
]
BAD_DATES = [
    "0000-01-01",
    "10000-01-01",
    "2024-02-30",
    "2024-13-01",
    "2024-00-10",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "2024-01-01T25:00",
    "2024-01-01T10:00+99:99",
    "Feb 30, 2024",
    "Smarch 3, 2024",
    "2024-1-1",
    "1e10",
    "-1",
    "yesterday",
    "2024-02-10",
    "2024-02-10 08:30:00+02:00",
]

texts = st.one_of(
    st.sampled_from(ODD),
    st.sampled_from(BAD_DATES),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), max_size=20),
)
scalars = st.one_of(texts, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())
values: Any = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
keys = st.one_of(st.sampled_from(sorted(FIELDS)), st.text(max_size=10))


def _yaml_value(value: Any) -> str:
    """*value* as YAML: plain (unquoted, may break the YAML) or JSON (valid YAML)."""
    if isinstance(value, str) and "\n" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


@st.composite
def front_matters(draw: Any) -> str:
    """A MyST source starting with front matter, broken or not."""
    items = draw(st.lists(st.tuples(keys, values), max_size=6))
    lines = []
    for key, value in items:
        if draw(st.booleans()):
            lines.append(f"{key}: {_yaml_value(value)}")
        else:
            lines.append(f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value)}")
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["date: 2024-02-10", "title: A title", "tags: [a, b]"])))
    closing = draw(st.sampled_from(["---", "...", "", "--- "]))
    body = draw(st.sampled_from(["", "# Heading\n\nText.\n", "Text only.\n"]))
    return "---\n" + "\n".join(lines) + f"\n{closing}\n{body}"


def _rst_value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return " ".join(text.split()) or ""


@st.composite
def field_lists(draw: Any) -> str:
    """An rST source starting with a field list."""
    items = draw(st.lists(st.tuples(keys, values), min_size=1, max_size=6))
    lines = []
    for key, value in items:
        name = re.sub(r"[:\s`\\]", "", key) or "x"
        lines.append(f":{name}: {_rst_value(value)}".rstrip())
    body = draw(st.sampled_from(["", "Heading\n=======\n\nText.\n", "Text only.\n"]))
    return "\n".join(lines) + f"\n\n{body}"


def _check_problems(problems: list[Problem], text: str) -> None:
    count = max(1, text.count("\n") + 1)
    for problem in problems:
        assert isinstance(problem.subtype, Subtype)
        assert problem.message
        assert isinstance(problem.line, int), problem
        assert 1 <= problem.line <= count, (problem, count)


_DOCUTILS = {"report_level": 5, "halt_level": 5, "warning_stream": False}


def _docinfo(text: str) -> Any:
    doctree = publish_doctree(text, settings_overrides=_DOCUTILS)
    return next(iter(doctree.findall(docinfo_node)), None)


# -- metadata parsing: 2 x 300 examples ---------------------------------------

parsing = hypothesis.settings(max_examples=300, derandomize=True, deadline=None)


@parsing
@hypothesis.given(front_matters())
def test_front_matter_gives_problems_never_exceptions(text: str) -> None:
    meta, problems, line = read_post(text, filetype="markdown", tz=UTC)
    _check_problems(problems, text)
    assert line is None or line >= 1
    if meta.has_metadata and meta.date is None:
        assert any("not listed" in p.message for p in problems)


@parsing
@hypothesis.given(field_lists())
def test_field_list_gives_problems_never_exceptions(text: str) -> None:
    meta, problems, _ = read_post(text, filetype="restructuredtext", tz=UTC, docinfo=_docinfo(text))
    _check_problems(problems, text)
    if meta.has_metadata and meta.date is None:
        assert any("not listed" in p.message for p in problems)


def test_unsafe_yaml_tag_is_a_frontmatter_warning_not_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        "---\ntitle: !!python/object/apply:os.system\n"
        f"  - 'touch {marker}'\ndate: 2024-02-10\n---\n# T\n"
    )
    meta, problems, _ = read_post(text, filetype="markdown", tz=UTC)
    assert not marker.exists()
    # The tag is kept as text by the composer, never constructed.
    assert meta.date is not None
    assert all(isinstance(p.subtype, Subtype) for p in problems)


# -- real builds: 24 examples, one post each, one project folder ---------------

CONF = """\
project = "Robust"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
suppress_warnings = ["myst.topmatter", "myst.header", "toc.not_included", "docutils"]
"""
WARNING = re.compile(r"^(?P<where>[^\s].*?): WARNING: .*\[(?P<type>[\w.]+)\]$")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("robust") / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text("Robust\n======\n\nHome.\n", encoding="utf-8")
    return src


builds = hypothesis.settings(
    max_examples=24,
    derandomize=True,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture],
)


@builds
@hypothesis.given(
    st.one_of(front_matters().map(lambda t: ("md", t)), field_lists().map(lambda t: ("rst", t)))
)
def test_a_bad_post_never_breaks_the_build(project: Path, post: tuple[str, str]) -> None:
    suffix, text = post
    if suffix == "md" and MYST_VERSION < (5, 0):
        # myst-parser 4 itself raises on front matter that YAML cannot load
        # (control characters, impossible dates such as year 0), before the
        # extension runs; myst-parser 5 reports them as warnings.
        return
    for old in (project / "posts").iterdir():
        old.unlink()
    shutil.rmtree(project / "_build", ignore_errors=True)
    (project / "posts" / f"p.{suffix}").write_text(text, encoding="utf-8")
    built = build(project, freshenv=True)  # raises on a traceback; checks the invariant
    assert_no_post_lost(built)
    for line in built.warnings():
        if "[blogarchive." not in line:
            continue
        match = WARNING.match(line)
        assert match is not None, line
        assert match["type"].split(".", 1)[1] in set(Subtype), line
        assert re.fullmatch(rf"posts/p\.{suffix}:\d+", match["where"]), line


# -- every subtype is documented -----------------------------------------------


def test_every_subtype_has_its_docs_entry() -> None:
    # warnings.md renders the subtypes' descriptions kept in the code (the
    # generated reference: see test_reference_docs.py, which builds it).
    docs = (REPO / "docs" / "guide" / "warnings.md").read_text(encoding="utf-8")
    assert "```{blogarchive-warnings}" in docs
    for subtype in Subtype:
        assert subtype.doc.means.strip() and subtype.doc.fix.strip(), subtype


def test_a_post_in_the_projects_source_encoding_is_read(tmp_path: Path) -> None:
    # Sphinx stops with a traceback on a source it cannot decode (not ours to
    # catch); with ``source_encoding`` set, the extension reads posts as Sphinx does.
    src = tmp_path / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(CONF + 'source_encoding = "latin-1"\n', encoding="utf-8")
    (src / "index.rst").write_text("Robust\n======\n\nHome.\n", encoding="utf-8")
    (src / "posts/bad.md").write_bytes(b"---\ntitle: caf\xe9\ndate: 2024-02-10\n---\nText.\n")
    built = build(src)
    assert [w for w in built.warnings() if "[blogarchive." in w] == []
    assert "blogarchive: listed 1;" in built.status
    assert "café" in built.path("posts/bad").read_text(encoding="utf-8")
