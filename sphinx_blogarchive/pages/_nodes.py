"""Placeholder nodes: left in doctrees at read time, filled from the archive at write time."""

from __future__ import annotations

from docutils import nodes


class post_header(nodes.General, nodes.Element):
    """Placeholder for a post's header (dates, subtitle, tags, status)."""


class post_footer(nodes.General, nodes.Element):
    """Placeholder for a post's footer (related posts, comments block)."""


class listing_placeholder(nodes.General, nodes.Element):
    """Placeholder for a listing; ``index`` is its spec's position on the page."""
