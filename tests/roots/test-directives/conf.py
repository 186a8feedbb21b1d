# The archive and the tags and years indexes as documents holding the blog
# directives (so a navbar can link them): no generated twin is made.
project = "Directives"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
