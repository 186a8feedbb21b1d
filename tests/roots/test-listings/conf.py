# Listings: postlist options, layouts, fields, excerpts, reading time,
# pagination, related posts, month pages (issue 3).
project = "Listings"
extensions = ["myst_parser", "sphinx_design", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
