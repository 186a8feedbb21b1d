# Feeds: posts with tags, categories and authors (one in reStructuredText),
# an `updated` date, an offset, a post with only a subtitle, a draft, a
# scheduled post, relative links and an image in a body, and a non-ASCII
# tag. Feeds are on because html_baseurl is absolute.
project = "Feed blog"
author = "Feed Team"
extensions = ["myst_parser", "sphinx_blogarchive"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_baseurl = "https://blog.example.org/"
blogarchive_title = "Feeds & Things"
blogarchive_description = "Notes on <feeds> & readers."
myst_heading_anchors = 2  # "#details" resolves with myst-parser 4 too
