# Pinned, unlisted, updated and series posts (issue 15): seven posts, two
# per page, so that the archive and the "news" tag have a second page.
project = "Features"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://blog.example.org/"
blogarchive_posts_per_page = 2
