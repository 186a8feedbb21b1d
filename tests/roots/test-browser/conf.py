# Thirteen posts over three years, three to a page, so the archive and the
# larger tag and author pages are paginated (archive: pages 1-3 and the
# first page, with the four newest; Ada Lovelace's six posts: page 1 and
# the first page). Used by the browser
# tests (tests/browser/) and the theme tests (test_themes.py).
project = "Browser blog"
extensions = ["myst_parser", "sphinx_design", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
blogarchive_posts_per_page = 3
blogarchive_listing_fields = ["date", "subtitle", "tags", "author"]
