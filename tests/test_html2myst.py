"""HTML bodies -> MyST Markdown (``_html2myst``), markup by markup."""

from __future__ import annotations

import html

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from sphinx_blogarchive.cli.importers._html2myst import MORE, html_to_myst

MYST = create_md_parser(MdParserConfig(), RendererHTML)


def shown(markdown: str) -> str:
    """The text a reader sees of *markdown*, rendered by MyST's Markdown parser."""
    return " ".join(BeautifulSoup(MYST.render(markdown), "html.parser").get_text().split())


@pytest.mark.parametrize(
    ("body", "markdown"),
    [
        ("", ""),
        ("<p></p><p> </p><p>&nbsp;</p><p><br></p>", ""),
        ("<p>One</p><p></p><p>Two</p>", "One\n\nTwo"),
        ("<p>a <em>b</em> <strong>c</strong> <code>d</code></p>", "a *b* **c** `d`"),
        ("<p>line<br>break</p>", "line\\\nbreak"),
        ("<h1>Top</h1><h3>Deeper</h3>", "## Top\n\n### Deeper"),
        ("<h4>Only</h4>", "## Only"),
        (
            "<h2>a</h2><h4>b</h4><h3>c</h3><h2>d</h2><h4>e</h4>",
            "## a\n\n### b\n\n### c\n\n## d\n\n### e",
        ),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<blockquote><p>quoted</p></blockquote>", "> quoted"),
        ("<pre><code>a ```\n\nb</code></pre>", "````\na ```\n\nb\n````"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "x"),
        ('<p><a href="https://e.org/a b(c)">link</a></p>', "[link](https://e.org/a%20b%28c%29)"),
        ("<p>x</p><script>alert(1)</script><style>p{}</style>", "x"),
        ('<div class="paywall-jump" data-component-name="PaywallToDOM"></div>', MORE),
        (
            '<p>a</p><div class="paywall-jump"></div><p>b</p><div class="paywall-jump"></div>',
            f"a\n\n{MORE}\n\nb",
        ),
        (
            '<div class="latex-rendered" data-attrs="{&quot;persistentExpression&quot;:'
            '&quot;E = mc^2&quot;}"></div>',
            "```{math}\nE = mc^2\n```",
        ),
    ],
)
def test_conversions(body: str, markdown: str) -> None:
    assert html_to_myst(body) == markdown


def test_captioned_image_is_a_figure() -> None:
    body = (
        '<div class="captioned-image-container"><figure><a class="image-link" href="big.png">'
        '<img src="https://e.org/a.png" alt="Alt text"></a>'
        '<figcaption class="image-caption">A <em>caption</em> with ``` ticks</figcaption>'
        "</figure></div>"
    )
    assert html_to_myst(body) == (
        "```{figure} https://e.org/a.png\n:alt: Alt text\n\nA *caption* with \\`\\`\\` ticks\n```"
    )


def test_image_without_caption() -> None:
    body = '<figure><img src="https://e.org/a.png" alt="x [y]"></figure>'
    assert html_to_myst(body) == "![x \\[y\\]](https://e.org/a.png)"
    assert html_to_myst("<figure><p>no image</p></figure>") == "no image"


def test_footnotes() -> None:
    body = (
        '<p>One<a class="footnote-anchor" href="#footnote-1">1</a> and two'
        '<a class="footnote-anchor" href="#footnote-2">2</a>, three'
        '<a class="footnote-anchor" href="#footnote-3">3</a>.</p>'
        '<div class="footnote"><a class="footnote-number" href="#footnote-anchor-1">1</a>'
        '<div class="footnote-content"><p>First.</p><p>More of it.</p></div></div>'
        '<div class="footnote"><a class="footnote-number" href="#footnote-anchor-2">2</a>'
        '<div class="footnote-content"><p>Second <a href="https://e.org">link</a>.</p></div></div>'
    )
    assert html_to_myst(body) == (
        "One[^1] and two[^2], three\\[3\\].\n\n"
        "[^1]: First.\n\n    More of it.\n\n"
        "[^2]: Second [link](https://e.org)."
    )


@pytest.mark.parametrize(
    ("body", "link"),
    [
        (
            '<div class="youtube-wrap" data-attrs="{&quot;videoId&quot;:&quot;v1&quot;}">'
            '<iframe src="https://www.youtube-nocookie.com/embed/v1"></iframe></div>',
            "[Video on YouTube](https://www.youtube.com/watch?v=v1)",
        ),
        (
            '<p><iframe src="https://www.youtube.com/embed/v2?rel=0"></iframe></p>',
            "[Video on YouTube](https://www.youtube.com/watch?v=v2)",
        ),
        (
            '<div class="tweet" data-attrs="{&quot;url&quot;:&quot;https://x.com/u/status/1'
            '&quot;,&quot;username&quot;:&quot;u&quot;}"><p>text</p></div>',
            "[Post by @u](https://x.com/u/status/1)",
        ),
        (
            '<div class="embedded-post-wrap" data-attrs="{&quot;url&quot;:&quot;https://a.'
            'substack.com/p/b&quot;,&quot;title&quot;:&quot;B *post*&quot;}"><p>card</p></div>',
            "[B \\*post\\*](https://a.substack.com/p/b)",
        ),
        (
            '<iframe src="https://open.spotify.com/embed/episode/1" title="x"></iframe>',
            "[https://open.spotify.com/embed/episode/1](https://open.spotify.com/embed/episode/1)",
        ),
        ('<iframe src="javascript:alert(1)"></iframe>', ""),
        ('<div class="tweet" data-attrs="not json"><p>gone</p></div>', ""),
    ],
)
def test_embeds_become_links(body: str, link: str) -> None:
    assert html_to_myst(body) == link


def test_substack_chrome_goes() -> None:
    body = (
        '<h2 class="header-anchor-post">Intro<div class="pencraft header-anchor-parent">'
        '<div class="header-anchor-widget"><button>#</button></div></div></h2>'
        '<div class="subscription-widget-wrap"><p>Subscribe!</p><form><input></form></div>'
        "<p>Body.</p>"
    )
    assert html_to_myst(body) == "## Intro\n\nBody."


@pytest.mark.parametrize(
    "text",
    [
        "% not a comment",
        "(target)=",
        "+++",
        "# not a heading",
        "> not a quote",
        "- not a list",
        "1. not a list",
        "2) nor this",
        "--- not a rule",
        "a <b>tag</b> &amp; an &copy; entity",
        "{role}`text` and `code` and $math$",
        "*stars* _underscores_ ~~strike~~ [link](x) ![img](y) \\backslash",
        ":::{note}",
    ],
)
def test_text_shows_as_written(text: str) -> None:
    assert shown(html_to_myst(f"<p>{html.escape(text)}</p>")) == text


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*list("ab #*_`[]()<>&;!%+-=:|{}$~\\.1"), "\n"]),
        min_size=1,
        max_size=30,
    )
)
def test_any_text_shows_as_written(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    assert shown(html_to_myst(f"<p>{html.escape(text)}</p>")) == expected
