# Posts whose slugs clash: two files of one name in two folders (default
# slugs), a folder's index whose folder name another post declares as its
# slug, and two names that differ in case only.
project = "Post slugs"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
# posts/2023/recap declares a slug: posts/2024/recap alone answers to
# "recap". posts/a/digest and posts/b/digest both declare slugs: "digest"
# is a fallback for both, and ambiguous.
