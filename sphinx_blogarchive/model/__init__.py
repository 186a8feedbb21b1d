"""The model: posts and the archive, as plain data.

Owns: dates, slugs, metadata readers (YAML front matter, reStructuredText
field lists), the validated post record, excerpts, the authors registry,
listing selections, the archive (posts, terms, years), control-character
cleaning and the warning types every layer uses.

May import: nothing.

Nothing of Sphinx's build side (application, environment, builders,
domains, directives, transforms): docutils nodes, ``sphinx.util`` and
``sphinx.locale`` only, so the ``check`` command and the importers use the
model without a build.
"""
