# The real input: the repository's posts/ folder (the 42 Data Leverage posts).
# The test copies <repository>/posts into this root's copy before building,
# so the root itself holds only this file and index.md.
project = "Data Leverage Blog"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
blogarchive_post_pattern = ["posts/**"]
blogarchive_title = "Data Leverage Blog"
