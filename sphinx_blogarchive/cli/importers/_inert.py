"""Imported text never runs: the escaping every importer goes through.

:func:`escape_myst_text` escapes plain text as it is converted;
:func:`make_myst_inert` is the last step of every body, whatever converter
made it: no directive, role, substitution or Jinja of an imported post is
evaluated by MyST or Sphinx.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx_blogarchive.cli.importers import _md2myst

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Characters escaped with a backslash in imported text. Each starts or closes
#: some MyST syntax: emphasis, code, links, raw HTML, strikethrough, roles
#: and substitutions (braces), dollar math, tables, footnotes and
#: attributes. CommonMark shows an escaped ASCII punctuation character as
#: itself.
_TEXT_SPECIAL = re.compile(r"([\\`*_\[\]<>~{}$|^])")
#: Jinja's openers after an escaped brace (``{%``, ``{#``): broken up too.
_JINJA_AFTER_BRACE = re.compile(r"(?<=\\\{)([%#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
#: A character that makes a block of a line's start: headings, quotes,
#: comments, list items, setext lines, colon fences, tables, targets.
_LEADING = re.compile(r"^(\s*)([#>%+\-=:|(])", re.MULTILINE)
_LEADING_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
#: The directives an importer may write (:func:`make_myst_inert` keeps them):
#: name -> whether the body is MyST (made inert in turn) rather than literal text.
#: The HTML converter writes figures, images and math; the Markdown converter
#: admonitions and tabs (:data:`._md2myst.DIRECTIVES`).
SAFE_DIRECTIVES: dict[str, bool] = {
    **dict.fromkeys(_md2myst.DIRECTIVES, True),
    "figure": True,
    "image": True,
    "math": False,
}
_FENCE = re.compile(
    r"^(?P<prefix>(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*)"
    r"(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$"
)
_DIRECTIVE_INFO = re.compile(r"^[ \t]*\{(?P<name>[^}`]*)\}")
_OPTION = re.compile(r"^[ \t>]*:[\w-]+:(?:[ \t]|$)")
_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)")
#: A brace that starts a substitution (``{{``), Jinja (``{%``, ``{#``) or a role.
_EVALUATED_BRACE = re.compile(r"(?<!\\)\{(?=[{%#]|[^{}`\s]*\}`)")


def escape_myst_text(text: str) -> str:
    """Plain *text* as MyST Markdown that shows it as written, under every MyST extension.

    Every character that starts MyST syntax is backslash-escaped: no
    emphasis, code, link, raw HTML, role (``{name}`...```), substitution
    (``{{ x }}``), Jinja (``{% x %}``, ``{# x #}``: the character after the
    brace is escaped too), math (``$``), table, comment (``%`` at a line's
    start), target (``(x)=``), heading, quote, list item or colon fence can
    come from it. Importers call it on every text node they convert (see
    :func:`make_myst_inert` for what the writer does to whole bodies).
    """
    if not text:
        return ""
    text = _TEXT_SPECIAL.sub(r"\\\1", text)
    text = _JINJA_AFTER_BRACE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LEADING.sub(r"\1\\\2", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


def make_myst_inert(body: str) -> str:
    """The MyST *body* with nothing left that a MyST extension or Sphinx would evaluate.

    The last step of every importer: :meth:`~._common.ImportedPost.text`
    (so the :class:`~._writer.PostWriter`) applies it to every body,
    whatever converter made it (HTML through :func:`~._html2myst.html_to_myst`,
    or Markdown of another tool). Outside code:

    * a fenced directive (`````{name}``, ``~~~{name}``, ``:::{name}``) whose
      name is not in :data:`SAFE_DIRECTIVES` becomes a plain code block
      (``text``) that shows its lines as written: ``{eval-rst}``,
      ``{code-cell}``, ``{raw}``, ``{include}`` never run; a colon fence
      becomes text (its colons escaped);
    * a brace that starts a substitution (``{{``), Jinja (``{%``, ``{#``)
      or a role (``{name}`...```) is backslash-escaped.

    Code spans and code blocks are left as they are (MyST evaluates nothing
    in them). Text already escaped by :func:`escape_myst_text` is unchanged.
    """
    return "\n".join(_inert_lines(body.split("\n")))


def _inert_lines(lines: list[str]) -> Iterator[str]:
    closing: str | None = None  # the fence that closes the code block we are in
    bodies: list[str] = []  # the fences of the open directives whose body is MyST
    options = False  # in the option lines (``:alt: ...``) of a directive just opened
    for line in lines:
        match = _FENCE.match(line)
        if options and _OPTION.match(line):
            yield line
            continue
        options = False
        if closing is not None:
            if match and match["fence"].startswith(closing) and not match["info"].strip():
                closing = None
            yield line
            continue
        if match is None:
            yield _inert_inline(line)
            continue
        prefix, fence, info = match["prefix"], match["fence"], match["info"]
        directive = _DIRECTIVE_INFO.match(info)
        name = directive["name"].strip() if directive is not None else None
        if not info.strip() and bodies and fence.startswith(bodies[-1]):
            bodies.pop()
            yield line
        elif name in SAFE_DIRECTIVES and fence[0] != ":":
            if SAFE_DIRECTIVES[name]:
                bodies.append(fence)
                options = True
            else:
                closing = fence
            yield _inert_inline(line)  # its argument (an admonition's title) is MyST
        elif fence[0] == ":":
            yield prefix + "\\" + fence + _inert_inline(info)
        elif directive is not None or "`" not in info or fence[0] == "~":
            closing = fence
            yield prefix + fence + ("text" if directive is not None else info)
        else:
            yield _inert_inline(line)  # backticks in a backtick info string: no fence


def _inert_inline(line: str) -> str:
    """*line* with its evaluated braces escaped, outside its code spans."""
    spans = [span.span() for span in _CODE_SPAN.finditer(line)]

    def escape(match: re.Match[str]) -> str:
        inside = any(start <= match.start() < end for start, end in spans)
        return match[0] if inside else "\\{"

    return _EVALUATED_BRACE.sub(escape, line)
