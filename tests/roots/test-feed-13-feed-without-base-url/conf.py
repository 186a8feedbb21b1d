# Source: shared/cases/13-feed-without-base-url (copied; names mapped).
# Changes: this conf.py is conf_no_base.py (variant A: no base URL);
#   blogarchive_posts -> blogarchive_post_pattern. Variant B (conf_fragment.py,
#   blogarchive_base_url -> html_baseurl) is this root with
#   confoverrides={"html_baseurl": "https://example.org/"}.
project = "Fixture blog"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
blogarchive_post_pattern = "posts/*"  # which documents are posts
# html_baseurl deliberately not set
exclude_patterns = ["_build"]
