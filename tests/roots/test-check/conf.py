# Posts for the check command: every metadata problem the build reports,
# in MyST and reStructuredText, with the build's warnings as the reference.
project = "Check"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build", "posts/old/**"]
blogarchive_post_pattern = ["posts/**"]
blogarchive_timezone = "Europe/Berlin"
