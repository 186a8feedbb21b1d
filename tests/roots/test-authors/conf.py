# Authors registry: authors.yml beside conf.py (keys, names, a local avatar,
# an http(s) avatar, a URL, a bio), posts naming keys, names and an unknown
# key, and one entry given in blogarchive_authors.
project = "Authors"
copyright = "2024, the authors of the test"
author = "The test"
version = "1"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
html_baseurl = "https://blog.example.org/"
blogarchive_listing_fields = ["date", "author"]
blogarchive_authors = {"grace": {"name": "Grace Hopper", "url": "https://example.org/grace"}}
