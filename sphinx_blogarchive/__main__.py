"""``python -m sphinx_blogarchive``: the command line (see :mod:`._cli`)."""

from __future__ import annotations

from ._cli import main

raise SystemExit(main())
