"""Excerpts and word counts of posts, taken from the doctree at read time.

The excerpt is the ``excerpt`` field when given, else the body before an
explicit "more" marker (a comment reading ``more``: ``<!-- more -->`` in
MyST, ``.. more`` in reStructuredText), else the first paragraph. It is kept
twice, as plain text and as a small, safe HTML fragment rendered here from
the nodes: emphasis, strong, code and external links are kept; references
inside the project are flattened to their text; raw HTML is dropped; every
text is escaped. Both are plain strings, so :class:`~._post.Post` stays
small and picklable.

A reference without explicit text shows a title that is not known when the
post is read: a ``{blog:post}`` reference the post's title, a ``{doc}``
reference (or a MyST link ``[](other.md)``) the document's title, a
``{ref}`` reference the title of the section its label names. Such a
reference is kept in the excerpt as a token, replaced once every document
is read: by :func:`resolve_post_titles` (posts, when the archive is built)
and :func:`resolve_doc_titles` (documents and labels, just before).
"""

from __future__ import annotations

import html
import pathlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.util import docname_join

_MORE = re.compile(r"^\s*(?:<!--\s*)?more\s*(?:-->)?\s*$", re.IGNORECASE)
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://")
_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


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

#: Brackets a reference to a document or a label whose title is not known at
#: read time: ``\x1b<kind>\x1f<target>\x1f<fallback>\x1b``, *kind* ``doc``
#: (*target* an absolute docname) or ``ref`` (*target* a label), *fallback*
#: the text shown when the target has no title; see :func:`resolve_doc_titles`.
#: (Not a whitespace character, unlike ``\x1c``-``\x1f``: see :func:`_collapse`.)
DOC_REF = "\x1b"
_DOC_REF = re.compile("\x1b([^\x1b\x1f]*)\x1f([^\x1b\x1f]*)\x1f([^\x1b]*)\x1b")
#: Brackets a link of an excerpt whose URL depends on the page showing it:
#: ``\x1c<kind>\x1f<a>\x1f<b>\x1c`` in an ``href`` or ``src``, *kind* ``doc``
#: (*a* a docname, *b* an anchor or ""), ``ref`` (*a* a label), ``file`` (*a*
#: a path from the output root), ``download`` (*a* the file's path in the
#: source folder, as ``env.dlfiles`` keys it), ``image`` (*a* the image's path
#: in the source folder, as Sphinx's ``env.images`` keys it) or ``rel`` (*a*
#: the post's docname, *b* a relative URL written in it); see
#: :func:`resolve_links`.
LINK = "\x1c"
_LINK = re.compile("\x1c([^\x1c\x1f]*)\x1f([^\x1c\x1f]*)\x1f([^\x1c]*)\x1c")
_LINKED = re.compile('<a class="reference internal" href="(\x1c[^\x1c]*\x1c)">(.*?)</a>', re.DOTALL)
_IMAGE = re.compile('<img src="(\x1c[^\x1c]*\x1c)" alt="[^"]*" />')
#: MathJax's markup, as Sphinx's HTML writer makes it (``sphinx.ext.mathjax``).
MATH_CLASS = "math notranslate nohighlight"

#: Whitespace, but not the separators ``\x1c``-``\x1f`` (which ``str.split``
#: counts as whitespace) that the tokens use.
_SPACE = re.compile(r"[^\S\x1c-\x1f]+")
#: The token characters, as a source's text would spell them: made spaces.
_NOT_TOKENS = str.maketrans(dict.fromkeys("\x1a\x1b\x1c\x1d\x1e\x1f", " "))

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


def _doc_ref(node: nodes.Node) -> str | None:
    """The token of a ``{doc}``/``{ref}``/MyST document reference without text, or None."""
    if (
        not isinstance(node, nodes.Element)
        or node.tagname != "pending_xref"
        or node.get("refexplicit")
    ):
        return None
    domain, kind, target = node.get("refdomain"), node.get("reftype"), node.get("reftarget", "")
    if domain == "std" and kind == "doc":
        # As Sphinx's std domain resolves it: relative to the referring document.
        target = docname_join(str(node.get("refdoc", "")), str(target))
    elif domain == "doc" and kind == "myst" and not node.get("reftargetid"):
        kind = "doc"  # myst-parser's [](other.md): the target is a docname already
    elif not (domain == "std" and kind == "ref"):
        return None
    target = str(target)
    if DOC_REF in target or "\x1f" in target:
        return None  # not a name Sphinx could resolve: the text stays
    fallback = _collapse(node.astext().translate(_NOT_TOKENS)) or target
    return f"{DOC_REF}{kind}\x1f{target}\x1f{fallback}{DOC_REF}"


def _token(node: nodes.Node) -> str | None:
    """The token standing for *node* in an excerpt (see :data:`POST_REF`, :data:`DOC_REF`)."""
    token = _post_ref(node)
    return token if token is not None else _doc_ref(node)


def _collapse(text: str) -> str:
    """*text* with each run of whitespace one space, trimmed; tokens kept whole."""
    return _SPACE.sub(" ", text).strip(" ")


def _inline_text(node: nodes.Node) -> str:
    """Plain text of an inline node tree, as :func:`_inline_html` keeps it."""
    if isinstance(node, nodes.Text):
        return str(node).translate(_NOT_TOKENS)
    if isinstance(node, _SKIPPED):
        return ""
    if (token := _token(node)) is not None:
        return token
    return "".join(_inline_text(child) for child in node.children)


def _link_token(kind: str, a: str, b: str = "") -> str:
    clean = str.maketrans(dict.fromkeys('\x1a\x1b\x1c\x1d\x1e\x1f"<>&'))
    return f"{LINK}{kind}\x1f{a.translate(clean)}\x1f{b.translate(clean)}{LINK}"


def _docname_of(node: nodes.Node) -> str:
    """The docname of the document being read that holds *node* ("" outside Sphinx)."""
    document = node.document
    env = getattr(document.settings, "env", None) if document is not None else None
    return str(getattr(env, "docname", "") or "")


def _link_of(node: nodes.Element) -> str | None:
    """The link token of an internal reference, download or relative link; None for none."""
    if node.tagname == "pending_xref":
        domain, kind = node.get("refdomain"), node.get("reftype")
        target = str(node.get("reftarget", ""))
        if domain == "std" and kind == "doc":
            return _link_token("doc", docname_join(str(node.get("refdoc", "")), target))
        if domain == "doc" and kind == "myst":
            return _link_token("doc", target, str(node.get("reftargetid") or ""))
        if domain == "std" and kind == "ref":
            return _link_token("ref", target)
        return None
    if node.tagname == "download_reference":
        target = str(node.get("reftarget", ""))
        if not target or _SCHEME.match(target):
            return None
        return _link_token("download", _source_path(_docname_of(node), target))
    if isinstance(node, nodes.reference):
        if node.get("refid"):
            return _link_token("doc", _docname_of(node), str(node["refid"]))
        uri = str(node.get("refuri", ""))
        if uri and not _SCHEME.match(uri):
            if uri.startswith("#"):
                return _link_token("doc", _docname_of(node), uri[1:])
            if not uri.startswith("/"):
                return _link_token("rel", _docname_of(node), uri)
    return None


def _source_path(docname: str, path: str) -> str:
    """*path*, written in document *docname*, relative to the source folder (as Sphinx reads it)."""
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))


def _image_html(node: nodes.Element) -> str:
    uri = str(node.get("uri", ""))
    if not uri or _SCHEME.match(uri):
        return ""
    if "candidates" not in node:  # not yet read by Sphinx's image collector
        uri = _source_path(_docname_of(node), uri)
    alt = html.escape(str(node.get("alt", "")), quote=True)
    return f'<img src="{_link_token("image", uri)}" alt="{alt}" />'


def _inline_html(node: nodes.Node) -> str:
    """Safe HTML of an inline node tree."""
    if isinstance(node, nodes.Text):
        return html.escape(str(node).translate(_NOT_TOKENS), quote=False)
    if isinstance(node, _SKIPPED):
        return ""
    if isinstance(node, nodes.math):
        latex = html.escape(node.astext().translate(_NOT_TOKENS), quote=False)
        return f'<span class="{MATH_CLASS}">\\({latex}\\)</span>'
    if isinstance(node, nodes.image):
        return _image_html(node)
    link = _link_of(node) if isinstance(node, nodes.Element) else None
    if (token := _token(node)) is not None:
        return f'<a class="reference internal" href="{link}">{token}</a>' if link else token
    inner = "".join(_inline_html(child) for child in node.children)
    if link is not None:
        return f'<a class="reference internal" href="{link}">{inner}</a>'

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
    if isinstance(node, nodes.math_block):
        latex = html.escape(node.astext().translate(_NOT_TOKENS), quote=False)
        return f'<div class="{MATH_CLASS}">\\[{latex}\\]</div>'
    if isinstance(node, nodes.image):
        return f"<p>{_image_html(node)}</p>"
    if isinstance(node, nodes.figure):
        images = [_image_html(image) for image in node.findall(nodes.image)]
        return f"<p>{images[0]}</p>" if images and images[0] else ""
    return ""


def _blocks_html(node: nodes.Element) -> str:
    return "".join(_block_html(c) for c in node.children if isinstance(c, nodes.Element))


def _text(blocks: list[nodes.Element]) -> str:
    return _collapse(" ".join(_collapse(_inline_text(block)) for block in blocks))


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


def resolve_doc_titles(
    text: str, title_of: Callable[[str, str], str | None], *, escape: bool
) -> str:
    """Replace the document and label reference tokens of an excerpt by titles.

    *title_of(kind, target)* gives the title of the document (*kind*
    ``doc``) or of the section a label names (``ref``), or None when there
    is none: then the reference's own text is shown, as Sphinx shows an
    unresolved reference. *escape* HTML-escapes the text for ``excerpt_html``.
    """
    if DOC_REF not in text:
        return text

    def title(match: re.Match[str]) -> str:
        found = title_of(match[1], match[2]) or match[3]
        return html.escape(found, quote=False) if escape else found

    return _DOC_REF.sub(title, text)


def resolve_links(text: str, url_of: Callable[[str, str, str], str]) -> str:
    """Replace the link tokens of an excerpt's HTML (see :data:`LINK`) by URLs.

    *url_of(kind, a, b)* gives the URL from the page showing the excerpt,
    or "" where there is none: the link then becomes its text, an image is
    left out, as Sphinx shows an unresolved reference.
    """
    if LINK not in text:
        return text

    def url(token: str) -> str:
        match = _LINK.fullmatch(token)
        return url_of(match[1], match[2], match[3]) if match else ""

    def link(match: re.Match[str]) -> str:
        found = url(match[1])
        if not found:
            return match[2]
        return (
            f'<a class="reference internal" href="{html.escape(found, quote=True)}">{match[2]}</a>'
        )

    def image(match: re.Match[str]) -> str:
        found = url(match[1])
        return match[0].replace(match[1], html.escape(found, quote=True)) if found else ""

    return _IMAGE.sub(image, _LINKED.sub(link, text))


def link_targets(env: Any, text: str) -> list[Any]:
    """Where the link tokens of an excerpt's HTML *text* lead, in this build's *env*.

    For each token: whether the document exists, the (document, anchor) of
    a label, the output name of a download or an image. A listing's key
    holds it, so moving a label or a file rewrites the listings showing
    the excerpt, as a fresh build would.
    """
    if LINK not in text:
        return []
    std = env.domaindata.get("std", {})
    labels = {**std.get("anonlabels", {}), **std.get("labels", {})}
    found: list[Any] = []
    for kind, a, _ in _LINK.findall(text):
        if kind in ("doc", "rel"):
            found.append(a in env.all_docs)
        elif kind == "ref":
            target = labels.get(a)
            found.append(list(target[:2]) if target else None)
        elif kind == "download":
            files = getattr(env, "dlfiles", {})
            copied = files.get(a) or files.get(pathlib.Path(a))
            found.append(str(copied[1]) if copied else None)
        elif kind == "image":
            copied = getattr(env, "images", {}).get(a)
            found.append(str(copied[1]) if copied else None)
    return found


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


#: Characters read one by one rather than in space-separated words: the Han
#: ideographs (Chinese, Japanese kanji), hiragana and katakana. (Korean
#: separates its words with spaces: its words are counted as words.)
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c"
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9d\U00020000-\U0003134f]"
)
#: CJK punctuation and full-width forms: neither words nor characters read.
_CJK_PUNCTUATION = re.compile("[\u3000-\u3004\u3008-\u3020\u3030\uff00-\uff65]")


@dataclass(frozen=True)
class TextSize:
    """The readable size of a post: *words* (space-separated) and CJK *characters*."""

    words: int = 0
    characters: int = 0


def text_size(section: nodes.Element) -> TextSize:
    """Words and CJK characters of the post's readable text (code blocks and raw HTML left out).

    Chinese and Japanese are written without spaces between words, so their
    characters are counted one by one (see :data:`_CJK`) and the rest of the
    text in space-separated words: a paragraph mixing the two counts both.
    """
    words = characters = 0
    for text in section.findall(nodes.Text):
        if any(
            isinstance(a, nodes.literal_block | nodes.raw | nodes.comment) for a in _ancestors(text)
        ):
            continue
        value = _CJK_PUNCTUATION.sub(" ", str(text))
        value, found = _CJK.subn(" ", value)
        characters += found
        words += len(value.split())
    return TextSize(words, characters)
