"""Property tests of the metadata parsers (optional: needs hypothesis)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

from sphinx_blogarchive.model._dates import parse_date  # noqa: E402
from sphinx_blogarchive.model._parse import parse_metadata  # noqa: E402
from sphinx_blogarchive.model._readers import read_front_matter  # noqa: E402

UTC = dt.UTC
OFFSETS = st.integers(min_value=-23 * 60 + 1, max_value=23 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
settings = hypothesis.settings(max_examples=300, deadline=None)


@settings
@hypothesis.given(
    st.datetimes(  # hypothesis takes naive bounds and adds the time zones
        min_value=dt.datetime(1, 1, 2),  # noqa: DTZ001
        max_value=dt.datetime(9999, 12, 30),  # noqa: DTZ001
        timezones=OFFSETS,
    )
)
def test_iso_datetimes_round_trip(value: dt.datetime) -> None:
    parsed = parse_date(value.isoformat(), UTC)
    assert parsed.has_time
    assert parsed.value == value
    assert parsed.value.utcoffset() == value.utcoffset()


@settings
@hypothesis.given(st.dates())
def test_iso_dates_round_trip(value: dt.date) -> None:
    parsed = parse_date(value.isoformat(), UTC)
    assert not parsed.has_time
    assert parsed.iso() == value.isoformat()


@settings
@hypothesis.given(st.text())
def test_parse_date_raises_only_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_date(text, UTC)


@settings
@hypothesis.given(st.text())
def test_front_matter_never_raises(text: str) -> None:
    front = read_front_matter(f"---\n{text}\n---\n")
    parse_metadata(front.fields, tz=UTC, default_line=front.line)
