# A scheduled post, a broken one and a document with two sources: nothing
# about them may go unsaid, on any build (see test_hidden.py).
project = "Hidden"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
