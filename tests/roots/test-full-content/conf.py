# Full-content listings: posts with sections, links to each other and to
# their own sections, a footnote, an image and a code block, listed whole
# on the root document and on a page in another folder; one post lists
# posts in full itself.
project = "Full content"
copyright = "2024, the authors of the test"
author = "The test"
version = "1"
extensions = ["myst_parser", "sphinx_blogarchive"]
exclude_patterns = ["_build"]
myst_heading_anchors = 2
myst_footnote_transition = False
