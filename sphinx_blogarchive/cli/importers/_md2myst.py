r"""Markdown bodies of other blog tools -> MyST Markdown, and what could not be converted.

The importers of MkDocs Material, Docusaurus, Quarto, Jekyll and Hugo read
Markdown that is CommonMark plus each tool's extensions. What MyST has an
equivalent for is rewritten, line by line outside code fences:

* Python-Markdown admonitions (``!!! note "Title"``, collapsible
  ``??? note`` and ``???+ note``; MkDocs Material), Docusaurus admonitions
  (``:::tip[Title]`` ... ``:::``, or ``:::tip Title``) and Quarto callouts
  (``::: {.callout-note title="Title"}`` ... ``:::``) become MyST
  admonition directives (``{note}``, ``{tip}``..., or ``{admonition}`` with
  a ``:class:`` for a type MyST does not have);
* MkDocs Material content tabs (``=== "Tab"`` with an indented block)
  and Docusaurus ``<Tabs>`` of ``<TabItem label="Tab">`` become a
  sphinx-design ``{tab-set}`` of ``{tab-item}``\\ s;
* the tools' excerpt markers (``<!-- more -->``, ``<!--more-->``,
  ``<!-- truncate -->``, ``{/* truncate */}``) become ``<!-- more -->``;
* Jekyll's ``{% highlight lang %}`` and Hugo's ``{{< highlight lang >}}``
  become code fences; ``{% raw %}`` markers go;
* headings move one level down when the body has a first-level one (the
  post's title is the only first-level heading); a first heading equal to
  the title goes.

What has no equivalent (MDX ``import``/``export`` lines and JSX components,
Liquid tags, Hugo and Quarto shortcodes, other Pandoc divs, executable code
cells) is named in the returned notes, so the importer can report it per
file: a line that is only such a construct is kept in the file as a MyST
comment (``% ...``, not shown); in a line of text it stays as text; a code
cell stays as plain code.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

#: A line rewriter: ``(line, line number, notes) -> line``.
Rewrite = Callable[[str, int, list[str]], str]

#: The admonition directives MyST (docutils) knows; other types get ``{admonition}``.
MYST_ADMONITIONS = frozenset(
    {"attention", "caution", "danger", "error", "hint", "important", "note", "seealso", "tip"}
    | {"warning"}
)
#: Every directive this converter writes. Their bodies are MyST: a writer that
#: makes imported bodies inert must keep these (and treat their bodies as MyST).
DIRECTIVES = frozenset({*MYST_ADMONITIONS, "admonition", "tab-set", "tab-item", "figure"})
#: Other tools' admonition types -> MyST's.
ALIASES = {
    "info": "note",
    "todo": "note",
    "abstract": "note",
    "summary": "note",
    "tldr": "note",
    "success": "tip",
    "check": "tip",
    "done": "tip",
    "question": "hint",
    "help": "hint",
    "faq": "hint",
    "failure": "error",
    "fail": "error",
    "missing": "error",
    "bug": "danger",
}
MORE = "<!-- more -->"
#: The excerpt markers of the tools, on a line of their own.
MORE_MARKER = _MORE = re.compile(
    r"^\s*(?:<!--\s*(?:more|truncate)\s*-->|\{/\*\s*truncate\s*\*/\})\s*$", re.I
)
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
_MKDOCS = re.compile(r'^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+[\w\s-]*?)?(?:\s*"(.*)")?\s*$')
_TAB = re.compile(r'^===!?\+?\s+"(.*)"\s*$')
_COLONS = re.compile(r"^(:{3,})\s*(.*?)\s*$")
_DOCUSAURUS = re.compile(r"^([a-z]+)(?:\[(.*)\])?(?:\s+(.*))?$")
_QUARTO = re.compile(r"^\{?\s*\.?callout-([a-z]+)(.*?)\}?$")
_TITLE_ATTR = re.compile(r'title\s*=\s*"([^"]*)"')
_HEADING = re.compile(r"^(#{1,6})(\s+.*)$")
_LIQUID_HIGHLIGHT = re.compile(r"^\s*\{%-?\s*highlight\s+([\w+-]+)[^%]*%\}\s*$")
_LIQUID_END = re.compile(r"^\s*\{%-?\s*endhighlight\s*-?%\}\s*$")
_HUGO_HIGHLIGHT = re.compile(r"^\s*\{\{[<%]\s*highlight\s+([\w+-]+)[^>%]*[>%]\}\}\s*$")
_HUGO_END = re.compile(r"^\s*\{\{[<%]\s*/highlight\s*[>%]\}\}\s*$")
_TAB_ITEM = re.compile(r"<TabItem\b([^>]*)>(.*?)</TabItem>", re.S)
_LABEL = re.compile(r'\blabel\s*=\s*"([^"]*)"')
_VALUE = re.compile(r'\bvalue\s*=\s*"([^"]*)"')
_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_UNCONVERTED = (
    (re.compile(r"^(?:import|export)\s"), "an MDX import/export line"),
    (re.compile(r"</?[A-Z][\w.]*(?=[\s/>])"), "an MDX (JSX) component"),
    (re.compile(r"\{%.*?%\}"), "a Liquid tag"),
    (re.compile(r"\{\{[<%].*?[>%]\}\}"), "a shortcode"),
    (re.compile(r"\{\{.*?\}\}"), "a template expression"),
)


@dataclass
class Converted:
    """A converted body: *text* (MyST) and *notes*, what could not be converted, by line."""

    text: str = ""
    notes: list[str] = field(default_factory=list)


def admonition(kind: str, title: str, body: str) -> str:
    """A MyST admonition directive of *kind* (another tool's type) with *title* and *body*."""
    name = ALIASES.get(kind.lower(), kind.lower())
    if name in MYST_ADMONITIONS and not title:
        return fenced(name, "", body)
    if name in MYST_ADMONITIONS and title.strip().lower() == name:
        return fenced(name, "", body)
    if name in MYST_ADMONITIONS:
        return fenced("admonition", title, body, f":class: {name}")
    return fenced("admonition", title or kind.capitalize(), body, f":class: {kind.lower()}")


def fenced(directive: str, argument: str, body: str, options: str = "") -> str:
    """A backtick-fenced MyST directive, its fence longer than any inside *body*."""
    runs = [len(m) for m in re.findall(r"^\s*(`{3,})", body, re.M)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    head = f"{fence}{{{directive}}}" + (f" {argument}" if argument else "")
    parts = [head, *([options, ""] if options else []), body.strip("\n"), fence]
    return "\n".join(parts)


def _dedent(lines: list[str], width: int = 4) -> list[str]:
    out = []
    for line in lines:
        expanded = line.expandtabs(4)
        out.append(expanded[width:] if expanded[:width].strip() == "" else expanded.lstrip())
    return out


def _indented_block(lines: list[str], start: int) -> int:
    """The end (exclusive) of the block indented by 4 or more that starts at *start*."""
    end = start
    last = start
    while end < len(lines):
        line = lines[end].expandtabs(4)
        if line.strip() and not line.startswith("    "):
            break
        if line.strip():
            last = end + 1
        end += 1
    return last


def _closing(lines: list[str], start: int, colons: str) -> int:
    """The line of the ``:::`` closing the container opened by *colons* before *start*.

    Containers nest (Pandoc's fenced divs, Docusaurus's admonitions with
    more colons outside): a bare fence closes the innermost open one; the
    outer one needs a fence at least as long as its own. -1 when unclosed.
    """
    depth = 0
    fence = ""
    for number in range(start, len(lines)):
        if code := _FENCE.match(lines[number]):
            if not fence:
                fence = code[2]
            elif code[2].startswith(fence) and not code[3].strip():
                fence = ""
            continue
        match = _COLONS.match(lines[number].strip())
        if fence or not match:
            continue
        if match[2]:
            depth += 1
        elif depth:
            depth -= 1
        elif len(match[1]) >= len(colons):
            return number
    return -1


class _Converter:
    def __init__(self, offset: int, rewrite: Rewrite | None) -> None:
        self.offset = offset
        self.rewrite = rewrite
        self.notes: list[str] = []
        self.more = False

    def note(self, number: int, message: str) -> None:
        self.notes.append(f"line {number + self.offset}: {message}")

    def block(self, lines: list[str], base: int) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            if fence := _FENCE.match(line):
                end = next(
                    (
                        j
                        for j in range(i + 1, len(lines))
                        if lines[j].strip().startswith(fence[2])
                        and not lines[j].strip().strip(fence[2][0])
                    ),
                    len(lines) - 1,
                )
                info = fence[3].strip()
                if cell := re.match(r"^\{(\w+)[^}]*\}$", info):
                    self.note(base + i, f"executable code cell {info}: shown as code, not run")
                    line = f"{fence[1]}{fence[2]}{cell[1]}"
                out.extend([line, *lines[i + 1 : end + 1]])
                i = end + 1
                continue
            if _MORE.match(line):
                if not self.more:
                    out.append(MORE)
                self.more = True
                i += 1
                continue
            if match := _MKDOCS.match(line):
                end = _indented_block(lines, i + 1)
                inner = self.block(_dedent(lines[i + 1 : end]), base + i + 1)
                title = match[3] if match[3] is not None else ""
                if match[1].startswith("???"):
                    self.note(base + i, f"collapsible admonition {match[2]!r}: shown open")
                out.extend(admonition(match[2], title, "\n".join(inner)).split("\n"))
                i = end
                continue
            if _TAB.match(line):
                items: list[str] = []
                while i < len(lines) and (tab := _TAB.match(lines[i])):
                    end = _indented_block(lines, i + 1)
                    inner = self.block(_dedent(lines[i + 1 : end]), base + i + 1)
                    items.append(fenced("tab-item", tab[1], "\n".join(inner)))
                    i = end
                    while i < len(lines) and not lines[i].strip() and _next_is_tab(lines, i):
                        i += 1
                out.extend(fenced("tab-set", "", "\n\n".join(items)).split("\n"))
                continue
            if (colon := _COLONS.match(stripped)) and colon[2]:
                end = _closing(lines, i + 1, colon[1])
                if end > 0:
                    out.extend(self._container(lines, i, end, colon[2], base))
                    i = end + 1
                    continue
                self.note(base + i, f"{colon[1]} {colon[2]} is never closed: kept as text")
            if stripped.startswith("<Tabs") and (tabs := self._jsx_tabs(lines, i, base)):
                out.extend(tabs[0])
                i = tabs[1]
                continue
            if match := _LIQUID_HIGHLIGHT.match(line) or _HUGO_HIGHLIGHT.match(line):
                closing = _LIQUID_END if line.strip().startswith("{%") else _HUGO_END
                end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), -1)
                if end > 0:
                    code = "\n".join(lines[i + 1 : end])
                    runs = [len(r) for r in re.findall(r"`{3,}", code)]
                    fence_text = "`" * max(3, max(runs, default=0) + 1)
                    out.extend([f"{fence_text}{match[1]}", *lines[i + 1 : end], fence_text])
                    i = end + 1
                    continue
            out.append(self._line(line, base + i))
            i += 1
        return out

    def _jsx_tabs(self, lines: list[str], i: int, base: int) -> tuple[list[str], int] | None:
        """Docusaurus ``<Tabs>`` of ``<TabItem label="...">``: a tab-set, and the next line."""
        end = next((j for j in range(i, len(lines)) if "</Tabs>" in lines[j]), -1)
        if end < 0 or lines[end].strip() != "</Tabs>" or not lines[i].strip().endswith(">"):
            return None
        chunk = "\n".join(lines[i + 1 : end])
        items = []
        for match in _TAB_ITEM.finditer(chunk):
            label = _LABEL.search(match[1]) or _VALUE.search(match[1])
            first = base + i + 1 + chunk.count("\n", 0, match.start(2))
            inner = self.block(textwrap.dedent(match[2].strip("\n")).split("\n"), first)
            items.append(fenced("tab-item", label[1] if label else "Tab", "\n".join(inner)))
        if not items or _TAB_ITEM.sub("", chunk).strip():
            return None
        return fenced("tab-set", "", "\n\n".join(items)).split("\n"), end + 1

    def _container(self, lines: list[str], i: int, end: int, head: str, base: int) -> list[str]:
        """A Docusaurus admonition or Quarto callout (or another div, unwrapped)."""
        inner = self.block(lines[i + 1 : end], base + i + 1)
        if quarto := _QUARTO.match(head):
            title_attr = _TITLE_ATTR.search(quarto[2])
            title = title_attr[1] if title_attr else ""
            if not title and inner and (h := _HEADING.match(inner[0].strip())):
                title, inner = h[2].strip(), inner[1:]
            if "collapse" in quarto[2]:
                self.note(base + i, f"collapsible callout {quarto[1]!r}: shown open")
            return admonition(quarto[1], title, "\n".join(inner)).split("\n")
        if docusaurus := _DOCUSAURUS.match(head):
            title = docusaurus[2] or docusaurus[3] or ""
            return admonition(docusaurus[1], title, "\n".join(inner)).split("\n")
        self.note(base + i, f"a div ::: {head}: not converted, its content kept")
        return inner

    def _line(self, line: str, number: int) -> str:
        if self.rewrite is not None:
            line = self.rewrite(line, number + self.offset, self.notes)
        if _RAW.search(line):
            line = _RAW.sub("", line)
            if not line.strip():
                return ""
        prose = _CODE_SPAN.sub("", line)
        for pattern, what in _UNCONVERTED:
            if match := pattern.search(prose):
                text = line.strip()
                whole = text.startswith(match[0].strip()) and text.endswith((">", "}", ";"))
                if whole or what.startswith("an MDX import"):
                    self.note(number, f"{what} not converted: {match[0].strip()[:60]}")
                    return "% " + line
                self.note(number, f"{what} not converted, kept as text: {match[0].strip()[:60]}")
                return line
        return line


def _next_is_tab(lines: list[str], i: int) -> bool:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i < len(lines) and _TAB.match(lines[i]) is not None


def convert_markdown(
    text: str, *, title: str = "", first_line: int = 1, rewrite: Rewrite | None = None
) -> Converted:
    """Convert the Markdown body *text* (of a post titled *title*) to MyST.

    *first_line* is the line of the file the body starts on, for the notes
    (``line N: ...``). *rewrite* is called on every line of text (not code)
    first, with its line number and the notes to add to (the importers
    rewrite image paths with it). Never raises.
    """
    lines = text.replace("\r\n", "\n").replace("\ue000", "").split("\n")
    converter = _Converter(first_line, rewrite)
    out = _headings(converter.block(lines, 0), title)
    return Converted("\n".join(out).strip("\n"), converter.notes)


def _headings(lines: list[str], title: str) -> list[str]:
    """Drop a first heading equal to *title*; move headings down when one is ``#``."""
    fence: str | None = None
    positions: list[int] = []
    for number, line in enumerate(lines):
        if match := _FENCE.match(line):
            if fence is None:
                fence = match[2]
            elif match[2].startswith(fence) and not match[3].strip():
                fence = None
            continue
        if fence is None and _HEADING.match(line):
            positions.append(number)
    if positions and (first := _HEADING.match(lines[positions[0]])):
        before = "".join(lines[: positions[0]]).strip()
        if not before and first[1] == "#" and first[2].strip() == title.strip():
            lines = lines[: positions[0]] + lines[positions[0] + 1 :]
            positions = [p - 1 for p in positions[1:]]
    if any(len(_HEADING.match(lines[p])[1]) == 1 for p in positions):  # type: ignore[index]
        for p in positions:
            lines[p] = "#" + lines[p] if not lines[p].startswith("######") else lines[p]
    return lines
