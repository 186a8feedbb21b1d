# An ABlog project shaped like a small research group's site (the
# brainglobe.github.io kind): MyST posts marked `blogpost: true`, the html
# builder, pydata-sphinx-theme with ABlog's sidebars, a user's own blog/index
# page, postlists with ABlog's display options, `{ref}` to a post's label.
# tests/test_ablog_sites.py builds it with ABlog, then with sphinx-blogarchive
# after the migration guide's edits. The content is made up for the test.
import ablog  # noqa: F401 (as ABlog projects have it)

project = "Atlas Group"
author = "Atlas Group"
extensions = ["myst_parser", "ablog"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_sidebars = {
    "blog/**": [
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "ablog/authors.html",
    ],
}

blog_path = "blog"
blog_title = "Atlas Group blog"
blog_baseurl = "https://atlas.example.org/"
