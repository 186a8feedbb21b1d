"""Post dates: parsing the text an author wrote into a timezone-aware value.

Part of :mod:`.metadata` (which re-exports these names).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class PostDate:
    """A timezone-aware date of a post.

    *value* is aware (a naive input gets the blog time zone); *has_time* is
    False for a date-only input, which stands for 00:00 in the blog time zone
    and is displayed without a time. Ordering compares *value* only.
    """

    value: dt.datetime
    has_time: bool = False

    def iso(self) -> str:
        """ISO 8601 text: ``YYYY-MM-DD`` for a date-only value, else with offset.

        Fractions of a second have at most three digits (milliseconds): HTML's
        ``<time datetime>`` allows no more.
        """
        if not self.has_time:
            return self.value.date().isoformat()
        if self.value.microsecond:
            return self.value.isoformat(timespec="milliseconds")
        return self.value.isoformat()


_DATE_ONLY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[Tt]|\s+)(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    r"\s*(?P<tz>[Zz]|[+-]\d{1,2}(?::?\d{2})?)?$"
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_HUMAN_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_HUMAN_DMY = re.compile(r"^(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")


def parse_date(text: str, tz: dt.tzinfo, *, convert: bool = False) -> PostDate:
    """Parse a post date written as text.

    Accepted: ``YYYY-MM-DD``; ISO 8601 date-times with ``T`` or a space,
    optional seconds and fraction, and optional ``Z`` or ``±HH[:MM]`` offset;
    and English ``Feb 13, 2024`` / ``13 February 2024``. A value without an
    offset is in *tz*; a value with one keeps it, unless *convert* (the blog
    sets ``blogarchive_timezone``): then it is the same instant in *tz*, so
    ``2024-12-31T23:30:00-05:00`` in ``Europe/Berlin`` is 1 January 2025,
    05:30+01:00. Raises :class:`ValueError` for anything else, including
    impossible days and years outside 1..9999.
    """
    text = text.strip()
    if m := _DATE_ONLY.match(text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return PostDate(dt.datetime(day.year, day.month, day.day, tzinfo=tz))
    if m := _DATETIME.match(text):
        offset = (m["tz"] or "").upper()
        if offset == "Z":
            offset = "+00:00"
        elif offset:
            sign, digits = offset[0], offset[1:].replace(":", "")
            offset = (
                f"{sign}{digits[:2].zfill(2) if len(digits) <= 2 else digits[:-2].zfill(2)}:"
                + ("00" if len(digits) <= 2 else digits[-2:])
            )
        date_part = "-".join(part.zfill(2) for part in m["date"].split("-"))
        time_part = m["time"] if len(m["time"].split(":")[0]) == 2 else "0" + m["time"]
        try:
            value = dt.datetime.fromisoformat(f"{date_part}T{time_part}{offset}")
        except ValueError as exc:
            raise ValueError("not a valid date and time") from exc
        if value.tzinfo is None:
            value = value.replace(tzinfo=tz)
        elif convert:
            value = value.astimezone(tz)
        return PostDate(value, has_time=True)
    for pattern, order in ((_HUMAN_MDY, "mdy"), (_HUMAN_DMY, "dmy")):
        if m := pattern.match(text):
            month_name, day_text = (m[1], m[2]) if order == "mdy" else (m[2], m[1])
            month = _MONTHS.get(month_name.lower())
            if month is None:
                break
            day = dt.date(int(m[3]), month, int(day_text))
            return PostDate(dt.datetime(day.year, day.month, day.day, tzinfo=tz))
    raise ValueError(f"not a date: {text!r}")


_FORMAT_TOKEN = re.compile(r"%-?[A-Za-z%]|[^%]+|%")
_TIME_CODES = frozenset("HIMSfpzZXc")


def date_only_format(fmt: str) -> str:
    """*fmt* without its time directives (``%d %B %Y, %H:%M`` -> ``%d %B %Y``).

    Each run of time directives (with the text between them) is dropped with
    the separator that joins it to the date part: the one before it, or, for
    a run at the start, the one after it.
    """
    tokens = _FORMAT_TOKEN.findall(fmt)

    def is_time(token: str) -> bool:
        return token.startswith("%") and token[-1] in _TIME_CODES

    keep = [True] * len(tokens)
    i = 0
    while i < len(tokens):
        if not is_time(tokens[i]):
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < len(tokens) and (is_time(tokens[j]) or not tokens[j].startswith("%")):
            if is_time(tokens[j]):
                end = j
            j += 1
        for k in range(start, end + 1):
            keep[k] = False
        if start > 0 and not tokens[start - 1].startswith("%"):
            keep[start - 1] = False
        elif end + 1 < len(tokens) and not tokens[end + 1].startswith("%"):
            keep[end + 1] = False
        i = end + 1
    stripped = "".join(t for t, k in zip(tokens, keep, strict=True) if k)
    return stripped if "%" in stripped else "%x"
