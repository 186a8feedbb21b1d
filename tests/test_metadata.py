"""Metadata parsing, without a build: dates, front matter, field values."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo

import pytest
from docutils.core import publish_doctree
from docutils.nodes import docinfo as docinfo_node

from sphinx_blogarchive.model._dates import PostDate, parse_date
from sphinx_blogarchive.model._parse import parse_metadata
from sphinx_blogarchive.model._post_metadata import PostMetadata
from sphinx_blogarchive.model._readers import RawField, fields_from_docinfo, read_front_matter
from sphinx_blogarchive.model._slugs import slugify

UTC = dt.UTC
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def fields(**values: object) -> dict[str, RawField]:
    """Raw fields as a reader gives them, each on its own line (2, 3, ...)."""
    return {k: RawField(v, i) for i, (k, v) in enumerate(values.items(), start=2)}  # type: ignore[arg-type]


def meta_of(**values: object) -> PostMetadata:
    meta, _problems = parse_metadata(fields(date="2024-01-01", **values), tz=UTC)
    return meta


def problems_of(**values: object) -> list[tuple[str, int | None]]:
    _meta, problems = parse_metadata(fields(**values), tz=UTC, default_line=1)
    return [(str(p.subtype), p.line) for p in problems]


# --------------------------------------------------------------------------
# parse_date


@pytest.mark.parametrize(
    ("text", "expected", "has_time", "iso"),
    [
        ("2024-02-10", dt.datetime(2024, 2, 10, tzinfo=UTC), False, "2024-02-10"),
        ("  2024-02-10 ", dt.datetime(2024, 2, 10, tzinfo=UTC), False, "2024-02-10"),
        ("2024-2-3", dt.datetime(2024, 2, 3, tzinfo=UTC), False, "2024-02-03"),
        (
            "2024-03-02T09:30:00+02:00",
            dt.datetime(2024, 3, 2, 7, 30, tzinfo=UTC),
            True,
            "2024-03-02T09:30:00+02:00",
        ),
        ("2024-03-02T09:30:00Z", dt.datetime(2024, 3, 2, 9, 30, tzinfo=UTC), True, None),
        ("2024-03-02 09:30", dt.datetime(2024, 3, 2, 9, 30, tzinfo=UTC), True, None),
        ("2024-03-02T09:30", dt.datetime(2024, 3, 2, 9, 30, tzinfo=UTC), True, None),
        (
            "2024-03-02T09:30:00.5+0530",
            dt.datetime(2024, 3, 2, 4, 0, 0, 500000, tzinfo=UTC),
            True,
            None,
        ),
        ("Feb 13, 2024", dt.datetime(2024, 2, 13, tzinfo=UTC), False, "2024-02-13"),
        ("13 February 2024", dt.datetime(2024, 2, 13, tzinfo=UTC), False, "2024-02-13"),
        ("Sept 3, 2020", dt.datetime(2020, 9, 3, tzinfo=UTC), False, "2020-09-03"),
    ],
)
def test_parse_date_forms(
    text: str, expected: dt.datetime, has_time: bool, iso: str | None
) -> None:
    value = parse_date(text, UTC)
    assert value.value.tzinfo is not None
    assert value.value == expected
    assert value.has_time is has_time
    if iso is not None:
        assert value.iso() == iso


def test_parse_date_naive_values_are_in_the_blog_time_zone() -> None:
    day = parse_date("2024-07-01", BERLIN)
    assert day.value == dt.datetime(2024, 6, 30, 22, 0, tzinfo=UTC)
    assert day.iso() == "2024-07-01"
    naive = parse_date("2024-07-01 12:00", BERLIN)
    assert naive.value == dt.datetime(2024, 7, 1, 10, 0, tzinfo=UTC)
    # an explicit offset wins over the blog time zone
    aware = parse_date("2024-07-01T12:00:00+00:00", BERLIN)
    assert aware.value == dt.datetime(2024, 7, 1, 12, 0, tzinfo=UTC)


def test_parse_date_values_compare() -> None:
    # date-only is 00:00 in the blog time zone: before any time that day
    dates = [
        parse_date("2024-03-02T09:30:00+02:00", UTC),
        parse_date("2024-03-01", UTC),
        parse_date("2024-03-03 18:00", UTC),
        parse_date("2024-03-02", UTC),
    ]
    assert [d.value.isoformat() for d in sorted(dates)] == [
        "2024-03-01T00:00:00+00:00",
        "2024-03-02T00:00:00+00:00",
        "2024-03-02T09:30:00+02:00",
        "2024-03-03T18:00:00+00:00",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-30",
        "2024-13-01",
        "2024-00-10",
        "0000-01-01",
        "10000-01-01",
        "2024-02-10T25:00",
        "2024-02-10T10:61",
        "2024-02-10T10:00+25:00",
        "2024/02/10",
        "10.02.2024",
        "Febtember 3, 2024",
        "tomorrow",
        "",
        "   ",
        "2024",
        "2024-02",
    ],
)
def test_parse_date_errors(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_date(text, UTC)


# --------------------------------------------------------------------------
# read_front_matter


def test_front_matter_line_numbers() -> None:
    text = "---\ntitle: X\ndate: 2024-01-01\n\ntags:\n  - a\n  - b\n---\n# X\n"
    front = read_front_matter(text)
    assert front.problems == []
    assert {k: (f.value, f.line) for k, f in front.fields.items()} == {
        "title": ("X", 2),
        "date": ("2024-01-01", 3),
        "tags": (["a", "b"], 5),
    }


def test_front_matter_keeps_scalars_as_written() -> None:
    # YAML would make a date, a datetime and an int of these: they stay text
    text = "---\ndate: 2024-02-10\nupdated: 2024-02-12 10:00:00\nslug: 2024\n---\n"
    front = read_front_matter(text)
    assert {k: f.value for k, f in front.fields.items()} == {
        "date": "2024-02-10",
        "updated": "2024-02-12 10:00:00",
        "slug": "2024",
    }


@pytest.mark.parametrize(
    ("yaml_text", "draft", "tags"),
    [
        ("draft: true\ntags: [a]", True, ("a",)),
        ("draft: false\ntags: [a]", False, ("a",)),
        ("draft: yes\ntags: [a]", True, ("a",)),
        ("draft: 'no'\ntags: [a]", False, ("a",)),
        # YAML 1.1 booleans in a list of names are names
        ("tags: [yes, no, on]", False, ("yes", "no", "on")),
        ("tags: [true, 2024, 3.5]", False, ("true", "2024", "3.5")),
    ],
)
def test_front_matter_booleans_and_numbers(
    yaml_text: str, draft: bool, tags: tuple[str, ...]
) -> None:
    front = read_front_matter(f"---\ndate: 2024-01-01\n{yaml_text}\n---\n")
    meta, problems = parse_metadata(front.fields, tz=UTC)
    assert problems == []
    assert meta.draft is draft
    assert meta.tags == tags


def test_front_matter_with_bom_and_dots() -> None:
    front = read_front_matter("\ufeff---\ntitle: X\n...\nbody")
    assert front.fields["title"].value == "X"
    assert front.fields["title"].line == 2


@pytest.mark.parametrize("text", ["# Just a heading\n", "", "Text\n---\ntitle: X\n---\n"])
def test_no_front_matter(text: str) -> None:
    front = read_front_matter(text)
    assert front.fields == {}
    assert front.problems == []


def test_empty_front_matter() -> None:
    front = read_front_matter("---\n---\n# T\n")
    assert front.fields == {}
    assert front.problems == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("---\ntitle: [unclosed\ndate: 2024-01-01\n---\n", 3, id="bad-flow"),
        pytest.param("---\ntitle: x\n  bad: indent\n---\n", 3, id="bad-indent"),
        pytest.param('---\ntitle: "open\n---\n', None, id="open-quote"),
    ],
)
def test_malformed_yaml(text: str, line: int | None) -> None:
    front = read_front_matter(text)
    assert front.fields == {}
    assert len(front.problems) == 1
    problem = front.problems[0]
    assert str(problem.subtype) == "frontmatter"
    assert problem.line is not None
    if line is not None:
        assert problem.line == line


def test_unclosed_front_matter() -> None:
    front = read_front_matter("---\ntitle: x\n# T\n")
    assert front.fields == {}
    assert [(str(p.subtype), p.line) for p in front.problems] == [("frontmatter", 1)]


@pytest.mark.parametrize("body", ["- a\n- b\n", "just text\n", "42\n"])
def test_front_matter_not_a_mapping(body: str) -> None:
    front = read_front_matter(f"---\n{body}---\n")
    assert front.fields == {}
    assert len(front.problems) == 1
    assert str(front.problems[0].subtype) == "frontmatter"


def test_alias_bomb_is_a_problem_not_a_hang() -> None:
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    text = "---\ntitle: Bomb\n" + "\n".join(levels) + "\ntags: *i\n---\n"
    start = time.perf_counter()
    front = read_front_matter(text)
    assert time.perf_counter() - start < 2
    assert "tags" not in front.fields
    assert front.fields["title"].value == "Bomb"
    assert [(str(p.subtype), p.line) for p in front.problems] == [("frontmatter", 12)]


@pytest.mark.parametrize(
    ("value", "tag", "line"),
    [
        ("!!python/object:os.system ls", "!!python/object:os.system", 3),
        ("!!python/tuple [a, b]", "!!python/tuple", 3),
        ("!local x", "!local", 3),
        ("!<tag:example.org,2024:x> x", "!<tag:example.org,2024:x>", 3),
        ("\n  - a\n  - !!python/name:os.system b", "!!python/name:os.system", 5),
        ("\n  a: !!python/bytes eA==", "!!python/bytes", 4),
    ],
)
def test_unknown_yaml_tag_drops_the_field(value: str, tag: str, line: int) -> None:
    front = read_front_matter(f"---\ntitle: T\ntags: {value}\ndate: 2024-01-10\n---\n")
    assert "tags" not in front.fields
    assert front.fields["title"].value == "T"
    assert front.fields["date"].value == "2024-01-10"
    assert [(str(p.subtype), p.line, p.message) for p in front.problems] == [
        (
            "frontmatter",
            line,
            f"front matter value of 'tags' has the YAML tag {tag!r}, which is not a standard one; "
            "the field is ignored",
        )
    ]


def test_standard_yaml_tags_are_read_as_written() -> None:
    text = (
        "---\n"
        "title: !!str 2024\n"
        "date: !!timestamp 2024-01-10\n"
        "reading_time: !!int 5\n"
        "draft: !!bool false\n"
        "subtitle: ! text\n"
        "tags: !!seq [a, !!str b]\n"
        "image: !!null\n"
        "---\n"
    )
    front = read_front_matter(text)
    assert front.problems == []
    assert {k: f.value for k, f in front.fields.items()} == {
        "title": "2024",
        "date": "2024-01-10",
        "reading_time": "5",
        "draft": "false",
        "subtitle": "text",
        "tags": ["a", "b"],
        "image": None,
    }


# --------------------------------------------------------------------------
# parse_metadata


def test_tags_list_and_strings() -> None:
    assert meta_of(tags=["a", "b"]).tags == ("a", "b")
    assert meta_of(tags="a, b ,c").tags == ("a", "b", "c")
    assert meta_of(tags="open source").tags == ("open source",)  # space never splits
    assert meta_of(tags=["  padded   tag  "]).tags == ("padded tag",)
    assert meta_of(tags=["Python", "python", "PYTHON"]).tags == ("Python",)
    assert meta_of(tags=[]).tags == ()
    assert meta_of(tags=None).tags == ()
    assert meta_of(tags="a,,b, ").tags == ("a", "b")


def test_authors_and_categories() -> None:
    assert meta_of(author="R&D Team").authors == ("R&D Team",)
    assert meta_of(author=["Ada Lovelace", "Grace Hopper"]).authors == (
        "Ada Lovelace",
        "Grace Hopper",
    )
    assert meta_of(author="Ada Lovelace; Grace Hopper").authors == (
        "Ada Lovelace",
        "Grace Hopper",
    )
    assert meta_of(category="Essays").categories == ("Essays",)


@pytest.mark.parametrize(
    ("value", "draft", "problem"),
    [
        (True, True, False),
        (False, False, False),
        (None, True, True),  # an empty ``draft:``: a draft, with a warning
        ("", True, True),  # an empty ``:draft:`` in rST
        ("  ", True, True),
        ("true", True, False),
        ("yes", True, False),
        ("False", False, False),
        ("no", False, False),
        ("maybe", True, True),  # unclear: treated as a draft, with a warning
        (["x"], True, True),
    ],
)
def test_draft_values(value: object, draft: bool, problem: bool) -> None:
    meta, problems = parse_metadata(fields(date="2024-01-01", draft=value), tz=UTC)
    assert meta.draft is draft
    assert [(str(p.subtype), p.line) for p in problems] == ([("metadata", 3)] if problem else [])


def test_subtitle_and_description_alias() -> None:
    assert meta_of(description="From description").subtitle == "From description"
    assert meta_of(subtitle="Sub").subtitle == "Sub"
    assert meta_of(subtitle="Sub", description="Desc").subtitle == "Sub"


def test_unknown_keys_are_ignored() -> None:
    meta, problems = parse_metadata(
        fields(date="2024-01-01", title="T", layout="post", myst={"x": 1}, html_meta="z"), tz=UTC
    )
    assert problems == []
    assert meta == PostMetadata(title="T", date=parse_date("2024-01-01", UTC))


def test_all_fields() -> None:
    meta, problems = parse_metadata(
        fields(
            title=" A  title ",
            date="2024-05-06T07:08:00+02:00",
            updated="2024-05-07",
            subtitle="Sub",
            tags=["t1", "t2"],
            category="Cat",
            author="Someone",
            image="cover.png",
            draft=False,
            slug="My Slug!",
        ),
        tz=UTC,
    )
    assert problems == []
    assert meta == PostMetadata(
        title="A title",
        date=PostDate(
            dt.datetime(2024, 5, 6, 7, 8, tzinfo=dt.timezone(dt.timedelta(hours=2))), True
        ),
        updated=PostDate(dt.datetime(2024, 5, 7, tzinfo=UTC)),
        subtitle="Sub",
        tags=("t1", "t2"),
        categories=("Cat",),
        authors=("Someone",),
        image="cover.png",
        draft=False,
        slug="my-slug",
    )


def test_missing_date_is_one_problem_at_the_default_line() -> None:
    assert problems_of(title="T") == [("date", 1)]
    assert problems_of(title="T", date=None) == [("date", 3)]
    assert problems_of(title="T", date="") == [("date", 3)]


def test_invalid_date_is_one_problem_at_its_line() -> None:
    meta, problems = parse_metadata(fields(title="T", date="2024-02-30"), tz=UTC, default_line=1)
    assert meta.date is None
    assert [(str(p.subtype), p.line) for p in problems] == [("date", 3)]
    assert "2024-02-30" in problems[0].message


def test_invalid_updated_is_reported() -> None:
    # only a bad "date" unlists a post (a "date" problem); a bad "updated" is dropped
    meta, problems = parse_metadata(fields(date="2024-01-01", updated="someday"), tz=UTC)
    assert meta.date is not None
    assert meta.updated is None
    assert [(str(p.subtype), p.line) for p in problems] == [("metadata", 3)]


def test_title_of_the_wrong_type() -> None:
    meta, problems = parse_metadata(fields(date="2024-01-01", title=["a", "b"]), tz=UTC)
    assert meta.title is None
    assert [(str(p.subtype), p.line) for p in problems] == [("metadata", 3)]


def test_quoted_and_unquoted_yaml_give_one_record() -> None:
    def parsed(value: str) -> PostMetadata:
        front = read_front_matter(f"---\ntitle: T\ndate: {value}\ntags: [a]\n---\n")
        return parse_metadata(front.fields, tz=UTC)[0]

    assert parsed("2024-02-10") == parsed('"2024-02-10"') == parsed("'2024-02-10'")
    assert parsed("2024-02-12 10:00:00") == parsed('"2024-02-12 10:00:00"')
    assert parsed("2024-02-12 10:00:00").date == PostDate(
        dt.datetime(2024, 2, 12, 10, tzinfo=UTC), has_time=True
    )


def test_unquoted_impossible_date_is_a_date_problem() -> None:
    # PyYAML's loader raises on this; reading it as text keeps the other fields
    front = read_front_matter("---\ntitle: T\ndate: 2024-02-30\ntags: [yaml]\n---\n")
    meta, problems = parse_metadata(front.fields, tz=UTC, default_line=front.line)
    assert meta.title == "T"
    assert meta.tags == ("yaml",)
    assert meta.date is None
    assert [(str(p.subtype), p.line) for p in [*front.problems, *problems]] == [("date", 3)]


# --------------------------------------------------------------------------
# One record from the .md and .rst spellings

MYST_POST = """\
---
title: Twin post
date: 2024-05-06T07:08:00+02:00
updated: 2024-05-07
subtitle: Two spellings, one record
tags: [open source, Sphinx]
category: Tools
author: [Ada Lovelace, Grace Hopper]
image: cover.png
draft: false
slug: twin
---

# Twin post
"""

RST_POST = """\
:title: Twin post
:date: 2024-05-06T07:08:00+02:00
:updated: 2024-05-07
:subtitle: Two spellings, one record
:tags: open source, Sphinx
:category: Tools
:authors: Ada Lovelace; Grace Hopper
:image: cover.png
:draft: false
:slug: twin

Twin post
=========
"""


def test_md_and_rst_spellings_give_one_record() -> None:
    front = read_front_matter(MYST_POST)
    md_meta, md_problems = parse_metadata(front.fields, tz=UTC)
    doctree = publish_doctree(RST_POST, settings_overrides={"report_level": 5})
    docinfo = next(iter(doctree.findall(docinfo_node)))
    rst_meta, rst_problems = parse_metadata(fields_from_docinfo(docinfo, default_line=1), tz=UTC)
    assert md_problems == rst_problems == []
    assert md_meta == rst_meta
    assert md_meta.authors == ("Ada Lovelace", "Grace Hopper")
    assert md_meta.tags == ("open source", "Sphinx")


# --------------------------------------------------------------------------
# slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("open source", "open-source"),
        ("AC/DC", "ac-dc"),
        ("  padded tag  ", "padded-tag"),
        ("Python", "python"),
        ("数据库", "数据库"),
        ("Café", "café"),
        ("../../etc", "etc"),
        ("a.b", "a-b"),
        # symbols that would make names collide are spelled out
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("F#", "f-sharp"),
        ("C", "c"),
        ("R&D", "r-and-d"),
        ("Google+", "google-plus"),
        ("#metoo", "metoo"),
        ("+++", "plus-plus-plus"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["+++", "...", "/", "!!", "-"])
def test_slugify_never_empty_or_unsafe(name: str) -> None:
    slug = slugify(name)
    assert slug
    assert not {"/", "\\", "."} & set(slug)
    assert not slug.startswith("-")
    assert slugify(name) == slug  # stable
