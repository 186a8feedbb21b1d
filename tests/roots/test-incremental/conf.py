# A small blog the incremental tests edit step by step: the archive is
# generated, the tags index is a document (tags.md), and index.md holds a
# postlist, so every kind of blog page is compared with a fresh build.
project = "Incremental"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
