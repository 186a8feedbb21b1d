"""Readers of post metadata: YAML front matter and reStructuredText field lists.

Both give the same raw shape, ``{name: RawField(value, line)}``, and a list
of :class:`Problem`. Part of :mod:`.metadata`, which re-exports these names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Union

import yaml
from docutils import nodes

from sphinx_blogarchive.model._warnings import Subtype

RawValue = Union[str, bool, None, list["RawValue"], dict[str, "RawValue"]]  # noqa: UP007

#: The metadata keys the extension reads (others are left to other extensions).
FIELDS = frozenset(
    {
        "title",
        "date",
        "updated",
        "subtitle",
        "description",
        "tags",
        "tag",
        "category",
        "categories",
        "author",
        "authors",
        "image",
        "draft",
        "slug",
        "excerpt",
        "reading_time",
        "redirect_from",
        "canonical_url",
        "language",
        "pin",
        "unlisted",
        "series",
        "series_order",
        # ABlog's name of redirect_from, read in ABlog projects (see _ablog.py).
        "redirect",
    }
)

#: At most this many YAML nodes are expanded per value (alias bombs).
MAX_YAML_NODES = 10_000


@dataclass(frozen=True)
class RawField:
    """One metadata field as written: *value* and its 1-based source *line*."""

    value: RawValue
    line: int | None


@dataclass(frozen=True)
class Problem:
    """A metadata problem: warning *subtype*, *message*, 1-based *line* (or None)."""

    subtype: Subtype
    message: str
    line: int | None


@dataclass(frozen=True)
class FrontMatter:
    """Fields of a front matter block, the problems met, and its first line (1-based)."""

    fields: dict[str, RawField]
    problems: list[Problem]
    line: int | None


# --------------------------------------------------------------------------
# Readers


def read_front_matter(text: str) -> FrontMatter:
    """Read the YAML front matter at the top of a MyST source *text*.

    The block starts with a ``---`` line on line 1 and ends with ``---`` or
    ``...``. Returns fields with their line numbers; a block that YAML cannot
    parse gives one ``frontmatter`` problem and no fields. A field whose value
    (or an item of it) carries a tag other than YAML's standard ones
    (``!!python/object:...``, ``!local``) gives a ``frontmatter`` problem at
    that tag's line and is left out. A value that fails on its own (an
    impossible date, say) is reported by :func:`parse_metadata`, not here,
    since scalars are kept as text. A key given twice is a ``metadata``
    problem at its second line; the last value is used (as YAML loaders,
    MyST's among them, do). Never raises.
    """
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter({}, [], None)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        problem = Problem(Subtype.FRONTMATTER, "front matter has no closing '---' line", 1)
        return FrontMatter({}, [problem], 1)
    try:
        root = yaml.compose("\n".join(lines[1:end]), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        message = f"front matter is not valid YAML ({reason}); its metadata is ignored"
        return FrontMatter({}, [Problem(Subtype.FRONTMATTER, message, line)], 1)
    if root is None:
        return FrontMatter({}, [], 1)
    if not isinstance(root, yaml.MappingNode):
        problem = Problem(Subtype.FRONTMATTER, "front matter is not a mapping of keys", 2)
        return FrontMatter({}, [problem], 1)
    fields: dict[str, RawField] = {}
    problems: list[Problem] = []
    seen: dict[str, int] = {}  # key -> its line
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 2
        if isinstance(key_node, yaml.ScalarNode):
            if (first := seen.get(key_node.value)) is not None:
                message = (
                    f"front matter has the key {key_node.value!r} twice (lines {first} and "
                    f"{line}); the last one is used"
                )
                problems.append(Problem(Subtype.METADATA, message, line))
            seen[key_node.value] = line
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value not in FIELDS:
            continue  # other extensions' keys: not ours to read or judge
        try:
            if key_node.tag not in _STANDARD_TAGS:
                raise _UnknownTag(key_node)
            value = _raw(value_node, [MAX_YAML_NODES], 0)
        except _TooComplex:
            message = f"front matter value of {key_node.value!r} is too large or nested"
            problems.append(Problem(Subtype.FRONTMATTER, message, line))
            continue
        except _UnknownTag as exc:
            message = (
                f"front matter value of {key_node.value!r} has the YAML tag {exc.tag!r}, "
                "which is not a standard one; the field is ignored"
            )
            problems.append(Problem(Subtype.FRONTMATTER, message, exc.line))
            continue
        fields[key_node.value] = RawField(value, line)
    return FrontMatter(fields, problems, 1)


class _TooComplex(Exception):
    pass


_YAML_TAG = "tag:yaml.org,2002:"
_NULL_TAG = f"{_YAML_TAG}null"
#: The tags of YAML's own types (what the safe loader knows, and the tags its
#: implicit resolvers give plain values); a value with any other tag is not
#: read (a YAML loader would make an object of it, or fail).
_STANDARD_TAGS = frozenset(
    f"{_YAML_TAG}{name}"
    for name in (
        "null",
        "bool",
        "int",
        "float",
        "binary",
        "timestamp",
        "str",
        "seq",
        "map",
        "omap",
        "pairs",
        "set",
        "merge",
        "value",
    )
)


class _UnknownTag(Exception):
    """A node with a tag not in :data:`_STANDARD_TAGS`: the *tag* as written, its *line*."""

    def __init__(self, node: yaml.Node) -> None:
        tag = str(node.tag)
        if tag.startswith(_YAML_TAG):
            tag = "!!" + tag.removeprefix(_YAML_TAG)
        elif not tag.startswith("!"):
            tag = f"!<{tag}>"
        super().__init__(tag)
        self.tag = tag
        #: 1-based, in the file (the block starts on line 2).
        self.line = node.start_mark.line + 2


#: PyYAML's safe loader, the libyaml one when PyYAML was built with it (the
#: same nodes and marks, several times faster).
_SAFE_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)


def _raw(node: yaml.Node, budget: list[int], depth: int) -> RawValue:
    budget[0] -= 1
    if budget[0] < 0 or depth > 20:
        raise _TooComplex
    if node.tag not in _STANDARD_TAGS:
        raise _UnknownTag(node)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG:
            return None
        return str(node.value)  # booleans too: `tags: [yes]` is the tag "yes"
    if isinstance(node, yaml.SequenceNode):
        return [_raw(item, budget, depth + 1) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, RawValue] = {}
        for key, item in node.value:
            if key.tag not in _STANDARD_TAGS:
                raise _UnknownTag(key)
            result[str(getattr(key, "value", ""))] = _raw(item, budget, depth + 1)
        return result
    return None  # pragma: no cover - PyYAML has no other node kinds


_RST_FIELD = re.compile(r"^:([^:\s][^:]*):(?:\s|$)")


def rst_field_lines(text: str) -> dict[str, int]:
    """1-based lines of the fields of the field list an rST *text* starts with.

    Comments and blank lines before the list are skipped; the scan stops at
    the first line that is neither a field nor an indented continuation.
    Returns ``{lower-cased field name: line}``.
    """
    lines: dict[str, int] = {}
    started = False
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if match := _RST_FIELD.match(line):
            started = True
            lines.setdefault(match[1].strip().lower(), number)
            continue
        continuation = started and line[:1] in (" ", "\t")
        preamble = not started and (not line.strip() or line.startswith(".."))
        if not (continuation or preamble):
            break
    return lines


def fields_from_docinfo(
    docinfo: nodes.Element, *, default_line: int | None, lines: Mapping[str, int] | None = None
) -> dict[str, RawField]:
    """Read an rST field list, as the ``docinfo`` node docutils made of it.

    Registered bibliographic fields (``:date:``, ``:author:``, ...) arrive as
    their own node classes, generic ones as ``field`` nodes; both become
    ``{name: RawField(text, line)}`` with lower-cased names. *lines* (from
    :func:`rst_field_lines`) gives each field's line, since docutils keeps
    none for bibliographic fields; else *default_line*.
    """
    lines = lines or {}
    fields: dict[str, RawField] = {}
    for child in docinfo.children:
        if not isinstance(child, nodes.Element):
            continue
        if isinstance(child, nodes.field):
            name = child[0].astext()
            value = _field_text(child[1]) if len(child) > 1 else ""
        elif isinstance(child, nodes.authors):
            name = "authors"
            value = "; ".join(_field_text(a) for a in child.children)
        else:
            name = child.tagname
            value = _field_text(child)
        key = name.strip().lower()
        line = lines.get(key) or default_line
        fields[key] = RawField(value.strip(), line)
    return fields


def _field_text(node: nodes.Node) -> str:
    """Text of a field's value, without docutils' messages about it.

    docutils puts a ``system_message`` in place of a bibliographic field it
    cannot read (an empty ``:date:``); its text is not the author's value.
    """
    if not isinstance(node, nodes.Element) or not any(node.findall(nodes.system_message)):
        return node.astext()
    copy = node.deepcopy()
    for message in list(copy.findall(nodes.system_message)):
        message.parent.remove(message)
    return str(copy.astext())
