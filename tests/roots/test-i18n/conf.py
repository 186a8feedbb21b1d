# A German blog: the extension's catalog gives the words, and the translated
# default date pattern gives German dates ("9. März 2026").
project = "Ein Blog"
language = "de"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
blogarchive_archive_by_month = True
blogarchive_posts_per_page = 1
blogarchive_archive_on_one_page = True
blogarchive_listing_fields = ["date", "tags", "category", "author", "reading-time"]
