# Source: shared/cases/23-stale-pages-after-rename-or-delete (copied).
# Changes: this conf.py replaces conf_fragment.py;
#   option names mapped;
#   feed options dropped.
project = "Fixture blog"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
blogarchive_post_pattern = "posts/*"  # which documents are posts
exclude_patterns = ["_build", "edits/*"]
