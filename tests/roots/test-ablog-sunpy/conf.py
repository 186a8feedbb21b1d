# An ABlog project shaped like a large community site (the sunpy.org kind):
# reStructuredText posts with ABlog's post directive beside MyST posts marked
# `blogpost: true`, built with dirhtml, ABlog's sidebars in html_sidebars, a
# placeholder blog.rst, old permalinks in `:redirect:`, per-term feeds.
# tests/test_ablog_sites.py builds it with ABlog, then with sphinx-blogarchive
# after the migration guide's edits. The content is made up for the test.
import ablog  # noqa: F401 (as ABlog projects have it)

project = "Star Watchers"
author = "The Star Watchers"
extensions = ["myst_parser", "ablog"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
templates_path = ["_templates"]
exclude_patterns = ["_build"]

html_sidebars = {
    "blog/**": [
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "ablog/authors.html",
    ],
    "posts/**": ["ablog/postcard.html", "ablog/recentposts.html", "ablog/archives.html"],
}

blog_path = "blog"
blog_title = "Star Watchers news"
blog_baseurl = "https://stars.example.org/"
blog_feed_archives = True
blog_authors = {
    "vega": ("Vega Lyra", "https://example.org/vega"),
    "rigel": ("Rigel Orion", None),
}
post_date_format = "%b %d, %Y"
