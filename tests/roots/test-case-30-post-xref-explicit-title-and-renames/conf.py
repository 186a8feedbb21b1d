# Source: shared/cases/30-post-xref-explicit-title-and-renames (copied).
# Changes: this conf.py replaces conf_fragment.py;
#   option names mapped;
#   {post} role -> {blog:post};
#   feed options dropped;
#   the last line of index.md added: an explicit title that differs from the post title.
project = "Fixture blog"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
blogarchive_post_pattern = "posts/*"  # which documents are posts
exclude_patterns = ["_build"]
