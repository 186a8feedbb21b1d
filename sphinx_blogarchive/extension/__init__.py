"""The Sphinx side: the ``blog`` domain, collecting posts, directives, events.

Owns: the domain (the collection of posts and listings, cross-references),
collecting at read time, the directives and roles, the book, and the event
handlers that run the lower layers in a build.

May import: ``model``, ``config``, ``pages``, ``feeds``, ``record``, ``ablog``.
"""
