"""Benchmarks of sphinx-blogarchive against plain Sphinx and ABlog (see README.md)."""
