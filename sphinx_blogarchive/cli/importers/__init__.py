"""The importers of other blogs: Substack, feeds, MkDocs Material, Docusaurus, and more.

Each reader module (Quarto, Jekyll, Hugo and WordPress besides) turns its
tool's files into imported posts (the record they share: ``_common``); the
shared writer (``_writer``) writes them as MyST posts, idempotently, with
nothing in them that MyST or Sphinx would evaluate (``_inert``).

May import: ``model`` and ``cli`` (the post file writer).
"""
