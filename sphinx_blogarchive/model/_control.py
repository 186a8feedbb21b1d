r"""Control characters: none leaves the doctree into a page, a listing, a feed or a JSON file.

XML 1.0 (section 2.2, ``Char``) allows no C0 control character but tab,
line feed and carriage return, and neither U+FFFE nor U+FFFF; lxml (under
feedgen) refuses to serialise them, so one such character pasted into a
post used to abort the whole build at the feed writer. docutils itself
puts a NUL into the text of a node for each backslash escape
(``**summit**\ is``: ``"\x00 is"``), which its writers remove but a plain
``str()`` of the node keeps.

:func:`strip_control` is the one rule: docutils' escapes are undone as
docutils does (the escaped space goes, with its NUL), then every remaining
character of :data:`CONTROL` is dropped. It is applied to the doctree of
each post when it is read (:func:`clean_doctree`: excerpts, word counts,
the page and the full-text feed body come from it), and again to the data
of every feed, ``posts.json`` and JSON-LD block as they are serialised
(:func:`clean_data`), for text that comes from elsewhere (``conf.py``).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes

#: What no output may hold: U+0000-U+001F except tab, line feed and carriage
#: return, and the non-characters U+FFFE and U+FFFF (XML 1.0 ``Char``).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: docutils' escapes in node text: a backslash-escaped space or line break
#: (both dropped with the NUL), then a lone NUL (an escaped character).
_ESCAPES = ("\x00 ", "\x00\n", "\x00")


def strip_control(text: str) -> str:
    r"""*text* without docutils' NUL escapes or any character of :data:`CONTROL`.

    ``"summit\x00 is"`` (docutils' ``summit\ is``) gives ``"summitis"``,
    as docutils' writers show it; ``"a\x01b"`` gives ``"ab"``. Tab, line
    feed and carriage return are kept. Pure; never raises.
    """
    if CONTROL.search(text) is None:
        return text
    for escape in _ESCAPES:
        text = text.replace(escape, "")
    return CONTROL.sub("", text)


def clean_doctree(doctree: nodes.Node) -> None:
    """Replace, in place, each text node of *doctree* holding a control character.

    The new text is :func:`strip_control` of the old; a node left empty is
    kept empty (so no structure changes). Nodes without such characters are
    left as they are.
    """
    for text in list(doctree.findall(nodes.Text)):
        value = str(text)
        if CONTROL.search(value) is None:
            continue
        parent = text.parent
        if parent is None:
            continue
        parent.replace(text, nodes.Text(strip_control(value)))


def clean_data(data: Any) -> Any:
    """*data* (JSON-like: dicts, lists, tuples, strings) with every string stripped.

    Keys and values alike go through :func:`strip_control`; other values
    are returned as they are. Returns a new structure where something
    changed (lists for tuples), *data* itself where nothing needed to.
    """
    if isinstance(data, str):
        return strip_control(data)
    if isinstance(data, dict):
        return {
            strip_control(k) if isinstance(k, str) else k: clean_data(v) for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [clean_data(item) for item in data]
    return data
