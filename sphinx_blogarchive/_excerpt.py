"""Excerpts and word counts of posts, taken from the doctree at read time.

The excerpt is the ``excerpt`` field when given, else the body before an
explicit "more" marker (a comment reading ``more``: ``<!-- more -->`` in
MyST, ``.. more`` in reStructuredText), else the first paragraph. It is kept
twice, as plain text and as a small, safe HTML fragment rendered here from
the nodes: emphasis, strong, code and external links are kept; references
inside the project are flattened to their text; raw HTML is dropped; every
text is escaped. Both are plain strings, so :class:`~.model.Post` stays
small and picklable.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes

_MORE = re.compile(r"^\s*(?:<!--\s*)?more\s*(?:-->)?\s*$", re.IGNORECASE)
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://")


@dataclass(frozen=True)
class Excerpt:
    """A post's excerpt: *text* (plain) and *html* (escaped, inline markup kept)."""

    text: str = ""
    html: str = ""


def is_more_marker(node: nodes.Node) -> bool:
    """True for a "more" marker: a comment, or raw HTML comment, reading ``more``."""
    if isinstance(node, nodes.comment | nodes.raw):
        return bool(_MORE.match(node.astext()))
    return False


#: Brackets a reference to a post whose title is not known at read time:
#: ``\x1a<fromdocname>\x1f<target>\x1a``; see :func:`resolve_post_titles`.
POST_REF = "\x1a"
_POST_REF = re.compile("\x1a([^\x1a\x1f]*)\x1f([^\x1a]*)\x1a")

#: Nodes left out of excerpts: raw markup, comments, messages, footnote marks.
_SKIPPED = (
    nodes.raw,
    nodes.comment,
    nodes.system_message,
    nodes.footnote_reference,
    nodes.citation_reference,
)


def _post_ref(node: nodes.Node) -> str | None:
    """The token of a ``{blog:post}`` reference without explicit title, or None."""
    if (
        isinstance(node, nodes.Element)
        and node.tagname == "pending_xref"
        and node.get("refdomain") == "blog"
        and node.get("reftype") == "post"
        and not node.get("refexplicit")
    ):
        return f"{POST_REF}{node.get('refdoc', '')}\x1f{node.get('reftarget', '')}{POST_REF}"
    return None


def _inline_text(node: nodes.Node) -> str:
    """Plain text of an inline node tree, as :func:`_inline_html` keeps it."""
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, _SKIPPED):
        return ""
    if (token := _post_ref(node)) is not None:
        return token
    return "".join(_inline_text(child) for child in node.children)


def _inline_html(node: nodes.Node) -> str:
    """Safe HTML of an inline node tree."""
    if isinstance(node, nodes.Text):
        return html.escape(str(node), quote=False)
    if isinstance(node, _SKIPPED):
        return ""
    if (token := _post_ref(node)) is not None:
        return token
    inner = "".join(_inline_html(child) for child in node.children)
    if isinstance(node, nodes.emphasis):
        return f"<em>{inner}</em>"
    if isinstance(node, nodes.strong):
        return f"<strong>{inner}</strong>"
    if isinstance(node, nodes.literal):
        return f"<code>{inner}</code>"
    if isinstance(node, nodes.reference):
        uri = str(node.get("refuri", ""))
        if uri.startswith(_SAFE_SCHEMES) and not node.get("internal"):
            return f'<a href="{html.escape(uri, quote=True)}">{inner}</a>'
    return inner


def _block_html(node: nodes.Element) -> str:
    if isinstance(node, nodes.paragraph):
        return f"<p>{_inline_html(node)}</p>"
    if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
        tag = "ul" if isinstance(node, nodes.bullet_list) else "ol"
        items = "".join(
            f"<li>{_blocks_html(item)}</li>"
            for item in node.children
            if isinstance(item, nodes.list_item)
        )
        return f"<{tag}>{items}</{tag}>"
    if isinstance(node, nodes.block_quote):
        return f"<blockquote>{_blocks_html(node)}</blockquote>"
    if isinstance(node, nodes.literal_block):
        return f"<pre><code>{html.escape(node.astext(), quote=False)}</code></pre>"
    return ""


def _blocks_html(node: nodes.Element) -> str:
    return "".join(_block_html(c) for c in node.children if isinstance(c, nodes.Element))


def _text(blocks: list[nodes.Element]) -> str:
    return " ".join(" ".join(_inline_text(block).split()) for block in blocks).strip()


def resolve_post_titles(text: str, title_of: Callable[[str, str], str], *, escape: bool) -> str:
    """Replace the post-reference tokens of an excerpt by the posts' titles.

    *title_of(fromdocname, target)* gives the title (or the target itself
    when it names no post); *escape* HTML-escapes it for ``excerpt_html``.
    """
    if POST_REF not in text:
        return text

    def title(match: re.Match[str]) -> str:
        found = title_of(match[1], match[2])
        return html.escape(found, quote=False) if escape else found

    return _POST_REF.sub(title, text)


def excerpt_of(section: nodes.Element, field: str = "") -> Excerpt:
    """The excerpt of a post whose body is *section* (the titled top section).

    *field* is the ``excerpt`` metadata, which wins when not empty. Sections,
    headers and admonitions are skipped when looking for a first paragraph.
    """
    if field.strip():
        text = " ".join(field.split())
        return Excerpt(text, f"<p>{html.escape(text, quote=False)}</p>")
    body = [c for c in section.children if isinstance(c, nodes.Element)]
    before: list[nodes.Element] = []
    for child in body:
        if is_more_marker(child):
            blocks = [b for b in before if _block_html(b)]
            return Excerpt(_text(blocks), "".join(_block_html(b) for b in blocks))
        if isinstance(child, nodes.section):
            break
        before.append(child)
    for paragraph in section.findall(nodes.paragraph):
        if any(isinstance(a, nodes.Admonition | nodes.docinfo) for a in _ancestors(paragraph)):
            continue
        if paragraph.astext().strip():
            return Excerpt(_text([paragraph]), _block_html(paragraph))
    return Excerpt()


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    result = []
    parent = node.parent
    while parent is not None:
        result.append(parent)
        parent = parent.parent
    return result


def word_count(section: nodes.Element) -> int:
    """Words of the post's readable text (code blocks and raw HTML left out)."""
    count = 0
    for text in section.findall(nodes.Text):
        if any(
            isinstance(a, nodes.literal_block | nodes.raw | nodes.comment) for a in _ancestors(text)
        ):
            continue
        count += len(str(text).split())
    return count
