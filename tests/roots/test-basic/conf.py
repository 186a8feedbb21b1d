# A small MyST blog: six posts over three years, with tags (in several
# spellings), categories, authors, a subtitle, a description alias, a post
# without a heading and two posts on the same day.
project = "Basic blog"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
