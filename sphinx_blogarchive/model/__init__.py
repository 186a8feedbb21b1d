"""The model: posts and the archive, as plain data.

Owns: dates, slugs, metadata readers (YAML front matter, reStructuredText
field lists), the validated post record (``_post_metadata``), parsing the fields
into it (``_parse``) and reading one post's file (``metadata``), excerpts,
the authors registry, listing selections, the post (``_post``), the archive
(``_archive``: terms, years) and the slugs of its terms (``_term_slugs``),
control-character cleaning and the warning types every layer uses.

May import: nothing.

Nothing of Sphinx's build side (application, environment, builders,
domains, directives, transforms): docutils nodes, ``sphinx.util`` and
``sphinx.locale`` only, so the ``check`` command and the importers use the
model without a build.
"""
