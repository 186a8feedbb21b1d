"""The importers of other blogs: Substack, feeds, MkDocs Material, Docusaurus, and more.

Each reader module (Quarto, Jekyll, Hugo and WordPress besides) turns its
tool's files into imported posts; the shared writer (``_common``) writes
them as MyST posts, idempotently.

May import: ``model`` and ``cli`` (the post file writer).
"""
