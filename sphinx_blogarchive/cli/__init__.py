"""The ``sphinx-blogarchive`` command line: ``new``, ``check`` and ``import KIND``.

Owns: the commands, writing post files, and the importers of other blog
tools (``importers``).

May import: ``model``, ``config``, ``pages``, ``feeds``, ``record``, ``ablog``, ``extension``.
"""
