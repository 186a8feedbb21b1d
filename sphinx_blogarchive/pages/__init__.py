"""Pages: where every blog page lives in one build, and writing them.

Owns: the :class:`~sphinx_blogarchive.pages._site.Site` (page names, URLs,
pagination), rendering of listings, indexes and post headers, the generated
pages, redirects, the sidebar widgets' data, data for search engines, and
the output folder's primitives (names the sources own, writing files only
when changed and never through a link, removing stale ones).

May import: ``model``, ``config``.
"""
