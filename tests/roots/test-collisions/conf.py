# Generated pages that would land on a name the user owns: a document whose
# name differs only in case, an html_additional_pages page, an
# html_extra_path file; and tags that slugify alike or equal a year.
project = "Collisions"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build", "extra", "templates"]
templates_path = ["templates"]
html_additional_pages = {"blog/category/notes": "custom.html"}
html_extra_path = ["extra"]
