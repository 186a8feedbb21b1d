"""The Markdown converter of the importers (``_md2myst``): each tool's markup, and odd input."""

from __future__ import annotations

import hypothesis
import hypothesis.strategies as st

from sphinx_blogarchive.cli.importers._md2myst import convert_markdown


def test_nested_admonitions_get_longer_fences() -> None:
    text = (
        '!!! note "Outer"\n'
        "    Before.\n\n"
        "    !!! warning\n"
        "        ```python\n"
        "        x = 1\n"
        "        ```\n\n"
        "After.\n"
    )
    assert convert_markdown(text).text == (
        "`````{admonition} Outer\n"
        ":class: note\n\n"
        "Before.\n\n"
        "````{warning}\n"
        "```python\n"
        "x = 1\n"
        "```\n"
        "````\n"
        "`````\n\n"
        "After."
    )


def test_code_fences_are_left_alone() -> None:
    text = "```md\n!!! note\n    not an admonition\n:::tip\n:::\n<!-- more -->\n```\n"
    converted = convert_markdown(text)
    assert converted.text == text.strip("\n")
    assert converted.notes == []


def test_nested_docusaurus_admonitions() -> None:
    text = "::::info[Outer]\n\n:::danger\nInner.\n:::\n\n::::\n"
    assert convert_markdown(text).text == (
        "````{admonition} Outer\n:class: note\n\n```{danger}\nInner.\n```\n````"
    )


def test_a_fence_inside_a_container_does_not_close_it() -> None:
    text = ":::note\n```text\n:::\n```\n:::\n"
    assert convert_markdown(text).text == "````{note}\n```text\n:::\n```\n````"


def test_an_unclosed_container_is_text_and_a_note() -> None:
    converted = convert_markdown("Intro.\n\n:::tip\nNo end.\n", first_line=7)
    assert converted.text == "Intro.\n\n:::tip\nNo end."
    assert converted.notes == ["line 9: ::: tip is never closed: kept as text"]


def test_only_the_first_more_marker_is_kept() -> None:
    text = "One.\n\n<!--more-->\n\nTwo.\n\n<!-- truncate -->\n\nThree.\n"
    assert convert_markdown(text).text == "One.\n\n<!-- more -->\n\nTwo.\n\n\nThree."


def test_headings_move_below_the_title() -> None:
    text = "# My title\n\nIntro.\n\n# Part one\n\n## Detail\n"
    assert convert_markdown(text, title="My title").text == ("Intro.\n\n## Part one\n\n### Detail")


def test_tabs_end_where_the_indentation_ends() -> None:
    text = '=== "A"\n\n    One.\n\n=== "B"\n    Two.\n\nAfter the tabs.\n'
    assert convert_markdown(text).text == (
        "````{tab-set}\n```{tab-item} A\nOne.\n```\n\n```{tab-item} B\nTwo.\n```\n````\n\n"
        "After the tabs."
    )


def test_unconverted_lines_are_kept_and_named() -> None:
    text = "{% include card.html %}\nSee {{ page.url }} here.\nUse `<Tabs>` in code.\n"
    converted = convert_markdown(text)
    assert converted.text == (
        "% {% include card.html %}\nSee {{ page.url }} here.\nUse `<Tabs>` in code."
    )
    assert converted.notes == [
        "line 1: a Liquid tag not converted: {% include card.html %}",
        "line 2: a template expression not converted, kept as text: {{ page.url }}",
    ]


@hypothesis.given(
    st.lists(
        st.sampled_from(
            [
                "!!! note",
                "    x",
                '=== "t"',
                ":::tip",
                ":::",
                "```",
                "# h",
                "<Tabs>",
                "</Tabs>",
                '<TabItem label="a">',
                "</TabItem>",
                "",
                "text",
                "::: {.callout-note}",
                "{% highlight c %}",
                "{% endhighlight %}",
                "<!-- more -->",
                "\ue000",
            ]
        ),
        max_size=30,
    )
)
def test_any_mix_converts_without_error(lines: list[str]) -> None:
    converted = convert_markdown("\n".join(lines), title="h")
    assert "\ue000" not in converted.text
