"""The version of sphinx-blogarchive: one place, read by the package, feeds and the CLI."""

__version__ = "0.1.0"
