"""The incremental record: what the last build wrote, and what changed since.

Owns: the output record (``.blogarchive.json``: the pages, documents and posts
of the last successful build), the digests and signatures of the inputs,
the sets of documents, listings and pages to rewrite, and the state one
build carries between its events.

May import: ``model``, ``config``, ``pages``, ``feeds``.
"""
