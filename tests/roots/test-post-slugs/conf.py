# Posts whose slugs clash: two files of one name in two folders (default
# slugs), a folder's index whose folder name another post declares as its
# slug, and two names that differ in case only.
project = "Post slugs"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
