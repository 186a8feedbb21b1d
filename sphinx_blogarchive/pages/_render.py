"""Rendering of listings, indexes and post headers: their output.

Every listing goes through two steps: *data* (:mod:`._data`: plain,
JSON-able dicts that name targets by docname or page name; hashed into the
signatures that decide what to rewrite) and *output* (here). For HTML
builders the output is the package's Jinja templates (``blogarchive/*.html``,
overridable by file name) with relative URLs filled in (:mod:`._links`); for
other builders it is docutils nodes, where
links to generated pages become plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from sphinx_blogarchive.pages._labels import labels, site_labels
from sphinx_blogarchive.pages._links import page_links, uri_or_empty

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder

    from sphinx_blogarchive.pages._site import Site


def render_html(
    builder: Builder, template: str, data: dict[str, Any], fromname: str, site: Site
) -> str:
    """Render *data* with the package template *template* for page *fromname*."""
    context = page_links(builder, fromname, site)(data)
    templates = cast("StandaloneHTMLBuilder", builder).templates
    return str(templates.render(template, {"blog": context, "labels": site_labels(site)}))


def can_render_html(builder: Builder) -> bool:
    """True when *builder* writes HTML through a Jinja template bridge."""
    return builder.format == "html" and hasattr(builder, "templates")


def _ref(builder: Builder, fromname: str, target: str, text: str) -> nodes.Element:
    """A link to document *target*, or its text where the builder has no URI for it."""
    uri = uri_or_empty(builder, fromname, target)
    if not uri:
        return nodes.inline(text, text)
    ref = nodes.reference("", "", internal=True)
    ref["refuri"] = uri
    ref += nodes.inline(text, text)
    return ref


def listing_nodes(
    builder: Builder, data: dict[str, Any], fromname: str, site: Site
) -> list[nodes.Element]:
    """A listing as docutils nodes (for builders without HTML templates)."""
    result: list[nodes.Element] = []
    ordered = bool(data.get("ordered"))
    if data.get("pinned"):
        text = labels()["pinned_posts"]
        result.append(nodes.rubric(text, text, classes=["blogarchive-pinned"]))
        result.append(_entry_list(builder, data["pinned"], fromname, site))
    for grp in data["groups"]:
        if grp["heading"]:
            result.append(nodes.rubric(grp["heading"], grp["heading"]))
        result.append(_entry_list(builder, grp["entries"], fromname, site, ordered))
    return result


def _entry_list(
    builder: Builder,
    entries: list[dict[str, Any]],
    fromname: str,
    site: Site,
    ordered: bool = False,
) -> nodes.Element:
    """Listing *entries* as a bullet list (an enumerated one when *ordered*)."""
    items: nodes.Element = (
        nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        if ordered
        else nodes.bullet_list()
    )
    items["classes"].append("blogarchive-postlist")
    for entry in entries:
        para = nodes.paragraph()
        if site.links_to(builder, entry["docname"]):
            para += _ref(builder, fromname, entry["docname"], entry["title"])
        else:
            para += nodes.inline(entry["title"], entry["title"])
        if entry.get("subtitle"):
            para += nodes.Text(" \N{EM DASH} " + entry["subtitle"])
        if entry.get("date"):
            para += nodes.Text(f" ({entry['date']['text']})")
        if entry.get("authors"):
            para += nodes.Text(", ".join(f" {a['name']}" for a in entry["authors"]))
        items += nodes.list_item("", para)
    return items


def index_nodes(data: dict[str, Any]) -> list[nodes.Element]:
    """An index (tags, years, ...) as docutils nodes: names and counts, no links."""
    items = nodes.bullet_list(classes=["blogarchive-index"])
    for item in data["items"]:
        items += nodes.list_item("", nodes.paragraph(text=f"{item['name']} ({item['count']})"))
    return [items]


def header_nodes(data: dict[str, Any]) -> list[nodes.Element]:
    """A post header as docutils nodes: subtitle, dates and names as text."""
    result: list[nodes.Element] = []
    if data["status"] in ("draft", "future"):
        label = labels()["draft" if data["status"] == "draft" else "scheduled"]
        result.append(nodes.paragraph(text=f"[{label}]", classes=["blogarchive-status"]))
    if data["subtitle"]:
        result.append(nodes.paragraph(text=data["subtitle"], classes=["blogarchive-subtitle"]))
    parts = []
    if data["date"]:
        parts.append(data["date"]["text"])
    if data["updated"]:
        parts.append(f"{labels()['updated']} {data['updated']['text']}")
    for key in ("authors", "categories", "tags"):
        if data[key]:
            parts.append(", ".join(item["name"] for item in data[key]))
    if parts:
        result.append(nodes.paragraph(text=" · ".join(parts), classes=["blogarchive-meta"]))
    if series := data.get("series"):
        words = labels()
        part = words["series_part"] % {"part": series["part"], "of": series["of"]}
        text = f"{words['series']} {series['name']} · {part}"
        result.append(nodes.paragraph(text=text, classes=["blogarchive-series"]))
    return result
