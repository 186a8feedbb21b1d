# One post written twice, in MyST front matter and in an rST field list,
# and one broken post in each syntax (warnings with file and line).
project = "Spellings"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
