"""Pages: where every blog page lives in one build, and writing them.

Owns: the :class:`~sphinx_blogarchive.pages._site.Site` (page names, URLs,
pagination), rendering of listings, indexes and post headers, the generated
pages, redirects, the sidebar widgets' data, and data for search engines.

May import: ``model``, ``config``.
"""
