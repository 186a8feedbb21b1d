"""Feeds: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1, for the blog and each term.

Owns: the feed entries' data and HTML, serialising each format (feedgen for
Atom and RSS), and writing the feed files.

May import: ``model``, ``config``, ``pages``.
"""
