# Edge cases of posts: dates near a year boundary in different offsets, a
# title field that differs from the heading, a post with neither, two posts
# claiming one slug, and a dated page outside the post pattern.
project = "Edge"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
