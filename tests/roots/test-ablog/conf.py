# An ABlog project as ABlog's documentation lays it out (conf.py of
# "ablog start", trimmed): tests/test_ablog.py builds it with ABlog, then
# with sphinx-blogarchive after the migration guide's three edits.
import ablog  # noqa: F401 (as ABlog projects have it)

project = "ABlog site"
extensions = ["myst_parser", "ablog"]
# ABlog before 0.11 also had: templates_path.append(ablog.get_html_templates_path())
templates_path = ["_templates"]
exclude_patterns = ["_build"]

blog_path = "blog"
blog_title = "ABlog site"
blog_baseurl = "https://blog.example.org/"
blog_authors = {
    "ada": ("Ada Lovelace", None),
    "grace": ("Grace Hopper", "https://example.org/grace"),
}
post_date_format = "%d %B %Y"
