"""The front matter fuzzer (issue 18): hostile front matters never crash a build or lose a post.

Hypothesis writes 10 projects of 30 MyST posts each (300 front matters),
each field drawn from hostile values: Unicode digits, very long text, YAML
specials, tags, anchors, nested values, impossible dates, duplicate keys, a
misplaced ``---``. Each project is built with Sphinx; the build must finish
(no traceback), and every file must be listed, or be a draft or scheduled
post (as it asked), or carry a ``blogarchive`` warning naming its file.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

from helpers import build, listed_in_index  # noqa: E402

from sphinx_blogarchive.extension.domain import get_domain  # noqa: E402
from sphinx_blogarchive.model._readers import FIELDS  # noqa: E402

POSTS_PER_PROJECT = 30
PROJECTS = 10  # 300 front matters in all
KEYS = [*sorted(FIELDS), "unknown_key"]
SCALARS = st.one_of(
    st.sampled_from(
        [
            "2024-01-02",
            "2024-02-30",
            "0001-01-01",
            "0999-12-31T23:59:59.123456+14:00",
            "9999-12-31",
            "'²'",
            "'١٢'",
            "5",
            "-3",
            "1e309",
            "true",
            "no",
            "~",
            "null",
            "''",
            "'javascript:alert(1)'",
            "'data:text/html,x'",
            "'" + "x" * 300 + ".png'",
            "../../etc/passwd",
            "!!python/object:os.system",
            "!local x",
            "&a x",
            "*a",
            "'{{ 7 * 7 }}'",
            "'<script>alert(1)</script>'",
            '"\\u202e\\u2066 rtl"',
            "'CON'",
            "'_static/basic.css'",
            "'objects.inv'",
            "|\n  block\n  text",
            "[a, [b, [c]]]",
            "{x: 1}",
            "[" + ", ".join(f"n{i}" for i in range(150)) + "]",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=40,
    ).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)
FIELD = st.tuples(st.sampled_from(KEYS), SCALARS)
FRONT = st.tuples(
    st.lists(FIELD, min_size=0, max_size=8),
    st.sampled_from(["---", "---", "---", " ---", "\n---", "--- ", "+++"]),
)


def text_of(front: tuple[list[tuple[str, str]], str]) -> str:
    fields, opener = front
    body = "\n".join(f"{key}: {value}" for key, value in fields)
    closer = "+++" if opener == "+++" else "---"
    return f"{opener}\n{body}\n{closer}\n\n# Post\n\nText.\n"


@pytest.mark.slow
@hypothesis.settings(
    max_examples=PROJECTS,
    deadline=None,
    database=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow, hypothesis.HealthCheck.data_too_large],
)
@hypothesis.given(fronts=st.lists(FRONT, min_size=POSTS_PER_PROJECT, max_size=POSTS_PER_PROJECT))
def test_hostile_front_matters_never_crash_nor_lose_a_post(
    fronts: list[tuple[list[tuple[str, str]], str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    src = root / "src"
    (src / "posts").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_blogarchive"]\nexclude_patterns = ["_build"]\n'
        'html_baseurl = "https://example.org/"\n',
        "utf-8",
    )
    (src / "index.md").write_text("# Home\n", "utf-8")
    for number, front in enumerate(fronts):
        (src / f"posts/p{number}.md").write_text(text_of(front), "utf-8")
    # build() raises on any exception of the build, and checks no post is lost
    built = build(src, builddir=root / "_build")
    assert "Traceback" not in built.warning
    warned = {
        match[1]
        for match in re.finditer(
            r"^posts/(p\d+)\.md(?::\d+)?: WARNING: .*\[blogarchive\.",
            built.warning.replace(str(src) + "/", ""),
            re.M,
        )
    }
    listed = listed_in_index(built)
    posts = get_domain(built.app.env).posts
    now = dt.datetime.now(dt.UTC)
    for number in range(len(fronts)):
        docname = f"posts/p{number}"
        post = posts.get(docname)
        asked = post is not None and (
            post.draft or (post.date is not None and post.date.value > now)
        )
        assert docname in listed or asked or f"p{number}" in warned, (
            docname,
            text_of(fronts[number]),
        )
