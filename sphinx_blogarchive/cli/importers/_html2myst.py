"""HTML post bodies -> MyST Markdown, with markdownify, knowing Substack's markup.

The body of a Substack post (an HTML fragment in the export's
``posts/<post_id>.html``, or the ``content:encoded`` of its RSS feed) is
ordinary HTML plus a few components, each marked by a class and a
``data-component-name``. Before markdownify converts the rest, they are
rewritten:

* a captioned image (``div.captioned-image-container`` holding a
  ``<figure>`` with an ``<img>`` and a ``<figcaption>``; any ``<figure>``)
  becomes a MyST ``{figure}`` directive, its caption the directive's body;
* footnote references (``a.footnote-anchor``) become ``[^N]`` and the
  footnotes (``div.footnote`` with ``a.footnote-number`` and
  ``div.footnote-content``) MyST footnote definitions at the end;
* the paywall marker (``div.paywall-jump``, ``PaywallToDOM``) becomes the
  excerpt's "more" marker, ``<!-- more -->``;
* embeds (YouTube, tweets, embedded Substack posts and publications, any
  ``<iframe>``) become a link in a paragraph of their own, the URL taken
  from the component's ``data-attrs`` JSON or the iframe's ``src``;
* LaTeX blocks (``div.latex-rendered``) become ``{math}`` directives;
* empty paragraphs, subscribe widgets, buttons, forms, scripts and styles go.

Headings are renumbered so the highest is a second-level heading (the
post's title is the first) and no level is skipped. Text is escaped by
:func:`~._inert.escape_myst_text`, so that MyST shows it as written under
every MyST extension: no raw HTML, role, substitution (``{{ x }}``), Jinja
(``{% x %}``), math, comment (``%``) or target (``(x)=``) can come from a
post's text.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from sphinx_blogarchive.cli.importers._inert import escape_myst_text

#: The excerpt's "more" marker (see the extension's excerpts).
MORE = "<!-- more -->"
_MD_ATTR = "data-blogarchive-md"
_DROP = (
    "script, style, noscript, template, svg, button, form, input, iframe[src=''],"
    " .subscription-widget-wrap, .subscription-widget-wrap-editor, .subscribe-widget,"
    " .image-link-expand, .header-anchor-parent, .header-anchor-widget, .share-dialog,"
    " .post-ufi, .restack-image"
)
_EMBEDS = (
    ".youtube-wrap, .tweet, .embedded-post-wrap, .embedded-publication-wrap,"
    " .digest-post-embed, .spotify-wrap, .vimeo-wrap, .soundcloud-wrap, .bandcamp-wrap,"
    " .apple-podcast-container, .instagram, .tiktok-wrap, .github-gist, .twitter-tweet,"
    " iframe"
)


class _Converter(MarkdownConverter):
    """markdownify's converter with MyST escaping and this module's placeholders."""

    def _default(self, name: str, el: Tag, text: str, parent_tags: set[str]) -> str:
        """The conversion *name* of markdownify (its type stubs do not declare them)."""
        return str(getattr(MarkdownConverter, name)(self, el, text, parent_tags))

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_myst_text(text)

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.has_attr(_MD_ATTR):
            return f"\n\n{el[_MD_ATTR]}\n\n"
        return self._default("convert_div", el, text, parent_tags)

    def convert_span(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.has_attr(_MD_ATTR):
            return str(el[_MD_ATTR])
        return text

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = str(el.get("href") or "")
        if href and not re.match(r"^(https?:|mailto:|#|/)", href):
            return text
        if href:
            el["href"] = _safe_url(href)
        return self._default("convert_a", el, text, parent_tags)

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        el["src"] = _safe_url(str(el.get("src") or ""))
        el["alt"] = escape_myst_text(" ".join(str(el.get("alt") or "").split()))
        return self._default("convert_img", el, text, parent_tags)

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        code = el.get_text().strip("\n")
        if not code:
            return ""
        return f"\n\n{_fenced(code)}\n\n"


def html_to_myst(html: str) -> str:
    """Convert an HTML post body (a fragment) to MyST Markdown.

    Returns the Markdown, without a trailing blank line; "" for an empty
    body. Never raises for odd HTML (the parser is lenient).
    """
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.select(_DROP):
        node.decompose()
    _more_marker(soup)
    notes = _footnotes(soup)
    for figure in soup.select(".captioned-image-container, figure"):
        if figure.parent is not None:
            _figure(soup, figure)
    for embed in soup.select(_EMBEDS):
        if embed.parent is not None:
            _embed(soup, embed)
    for node in soup.select(".latex-rendered"):
        expression = _data_attrs(node).get("persistentExpression") or node.get_text()
        node.replace_with(_block(soup, _fenced(str(expression).strip(), "{math}")))
    for paragraph in soup.find_all("p"):
        if not paragraph.get_text().strip() and paragraph.find(["img", "div", "span"]) is None:
            paragraph.decompose()
    _shift_headings(soup)
    converter = _Converter(
        heading_style="ATX", bullets="-", wrap=True, wrap_width=None, newline_style="backslash"
    )
    text = str(converter.convert_soup(soup))
    if notes:
        text += "\n\n" + "\n\n".join(notes)
    return _tidy(text)


# --------------------------------------------------------------------------
# Components


def _block(soup: BeautifulSoup, markdown: str) -> Tag:
    """A placeholder ``<div>`` the converter writes out as the Markdown *markdown*."""
    return soup.new_tag("div", attrs={_MD_ATTR: markdown})


def _data_attrs(node: Tag) -> dict[str, Any]:
    try:
        value = json.loads(str(node.get("data-attrs") or "{}"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _more_marker(soup: BeautifulSoup) -> None:
    markers = soup.select(".paywall-jump, [data-component-name=PaywallToDOM]")
    for index, marker in enumerate(markers):
        if index == 0:
            marker.replace_with(_block(soup, MORE))
        else:
            marker.decompose()


def _footnotes(soup: BeautifulSoup) -> list[str]:
    """Replace footnote anchors by ``[^N]``; return the definitions, removed from the tree."""
    definitions: dict[str, str] = {}
    for note in soup.select("div.footnote, [data-component-name=FootnoteToDOM]"):
        if note.parent is None:
            continue
        number = note.select_one(".footnote-number")
        label = _label(number.get_text() if number else "", len(definitions) + 1)
        content = note.select_one(".footnote-content") or note
        if number is not None:
            number.decompose()
        body = html_to_myst(content.decode_contents())
        note.decompose()
        if label not in definitions:
            first, *rest = body.split("\n") if body else [""]
            indented = [("    " + line) if line else "" for line in rest]
            definitions[label] = "\n".join([f"[^{label}]: {first}", *indented])
    for anchor in soup.select("a.footnote-anchor, [data-component-name=FootnoteAnchorToDOM]"):
        label = _label(anchor.get_text(), 0)
        if label in definitions:
            anchor.replace_with(soup.new_tag("span", attrs={_MD_ATTR: f"[^{label}]"}))
        else:
            anchor.replace_with(soup.new_string(f"[{anchor.get_text().strip()}]"))
    return list(definitions.values())


def _label(text: str, default: int) -> str:
    label = re.sub(r"[^\w-]", "", text)
    return label or str(default)


def _figure(soup: BeautifulSoup, figure: Tag) -> None:
    image = figure.find("img")
    if not isinstance(image, Tag):
        figure.unwrap()
        return
    src = _safe_url(str(image.get("src") or ""))
    alt = " ".join(str(image.get("alt") or "").split())
    caption_node = figure.find("figcaption")
    caption = ""
    if isinstance(caption_node, Tag):
        caption = html_to_myst(caption_node.decode_contents())
    if not src:
        figure.decompose()
        return
    if not caption:
        alt_text = escape_myst_text(alt)
        figure.replace_with(_block(soup, f"![{alt_text}]({src})"))
        return
    options = f":alt: {alt}\n" if alt else ""
    figure.replace_with(_block(soup, _fenced(f"{options}\n{caption}", "{figure} " + src)))


def _embed(soup: BeautifulSoup, node: Tag) -> None:
    attrs = _data_attrs(node)
    classes = set(node.get("class") or [])
    frame = node if node.name == "iframe" else node.find("iframe")
    src = str(frame.get("src") or "") if isinstance(frame, Tag) else ""
    url = str(attrs.get("url") or attrs.get("canonical_url") or "")
    text = str(attrs.get("title") or "")
    video = attrs.get("videoId") or _youtube_id(src)
    if video or "youtube-wrap" in classes:
        url = f"https://www.youtube.com/watch?v={video}" if video else src
        text = text or "Video on YouTube"
    elif "tweet" in classes or "twitter-tweet" in classes:
        user = attrs.get("username")
        text = f"Post by @{user}" if user else "Post on X (Twitter)"
        link = node.find("a", href=True)
        url = url or (str(link["href"]) if isinstance(link, Tag) else "")
    url = url or src
    if not url.startswith(("http://", "https://")):
        node.decompose()
        return
    label = escape_myst_text(" ".join((text or url).split()))
    node.replace_with(_block(soup, f"[{label}]({_safe_url(url)})"))


def _youtube_id(src: str) -> str:
    match = re.search(r"youtube(?:-nocookie)?\.com/embed/([\w-]+)", src)
    return match[1] if match else ""


def _shift_headings(soup: BeautifulSoup) -> None:
    """Renumber headings: the highest becomes ``<h2>``, and none skips a level.

    MyST warns about a heading more than one level below the one before it.
    """
    headings = soup.find_all(re.compile(r"^h[1-6]$"))
    levels = sorted({int(h.name[1]) for h in headings})
    previous = 1
    for heading in headings:
        level = min(2 + levels.index(int(heading.name[1])), previous + 1, 6)
        heading.name = f"h{level}"
        previous = level


# --------------------------------------------------------------------------
# Text


def _safe_url(url: str) -> str:
    """*url* with spaces, parentheses and angle brackets percent-encoded."""
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%-._~")


def _fenced(content: str, info: str = "") -> str:
    """A backtick fence around *content*, longer than any backtick run inside."""
    runs = [len(run) for run in re.findall(r"`+", content)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}{info}\n{content}\n{fence}"


def _tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row outside code fences."""
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            out.append(line)
            continue
        if match := re.match(r"^(`{3,}|~{3,})", stripped):
            fence = match[1]
        line = line.rstrip()
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")
