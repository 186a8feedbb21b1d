# A post written on New Year's Eve in New York (-05:00): in UTC and in
# Berlin it is already the next year (see test_timezone.py).
project = "Time zones"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/"
blogarchive_archive_by_month = True
