# Source: shared/cases/03-date-only-shifted-by-build-tz (copied; names mapped).
# Changes: this conf.py replaces conf_fragment.py; blogarchive_posts ->
#   blogarchive_post_pattern; blogarchive_base_url -> html_baseurl (Sphinx's).
project = "Fixture blog"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
blogarchive_post_pattern = "posts/*"  # which documents are posts
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
