# An ABlog project shaped like a personal site (the choldgraf.github.io kind,
# before its move away from Sphinx): MyST posts under blog/<year>/<name>
# found by blog_post_pattern, the dirhtml builder, full-text feeds, posts with
# several top-level headings, one unfinished post without blog metadata.
# tests/test_ablog_sites.py builds it with ABlog, then with sphinx-blogarchive
# after the migration guide's edits. The content is made up for the test.
import ablog  # noqa: F401 (as ABlog projects have it)

project = "Field notes"
author = "Sam Field"
extensions = ["myst_parser", "ablog"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]

blog_path = "blog"
blog_title = "Field notes"
blog_baseurl = "https://field.example.org/"
blog_post_pattern = "blog/*/*"
blog_feed_fulltext = True
blog_authors = {"sam": ("Sam Field", "https://field.example.org/about/")}
blog_default_author = "sam"
fontawesome_included = True
post_redirect_refresh = 1
