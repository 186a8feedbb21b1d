"""ABlog compatibility: reading an ABlog project as it is.

Owns: ABlog's ``post`` and ``update`` directives, ``blogpost: true``, and the
mapping of its ``blog_*`` settings to ours. (The Sphinx side of ABlog's URL
layout lives with the extension.)

May import: ``model``, ``config``, ``pages``, ``feeds``, ``record``.
"""
