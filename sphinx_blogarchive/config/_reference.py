"""The reference documentation's data, kept next to what it describes.

Each directive class documents its options in ``option_docs`` (an
:class:`OptionDoc` per key of its ``option_spec``), the ``blog`` domain its
roles in ``role_docs`` (a :class:`RoleDoc` each), :class:`~._config.BlogConfig`
its fields in their metadata and :class:`~sphinx_blogarchive.model._warnings.Subtype` its members in
:data:`~sphinx_blogarchive.model._warnings.DOCS`. The docs site renders them as tables
(``docs/_ext/blogarchive_reference.py``), and a test fails when one lacks its
description. Texts are MyST Markdown, the docs' syntax, with links relative
to ``docs/guide``.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from sphinx_blogarchive.config._config import BlogConfig


@dataclass(frozen=True)
class OptionDoc:
    """A directive option in the reference: its *effect*, and the *value* and *default*.

    *value* and *default* may be empty (ABlog's options, read or ignored,
    have only an effect here).
    """

    effect: str
    value: str = ""
    default: str = ""


@dataclass(frozen=True)
class RoleDoc:
    """A role in the reference: the *target* it takes, what it *links_to*, its default *text*."""

    target: str
    links_to: str
    text: str


def option_rows(directive: type[Any]) -> list[tuple[list[str], OptionDoc]]:
    """``([option names], doc)`` for *directive*'s options, in ``option_spec`` order.

    Neighbouring options with equal docs share a row (``:from:``, ``:to:``).
    An option without an entry in ``option_docs`` raises :class:`KeyError`.
    """
    docs: dict[str, OptionDoc] = getattr(directive, "option_docs", {})
    rows: list[tuple[list[str], OptionDoc]] = []
    for name in directive.option_spec or {}:
        doc = docs[name]
        if rows and rows[-1][1] == doc:
            rows[-1][0].append(name)
        else:
            rows.append(([name], doc))
    return rows


def undocumented_options(directive: type[Any]) -> list[str]:
    """The options of *directive* without a non-empty entry in its ``option_docs``."""
    docs: dict[str, OptionDoc] = getattr(directive, "option_docs", {})
    return [
        name
        for name in directive.option_spec or {}
        if name not in docs or not docs[name].effect.strip()
    ]


def _type_text(f: dataclasses.Field[Any]) -> str:
    """The type column: the field's ``shown_type``, else named from its first type."""
    if f.metadata.get("shown_type"):
        return str(f.metadata["shown_type"])
    first: type = f.metadata["types"][0]
    if first is list:
        return "list of str"
    if first is dict:
        return "dict of str to str"
    return first.__name__


def _literal(value: Any) -> str:
    """A default as the reference writes it: JSON for text and containers, else Python."""
    if isinstance(value, str | list | dict | tuple):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def reference_rows() -> list[tuple[str, str, str, str]]:
    """``(name, type, default, description)`` of every config value, for the reference.

    *default* is MyST Markdown (the value in backticks, then the field's
    ``default_note``), *description* the field's ``doc``.
    """
    rows = []
    for f in dataclasses.fields(BlogConfig):
        default = f.default_factory() if callable(f.default_factory) else f.default
        shown = f"`{_literal(default)}`{f.metadata.get('default_note', '')}"
        rows.append((f"blogarchive_{f.name}", _type_text(f), shown, str(f.metadata["doc"])))
    return rows
