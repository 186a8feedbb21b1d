"""The first heading of a post, found as the build finds it (for ``check``).

The build titles a post with its ``title`` field, else the title of the
document's first top-level section. These functions find that section
without a Sphinx build: in reStructuredText with docutils, with Sphinx's
settings for titles; in MyST with myst-parser's own Markdown parser, or, when
myst-parser is not installed, with a small line scanner.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import clean_astext

if TYPE_CHECKING:
    from collections.abc import Callable


def rst_doctree(text: str, source: str) -> nodes.document:
    """The doctree docutils makes of *text*, with Sphinx's settings for titles.

    Sphinx keeps a document's top section as a section (``doctitle_xform``
    off) and its leading field list as ``docinfo``; so does this. Nothing is
    included from other files and no message is printed.
    """
    from docutils.core import publish_doctree

    settings = {
        "doctitle_xform": False,
        "sectsubtitle_xform": False,
        "file_insertion_enabled": False,
        "report_level": 5,
        "halt_level": 5,
        "warning_stream": io.StringIO(),
        "input_encoding": "unicode",
    }
    doctree: nodes.document = publish_doctree(text, source_path=source, settings_overrides=settings)
    return doctree


_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1+[ \t]*$")
#: Prefixes tried before the whole source is parsed (see :func:`read_rst`).
MAX_PREFIXES = 3


def read_rst(text: str, source: str) -> tuple[nodes.docinfo | None, str]:
    """The docinfo and the first top-level heading of an rST source, as Sphinx reads them.

    Parsing a whole post only to find its field list and first title is
    slow, and both come before the body. So the source is cut after the
    first lines that could underline a title (a line of one repeated
    punctuation character after a line of text) and that prefix is parsed:
    when it holds a section, the lines after the cut cannot change the
    field list or that title. Else (or after :data:`MAX_PREFIXES` tries)
    the whole source is parsed.
    """
    lines = text.split("\n")
    tries = 0
    for index in range(1, len(lines) - 1):
        if tries >= MAX_PREFIXES:
            break
        if not (_ADORNMENT.match(lines[index]) and lines[index - 1].strip()):
            continue
        tries += 1
        doctree = rst_doctree("\n".join(lines[: index + 1]) + "\n", source)
        if heading := rst_heading(doctree):
            return next(iter(doctree.findall(nodes.docinfo)), None), heading
    doctree = rst_doctree(text, source)
    return next(iter(doctree.findall(nodes.docinfo)), None), rst_heading(doctree)


def rst_heading(doctree: nodes.document) -> str:
    """Text of the first top-level section title of *doctree* ("" when none)."""
    section = next((c for c in doctree.children if isinstance(c, nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return ""
    return clean_astext(section[0])


def markdown_heading_finder() -> Callable[[str], str]:
    """A function giving the text of the first top-level heading of a MyST source.

    With myst-parser installed, its own Markdown parser (default settings)
    finds the blocks: the first heading at nesting level 0 is the one that
    becomes the document's first section, and its inline markup is parsed
    for its text (an image alone gives ""). Without it,
    :func:`scan_markdown_heading` is used.
    """
    try:
        from markdown_it.renderer import RendererHTML
        from myst_parser.config.main import MdParserConfig
        from myst_parser.parsers.mdit import create_md_parser
    except ImportError:
        return scan_markdown_heading
    inline = create_md_parser(MdParserConfig(), RendererHTML)
    blocks = create_md_parser(MdParserConfig(), RendererHTML)
    blocks.disable("inline")  # the block structure is enough to find the heading

    def find(text: str) -> str:
        tokens = blocks.parse(text)
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.level == 0:
                parts = inline.parseInline(tokens[index + 1].content)[0].children or []
                kept = ("text", "code_inline", "html_inline")
                words = (
                    " " if t.type.endswith("break") else t.content
                    for t in parts
                    if t.type in kept or t.type.endswith("break")
                )
                return " ".join("".join(words).split())
        return ""

    return find


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^(?: {4}|\t| {0,3}(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|<))")


def scan_markdown_heading(text: str) -> str:
    """The first top-level heading of a Markdown *text*, by a line scanner.

    Finds ATX (``#`` to ``######``) and setext (a line underlined with
    ``=`` or ``-``) headings outside fenced code, after the front matter,
    and not inside a block quote or a list. CommonMark has corner cases this
    does not follow; it stands in for myst-parser's parser when that is not
    installed.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    start = 0
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
        start = end + 1 if end is not None else 0
    fence: str | None = None
    paragraph: list[str] = []
    for line in lines[start:]:
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        match = _FENCE.match(line)
        if match and not (match[1][0] == "`" and "`" in match[2]):
            fence, paragraph = match[1], []
            continue
        if paragraph and _SETEXT.match(line):
            return " ".join(" ".join(paragraph).split())
        if match := _ATX.match(line):
            return " ".join(match[1].split())
        if not line.strip() or (_NOT_PARAGRAPH.match(line) and not paragraph):
            paragraph = []
        else:
            paragraph.append(line.strip())
    return ""
