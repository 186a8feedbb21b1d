"""HTML for feed entries: absolute URLs, and a post's full body.

Feed readers show an entry away from the site, so every link and image in
its HTML must be absolute (RFC 4287 section 4.1.3 leaves relative
references to ``xml:base``, which few readers honour; RSS 2.0 and JSON Feed
1.1 have nothing of the kind). :func:`absolutize` rewrites the URL
attributes of an HTML fragment against the post's own URL;
:func:`render_body` renders a post's resolved body with the builder, for
``blogarchive_feed_content = "full"``.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote, urljoin

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.util import logging, osutil

from sphinx_blogarchive.pages._links import URI_SAFE
from sphinx_blogarchive.pages._nodes import post_footer, post_header

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.writers.html5 import HTML5Translator

#: Attributes holding one URL, rewritten to absolute URLs.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "poster", "cite", "action"}
    # A listing's JSON index, for blogarchive.js (a listing inside a body).
    | {"data-blogarchive-index"}
)
#: Attributes holding a list of "URL [descriptor]" items.
SRCSET_ATTRIBUTES = frozenset({"srcset"})
#: The outer ``<section>`` of a rendered post (Sphinx's HTML5 translator).
_WRAPPER = re.compile(r"<section\b[^>]*>(.*)</section>", re.DOTALL)

#: Elements whose start tag has no end tag.
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track"}
    | {"wbr"}
)


class _Rewriter(HTMLParser):
    """Re-emit an HTML fragment with its URLs rewritten, without Sphinx's ``¶`` anchors.

    *url* maps each URL (stripped, not empty); with *drop_ids*, ``id``
    attributes are left out.
    """

    def __init__(self, url: Callable[[str], str], *, drop_ids: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.url = url
        self.drop_ids = drop_ids
        self.out: list[str] = []
        self._skip_depth = 0  # > 0 inside an <a class="headerlink">

    def _absolute(self, url: str) -> str:
        url = url.strip()
        return self.url(url) if url else url

    def _srcset(self, value: str) -> str:
        items = []
        for item in value.split(","):
            parts = item.strip().split(None, 1)
            if parts:
                parts[0] = self._absolute(parts[0])
                items.append(" ".join(parts))
        return ", ".join(items)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: bool) -> str:
        text = []
        for name, value in attrs:
            if self.drop_ids and name == "id":
                continue
            if value is None:
                text.append(f" {name}")
                continue
            if name in URL_ATTRIBUTES:
                value = self._absolute(value)
            elif name in SRCSET_ATTRIBUTES:
                value = self._srcset(value)
            text.append(f' {name}="{html.escape(value, quote=True)}"')
        return f"<{tag}{''.join(text)}{' /' if close else ''}>"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag not in VOID_ELEMENTS:
                self._skip_depth += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag == "a" and "headerlink" in classes:
            self._skip_depth = 1
            return
        self.out.append(self._tag(tag, attrs, close=False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth:
            self.out.append(self._tag(tag, attrs, close=True))

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            self._skip_depth -= 1
            return
        self.out.append(f"</{tag}>")

    def _raw(self, text: str) -> None:
        if not self._skip_depth:
            self.out.append(text)

    def handle_data(self, data: str) -> None:
        self._raw(data)

    def handle_entityref(self, name: str) -> None:
        self._raw(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._raw(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        # Comments carry nothing a reader shows; dropped.
        return

    def handle_decl(self, decl: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        self._raw(f"<![{data}]>")


def absolutize(fragment: str, base: str) -> str:
    """*fragment* (HTML) with every relative URL made absolute against *base*.

    *base* is an absolute URL (the post's own page). ``href``, ``src``,
    ``poster``, ``cite``, ``action`` and each URL of ``srcset`` are rewritten
    (``#top`` becomes ``<base>#top``; absolute and ``mailto:`` URLs are left
    as they are); attribute values are re-escaped, text is kept as written.
    Sphinx's heading anchors (``<a class="headerlink">¶</a>``) and HTML
    comments are dropped. Returns a string; never raises on malformed HTML.
    """
    parser = _Rewriter(lambda url: urljoin(base, url))
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out).strip()


#: A base no real URL has, to resolve the output's relative URLs against.
_HERE = "https://blogarchive.invalid/"


def relocate(fragment: str, source: str, target: str) -> str:
    """*fragment* (HTML rendered for the page at URI *source*) made safe on page *target*.

    *source* and *target* are the builder's target URIs of two pages
    (``posts/a.html``, ``blog/index.html``; dirhtml's ``posts/a/``). Every
    relative URL is rewritten to reach the same file from *target*; a
    fragment link (``#details``) points to *source*'s page; ``id``
    attributes are dropped, so the fragment adds no id that could clash
    with the page's own or another fragment's; heading anchors and comments
    go as in :func:`absolutize`. Absolute and ``mailto:`` URLs are kept.
    """
    base = _HERE + quote(source, safe=URI_SAFE)
    here = quote(target, safe=URI_SAFE)

    def rewrite(url: str) -> str:
        resolved = urljoin(base, url)
        if not resolved.startswith(_HERE):
            return url  # another site, mailto:...
        path, hash_, anchor = resolved[len(_HERE) :].partition("#")
        path, query_mark, query = path.partition("?")
        relative = osutil.relative_uri(here, path) or posixpath.basename(path) or "./"
        return f"{relative}{query_mark}{query}{hash_}{anchor}"

    parser = _Rewriter(rewrite, drop_ids=True)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out).strip()


def render_body(app: Sphinx, docname: str) -> str:
    """The HTML of post *docname*'s body, as its page shows it, minus title, header, footer.

    The doctree is read from the environment, its ``<h1>`` title, the
    post header and footer (related posts) are removed; every top-level
    section is kept (a post with several ``#`` headings keeps them all);
    references are resolved for *docname*
    (``doctree-resolved`` runs, so listings inside the post are filled),
    toctrees are dropped, images are mapped to ``_images/``, and the body is
    rendered with the builder's HTML translator, with URLs relative to
    *docname*'s page (make them absolute with :func:`absolutize`). Warnings
    met on the way are not shown again: the page's own writing showed them.
    """
    env = app.env
    builder = cast("StandaloneHTMLBuilder", app.builder)
    doctree = env.get_doctree(docname)
    for kind in (post_header, post_footer):
        for node in list(doctree.findall(kind)):
            node.parent.remove(node)
    section = next((c for c in doctree.children if isinstance(c, nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.remove(section[0])
    # Not public API, unavoidable: Sphinx has no call that renders a doctree as
    # a given page would. StandaloneHTMLBuilder.write_doc does it by setting
    # current_docname, imgpath, dlpath and the section and figure numbers,
    # then post_process_images, then walking the doctree with the builder's
    # translator; we do the same (and restore them). Not render_partial: its
    # docutils transforms need a language label for every admonition, and
    # Sphinx's (seealso...) have none. Tested on every cell of the version matrix.
    # Some are set by write_doc only: absent when this build wrote no page.
    saved = (
        getattr(builder, "current_docname", ""),
        getattr(builder, "imgpath", ""),
        getattr(builder, "dlpath", ""),
        getattr(builder, "secnumbers", {}),
        getattr(builder, "fignumbers", {}),
    )
    try:
        with logging.suppress_logging():
            env.apply_post_transforms(doctree, docname)
            for toctree in list(doctree.findall(addnodes.toctree)):
                parent = toctree.parent
                parent.remove(toctree)
                if isinstance(parent, nodes.compound) and not parent.children:
                    parent.parent.remove(parent)
            builder.current_docname = docname
            builder.imgpath = _relative(builder, docname, builder.imagedir)
            builder.dlpath = _relative(builder, docname, "_downloads")
            builder.secnumbers = env.toc_secnumbers.get(docname, {})
            builder.fignumbers = env.toc_fignumbers.get(docname, {})
            builder.post_process_images(doctree)
            parts = []
            for child in doctree.children:
                if isinstance(child, nodes.docinfo | nodes.decoration | nodes.target):
                    continue
                # Each top-level node, so sections keep their levels (<h1>,
                # <h2>...); the post's own section without its wrapper (a
                # post without a body gives "").
                fragment = _html_of(builder, child).strip()
                if child is section and (match := _WRAPPER.fullmatch(fragment)) is not None:
                    fragment = match.group(1).strip()
                if fragment:
                    parts.append(fragment)
            return "\n".join(parts)
    finally:
        (
            builder.current_docname,
            builder.imgpath,
            builder.dlpath,
            builder.secnumbers,
            builder.fignumbers,
        ) = saved


def _html_of(builder: StandaloneHTMLBuilder, node: nodes.Node) -> str:
    """*node* (a top-level node of a post) as the builder's translator writes it on the page."""
    document = new_document("", _writer_settings(builder))
    document += node.deepcopy()
    visitor = cast("HTML5Translator", builder.create_translator(document, builder))
    document.walkabout(visitor)
    return "".join(visitor.fragment)


def _relative(builder: StandaloneHTMLBuilder, docname: str, folder: str) -> str:
    from sphinx.util.osutil import relative_uri

    return relative_uri(builder.get_target_uri(docname), folder)


def _writer_settings(builder: StandaloneHTMLBuilder) -> Any:
    """The docutils settings the builder writes pages with (``docsettings``).

    Sphinx sets them when it prepares to write pages; Sphinx 7.4 skips that
    in a build with no page to write. Then they are made as it makes them:
    the HTML writer's defaults, the environment's settings, and
    ``html_compact_lists``.
    """
    settings = getattr(builder, "docsettings", None)
    if settings is not None:
        return settings
    from docutils.frontend import get_default_settings
    from sphinx.writers.html import HTMLWriter

    settings = get_default_settings(HTMLWriter(builder))
    for key, value in builder.env.settings.items():
        setattr(settings, key, value)
    settings.compact_lists = bool(builder.config.html_compact_lists)
    return settings
