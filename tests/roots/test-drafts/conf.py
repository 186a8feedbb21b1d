# Two published posts, two drafts and one post dated in the future (relative to
# the SOURCE_DATE_EPOCH the tests set). Each hidden post carries a tag,
# category, author or year that no published post has.
project = "Drafts"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
