# Thirteen posts over three years, four to a page, so the archive and the
# larger tag pages are paginated (archive: pages 1-4). Used by the browser
# tests (tests/browser/) and the theme tests (test_themes.py).
project = "Browser blog"
extensions = ["myst_parser", "sphinx_design", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
blogarchive_posts_per_page = 4
blogarchive_listing_fields = ["date", "subtitle", "tags", "author"]
