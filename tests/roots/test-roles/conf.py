# Every role of the blog domain, resolved (implicit and explicit titles),
# unknown and pointing at a draft. index.md has one reference per line so
# that each warning's line number is checked.
project = "Roles"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
