"""``python -m sphinx_blogarchive``: the command line (see :mod:`sphinx_blogarchive.cli._main`)."""

from __future__ import annotations

from sphinx_blogarchive.cli._main import main

raise SystemExit(main())
