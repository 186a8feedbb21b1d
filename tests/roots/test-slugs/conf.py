# Tags whose names differ only in symbols (C++, C#; AC/DC and ac dc): each
# keeps a URL made from its own name (see test_slugs.py).
project = "Slugs"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
